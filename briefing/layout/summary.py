"""The one-page summary: every block of the printable briefing sheet positioned on one page."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from briefing.color import Color
from briefing.geometry import Box
from briefing.labels import label
from briefing.layout.boxes import Paragraph, Picture, Rect, Rule, Shape, TextFrame
from briefing.media import PreparedImage, prepare_image
from briefing.outline.model import (
    Column,
    Event,
    Figure,
    ImageRef,
    Outline,
    Point,
    Quote,
    Section,
    Source,
)
from briefing.outline.validate import LoadedOutline
from briefing.report import Warnings
from briefing.text.breaking import break_units
from briefing.text.fit import WIDTH_SAFETY, wrap_heading, wrap_text
from briefing.text.fonts import Measurer
from briefing.text.markup import Span, joined, link_spans, parse_inline, plain_spans, text_of
from briefing.theme.tokens import Theme

Paper = Literal["a4", "letter"]
PAPERS: dict[str, tuple[float, float]] = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
MARGIN = 36.0
GUTTER = 18.0
WIDE_PAGE = 700.0  # content wider than this (landscape) gets three grid columns
MIN_IMAGE = 80.0
SLACK = 0.04  # up to this share of the page, spare room spreads the grid; beyond, it goes below
ROW_GAP = 13.0
BODY_SIZES = (10.0, 9.75, 9.5, 9.25, 9.0, 8.75, 8.5)
TITLE_SIZES = (20.0, 19.0, 18.0, 17.0, 16.0, 15.0)
MIN_SIZE = 7.0
FOOTER_SIZE = 7.5  # the marking and the author line
FOOTER_GAP = 12.0
EVENT_MIN_WIDTH = 56.0
EVENT_GAP = 10.0
# Where a bullet's centre sits above the baseline, in ems: the middle of the x-height for
# Latin text, the middle of the ideographic em box for Japanese.
MIDLINE = {"ja": 0.37, "en": 0.29}
# Labels that labels.py does not have yet.
LOCAL_LABELS = {"ja": {"credit": "提供"}, "en": {"credit": "Credit"}}


@dataclass(frozen=True)
class Sheet:
    """The laid-out one-page summary: page size, shapes in z-order and what was left out."""

    width: float
    height: float
    shapes: tuple[Shape, ...]
    omitted: tuple[str, ...]
    title: str
    lang: str
    baseline: float = 1.16  # ems from the top of a line to its baseline


@dataclass(frozen=True)
class PlacedLine:
    """One predicted line of text at its final position: ``y`` is the baseline; ``spans``
    are the line's text in its styles (bold, italic, links)."""

    text: str
    x: float
    y: float
    size: float
    color: str
    bold: bool
    spans: tuple[Span, ...] = ()


def frame_lines(frame: TextFrame, baseline: float) -> Iterator[PlacedLine]:
    """Return the lines of ``frame`` placed flush left, ``baseline`` ems below each line top."""
    for paragraph, top in paragraph_tops(frame):
        for index, (line, spans) in enumerate(zip(paragraph.lines, paragraph.line_spans(),
                                                  strict=True)):
            y = top + (index * frame.line_height + baseline) * paragraph.size
            yield PlacedLine(line, frame.box.x + paragraph.indent, y, paragraph.size,
                             paragraph.color.rgb if paragraph.color else "000000",
                             paragraph.bold, spans)


def paragraph_tops(frame: TextFrame) -> Iterator[tuple[Paragraph, float]]:
    """Return each paragraph of ``frame`` with the y of its first line's top."""
    slack = frame.box.h - frame.text_height
    y = frame.box.y + {"t": 0.0, "ctr": slack / 2, "b": slack}[frame.anchor]
    for index, paragraph in enumerate(frame.paragraphs):
        y += paragraph.space_before if index else 0.0
        yield paragraph, y
        y += len(paragraph.lines) * paragraph.size * frame.line_height


def sheet_lines(sheet: Sheet) -> Iterator[PlacedLine]:
    """Return every text line of ``sheet`` in drawing order."""
    for shape in sheet.shapes:
        if isinstance(shape, TextFrame):
            yield from frame_lines(shape, sheet.baseline)


def paper_size(paper: Paper, landscape: bool) -> tuple[float, float]:
    """Return (width, height) in points of ``paper``, turned when ``landscape``."""
    width, height = PAPERS[paper]
    return (height, width) if landscape else (width, height)


# --- what goes on the sheet -----------------------------------------------------------------


@dataclass(frozen=True)
class _Cut:
    """How much is left out; each step of ``_cuts`` leaves out a little more."""

    sub_points: bool = True
    event_text: bool = True
    caps: tuple[tuple[int, int], ...] = ()  # (section index, points shown at most)
    max_sources: int = 1000
    dropped: tuple[int, ...] = ()
    image: bool = True
    max_summary: int = 1000

    def cap(self, index: int) -> int:
        """Return how many points section ``index`` shows at most (``keep`` points aside)."""
        return self._caps.get(index, 1000)

    @functools.cached_property
    def _caps(self) -> dict[int, int]:
        """Return the caps as a mapping (built once per cut)."""
        return dict(self.caps)


@dataclass(frozen=True)
class _Content:
    """The outline's content that one cut keeps, ready to lay out."""

    outline: Outline
    summary: tuple[str, ...]
    sections: tuple[Section, ...]
    wide: tuple[Section, ...]
    image: tuple[ImageRef, PreparedImage] | None
    sources: tuple[Source, ...]


def _cuts(outline: Outline) -> Iterator[_Cut]:
    """Return ever larger cuts: sub-points, event details, later points, whole sections."""
    cut = _Cut()
    yield cut
    cut = replace(cut, sub_points=False)
    yield cut
    cut = replace(cut, event_text=False)
    yield cut
    for step in _trimmings(outline, cut, floor=3):
        cut = step
        yield cut
    cut = replace(cut, max_sources=3)
    yield cut
    for index in _droppable(outline, keep=False):
        cut = replace(cut, dropped=(*cut.dropped, index))
        yield cut
    yield from _last_resort(outline, cut)


