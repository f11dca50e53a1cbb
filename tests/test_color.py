"""Colours: WCAG 2.x contrast and DrawingML colour transforms, against hand-worked values."""

from __future__ import annotations

import pytest

from briefing.color import (
    alpha_of,
    apply_mods,
    blend,
    contrast,
    luminance,
    page_contrast,
    readable_on,
    required_contrast,
)
from tests.wcag import contrast_ratio


@pytest.mark.parametrize(("first", "second", "expected"), [
    ("000000", "FFFFFF", 21.0),  # WCAG 2.x: the largest ratio
    ("FFFFFF", "FFFFFF", 1.0),
    # #777777: channel 119/255 = 0.4667 -> ((0.4667 + 0.055) / 1.055) ** 2.4 = 0.1845;
    # (1.05) / (0.1845 + 0.05) = 4.478, the classic "just under 4.5" grey.
    ("777777", "FFFFFF", 4.478),
    # #0000FF on white: L = 0.0722 -> 1.05 / 0.1222 = 8.592.
    ("0000FF", "FFFFFF", 8.592),
])
def test_contrast_matches_the_wcag_formula(first: str, second: str, expected: float) -> None:
    assert contrast(first, second) == pytest.approx(expected, abs=0.005)
    assert contrast(second, first) == pytest.approx(expected, abs=0.005)


def test_luminance_of_primaries_is_their_weight() -> None:
    assert luminance("FF0000") == pytest.approx(0.2126)
    assert luminance("00FF00") == pytest.approx(0.7152)
    assert luminance("0000FF") == pytest.approx(0.0722)


def test_large_text_needs_less_contrast() -> None:
    assert required_contrast(10) == 4.5
    assert required_contrast(24) == 3.0


def test_tint_works_on_linear_light() -> None:
    # 0x3F = 63/255 = 0.2471 -> linear 0.04970; 75 % tint: 0.0497 * 0.75 + 0.25 = 0.28728;
    # back to sRGB: 1.055 * 0.28728 ** (1 / 2.4) - 0.055 = 0.5734 -> 146.2 -> 0x92.
    assert apply_mods("3F3F3F", (("tint", 75000),)) == "929292"


def test_shade_works_on_linear_light() -> None:
    # 0xFF shaded 50 %: linear 1.0 * 0.5 = 0.5 -> sRGB 0.7354 -> 187.5 -> 0xBC (rounded).
    assert apply_mods("FFFFFF", (("shade", 50000),)) in ("BBBBBB", "BCBCBC")


def test_luminance_modulation_works_in_hsl() -> None:
    # Office's "Text 1, lighter 50 %" of black: lumMod 50 %, lumOff 50 % -> L = 0.5 -> 0x80.
    assert apply_mods("000000", (("lumMod", 50000), ("lumOff", 50000))) in ("7F7F7F", "808080")
    # lumMod alone darkens: white at 75 % -> 0xBF.
    assert apply_mods("FFFFFF", (("lumMod", 75000),)) in ("BFBFBF", "C0C0C0")


def test_alpha_is_read_not_applied() -> None:
    assert alpha_of((("alpha", 40000),)) == pytest.approx(0.4)
    assert apply_mods("123456", (("alpha", 40000),)) == "123456"


def test_blend_is_linear_in_channels() -> None:
    assert blend("000000", "FFFFFF", 0.5) in ("7F7F7F", "808080")
    assert blend("102030", "102030", 0.3) == "102030"


@pytest.mark.parametrize(("size", "bold", "expected"), [
    (18.0, False, 3.0), (17.9, False, 4.5),  # WCAG 2.x "large scale": 18 pt
    (14.0, True, 3.0), (13.9, True, 4.5),  # or 14 pt bold
    (10.0, True, 4.5),
])
def test_page_text_needs_what_wcag_asks_of_its_size(size: float, bold: bool,
                                                     expected: float) -> None:
    assert page_contrast(size, bold) == expected


def test_a_colour_that_reads_is_kept() -> None:
    assert readable_on("1f4e79", "FFFFFF", 4.5) == "1F4E79"


def test_a_grey_just_short_of_4_5_becomes_the_classic_767676() -> None:
    # #777777 reads at 4.478:1 on white; one step darker, #767676, at 4.54:1, the grey
    # every WCAG checker quotes as the lightest that passes on white.
    assert readable_on("777777", "FFFFFF", 4.5) == "767676"


@pytest.mark.parametrize(("ink", "ground"), [
    ("4472C4", "1D1D30"),  # a mid blue on a dark ground: made lighter
    ("ED7D31", "FFFFFF"),  # an orange on white: made darker
    ("089BB8", "FFFFFF"),  # a teal on white
])
def test_a_colour_moves_just_far_enough_away_from_its_ground(ink: str, ground: str) -> None:
    found = readable_on(ink, ground, 4.5)
    assert contrast_ratio(found, ground) >= 4.5
    lighter = contrast_ratio(found, "000000") > contrast_ratio(ink, "000000")
    assert lighter == (contrast_ratio(ink, "000000") > contrast_ratio(ground, "000000"))
    # a step back toward the colour it came from no longer reads
    assert contrast_ratio(step_toward(found, ink, 2), ground) < 4.5


def step_toward(rgb: str, target: str, step: int) -> str:
    """Return ``rgb`` with each channel moved ``step`` units toward ``target``'s."""
    moved = []
    for i in (0, 2, 4):
        value, goal = int(rgb[i:i + 2], 16), int(target[i:i + 2], 16)
        moved.append(value + max(-step, min(step, goal - value)))
    return "".join(f"{v:02X}" for v in moved)


def test_white_on_a_mid_grey_turns_dark_when_no_white_reads() -> None:
    # White reads at 3.95:1 on #808080, so no lighter colour can reach 4.5:1; text must go
    # dark: luminance at most (0.2158 + 0.05) / 4.5 - 0.05 = 0.0091, about #181818.
    found = readable_on("FFFFFF", "808080", 4.5)
    assert contrast_ratio(found, "808080") >= 4.5
    assert all(int(found[i:i + 2], 16) <= 0x19 for i in (0, 2, 4))
