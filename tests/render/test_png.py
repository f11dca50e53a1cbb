"""The summary PNG: the same drawing as the PDF, at the asked resolution, the same bytes."""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFilter, ImageStat

from briefing.layout.summary import Sheet, layout_summary
from briefing.outline.validate import LoadedOutline, load_outline
from briefing.render.pdf import render_pdf
from briefing.render.png import render_png
from briefing.report import Warnings
from briefing.text.fonts import FontFile, Measurer
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
        assert ImageStat.Stat(difference).extrema[0][1] < 64  # nothing drawn in only one