def _last_resort(outline: Outline, cut: _Cut) -> Iterator[_Cut]:
    """Return the cuts that reach into content marked ``keep``, for outlines far too long."""
    for step in _trimmings(outline, cut, floor=1):
        cut = step
        yield cut
    cut = replace(cut, image=False, max_sources=0)
    yield cut
    for index in _droppable(outline, keep=True):
        cut = replace(cut, dropped=(*cut.dropped, index))
        yield cut
    for count in range(len(outline.summary) - 1, -1, -1):
        yield replace(cut, max_summary=count)


def _trimmings(outline: Outline, cut: _Cut, floor: int) -> Iterator[_Cut]:
    """Return cuts that each take one more point off the longest section, down to ``floor``."""
    shown = {i: _shown(s, cut.cap(i)) for i, s in enumerate(outline.sections)
             if i not in cut.dropped}
    while True:
        index, count = max(shown.items(), key=lambda item: (item[1], item[0]), default=(0, 0))
        if count <= floor:
            return
        cut = replace(cut, caps=(*(c for c in cut.caps if c[0] != index), (index, count - 1)))
        shown[index] = _shown(outline.sections[index], count - 1)
        yield cut


def _shown(section: Section, cap: int) -> int:
    """Return how many points (per list) ``section`` shows under ``cap``, ``keep`` ones aside."""
    lists = [section.points, *(c.points for c in section.columns)]
    return max((min(cap, sum(1 for p in points if not p.keep)) for points in lists), default=0)


def _droppable(outline: Outline, keep: bool) -> list[int]:
    """Return indices of sections (with ``keep`` as given) from the last to the first."""
    indices = [i for i, s in enumerate(outline.sections) if s.keep == keep]
    return indices[::-1]


def _select(loaded: LoadedOutline, cut: _Cut, max_events: int) -> _Content:
    """Return the content ``cut`` keeps: the sections of the grid, and those across the page
    (a comparison, the first timeline) with at most ``max_events`` on a timeline strip."""
    outline = loaded.outline
    kept = [(i, s) for i, s in enumerate(outline.sections) if i not in cut.dropped]
    featured = _featured(outline)
    trimmed = [(s, _trim(loaded, s, cut, i, featured)) for i, s in kept]
    strip = next((s for _, s in kept if s.events), None)
    wide = tuple(_spread_events(t, max_events) for s, t in trimmed
                 if _spans_page(s, strip))
    grid = tuple(t for s, t in trimmed if t.has_content and not _spans_page(s, strip))
    image = _image(loaded, featured) if cut.image and featured else None
    return _Content(outline, tuple(outline.summary[:cut.max_summary]), grid, wide, image,
                    tuple(outline.sources[:cut.max_sources]))


def _spans_page(section: Section, strip: Section | None) -> bool:
    """Return whether ``section`` goes across the page: it has a comparison, or it is
    ``strip``, the first section with a timeline."""
    return bool(section.columns) or section is strip


def _featured(outline: Outline) -> Section | None:
    """Return the first section that has an image (shown at the top of the sheet)."""
    return next((s for s in outline.sections if s.image is not None), None)


def _image(loaded: LoadedOutline, section: Section) -> tuple[ImageRef, PreparedImage] | None:
    """Return the image of ``section`` with its prepared pixels."""
    if section.image is None:
        return None
    return section.image, prepare_image(loaded.resolve(section.image.path))


def _trim(loaded: LoadedOutline, section: Section, cut: _Cut, index: int,
          featured: Section | None) -> Section:
    """Return ``section`` with what ``cut`` leaves out removed and image paths made absolute."""
    cap = cut.cap(index)
    columns = [Column(title=c.title, points=_trim_points(c.points, cut, cap))
               for c in section.columns]
    image = section.image
    if image is not None and section is not featured and not section.image_beside_points:
        image = image.model_copy(update={"path": str(loaded.resolve(image.path))})
    else:
        image = None
    return section.model_copy(update={
        "points": _trim_points(section.points, cut, cap), "columns": columns,
        "events": [_trim_event(e, cut) for e in section.events], "image": image})


def _trim_points(points: Sequence[Point], cut: _Cut, cap: int) -> list[Point]:
    """Return the points ``cut`` keeps: the first ``cap`` others and every ``keep`` point."""
    others = [p for p in points if not p.keep][:cap]
    kept = [p for p in points if p.keep or any(p is o for o in others)]
    if cut.sub_points:
        return kept
    return [p if p.keep else p.model_copy(update={"points": []}) for p in kept]


def _trim_event(event: Event, cut: _Cut) -> Event:
    """Return ``event`` without its description when ``cut`` leaves event details out."""
    return event if cut.event_text else event.model_copy(update={"text": None})


def _spread_events(section: Section, max_events: int) -> Section:
    """Return a section across the page with at most ``max_events`` events, spread evenly."""
    return section.model_copy(update={"events": _spread(section.events, max_events)})


def _spread(events: Sequence[Event], count: int) -> list[Event]:
    """Return ``count`` events picked evenly from ``events``, first and last included."""
    if len(events) <= count:
        return list(events)
    if count < 2:
        return list(events[:count])
    step = (len(events) - 1) / (count - 1)
    return [events[round(i * step)] for i in range(count)]


def _omissions(loaded: LoadedOutline, cut: _Cut, max_events: int,
               ) -> tuple[tuple[str, bool], ...]:
    """Return a readable line for everything ``cut`` leaves out, in outline order, each with
    whether the outline marked it ``keep``."""
    outline = loaded.outline
    found: list[tuple[str, bool]] = []
    for index, section in enumerate(outline.sections):
        if index in cut.dropped:
            kept = section.keep or any(p.keep for points in (
                section.points, *(c.points for c in section.columns)) for p in points)
            found.append((f"section '{section.title}'", kept))
        else:
            found.extend((item, False) for item in
                         _section_omissions(outline, section, cut, index, max_events))
    return tuple(found + [(item, False) for item in _global_omissions(outline, cut)])


