"""Trying a draft: fit warnings found, and traced to the sections they name."""

from __future__ import annotations

from briefing.draft.check import fit_problems, sections_named
from briefing.draft.model import DraftEvent, DraftSection


def test_fit_problems_of_a_crowded_slide() -> None:
    crowded = "".join(f"      - {'長い文が続いている。' * 12}\n" for _ in range(10))
    text = f"title: 試験\nsections:\n  - title: 長い節\n    points:\n{crowded}"
    problems = fit_problems(text)
    assert problems and all("長い節" in p or "point" in p for p in problems)
    assert fit_problems("title: 試験\nsections:\n  - title: 短い節\n    points: [一つ]\n") == []


def test_sections_named_by_title_or_event_date() -> None:
    sections = [DraftSection("First", "bullets"), DraftSection("Second", "bullets"),
                DraftSection("History", "timeline", events=(DraftEvent("1949", "a", "b"),))]
    problems = ["'Second' continues on 2 slides", "timeline event '1949' text is too long"]
    assert sections_named(sections, problems) == [1, 2]
    assert sections_named(sections, ["something else"]) == []
