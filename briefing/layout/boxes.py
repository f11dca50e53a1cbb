"""Positioned, immutable values that layout produces and backends draw. Unit: points."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Align = Literal["l", "ctr", "r"]
Anchor = Literal["t", "ctr", "b"]


@dataclass(frozen=True)
class Box:
    """A rectangle: left, top, width and height in points."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        """Return the x of the right edge."""
        return self.x + self.w

    @property
    def bottom(self) -> float:
        """Return the y of the bottom edge."""
        return self.y + self.h

    def inset(self, dx: float, dy: float | None = None) -> Box:
        """Return this box shrunk by ``dx`` left and right and ``dy`` top and bottom."""
        dy = dx if dy is None else dy
        return Box(self.x + dx, self.y + dy, self.w - 2 * dx, self.h - 2 * dy)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: its text, the lines layout predicted, and how it is set."""

    text: str
    lines: tuple[str, ...]
    size: float
    color: str
    level: int = 0
    bullet: str | None = None
    indent: float = 0.0
    space_before: float = 0.0
    align: Align = "l"
    bold: bool = False
    field: Literal["slidenum"] | None = None


@dataclass(frozen=True)
class TextFrame:
    """A text box; ``explicit_breaks`` writes the predicted lines as hard breaks (titles).

    ``line_height`` is the distance between baselines in ems of each paragraph's size.
    """

    box: Box
    paragraphs: tuple[Paragraph, ...]
    line_height: float
    role: Literal["title", "subtitle", "body", "text"] = "text"
    anchor: Anchor = "t"
    explicit_breaks: bool = False
    lang: str = "en"
    name: str = "Text"
    placeholder: Literal["body", "body2"] | None = None

    @property
    def text_height(self) -> float:
        """Return the height the predicted lines take, paragraph spacing included."""
        total = 0.0
        for index, paragraph in enumerate(self.paragraphs):
            if index:
                total += paragraph.space_before
            total += len(paragraph.lines) * paragraph.size * self.line_height
        return total


@dataclass(frozen=True)
class Rect:
    """A filled shape: rectangle, rounded rectangle or ellipse."""

    box: Box
    fill: str | None
    line: str | None = None
    line_width: float = 0.0
    shape: Literal["rect", "roundRect", "ellipse"] = "rect"
    name: str = "Shape"


@dataclass(frozen=True)
class Rule:
    """A straight line between two points."""

    x1: float
    y1: float
    x2: float
    y2: float
    color: str
    width: float = 1.0
    name: str = "Line"


@dataclass(frozen=True)
class Picture:
    """An image placed in ``box`` (already fitted to its aspect ratio)."""

    box: Box
    data: bytes
    mime: str
    alt: str
    name: str = "Picture"


Shape = TextFrame | Rect | Rule | Picture


@dataclass(frozen=True)
class Page:
    """One slide: its kind, the title frame, other shapes in z-order and speaker notes."""

    kind: str
    title: TextFrame | None
    shapes: tuple[Shape, ...]
    background: str | None
    notes: str | None = None
    subtitle: TextFrame | None = None
    layout_hint: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    footer: tuple[str, str] | None = None  # (text, slide number) for a template's footers
    layout_name: str | None = None  # a layout the outline asked for by name