def _section_omissions(outline: Outline, section: Section, cut: _Cut, index: int,
                       max_events: int) -> list[str]:
    """Return what ``cut`` leaves out of one kept section."""
    where = f"'{section.title}'"
    points = [*section.points, *(p for c in section.columns for p in c.points)]
    kept = [p for group in (section.points, *(c.points for c in section.columns))
            for p in _trim_points(group, cut, cut.cap(index))]
    found = _count(len(points) - len(kept), "later point", where)
    found += _count(sum(len(p.points) for p in points) - sum(len(p.points) for p in kept),
                    "sub-point", where)
    found += _event_omissions(outline, section, cut, max_events)
    if section.image_beside_points and section is not _featured(outline):
        found.append(f"image of {where}")
    return found


def _event_omissions(outline: Outline, section: Section, cut: _Cut, max_events: int) -> list[str]:
    """Return the timeline events and event details ``cut`` leaves out of ``section``."""
    where = f"'{section.title}'"
    strip = next((s for i, s in enumerate(outline.sections)
                  if s.events and i not in cut.dropped), None)
    shown = (len(_spread(section.events, max_events)) if _spans_page(section, strip)
             else len(section.events))
    found = _count(len(section.events) - shown, "event", where)
    if not cut.event_text and any(e.text for e in section.events):
        found.append(f"event descriptions of {where}")
    return found


def _global_omissions(outline: Outline, cut: _Cut) -> list[str]:
    """Return what ``cut`` leaves out outside the sections."""
    found = _count(len(outline.summary) - len(outline.summary[:cut.max_summary]),
                   "item", "the bottom line")
    found += _count(len(outline.sources) - len(outline.sources[:cut.max_sources]), "source",
                    "the list of sources")
    featured = _featured(outline)
    if featured is not None and featured.image is not None and not cut.image:
        found.append(f"image '{featured.image.path}'")
    return found


def _count(number: int, noun: str, where: str) -> list[str]:
    """Return ["3 sub-points of X"] or [] when ``number`` is zero."""
    if number <= 0:
        return []
    return [f"{number} {noun}{'s' if number > 1 else ''} of {where}"]


# --- measuring and building blocks ----------------------------------------------------------


@dataclass(frozen=True)
class _Kit:
    """What every block builder needs: measurer, colours, language and the body size on trial."""

    measurer: Measurer
    theme: Theme
    lang: str
    body: float

    @property
    def line(self) -> float:
        """Return the line height in ems."""
        return self.measurer.line_height(1.0)

    @property
    def baseline(self) -> float:
        """Return ems from a line's top to its baseline (half the leading above the ascent)."""
        natural = self.measurer.line_height(1.0) / self.measurer.line_spacing
        return (self.line - natural) / 2 + self.measurer.ascent(1.0)

    @property
    def heading(self) -> float:
        """Return the size of section titles."""
        return self.body + 1.5

    @property
    def sub(self) -> float:
        """Return the size of sub-points."""
        return round(self.body * 0.92, 2)

    @property
    def small(self) -> float:
        """Return the size of captions, event details and sources."""
        return max(MIN_SIZE, round(self.body * 0.82, 2))

    def color(self, name: str) -> Color:
        """Return the theme colour ``name``."""
        return self.theme.color(name)

    def space(self, size: float) -> float:
        """Return the space between paragraphs set at ``size``."""
        return self.theme.paragraph_space * size

    def width(self, text: str, size: float) -> float:
        """Return the width of ``text`` at ``size``."""
        return self.measurer.width(text, size)


@dataclass(frozen=True)
class _Block:
    """Shapes laid out from the origin, and the width and height they take."""

    width: float
    height: float
    shapes: tuple[Shape, ...]


def _shifted(shape: Shape, dx: float, dy: float) -> Shape:
    """Return ``shape`` moved by (dx, dy)."""
    if isinstance(shape, Rule):
        return replace(shape, x1=shape.x1 + dx, y1=shape.y1 + dy, x2=shape.x2 + dx,
                       y2=shape.y2 + dy)
    box = Box(shape.box.x + dx, shape.box.y + dy, shape.box.w, shape.box.h)
    if isinstance(shape, TextFrame):
        return replace(shape, box=box)
    if isinstance(shape, Rect):
        return replace(shape, box=box)
    return replace(shape, box=box)


def _placed(block: _Block, dx: float, dy: float) -> tuple[Shape, ...]:
    """Return the shapes of ``block`` moved to (dx, dy)."""
    return tuple(_shifted(shape, dx, dy) for shape in block.shapes)


def _stack(blocks: Sequence[_Block], gap: float) -> _Block:
    """Return ``blocks`` stacked top to bottom with ``gap`` between them."""
    shapes: list[Shape] = []
    y = 0.0
    for index, block in enumerate(blocks):
        y += gap if index else 0.0
        shapes.extend(_placed(block, 0.0, y))
        y += block.height
    return _Block(max((b.width for b in blocks), default=0.0), y, tuple(shapes))


def _beside(blocks: Sequence[_Block], gap: float) -> _Block:
    """Return ``blocks`` side by side, tops aligned, with ``gap`` between them."""
    shapes: list[Shape] = []
    x = 0.0
    for index, block in enumerate(blocks):
        x += gap if index else 0.0
        shapes.extend(_placed(block, x, 0.0))
        x += block.width
    return _Block(x, max((b.height for b in blocks), default=0.0), tuple(shapes))


def _lines_of(kit: _Kit, text: str, size: float, width: float, heading: bool = False,
             ) -> tuple[str, ...]:
    """Return ``text`` broken into lines within ``width`` (phrase-aware and balanced for
    headings; no stub last line in body text)."""
    if heading:
        return tuple(wrap_heading(kit.measurer, text, size, width, kit.lang))
    return tuple(wrap_text(kit.measurer, text, size, width, avoid_widow=True))


