"""Dates of timeline events as fractional years, worked out by hand."""

import datetime as dt

import pytest

from briefing.outline.dates import full_date, spread, time_positions, year_of


@pytest.mark.parametrize(("date", "expected"), [
    ("1949", 1949.5), ("1949年", 1949.5), ("２０１４年", 2014.5),
    ("1990年代", 1995.0), ("1990s", 1995.0),
    # May 2023: 120 days before it (31+28+31+30), middle of its 31 days → (120 + 15.5) / 365
    ("2023-05", 2023 + 135.5 / 365), ("2023/5", 2023 + 135.5 / 365),
    ("2023年5月", 2023 + 135.5 / 365), ("May 2023", 2023 + 135.5 / 365),
    # 12 May 2023: 120 days + 11.5 into May
    ("2023-05-12", 2023 + 131.5 / 365), ("2023年5月12日", 2023 + 131.5 / 365),
    ("12 May 2023", 2023 + 131.5 / 365), ("May 12, 2023", 2023 + 131.5 / 365),
    # 2024 is a leap year: March starts after 31 + 29 days
    ("2024-03", 2024 + (60 + 15.5) / 366),
])
def test_dates_read_as_the_middle_of_their_period(date: str, expected: float) -> None:
    assert year_of(date) == pytest.approx(expected)


@pytest.mark.parametrize("date", ["昔", "冷戦後", "2023年13月", "2023-02-30", "someday"])
def test_what_is_not_a_date_is_none(date: str) -> None:
    assert year_of(date) is None


def test_positions_run_from_first_to_last_date() -> None:
    assert time_positions(["1949", "1999", "2049"]) == pytest.approx([0.0, 0.5, 1.0])
    assert time_positions(["1949", "昔"]) is None
    assert time_positions(["2000", "2000年"]) is None


def test_spread_keeps_neighbours_apart_and_moves_little() -> None:
    assert spread([0.0, 0.01, 0.02, 0.9, 1.0], 0.1) == pytest.approx([0.0, 0.1, 0.2, 0.9, 1.0])
    assert spread([0.0, 0.95, 0.97, 1.0], 0.1) == pytest.approx([0.0, 0.8, 0.9, 1.0])
    assert spread([0.0, 0.5, 1.0], 0.6) == pytest.approx([0.0, 0.5, 1.0])  # even when too tight
    assert spread([0.0, 0.3, 1.0], 0.2) == [0.0, 0.3, 1.0]


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-3-5", dt.date(2026, 3, 5)), ("2026/03/05", dt.date(2026, 3, 5)),
    ("2026.3.5", dt.date(2026, 3, 5)), ("2026年3月5日", dt.date(2026, 3, 5)),
    ("２０２６年３月５日", dt.date(2026, 3, 5)), ("5 March 2026", dt.date(2026, 3, 5)),
    ("March 5, 2026", dt.date(2026, 3, 5)), ("Mar 5 2026", dt.date(2026, 3, 5)),
    ("2024-2-29", dt.date(2024, 2, 29)),
    ("2026-2-29", None), ("2026-13-01", None), ("2026-03", None), ("2026年", None),
    ("March 2026", None), ("5/3/2026", None), ("next Tuesday", None),
    ("2026-3-5 and later", None),
])
def test_a_whole_date_in_another_form_names_its_day(text: str,
                                                   expected: dt.date | None) -> None:
    assert full_date(text) == expected

