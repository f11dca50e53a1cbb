"""Positioned, immutable values that layout produces and backends draw. Unit: points."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Literal

from briefing.color import Color
from briefing.evolve import evolve
from briefing.geometry import Box, Insets
from briefing.text.markup import Span, plain_spans, spans_of_lines

Align = Literal["l", "ctr", "r"]
Anchor = Literal["t", "ctr", "b"]


@dataclass(frozen=True)
class Run:
    """A piece of one line set in one face and one style, as layout measured it: ``x`` is
    where it starts and ``width`` how far it reaches, in points from the start of its line
    (or, in a ``PlacedLine``, on the page). ``east_asian`` picks the East Asian face."""

    text: str
    x: float
    width: float
    east_asian: bool
    bold: bool = False
    italic: bool = False
    href: str | None = None


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: its text, the lines layout predicted, and how it is set.

    ``color`` None keeps the colour the placeholder's style gives; ``inherit`` keeps its
    bullet, margins and alignment too (a paragraph of a placeholder frame set as its style
    says). ``indent`` is where the text starts, in points from the frame's text area.
    ``text`` is what the reader sees ("\n" a line break inside the paragraph) and ``lines``
    its predicted lines; ``spans``, when given, style that text (bold, italic, links).

    Text the project draws itself (the one-pager, the handout) is also *set*: ``runs`` holds
    each line's runs with their measured positions, and ``bullet_run`` the bullet hung at
    its place in the paragraph's first line (``briefing.layout.typeset.set_frame``), so a
    renderer draws without measuring. ``bullet_color`` None draws the bullet in the text's
    colour.
    """

    text: str
    lines: tuple[str, ...]
    size: float
    color: Color | None
    level: int = 0
    bullet: str | None = None
    indent: float = 0.0
    space_before: float = 0.0
    align: Align = "l"
    bold: bool = False
    field: Literal["slidenum", "datetime"] | None = None
    inherit: bool = False
    spans: tuple[Span, ...] = ()
    runs: tuple[tuple[Run, ...], ...] = ()
    bullet_run: Run | None = None
    bullet_color: Color | None = None

    @property
    def styled(self) -> tuple[Span, ...]:
        """Return the paragraph's text as styled spans, line breaks as spans of their own
        (one plain span per line when it has no ``spans``)."""
        return self.spans or plain_spans(self.text)

    def line_spans(self) -> list[tuple[Span, ...]]:
        """Return the spans of each predicted line."""
        return spans_of_lines(self.styled, self.lines)


@dataclass(frozen=True)
class TextFrame:
    """A text box; ``explicit_breaks`` writes the predicted lines as hard breaks (titles).

    ``line_height`` is the distance between baselines in ems of each paragraph's size.
    ``placeholder`` names the (type, idx) of the layout placeholder the text goes into; such
    a frame keeps the placeholder's geometry unless ``moved``, and its insets, anchor and
    typefaces unless ``insets`` / ``faces`` say otherwise. ``box`` is always the whole frame
    and ``insets`` (or the placeholder's) the space between it and the text.
    """

    box: Box
    paragraphs: tuple[Paragraph, ...]
    line_height: float
    role: Literal["title", "subtitle", "body", "text"] = "text"
    anchor: Anchor = "t"
    explicit_breaks: bool = False
    lang: str = "en"
    name: str = "Text"
    placeholder: tuple[str, int] | None = None
    moved: bool = True
    insets: Insets | None = None
    faces: tuple[str | None, str | None] = (None, None)
    inherit_anchor: bool = False

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
    fill: Color | None
    line: Color | None = None
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
    color: Color
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
    placeholder: tuple[str, int] | None = None  # the picture placeholder it fills, if any


Shape = TextFrame | Rect | Rule | Picture


@dataclass(frozen=True)
class PlacedLine:
    """One line of a set frame at its final position: ``y`` is the baseline, ``x`` the start
    of its first run, ``runs`` its pieces placed on the page. ``spans`` are the line's text in
    its styles; a bullet is a line of its own (``bullet`` true)."""

    text: str
    x: float
    y: float
    size: float
    color: str
    bold: bool
    spans: tuple[Span, ...] = ()
    runs: tuple[Run, ...] = ()
    bullet: bool = False


