"""Colours as the deck writes them (a theme slot or RGB) and the WCAG contrast between them.

A ``Color`` always knows its resolved sRGB value, so layout can check contrast and the PDF and
PNG backends can draw it; where it came from a template's colour scheme it also names the slot
(``tx1``, ``accent1``...) and the DrawingML modifiers, so the deck refers to the template's own
colour instead of copying it.
"""

from __future__ import annotations

import colorsys
import functools
import math
from dataclasses import dataclass

# DrawingML percentages are thousandths of a percent (ECMA-376 Part 1, §20.1.10.40 ST_Percentage).
PERCENT = 100_000


@dataclass(frozen=True)
class Color:
    """A colour: its resolved ``rgb`` (RRGGBB) and, optionally, the scheme slot it comes from.

    ``mods`` are DrawingML colour transforms as (element name, value) pairs, for example
    ``(("lumMod", 75000), ("lumOff", 25000))``; ``rgb`` already has them applied.
    """

    rgb: str
    scheme: str | None = None
    mods: tuple[tuple[str, int], ...] = ()

    @classmethod
    def of(cls, rgb: str) -> Color:
        """Return a plain RGB colour."""
        return cls(rgb.upper())

    def with_rgb(self, rgb: str) -> Color:
        """Return a plain colour of another value (the scheme reference is dropped)."""
        return Color(rgb.upper())


def channels(rgb: str) -> tuple[int, int, int]:
    """Return the red, green and blue values (0-255) of RRGGBB."""
    return int(rgb[0:2], 16), int(rgb[2:4], 16), int(rgb[4:6], 16)


def hex_of(red: float, green: float, blue: float) -> str:
    """Return RRGGBB from channel values in 0-255 (rounded and clamped)."""
    return "".join(f"{max(0, min(255, round(v))):02X}" for v in (red, green, blue))


