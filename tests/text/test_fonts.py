"""Font metrics: widths are cached sums of advances, in points at a size."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import FontError
from briefing.text.fonts import (
    AUTOSPACE,
    BUNDLED_FAMILY,
    FontFile,
    Measurer,
    Metrics,
    bold_face,
    bundled_font_path,
    east_asian_pieces,
    find_system_font,
    has_east_asian,
    is_east_asian,
    load_metrics,
    resolve_font,
    script_changes,
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
def test_width_is_additive_with_a_quarter_em_where_scripts_meet(
        measurer: Measurer, left: str, right: str) -> None:
    # Where the last visible character of one and the first of the other differ in script
    # (one East Asian, one not), the renderer's inter-script space joins them: 0.24 em.
    seam = [c for c in left if not c.isspace()][-1:] + [c for c in right if not c.isspace()][:1]
    changes = len(seam) == 2 and is_east_asian(seam[0]) != is_east_asian(seam[1])
    assert measurer.width(left + right, 18) == pytest.approx(
        measurer.width(left, 18) + measurer.width(right, 18) + 0.24 * 18 * changes)


@pytest.mark.parametrize(("text", "changes"), [
    ("日本NATO日本", 2), ("NATO", 0), ("日本", 0), ("日本 NATO", 1), ("NATO 日本", 1),
    ("「NATO」", 2), ("日本(NATO)", 1), ("100%日本", 1), ("ＮＡＴＯ日本", 0), ("日本、NATO", 1),
    ("2023年5月", 3), ("A・B", 2), ("日本\u2060NATO", 1), ("", 0), (" 日 ", 0),
])
def test_script_changes_by_hand(text: str, changes: int) -> None:
    assert script_changes(text) == changes


def test_the_inter_script_space_by_hand(measurer: Measurer) -> None:
    # 日本NATO日本 at 40 pt: four ideographs of one em, N A T O of Noto Sans JP, and two
    # changes of script of 0.24 em each (9.6 pt), as LibreOffice renders it.
    latin = sum(measurer.latin.advance(c) for c in "NATO")
    assert measurer.width("日本NATO日本", 40) == pytest.approx(40 * (4 + latin) + 2 * 9.6)
    plain = measurer.with_autospace(0.0)
    assert plain.width("日本NATO日本", 40) == pytest.approx(40 * (4 + latin))
    assert plain.with_autospace(AUTOSPACE) == measurer


def test_tracking_is_added_after_every_character(noto: FontFile, measurer: Measurer) -> None:
    spaced = measurer.with_tracking(1.5)
    assert spaced.width("日本NATO", 20) == pytest.approx(measurer.width("日本NATO", 20) + 6 * 1.5)
    assert spaced.with_spacing(1.2).tracking == 1.5
    assert spaced.with_capitals(True).tracking == 1.5
    assert spaced.with_autospace(0.0).tracking == 1.5


@pytest.mark.parametrize("text", SAMPLES)
def test_width_is_proportional_to_size(measurer: Measurer, text: str) -> None:
    assert measurer.width(text, 24) == pytest.approx(2 * measurer.width(text, 12))
    assert measurer.width(text, 10) == pytest.approx(10 * measurer.em_width(text))


def test_empty_text_has_no_width(measurer: Measurer) -> None:
    assert measurer.width("", 20) == 0.0


def test_cached_width_is_the_same(measurer: Measurer) -> None:
    text = "キャッシュされた幅 cached width"
    assert measurer.em_width(text) == measurer.em_width(text)
    assert measurer.em_width(text) == pytest.approx(
        sum(measurer.em_width(char) for char in text) + AUTOSPACE)


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
    assert all(is_east_asian(char) for char in "あア漢、。「Ａ１\u3000한丽︰𠮷")
    assert not any(is_east_asian(char) for char in "Aa1 ,.-—é…\u2e7f\ufe2f\ufff0\U00040000")
    # the first and last code point of each range, and the ones just outside it
    for low, high in [(0x2E80, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F),
                      (0xFF00, 0xFFEF), (0x20000, 0x3FFFF)]:
        assert is_east_asian(chr(low)) and is_east_asian(chr(high)), hex(low)
        assert not is_east_asian(chr(low - 1)) or low - 1 in (0xD7AF, 0xFAFF), hex(low)
        assert not is_east_asian(chr(high + 1)) or high + 1 == 0xAC00, hex(high)


@pytest.mark.parametrize(("text", "pieces"), [
    ("", []),
    ("NATO", [(False, "NATO")]),
    ("日本", [(True, "日本")]),
    ("NATOと日本 2024年", [(False, "NATO"), (True, "と日本"), (False, " 2024"), (True, "年")]),
    ("「ITPP」の\u3000概要", [(True, "「"), (False, "ITPP"), (True, "」の\u3000概要")]),
    ("a𠮷b", [(False, "a"), (True, "𠮷"), (False, "b")]),
    ("日本 日本", [(True, "日本"), (False, " "), (True, "日本")]),
])
def test_text_is_cut_where_its_script_changes(text: str, pieces: list[tuple[bool, str]]) -> None:
    assert east_asian_pieces(text) == pieces
    assert has_east_asian(text) == any(east for east, _ in pieces)


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


def test_a_bold_style_is_measured_with_the_familys_bold_face() -> None:
    from fontTools.ttLib import TTFont

    regular = find_system_font("Liberation Sans")
    assert regular is not None  # .ci/run installs fonts-liberation2
    bold = bold_face(regular)
    names = TTFont(bold.path, fontNumber=bold.index)["name"]
    assert names.getDebugName(1) == "Liberation Sans" and names.getDebugName(2) == "Bold"
    assert Measurer(bold, bold).width("Context", 49) > Measurer(regular, regular).width(
        "Context", 49) * 1.05


def test_a_family_with_no_bold_face_is_measured_with_its_own() -> None:
    bundled = resolve_font(BUNDLED_FAMILY)
    assert bold_face(bundled) == bundled