def _paragraph(kit: _Kit, text: str, size: float, width: float, color: str, *,
               bold: bool = False, heading: bool = False, indent: float = 0.0,
               space: float = 0.0, level: int = 0, spans: tuple[Span, ...] = ()) -> Paragraph:
    """Return a paragraph of ``text`` broken to ``width`` less ``indent``; given ``spans``,
    the paragraph is their text in their styles (``text`` is not used)."""
    text = text_of(spans) if spans else text
    lines = _lines_of(kit, text, size, width - indent, heading)
    return Paragraph(text, lines, size, kit.color(color), level=level, indent=indent,
                     space_before=space, bold=bold, spans=spans)


def _text_block(kit: _Kit, paragraphs: Sequence[Paragraph], width: float, name: str,
                role: Literal["title", "subtitle", "body", "text"] = "text") -> _Block:
    """Return a block holding one text frame just tall enough for ``paragraphs``."""
    frame = TextFrame(Box(0.0, 0.0, width, 0.0), tuple(paragraphs), kit.line, role=role,
                      lang=kit.lang, name=name)
    frame = replace(frame, box=Box(0.0, 0.0, width, frame.text_height))
    return _Block(width, frame.box.h, (frame,))


def _line_block(kit: _Kit, text: str, size: float, color: str, name: str,
                bold: bool = False) -> _Block:
    """Return a one-line text block exactly as wide as ``text``."""
    width = kit.width(text, size)
    para = Paragraph(text, (text,), size, kit.color(color), bold=bold)
    return _text_block(kit, [para], width, name)


def _bullet_list(kit: _Kit, items: Sequence[tuple[str, int]], width: float, size: float,
                 name: str, marked: bool = False) -> _Block:
    """Return ``items`` (text, level) as a bulleted list: squares, then dashes for level 1;
    ``marked`` texts are read as inline markup."""
    paragraphs = [_item(kit, text, level, width, size, index == 0, marked)
                  for index, (text, level) in enumerate(items)]
    block = _text_block(kit, paragraphs, width, name, role="body")
    frame = block.shapes[0]
    assert isinstance(frame, TextFrame)
    return _Block(width, block.height, (*block.shapes, *_markers(kit, frame, size)))


def _item(kit: _Kit, text: str, level: int, width: float, size: float, first: bool,
          marked: bool = False) -> Paragraph:
    """Return one list item: level 0 in the text colour, level 1 smaller and muted."""
    item_size = size if level == 0 else round(size * 0.92, 2)
    indent = size * (0.9 + 0.95 * level)
    space = 0.0 if first else kit.space(item_size) * (1.0 if level == 0 else 0.3)
    return _paragraph(kit, text, item_size, width, "text" if level == 0 else "muted",
                      indent=indent, space=space, level=level,
                      spans=parse_inline(text) if marked else ())


def _markers(kit: _Kit, frame: TextFrame, size: float) -> list[Shape]:
    """Return a bullet for each paragraph of ``frame``, centred on its first line."""
    shapes: list[Shape] = []
    for para, top in paragraph_tops(frame):
        middle = top + (kit.baseline - MIDLINE.get(kit.lang, 0.3)) * para.size
        if para.level == 0:
            side = 0.3 * size
            box = Box(frame.box.x + 0.1 * size, middle - side / 2, side, side)
            shapes.append(Rect(box, kit.color("accent"), name="Bullet"))
        else:
            left = frame.box.x + para.indent - 0.85 * size
            shapes.append(Rule(left, middle, left + 0.4 * size, middle, kit.color("muted"),
                               0.6, name="Sub-bullet"))
    return shapes


def _heading_block(kit: _Kit, text: str, width: float, rule: bool = True) -> _Block:
    """Return a section title in the accent colour over a hairline rule."""
    para = _paragraph(kit, text, kit.heading, width, "accent", bold=True, heading=True)
    frame = _text_block(kit, [para], width, "Section title", role="title")
    if not rule:
        return frame
    y = frame.height + 2.0
    line = Rule(0.0, y, width, y, kit.color("line"), 0.6, name="Section rule")
    return _Block(width, y + 0.3, (*frame.shapes, line))


# --- sections in the grid -------------------------------------------------------------------


def _section_block(kit: _Kit, section: Section, width: float) -> _Block:
    """Return a section: its title, then its content as its kind suggests."""
    parts = [_heading_block(kit, section.title, width), *_section_parts(kit, section, width)]
    return _stack(parts, kit.body * 0.5)


def _section_parts(kit: _Kit, section: Section, width: float,
                   wide: bool = False) -> list[_Block]:
    """Return a section's content blocks in the order of its slides; across the page
    (``wide``) events are a timeline strip, in the grid a list."""
    parts: list[_Block] = []
    for kind in section.slide_kinds:
        if kind == "bullets":
            parts.append(_points_block(kit, section.points, width, kit.body))
        elif kind == "figures":
            parts.append(_figures_block(kit, section.figures, width))
        elif kind == "quote" and section.quote is not None:
            parts.append(_quote_block(kit, section.quote, width))
        elif kind == "timeline" and wide:
            parts.append(_strip_block(kit, section, width))
        elif kind == "timeline":
            parts.append(_bullet_list(kit, _event_items(section.events), width, kit.body,
                                      "Events"))
        elif kind == "comparison":
            parts.append(_comparison_block(kit, section, width))
        elif kind == "image":
            parts.append(_picture_block(kit, *_image_of(section), width, width * 0.6))
    return parts


def _image_of(section: Section) -> tuple[ImageRef, PreparedImage]:
    """Return the image of a section with its prepared pixels (its path was made absolute
    on selection)."""
    assert section.image is not None
    return section.image, prepare_image(Path(section.image.path))


def _points_block(kit: _Kit, points: Sequence[Point], width: float, size: float) -> _Block:
    """Return points and their sub-points as a bulleted list."""
    items = [(item, level) for p in points
             for item, level in [(p.text, 0), *((s, 1) for s in p.points)]]
    return _bullet_list(kit, items, width, size, "Points", marked=True)


