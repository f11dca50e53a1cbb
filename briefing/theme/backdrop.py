"""Paint what a layout shows under the slide's content, to find free space and real colours.

A layout's background and decorations (the visible master's shapes, then the layout's own,
then filled placeholders) are rasterised with Pillow at ``SCALE`` pixels per point into two
images: the colours a reader sees, and a mask of where decorations are. Text colours are
checked against the first; content is placed where the second is empty. Shapes that cover
most of the slide (a full-slide photograph or colour panel) count as background, not as
obstacles. The rendering is an approximation (preset geometries beyond rectangles, ellipses,
rounded rectangles, triangles and parallelograms are drawn as their boxes), erring towards
more obstacle, never less.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter

from briefing import diskcache
from briefing.color import channels, contrast_of_luminances, luminance
from briefing.geometry import Box
from briefing.theme.template import Fill, Layout, Paint

SCALE = 0.5  # pixels per point: 480 x 270 for a 16:9 slide of 960 x 540 pt
COARSE = 0.25  # pixels per point of the obstacle grid the free area is searched on
BACKGROUND_SHARE = 0.85  # a decoration covering this share of the slide is background
VISIBLE_OPACITY = 0.08  # decorations more transparent than this are not obstacles
MAX_PICTURE_PIXELS = 40_000_000
COUNTED_BOXES = 4096  # boxes whose luminances a backdrop keeps
FREE_AREA_FORMAT = "1"  # bump when the search for free areas changes
FREE_AREAS_KEPT = 1024  # free areas kept on disk


@dataclass(frozen=True)
class Backdrop:
    """A rasterised layout: colours (RGB), decoration mask (L), ``SCALE`` px per point.

    ``busy`` marks where a picture used as background departs from its dominant colour (the
    decorations a designer baked into a background image).
    """

    width: float
    height: float
    image: Image.Image
    mask: Image.Image
    busy: Image.Image | None = None
    translucent: Image.Image | None = None  # where see-through decorations are layered

    def with_shapes(self, shapes: Iterable[tuple[Box, str]]) -> Backdrop:
        """Return this backdrop with filled boxes (box, RRGGBB) painted over it."""
        image = self.image.copy()
        draw = ImageDraw.Draw(image)
        for box, rgb in shapes:
            draw.rectangle(_pixels(box), fill=f"#{rgb}")
        return Backdrop(self.width, self.height, image, self.mask, self.busy, self.translucent)

    def with_obstacles(self, boxes: Iterable[Box]) -> Backdrop:
        """Return this backdrop with ``boxes`` marked as taken (footers already placed...)."""
        mask = self.mask.copy()
        draw = ImageDraw.Draw(mask)
        for box in boxes:
            draw.rectangle(_pixels(box), fill=255)
        return Backdrop(self.width, self.height, self.image, mask, self.busy, self.translucent)

    def see_through(self, box: Box) -> float:
        """Return the share (0-1) of ``box`` under see-through decorations, whose colour this
        model knows less well than a renderer draws it."""
        if self.translucent is None:
            return 0.0
        crop = self.translucent.crop(_pixels(box))
        if not crop.width or not crop.height:
            return 0.0
        return 1 - crop.histogram()[0] / (crop.width * crop.height)

    def covered(self, box: Box) -> float:
        """Return the share (0-1) of ``box`` that decorations cover (those painted into a
        background picture included)."""
        mask = self.mask if self.busy is None else Image.composite(self.busy, self.mask,
                                                                   self.busy)
        crop = mask.crop(_pixels(box))
        if not crop.width or not crop.height:
            return 0.0
        histogram = crop.histogram()
        return 1 - histogram[0] / (crop.width * crop.height)

    def contrast(self, rgb: str, box: Box) -> float:
        """Return the contrast of text colour ``rgb`` against what lies under ``box``.

        The 5th percentile over the pixels under the box (its worst part, anti-aliased edges
        aside), by the WCAG 2.x formula.
        """
        samples = self.luminances(box)
        if not samples:
            return 21.0
        text = luminance(rgb)
        ranked = sorted((contrast_of_luminances(text, value), count)
                        for count, value in samples)
        total = sum(count for _, count in ranked)
        seen = 0
        for ratio, count in ranked:
            seen += count
            if seen >= total * 0.05:
                return ratio
        return ranked[-1][0]

    def luminances(self, box: Box) -> list[tuple[int, float]]:
        """Return (pixel count, relative luminance) of the colours under ``box``, counted
        once per box: a frame's paragraphs are all judged against its text area."""
        counted = self._luminances
        found = counted.get(box)
        if found is None:
            if len(counted) >= COUNTED_BOXES:  # a long watch session: start again
                counted.clear()
            found = counted[box] = self._count_luminances(box)
        return found

    @functools.cached_property
    def _luminances(self) -> dict[Box, list[tuple[int, float]]]:
        """Return the luminances counted so far, by box (the pixels never change)."""
        return {}

    def _count_luminances(self, box: Box) -> list[tuple[int, float]]:
        """Return (pixel count, relative luminance) of the colours under ``box``."""
        crop = self.image.crop(_pixels(box.clipped(self.width, self.height)))
        if not crop.width or not crop.height:
            return []
        colors = crop.getcolors(4096)
        if colors is None:
            colors = crop.resize((min(crop.width, 48), min(crop.height, 48)),
                                 Image.Resampling.BOX).getcolors(4096) or []
        return [(count, _luminance_of(rgb)) for count, rgb in colors]

    def free_area(self, region: Box, padding: float = 6.0,
                  strict: bool = False) -> Box | None:
        """Return the largest rectangle inside ``region`` that no decoration touches.

        Decorations are kept ``padding`` points away. Parts of a background picture that
        depart from its dominant colour are avoided too, unless that leaves less than half of
        the region (a photograph behind everything), or ``strict`` is set. None when nothing
        is free.
        """
        region = region.clipped(self.width, self.height)
        if region.w <= 0 or region.h <= 0:
            return None
        if self.busy is not None:
            both = Image.composite(self.busy, self.mask, self.busy)
            found = self._free_in(both, region, padding)
            if strict or (found is not None and found.area >= 0.5 * region.area):
                return found
        return self._free_in(self.mask, region, padding)

    def free_span(self, band: Box, width: float, near: float,
                  padding: float = 3.0) -> Box | None:
        """Return the stretch of ``band`` (its full height) at least ``width`` points wide
        that no decoration touches, nearest to x = ``near``; None when there is none."""
        band = band.clipped(self.width, self.height)
        mask = self.mask if self.busy is None else Image.composite(self.busy, self.mask,
                                                                   self.busy)
        grid = _coarse(mask, padding)
        top, bottom = math.floor(band.y * COARSE), min(math.ceil(band.bottom * COARSE),
                                                      grid.height)
        left, right = math.floor(band.x * COARSE), min(math.ceil(band.right * COARSE),
                                                      grid.width)
        if bottom <= top or right <= left:
            return None
        data = grid.crop((left, top, right, bottom)).tobytes()
        columns = right - left
        free = [all(data[row * columns + col] == 0 for row in range(bottom - top))
                for col in range(columns)]
        runs, start = [], None
        for col, is_free in enumerate([*free, False]):
            if is_free and start is None:
                start = col
            elif not is_free and start is not None:
                runs.append((start, col))
                start = None
        spans = [Box((left + a) / COARSE, band.y, (b - a) / COARSE, band.h) for a, b in runs
                 if (b - a) / COARSE >= width]
        if not spans:
            return None
        return min(spans, key=lambda s: abs(min(max(near, s.x), s.right - width) - near))

    def _free_in(self, mask: Image.Image, region: Box, padding: float) -> Box | None:
        """Return the largest rectangle of ``region`` free in ``mask``."""
        grid = _coarse(mask, padding)
        left, top = math.floor(region.x * COARSE), math.floor(region.y * COARSE)
        right = min(math.ceil(region.right * COARSE), grid.width)
        bottom = min(math.ceil(region.bottom * COARSE), grid.height)
        cells = grid.crop((left, top, right, bottom))
        found = _largest_empty_cached(cells.tobytes(), cells.size)
        if found is None:
            return None
        x, y, w, h = found
        box = Box((left + x) / COARSE, (top + y) / COARSE, w / COARSE, h / COARSE)
        return box.intersection(region)


