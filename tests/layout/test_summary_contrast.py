"""The one-pager's text reads on what lies under it, on every built-in theme and on the wild
templates (WCAG 2.x contrast, worked out in ``tests/wcag.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.api import Options, prepare
from briefing.layout.boxes import Box, Picture, Rect, TextFrame
from briefing.layout.summary import Sheet, layout_summary
from briefing.report import Warnings
from tests.wcag import contrast_ratio

ROOT = Path(__file__).resolve().parents[2]
WILD = ROOT.parent / "shared" / "templates-wild"
SEED = ROOT / "outlines" / "nato-japan.en.yaml"
TEMPLATES = sorted(p.name for p in WILD.iterdir() if p.suffix in (".pptx", ".potx", ".potm"))


def required(size: float, bold: bool) -> float:
    """Return what WCAG 2.x SC 1.4.3 asks of text on paper: 3:1 for large text (18 pt, or
    14 pt bold), 4.5:1 for the rest."""
    return 3.0 if size >= 18.0 or (bold and size >= 14.0) else 4.5


def covers(outer: Box, inner: Box) -> bool:
    """Return whether ``outer`` holds the middle of ``inner``."""
    x, y = inner.x + inner.w / 2, inner.y + inner.h / 2
    return outer.x <= x <= outer.x + outer.w and outer.y <= y <= outer.y + outer.h


def ground(sheet: Sheet, frame: TextFrame) -> str | None:
    """Return the fill drawn last under the middle of ``frame`` before it (None: a picture)."""
    under: str | None = None
    for shape in sheet.shapes:
        if shape is frame:
            return under
        if isinstance(shape, Rect) and shape.fill is not None and covers(shape.box, frame.box):
            under = shape.fill.rgb
        elif isinstance(shape, Picture) and covers(shape.box, frame.box):
            under = None
    raise AssertionError("frame not on the sheet")


def unreadable(sheet: Sheet) -> list[str]:
    """Return each paragraph that does not read on its ground, with its ratio."""
    found = []
    for frame in (s for s in sheet.shapes if isinstance(s, TextFrame)):
        under = ground(sheet, frame)
        if under is None:
            continue
        for paragraph in frame.paragraphs:
            assert paragraph.color is not None
            ratio = contrast_ratio(paragraph.color.rgb, under)
            if ratio < required(paragraph.size, paragraph.bold):
                found.append(f"{frame.name}: '{paragraph.text[:30]}' #{paragraph.color.rgb} "
                             f"on #{under} at {ratio:.2f}:1")
    return found


def sheet_on(tmp_path: Path, template: Path | None = None, theme: str | None = None) -> Sheet:
    """Return the English seed's one-pager on ``template`` or ``theme``."""
    ready = prepare(SEED, Options(out_dir=tmp_path, template=template, theme=theme))
    return layout_summary(ready.loaded, ready.design.theme, ready.measurer, Warnings())


@pytest.mark.parametrize("name", TEMPLATES)
def test_one_pager_text_reads_on_wild_templates(name: str, tmp_path: Path) -> None:
    assert unreadable(sheet_on(tmp_path, template=WILD / name)) == []


@pytest.mark.parametrize("theme", ["default", "dark"])
def test_one_pager_text_reads_on_built_in_themes(theme: str, tmp_path: Path) -> None:
    assert unreadable(sheet_on(tmp_path, theme=theme)) == []


@pytest.mark.parametrize("name", [
    "misjamikkersutwente__Quarto-Template-for-Powerpoint-Presentation.pptx",
    "jmablog__simple-presentations-generator-dark-mode.pptx"])
def test_a_mid_tone_accent_band_is_darkened_under_its_light_text(name: str,
                                                                 tmp_path: Path) -> None:
    # Both accents (#089BB8 and #4472C4) read under 4.5:1 with white: the band keeps the
    # template's light text and goes just dark enough, in the accent's own hue.
    ready = prepare(SEED, Options(out_dir=tmp_path, template=WILD / name))
    theme = ready.design.theme
    sheet = layout_summary(ready.loaded, theme, ready.measurer, Warnings())
    band = next(s for s in sheet.shapes if isinstance(s, Rect) and s.name == "Title band")
    accent, light = theme.color("accent").rgb, theme.color("on_accent").rgb
    assert band.fill is not None
    assert contrast_ratio(light, accent) < 4.5 <= contrast_ratio(light, band.fill.rgb)
    channels = [(int(band.fill.rgb[i:i + 2], 16), int(accent[i:i + 2], 16)) for i in (0, 2, 4)]
    assert all(mine <= theirs for mine, theirs in channels)
    scales = [mine / theirs for mine, theirs in channels if theirs >= 64]  # rounding aside
    assert max(scales) - min(scales) < 0.03
    meta = next(s for s in sheet.shapes if isinstance(s, TextFrame) and s.name == "Meta")
    assert {p.color.rgb for p in meta.paragraphs if p.color} == {light}