def _event_items(events: Sequence[Event]) -> list[tuple[str, int]]:
    """Return events as list items: "date  title", then the description."""
    items: list[tuple[str, int]] = []
    for event in events:
        items.append((f"{event.date}  {event.title}", 0))
        if event.text:
            items.append((event.text, 1))
    return items


def _column(kit: _Kit, column: Column, width: float, color: str) -> _Block:
    """Return one comparison column: a coloured bar, its title and its points."""
    bar = _Block(width, 2.0, (Rect(Box(0.0, 0.0, width, 2.0), kit.color(color), name="Bar"),))
    title = _text_block(kit, [_paragraph(kit, column.title, kit.body, width, color, bold=True,
                                         heading=True)], width, "Column title")
    return _stack([bar, title, _points_block(kit, column.points, width, kit.body)],
                  kit.body * 0.3)


def _figures_block(kit: _Kit, figures: Sequence[Figure], width: float) -> _Block:
    """Return key figures as cells in a row (two per row when labels need the room)."""
    per_row = next((n for n in (len(figures), 2) if n <= len(figures)
                    and _labels_fit(kit, figures, _cell_width(width, n))), 1)
    cell = _cell_width(width, per_row)
    value_size = _value_size(kit, figures, cell - 10.0)
    rows = [figures[i:i + per_row] for i in range(0, len(figures), per_row)]
    return _stack([_figure_row(kit, row, cell, value_size) for row in rows], 6.0)


def _cell_width(width: float, per_row: int) -> float:
    """Return the width of one figure cell when ``per_row`` share ``width``."""
    return (width - 6.0 * (per_row - 1)) / per_row


def _labels_fit(kit: _Kit, figures: Sequence[Figure], cell: float) -> bool:
    """Return whether every label fits a cell in three lines (Latin words never cut)."""
    inner = cell - 10.0
    words = [] if kit.lang == "ja" else [u for f in figures for u in break_units(f.label)]
    return (all(kit.width(word.strip(), kit.small) <= inner * WIDTH_SAFETY for word in words)
            and all(len(_lines_of(kit, f.label, kit.small, inner)) <= 3
                    for f in figures))


def _value_size(kit: _Kit, figures: Sequence[Figure], inner: float) -> float:
    """Return the largest value size (at most twice the body) at which every value fits."""
    size = kit.body * 2.0
    while size > kit.body and any(kit.width(f.value, size) > inner * WIDTH_SAFETY
                                  for f in figures):
        size -= 0.5
    return size


def _figure_row(kit: _Kit, figures: Sequence[Figure], cell: float, value_size: float) -> _Block:
    """Return one row of figure cells, all as tall as the tallest."""
    contents = [_figure(kit, f, cell - 10.0, value_size) for f in figures]
    height = max(c.height for c in contents) + 10.0
    cells = [_Block(cell, height, (Rect(Box(0.0, 0.0, cell, height), kit.color("surface"),
                                        name="Figure"), *_placed(c, 5.0, 5.0)))
             for c in contents]
    return _beside(cells, 6.0)


def _figure(kit: _Kit, figure: Figure, width: float, value_size: float) -> _Block:
    """Return a figure's value (large, accent) over its label."""
    value = Paragraph(figure.value, (figure.value,), value_size, kit.color("accent"), bold=True)
    words = _paragraph(kit, figure.label, kit.small, width, "text", space=2.0)
    return _text_block(kit, [value, words], width, "Figure text")


def _quote_block(kit: _Kit, quote: Quote, width: float) -> _Block:
    """Return a quotation beside a coloured bar, with its attribution."""
    marks = ("「", "」") if kit.lang == "ja" else ("\u201c", "\u201d")
    indent = 10.0
    paras = [_paragraph(kit, f"{marks[0]}{quote.text}{marks[1]}", kit.body, width, "text",
                        indent=indent)]
    if quote.by:
        paras.append(_paragraph(kit, f"\u2014 {quote.by}", kit.small, width, "muted",
                                indent=indent, space=kit.space(kit.body)))
    text = _text_block(kit, paras, width, "Quote")
    bar = Rect(Box(0.0, 0.0, 2.5, text.height), kit.color("accent2"), name="Quote bar")
    return _Block(width, text.height, (bar, *text.shapes))


def _picture_block(kit: _Kit, image: ImageRef, prepared: PreparedImage, width: float,
                   max_height: float) -> _Block:
    """Return an image fitted to ``width`` and ``max_height``, with caption and credit."""
    w = min(width, max_height * prepared.aspect)
    box = Box(0.0, 0.0, w, w / prepared.aspect)
    picture = Picture(box, prepared.data, prepared.mime, image.alt or image.caption or "",
                      name="Picture")
    caption = _caption(kit, image, w)
    if caption is None:
        return _Block(w, box.h, (picture,))
    return _stack([_Block(w, box.h, (picture,)), caption], 4.0)


def _caption(kit: _Kit, image: ImageRef, width: float) -> _Block | None:
    """Return the caption and credit lines of an image, or None when it has neither."""
    paras = []
    if image.caption:
        paras.append(_paragraph(kit, image.caption, kit.small, width, "text"))
    if image.credit:
        credit = f"{LOCAL_LABELS.get(kit.lang, LOCAL_LABELS['en'])['credit']}: {image.credit}"
        paras.append(_paragraph(kit, credit, max(MIN_SIZE, kit.small - 0.5), width, "muted",
                                space=1.0 if paras else 0.0))
    return _text_block(kit, paras, width, "Caption") if paras else None


# --- the rows of the page -------------------------------------------------------------------


def _header_block(kit: _Kit, outline: Outline, width: float) -> _Block:
    """Return the classification marking over the title band."""
    band = _band(kit, outline, width)
    if not outline.classification:
        return band
    return _stack([_marking(kit, outline.classification, width), band], 5.0)


