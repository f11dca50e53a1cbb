"""Parts and sections from the article's heading ranks.

With two or more heading ranks below the title, the highest is a part and the next a
section; deeper headings stay inside their section. With one rank, every heading is a
section and there are no parts. Text before the first heading is the lead; text between a
part heading and its first section becomes a section of its own, titled as the part.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.draft.article import Article, Block


@dataclass
class Passage:
    """A section of the article: its heading and its blocks (paragraphs, items, quotes,
    and the headings below section rank)."""

    title: str
    blocks: list[Block] = field(default_factory=list)
    line: int = 0


@dataclass
class Part:
    """A part of the article: its heading (None when the article has no parts) and its
    sections."""

    title: str | None
    passages: list[Passage] = field(default_factory=list)
    line: int = 0


@dataclass
class Body:
    """The article's lead and its parts in order."""

    lead: list[Block]
    parts: list[Part]

    @property
    def passages(self) -> list[Passage]:
        """Return every section in order."""
        return [passage for part in self.parts for passage in part.passages]


def body_of(article: Article) -> Body:
    """Return the article's lead and parts (see the module docstring)."""
    levels = sorted({block.level for block in article.blocks if block.kind == "heading"})
    part_level = levels[0] if len(levels) >= 2 else None
    section_level = levels[1] if len(levels) >= 2 else (levels[0] if levels else 0)
    lead: list[Block] = []
    parts: list[Part] = []
    for block in article.blocks:
        if block.kind == "heading" and block.level == part_level:
            parts.append(Part(block.text, [], block.line))
        elif block.kind == "heading" and block.level == section_level:
            if not parts:
                parts.append(Part(None))
            parts[-1].passages.append(Passage(block.text, [], block.line))
        elif not parts:
            lead.append(block)
        else:
            part = parts[-1]
            if not part.passages:
                part.passages.append(Passage(part.title or article.title, [], part.line))
            part.passages[-1].blocks.append(block)
    return Body(lead, [part for part in parts if part.passages])
