"""Slide geometry: the slide size and where titles, content and the footer go. Unit: points."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.layout.boxes import Box

BUILTIN_WIDTH = 960.0
BUILTIN_HEIGHT = 540.0


@dataclass(frozen=True)
class SlideGeometry:
    """Where things go on a slide; ``footer`` is None when a template brings its own footers."""

    width: float
    height: float
    title: Box
    body: Box
    footer: Box | None
    margin: float
    paint_background: bool = True

    def at(self, fraction: float) -> float:
        """Return the y at ``fraction`` of the slide height."""
        return self.height * fraction

    @property
    def inner_width(self) -> float:
        """Return the width between the side margins."""
        return self.width - 2 * self.margin


def builtin_geometry(margin: float) -> SlideGeometry:
    """Return the geometry of the built-in 16:9 themes."""
    width, height = BUILTIN_WIDTH, BUILTIN_HEIGHT
    return SlideGeometry(
        width, height,
        title=Box(margin, 26, width - 2 * margin, 80),
        body=Box(margin, 132, width - 2 * margin, 358),
        footer=Box(margin, 508, width - 2 * margin, 18),
        margin=margin)


def template_geometry(width: float, height: float, title: Box, body: Box) -> SlideGeometry:
    """Return the geometry of a template from its content layout's title and body boxes."""
    margin = max(min(title.x, body.x), width * 0.03)
    title_box = Box(title.x, title.y, title.w, title.h)
    gap = max(body.y - title.bottom, 0.0)
    # Leave room under the title for the accent rule when the layout puts them close.
    body_box = Box(body.x, body.y + max(0.0, 16 - gap), body.w, body.h - max(0.0, 16 - gap))
    return SlideGeometry(width, height, title_box, body_box, None, margin, False)
