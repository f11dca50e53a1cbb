"""The one-pager's measures and building blocks: page constants, the kit every block builder
takes (measurer, theme, language, body size) and blocks stacked or set side by side."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from briefing.color import BODY_CONTRAST, Color, page_contrast, readable_on
from briefing.evolve import evolve
from briefing.geometry import Box
from briefing.layout.boxes import Rule, Shape
from briefing.layout.typeset import level_of
from briefing.text.fit import Level
from briefing.text.fonts import Measurer
from briefing.theme.tokens import Theme

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

# What text on the one-pager is set on: the page, the tinted boxes (bottom line, figures) and
# the title band.
Ground = Literal["background", "surface", "band"]



@dataclass(frozen=True)
class Kit:
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

    def ground(self, name: Ground) -> Color:
        """Return the colour of ground ``name``. The title band is the accent, made darker or
        lighter where the colour set on it (``on_accent``) would not read at 4.5:1 there (a
        template's accent is often a mid-tone that neither black nor white text reads on)."""
        if name != "band":
            return self.color(name)
        accent = self.color("accent")
        rgb = readable_on(accent.rgb, self.color("on_accent").rgb, BODY_CONTRAST)
        return accent if rgb == accent.rgb else Color.of(rgb)

    def ink(self, name: str, size: float, bold: bool = False,
            on: Ground = "background") -> Color:
        """Return the theme colour ``name`` for text set at ``size`` points on ground ``on``:
        itself where it reads there as WCAG 2.x asks of text (``page_contrast``), else the
        nearest shade of it that does (``readable_on``)."""
        color = self.color(name)
        rgb = readable_on(color.rgb, self.ground(on).rgb, page_contrast(size, bold))
        return color if rgb == color.rgb else Color.of(rgb)

    def level(self, level: int) -> Level:
        """Return how outline ``level`` is set (the deck's levels, this theme's spacing)."""
        return level_of(self.theme.paragraph_space, level)

    def space(self, size: float) -> float:
        """Return the space between paragraphs set at ``size``."""
        return self.theme.paragraph_space * size

    def width(self, text: str, size: float) -> float:
        """Return the width of ``text`` at ``size``."""
        return self.measurer.width(text, size)


@dataclass(frozen=True)
class Block:
    """Shapes laid out from the origin, and the width and height they take."""

    width: float
    height: float
    shapes: tuple[Shape, ...]


def shifted(shape: Shape, dx: float, dy: float) -> Shape:
    """Return ``shape`` moved by (dx, dy)."""
    if isinstance(shape, Rule):
        return evolve(shape, x1=shape.x1 + dx, y1=shape.y1 + dy, x2=shape.x2 + dx,
                     y2=shape.y2 + dy)
    return evolve(shape, box=Box(shape.box.x + dx, shape.box.y + dy, shape.box.w, shape.box.h))


def placed(block: Block, dx: float, dy: float) -> tuple[Shape, ...]:
    """Return the shapes of ``block`` moved to (dx, dy)."""
    return tuple(shifted(shape, dx, dy) for shape in block.shapes)


def stack(blocks: Sequence[Block], gap: float) -> Block:
    """Return ``blocks`` stacked top to bottom with ``gap`` between them."""
    shapes: list[Shape] = []
    y = 0.0
    for index, block in enumerate(blocks):
        y += gap if index else 0.0
        shapes.extend(placed(block, 0.0, y))
        y += block.height
    return Block(max((b.width for b in blocks), default=0.0), y, tuple(shapes))


def beside(blocks: Sequence[Block], gap: float) -> Block:
    """Return ``blocks`` side by side, tops aligned, with ``gap`` between them."""
    shapes: list[Shape] = []
    x = 0.0
    for index, block in enumerate(blocks):
        x += gap if index else 0.0
        shapes.extend(placed(block, x, 0.0))
        x += block.width
    return Block(x, max((b.height for b in blocks), default=0.0), tuple(shapes))

