"""Fit text into boxes: the largest size in a range whose predicted lines fit, or None."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from briefing.text.breaking import (
    Measure,
    balanced_wrap,
    break_units,
    phrase_units,
    wrap,
    wrap_without_widow,
)
from briefing.text.fonts import Measurer
from briefing.text.markup import Span, parse_inline, plain_spans, text_of

# Renderers differ a little from summed advances (hinting, justification); keep a margin.
WIDTH_SAFETY = 0.95
HEIGHT_SAFETY = 0.98
SUB_SCALE = 0.85


@dataclass(frozen=True)
class Level:
    """How paragraphs of one outline level are set, relative to the frame's base size.

    ``scale``: size over the base size; ``margin``: where the text starts, in points plus
    ``margin_em`` ems of the base size (a bullet hangs in the margin); ``space_before``:
    space above a paragraph that follows another, in ems of its own size.
    """

    scale: float = 1.0
    margin: float = 0.0
    margin_em: float = 0.0
    space_before: float = 0.0


def default_levels(paragraph_space: float, bullets: bool = True) -> tuple[Level, ...]:
    """Return the built-in levels: sub-points at 0.85, a bullet's hang of 1.1 em, the next
    level 1.2 em further in, half the paragraph space before sub-points."""
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
    """The outcome of fitting: the base size, each item's lines and the total height."""

    size: float
    items: tuple[FittedItem, ...]
    height: float


def wrap_text(measurer: Measurer, text: str, size: float, width: float,
              avoid_widow: bool = False) -> list[str]:
    """Return the lines of body ``text`` at ``size`` within ``width`` (kinsoku respected).

    With ``avoid_widow`` a stub last line is pulled up by wrapping a little narrower.
    """
    return list(_lines(measurer, text, size, width, None, avoid_widow))


def wrap_heading(measurer: Measurer, text: str, size: float, width: float,
                 lang: str) -> list[str]:
    """Return the lines of a heading, broken at phrase boundaries and balanced."""
    return list(_lines(measurer, text, size, width, lang, False))


@functools.lru_cache(maxsize=65_536)
def _lines(measurer: Measurer, text: str, size: float, width: float, phrases_in: str | None,
           avoid_widow: bool) -> tuple[str, ...]:
    """Return the (cached) lines of ``text``; each "\\n" forces a break.

    Headings (``phrases_in`` names their language) break at phrases and are balanced. Fitting
    wraps the same texts at many sizes, so the lines are kept.
    """
    def measure(s: str) -> float:
        return measurer.width(s, size)

    if phrases_in is not None:
        breaker: Callable[[Sequence[str], Measure, float], list[str]] = balanced_wrap
    else:
        breaker = wrap_without_widow if avoid_widow else wrap
    lines = []
    for part in text.split("\n"):
        if part:
            units = phrase_units(part, phrases_in) if phrases_in else break_units(part)
            lines.extend(breaker(units, measure, width * WIDTH_SAFETY))
    return tuple(lines) or ("",)


def fit_heading(measurer: Measurer, text: str, width: float, height: float,
                sizes: tuple[float, float], lang: str, max_lines: int = 3,
                ) -> tuple[float, list[str]] | None:
    """Return the largest (size, lines) of a heading that fits, or None."""
    large, small = sizes
    size = large
    while size >= small:
        lines = wrap_heading(measurer, text, size, width, lang)
        fits_height = len(lines) * measurer.line_height(size) <= height * HEIGHT_SAFETY
        if len(lines) <= max_lines and fits_height:
            return size, lines
        size -= 1
    return None


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
                 levels: Sequence[Level]) -> Fitted:
    """Return ``items`` broken into lines at base ``size`` within ``width`` points.

    Each item is set as its level says (``levels[item.level]``, the last for deeper ones);
    an item without a bullet starts at the frame's edge.
    """
    fitted = []
    height = 0.0
    for index, item in enumerate(items):
        level = levels[min(item.level, len(levels) - 1)]
        item_size = round(size * level.scale, 1)
        indent = level.margin + level.margin_em * size if item.bullet else 0.0
        lines = tuple(wrap_text(measurer, item.text, item_size, width - indent))
        space = level.space_before * item_size if index else 0.0
        height += space + len(lines) * measurer.line_height(item_size)
        fitted.append(FittedItem(item, item_size, indent, lines, space))
    return Fitted(size, tuple(fitted), height)


def fit_items(measurer: Measurer, items: Sequence[Item], width: float, height: float,
              sizes: tuple[float, float], levels: Sequence[Level]) -> Fitted | None:
    """Return the layout at the largest size in ``sizes`` that fits the box, or None."""
    large, small = sizes
    size = large
    while size >= small:
        fitted = layout_items(measurer, items, size, width, levels)
        if fitted.height <= height * HEIGHT_SAFETY:
            return fitted
        size -= 1
    return None
