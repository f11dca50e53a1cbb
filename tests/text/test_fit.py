"""Fitting: the largest size whose predicted lines fit the box, or None."""

from __future__ import annotations

import itertools
from dataclasses import replace

import budoux
import pytest

from briefing.text.breaking import breaks_kinsoku, phrase_units
from briefing.text.fit import (
    HEIGHT_SAFETY,
    SUB_SCALE,
    WIDTH_SAFETY,
    Item,
    default_levels,
    fit_heading,
    fit_items,
    layout_items,
    wrap_heading,
    wrap_phrases,
    wrap_text,
)
from briefing.text.fonts import Measurer
from briefing.text.wrapping import Cut

ITEMS = (
    Item("日本はNATO加盟国ではないが、安全保障面で多くの共通の利害を持つ。"),
    Item("Ties began in the 1950s and deepened after 2004", level=1),
    Item("「集団防衛」の原則がNATOの核心（第5条）"),
    Item("A closing line without a bullet", bullet=False),
)
SPACE = 0.6


class Grid:
    """A measurer with round numbers, so that fitting can be worked out by hand: every
    Latin character is half an em wide, every other character one em, and a line is
    1.2 ems high."""

    stamp = "grid"  # names its widths among the lines kept on disk

    def width(self, text: str, size: float) -> float:
        """Return the width of ``text`` at ``size``."""
        return sum(0.5 if ord(char) < 0x3000 else 1.0 for char in text) * size

    def line_height(self, size: float) -> float:
        """Return the line height at ``size``."""
        return 1.2 * size


GRID = Grid()


@pytest.mark.parametrize(("width", "height", "size", "lines"), [
    # 12 ideographs, no bullet, in a 100 pt wide box: 95 pt of it usable (WIDTH_SAFETY).
    # At 24 pt 3 fit a line (72 <= 95 < 96): 4 lines, 115.2 pt. At 23 pt 4 fit (92 <= 95):
    # 3 lines, 82.8 pt, within 98 pt of a 100 pt box (HEIGHT_SAFETY).
    (100, 100, 23, 3),
    # At 28 pt 3 fit (84 <= 95): 4 lines, 134.4 pt, within 137.2 pt of a 140 pt box.
    (100, 140, 28, 4),
    # 80 pt box (78.4 usable): at 22 pt 4 a line (88 <= 95), 3 lines, 79.2 pt: too tall;
    # at 21 pt 4 a line, 3 lines, 75.6 pt.
    (100, 80, 21, 3),
    # 200 pt wide: 190 usable; at 28 pt 6 fit (168), 2 lines, 67.2 pt, within 68.6.
    (200, 70, 28, 2),
])
def test_fit_items_returns_the_largest_size_that_fits(width: float, height: float,
                                                      size: float, lines: int) -> None:
    fitted = fit_items(GRID, [Item("日本語" * 4, bullet=False)], width, height, (28, 14),
                       default_levels(SPACE))  # type: ignore[arg-type]
    assert fitted is not None
    assert fitted.size == size
    assert len(fitted.items[0].lines) == lines
    assert fitted.height == pytest.approx(lines * 1.2 * size)


def test_fit_items_sets_bullets_sub_points_and_spacing_by_hand() -> None:
    items = [Item("日本"), Item("補足", level=1), Item("二つ目")]
    fitted = fit_items(GRID, items, 400, 300, (28, 14),  # type: ignore[arg-type]
                       default_levels(SPACE))
    assert fitted is not None and fitted.size == 28
    first, sub, second = fitted.items
    assert (first.size, first.indent, first.space_before) == (28, pytest.approx(30.8), 0.0)
    # a sub-point: 0.85 of the size (23.8 pt), indented by its bullet (1.1 em of its own
    # size) and a level (1.2 em of the base size), half a paragraph space before it
    assert sub.size == 23.8
    assert sub.indent == pytest.approx(23.8 * 1.1 + 28 * 1.2)
    assert sub.space_before == pytest.approx(0.6 * 23.8 * 0.5)
    assert second.space_before == pytest.approx(0.6 * 28)
    assert fitted.height == pytest.approx(1.2 * 28 + 7.14 + 1.2 * 23.8 + 16.8 + 1.2 * 28)


