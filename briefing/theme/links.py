"""The colour a deck on a template draws its links in, and the package that says so.

PowerPoint and LibreOffice draw a hyperlink's text in the colour scheme's ``hlink`` colour
(``folHlink`` once followed), whatever colour its run names (ECMA-376 Part 1, §20.1.4.1.10
and .1.11; seen in both renderers). A template whose link colour does not read on its own
layouts (Office's #0563C1 on a dark design reads at 1.5:1) would leave every link in the deck
unreadable, so the deck's copy of the template gets a link colour that reads: the template's
own where it does, else the nearest shade of it that reads on every ground the deck sets text
on, else the template colour that reads best there.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lxml import etree

from briefing.color import BODY_CONTRAST, RENDER_MARGIN, Color, readable_on
from briefing.geometry import Box
from briefing.theme.backdrop import Backdrop
from briefing.theme.styles import Palette

DRAWINGML = "http://schemas.openxmlformats.org/drawingml/2006/main"
THEME_PART = re.compile(r"ppt/theme/theme\d+\.xml")
# Template colours tried after the link colour's own shades, in the order a designer would.
CANDIDATES = ("accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "tx1", "bg1")
NEED = BODY_CONTRAST * RENDER_MARGIN  # links are set at body sizes: 4.5:1, and the margin


@dataclass(frozen=True)
class Ground:
    """Where the deck sets text on a layout: what lies under it and the box it takes."""

    backdrop: Backdrop
    area: Box
    color: str  # the colour most of the area shows (RRGGBB)


@dataclass(frozen=True)
class LinkColor:
    """The template's link colour, how it reads at worst, and what the deck uses instead
    (None: the template's own reads)."""

    template: Color
    ratio: float
    replacement: Color | None = None
    replacement_ratio: float = 0.0


def link_color(palette: Palette, grounds: Sequence[Ground]) -> LinkColor:
    """Return the link colour for a deck whose text lies on ``grounds``: the template's
    ``hlink`` when it reads at 4.5:1 (WCAG 2.x, body text) on each; else, of its shades made
    to read on each ground (``readable_on``) and the template's own colours, the first that
    reads on all, or failing that the one whose worst ratio is best."""
    own = palette.color("hlink")
    ratio = _worst(own.rgb, grounds)
    if not grounds or ratio >= BODY_CONTRAST:
        return LinkColor(own, ratio)
    shades = [readable_on(own.rgb, ground.color, NEED) for ground in grounds]
    tried = [*dict.fromkeys(shades), *(palette.slot_rgb(slot) for slot in CANDIDATES)]
    rated = [(rgb, _worst(rgb, grounds)) for rgb in tried]
    passing = [(rgb, worst) for rgb, worst in rated if worst >= BODY_CONTRAST]
    rgb, worst = passing[0] if passing else max(rated, key=lambda item: item[1])
    if worst <= ratio:
        return LinkColor(own, ratio)
    return LinkColor(own, ratio, Color.of(rgb), worst)


def _worst(rgb: str, grounds: Iterable[Ground]) -> float:
    """Return the lowest contrast of text colour ``rgb`` over ``grounds``."""
    return min((ground.backdrop.contrast(rgb, ground.area) for ground in grounds),
               default=21.0)


def with_link_color(data: bytes, rgb: str) -> bytes:
    """Return the package ``data`` with every theme's ``hlink`` and ``folHlink`` colours set
    to ``rgb`` (the other parts copied as they are)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info)
            if THEME_PART.fullmatch(info.filename):
                blob = _theme_with_link(blob, rgb)
            target.writestr(info, blob)
    return out.getvalue()


def _theme_with_link(blob: bytes, rgb: str) -> bytes:
    """Return theme part ``blob`` with its colour scheme's link colours set to ``rgb``."""
    root = etree.fromstring(blob)
    for name in ("hlink", "folHlink"):
        for slot in root.iterfind(f".//{{{DRAWINGML}}}clrScheme/{{{DRAWINGML}}}{name}"):
            for child in list(slot):
                slot.remove(child)
            etree.SubElement(slot, f"{{{DRAWINGML}}}srgbClr", val=rgb.upper())
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
