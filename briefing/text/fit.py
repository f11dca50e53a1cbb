"""Fit text into boxes: the largest size in a range whose predicted lines fit, or None.

Fitting prefers a smaller size to a break inside a unit (a word, a number, a katakana word, a
URL, a phrase of a heading): the largest size that fits with whole units wins; only when none
does is a break inside a unit taken (URL joints and phrase insides before the box edge), at
the largest size that fits so.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from briefing.text.breaking import Measure, break_units, phrase_units
from briefing.text.fonts import Measurer
from briefing.text.markup import Span, parse_inline, plain_spans, text_of
from briefing.text.wrapping import (
    KNOWN_LINES,
    MADE_LINES,
    Cut,
    Wrapped,
    balanced_wrap_graded,
    wrap,
    wrap_graded,
    wrap_without_widow_graded,
)

# Renderers differ a little from summed advances (hinting, justification); keep a margin.
WIDTH_SAFETY = 0.95
HEIGHT_SAFETY = 0.98
SUB_SCALE = 0.85


@dataclass(frozen=True)
class Level:
    """How paragraphs of one outline level are set, relative to the frame's base size.

    ``scale``: size over the base size; ``margin``: where the text starts, in points plus
    ``margin_em`` ems of the base size (a bullet hangs in the margin); ``space_before``:
    space above a paragraph that follows another, in ems of its own size; ``tracking``: the
    level's own letter spacing in points after each character (DrawingML ``spc``,
    ECMA-376 §21.1.2.3.9), None to keep the measurer's.
    """

    scale: float = 1.0
    margin: float = 0.0
    margin_em: float = 0.0
    space_before: float = 0.0
    tracking: float | None = None


@functools.cache
def default_levels(paragraph_space: float, bullets: bool = True) -> tuple[Level, ...]:
    """Return the built-in levels: sub-points at 0.85, a bullet's hang of 1.1 em, the next
    level 1.2 em further in, half the paragraph space before sub-points (made once for each
    spacing: the one-pager asks for a level for every line it sets)."""
    if not bullets:
        return (Level(1.0, 0, 0, paragraph_space), Level(SUB_SCALE, 0, 0, paragraph_space / 2))
    return (Level(1.0, 0.0, 1.1, paragraph_space),
            Level(SUB_SCALE, 0.0, 1.1 * SUB_SCALE + 1.2, paragraph_space / 2))


@dataclass(frozen=True)
class Item:
    """A paragraph to fit: its text, outline level (0 or 1) and whether it has a bullet.

    ``text`` is what the reader sees ("\n" a line break inside the paragraph): it is what
    is measured and broken into lines. ``spans`` styles it (bold, italic, links); empty,
    the text is in one style.
    """

    text: str
    level: int = 0
    bullet: bool = True
    spans: tuple[Span, ...] = ()

    @classmethod
    def marked(cls, source: str, level: int = 0, bullet: bool = True) -> Item:
        """Return the item of ``source`` written in the inline markup (see ``markup``)."""
        spans = parse_inline(source)
        return cls(text_of(spans), level, bullet, spans)

    @property
    def styled(self) -> tuple[Span, ...]:
        """Return the item's spans (its text in one style when it has none)."""
        return self.spans or plain_spans(self.text)


@dataclass(frozen=True)
class FittedItem:
    """An item at its chosen size, with the lines it breaks into."""

    item: Item
    size: float
    indent: float
    lines: tuple[str, ...]
    space_before: float


@dataclass(frozen=True)
class Fitted:
    """The outcome of fitting: the base size, each item's lines, the total height and the
    worst break inside a unit the lines needed."""

    size: float
    items: tuple[FittedItem, ...]
    height: float
    cut: Cut = Cut.WHOLE


def wrap_text(measurer: Measurer, text: str, size: float, width: float,
              avoid_widow: bool = False) -> list[str]:
    """Return the lines of body ``text`` at ``size`` within ``width`` points, as a renderer
    wraps it (UAX #14 with kinsoku: the deck's body text, which PowerPoint and LibreOffice
    wrap themselves).

    With ``avoid_widow`` a stub last line is pulled up by wrapping a little narrower.
    """
    return list(_lines(measurer, text, size, width, RENDERER, avoid_widow).lines)


