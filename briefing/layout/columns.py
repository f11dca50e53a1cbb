"""Splitting a sequence of blocks into columns: the order kept, the tallest column as short as
it can be, found in O(k log n) per trial height instead of trying every set of breaks."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence

# Heights closer than this (points) count as equal: sums of the same heights taken in
# another order differ in their last bits.
TOLERANCE = 1e-7


def column_breaks(heights: Sequence[float], gap: float, count: int) -> list[int]:
    """Return the ``count - 1`` indices at which blocks of ``heights`` (points, in order,
    each >= 0) break into ``count`` columns, ``gap`` points between blocks of a column, so
    that the tallest column is as short as can be; among splits as short, the one whose
    earlier columns take the most blocks (columns may be empty).

    A column of blocks a..b-1 is ``sum(heights[a:b]) + gap * (b - a - 1)`` tall. With prefix
    sums, "the tallest column at most T" is decided by filling each column greedily in
    O(count log n); the least T is bisected between an infeasible and a feasible height,
    the feasible bound always snapped to a split's real tallest column, so it ends on one.
    Same result as trying every set of breaks (tests/layout/test_columns.py).
    """
    if count < 1:
        raise ValueError(f"a split needs one column at least, not {count}")
    reach = list(itertools.accumulate((h + gap for h in heights), initial=0.0))
    best = _greedy(reach, gap, count, float("inf"))
    assert best is not None
    high = _tallest(reach, gap, best)
    low = -1.0  # no split has a column this short
    while high - low > 4 * TOLERANCE:
        middle = (low + high) / 2
        found = _greedy(reach, gap, count, middle)
        if found is None:
            low = middle
        else:
            best, high = found, min(high, _tallest(reach, gap, found))
    found = _greedy(reach, gap, count, high)
    return found if found is not None else best


def _greedy(reach: Sequence[float], gap: float, count: int, limit: float) -> list[int] | None:
    """Return the breaks that fill each column as far as ``limit`` allows, or None when the
    last column would be taller than ``limit``.

    ``reach[i]`` is the height of the first i blocks, a gap after each; the column of blocks
    a..b-1 is ``reach[b] - reach[a] - gap`` tall.
    """
    breaks = []
    start = 0
    for _ in range(count - 1):
        end = bisect.bisect_right(reach, reach[start] + gap + limit + TOLERANCE, lo=start) - 1
        start = max(start, end)
        breaks.append(start)
    return breaks if _height(reach, gap, start, len(reach) - 1) <= limit + TOLERANCE else None


def _tallest(reach: Sequence[float], gap: float, breaks: Sequence[int]) -> float:
    """Return the height of the tallest column of a split at ``breaks``."""
    edges = [0, *breaks, len(reach) - 1]
    return max(_height(reach, gap, a, b) for a, b in itertools.pairwise(edges))


def _height(reach: Sequence[float], gap: float, start: int, end: int) -> float:
    """Return the height of the column of blocks ``start`` .. ``end - 1`` (0 when empty)."""
    return reach[end] - reach[start] - gap if end > start else 0.0