def luminance(rgb: str) -> float:
    """Return the relative luminance of RRGGBB (WCAG 2.x, from the sRGB transfer function)."""
    def linear(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.04045 else float(((v + 0.055) / 1.055) ** 2.4)

    r, g, b = (linear(v) for v in channels(rgb))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """Return the WCAG 2.x contrast ratio (1 to 21) of two RRGGBB colours."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def ratio_text(value: float) -> str:
    """Return a contrast ratio as reports show it: rounded down to a tenth, so a ratio below
    a threshold never reads as reaching it (4.46:1 is "4.4", not "4.5")."""
    return f"{math.floor(value * 10 + 1e-9) / 10:.1f}"


def contrast_of_luminances(first: float, second: float) -> float:
    """Return the WCAG contrast ratio of two relative luminances."""
    lighter, darker = max(first, second), min(first, second)
    return (lighter + 0.05) / (darker + 0.05)


# WCAG 2.x success criterion 1.4.3: 4.5:1 for text, 3:1 for large text (18 pt, or 14 pt bold).
# The deck uses 3:1 from 24 pt, as a presenter's slide is read from further away than a page.
BODY_CONTRAST = 4.5
LARGE_CONTRAST = 3.0
LARGE_TEXT_PT = 24.0


# Renderers antialias and composite a little differently from the backdrop model; colours
# chosen for a slide clear the WCAG threshold by this factor so the rendered slide clears it.
RENDER_MARGIN = 1.04


def required_contrast(size: float) -> float:
    """Return the contrast text set at ``size`` points needs (WCAG 2.x thresholds)."""
    return LARGE_CONTRAST if size >= LARGE_TEXT_PT else BODY_CONTRAST


# WCAG 2.x's "large scale" text: at least 18 pt, or 14 pt bold (its definition of the term);
# the one-pager is read at arm's length, so these hold for it unchanged.
PAGE_LARGE_TEXT_PT = 18.0
PAGE_LARGE_BOLD_PT = 14.0


def page_contrast(size: float, bold: bool) -> float:
    """Return the contrast text on a printed page needs at ``size`` points (WCAG 2.x, SC 1.4.3:
    3:1 for large-scale text, 4.5:1 for the rest)."""
    large = size >= PAGE_LARGE_TEXT_PT or (bold and size >= PAGE_LARGE_BOLD_PT)
    return LARGE_CONTRAST if large else BODY_CONTRAST


@functools.lru_cache(maxsize=1024)
def readable_on(rgb: str, ground: str, need: float) -> str:
    """Return ``rgb``, or the colour nearest it that reads at ``need`` on ``ground`` (RRGGBB).

    The colour is moved the least distance toward white when it is lighter than the ground,
    else toward black (a lighter or darker shade of the same hue); when even that end does not
    reach ``need``, toward the other end. One of white and black always reaches 4.58:1 on any
    ground, so the result reads for any ``need`` up to that. Along either path the luminance
    changes in one direction, so the colours that read form one stretch ending at the end
    colour, and bisection finds where it starts (to within 1/1024 of the way).
    """
    if contrast(rgb, ground) >= need:
        return rgb.upper()
    lighter = luminance(rgb) >= luminance(ground)
    ends = ("FFFFFF", "000000") if lighter else ("000000", "FFFFFF")
    end = next((e for e in ends if contrast(e, ground) >= need),
               max(ends, key=lambda e: contrast(e, ground)))
    low, high = 0.0, 1.0
    for _ in range(10):
        middle = (low + high) / 2
        if contrast(blend(rgb, end, middle), ground) >= need:
            high = middle
        else:
            low = middle
    return blend(rgb, end, high)


def blend(first: str, second: str, amount: float) -> str:
    """Return the colour ``amount`` (0-1) of the way from ``first`` to ``second``."""
    a, b = channels(first), channels(second)
    return hex_of(*(x + (y - x) * amount for x, y in zip(a, b, strict=True)))


def apply_mods(rgb: str, mods: tuple[tuple[str, int], ...]) -> str:
    """Return ``rgb`` with DrawingML colour transforms applied in order.

    Supported: ``lumMod``/``lumOff`` (HSL luminance, §20.1.2.3.19-20), ``satMod``, ``tint``
    (towards white) and ``shade`` (towards black) (§20.1.2.3.34, .31), which the standard
    defines on linear (scRGB) values, as LibreOffice renders them; ``alpha`` is ignored here
    (transparency is composited by whoever draws the colour).
    """
    red, green, blue = (v / 255 for v in channels(rgb))
    for name, value in mods:
        amount = value / PERCENT
        if name in ("lumMod", "lumOff", "satMod"):
            hue, light, sat = colorsys.rgb_to_hls(red, green, blue)
            if name == "lumMod":
                light *= amount
            elif name == "lumOff":
                light += amount
            else:
                sat *= amount
            red, green, blue = colorsys.hls_to_rgb(hue, min(max(light, 0.0), 1.0),
                                                   min(max(sat, 0.0), 1.0))
        elif name == "tint":
            red, green, blue = (_gamma(_linear(c) * amount + (1 - amount))
                                for c in (red, green, blue))
        elif name == "shade":
            red, green, blue = (_gamma(_linear(c) * amount) for c in (red, green, blue))
    return hex_of(red * 255, green * 255, blue * 255)


def _linear(value: float) -> float:
    """Return an sRGB channel (0-1) as linear light."""
    return value / 12.92 if value <= 0.04045 else float(((value + 0.055) / 1.055) ** 2.4)


def _gamma(value: float) -> float:
    """Return a linear-light channel (0-1) as sRGB."""
    value = min(max(value, 0.0), 1.0)
    return value * 12.92 if value <= 0.0031308 else 1.055 * value ** (1 / 2.4) - 0.055


def alpha_of(mods: tuple[tuple[str, int], ...]) -> float:
    """Return the opacity (0-1) the transforms give a colour (``alpha``, §20.1.2.3.1)."""
    opacity = 1.0
    for name, value in mods:
        if name == "alpha":
            opacity = value / PERCENT
        elif name == "alphaMod":
            opacity *= value / PERCENT
    return min(max(opacity, 0.0), 1.0)
