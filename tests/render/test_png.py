"""The summary PNG: the same drawing as the PDF, at the asked resolution, the same bytes."""

from __future__ import annotations

import io
import itertools
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFilter, ImageStat

from briefing.layout.summary import Sheet, layout_summary, sheet_lines
from briefing.outline.validate import LoadedOutline, load_outline
from briefing.render.pdf import render_pdf
from briefing.render.png import render_png
from briefing.report import Warnings
from briefing.text.fonts import FontFile, Measurer
from briefing.text.markup import Span
from briefing.theme.tokens import Theme, load_theme

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "outlines" / "nato-japan.yaml"
ALLOWED_CHUNKS = {b"IHDR", b"PLTE", b"IDAT", b"IEND"}


@pytest.fixture(scope="module")
def loaded() -> LoadedOutline:
    """Return the Japanese seed outline."""
    return load_outline(SEED)


@pytest.fixture(scope="module")
def sheet(loaded: LoadedOutline, theme: Theme, fonts: tuple[FontFile, FontFile]) -> Sheet:
    """Return the sheet of the Japanese seed."""
    return layout_summary(loaded, theme, Measurer(*fonts, theme.line_spacing), Warnings())


@pytest.fixture(scope="module")
def png(sheet: Sheet, theme: Theme, fonts: tuple[FontFile, FontFile]) -> bytes:
    """Return the PNG of the Japanese seed at the default 110 dpi."""
    return render_png(sheet, theme, fonts)


