"""Fit text into boxes: the largest size in a range whose predicted lines fit, or None."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing.text.breaking import balanced_wrap, break_units, phrase_units, wrap
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


def wrap_text(measurer: Measurer, text: str, size: float, width: float) -> list[str]:
    """Return the lines of body ``text`` at ``size`` within ``width`` (kinsoku respected)."""
    units = [u for part in text.split("\n") for u in ([*break_units(part), "\n"])][:-1]
    return _wrap_with_newlines(units, measurer, size, width * WIDTH_SAFETY, balanced=False)


def wrap_heading(measurer: Measurer, text: str, size: float, width: float,
                 lang: str) -> list[str]:
    """Return the lines of a heading, broken at phrase boundaries and balanced."""
    units = [u for part in text.split("\n") for u in ([*phrase_units(part, lang), "\n"])][:-1]
    return _wrap_with_newlines(units, measurer, size, width * WIDTH_SAFETY, balanced=True)


def _wrap_with_newlines(units: Sequence[str], measurer: Measurer, size: float, width: float,
                        balanced: bool) -> list[str]:
    """Return lines for ``units``, where a unit "\\n" forces a break."""
    lines: list[str] = []
    chunk: list[str] = []
    for unit in [*units, "\n"]:
        if unit != "\n":
            chunk.append(unit)
            continue
        if chunk:
            breaker = balanced_wrap if balanced else wrap
            lines.extend(breaker(chunk, lambda s: measurer.width(s, size), width))
        chunk = []
    return lines or [""]


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
