"""Parts and sections from heading ranks."""

from __future__ import annotations

from briefing.draft.article import Article, Block
from briefing.draft.structure import body_of


def test_two_ranks_make_parts_and_sections() -> None:
    blocks = (Block("paragraph", "Lead."), Block("heading", "Part A", 2),
              Block("paragraph", "Intro to A."), Block("heading", "One", 3),
              Block("paragraph", "Text one."), Block("heading", "Detail", 4),
              Block("paragraph", "More one."), Block("heading", "Part B", 2),
              Block("heading", "Two", 3), Block("paragraph", "Text two."))
    body = body_of(Article("T", blocks, "a.md"))
    assert [b.text for b in body.lead] == ["Lead."]
    assert [(p.title, [s.title for s in p.passages]) for p in body.parts] == [
        ("Part A", ["Part A", "One"]), ("Part B", ["Two"])]
    assert [b.text for b in body.parts[0].passages[1].blocks] == ["Text one.", "Detail",
                                                                  "More one."]


def test_one_rank_makes_sections_without_parts() -> None:
    blocks = (Block("heading", "One", 2), Block("paragraph", "a."), Block("heading", "Two", 2),
              Block("paragraph", "b."))
    body = body_of(Article("T", blocks, "a.md"))
    assert [(p.title, [s.title for s in p.passages]) for p in body.parts] == [
        (None, ["One", "Two"])]
