"""Font metrics: widths are cached sums of advances, in points at a size."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import FontError
from briefing.text.fonts import (
    BUNDLED_FAMILY,
    FontFile,
    Measurer,
    Metrics,
    bundled_font_path,
    is_east_asian,
    load_metrics,
    resolve_font,
)

SAMPLES = ["NATO", "日本", "、。", "Japan and NATO", "第5条：共同防衛", "x", " "]


def test_bundled_font_is_noto_sans_jp(noto: FontFile) -> None:
    assert noto.path.is_file()
    assert noto.family == "Noto Sans JP"
    assert resolve_font(BUNDLED_FAMILY) == FontFile(BUNDLED_FAMILY, bundled_font_path())


@pytest.mark.parametrize("char", [*"あア漢字、。「」（）ー々", "Ａ", "１"])
def test_cjk_characters_are_one_em(measurer: Measurer, char: str) -> None:
    assert measurer.em_width(char) == 1.0
    assert measurer.width(char, 12) == 12.0


def test_latin_is_proportional(measurer: Measurer) -> None:
    assert 0 < measurer.em_width("i") < measurer.em_width("m") < 1.0
    assert 0 < measurer.em_width(" ") < measurer.em_width("n")


@pytest.mark.parametrize("left", SAMPLES)
@pytest.mark.parametrize("right", SAMPLES)
def test_width_is_additive(measurer: Measurer, left: str, right: str) -> None:
    assert measurer.width(left + right, 18) == pytest.approx(
        measurer.width(left, 18) + measurer.width(right, 18))


@pytest.mark.parametrize("text", SAMPLES)
def test_width_is_proportional_to_size(measurer: Measurer, text: str) -> None:
    assert measurer.width(text, 24) == pytest.approx(2 * measurer.width(text, 12))
    assert measurer.width(text, 10) == pytest.approx(10 * measurer.em_width(text))


def test_empty_text_has_no_width(measurer: Measurer) -> None:
    assert measurer.width("", 20) == 0.0


def test_cached_width_is_the_same(measurer: Measurer) -> None:
    text = "キャッシュされた幅 cached width"
    assert measurer.em_width(text) == measurer.em_width(text)
    assert measurer.em_width(text) == sum(measurer.em_width(char) for char in text)


def test_line_height_and_ascent(measurer: Measurer) -> None:
    assert measurer.line_height(10) > 10
    assert measurer.line_height(20) == pytest.approx(2 * measurer.line_height(10))
    assert 0 < measurer.ascent(10) < measurer.line_height(10)


def test_line_spacing_scales_line_height(noto: FontFile, measurer: Measurer) -> None:
    loose = Measurer(noto, noto, line_spacing=1.5)
    assert loose.line_height(10) == pytest.approx(1.5 * measurer.line_height(10))
    assert loose.width("幅 width", 10) == measurer.width("幅 width", 10)


def test_missing_glyphs_have_sensible_advances(measurer: Measurer) -> None:
    for char, advance in (("\U0001f600", 1.0), ("\u200b", 0.0), ("\ue000", 0.6)):
        if measurer.covers(char):
            continue
        assert measurer.em_width(char) == advance, hex(ord(char))


def test_coverage(measurer: Measurer) -> None:
    assert all(measurer.covers(char) for char in "Aあ漢、\n\t ")


def test_east_asian_characters_go_to_the_east_asian_face() -> None:
    assert all(is_east_asian(char) for char in "あア漢、。「Ａ１\u3000")
    assert not any(is_east_asian(char) for char in "Aa1 ,.-—é")


def test_metrics_are_cached(noto: FontFile) -> None:
    assert load_metrics(noto) is load_metrics(noto)
    assert isinstance(load_metrics(noto), Metrics)


def test_broken_font_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.otf"
    broken.write_bytes(b"not a font at all" * 10)
    with pytest.raises(FontError, match="cannot load font"):
        Metrics(FontFile("Broken", broken))


def test_missing_font_file(tmp_path: Path) -> None:
    with pytest.raises(FontError, match="was not found"):
        resolve_font("Some Sans", tmp_path / "missing.ttf")


def test_given_font_file_is_used(noto: FontFile) -> None:
    assert resolve_font("Custom", noto.path) == FontFile("Custom", noto.path)


def test_unknown_family_asks_for_a_file() -> None:
    with pytest.raises(FontError, match="is not installed"):
        resolve_font("No Such Family Zq9")
