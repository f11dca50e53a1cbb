"""The chart of minutes per section: read back as pixels."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from briefing.api import Options, check_deck
from briefing.check.plot import BEYOND, ENDS, HEAD_H, ROW_H, SCALE, WITHIN, plot_png
from briefing.check.report import CheckReport


@pytest.fixture(scope="module")
def seed(seed_outlines: dict[str, Path]) -> CheckReport:
    """Return the check report of the Japanese seed outline, with no budget."""
    return check_deck(seed_outlines["ja"], Options())


def pixels(report: CheckReport) -> Image.Image:
    """Return the chart of ``report`` as an RGB image."""
    image = Image.open(io.BytesIO(plot_png(report)))
    assert image.format == "PNG"
    return image.convert("RGB")


def share(image: Image.Image, rgb: str) -> float:
    """Return the share of the image's pixels of colour #RRGGBB."""
    wanted = tuple(int(rgb[i:i + 2], 16) for i in (1, 3, 5))
    colors = image.getcolors(image.width * image.height) or []
    return sum(count for count, color in colors if color == wanted) / (image.width
                                                                      * image.height)


def columns(image: Image.Image, rows: int, *colors: str) -> list[int]:
    """Return the x of every pixel column where the rows of bars show one of ``colors``."""
    wanted = {tuple(int(rgb[i:i + 2], 16) for i in (1, 3, 5)) for rgb in colors}
    data = image.load()
    assert data is not None
    top, bottom = round(HEAD_H * SCALE), round((HEAD_H + rows * ROW_H) * SCALE)
    return [x for x in range(image.width)
            if any(data[x, y] in wanted for y in range(top, bottom, 2))]


def test_within_budget_nothing_is_red(seed: CheckReport) -> None:
    image = pixels(replace(seed, budget_seconds=seed.talk_seconds + 60))
    # sixteen bars 32 px tall along a time axis about 1000 px wide: about 1.5 % of the image
    assert share(image, WITHIN) > 0.008
    assert share(image, BEYOND) < 0.002  # the budget line and its label only


def test_over_budget_the_time_beyond_it_is_red(seed: CheckReport) -> None:
    fits = pixels(replace(seed, budget_seconds=seed.talk_seconds + 60))
    over = pixels(replace(seed, budget_seconds=seed.talk_seconds * 0.75))
    # a quarter of the bars' length, 32 px tall: about 0.4 % of the image
    assert share(over, BEYOND) > share(fits, BEYOND) + 0.003
    # a quarter of the talk lies beyond the budget: the red part is a quarter of the run of
    # bars from the start of the talk to its end
    rows = len(seed.sections)
    red = columns(over, rows, BEYOND)
    bars = columns(over, rows, BEYOND, WITHIN, ENDS)
    assert (max(red) - min(red)) / (max(bars) - min(bars)) == pytest.approx(0.25, abs=0.01)


def test_one_row_per_section(seed: CheckReport) -> None:
    full = pixels(seed)
    fewer = pixels(replace(seed, sections=seed.sections[:4]))
    assert full.height - fewer.height == pytest.approx((len(seed.sections) - 4) * 26 * 2,
                                                       abs=2)


@pytest.mark.parametrize("seconds", [10, 59, 300, 525, 557, 600, 640, 1200, 3500, 20000])
def test_the_time_axis_ends_on_a_whole_tick_past_the_talk(seconds: float) -> None:
    from briefing.check.plot import _span, _tick

    span = _span(seconds)
    ticks = span / _tick(span)
    assert span >= seconds and ticks == int(ticks) and 1 <= ticks <= 10


@pytest.mark.parametrize(("lang", "words"), [
    ("ja", ["分", "予算 12:00", "セクション", "導入と結び", "予算超過"]),
    ("en", ["min", "budget 12:00", "section", "opening and closing", "beyond the budget"]),
])
def test_the_chart_speaks_the_outlines_language(seed: CheckReport, lang: str,
                                                words: list[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import briefing.check.plot as plot

    drawn: list[str] = []
    real = plot._text
    monkeypatch.setattr(plot, "_text", lambda draw, x, y, text, *rest: (
        drawn.append(text), real(draw, x, y, text, *rest))[1])
    plot_png(replace(seed, lang=lang, budget_seconds=720.0))
    assert all(word in drawn for word in words), drawn
    heading = next(text for text in drawn if "23" in text)
    assert heading.startswith("スライド23枚、発表" if lang == "ja" else "23 slides, ")
