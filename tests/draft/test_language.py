"""Sentences, terms, dates and quantities in Japanese and English."""

from __future__ import annotations

from briefing.draft.language import English, Japanese


def test_japanese_sentences_respect_brackets() -> None:
    text = "彼は「行く。帰る。」と言った。NATOは1949年に成立しました。本当か？はい"
    assert Japanese().sentences(text) == ["彼は「行く。帰る。」と言った。",
                                          "NATOは1949年に成立しました。", "本当か？", "はい"]


def test_japanese_terms_and_names() -> None:
    ja = Japanese()
    assert ja.terms("近年、NATOと日本の協力が進む。") == ["NATO", "日本", "協力"]
    assert ja.names("中国とロシアの脅威、ITPPとAI") == ["中国", "ロシア", "ITPP", "AI"]


def test_japanese_dates_and_quantities() -> None:
    ja = Japanese()
    dates = ja.dates("1950年代から、2023年5月の報道では2024年中に")
    assert [(d.text, d.decade) for d in dates] == [("1950年代", True), ("2023年5月", False),
                                                   ("2024年", False)]
    assert dates[1].key == 2023 + 5 / 13
    assert ja.quantities("加盟国は32か国、予算の2%、3,000人、第5条、2004年、一つ") == [
        "32か国", "2%", "3,000人"]


def test_english_sentences_dates_and_quantities() -> None:
    en = English()
    assert en.sentences("Mr. Smith met the U.S. envoy in Jan. 2024. It went well.") == [
        "Mr. Smith met the U.S. envoy in Jan. 2024.", "It went well."]
    dates = en.dates("On 6 March 2013, in the 1990s, by May 2023 and in 2070.")
    assert [d.text for d in dates] == ["6 March 2013", "1990s", "May 2023", "2070"]
    assert en.quantities("It cost £340 million, cut 40 per cent, kept 12,000 homes in 2021 "
                         "and rose 4.5 metres.") == ["£340 million", "40 per cent",
                                                     "12,000 homes", "4.5 metres"]


def test_english_terms_names_and_self_reference() -> None:
    en = English()
    assert en.terms("The allies agreed on NATO policies") == ["ally", "agreed", "NATO", "policy"]
    assert en.names("Japan and NATO met in Tokyo") == ["NATO", "Tokyo"]
    assert en.refers_to_itself("This article traces the barrier.")
    assert Japanese().refers_to_itself("この記事では、歴史を解説します。")
    assert not en.refers_to_itself("The article of the treaty applies.")