def _pixels(box: Box) -> tuple[int, int, int, int]:
    """Return a box as a pixel rectangle (left, top, right, bottom) at ``SCALE``."""
    return (math.floor(box.x * SCALE), math.floor(box.y * SCALE),
            max(math.ceil(box.right * SCALE), math.floor(box.x * SCALE) + 1),
            max(math.ceil(box.bottom * SCALE), math.floor(box.y * SCALE) + 1))


@functools.lru_cache(maxsize=4096)
def _luminance_of(rgb: tuple[int, int, int] | int) -> float:
    """Return the relative luminance of a pixel value."""
    if isinstance(rgb, int):
        rgb = (rgb, rgb, rgb)
    return luminance("".join(f"{v:02X}" for v in rgb[:3]))


@functools.lru_cache(maxsize=64)
def _coarse_cached(data: bytes, size: tuple[int, int], padding: float) -> Image.Image:
    """Return the obstacle grid of a mask: any coverage in a coarse cell, then dilated."""
    mask = Image.frombytes("L", size, data)
    factor = SCALE / COARSE
    grid = mask.resize((max(1, round(size[0] / factor)), max(1, round(size[1] / factor))),
                       Image.Resampling.BOX)
    grid = grid.point(lambda v: 255 if v > 0 else 0)
    cells = max(0, round(padding * COARSE))
    if cells:
        grid = grid.filter(ImageFilter.MaxFilter(2 * cells + 1))
    return grid


