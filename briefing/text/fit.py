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

# Renderers differ a little from summed advances (hinting, justification); keep a margin.
WIDTH_SAFETY = 0.95
HEIGHT_SAFETY = 0.98
SUB_SCALE = 0.85


@dataclass(frozen=True)
class Item:
    """A paragraph to fit: its text, outline level (0 or 1) and whether it has a bullet."""

    text: str
    level: int = 0
    bullet: bool = True


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


def layout_items(measurer: Measurer, items: Sequence[Item], size: float, width: float,
                 paragraph_space: float) -> Fitted:
    """Return ``items`` broken into lines at base ``size`` within ``width``."""
    fitted = []
    height = 0.0
    for index, item in enumerate(items):
        item_size = size if item.level == 0 else round(size * SUB_SCALE, 1)
        indent = item_size * 1.1 + item.level * size * 1.2 if item.bullet else 0.0
        lines = tuple(wrap_text(measurer, item.text, item_size, width - indent))
        space = paragraph_space * item_size * (1.0 if item.level == 0 else 0.5) if index else 0.0
        height += space + len(lines) * measurer.line_height(item_size)
        fitted.append(FittedItem(item, item_size, indent, lines, space))
    return Fitted(size, tuple(fitted), height)


def fit_items(measurer: Measurer, items: Sequence[Item], width: float, height: float,
              sizes: tuple[float, float], paragraph_space: float) -> Fitted | None:
    """Return the layout at the largest size in ``sizes`` that fits the box, or None."""
    large, small = sizes
    size = large
    while size >= small:
        fitted = layout_items(measurer, items, size, width, paragraph_space)
        if fitted.height <= height * HEIGHT_SAFETY:
            return fitted
        size -= 1
    return None
