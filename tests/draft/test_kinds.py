"""Timeline, comparison, quote and key figures found in what the article holds."""

from __future__ import annotations

from briefing.draft.article import Block
from briefing.draft.kinds import figures_of, find_pairs, find_timeline, quote_of
from briefing.draft.language import English, Japanese
from briefing.draft.points import sentences_of
from briefing.draft.structure import Body, Part, Passage


def _body(parts: list[tuple[str | None, list[tuple[str, str]]]]) -> Body:
    return Body([], [Part(title, [Passage(h, [Block("paragraph", t)]) for h, t in sections])
                     for title, sections in parts])


def test_timeline_of_dated_statements() -> None:
    ja = Japanese()
    body = _body([("歴史", [("初期", "関係は1950年代に始まった。"),
                          ("発展", "2000年代に強化された。2004年に認められた。")]),
                  ("現在", [("計画", "2023年5月の報道があった。")])])
    sentences, start = [], 0
    for passage in body.passages:
        sentences.append(sentences_of(passage.blocks, ja, start))
        start += len(sentences[-1])
    timeline = find_timeline(body, sentences)
    assert timeline is not None
    # 2000年代 gives way to 2004年 inside it; the part with most events holds the line.
    assert [e.date.text for e in timeline.events] == ["1950年代", "2004年", "2023年5月"]
    assert [e.section for e in timeline.events] == ["初期", "発展", "計画"]
    assert timeline.part == 0
    assert find_timeline(body, [sentences[0], [], []]) is None


def test_pairs_named_by_their_part_or_by_contrast() -> None:
    ja = Japanese()
    body = _body([("NATOと日本の関係の意義と課題", [("関係の意義", "x。"), ("直面する課題", "y。"),
                                                  ("今後の展望", "z。")])])
    pairs = find_pairs(body, ja)
    assert [(p.first, p.second, p.columns, p.title) for p in pairs] == [
        (0, 1, ("意義", "課題"), "NATOと日本の関係の意義と課題")]
    en = English()
    flat = _body([(None, [("Intro", "a."), ("Pros", "b."), ("Cons", "c.")])])
    assert [(p.first, p.columns) for p in find_pairs(flat, en)] == [(1, ("Pros", "Cons"))]
    assert find_pairs(_body([(None, [("History", "a."), ("Today", "b.")])]), en) == []


def test_quotes_with_their_speakers() -> None:
    ja, en = Japanese(), English()

    def one(text: str, language: Japanese | English) -> tuple[str, str] | None:
        return quote_of(sentences_of([Block("paragraph", text)], language, 0)[0], language)

    assert one("事務総長は「日本は最も近いパートナーの一つだ」と述べた。", ja) == (
        "日本は最も近いパートナーの一つだ", "事務総長")
    assert one("「集団防衛」の原則は核心とされる。", ja) is None
    assert one("“The barrier has already paid for itself twice over,” said Helen Okafor, "
               "the council's chief engineer.", en) == (
        "The barrier has already paid for itself twice over", "Helen Okafor")
    assert one("The word “barrier” appears twice.", en) is None


def test_figures_need_two() -> None:
    en = English()
    found = sentences_of([Block("paragraph", "It cost £340 million. It kept 12,000 homes dry. "
                                             "It opened in 2021.")], en, 0)
    assert [value for value, _ in figures_of(found)] == ["£340 million", "12,000 homes"]
    assert figures_of(found[:1]) == []
