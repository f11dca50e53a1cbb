"""Composing the draft: budgets, merging to --max-sections, parts, notes and expansions."""

from __future__ import annotations

from briefing.draft.compose import Settings, compose
from briefing.draft.furniture import strip_furniture
from briefing.draft.language import Japanese
from briefing.draft.read_text import read_text

from .conftest import seed_article


def _seed(max_sections: int, tight: dict[int, int] | None = None):  # type: ignore[no-untyped-def]
    ja = Japanese()
    article, left_out = strip_furniture(
        read_text(seed_article().read_text(encoding="utf-8"), "nato-japan.ja.txt"), ja)
    return compose(article, left_out, ja, Settings("ja", max_sections, tight or {}))


def test_merging_stays_within_parts() -> None:
    wide = _seed(40)
    assert len(wide.sections) == 17  # 17 article sections, the pair as one, and the timeline
    narrow = _seed(10)
    assert len(narrow.sections) == 10
    parts = [s.part for s in narrow.sections if s.part]
    assert parts == [s.part for s in wide.sections if s.part]
    merged = [s for s in narrow.sections if "・" in s.title or s.title.endswith("ほか")]
    assert merged and all(s.review for s in merged)


def test_tightening_gives_a_section_fewer_points() -> None:
    loose = _seed(40)
    index = next(i for i, s in enumerate(loose.sections) if s.title == "NATOの東京事務局設置計画")
    tight = _seed(40, {index: 3})
    assert len(loose.sections[index].points) == 4
    assert len(tight.sections[index].points) == 2


def test_lead_notes_expansions_and_summary() -> None:
    draft = _seed(16)
    first = draft.sections[0]
    assert first.notes.startswith("近年、世界の安全保障環境は著しく変化しており")
    points = [p.text for s in draft.sections for p in s.points]
    # The acronym is spelled out on a slide once; later points keep the acronym alone.
    shown = "\n".join([*draft.summary, *points])
    assert shown.count("NATO(北大西洋条約機構)") == 1
    assert len(draft.summary) == 4


def test_an_article_without_headings_gets_sections() -> None:
    from briefing.draft.article import Article, Block
    from briefing.draft.language import English

    paragraphs = tuple(Block("paragraph", text) for text in (
        "The lead says what happened.", "Costs rose by 40 per cent in a year.",
        "Voters, in a poll, wanted a change.", "A plan comes next month."))
    draft = compose(Article("Title", paragraphs, "a.txt"), [], English(),
                    Settings("en", 16))
    assert [s.title for s in draft.sections] == ["Costs rose by 40 per cent in a year"]
    assert draft.summary[0] == "The lead says what happened"
    alone = compose(Article("Title", paragraphs[:1], "a.txt"), [], English(), Settings("en", 16))
    assert [s.title for s in alone.sections] == ["Title"]