def _marking(kit: _Kit, text: str, width: float) -> _Block:
    """Return the classification marking, centred in a thin frame of the marking colour
    (a long marking wraps inside the frame)."""
    lines = _wrapped_block(kit, text, FOOTER_SIZE, "marking", "Marking", width - 16.0,
                           bold=True, centred=True)
    w, h = lines.width + 16.0, lines.height + 3.0
    x = (width - w) / 2
    frame = Rect(Box(x, 0.0, w, h), None, kit.color("marking"), 0.75, name="Marking frame")
    return _Block(width, h, (frame, *_placed(lines, x + 8.0, 1.5)))


def _band(kit: _Kit, outline: Outline, width: float) -> _Block:
    """Return the title band: title and subtitle on the left, date and organisation right."""
    pad, side = 11.0, 14.0
    meta = [_line_block(kit, line, 8.5, "on_accent", "Meta") for text in _meta(kit, outline)
            for line in _lines_of(kit, text, 8.5, width * 0.3)]
    meta_width = max((m.width for m in meta), default=0.0)
    text_width = width - 2 * side - (meta_width + 18.0 if meta else 0.0)
    left = _title(kit, outline, text_width)
    right = _stack([_Block(meta_width, m.height, _placed(m, meta_width - m.width, 0.0))
                    for m in meta], 1.0)
    height = max(left.height, right.height) + 2 * pad
    band = Rect(Box(0.0, 0.0, width, height), kit.color("accent"), name="Title band")
    return _Block(width, height, (band, *_placed(left, side, pad),
                                  *_placed(right, width - side - meta_width,
                                           height - pad - right.height)))


def _meta(kit: _Kit, outline: Outline) -> list[str]:
    """Return the lines at the right of the title band: date and organisation."""
    lines = [outline.date_text] if outline.date_text else []
    return lines + ([outline.organization] if outline.organization else [])


def _title(kit: _Kit, outline: Outline, width: float) -> _Block:
    """Return the title (largest size that takes two lines at most) and the subtitle."""
    size, lines = TITLE_SIZES[-1], tuple[str, ...]()
    for size in TITLE_SIZES:
        lines = _lines_of(kit, outline.title, size, width, heading=True)
        if len(lines) <= 2:
            break
    paras = [Paragraph(outline.title, lines, size, kit.color("on_accent"), bold=True)]
    if outline.subtitle:
        paras.append(_paragraph(kit, outline.subtitle, 10.5, width, "surface", heading=True,
                                space=3.0))
    return _text_block(kit, paras, width, "Title", role="title")


def _lead_block(kit: _Kit, content: _Content, width: float, max_image: float) -> _Block | None:
    """Return the bottom line beside the featured image (the image alone goes to the grid)."""
    if not content.summary:
        return None
    if content.image is None:
        return _bottom_line_block(kit, content.summary, width, 0.0)
    image = _picture_block(kit, *content.image, width * 0.36, max_image)
    bottom = _bottom_line_block(kit, content.summary, width - GUTTER - image.width, image.height)
    return _beside([bottom, image], GUTTER)


def _bottom_line_block(kit: _Kit, summary: Sequence[str], width: float,
                       min_height: float) -> _Block:
    """Return the key takeaways in a tinted box with an accent bar, at least ``min_height``."""
    pad, bar = 9.0, 3.0
    inner = width - bar - 2 * pad
    title = _text_block(kit, [_paragraph(kit, label(kit.lang, "bottom_line"), kit.body, inner,
                                         "accent", bold=True)], inner, "Bottom line label")
    items = _bullet_list(kit, [(text, 0) for text in summary], inner, kit.body, "Bottom line",
                         marked=True)
    body = _stack([title, items], 3.0)
    height = max(body.height + 2 * pad, min_height)
    shapes = (Rect(Box(0.0, 0.0, width, height), kit.color("surface"), name="Bottom line box"),
              Rect(Box(0.0, 0.0, bar, height), kit.color("accent"), name="Bottom line bar"),
              *_placed(body, bar + pad, (height - body.height) / 2))
    return _Block(width, height, shapes)


def _strip_block(kit: _Kit, section: Section, width: float) -> _Block:
    """Return a timeline strip: dates over an axis with a dot per event, titles below."""
    events = section.events
    cell = (width - EVENT_GAP * (len(events) - 1)) / len(events)
    dates = [_text_block(kit, [_paragraph(kit, e.date, kit.body, cell, "accent", bold=True)],
                         cell, "Event date") for e in events]
    details = [_event_detail(kit, e, cell) for e in events]
    axis = max(d.height for d in dates) + 5.0
    top = axis + 7.0
    shapes: list[Shape] = [Rule(0.0, axis, width, axis, kit.color("line"), 1.2, name="Axis")]
    for index, (date, detail) in enumerate(zip(dates, details, strict=True)):
        x = index * (cell + EVENT_GAP)
        dot = Rect(Box(x, axis - 3.0, 6.0, 6.0), kit.color("accent"), shape="ellipse",
                   name="Event")
        shapes += [*_placed(date, x, axis - 5.0 - date.height), dot, *_placed(detail, x, top)]
    return _Block(width, top + max(d.height for d in details), tuple(shapes))


def _event_detail(kit: _Kit, event: Event, width: float) -> _Block:
    """Return an event's title and, when kept, its description."""
    paras = [_paragraph(kit, event.title, kit.sub, width, "text", bold=True, heading=True)]
    if event.text:
        paras.append(_paragraph(kit, event.text, kit.small, width, "muted", space=2.0))
    return _text_block(kit, paras, width, "Event")