def chunks(data: bytes) -> list[bytes]:
    """Return the chunk types of a PNG file, in order."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    found, offset = [], 8
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        found.append(kind)
        offset += length + 12
    return found


def test_png_has_the_page_size_at_the_resolution(png: bytes, sheet: Sheet, theme: Theme,
                                                 fonts: tuple[FontFile, FontFile]) -> None:
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (round(sheet.width * 110 / 72), round(sheet.height * 110 / 72))
    with Image.open(io.BytesIO(render_png(sheet, theme, fonts, dpi=72))) as image:
        assert image.size == (595, 842)


def test_png_carries_no_metadata(png: bytes) -> None:
    assert set(chunks(png)) <= ALLOWED_CHUNKS


def test_rendering_twice_gives_the_same_bytes(png: bytes, loaded: LoadedOutline, theme: Theme,
                                              fonts: tuple[FontFile, FontFile]) -> None:
    sheet = layout_summary(loaded, theme, Measurer(*fonts, theme.line_spacing), Warnings())
    assert render_png(sheet, theme, fonts) == png


def test_background_is_the_theme_background(png: bytes, theme: Theme) -> None:
    with Image.open(io.BytesIO(png)) as image:
        assert image.convert("RGB").getpixel((3, 3)) == tuple(
            int(theme.color("background").rgb[i:i + 2], 16) for i in (0, 2, 4))


def test_dark_theme_paints_its_own_background(loaded: LoadedOutline,
                                              fonts: tuple[FontFile, FontFile]) -> None:
    dark = load_theme("dark")
    sheet = layout_summary(loaded, dark, Measurer(*fonts, dark.line_spacing), Warnings())
    with Image.open(io.BytesIO(render_png(sheet, dark, fonts, dpi=36))) as image:
        assert image.convert("RGB").getpixel((1, 1)) == tuple(
            int(dark.color("background").rgb[i:i + 2], 16) for i in (0, 2, 4))


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm")
def test_png_matches_the_pdf_drawn_by_poppler(png: bytes, sheet: Sheet, loaded: LoadedOutline,
                                              theme: Theme, fonts: tuple[FontFile, FontFile],
                                              tmp_path: Path) -> None:
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(render_pdf(sheet, theme, fonts, loaded.outline.date, None))
    subprocess.run(["pdftoppm", "-png", "-r", "110", "-singlefile", str(pdf),
                    str(tmp_path / "poppler")], check=True, timeout=120)
    with Image.open(tmp_path / "poppler.png") as poppler, Image.open(io.BytesIO(png)) as ours:
        mine = ours.convert("L")
        theirs = poppler.convert("L").crop((0, 0, *mine.size))
        blurred = [i.filter(ImageFilter.GaussianBlur(3)) for i in (mine, theirs)]
        difference = ImageChops.difference(*blurred)
        assert ImageStat.Stat(difference).mean[0] < 3.0
        # Nothing drawn in only one. 64 is reached where poppler leaves out the 0.3 pt
        # outline of a synthetic bold run at some baselines (seen at y = 245.46 on the seed's
        # timeline: the same PDF operators 0.5 pt lower are drawn bold); a glyph missing
        # from one image gives far more.
        assert ImageStat.Stat(difference).extrema[0][1] <= 64


MARKUP = ROOT / "tests" / "outlines" / "markup.en.yaml"


def styled_spans(sheet: Sheet, fonts: tuple[FontFile, FontFile],
                 dpi: int) -> list[tuple[Span, tuple[int, int, int, int], int]]:
    """Return each bold, italic or link span of ``sheet`` with its pixel box at ``dpi`` and
    the row of its baseline in that box (from the layout's line positions and the font's
    advances)."""
    measurer = Measurer(*fonts)
    scale = dpi / 72
    found = []
    for line in sheet_lines(sheet):
        x = line.x
        for span in line.spans:
            end = x + measurer.width(span.text, line.size)
            if span.bold or span.italic or span.href:
                top = round((line.y - line.size) * scale)
                box = (round(x * scale) - 2, top, round(end * scale) + 4,
                       round((line.y + 0.3 * line.size) * scale))
                found.append((span, box, round(line.y * scale) - top))
            x = end
    return found


def ink(image: Image.Image) -> list[list[float]]:
    """Return the darkness (0-1) of each pixel of a grey image, row by row."""
    width, height = image.size
    data = image.convert("L").tobytes()
    return [[1 - data[y * width + x] / 255 for x in range(width)] for y in range(height)]


def slant(image: Image.Image) -> float:
    """Return the shear (horizontal pixels per pixel of height) that makes the ink's
    vertical strokes most upright: about tan 12 degrees = 0.21 for slanted text, 0 for
    upright text. Found by trying shears and keeping the one whose column profile is
    sharpest (the largest sum of squared column sums)."""
    grey = image.convert("L")
    height = grey.size[1]

    def sharpness(shear: float) -> float:
        straightened = grey.transform(grey.size, Image.Transform.AFFINE,
                                      (1, -shear, shear * height, 0, 1, 0),
                                      Image.Resampling.BILINEAR, fillcolor=255)
        columns = [sum(column) for column in zip(*ink(straightened), strict=True)]
        return sum(value * value for value in columns)

    return max((step / 50 for step in range(-5, 21)), key=sharpness)


def coverage(image: Image.Image) -> float:
    """Return the mean darkness of an image."""
    return sum(map(sum, ink(image))) / (image.size[0] * image.size[1])


def underlined(image: Image.Image, baseline: int) -> bool:
    """Return whether a row a little below ``baseline`` is inked across most of the width."""
    rows = ink(image)
    return any(sum(v > 0.4 for v in rows[y]) > 0.8 * len(rows[y])
               for y in range(baseline + 1, min(len(rows), baseline + 8)))


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm")
def test_bold_italic_and_links_look_as_poppler_draws_them(
        theme: Theme, fonts: tuple[FontFile, FontFile], tmp_path: Path) -> None:
    loaded = load_outline(MARKUP)
    sheet = layout_summary(loaded, theme, Measurer(*fonts, theme.line_spacing), Warnings())
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(render_pdf(sheet, theme, fonts, loaded.outline.date, None))
    subprocess.run(["pdftoppm", "-png", "-r", "220", "-singlefile", str(pdf),
                    str(tmp_path / "poppler")], check=True, timeout=120)
    spans = styled_spans(sheet, fonts, 220)
    assert {span.text for span, _, _ in spans} >= {"four in five", "about €3bn", "impact note"}
    with Image.open(tmp_path / "poppler.png") as poppler, \
            Image.open(io.BytesIO(render_png(sheet, theme, fonts, dpi=220))) as ours:
        for span, box, baseline in spans:
            mine, theirs = (i.convert("L").crop(box) for i in (ours, poppler))
            if span.italic:
                # two steps of slant()'s 0.02 grid (1e-9: the float error of subtracting them)
                assert slant(mine) >= 0.12 and abs(slant(mine) - slant(theirs)) <= 0.04 + 1e-9, span
            # as much ink as poppler draws (a bold twice as heavy took 1.2 to 1.3 times it)
            low, high = (0.85, 1.15) if span.bold else (0.8, 1.3)
            assert low < coverage(mine) / coverage(theirs) < high, span
            assert underlined(mine, baseline) == underlined(theirs, baseline) == bool(span.href)


def test_a_run_mask_is_its_glyphs_stamped_one_by_one(fonts: tuple[FontFile, FontFile]) -> None:
    # Oracle: each glyph's FreeType mask (glyphcache, tested against getmask2) pasted in
    # black on white one after another by Pillow's paste, at the places the advance widths
    # (read from the font with fontTools) give it.
    from fontTools.ttLib import TTFont

    from briefing.render.glyphcache import glyph_mask
    from briefing.render.png import run_mask

    font = fonts[1]
    pixels, stroke, text, start, fy = 29.3, 0.0, "Wa 日本AV", 0.37, 0.25
    with TTFont(str(font.path), fontNumber=font.index, lazy=True) as face:
        scale = pixels / face["head"].unitsPerEm
        widths = {char: face["hmtx"][face.getBestCmap()[ord(char)]][0] * scale
                  for char in set(text)}
    expected = Image.new("L", (260, 80), 255)
    origin = (20, 60)
    x = start
    for char in text:
        whole = round(x * 4) // 4
        if not char.isspace():
            core, (dx, dy) = glyph_mask(font.path, font.index, pixels, char, stroke,
                                        (round(x * 4) % 4) / 4, fy)
            glyph = Image.Image()._new(core)
            expected.paste(0, (origin[0] + whole + dx, origin[1] + dy), glyph)
        x += widths[char]
    found = run_mask(font, pixels, stroke, text, start, fy)
    assert found is not None
    core, (dx, dy) = found
    drawn = Image.new("L", expected.size, 255)
    drawn.paste(0, (origin[0] + dx, origin[1] + dy), Image.Image()._new(core))
    difference = ImageChops.difference(expected, drawn)
    assert ImageStat.Stat(expected).mean[0] < 250  # the glyphs show
    assert difference.getextrema()[1] <= 1  # rounding where two glyphs' edges overlap


def test_a_second_rendering_stamps_the_runs_it_kept(
        sheet: Sheet, theme: Theme, fonts: tuple[FontFile, FontFile], png: bytes,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import briefing.render.png as png_module

    first = render_png(sheet, theme, fonts)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("looked up the glyphs of a run again")
    monkeypatch.setattr(png_module, "masks_of", refuse)
    assert render_png(sheet, theme, fonts) == first == png


@pytest.mark.parametrize("start", [0.0, 0.25, 0.5, 0.75])
def test_a_bold_stem_is_solid_wherever_the_run_starts(fonts: tuple[FontFile, FontFile],
                                                      start: float) -> None:
    # Oracle: across a vertical stem ("l"), coverage rises to the middle and falls again; an
    # outline set off its glyph leaves a pale seam (a dip) inside the stem.
    from briefing.render.png import run_mask

    pixels = 36.7  # a 24 pt title at 110 dpi
    found = run_mask(fonts[0], pixels, 24 * 0.035 / 2 * 110 / 72, "l", start, 0.0)
    assert found is not None
    mask = Image.Image()._new(found[0])
    for row in range(mask.height // 4, mask.height * 3 // 4):
        values = [v for v in (mask.getpixel((x, row)) for x in range(mask.width)) if v]
        peak = values.index(max(values))
        rising, falling = values[:peak + 1], values[peak:]
        assert all(b >= a - 3 for a, b in itertools.pairwise(rising)), (row, values)
        assert all(b <= a + 3 for a, b in itertools.pairwise(falling)), (row, values)


@pytest.mark.parametrize("start", [0.0, 0.25, 0.5, 0.75])
def test_bold_bars_are_solid_wherever_the_baseline_falls(fonts: tuple[FontFile, FontFile],
                                                         start: float) -> None:
    # Oracle: down a column through the three bars of "e", coverage rises and falls once in
    # each bar; an outline set off its glyph leaves a second, fainter edge (a dip) in one.
    from briefing.render.png import run_mask

    pixels = 36.7  # a 24 pt title at 110 dpi
    found = run_mask(fonts[0], pixels, 24 * 0.035 / 2 * 110 / 72, "e", 0.0, start)
    assert found is not None
    mask = Image.Image()._new(found[0])
    for column in range(mask.width * 3 // 8, mask.width * 5 // 8):
        values = [mask.getpixel((column, y)) for y in range(mask.height)]
        bars = [list(bar) for nonzero, bar in itertools.groupby(values, bool) if nonzero]
        assert len(bars) == 3, (column, values)
        for bar in bars:
            peak = bar.index(max(bar))
            rising, falling = bar[:peak + 1], bar[peak:]
            assert all(b >= a - 3 for a, b in itertools.pairwise(rising)), (column, values)
            assert all(b <= a + 3 for a, b in itertools.pairwise(falling)), (column, values)


def test_joined_runs_put_every_glyph_where_separate_runs_did(
        sheet: Sheet, theme: Theme, fonts: tuple[FontFile, FontFile],
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Oracle: the same sheet drawn run by run, compared pixel by pixel (a glyph set a quarter
    # pixel off changes the pixels at its edges).
    from PIL import ImageChops

    import briefing.render.png as png_module

    joined = Image.open(io.BytesIO(render_png(sheet, theme, fonts))).convert("L")
    monkeypatch.setattr(png_module, "joined_runs", lambda runs, one_face: list(runs))
    png_module.RUN_MASKS.clear()
    separate = Image.open(io.BytesIO(render_png(sheet, theme, fonts))).convert("L")
    difference = ImageChops.difference(joined, separate)
    assert sum(difference.histogram()[9:]) == 0  # nothing beyond rounding of coverage
