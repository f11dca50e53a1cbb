"""Fixed labels in the outline's language."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "ja": {
        "agenda": "アジェンダ",
        "summary": "まとめ",
        "bottom_line": "要点",
        "sources": "出典",
        "qa": "質疑応答",
        "thanks": "ご清聴ありがとうございました",
        "continued": "(続き)",
        "timeline": "年表",
        "key_points": "主なポイント",
        "part": "第{n}部",
        "page": "{n}",
        "source_note": "注",
        "slide": "スライド {n}",
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
