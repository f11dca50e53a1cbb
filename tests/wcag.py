"""WCAG 2.x contrast written out from its definition, as an oracle for colour checks."""

from __future__ import annotations


def relative_luminance(rgb: str) -> float:
    """Return WCAG 2.x relative luminance of RRGGBB (sRGB channels linearised)."""
    def linear(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(int(rgb[i:i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """Return the WCAG 2.x contrast ratio of two RRGGBB colours."""
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)
