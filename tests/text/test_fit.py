"""Fitting: the largest size whose predicted lines fit the box, or None."""

from __future__ import annotations

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
    wrap_text,
)
from briefing.text.fonts import Measurer

ITEMS = (
    Item("日本はNATO加盟国ではないが、安全保障面で多くの共通の利害を持つ。"),
    Item("Ties began in the 1950s and deepened after 2004", level=1),
    Item("「集団防衛」の原則がNATOの核心（第5条）"),
    Item("A closing line without a bullet", bullet=False),
)
SPACE = 0.6


def fits(measurer: Measurer, size: float, width: float, height: float) -> bool:
    """Return whether ITEMS at base ``size`` fit a box of ``width`` by ``height``."""
    fitted = layout_items(measurer, ITEMS, size, width, default_levels(SPACE))
    return fitted.height <= height * HEIGHT_SAFETY


@pytest.mark.parametrize(("width", "height"), [(400, 200), (600, 300), (300, 400), (900, 500)])
def test_fit_items_returns_the_largest_size_that_fits(
        measurer: Measurer, width: float, height: float) -> None:
    fitted = fit_items(measurer, ITEMS, width, height, (28, 14), default_levels(SPACE))
    assert fitted is not None
    expected = max(size for size in range(14, 29) if fits(measurer, size, width, height))
    assert fitted.size == expected
    assert fitted.height <= height * HEIGHT_SAFETY
    if fitted.size < 28:
        assert not fits(measurer, fitted.size + 1, width, height)


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
    phrases = phrase_units(heading, "ja")
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