def wrap_heading(measurer: Measurer, text: str, size: float, width: float,
                 lang: str) -> list[str]:
    """Return the lines of a heading, broken at phrase boundaries and balanced."""
    return list(_lines(measurer, text, size, width, HEADING + lang, False).lines)


def wrap_phrases(measurer: Measurer, text: str, size: float, width: float,
                 lang: str) -> list[str]:
    """Return the lines of running text the layout breaks itself (the one-pager's paragraphs,
    any text written with explicit line breaks), ``size`` and ``width`` in points.

    Lines are filled greedily with phrases (BudouX for Japanese, words otherwise); numbers,
    katakana words and URLs stay whole, kinsoku holds, and a stub last line (two characters
    or fewer, or one short word) is pulled up by wrapping a little narrower. Each "\n" forces
    a break.
    """
    return list(_lines(measurer, text, size, width, PHRASES + lang, True).lines)


def phrase_cut(measurer: Measurer, text: str, size: float, width: float, lang: str) -> Cut:
    """Return the worst break inside a unit that ``wrap_phrases`` needs to set ``text`` at
    ``size`` within ``width`` points (``Cut.WHOLE`` when every phrase stays whole)."""
    return _lines(measurer, text, size, width, PHRASES + lang, True).cut


def heading_cut(measurer: Measurer, text: str, size: float, width: float, lang: str) -> Cut:
    """Return the worst break inside a unit that ``wrap_heading`` needs to set ``text`` at
    ``size`` within ``width`` points."""
    return _lines(measurer, text, size, width, HEADING + lang, False).cut


RENDERER = ""  # _lines modes: break units as the renderer does, headings, phrases
HEADING = "heading:"
PHRASES = "phrases:"


@functools.lru_cache(maxsize=65_536)
def _lines(measurer: Measurer, text: str, size: float, width: float, mode: str,
           avoid_widow: bool) -> Wrapped:
    """Return the (cached) lines of ``text`` and the worst cut; each "\n" forces a break.

    ``mode`` is ``RENDERER`` (break units, greedy), ``HEADING`` + language (phrases, balanced)
    or ``PHRASES`` + language (phrases, greedy). Fitting wraps the same texts at many sizes,
    so the lines are kept; lines an earlier process worked out (``KNOWN_LINES``) are taken
    as they are.
    """
    key = (measurer.stamp, text, size, width, mode, avoid_widow)
    known = KNOWN_LINES.get(key)
    if known is not None:
        return known

    def measure(s: str) -> float:
        return measurer.width(s, size)

    if mode.startswith(HEADING):
        breaker: Callable[[Sequence[str], Measure, float], Wrapped] = balanced_wrap_graded
    else:
        breaker = wrap_without_widow_graded if avoid_widow else wrap_graded
    lang = mode.partition(":")[2]
    lines: list[str] = []
    cut = Cut.WHOLE
    for part in text.split("\n"):
        if part:
            units = phrase_units(part, lang) if mode else break_units(part)
            wrapped = breaker(units, measure, width * WIDTH_SAFETY)
            lines.extend(wrapped.lines)
            cut = max(cut, wrapped.cut)
    MADE_LINES[key] = made = Wrapped(tuple(lines) or ("",), cut)
    return made


def fit_heading(measurer: Measurer, text: str, width: float, height: float,
                sizes: tuple[float, float], lang: str, max_lines: int = 3,
                ) -> tuple[float, list[str]] | None:
    """Return the largest (size, lines) of a heading that fits, or None.

    Sizes go down from ``sizes[0]`` to ``sizes[1]`` by 1 pt; a size whose lines break inside
    a unit counts only when no size fits with whole units (the least bad cut wins, then the
    largest size).
    """
    large, small = sizes
    best: tuple[Cut, float, tuple[str, ...]] | None = None
    size = large
    while size >= small:
        wrapped = _lines(measurer, text, size, width, HEADING + lang, False)
        fits_height = len(wrapped.lines) * measurer.line_height(size) <= height * HEIGHT_SAFETY
        if len(wrapped.lines) <= max_lines and fits_height:
            if wrapped.cut == Cut.WHOLE:
                return size, list(wrapped.lines)
            if best is None or wrapped.cut < best[0]:
                best = (wrapped.cut, size, wrapped.lines)
        size -= 1
    return None if best is None else (best[1], list(best[2]))


