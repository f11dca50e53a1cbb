"""Scoring and choosing key points."""

from __future__ import annotations

from briefing.draft.article import Block
from briefing.draft.language import Japanese
from briefing.draft.points import Weights, choose, ranked, sentences_of

SECTION = [Block("paragraph", "しかし、関係強化にはいくつかの課題も存在します。"
                              "第一に、地理的な距離と異なる安全保障環境が連携の深化に制約をもたらす可能性があります。"
                              "そのため、優先事項の違いをどう調整するかが課題となります。"),
           Block("paragraph", "この記事では、課題を解説します。")]
OTHER = [Block("paragraph", "日本と関係強化の協力は課題の解決に役立つ。関係強化は続く。")]


def _section() -> tuple[list, Weights]:  # type: ignore[type-arg]
    ja = Japanese()
    found = sentences_of(SECTION, ja, 0)
    other = sentences_of(OTHER, ja, len(found))
    return found, Weights.of([found, other, other, other])


def test_sentences_know_their_place() -> None:
    found, _ = _section()
    assert [(s.paragraph, s.position, s.order) for s in found] == [(0, 0, 0), (0, 1, 1),
                                                                   (0, 2, 2), (1, 0, 3)]
    assert found[3].about_itself and not found[0].about_itself


def test_a_listed_point_outranks_the_sentence_that_announces_the_list() -> None:
    found, weights = _section()
    best = ranked(found, {"課題"}, weights)
    assert best[0][1].text.startswith("第一に")
    assert all(not s.about_itself for _, s in best)


def test_choose_keeps_order_and_budget() -> None:
    found, weights = _section()
    best = ranked(found, {"課題"}, weights)
    chosen = choose(best, 2, 1000, lambda s: len(s.text))
    assert [s.order for s in chosen] == sorted(s.order for s in chosen)
    assert len(chosen) == 2
    one = choose(best, 5, 10, lambda s: len(s.text))
    assert [s.text[:3] for s in one] == ["第一に"]  # the best always, nothing past the budget
