"""A contact sheet: every slide as a numbered thumbnail on one PNG, in reading order."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PIL import Image, ImageDraw, ImageFont

from briefing.render.raster import png_bytes
from briefing.text.fonts import FontFile

COLUMNS = 4
THUMB_WIDTH = 360  # pixels
GAP = 28  # pixels between thumbnails and around the sheet
LABEL = 30  # pixels under each thumbnail for its number
NUMBER_SIZE = 18  # pixels
BACKGROUND = "#E9ECEF"
FRAME = "#ADB5BD"
INK = "#343A40"


def contact_sheet(slides: Sequence[Image.Image], font: FontFile,
                  columns: int = COLUMNS) -> bytes:
    """Return a PNG of ``slides`` scaled to THUMB_WIDTH in a grid of ``columns``, each
    numbered from 1 under its bottom-left corner; the grid narrows for fewer slides."""
    columns = max(1, min(columns, len(slides)))
    rows = max(1, math.ceil(len(slides) / columns))
    thumb_height = _thumb_height(slides)
    size = (GAP + columns * (THUMB_WIDTH + GAP), GAP + rows * (thumb_height + LABEL + GAP))
    sheet = Image.new("RGB", size, BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    face = ImageFont.truetype(str(font.path), NUMBER_SIZE, index=font.index)
    for index, slide in enumerate(slides):
        x = GAP + (index % columns) * (THUMB_WIDTH + GAP)
        y = GAP + (index // columns) * (thumb_height + LABEL + GAP)
        thumb = slide.resize((THUMB_WIDTH, round(slide.height * THUMB_WIDTH / slide.width)),
                             Image.Resampling.LANCZOS)
        sheet.paste(thumb, (x, y))
        draw.rectangle((x - 1, y - 1, x + thumb.width, y + thumb.height), outline=FRAME)
        draw.text((x, y + thumb.height + 6), str(index + 1), fill=INK, font=face)
    return png_bytes(sheet)


def _thumb_height(slides: Sequence[Image.Image]) -> int:
    """Return the height of the tallest thumbnail (slides of one deck share one shape)."""
    if not slides:
        return round(THUMB_WIDTH * 9 / 16)
    return max(round(s.height * THUMB_WIDTH / s.width) for s in slides)
