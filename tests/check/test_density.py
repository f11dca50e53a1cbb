"""Dense slides: more than six points, or more text than is read silently in 20 seconds.

Reading time by hand: English at 238 words a minute; Japanese at 238 x 300 / 140 = 510
characters a minute.
"""

from __future__ import annotations

import pytest

from briefing.check.density import density_problems, reading_seconds
from briefing.check.speech import TextCount
from tests.check.pages import frame, page


def test_reading_time_by_hand() -> None:
    assert reading_seconds(TextCount(238, 0)) == pytest.approx(60.0)
    assert reading_seconds(TextCount(0, 510)) == pytest.approx(60.0)
    assert reading_seconds(TextCount(119, 255)) == pytest.approx(60.0)


def test_seven_points_are_too_many_and_six_are_not() -> None:
    six = page("t", frame(*"abcdef", "sub", levels=(0, 0, 0, 0, 0, 0, 1)))
    seven = page("t", frame(*"abcdefg"))
    assert density_problems(six, TextCount(8, 0)) == []
    assert density_problems(seven, TextCount(8, 0)) == ["7 points; at most 6 read at a glance"]


def test_a_column_of_seven_points_is_too_many() -> None:
    columns = page("t", frame(*"abc", name="Column"), frame(*"abcdefg", name="Column"),
                   kind="comparison")
    assert density_problems(columns, TextCount(11, 0)) == [
        "7 points in a column; at most 6 read at a glance"]


@pytest.mark.parametrize(("text", "dense"), [
    (TextCount(79, 0), False),    # 19.9 s
    (TextCount(80, 0), True),     # 20.2 s
    (TextCount(0, 170), False),   # 20.0 s
    (TextCount(0, 171), True),    # 20.1 s
])
def test_more_text_than_twenty_seconds_of_reading_is_dense(text: TextCount,
                                                           dense: bool) -> None:
    problems = density_problems(page("t", frame("x")), text)
    assert bool(problems) is dense
    if dense:
        assert "of text take 20 s to read; keep it under 20 s" in problems[0]


def test_title_divider_sources_and_closing_slides_are_not_judged() -> None:
    for kind in ("cover", "divider", "sources", "closing"):
        assert density_problems(page("t", frame(*"abcdefgh"), kind=kind),
                                TextCount(500, 500)) == []
