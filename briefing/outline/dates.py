"""Reading the dates of timeline events as points in time.

A timeline with ``scale: time`` places its events by their dates. Dates are written as people
write them in briefings; the forms read are a year (``1949``, ``1949年``), a decade
(``1990年代``, ``1990s``), a year and month (``2023-05``, ``2023/5``, ``2023年5月``,
``May 2023``), and a full date (``2023-05-12``, ``2023年5月12日``, ``12 May 2023``,
``May 12, 2023``). A decade is placed at its middle (1990年代 → mid-1995), a year at its middle,
a month at its middle, so that mixed precisions sit where a reader expects.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9

_NUMERIC = re.compile(r"(?P<y>\d{4})(?:\s*(?:[-/.年])\s*(?P<m>\d{1,2})"
                      r"(?:\s*(?:[-/.月])\s*(?P<d>\d{1,2}))?)?")
_DECADE = re.compile(r"(?P<y>\d{3}0)(?:\s*年代|'?s\b)")
_WORDS = re.compile(r"(?:(?P<d1>\d{1,2})\s+)?(?P<month>[A-Za-z]{3,9})\.?\s+"
                    r"(?:(?P<d2>\d{1,2}),?\s+)?(?P<y>\d{4})")


def year_of(date: str) -> float | None:
    """Return ``date`` as a fractional year (2023-05 → 2023.37), or None when it is not a
    date in one of the forms the module docstring lists.

    Full-width digits are read as digits (NFKC). The fraction is the middle of the period the
    date names: its day, month, year or decade.
    """
    text = unicodedata.normalize("NFKC", date).strip()
    decade = _DECADE.search(text)
    if decade:
        return int(decade["y"]) + 5.0
    words = _WORDS.search(text)
    if words and words["month"].lower().rstrip(".") in _MONTHS:
        day = words["d1"] or words["d2"]
        return _fraction(int(words["y"]), _MONTHS[words["month"].lower()],
                         int(day) if day else None)
    numeric = _NUMERIC.search(text)
    if numeric is None:
        return None
    month = int(numeric["m"]) if numeric["m"] else None
    day = int(numeric["d"]) if numeric["d"] else None
    if month is not None and not 1 <= month <= 12:
        return None
    return _fraction(int(numeric["y"]), month, day)


def _fraction(year: int, month: int | None, day: int | None) -> float | None:
    """Return the middle of the year, month or day as a fractional year."""
    if month is None:
        return year + 0.5
    days = calendar.monthrange(year, month)[1]
    if day is not None and not 1 <= day <= days:
        return None
    start = sum(calendar.monthrange(year, m)[1] for m in range(1, month))
    within = (day - 0.5) if day is not None else days / 2
    return year + (start + within) / (366 if calendar.isleap(year) else 365)


_FULL = re.compile(r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?")


def impossible_day(text: str) -> str | None:
    """Return why ``text``, written as a year, month and day (``2002-02-30``, ``2002/13/01``,
    ``2002年2月30日``; full-width digits read as digits), names no day: "has no month 13:
    months run from 01 to 12" or "is not a day: February 2002 has 28 days"; None for any
    other text, a day that exists included."""
    written = _FULL.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if written is None:
        return None
    year, month, day = (int(written[name]) for name in ("y", "m", "d"))
    if not 1 <= month <= 12:
        return f"has no month {month}: months run from 01 to 12"
    days = calendar.monthrange(year, month)[1]
    if 1 <= day <= days:
        return None
    return f"is not a day: {calendar.month_name[month]} {year} has {days} days"


def full_date(text: str) -> dt.date | None:
    """Return the day ``text`` names when it is a whole date in one of the forms the module
    docstring lists (``2026-3-5``, ``2026/03/05``, ``2026年3月5日``, ``5 March 2026``,
    ``March 5, 2026``; full-width digits read as digits), else None (a year or a month alone,
    a day that does not exist, other text)."""
    text = unicodedata.normalize("NFKC", text).strip()
    numeric = _FULL.fullmatch(text)
    words = _WORDS.fullmatch(text)
    try:
        if numeric:
            return dt.date(int(numeric["y"]), int(numeric["m"]), int(numeric["d"]))
        day = words and (words["d1"] or words["d2"])
        if words and day and words["month"].lower() in _MONTHS:
            return dt.date(int(words["y"]), _MONTHS[words["month"].lower()], int(day))
    except ValueError:
        return None
    return None


def time_positions(dates: list[str]) -> list[float] | None:
    """Return where each date sits between the first and the last, from 0 to 1, or None when
    a date cannot be read (see ``year_of``) or all dates are the same.

    Positions keep the order of the dates' times; dates out of order give positions out of
    order (the caller decides whether that is an error).
    """
    years = [year_of(date) for date in dates]
    if any(year is None for year in years):
        return None
    known = [year for year in years if year is not None]
    low, high = min(known), max(known)
    if high == low:
        return None
    return [(year - low) / (high - low) for year in known]


def spread(positions: list[float], gap: float) -> list[float]:
    """Return ``positions`` (ascending, 0 to 1) moved as little as needed so that neighbours
    are at least ``gap`` apart, still within 0 to 1.

    Used to keep events that are close in time from overlapping on the axis: a forward pass
    pushes each position past its left neighbour, a backward pass pulls them back inside 1.
    When ``gap * (n - 1) > 1`` the result is even spacing.
    """
    count = len(positions)
    if count < 2:
        return list(positions)
    if gap * (count - 1) >= 1:
        return [index / (count - 1) for index in range(count)]
    placed = list(positions)
    for index in range(1, count):
        placed[index] = max(placed[index], placed[index - 1] + gap)
    placed[-1] = min(placed[-1], 1.0)
    for index in range(count - 2, -1, -1):
        placed[index] = min(placed[index], placed[index + 1] - gap)
    return [max(0.0, value) for value in placed]