def line_width(runs: tuple[Run, ...]) -> float:
    """Return how far ``runs`` (positions from their line's start) reach, in points."""
    return max((run.x + run.width for run in runs), default=0.0)


def frame_lines(frame: TextFrame, baseline: float) -> Iterator[PlacedLine]:
    """Return the lines (and bullets) of a set ``frame`` at their places: each line
    ``baseline`` ems below its top, aligned in the text area (the box less its insets) as its
    paragraph says, from the paragraph's indent to the right edge.

    Raises ValueError for a paragraph that was not set (no runs for its lines).
    """
    area = frame.insets.apply(frame.box) if frame.insets else frame.box
    for paragraph, top in paragraph_tops(frame):
        if len(paragraph.runs) != len(paragraph.lines):
            raise ValueError(f"paragraph {paragraph.text[:30]!r} of frame {frame.name!r} "
                             "was not set: layout gives every drawn line its runs")
        color = paragraph.color.rgb if paragraph.color else "000000"
        first = top + baseline * paragraph.size
        if paragraph.bullet and paragraph.bullet_run is not None:
            mark = paragraph.bullet_run
            x = area.x + mark.x
            tint = paragraph.bullet_color.rgb if paragraph.bullet_color else color
            yield PlacedLine(paragraph.bullet, x, first, paragraph.size, tint, False,
                             (Span(paragraph.bullet),), (replace(mark, x=x),), bullet=True)
        room = area.w - paragraph.indent
        for index, (line, spans, runs) in enumerate(zip(
                paragraph.lines, paragraph.line_spans(), paragraph.runs, strict=True)):
            slack = room - line_width(runs)
            x = area.x + paragraph.indent + {"l": 0.0, "ctr": slack / 2,
                                             "r": slack}[paragraph.align]
            y = first + index * frame.line_height * paragraph.size
            yield PlacedLine(line, x, y, paragraph.size, color, paragraph.bold, spans,
                             tuple(evolve(run, x=x + run.x) for run in runs))


def paragraph_tops(frame: TextFrame) -> Iterator[tuple[Paragraph, float]]:
    """Return each paragraph of ``frame`` with the y of its first line's top (the frame's
    anchor places the text's height in the box)."""
    slack = frame.box.h - frame.text_height
    y = frame.box.y + {"t": 0.0, "ctr": slack / 2, "b": slack}[frame.anchor]
    for index, paragraph in enumerate(frame.paragraphs):
        y += paragraph.space_before if index else 0.0
        yield paragraph, y
        y += len(paragraph.lines) * paragraph.size * frame.line_height


@dataclass(frozen=True)
class Page:
    """One slide: its kind, the layout it is drawn on, its title, other shapes in z-order,
    speaker notes and footers.

    ``layout`` is the position of the layout among the template's layouts. ``footers`` maps
    a footer placeholder type (``dt``, ``ftr``, ``sldNum``) to the text it shows.
    """

    kind: str
    title: TextFrame | None
    shapes: tuple[Shape, ...]
    notes: str | None = None
    layout: int = 0
    footers: dict[str, str] = field(default_factory=dict)
    footer_boxes: dict[str, Box] = field(default_factory=dict)  # footers moved off decorations
    footer_sizes: dict[str, float] = field(default_factory=dict)  # footers set smaller to fit
    footer_faces: tuple[str | None, str | None] = (None, None)  # typefaces footers name
    footer_colors: dict[str, Color] = field(default_factory=dict)  # footers made readable
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def key(self) -> tuple[object, ...]:
        """Return every field of the page in a hashable form (each mapping as its sorted
        items), to find what an earlier build made of the same page."""
        return tuple(tuple(sorted(value.items())) if isinstance(value, dict) else value
                     for value in (self.kind, self.title, self.shapes, self.notes, self.layout,
                                   self.footers, self.footer_boxes, self.footer_sizes,
                                   self.footer_faces, self.footer_colors, self.warnings))
