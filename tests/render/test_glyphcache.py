"""Glyph masks for the summary PNG kept on disk: the same PNG, without FreeType, next time."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFont

from briefing.layout.summary import Sheet, layout_summary
from briefing.outline.validate import load_outline
from briefing.render import glyphcache
from briefing.render.png import RUN_MASKS, render_png
from briefing.report import Warnings
from briefing.text.fonts import FontFile, Measurer, bundled_font_path
from briefing.theme.tokens import Theme

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Use an empty cache folder; forget the masks this process read or rendered."""
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    glyphcache._OPEN.clear()
    yield tmp_path / "cache"
    glyphcache._OPEN.clear()


@pytest.fixture(scope="module")
def sheet(theme: Theme, fonts: tuple[FontFile, FontFile]) -> Sheet:
    """Return the sheet of the English seed."""
    loaded = load_outline(ROOT / "outlines" / "nato-japan.en.yaml")
    return layout_summary(loaded, theme, Measurer(*fonts, theme.line_spacing), Warnings())


def no_freetype(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make rendering a glyph fail, as a new process that must read the disk would notice."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("rendered a glyph again")
    monkeypatch.setattr(ImageFont.FreeTypeFont, "getmask2", refuse)
    glyphcache._OPEN.clear()
    RUN_MASKS.clear()


def test_a_second_run_draws_the_same_png_from_the_masks_on_disk(
        sheet: Sheet, theme: Theme, fonts: tuple[FontFile, FontFile],
        monkeypatch: pytest.MonkeyPatch) -> None:
    first = render_png(sheet, theme, fonts)
    no_freetype(monkeypatch)
    assert render_png(sheet, theme, fonts) == first


def test_a_mask_is_what_freetype_renders_for_that_glyph_and_position(cache: Path) -> None:
    path = bundled_font_path()
    face = ImageFont.truetype(str(path), 21.5, layout_engine=ImageFont.Layout.BASIC)
    for char, fx, fy in (("日", 0.0, 0.0), ("A", 0.25, 0.75), ("の", 0.5, 0.5)):
        core, offset = face.getmask2(char, "L", anchor="ls", start=(fx, fy))
        expected = Image.Image()._new(core)
        glyphcache.glyph_mask(path, 0, 21.5, char, 0.0, fx, fy)
        glyphcache.keep_masks()
        glyphcache._OPEN.clear()
        kept, kept_offset = glyphcache.glyph_mask(path, 0, 21.5, char, 0.0, fx, fy)
        assert kept_offset == offset
        assert ImageChops.difference(Image.Image()._new(kept), expected).getbbox() is None


def test_a_damaged_file_is_read_as_empty(cache: Path, sheet: Sheet, theme: Theme,
                                         fonts: tuple[FontFile, FontFile]) -> None:
    first = render_png(sheet, theme, fonts)
    glyphcache._OPEN.clear()
    RUN_MASKS.clear()  # as a new process: the damaged files are read
    for entry in (cache / "glyphs").iterdir():
        entry.write_bytes(entry.read_bytes()[:-7])  # cut inside a mask
    assert render_png(sheet, theme, fonts) == first


def test_masks_are_kept_per_font_file(cache: Path, tmp_path: Path) -> None:
    bundled = bundled_font_path()
    other = tmp_path / "copy.otf"
    shutil.copyfile(bundled, other)
    with other.open("ab") as stream:
        stream.write(b"\0" * 4)  # the same face, another file
    for path in (bundled, other):
        glyphcache.glyph_mask(path, 0, 12.0, "日", 0.0, 0.0, 0.0)
    glyphcache.keep_masks()
    assert len(list((cache / "glyphs").iterdir())) == 2
