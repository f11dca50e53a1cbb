"""Labels and dates in the outline's language."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.labels import check_date_format, format_date, quoted

DAY = dt.date(2026, 11, 26)  # a Thursday


@pytest.mark.parametrize(("lang", "pattern", "expected"), [
    ("ja", None, "2026年11月26日"),
    ("en", None, "26 November 2026"),
    ("en", "%Y-%m-%d", "2026-11-26"),
    ("en", "%B %-d, %Y", "November 26, 2026"),
    ("en", "%a %-d %b %y", "Thu 26 Nov 26"),
    ("en", "%A", "Thursday"),
    ("ja", "%Y年%-m月%-d日（%a）", "2026年11月26日（木）"),
    ("ja", "%A", "木曜日"),
    ("ja", "%B", "11月"),
    ("en", "100%% on %d/%m", "100% on 26/11"),
])
def test_dates_are_written_in_the_outline_language(lang: str, pattern: str | None,
                                                    expected: str) -> None:
    assert format_date(DAY, lang, pattern) == expected


def test_leading_zeros_are_dropped_only_when_asked() -> None:
    day = dt.date(2027, 3, 5)
    assert format_date(day, "en", "%d/%m") == "05/03"
    assert format_date(day, "en", "%-d/%-m") == "5/3"
    assert format_date(day, "ja") == "2027年3月5日"


def test_unknown_directives_are_named() -> None:
    with pytest.raises(ValueError, match="%H, %Q"):
        check_date_format("%Q %H %Y")


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("ja", "リスクは管理できる。", "「リスクは管理できる。」"),
    ("ja", "「注文から翌日に届く。」", "「注文から翌日に届く。」"),  # the writer's own marks
    ("ja", "『二重のかぎ』", "『二重のかぎ』"),
    ("en", "We will win.", "\u201cWe will win.\u201d"),
    ("en", '"We will win."', '"We will win."'),
    ("en", "  \u201cSpaced\u201d ", "\u201cSpaced\u201d"),
])
def test_a_quotation_gets_its_languages_marks_once(lang: str, text: str,
                                                    expected: str) -> None:
    assert quoted(lang, text) == expected
