"""Column split: the linear search gives what trying every set of breaks gives."""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from pathlib import Path

import pytest

from briefing.layout import columns
from briefing.layout.columns import column_breaks
from briefing.layout.summary import compose, layout_summary
from briefing.layout.summary.kit import Block
from briefing.outline.validate import load_outline
from briefing.report import Warnings
from briefing.text.fonts import Measurer, resolve_font
from briefing.theme.tokens import load_theme

ROOT = Path(__file__).resolve().parents[2]


def brute_force(heights: Sequence[float], gap: float, count: int) -> list[int]:
    """Return the breaks found by trying every set: the tallest column as short as can be,
    then the earlier columns as full as can be (the oracle)."""
    def height(a: int, b: int) -> float:
        return sum(heights[a:b]) + gap * max(0, b - a - 1)

    def tallest(breaks: Sequence[int]) -> float:
        edges = [0, *breaks, len(heights)]
        return max(height(a, b) for a, b in itertools.pairwise(edges))

    options = itertools.combinations_with_replacement(range(len(heights) + 1), count - 1)
    return list(min(options, key=lambda breaks: (tallest(breaks), [-b for b in breaks])))


@pytest.mark.parametrize("seed", range(400))
def test_breaks_equal_the_brute_force_split(seed: int) -> None:
    rng = random.Random(seed)
    count = rng.choice((1, 2, 3, 4))
    n = rng.randrange(0, 9)
    if seed % 2:  # whole numbers: many ties, so the tie-break is tested too
        heights: list[float] = [float(rng.randrange(0, 6)) for _ in range(n)]
        gap = float(rng.randrange(0, 3))
    else:
        heights = [rng.uniform(0.0, 200.0) for _ in range(n)]
        gap = rng.uniform(0.0, 20.0)
    assert column_breaks(heights, gap, count) == brute_force(heights, gap, count)


def test_hand_worked_split() -> None:
    # Three columns: no column can be under 30 (the last block); with 30 at most, the first
    # column takes 10 + 2 + 10 = 22 (a third block would make 34), the second 10, the last 30.
    # Two columns: 10 + 2 + 10 + 2 + 10 = 34 | 30 beats 22 | 10 + 2 + 30 = 42.
    assert column_breaks([10.0, 10.0, 10.0, 30.0], 2.0, 3) == [2, 3]
    assert column_breaks([10.0, 10.0, 10.0, 30.0], 2.0, 2) == [3]
    assert column_breaks([], 2.0, 3) == [0, 0]


@pytest.mark.parametrize("landscape", [False, True])
@pytest.mark.parametrize("name", ["nato-japan.yaml", "nato-japan.en.yaml"])
def test_seed_sheets_are_the_same_with_the_brute_force_split(
        monkeypatch: pytest.MonkeyPatch, name: str, landscape: bool) -> None:
    theme = load_theme("default")
    fonts = (resolve_font(theme.fonts.latin, theme.fonts.latin_file),
             resolve_font(theme.fonts.east_asian, theme.fonts.east_asian_file))
    measurer = Measurer(*fonts, theme.line_spacing)
    loaded = load_outline(ROOT / "outlines" / name)
    ours = layout_summary(loaded, theme, measurer, Warnings(), landscape=landscape)

    def split(blocks: Sequence[Block], gap: float, count: int) -> list[list[Block]]:
        edges = [0, *brute_force([b.height for b in blocks], gap, count), len(blocks)]
        return [list(blocks[a:b]) for a, b in itertools.pairwise(edges)]

    monkeypatch.setattr(compose, "split", split)
    assert layout_summary(loaded, theme, measurer, Warnings(), landscape=landscape) == ours


def test_tolerance_is_far_below_a_visible_difference() -> None:
    assert columns.TOLERANCE < 1e-3
