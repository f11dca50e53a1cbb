"""The article as every reader returns it: a title and a flat run of blocks in reading order."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "item", "quote"]


@dataclass(frozen=True)
class Block:
    """One block of the article.

    ``level`` is a heading's rank (1 is the highest, as in h1-h6) or a list item's nesting
    depth (0 outermost). ``line`` is the 1-based line in the source file (0 when unknown).
    ``by`` is a quotation's attribution when the markup names one (an HTML ``<cite>``, a
    Markdown ``— Name`` line). ``furniture`` says why a reader already knows the block is
    not part of the article (a block that is one link, a byline in the article's header).
    """

    kind: BlockKind
    text: str
    level: int = 0
    line: int = 0
    by: str | None = None
    furniture: str | None = None


@dataclass(frozen=True)
class Article:
    """An article read from a file: its title, the blocks after it, and where it came from.

    ``labels`` are the short lines a page shows above the title (category labels, kickers);
    ``source`` is the file name, ``url`` the page's own address when the file names one.
    """

    title: str
    blocks: tuple[Block, ...]
    source: str
    labels: tuple[str, ...] = ()
    subtitle: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)


SUBTITLE_SEPARATORS = (":", "：", " — ", " – ", " - ", "―", "──")
MIN_TITLE_PART = 4


def split_title(text: str) -> tuple[str, str | None]:
    """Return ``text`` split into title and subtitle at its first separator (``:``, ``：``,
    a spaced dash), or the whole text and None when it has none or a side would be tiny."""
    for separator in SUBTITLE_SEPARATORS:
        head, found, tail = text.partition(separator)
        head, tail = head.strip(), tail.strip()
        if found and len(head) >= MIN_TITLE_PART and len(tail) >= MIN_TITLE_PART:
            return head, tail
    return text.strip(), None


def is_cjk(char: str) -> bool:
    """Return whether ``char`` is kana, a CJK ideograph or CJK punctuation."""
    code = ord(char)
    return (0x3000 <= code <= 0x30FF or 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF
            or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF)


def join_lines(lines: list[str]) -> str:
    """Return wrapped lines joined into one: no space where a line ends or starts with a
    CJK character (Japanese puts no space between kana or kanji and Latin words), one space
    elsewhere."""
    text = ""
    for line in (line.strip() for line in lines):
        if not line:
            continue
        if text and not (is_cjk(text[-1]) or is_cjk(line[0])):
            text += " "
        text += line
    return text


def detect_language(texts: list[str]) -> str:
    """Return "ja" when at least a fifth of the letters in ``texts`` are kana or ideographs,
    else "en" (a script count; Japanese prose is mostly kana and kanji even around Latin
    acronyms)."""
    letters = cjk = 0
    for text in texts:
        for char in text:
            if char.isalpha():
                letters += 1
                cjk += is_cjk(char)
    return "ja" if letters and cjk / letters >= 0.2 else "en"