def test_fit_heading_by_hand() -> None:
    # "abcdefghij" is one word, 5 ems: on one line of 95 usable points it fits up to 19 pt.
    assert fit_heading(GRID, "abcdefghij", 100, 100, (40, 10), "en",  # type: ignore[arg-type]
                       max_lines=1) == (19, ["abcdefghij"])


# A smaller size before a break inside a unit; the edge only as the last resort.


def test_a_key_figure_is_set_whole_at_a_smaller_size() -> None:
    # "1,234,567,890円": thirteen Latin characters of half an em and one ideograph, 7.5 em.
    # In a 170 pt box (161.5 usable) it fits one line up to 21 pt (157.5); at 31 pt two lines
    # would fit the height only by cutting the number (1,234,567, / 890円).
    assert fit_heading(GRID, "1,234,567,890円", 170, 90, (54, 14),  # type: ignore[arg-type]
                       "ja", max_lines=2) == (21, ["1,234,567,890円"])


def test_a_label_is_set_at_a_smaller_size_before_a_word_is_cut() -> None:
    # "obligations" is 5.5 em: whole on a 95 pt line up to 17 pt (93.5).
    assert fit_heading(GRID, "obligations apply", 100, 200, (28, 10),  # type: ignore[arg-type]
                       "en") == (17, ["obligations", "apply"])


def test_a_run_of_long_vowel_marks_is_cut_at_the_edge_at_the_largest_size_that_fits() -> None:
    # Thirty marks of one em can never be whole on a 95 pt line. At 23 pt four fit a line
    # (92): eight lines, the most allowed; at 24 pt three fit (72 + 24 > 95): ten lines.
    found = fit_heading(GRID, "ー" * 30, 100, 1000, (28, 10),  # type: ignore[arg-type]
                        "ja", max_lines=8)
    assert found == (23, ["ーーーー"] * 7 + ["ーー"])


def test_a_url_breaks_at_its_joints_when_no_size_keeps_it_whole() -> None:
    # 24 Latin characters, 12 em: never whole on 95 pt between 20 and 16 pt. At 20 pt its
    # joints give https:// (80) / example. (80) / com/path (80).
    assert fit_heading(GRID, "https://example.com/path", 100, 1000,  # type: ignore[arg-type]
                       (20, 16), "en") == (20, ["https://", "example.", "com/path"])


def test_fit_items_prefers_a_smaller_size_to_a_cut_word() -> None:
    # 17 letters, 8.5 em: whole on a 190 pt line up to 22 pt (187).
    items = [Item("averyverylongword", bullet=False)]
    fitted = fit_items(GRID, items, 200, 300, (28, 14),  # type: ignore[arg-type]
                       default_levels(SPACE))
    assert fitted is not None
    assert (fitted.size, fitted.items[0].lines, fitted.cut) == (
        22, ("averyverylongword",), Cut.WHOLE)
    # Between 28 and 24 pt it is never whole: the largest size, cut at the edge.
    fitted = fit_items(GRID, items, 200, 300, (28, 24),  # type: ignore[arg-type]
                       default_levels(SPACE))
    assert fitted is not None
    assert (fitted.size, fitted.cut) == (28, Cut.EDGE)
    assert fitted.items[0].lines == ("averyverylong", "word")  # 13 x 14 = 182 <= 190


def test_a_level_with_its_own_letter_spacing_is_measured_with_it(measurer: Measurer) -> None:
    text = "日本はNATO加盟国ではないが、安全保障面で多くの共通の利害を持つ。"
    plain = layout_items(measurer, [Item(text, level=1)], 20, 400, default_levels(SPACE))
    spaced_levels = (default_levels(SPACE)[0], replace(default_levels(SPACE)[1], tracking=4.0))
    spaced = layout_items(measurer, [Item(text, level=1)], 20, 400, spaced_levels)
    assert len(spaced.items[0].lines) > len(plain.items[0].lines)
    for line in spaced.items[0].lines:
        width = measurer.with_tracking(4.0).width(line, spaced.items[0].size)
        assert width <= (400 - spaced.items[0].indent) * WIDTH_SAFETY


def test_wrap_phrases_keeps_phrases_numbers_and_no_stub(measurer: Measurer) -> None:
    text = "日本は2050年カーボンニュートラル宣言を掲げ、1,234,567,890円を投じる。"
    lines = wrap_phrases(measurer, text, 10, 220, "ja")
    assert "".join(lines) == text
    phrases = phrase_units(text, "ja")
    bounds = set(itertools.accumulate(len(p) for p in phrases))
    assert set(itertools.accumulate(len(line) for line in lines)) <= bounds
    assert len(lines[-1]) > 2