ELLIPSIS = "\u2026"


def cut_heading(measurer: Measurer, text: str, width: float, height: float, size: float,
                lang: str) -> tuple[str, list[str]]:
    """Return the start of a heading that fits ``width`` by ``height`` at ``size``: the text
    shown and its lines, the last ending in an ellipsis when the heading goes on.

    For a heading too long for its box even at the smallest size tried: lines filled
    greedily (phrase breaks kept), as many as the height holds (at least one); the last is
    shortened until the ellipsis fits, back to a space when it would end inside a word.
    Each line is a piece of ``text``, in order.
    """
    def measure(piece: str) -> float:
        return measurer.width(piece, size)

    lines = [line for part in text.split("\n") if part
             for line in wrap(phrase_units(part, lang), measure, width * WIDTH_SAFETY)]
    room = max(1, int(height * HEIGHT_SAFETY / measurer.line_height(size)))
    if len(lines) <= room:
        return text, lines
    start = 0
    for line in lines[:room]:
        start = text.find(line, start) + len(line)
    start -= len(lines[room - 1])
    head = lines[room - 1]
    while len(head) > 1 and measure(head.rstrip() + ELLIPSIS) > width * WIDTH_SAFETY:
        head = head[:-1]
    if not text[start + len(head):].startswith(" ") and " " in head.strip():
        head = head[:head.rstrip().rindex(" ")]
    head = head.rstrip()
    return text[:start + len(head)] + ELLIPSIS, [*lines[:room - 1], head + ELLIPSIS]


def layout_items(measurer: Measurer, items: Sequence[Item], size: float, width: float,
                 levels: Sequence[Level], lang: str | None = None) -> Fitted:
    """Return ``items`` broken into lines at base ``size`` within ``width`` points.

    Each item is set as its level says (``levels[item.level]``, the last for deeper ones);
    an item without a bullet starts at the frame's edge. Lines are the renderer's (UAX #14,
    as ``wrap_text``), or with ``lang`` the layout's own phrase breaks (``wrap_phrases``:
    BudouX phrases, whole numbers and words, no stub last line), for text written with
    explicit line breaks.
    """
    mode = RENDERER if lang is None else PHRASES + lang
    fitted = []
    height = 0.0
    cut = Cut.WHOLE
    for index, item in enumerate(items):
        level = levels[min(item.level, len(levels) - 1)]
        item_size = round(size * level.scale, 1)
        indent = level.margin + level.margin_em * size if item.bullet else 0.0
        spaced = measurer if level.tracking is None else measurer.with_tracking(level.tracking)
        wrapped = _lines(spaced, item.text, item_size, width - indent, mode, lang is not None)
        space = level.space_before * item_size if index else 0.0
        height += space + len(wrapped.lines) * measurer.line_height(item_size)
        cut = max(cut, wrapped.cut)
        fitted.append(FittedItem(item, item_size, indent, wrapped.lines, space))
    return Fitted(size, tuple(fitted), height, cut)


def fit_items(measurer: Measurer, items: Sequence[Item], width: float, height: float,
              sizes: tuple[float, float], levels: Sequence[Level],
              lang: str | None = None) -> Fitted | None:
    """Return the layout at the largest size in ``sizes`` that fits the box, or None.

    As in ``fit_heading``, a size whose lines break inside a word counts only when no size
    fits with whole words. ``lang`` as in ``layout_items``.
    """
    large, small = sizes
    best: Fitted | None = None
    size = large
    while size >= small:
        fitted = layout_items(measurer, items, size, width, levels, lang)
        if fitted.height <= height * HEIGHT_SAFETY:
            if fitted.cut == Cut.WHOLE:
                return fitted
            if best is None or fitted.cut < best.cut:
                best = fitted
        size -= 1
    return best
