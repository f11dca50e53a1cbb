"""Briefing style: connectives dropped, plain or noun endings, facts untouched."""

from __future__ import annotations

import pytest

from briefing.draft.shorten import briefing_en, briefing_ja


@pytest.mark.parametrize(("sentence", "expected"), [
    # Expected forms written by hand, as a Japanese editor would shorten them.
    ("NATO(北大西洋条約機構)は1949年に成立しました。", "NATO(北大西洋条約機構)は1949年に成立"),
    ("しかし、NATOと日本の関係強化にはいくつかの課題も存在します。",
     "NATOと日本の関係強化にはいくつかの課題も存在"),
    ("日本はNATOの加盟国ではありませんが、多くの共通の利害を持っています。",
     "日本はNATOの加盟国ではないが、多くの共通の利害を持っている"),
    ("この「集団防衛」の原則は、NATOの核心とされています。",
     "この「集団防衛」の原則は、NATOの核心とされている"),
    ("特に、バルカン半島での活動では、日本はNATOの努力を積極的に支援しました。",
     "バルカン半島での活動では、日本はNATOの努力を積極的に支援"),
    ("2023年5月の報道では、NATOは2024年中に東京に連絡事務所を開設する予定です。",
     "2023年5月の報道では、NATOは2024年中に東京に連絡事務所を開設する予定"),
    ("第一に、地理的な距離が制約をもたらす可能性があります。",
     "地理的な距離が制約をもたらす可能性がある"),
    ("冷戦の時代、日本はNATOとの直接的な結びつきは持ちませんでした。",
     "冷戦の時代、日本はNATOとの直接的な結びつきは持たなかった"),
    ("1990年代に入ると、日本は資金援助を提供するようになりました。",
     "1990年代に入ると、日本は資金援助を提供するようになった"),
    ("相互理解を深めることが、関係強化の鍵となるでしょう。",
     "相互理解を深めることが、関係強化の鍵となるだろう"),
    ("加えて、協力強化策は存在感を高める効果を持ちます。", "協力強化策は存在感を高める効果を持つ"),
    ("このため、両者は緊密に連携しています。", "両者は緊密に連携"),
    ("理解を得ることが難しいかもしれません。", "理解を得ることが難しいかもしれない"),
    ("アジア太平洋地域の問題への関与は比較的新しい試みです。",
     "アジア太平洋地域の問題への関与は比較的新しい試み"),
    ("近年、日本とNATOの関係は深まりつつあります。", "近年、日本とNATOの関係は深まりつつある"),
])
def test_japanese_briefing_style(sentence: str, expected: str) -> None:
    assert briefing_ja(sentence) == expected


def test_english_connectives_and_length() -> None:
    assert briefing_en("However, the council approved the plan.") == [
        "The council approved the plan"]
    assert briefing_en("In 2015, councillors approved the barrier.") == [
        "In 2015, councillors approved the barrier"]
    assert briefing_en("Finally, the gates rose.") == ["The gates rose"]
    long = ("The water rose 4.5 metres above the normal high-tide mark, flooded the old market "
            "district and forced 3,000 residents from their homes for up to six weeks.")
    pieces = briefing_en(long)
    assert pieces == ["The water rose 4.5 metres above the normal high-tide mark",
                      "flooded the old market district and forced 3,000 residents from their "
                      "homes for up to six weeks"]
    joined = ("The barrier was designed for sea levels expected by then, but newer forecasts "
              "bring that date much closer than the engineers who drew it ever imagined.")
    assert briefing_en(joined) == [
        "The barrier was designed for sea levels expected by then",
        "but newer forecasts bring that date much closer than the engineers who drew it ever "
        "imagined"]
    assert briefing_en("Parks (which the city (re)opened) grew by 40 per cent in the decade "
                       "after the flood and the barrier and the new walls and paths were built.")[
        0].startswith("Parks grew by 40 per cent")
