"""Build measured text frames: headings (phrase-broken, balanced) and bullet bodies.

Text goes either into a template placeholder (a ``Slot``: its style gives the largest size,
the typefaces, letter spacing, line spacing, margins and bullets, and layout measures with
those) or into a text box the deck draws (the theme's sizes, the design's body faces).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from briefing.color import Color
from briefing.geometry import NO_INSETS, Box, Insets
from briefing.layout.boxes import Align, Anchor, Paragraph, TextFrame
from briefing.layout.typeset import BULLETS
from briefing.outline.model import Point
from briefing.report import BuildWarning, Warnings
from briefing.text.ends import frame_end_margin
from briefing.text.fit import (
    HEIGHT_SAFETY,
    Fitted,
    Item,
    Level,
    cut_heading,
    default_levels,
    fit_heading,
    fit_items,
    heading_cut,
    layout_items,
)
from briefing.text.fonts import Measurer, bold_face
from briefing.text.wrapping import Cut
from briefing.theme.design import BUILTIN_WIDTH, Design, Faces, Slot
from briefing.theme.styles import LevelStyle, TextStyle
from briefing.theme.tokens import Theme

# Frames whose size may step down a little so that no paragraph ends on a short line: body
# text that forms no row with other frames (bullets, sources).
RESIZED = frozenset({"Text", "Sources"})
END_STEPS = 2.0  # points
EMERGENCY_MIN_SIZE = 10.0
# The smallest body text a slide shows before its text continues on another slide, on a
# slide 960 pt wide (16:9, 13.33 in): scaled with the slide's width (15 pt on a 720 pt 4:3
# slide), never above the body size a template sets itself.
READABLE_BODY = 20.0
# A title is at least this many times the largest body text of its slide (a step of the
# modular scale 1.2, the minor third, that typographers use for a heading over its text).
TITLE_RATIO = 1.2
ANY_LINES = 1000  # a heading may take as many lines as its box holds
# What a frame is, in the words of a warning (by frame name; others in lower case).
DESCRIBED = {"Title": "title", "Entry": "agenda entry", "Sections": "agenda list from",
             "Label": "figure label", "Value": "figure value", "Date": "timeline date",
             "Header text": "column title", "Attribution": "quote attribution",
             "Number text": "agenda number", "Part number": "part number"}


@dataclass(frozen=True)
class TextSpec:
    """How one frame's text is set and measured.

    ``sizes`` is the (largest, smallest) base size tried; ``pitch`` the distance between
    baselines in ems; ``levels`` how each outline level is set; ``slot`` the placeholder the
    text goes into (None for a drawn text box). ``color`` None keeps the placeholder's colour.
    ``phrases``: body text is broken by layout at phrase boundaries (BudouX for Japanese,
    numbers and katakana words whole) and written with explicit line breaks, for short texts
    in narrow boxes (timeline events) where a renderer's breaks would cut words.
    """

    sizes: tuple[float, float]
    measurer: Measurer
    pitch: float
    levels: tuple[Level, ...]
    color: Color | None
    sub_color: Color | None = None
    align: Align = "l"
    anchor: Anchor = "t"
    slot: Slot | None = None
    insets: Insets = NO_INSETS
    bullets: tuple[str, ...] = BULLETS
    faces: tuple[str | None, str | None] = (None, None)
    inherit: bool = False
    style_levels: tuple[LevelStyle, ...] = field(default=(), repr=False)
    phrases: bool = False

    def text_area(self, box: Box) -> Box:
        """Return the part of ``box`` text may use (its insets taken off)."""
        return self.insets.apply(box)

    def with_color(self, color: Color | None, sub_color: Color | None = None) -> TextSpec:
        """Return this spec with other colours."""
        return replace(self, color=color, sub_color=sub_color)


@dataclass(frozen=True)
class Typesetter:
    """What measuring and styling text needs: the design, measurers, language, warnings."""

    design: Design
    lang: str
    warnings: Warnings

    @property
    def theme(self) -> Theme:
        """Return the deck's theme (sizes, spacing and the design's colours)."""
        return self.design.theme

    @property
    def measurer(self) -> Measurer:
        """Return the measurer of body text."""
        return self.measurer_for(self.design.minor)

    def measurer_for(self, faces: Faces, tracking: float = 0.0, bold: bool = False,
                     ) -> Measurer:
        """Return a measurer for ``faces`` at the theme's line spacing (their bold faces
        for text a style sets bold, ``bold_face``)."""
        latin, east_asian = faces.latin_file, faces.east_asian_file
        if bold:
            latin, east_asian = bold_face(latin), bold_face(east_asian)
        return Measurer(latin, east_asian, self.theme.line_spacing, tracking)

    @property
    def readable_size(self) -> float:
        """Return the smallest body size in points a slide shows before continuing:
        ``READABLE_BODY`` scaled by the slide's width over 960 pt, at most the theme's (or
        template's) largest body size."""
        scale = self.design.width / BUILTIN_WIDTH
        return min(round(READABLE_BODY * scale * 2) / 2, self.theme.size_range("body")[0])

    # --- specs ---------------------------------------------------------------------------

    def readable(self, spec: TextSpec) -> TextSpec:
        """Return ``spec`` whose smallest size is the readable minimum (``readable_size``,
        at most the spec's largest size): fitting with it fails rather than shrink text
        below what a room can read, so that the caller continues it instead."""
        large, small = spec.sizes
        return replace(spec, sizes=(large, max(small, min(self.readable_size, large))))

    @staticmethod
    def capped(spec: TextSpec, size: float) -> TextSpec:
        """Return ``spec`` with no size above ``size`` points (a slide's hierarchy)."""
        large, small = spec.sizes
        return replace(spec, sizes=(min(large, size), min(small, size)))

    def drawn(self, role: str, color: Color, *, align: Align = "l", anchor: Anchor = "t",
              sub_color: Color | None = None, bullets: bool = False,
              heading: bool = False) -> TextSpec:
        """Return the spec of a text box the deck draws, sized by the theme's ``role``."""
        faces = self.design.major if heading else self.design.minor
        measurer = self.measurer_for(faces)
        levels = default_levels(self.theme.paragraph_space, bullets)
        return TextSpec(self.theme.size_range(role), measurer,
                        measurer.line_height(1.0), levels, color, sub_color or color, align,
                        anchor, faces=(faces.latin, faces.east_asian))

    def in_slot(self, slot: Slot, role: str, *, heading: bool = False,
                color: Color | None = None, sub_color: Color | None = None) -> TextSpec:
        """Return the spec of text in ``slot``, set as its style says.

        The largest size is the style's own (the template designer's), the smallest the
        theme's smallest for ``role``.
        """
        style = slot.style
        first = style.level(0)
        faces = self.design.faces(first.latin, first.east_asian, heading)
        measurer = self.measurer_for(faces, first.letter_spacing or 0.0,
                                     bool(first.bold)).with_capitals(bool(first.caps))
        base = first.size or self.theme.size_range(role)[0]
        smallest = min(self.theme.size_range(role)[1], base)
        pitch = _pitch_em(first, base, measurer)
        levels = tuple(_level(style.level(i), base, measurer) for i in range(2))
        bullets = tuple((style.level(i).bullet or "") for i in range(2))
        return TextSpec((base, smallest), measurer, pitch, levels, color, sub_color,
                        _align(first.align), _anchor(style.body.anchor), slot,
                        style.body.insets, bullets,
                        (faces.latin if faces.write_latin else None,
                         faces.east_asian if faces.write_east_asian else None),
                        inherit=True, style_levels=style.levels[:2])

    # --- frames --------------------------------------------------------------------------

    def heading(self, text: str, box: Box, spec: TextSpec, *, max_lines: int = 3,
                frame_role: str = "text", name: str = "Heading") -> TextFrame:
        """Return ``text`` as a heading fitted into ``box``, never beyond it.

        Lines break between phrases and are balanced. The largest size of ``spec`` that
        takes at most ``max_lines`` lines wins; failing that, the largest in the spec's range
        at which more lines fit the box; failing that, a size below the range down to
        EMERGENCY_MIN_SIZE (a must-fix warning); failing even that, the heading's start at
        that size, ended by an ellipsis (a must-fix warning). Shrinking is reported.
        """
        area = spec.text_area(box)
        measurer = spec.measurer.with_spacing(spec.pitch / spec.measurer.natural_line_height)
        sizes = spec.sizes
        what = _described(name, text)
        shown = text
        found = (fit_heading(measurer, text, area.w, area.h, sizes, self.lang, max_lines)
                 or fit_heading(measurer, text, area.w, area.h, sizes, self.lang, ANY_LINES))
        floor = min(sizes[1] - 1, EMERGENCY_MIN_SIZE)
        if found is None:
            found = fit_heading(measurer, text, area.w, area.h, (sizes[1] - 1, floor),
                                self.lang, ANY_LINES)
        if found is None:
            shown, lines = cut_heading(measurer, text, area.w, area.h, floor, self.lang)
            found = floor, lines
            self.warnings.add(BuildWarning(
                "overflow", f"{what} is too long for its box even at {floor:g} pt; the "
                "slide shows its start; shorten it", None, what, sizes[0], floor))
        elif found[0] < sizes[0]:
            self.warnings.shrunk(what, sizes[0], found[0], sizes[1])
        size, lines = found
        # A heading in a placeholder whose style has bullets is set without one.
        paragraph = Paragraph(shown, tuple(lines), size, spec.color, align=spec.align,
                              inherit=spec.inherit and not spec.bullets[0])
        return self._frame(box, (paragraph,), spec, frame_role, name, explicit_breaks=True)

    def heading_size(self, text: str, box: Box, spec: TextSpec, max_lines: int = 3,
                     below: float | None = None) -> float | None:
        """Return the size ``heading`` would set ``text`` at in ``box`` within the spec's
        sizes (on at most ``max_lines`` lines, else on more), or None when no size in the
        range fits; nothing is reported.

        With ``below``, a text that fits the range only on more than ``max_lines`` lines, or
        only when cut at the box edge (a word or number wider than the box), is set smaller,
        down to ``below`` points, where it fits without either: a smaller size comes before
        a line more (a figure's value, 4時間12分, on one line) and before a break inside a
        word.
        """
        area = spec.text_area(box)
        measurer = spec.measurer.with_spacing(spec.pitch / spec.measurer.natural_line_height)

        def fit(sizes: tuple[float, float], lines: int) -> float | None:
            found = fit_heading(measurer, text, area.w, area.h, sizes, self.lang, lines)
            return None if found is None else found[0]

        def edge(size: float) -> bool:
            return heading_cut(measurer, text, size, area.w, self.lang) == Cut.EDGE

        within = fit(spec.sizes, max_lines)
        size = within if within is not None else fit(spec.sizes, ANY_LINES)
        if below is None or below >= spec.sizes[1] or (within is not None and not edge(within)):
            return size
        smaller = fit((spec.sizes[1] - 1, below), max_lines)
        if smaller is not None and not edge(smaller):
            return smaller
        if size is not None and not edge(size):
            return size
        smaller = fit((spec.sizes[1] - 1, below), ANY_LINES)
        return smaller if smaller is not None and not edge(smaller) else size

    def body(self, items: Sequence[Item], box: Box, spec: TextSpec,
             name: str = "Text") -> TextFrame | None:
        """Return ``items`` fitted into ``box`` at the largest size ``spec`` allows, or None."""
        area = spec.text_area(box)
        fitted = fit_items(self._measurer(spec), items, area.w, area.h, spec.sizes,
                           spec.levels, self._phrases(spec))
        if fitted is None:
            return None
        if fitted.size < spec.sizes[0] and items:
            self.warnings.shrunk(_described(name, items[0].text), spec.sizes[0], fitted.size,
                                 spec.sizes[1])
        return self.frame_from(fitted, box, spec, name)

    def body_at(self, items: Sequence[Item], box: Box, size: float, spec: TextSpec,
                name: str = "Text") -> TextFrame:
        """Return ``items`` laid out at ``size`` in ``box`` (the caller checked it fits)."""
        area = spec.text_area(box)
        fitted = layout_items(self._measurer(spec), items, size, area.w, spec.levels,
                              self._phrases(spec))
        return self.frame_from(fitted, box, spec, name)

    def best_size(self, items: Sequence[Item], box: Box, spec: TextSpec) -> float | None:
        """Return the largest size of ``spec`` at which ``items`` fit ``box``, or None."""
        area = spec.text_area(box)
        fitted = fit_items(self._measurer(spec), items, area.w, area.h, spec.sizes,
                           spec.levels, self._phrases(spec))
        return None if fitted is None else fitted.size

    def height_of(self, items: Sequence[Item], width: float, size: float,
                  spec: TextSpec) -> float:
        """Return the height ``items`` take at ``size`` in a box ``width`` wide."""
        area = spec.text_area(Box(0, 0, width, 10_000))
        fitted = layout_items(self._measurer(spec), items, size, area.w, spec.levels,
                              self._phrases(spec))
        return fitted.height + spec.insets.top + spec.insets.bottom

    def frame_from(self, fitted: Fitted, box: Box, spec: TextSpec, name: str) -> TextFrame:
        """Return a body TextFrame from a fitting result, its right inset widened so that no
        paragraph ends on a line of two characters or fewer (``end_margin``)."""
        resize = name in RESIZED
        fitted, margin = (fitted, 0.0) if spec.phrases else self._end_margin(fitted, box, spec,
                                                                             resize)
        paragraphs = []
        for f in fitted.items:
            level = min(f.item.level, 1)
            styled = spec.inherit and (bool(spec.bullets[level]) == f.item.bullet)
            bullet = (spec.bullets[level] or BULLETS[level]) if f.item.bullet else None
            color = spec.color if f.item.level == 0 else spec.sub_color
            paragraphs.append(Paragraph(f.item.text, f.lines, f.size, color, level=f.item.level,
                                        bullet=bullet, indent=f.indent,
                                        space_before=f.space_before, align=spec.align,
                                        inherit=styled, spans=f.item.spans))
        return self._frame(box, tuple(paragraphs), spec, "body", name, spec.phrases, margin)

    def _end_margin(self, fitted: Fitted, box: Box, spec: TextSpec,
                    resize: bool = False) -> tuple[Fitted, float]:
        """Return ``fitted`` laid out again in a width narrowed by the margin that keeps the
        renderer's wrapped paragraphs from ending on a short line, and that margin in points
        (0.0 with ``fitted`` itself when none is needed or none helps).

        PowerPoint and LibreOffice wrap body text themselves; the frame's right inset is the
        one thing both honour (``briefing.text.ends``), so one margin serves the frame. When
        no margin serves every paragraph at the fitted size (narrowing for one would give
        another a line), and ``resize`` allows, the next smaller sizes are tried, down to
        ``END_STEPS`` points smaller and never below the readable minimum: a line that ends
        short by one character often fits whole a point smaller.
        """
        area = spec.text_area(box)
        if area.w <= 0 or not fitted.items:
            return fitted, 0.0
        found = self._margin_at(fitted, area, spec)
        if found is not None or not resize:
            return found or (fitted, 0.0)
        floor = max(spec.sizes[1], min(self.readable_size, spec.sizes[0]),
                    fitted.size - END_STEPS)
        size = fitted.size - 1
        while size >= floor:
            smaller = layout_items(self._measurer(spec), [f.item for f in fitted.items], size,
                                   area.w, spec.levels)
            found = self._margin_at(smaller, area, spec)
            if found is not None:
                return found
            size -= 1
        return fitted, 0.0

    def _margin_at(self, fitted: Fitted, area: Box, spec: TextSpec,
                   ) -> tuple[Fitted, float] | None:
        """Return ``fitted`` narrowed by the margin that keeps its paragraphs from ending
        short, and the margin, or None when no margin does so and keeps it in ``area``."""
        measurer = self._measurer(spec)
        tracking = spec.levels[0].tracking if spec.levels else None
        if tracking is not None:
            measurer = measurer.with_tracking(tracking)
        paragraphs = [(part, item.size, area.w - item.indent) for item in fitted.items
                      for part in item.item.text.split("\n") if part.strip()]
        margin = frame_end_margin(measurer, paragraphs) if paragraphs else 0.0
        if margin is None:
            return None
        if not margin:
            return fitted, 0.0
        narrowed = layout_items(self._measurer(spec), [f.item for f in fitted.items],
                                fitted.size, area.w - margin, spec.levels)
        if narrowed.height > max(area.h * HEIGHT_SAFETY, fitted.height) or \
                narrowed.cut > fitted.cut:
            return None
        return narrowed, margin

    def line_height(self, size: float) -> float:
        """Return the line height of body text at ``size`` in a drawn box."""
        return self.measurer.line_height(size)

    def _phrases(self, spec: TextSpec) -> str | None:
        """Return the language to break a spec's text by phrases in, None for the renderer's
        breaks."""
        return self.lang if spec.phrases else None

    def _measurer(self, spec: TextSpec) -> Measurer:
        """Return the spec's measurer with its line pitch."""
        return spec.measurer.with_spacing(spec.pitch / spec.measurer.natural_line_height)

    def _frame(self, box: Box, paragraphs: tuple[Paragraph, ...], spec: TextSpec,
               frame_role: str, name: str, explicit_breaks: bool = False,
               margin: float = 0.0) -> TextFrame:
        """Return a frame for ``paragraphs`` as ``spec`` places it; a ``margin`` in points
        narrows its text (taken off the right inset, or half off each side when centred)."""
        slot = spec.slot
        insets = None if slot and not margin else spec.insets
        if margin and insets is not None:
            side = margin / 2 if spec.align == "ctr" else 0.0
            insets = replace(insets, left=insets.left + side,
                             right=insets.right + margin - side)
        return TextFrame(box, paragraphs, spec.pitch, frame_role, spec.anchor,  # type: ignore[arg-type]
                         explicit_breaks, self.lang, name,
                         placeholder=(slot.kind, slot.idx) if slot else None,
                         moved=slot.moved(box) if slot else True,
                         insets=insets, faces=spec.faces,
                         inherit_anchor=slot is not None)


# A point as fitting sees it: its item, then its sub-points' items.
Entry = tuple[Item, ...]


def point_entries(points: Sequence[Point], bullet: bool = True) -> list[Entry]:
    """Return an entry for each point: its text and sub-points read as inline markup."""
    return [(Item.marked(point.text, 0, bullet),
             *(Item.marked(sub, 1, bullet) for sub in point.points)) for point in points]


def entry_items(entries: Sequence[Entry]) -> list[Item]:
    """Return the items of ``entries`` in order."""
    return [item for entry in entries for item in entry]


def point_items(points: Sequence[Point], bullet: bool = True) -> list[Item]:
    """Return the fitting items for points and their sub-points."""
    return entry_items(point_entries(points, bullet))


def _pitch_em(level: LevelStyle, size: float, measurer: Measurer) -> float:
    """Return the baseline distance a style sets, in ems (``a:lnSpc``, §21.1.2.2.5).

    A percentage scales the faces' natural line height; points are at the style's size.
    """
    spacing = level.line_spacing or ("pct", 1.0)
    if spacing[0] == "pts":
        return max(spacing[1] / size, 0.8)
    return max(spacing[1], 0.5) * measurer.natural_line_height


def _level(style: LevelStyle, base: float, measurer: Measurer) -> Level:
    """Return how a placeholder's outline level sets its paragraphs."""
    size = style.size or base
    pitch = _pitch_em(style, size, measurer)
    before = style.space_before or ("pts", 0.0)
    space = before[1] / size if before[0] == "pts" else before[1] * pitch
    return Level(size / base, max(style.margin_left or 0.0, 0.0), 0.0, space,
                 style.letter_spacing)


def _align(value: str | None) -> Align:
    """Return a DrawingML alignment as one layout measures with."""
    return {"ctr": "ctr", "r": "r"}.get(value or "l", "l")  # type: ignore[return-value]


def _anchor(value: str) -> Anchor:
    """Return a DrawingML anchor as one layout knows."""
    return {"ctr": "ctr", "b": "b"}.get(value, "t")  # type: ignore[return-value]


def _described(name: str, text: str) -> str:
    """Return what a frame called ``name`` holding ``text`` is, for a warning."""
    return f"{DESCRIBED.get(name, name.lower())} '{_short(text)}'"


def _short(text: str) -> str:
    """Return the start of ``text`` for messages."""
    return text if len(text) <= 30 else text[:29] + "…"


__all__ = ["BULLETS", "Entry", "TextSpec", "TextStyle", "Typesetter", "entry_items",
           "point_entries", "point_items"]