def _sources_block(kit: _Kit, sources: Sequence[Source], width: float) -> _Block | None:
    """Return the sources: a hairline, the label at the left and one entry per source."""
    if not sources:
        return None
    name = label(kit.lang, "sources")
    head = _line_block(kit, name, kit.small, "muted", "Sources label", bold=True)
    inner = width - head.width - 10.0
    entries = [_paragraph(kit, "", kit.small, inner, "muted", space=1.0 if i else 0.0,
                          spans=_source_spans(kit.lang, s, i + 1, len(sources)))
               for i, s in enumerate(sources)]
    body = _text_block(kit, entries, inner, "Sources")
    rule = Rule(0.0, 0.0, width, 0.0, kit.color("line"), 0.5, name="Sources rule")
    return _Block(width, body.height + 5.0,
                 (rule, *_placed(head, 0.0, 5.0), *_placed(body, head.width + 10.0, 5.0)))


def _source_spans(lang: str, source: Source, number: int, total: int) -> tuple[Span, ...]:
    """Return one source as a line of text: title, then publisher, date, note and address
    (a link); the title and note in the inline markup."""
    rest = [plain_spans(t) for t in (source.publisher, source.date) if t]
    rest += [parse_inline(source.note)] if source.note else []
    rest += [link_spans(source.url)] if source.url else []
    prefix = f"{number}. " if total > 1 else ""
    if not rest:
        return joined(prefix, parse_inline(source.title))
    separator = "、" if lang == "ja" else ", "
    listed = [piece for index, spans in enumerate(rest)
              for piece in ((separator, spans) if index else (spans,))]
    if lang == "ja":
        return joined(prefix, parse_inline(source.title), "（", *listed, "）")
    return joined(prefix, parse_inline(source.title), " \u2014 ", *listed)


def _footer_block(kit: _Kit, outline: Outline, width: float) -> _Block | None:
    """Return the footer: author at the left, classification marking centred; each wraps
    within its share of the width rather than running into the other or off the page."""
    shapes: list[Shape] = []
    height = 0.0
    mark = None
    if outline.classification:
        share = width * 0.4 if outline.author else width
        mark = _wrapped_block(kit, outline.classification, FOOTER_SIZE, "marking", "Marking",
                              share, bold=True, centred=True)
        shapes += _placed(mark, (width - mark.width) / 2, 0.0)
        height = mark.height
    if outline.author:
        room = (width - mark.width) / 2 - FOOTER_GAP if mark else width
        author = _wrapped_block(kit, outline.author, FOOTER_SIZE, "muted", "Author", room)
        shapes += _placed(author, 0.0, 0.0)
        height = max(height, author.height)
    return _Block(width, height, tuple(shapes)) if shapes else None


def _wrapped_block(kit: _Kit, text: str, size: float, color: str, name: str, width: float,
                   bold: bool = False, centred: bool = False) -> _Block:
    """Return ``text`` broken into lines within ``width``, each line a block of its own
    (centred on the widest when ``centred``); the block is as wide as its widest line."""
    lines = [_line_block(kit, line, size, color, name, bold)
             for line in _lines_of(kit, text, size, width)]
    widest = max(line.width for line in lines)
    placed = [_Block(widest, line.height, _placed(line, (widest - line.width) / 2 if centred
                                                  else 0.0, 0.0)) for line in lines]
    return _stack(placed, 0.0)


# --- the page -------------------------------------------------------------------------------


def _compose(kit: _Kit, content: _Content, area: Box) -> tuple[Shape, ...] | None:
    """Return every shape of the page within ``area``, or None when the content overflows."""
    count = 3 if area.w > WIDE_PAGE else 2
    column = (area.w - GUTTER * (count - 1)) / count
    lead = _lead_block(kit, content, area.w, area.h * 0.16) if count == 2 else None
    top = [b for b in (_header_block(kit, content.outline, area.w), lead) if b]
    below = [*(_wide_block(kit, s, area.w) for s in content.wide),
             *(b for b in (_sources_block(kit, content.sources, area.w),) if b)]
    footer = _footer_block(kit, content.outline, area.w)
    room = area.h - sum(b.height + ROW_GAP for b in (*top, *below))
    room -= footer.height + ROW_GAP * 0.75 if footer else 0.0
    gap = kit.body * 1.4
    grid = [*(_lead_column(kit, content, column, room, gap) if lead is None else ()),
            *(_section_block(kit, s, column) for s in content.sections)]
    columns = _split(grid, gap, count)
    tallest = max(_column_height(c, gap) for c in columns)
    if tallest > room + 0.01:
        return None
    room = room if room - tallest <= area.h * SLACK else tallest
    grid_top = area.y + sum(b.height + ROW_GAP for b in top)
    return (*_place_rows(top, area.x, area.y),
            *(shape for i, blocks in enumerate(columns)
              for shape in _place_column(blocks, area.x + i * (column + GUTTER), grid_top,
                                         room, gap)),
            *_place_rows(below, area.x, grid_top + room + ROW_GAP),
            *(_placed(footer, area.x, area.bottom - footer.height) if footer else ()))


def _wide_block(kit: _Kit, section: Section, width: float) -> _Block:
    """Return a section across the page: its content in order, a comparison's two columns
    in line with the grid's and events as a timeline strip (a comparison that comes first
    needs no rule under the title: its columns have bars)."""
    rule = section.slide_kinds[:1] != ("comparison",)
    parts = [_heading_block(kit, section.title, width, rule=rule),
             *_section_parts(kit, section, width, wide=True)]
    return _stack(parts, kit.body * 0.5)


def _comparison_block(kit: _Kit, section: Section, width: float) -> _Block:
    """Return a comparison's two columns side by side, in line with the grid's columns."""
    column = (width - GUTTER) / 2
    colors = ("accent", "accent2")
    return _beside([_column(kit, c, column, colors[i % 2])
                    for i, c in enumerate(section.columns)], GUTTER)


