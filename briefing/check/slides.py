"""What one slide holds and how it reads: the counts, lines and sizes of its text, what
layout had to do to fit it, its pictures' alternative text and its colours."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from briefing.check.contrast import ContrastProblem
from briefing.check.deck import LaidOut
from briefing.check.speech import FURNITURE, Talk, TextCount, count_all, shown_texts
from briefing.layout.boxes import Page, Paragraph, Picture, TextFrame
from briefing.report import BuildWarning

SHRINKING = ("shrunk", "below_minimum")


@dataclass(frozen=True)
class Shrink:
    """Text layout set smaller than its largest size: what, from and to (points)."""

    what: str
    size_from: float
    size_to: float
    below_minimum: bool

    def as_json(self) -> dict[str, Any]:
        """Return the shrink as a JSON-ready mapping."""
        return {"what": self.what, "from": self.size_from, "to": self.size_to,
                "below_minimum": self.below_minimum}


@dataclass(frozen=True)
class SlideCheck:
    """Everything the check found on one slide (sizes in points, times in seconds);
    ``warnings`` are what laying it out raised."""

    number: int
    planned: int  # the position of the planned slide it was laid out from
    title: str
    kind: str
    section: str | None
    text: TextCount
    bullets: int
    lines: int
    smallest_pt: float | None
    shrunk: tuple[Shrink, ...]
    continued: bool
    talk: Talk
    alt_text_missing: tuple[str, ...]
    contrast_problems: tuple[ContrastProblem, ...]
    warnings: tuple[BuildWarning, ...] = field(default_factory=tuple)
    density_problems: tuple[str, ...] = field(default_factory=tuple)
    follows: bool = False  # another kind of content of the section of the slide before

    @property
    def has_problem(self) -> bool:
        """Return whether a presenter should fix something on this slide."""
        return bool(self.alt_text_missing or self.contrast_problems or self.density_problems
                    or any(warning.must_fix for warning in self.warnings))

    def as_json(self) -> dict[str, Any]:
        """Return the slide as a JSON-ready mapping (the fields scripts rely on)."""
        return {"number": self.number, "title": self.title, "kind": self.kind,
                "section": self.section, "words": self.text.words,
                "characters": self.text.characters, "bullets": self.bullets,
                "lines": self.lines, "smallest_pt": self.smallest_pt,
                "shrunk": [shrink.as_json() for shrink in self.shrunk],
                "continued": self.continued, "talk_seconds": round(self.talk.seconds, 1),
                "talk_from": self.talk.source,
                "alt_text_missing": list(self.alt_text_missing),
                "contrast_problems": [problem.as_json() for problem in self.contrast_problems],
                "density_problems": list(self.density_problems)}


def content_paragraphs(page: Page) -> list[Paragraph]:
    """Return the paragraphs of the page's title and content frames (furniture left out)."""
    frames = [page.title] if page.title is not None else []
    frames += [shape for shape in page.shapes
               if isinstance(shape, TextFrame) and shape.name not in FURNITURE]
    return [paragraph for frame in frames for paragraph in frame.paragraphs]


def bullet_count(page: Page) -> int:
    """Return how many bulleted paragraphs (points and sub-points) the page shows."""
    return sum(1 for shape in page.shapes if isinstance(shape, TextFrame)
               and shape.role == "body" and shape.name in ("Text", "Column")
               for _ in shape.paragraphs)


def shrinks(slide: LaidOut) -> tuple[Shrink, ...]:
    """Return the text layout set smaller than its largest size on ``slide``."""
    return tuple(Shrink(w.what or w.message, w.size_from, w.size_to, w.kind == "below_minimum")
                 for w in slide.warnings
                 if w.kind in SHRINKING and w.size_from is not None and w.size_to is not None)


def missing_alt(slide: LaidOut) -> tuple[str, ...]:
    """Return the image (its path as the outline gives it) of each picture on ``slide``
    with no alternative text (neither ``alt`` nor a caption to stand in for it)."""
    section = slide.spec.section
    name = section.image.path if section is not None and section.image is not None else "image"
    return tuple(name for shape in slide.page.shapes
                 if isinstance(shape, Picture) and not shape.alt.strip())


def measure(number: int, slide: LaidOut, talk: Talk,
            contrast: list[ContrastProblem]) -> SlideCheck:
    """Return what the check finds on ``slide`` (slide ``number``), density not yet judged."""
    page = slide.page
    paragraphs = content_paragraphs(page)
    title = page.title.paragraphs[0].text if page.title and page.title.paragraphs else ""
    section = slide.spec.section
    return SlideCheck(
        number=number, planned=slide.planned, title=title, kind=page.kind,
        section=section.title if section is not None else None,
        text=count_all(shown_texts(page)), bullets=bullet_count(page),
        lines=sum(len(p.lines) for p in paragraphs),
        smallest_pt=min((p.size for p in paragraphs), default=None),
        shrunk=shrinks(slide), continued=slide.group > 1, talk=talk,
        alt_text_missing=missing_alt(slide), contrast_problems=tuple(contrast),
        follows=slide.spec.continues,
        warnings=slide.warnings)
