"""Draw a laid-out summary sheet into a PNG with Pillow: the same lines at the same places."""

from __future__ import annotations

import contextlib
import math
from dataclasses import replace
from typing import Any

from PIL import Image, ImageDraw

from briefing.kept import Kept
from briefing.layout.boxes import Picture, PlacedLine, Rect, Rule, Run, TextFrame
from briefing.layout.sheet import Sheet, joined_runs
from briefing.render.glyphcache import Mask, keep_masks, masks_of
from briefing.render.pngfile import encode_rgb
from briefing.render.resample import rgba_at
from briefing.text.fonts import FontFile, load_metrics
from briefing.theme.tokens import Theme

# Synthetic bold, as in the PDF: there a stroke BOLD_STROKE ems wide is centred on the outline,
# adding half of it on each side; FreeType's stroker (Pillow's stroke_width) adds its radius
# on each side, so the PNG strokes half as wide. At the full width the PNG's bold took 1.2 to
# 1.3 times the ink poppler draws from the PDF (measured on the markup outline, 110 and 220
# dpi), and small bold text ran together; at half, 0.9 to 1.0.
BOLD_STROKE = 0.035
UNDERLINE_OFFSET, UNDERLINE_WIDTH = 0.12, 0.05  # link underline, as in the PDF: ems
ITALIC_SHEAR = math.tan(math.radians(12.0))  # synthetic italic, as in the PDF


def render_png(sheet: Sheet, theme: Theme, fonts: tuple[FontFile, FontFile],
               dpi: int = 110) -> bytes:
    """Return PNG bytes of ``sheet`` at ``dpi`` (no metadata: same input, same bytes)."""
    scale = dpi / 72.0
    size = (round(sheet.width * scale), round(sheet.height * scale))
    image = Image.new("RGB", size, "#" + theme.color("background").rgb)
    draw = ImageDraw.Draw(image)
    for shape, lines in zip(sheet.shapes, sheet.placed, strict=True):
        if isinstance(shape, TextFrame):
            for line in lines:
                _draw_runs(image, draw, line, fonts, scale)
        elif isinstance(shape, Rect):
            _draw_rect(draw, shape, scale)
        elif isinstance(shape, Rule):
            _draw_rule(draw, shape, scale)
        else:
            _draw_picture(image, shape, scale)
    keep_masks()
    return encode_rgb(image.tobytes(), *image.size)


def _draw_runs(image: Image.Image, draw: ImageDraw.ImageDraw, line: PlacedLine,
               fonts: tuple[FontFile, FontFile], scale: float) -> None:
    """Draw one line as layout set it, run by run at the runs' places, as the PDF does: bold
    runs with an outline, italic ones slanted about the baseline, links underlined."""
    for run in joined_runs(line.runs, fonts[0] == fonts[1]):
        font = fonts[1] if run.east_asian else fonts[0]
        if run.italic:
            _draw_slanted(image, line, run, font, scale)
        else:
            _draw_glyphs(draw, line, run, font, scale)
        if run.href:
            y = (line.y + line.size * UNDERLINE_OFFSET) * scale
            draw.line([(run.x * scale, y), ((run.x + run.width) * scale, y)],
                      fill="#" + line.color,
                      width=max(1, round(line.size * UNDERLINE_WIDTH * scale)))


def _draw_slanted(image: Image.Image, line: PlacedLine, run: Run, font: FontFile,
                  scale: float) -> None:
    """Draw ``run`` slanted by ITALIC_SHEAR about the baseline: its coverage drawn upright
    into a mask, sheared, then painted in the line's colour."""
    left = math.floor(run.x * scale) - 1
    top = math.floor((line.y - 1.2 * line.size) * scale)
    width = math.ceil((run.width + ITALIC_SHEAR * 1.2 * line.size) * scale) + 3
    height = math.ceil(1.6 * line.size * scale) + 2
    mask = Image.new("L", (width, height), 0)
    upright = replace(line, color="FFFFFF", y=line.y - top / scale)
    _draw_glyphs(ImageDraw.Draw(mask), upright, replace(run, x=run.x - left / scale), font,
                 scale)
    baseline = upright.y * scale
    # Each output pixel takes the upright coverage ITALIC_SHEAR times its height above the
    # baseline to its left.
    sheared = mask.transform(mask.size, Image.Transform.AFFINE,
                             (1, ITALIC_SHEAR, -ITALIC_SHEAR * baseline, 0, 1, 0),
                             Image.Resampling.BILINEAR)
    image.paste("#" + line.color, (left, top, left + width, top + height), sheared)


def _draw_glyphs(draw: ImageDraw.ImageDraw, line: PlacedLine, run: Run, font: FontFile,
                 scale: float) -> None:
    """Draw ``run`` from its place on the line's baseline: its glyphs' coverage, combined into
    one mask (``run_mask``), stamped in the line's colour."""
    ink = draw._getink("#" + line.color)[0]  # the colour as the image's pixel value
    stroke = line.size * BOLD_STROKE / 2 * scale if run.bold else 0.0  # a radius: see above
    pixels = line.size * scale
    (top, fy) = _split(line.y * scale)
    found = run_mask(font, pixels, stroke, run.text, run.x * scale, fy)
    if found is not None:
        mask, (left, dy) = found
        draw.draw.draw_bitmap((left, top + dy), mask, ink)