def _coarse(mask: Image.Image, padding: float) -> Image.Image:
    """Return the (cached) obstacle grid of ``mask``."""
    return _coarse_cached(mask.tobytes(), mask.size, padding)


@functools.lru_cache(maxsize=1024)
def _largest_empty_cached(data: bytes, size: tuple[int, int]) -> tuple[int, int, int, int] | None:
    """Return (x, y, w, h) of the largest all-zero rectangle of a grid, kept in the user cache
    folder: a template's layouts cost 0.03 s of every first build otherwise (eight grids for
    the built-in deck, measured with process time)."""
    entry = diskcache.entry("free-areas", data, f"{size[0]}x{size[1]}", FREE_AREA_FORMAT,
                            ".json")
    stored = diskcache.read(entry)
    if stored is not None:
        with contextlib.suppress(ValueError, TypeError):
            found = json.loads(stored)
            if found is None or (isinstance(found, list) and len(found) == 4
                                 and all(isinstance(v, int) for v in found)):
                return None if found is None else (found[0], found[1], found[2], found[3])
    rectangle = _largest_empty(data, size)
    diskcache.store(entry, json.dumps(rectangle).encode(), FREE_AREAS_KEPT)
    return rectangle


def _largest_empty(data: bytes, size: tuple[int, int]) -> tuple[int, int, int, int] | None:
    """Return (x, y, w, h) of the largest all-zero rectangle of a grid (histogram method)."""
    width, height = size
    if not width or not height:
        return None
    if not any(data):
        return (0, 0, width, height)
    heights = [0] * width
    best: tuple[int, int, int, int] | None = None
    best_area = 0
    for row in range(height):
        line = data[row * width:(row + 1) * width]
        heights = [h + 1 if v == 0 else 0 for h, v in zip(heights, line, strict=True)]
        stack: list[tuple[int, int]] = []  # (start column, height)
        for column, h in enumerate([*heights, 0]):
            start = column
            while stack and stack[-1][1] >= h:
                start, top = stack.pop()
                area = top * (column - start)
                if area > best_area:
                    best_area = area
                    best = (start, row - top + 1, column - start, top)
            stack.append((start, h))
    return best


# --- rasterising ------------------------------------------------------------------------------

def render_backdrop(layout: Layout, width: float, height: float,
                    placeholders: Sequence[str] = ("title", "ctrTitle")) -> Backdrop:
    """Return the backdrop of ``layout`` on a ``width`` by ``height`` point slide.

    Filled placeholders are painted only when their kind is in ``placeholders`` (those the
    slide uses); they are not obstacles (content regions start below the title).
    """
    size = (max(1, round(width * SCALE)), max(1, round(height * SCALE)))
    image = _background(layout.background, size)
    mask = Image.new("L", size, 0)
    busy = _busy(image) if layout.background.kind == "picture" else None
    translucent = Image.new("L", size, 0)
    for paint in layout.paints:
        if paint.placeholder is not None and paint.placeholder not in placeholders:
            continue
        layer, coverage = _paint_layer(paint, size)
        if layer is None:
            continue
        image.paste(layer.convert("RGB"), (0, 0), layer.getchannel("A"))
        share = coverage.histogram()[255] / (size[0] * size[1]) if coverage else 0.0
        if paint.placeholder is not None:
            continue  # a filled placeholder is what its own text sits on, not an obstacle
        if coverage is not None and (share < BACKGROUND_SHARE or paint.text):
            mask.paste(255, (0, 0), coverage)
        elif paint.fill.kind == "picture":
            busy = _busy(layer.convert("RGB"))
        if coverage is not None and paint.fill.kind != "none" and paint.fill.opacity < 0.95:
            translucent.paste(255, (0, 0), coverage)
    return Backdrop(width, height, image.convert("RGB"), mask, busy, translucent)