def test_fit_items_uses_the_largest_size_when_everything_fits(measurer: Measurer) -> None:
    fitted = fit_items(measurer, [Item("Short")], 800, 600, (28, 14), default_levels(SPACE))
    assert fitted is not None
    assert fitted.size == 28


def test_fit_items_returns_none_when_nothing_fits(measurer: Measurer) -> None:
    assert fit_items(measurer, ITEMS, 400, 30, (28, 14), default_levels(SPACE)) is None


def test_fitted_items_carry_sizes_indents_lines_and_spacing(measurer: Measurer) -> None:
    fitted = fit_items(measurer, ITEMS, 400, 220, (28, 14), default_levels(SPACE))
    assert fitted is not None
    size = fitted.size
    first, sub, third, plain = fitted.items
    assert (first.size, first.space_before) == (size, 0.0)
    assert first.indent == pytest.approx(size * 1.1)
    assert sub.size == round(size * SUB_SCALE, 1)
    assert sub.indent == pytest.approx(sub.size * 1.1 + size * 1.2, abs=0.1)
    assert sub.space_before == pytest.approx(SPACE * sub.size * 0.5)
    assert third.space_before == pytest.approx(SPACE * size)
    assert plain.indent == 0.0
    for item in fitted.items:
        assert "".join(item.lines).replace(" ", "") == item.item.text.replace(" ", "")
        assert breaks_kinsoku(item.lines) == []
        for line in item.lines:
            assert measurer.width(line, item.size) <= (400 - item.indent) * WIDTH_SAFETY
    total = sum(item.space_before + len(item.lines) * measurer.line_height(item.size)
                for item in fitted.items)
    assert fitted.height == pytest.approx(total)


def test_wrap_text_honours_newlines_and_the_width_margin(measurer: Measurer) -> None:
    assert wrap_text(measurer, "line one\nline two", 12, 500) == ["line one", "line two"]
    assert wrap_text(measurer, "", 12, 500) == [""]
    text = "Japan is not a member of NATO, but the two share many common interests"
    width = measurer.width(text, 12)
    lines = wrap_text(measurer, text, 12, width)
    assert len(lines) == 2
    assert all(measurer.width(line, 12) <= width * WIDTH_SAFETY for line in lines)


def test_fit_heading_returns_the_largest_size_within_the_line_limit(
        measurer: Measurer) -> None:
    heading = "NATOと日本の強化される関係"
    found = fit_heading(measurer, heading, 300, 100, (40, 20), "ja")
    assert found is not None
    size, lines = found
    assert lines == ["NATOと日本の", "強化される関係"]
    assert len(lines) * measurer.line_height(size) <= 100 * HEIGHT_SAFETY
    bigger = wrap_heading(measurer, heading, size + 1, 300, "ja")
    assert len(bigger) * measurer.line_height(size + 1) > 100 * HEIGHT_SAFETY or len(bigger) > 3


def test_fit_heading_breaks_only_at_phrase_boundaries(measurer: Measurer) -> None:
    heading = "安全保障の新たな地平を開くNATOと日本の強化される関係"
    found = fit_heading(measurer, heading, 260, 200, (40, 20), "ja")
    assert found is not None
    _, lines = found
    phrases = budoux.load_default_japanese_parser().parse(heading)  # the oracle: BudouX
    boundaries = {sum(len(p) for p in phrases[:i]) for i in range(len(phrases) + 1)}
    position = 0
    for line in lines:
        position += len(line)
        assert position in boundaries, lines
    assert "".join(lines) == heading


def test_fit_heading_returns_none_when_nothing_fits(measurer: Measurer) -> None:
    assert fit_heading(measurer, "NATOと日本の強化される関係", 60, 30, (40, 20), "ja") is None


def test_fit_heading_respects_max_lines(measurer: Measurer) -> None:
    heading = "Opening New Horizons in Security Cooperation"
    found = fit_heading(measurer, heading, 200, 1000, (40, 10), "en", max_lines=2)
    assert found is not None
    size, lines = found
    assert len(lines) <= 2
    assert len(wrap_heading(measurer, heading, size + 1, 200, "en")) > 2
