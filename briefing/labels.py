"""Fixed labels and dates in the outline's language."""

from __future__ import annotations

import datetime as dt
import re

LABELS: dict[str, dict[str, str]] = {
    "ja": {
        "agenda": "アジェンダ",
        "summary": "まとめ",
        "bottom_line": "要点",
        "sources": "出典",
        "qa": "質疑応答",
        "thanks": "ご清聴ありがとうございました",
        "continued": "（続き）",
        "timeline": "年表",
        "key_points": "主なポイント",
        "part": "第{n}部",
        "page": "{n}",
        "source_note": "注",
        "slide": "スライド {n}",
        "credit": "提供：{credit}",
        "same_notes": "ノートはスライド {n} と同じ",
    },
    "en": {
        "agenda": "Agenda",
        "summary": "Summary",
        "bottom_line": "Bottom line",
        "sources": "Sources",
        "qa": "Q&A",
        "thanks": "Thank you",
        "continued": "(cont.)",
        "timeline": "Timeline",
        "key_points": "Key points",
        "part": "Part {n}",
        "page": "{n}",
        "source_note": "Note",
        "slide": "Slide {n}",
        "credit": "Credit: {credit}",
        "same_notes": "Notes as for slide {n}",
    },
}


def label(lang: str, key: str, **values: object) -> str:
    """Return label ``key`` in ``lang`` (English when unknown), formatted with ``values``."""
    table = LABELS.get(lang, LABELS["en"])
    return table[key].format(**values)


def continued(lang: str, title: str) -> str:
    """Return ``title`` marked as a continuation."""
    mark = label(lang, "continued")
    return f"{title}{mark}" if lang == "ja" else f"{title} {mark}"


# Quotation marks by language: 「」 (kagi kakko) for Japanese, as JIS X 4051 sets quotations;
# “” for English. Text that already opens with a quotation mark keeps its own.
QUOTE_MARKS = {"ja": ("\u300c", "\u300d"), "en": ("\u201c", "\u201d")}
OPENING_MARKS = "\u300c\u300e\u201c\u2018\"'\u00ab\uff02"


def quoted(lang: str, text: str) -> str:
    """Return ``text`` in the quotation marks of ``lang``, unless it opens with a quotation
    mark of its own (「...」, “...”, "...": the writer's marks are kept, not doubled)."""
    stripped = text.strip()
    if stripped[:1] in OPENING_MARKS:
        return stripped
    opening, closing = QUOTE_MARKS.get(lang, QUOTE_MARKS["en"])
    return f"{opening}{stripped}{closing}"


# --- dates --------------------------------------------------------------------------------------

# One display format per language, used by the deck and the one-pager alike: the way dates are
# written in running text (Japanese: 2026年11月26日; English: 26 November 2026, the
# day-month-year order of British and international usage).
DATE_FORMATS = {"ja": "%Y年%-m月%-d日", "en": "%-d %B %Y"}
MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "ja": tuple(f"{month}月" for month in range(1, 13)),
}
WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "ja": ("月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日", "日曜日"),
}
DIRECTIVES = ("%Y", "%y", "%m", "%-m", "%d", "%-d", "%B", "%b", "%A", "%a", "%%")
_DIRECTIVE = re.compile("%-?.")


def format_date(date: dt.date, lang: str, pattern: str | None = None) -> str:
    """Return ``date`` written in ``lang`` with ``pattern`` (the language's own by default).

    Patterns use strftime's directives (see DIRECTIVES; ``%-d`` and ``%-m`` drop the leading
    zero), with month and weekday names in the outline's language whatever the system
    locale, so a build gives the same text on every machine. ``%b`` and ``%a`` abbreviate
    English names to three letters; in Japanese ``%a`` is the weekday's one kanji (木) and
    ``%b`` the month (11月).
    """
    months = MONTHS.get(lang, MONTHS["en"])
    weekdays = WEEKDAYS.get(lang, WEEKDAYS["en"])
    japanese = lang == "ja"
    values = {
        "%Y": f"{date.year:04d}", "%y": f"{date.year % 100:02d}",
        "%m": f"{date.month:02d}", "%-m": str(date.month),
        "%d": f"{date.day:02d}", "%-d": str(date.day),
        "%B": months[date.month - 1],
        "%b": months[date.month - 1] if japanese else months[date.month - 1][:3],
        "%A": weekdays[date.weekday()],
        "%a": weekdays[date.weekday()][:1 if japanese else 3],
        "%%": "%",
    }
    chosen = pattern or DATE_FORMATS.get(lang, DATE_FORMATS["en"])
    return _DIRECTIVE.sub(lambda match: values.get(match.group(), match.group()), chosen)


def check_date_format(pattern: str) -> str:
    """Return ``pattern`` when every directive in it is one format_date knows; else raise
    ValueError naming the ones it does not."""
    unknown = sorted({found for found in _DIRECTIVE.findall(pattern) if found not in DIRECTIVES})
    if unknown:
        raise ValueError(f"date_format uses {', '.join(unknown)}, which is not supported; "
                         f"use {' '.join(DIRECTIVES)}")
    return pattern