def _busy(image: Image.Image) -> Image.Image:
    """Return a mask of the pixels that differ clearly from the image's dominant colour."""
    rgb = image.convert("RGB")
    small = rgb.resize((max(1, rgb.width // 8), max(1, rgb.height // 8)), Image.Resampling.BOX)
    colors = small.quantize(8).convert("RGB").getcolors(64) or [(1, (255, 255, 255))]
    value = max(colors, key=lambda c: c[0])[1]
    dominant: tuple[int, ...] = (value,) * 3 if isinstance(value, int) else tuple(value)[:3]  # type: ignore[arg-type]
    plain = Image.new("RGB", rgb.size, dominant)
    from PIL import ImageChops

    difference = ImageChops.difference(rgb, plain).convert("L")
    return difference.point(lambda v: 255 if v > 20 else 0)


def _background(fill: Fill, size: tuple[int, int]) -> Image.Image:
    """Return the slide background painted at ``size``."""
    base = Image.new("RGBA", size, "#FFFFFF")
    layer = _fill_image(fill, size)
    if layer is not None:
        base.alpha_composite(layer)
    return base


def _paint_layer(paint: Paint, size: tuple[int, int]) -> tuple[Image.Image | None,
                                                              Image.Image | None]:
    """Return one decoration as an RGBA layer the size of the slide, and its coverage."""
    box = paint.box
    left, top, right, bottom = _pixels(box)
    w, h = max(right - left, 1), max(bottom - top, 1)
    shape = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    fill = _fill_image(paint.fill, (w, h))
    outline = _outline(paint, (w, h))
    if fill is not None:
        shape_mask = _geometry_mask(paint.geometry, (w, h), paint.outline)
        alpha = fill.getchannel("A")
        from PIL import ImageChops

        fill.putalpha(ImageChops.multiply(alpha, shape_mask))
        shape.alpha_composite(fill)
    if outline is not None:
        shape.alpha_composite(outline)
    if paint.flip_h:
        shape = shape.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    if paint.flip_v:
        shape = shape.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    if paint.rotation % 360:
        shape = shape.rotate(-paint.rotation, expand=True, resample=Image.Resampling.BILINEAR)
        left += (w - shape.width) // 2
        top += (h - shape.height) // 2
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    layer.paste(shape, (left, top))
    threshold = round(VISIBLE_OPACITY * 255)
    coverage = layer.getchannel("A").point(lambda v: 255 if v >= threshold else 0)
    if paint.text:
        coverage.paste(255, (max(left, 0), max(top, 0), min(left + w, size[0]),
                             min(top + h, size[1])))
    return layer, coverage


def _fill_image(fill: Fill, size: tuple[int, int]) -> Image.Image | None:
    """Return an RGBA image of ``size`` painted with ``fill``, None for no fill."""
    opacity = round(max(0.0, min(fill.opacity, 1.0)) * 255)
    if fill.kind == "solid" and fill.colors:
        return Image.new("RGBA", size, (*channels(fill.colors[0].rgb), opacity))
    if fill.kind == "gradient" and fill.colors:
        return _gradient(fill, size, opacity)
    if fill.kind == "picture" and fill.image:
        return _picture(fill.image, size, fill.opacity, fill.crop)
    return None


def _gradient(fill: Fill, size: tuple[int, int], opacity: int) -> Image.Image:
    """Return a linear gradient through the fill's stops along its angle."""
    stops = list(zip(fill.stops or [i / max(len(fill.colors) - 1, 1)
                                    for i in range(len(fill.colors))],
                     (channels(c.rgb) for c in fill.colors), strict=True))
    ramp = []
    for step in range(256):
        t = step / 255
        before = max((s for s in stops if s[0] <= t), default=stops[0], key=lambda s: s[0])
        after = min((s for s in stops if s[0] >= t), default=stops[-1], key=lambda s: s[0])
        span = after[0] - before[0]
        amount = (t - before[0]) / span if span > 0 else 0.0
        ramp.append(tuple(round(a + (b - a) * amount) for a, b in
                          zip(before[1], after[1], strict=True)))
    gradient = Image.linear_gradient("L").rotate(90 + fill.angle, expand=True)
    side = gradient.width
    inner = round(side / math.sqrt(2))
    offset = (side - inner) // 2
    gradient = gradient.crop((offset, offset, offset + inner, offset + inner)).resize(size)
    palette = [value for color in ramp for value in color]
    image = gradient.convert("P")
    image.putpalette(palette)
    result = image.convert("RGBA")
    result.putalpha(opacity)
    return result


def _picture(data: bytes, size: tuple[int, int], opacity: float,
             crop: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
             ) -> Image.Image | None:
    """Return a picture decoded, cut to ``crop`` (shares cut off left, top, right, bottom)
    and stretched to ``size`` (None when it cannot be read)."""
    found = _decoded(data, size, opacity, crop)
    return None if found is None else found.copy()


@functools.lru_cache(maxsize=64)
def _decoded(data: bytes, size: tuple[int, int], opacity: float,
             crop: tuple[float, float, float, float]) -> Image.Image | None:
    """Return a picture decoded, cropped and stretched to ``size`` (cached: masters repeat
    them)."""
    try:
        with Image.open(io.BytesIO(data)) as source:
            if source.width * source.height > MAX_PICTURE_PIXELS:
                return None
            if crop == (0.0, 0.0, 0.0, 0.0):
                source.draft("RGB", size)
            picture = source.convert("RGBA")
            left, top, right, bottom = crop
            picture = picture.crop((round(left * picture.width), round(top * picture.height),
                                    max(round((1 - right) * picture.width),
                                        round(left * picture.width) + 1),
                                    max(round((1 - bottom) * picture.height),
                                        round(top * picture.height) + 1)))
            picture = picture.resize(size, Image.Resampling.BILINEAR)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    if opacity < 1.0:
        alpha = picture.getchannel("A").point(lambda v: round(v * opacity))
        picture.putalpha(alpha)
    return picture


def _geometry_mask(geometry: str, size: tuple[int, int],
                   outline: tuple[tuple[tuple[float, float], ...], ...] = ()) -> Image.Image:
    """Return the outline of a preset (or custom) geometry as a mask filling ``size``."""
    w, h = size
    mask = Image.new("L", size, 0)
    draw = ImageDraw.Draw(mask)
    if outline:
        for polygon in outline:
            draw.polygon([(x * (w - 1), y * (h - 1)) for x, y in polygon], fill=255)
    elif geometry in ("ellipse", "flowChartConnector"):
        draw.ellipse((0, 0, w - 1, h - 1), fill=255)
    elif geometry in ("roundRect", "round2SameRect", "snipRoundRect"):
        draw.rounded_rectangle((0, 0, w - 1, h - 1), radius=min(w, h) / 6, fill=255)
    elif geometry in ("triangle", "isoTriangle"):
        draw.polygon([(w / 2, 0), (w - 1, h - 1), (0, h - 1)], fill=255)
    elif geometry == "rtTriangle":
        draw.polygon([(0, 0), (w - 1, h - 1), (0, h - 1)], fill=255)
    elif geometry == "parallelogram":
        slant = min(w, h) * 0.25
        draw.polygon([(slant, 0), (w - 1, 0), (w - 1 - slant, h - 1), (0, h - 1)], fill=255)
    else:
        draw.rectangle((0, 0, w - 1, h - 1), fill=255)
    return mask


def _outline(paint: Paint, size: tuple[int, int]) -> Image.Image | None:
    """Return a decoration's outline (or the stroke of a line) as an RGBA image."""
    if paint.line is None or paint.line_width <= 0:
        return None
    w, h = size
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    width = max(1, round(paint.line_width * SCALE))
    color = (*channels(paint.line.rgb), 255)
    if paint.geometry in ("line", "straightConnector1"):
        draw.line((0, 0, w - 1, h - 1), fill=color, width=width)
    elif paint.geometry == "ellipse":
        draw.ellipse((0, 0, w - 1, h - 1), outline=color, width=width)
    else:
        draw.rectangle((0, 0, w - 1, h - 1), outline=color, width=width)
    return image