def _lead_column(kit: _Kit, content: _Content, width: float, room: float,
                 gap: float) -> list[_Block]:
    """Return the bottom line and the featured image, sized to fill the first grid column.

    When the image would be too small under the bottom line, the bottom line box fills the
    column and the image starts the next one.
    """
    summary = content.summary
    bottom = _bottom_line_block(kit, summary, width, 0.0) if summary else None
    if content.image is None:
        return [bottom] if bottom else []
    spare = room - (bottom.height + gap if bottom else room * 0.4)
    picture = _picture_block(kit, *content.image, width, spare)
    image_height = next(s.box.h for s in picture.shapes if isinstance(s, Picture))
    picture = _picture_block(kit, *content.image, width, spare - (picture.height - image_height))
    if bottom is None:
        return [picture]
    if picture.height <= spare and image_height >= MIN_IMAGE:
        return [bottom, picture]
    return [_bottom_line_block(kit, summary, width, room),
            _picture_block(kit, *content.image, width, room * 0.5)]


def _split(blocks: Sequence[_Block], gap: float, count: int) -> list[list[_Block]]:
    """Return ``blocks`` in order split into ``count`` columns, the tallest as short as can be."""
    options = itertools.combinations_with_replacement(range(len(blocks) + 1), count - 1)
    best = min(options, key=lambda cuts: (_tallest(blocks, cuts, gap), [-c for c in cuts]))
    edges = [0, *best, len(blocks)]
    return [list(blocks[a:b]) for a, b in itertools.pairwise(edges)]


def _tallest(blocks: Sequence[_Block], cuts: Sequence[int], gap: float) -> float:
    """Return the height of the tallest column when ``blocks`` are cut at ``cuts``."""
    edges = [0, *cuts, len(blocks)]
    return max(_column_height(blocks[a:b], gap) for a, b in itertools.pairwise(edges))


def _column_height(blocks: Sequence[_Block], gap: float) -> float:
    """Return the height of ``blocks`` stacked with ``gap``."""
    return sum(b.height for b in blocks) + gap * max(0, len(blocks) - 1)


def _place_rows(blocks: Sequence[_Block], x: float, y: float) -> Iterator[Shape]:
    """Return the shapes of full-width rows placed one under the other from (x, y)."""
    for block in blocks:
        yield from _placed(block, x, y)
        y += block.height + ROW_GAP


def _place_column(blocks: Sequence[_Block], x: float, y: float, room: float,
                  gap: float) -> Iterator[Shape]:
    """Return one grid column placed at (x, y), gaps widened a little to fill ``room``."""
    slack = room - _column_height(blocks, gap)
    extra = min(gap, slack / (len(blocks) - 1)) if len(blocks) > 1 else 0.0
    for block in blocks:
        yield from _placed(block, x, y)
        y += block.height + gap + extra


def layout_summary(loaded: LoadedOutline, theme: Theme, measurer: Measurer, warnings: Warnings,
                   paper: Paper = "a4", landscape: bool = False) -> Sheet:
    """Return the one-page summary of ``loaded``: the most content at the largest size.

    The sheet is set with the font's natural line pitch, whatever the deck's spacing, and
    measured without the space slide renderers put between scripts (the PDF adds none).
    """
    measurer = measurer.with_spacing(1.0).with_autospace(0.0)
    width, height = paper_size(paper, landscape)
    area = Box(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN)
    max_events = max(2, int((area.w + EVENT_GAP) // (EVENT_MIN_WIDTH + EVENT_GAP)))
    lang = loaded.outline.language
    kit = _Kit(measurer, theme, lang, BODY_SIZES[-1])
    fitted = _fit(loaded, theme, measurer, area, max_events)
    if fitted is None:
        warnings.warn("summary: even the title block alone does not fit on one page; "
                      "shorten the title", "overflow", what="title")
        cut = list(_cuts(loaded.outline))[-1]
        fitted = (_placed(_header_block(kit, loaded.outline, area.w), area.x, area.y), cut,
                  BODY_SIZES[-1])
    shapes, cut, size = fitted
    if size < BODY_SIZES[0]:
        warnings.shrunk("one-page summary text", BODY_SIZES[0], size, BODY_SIZES[-1])
    found = _omissions(loaded, cut, max_events)
    for item, kept in found:
        warnings.warn(f"summary: left out {item} to keep the summary on one page",
                      "keep_dropped" if kept else "omitted", what=item)
    omitted = tuple(item for item, _ in found)
    background = Rect(Box(0.0, 0.0, width, height), theme.color("background"), name="Page")
    return Sheet(width, height, (background, *shapes), omitted, loaded.outline.title, lang,
                 kit.baseline)


def _fit(loaded: LoadedOutline, theme: Theme, measurer: Measurer, area: Box,
         max_events: int) -> tuple[tuple[Shape, ...], _Cut, float] | None:
    """Return the first cut that fits, laid out at the largest body size that fits (shapes,
    cut, body size), or None.

    Cuts only ever leave out more, so the first that fits is found by galloping and then
    bisecting: a long outline costs a few dozen trial layouts, not one per point.
    """
    lang = loaded.outline.language
    kits = [_Kit(measurer, theme, lang, size) for size in BODY_SIZES]
    cuts = list(_cuts(loaded.outline))

    def at_smallest(index: int) -> tuple[Shape, ...] | None:
        return _compose(kits[-1], _select(loaded, cuts[index], max_events), area)

    index = _first_fitting(len(cuts), lambda i: at_smallest(i) is not None)
    if index is None:
        return None
    content = _select(loaded, cuts[index], max_events)
    for kit in kits[:-1]:
        shapes = _compose(kit, content, area)
        if shapes is not None:
            return shapes, cuts[index], kit.body
    smallest = at_smallest(index)
    assert smallest is not None
    return smallest, cuts[index], kits[-1].body


def _first_fitting(count: int, fits: Callable[[int], bool]) -> int | None:
    """Return the first index in ``range(count)`` for which ``fits`` holds (it stays true)."""
    low, probe = -1, 0
    while probe < count and not fits(probe):
        low, probe = probe, probe * 2 + 1
    if probe >= count:
        if count == 0 or low == count - 1 or not fits(count - 1):
            return None
        probe = count - 1
    while probe - low > 1:
        middle = (low + probe) // 2
        if fits(middle):
            probe = middle
        else:
            low = middle
    return probe
