"""Rectangles on a slide or page, in points: the one geometry every stage shares."""

from __future__ import annotations

from dataclasses import dataclass

EMU_PER_PT = 12700  # ECMA-376 Part 1, §20.1.2.1: 914400 EMU per inch, 72 points per inch


@dataclass(frozen=True)
class Box:
    """A rectangle: left, top, width and height in points (y grows downwards)."""

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

    @property
    def area(self) -> float:
        """Return the area in square points (0 for an empty box)."""
        return max(self.w, 0.0) * max(self.h, 0.0)

    def inset(self, dx: float, dy: float | None = None) -> Box:
        """Return this box shrunk by ``dx`` left and right and ``dy`` top and bottom."""
        dy = dx if dy is None else dy
        return Box(self.x + dx, self.y + dy, self.w - 2 * dx, self.h - 2 * dy)

    def intersection(self, other: Box) -> Box | None:
        """Return the overlap of two boxes, or None when they do not overlap."""
        x, y = max(self.x, other.x), max(self.y, other.y)
        right, bottom = min(self.right, other.right), min(self.bottom, other.bottom)
        if right <= x or bottom <= y:
            return None
        return Box(x, y, right - x, bottom - y)

    def contains(self, other: Box, tolerance: float = 0.0) -> bool:
        """Return whether ``other`` lies inside this box (within ``tolerance`` points)."""
        return (other.x >= self.x - tolerance and other.y >= self.y - tolerance
                and other.right <= self.right + tolerance
                and other.bottom <= self.bottom + tolerance)

    def clipped(self, width: float, height: float) -> Box:
        """Return this box clipped to a slide of ``width`` by ``height`` points."""
        x, y = max(self.x, 0.0), max(self.y, 0.0)
        return Box(x, y, max(min(self.right, width) - x, 0.0),
                   max(min(self.bottom, height) - y, 0.0))


@dataclass(frozen=True)
class Insets:
    """Space between a text box's edges and its text, in points (``a:bodyPr`` lIns...)."""

    left: float = 7.2
    top: float = 3.6
    right: float = 7.2
    bottom: float = 3.6

    def apply(self, box: Box) -> Box:
        """Return the area of ``box`` that text may use."""
        return Box(box.x + self.left, box.y + self.top, box.w - self.left - self.right,
                   box.h - self.top - self.bottom)


NO_INSETS = Insets(0.0, 0.0, 0.0, 0.0)