# Runs' masks made by earlier builds of this process. A rebuild in ``watch`` sets most lines of
# the one-pager as they were; drawing its runs glyph by glyph took 8 ms of a 95 ms rebuild of
# the seed, stamping each run's kept mask 2 to 3 ms (process time, medians of 15 rebuilds).
RUN_MASKS: Kept[tuple[object, ...], Mask | None] = Kept(4096)


def run_mask(font: FontFile, pixels: float, stroke: float, text: str, x: float,
             fy: float) -> Mask | None:
    """Return the coverage of ``text`` set from ``x`` pixels right of the image's left edge
    on a baseline ``fy`` (a quarter pixel) below the top of a row of pixels, at ``pixels`` per
    em with an outline of ``stroke`` pixels, as one core "L" mask with the pixel column of its
    left edge and its offset from that row (None when no glyph shows); kept in RUN_MASKS.

    Each glyph follows the one before by the font's advance width (what the PDF's text
    operator does), not by FreeType's pixel-rounded advances, which drift over a long run, and
    is taken from the glyph masks rendered once per size, stroke and quarter-pixel position
    (``glyphcache``). Overlapping coverage combines as stamping glyph after glyph in one
    colour does: 1 - (1 - a)(1 - b).
    """
    key = (font.path, font.index, pixels, stroke, text, x, fy)
    found = RUN_MASKS.get(key)
    if found is None:  # (a run with no glyph that shows is made again: nothing to do)
        found = _combined(_placed_glyphs(font, pixels, stroke, text, x, fy))
        RUN_MASKS.keep(key, found)
    return found


def _placed_glyphs(font: FontFile, pixels: float, stroke: float, text: str, x: float,
                   fy: float) -> list[tuple[int, int, Any]]:
    """Return the glyph masks of ``text`` (its outline's first when ``stroke``) with their
    pixel places, as (x, y, core mask), set as ``run_mask`` says."""
    advance = load_metrics(font).advance
    placed = []
    with contextlib.ExitStack() as held:  # outline, then the glyph
        layers = [held.enter_context(masks_of(font.path, font.index, pixels, width))
                  for width in ((stroke, 0.0) if stroke else (0.0,))]
        # Pillow's stroker draws an outline at the whole pixel whatever the start inside
        # it, across and down, so a bold glyph is set on the whole pixel nearest its place:
        # outline and glyph then meet (a glyph a quarter pixel or more off its outline showed
        # a pale seam inside every stem, and a second, fainter edge under every bar).
        py, gy = (math.floor(fy + 0.5), 0.0) if stroke else (0, fy)
        for char in text:
            if not char.isspace():
                px, fx = (round(x), 0.0) if stroke else _split(x)
                for mask_of in layers:
                    mask, (dx, dy) = mask_of(char, fx, gy)
                    placed.append((px + dx, py + dy, mask))
            x += advance(char) * pixels
    return placed


def _combined(placed: list[tuple[int, int, Any]]) -> Mask | None:
    """Return the placed masks stamped into one mask, with its offset (None when none)."""
    if not placed:
        return None
    left = min(x for x, _, _ in placed)
    top = min(y for _, y, _ in placed)
    right = max(x + mask.size[0] for x, _, mask in placed)
    bottom = max(y + mask.size[1] for _, y, mask in placed)
    combined = Image.new("L", (max(1, right - left), max(1, bottom - top)), 0)
    stamp = ImageDraw.Draw(combined).draw.draw_bitmap
    for x, y, mask in placed:
        stamp((x - left, y - top), mask, 255)
    return combined.im, (left, top)


def _split(position: float) -> tuple[int, float]:
    """Return ``position`` rounded to a quarter pixel, as (whole pixels, fraction)."""
    quarters = round(position * 4)
    return quarters // 4, (quarters % 4) / 4


def _corners(rect: Rect, scale: float) -> tuple[float, float, float, float]:
    """Return the pixel corners (x0, y0, x1, y1) of a rectangle's box."""
    box = rect.box
    return box.x * scale, box.y * scale, box.right * scale, box.bottom * scale


def _draw_rect(draw: ImageDraw.ImageDraw, rect: Rect, scale: float) -> None:
    """Draw a filled and/or outlined rectangle, rounded rectangle or ellipse."""
    fill = "#" + rect.fill.rgb if rect.fill else None
    outline = "#" + rect.line.rgb if rect.line and rect.line_width else None
    width = max(1, round(rect.line_width * scale)) if outline else 0
    corners = _corners(rect, scale)
    if rect.shape == "ellipse":
        draw.ellipse(corners, fill=fill, outline=outline, width=width)
    elif rect.shape == "roundRect":
        radius = min(rect.box.w, rect.box.h) * 0.12 * scale
        draw.rounded_rectangle(corners, radius, fill=fill, outline=outline, width=width)
    else:
        draw.rectangle(corners, fill=fill, outline=outline, width=width)


def _draw_rule(draw: ImageDraw.ImageDraw, rule: Rule, scale: float) -> None:
    """Draw a straight line at least one pixel wide."""
    points = [(rule.x1 * scale, rule.y1 * scale), (rule.x2 * scale, rule.y2 * scale)]
    draw.line(points, fill="#" + rule.color.rgb, width=max(1, round(rule.width * scale)))


def _draw_picture(image: Image.Image, picture: Picture, scale: float) -> None:
    """Paste the picture resized to its box."""
    box = picture.box
    size = (max(1, round(box.w * scale)), max(1, round(box.h * scale)))
    pixels = rgba_at(picture.data, size)
    image.paste(pixels, (round(box.x * scale), round(box.y * scale)), pixels)
