"""Sections of the talk, the budget arithmetic and the suggestions, on slides made by hand."""

from __future__ import annotations

import pytest

from briefing.check.budget import clock, over_by, sections, suggestions
from briefing.check.slides import SlideCheck
from briefing.check.speech import SpeakingRates, Talk, TextCount

NONE = TextCount()


def slide(number: int, kind: str, seconds: float, section: str | None = None,
          planned: int = 0, continued: bool = False, text: TextCount = NONE,
          dense: tuple[str, ...] = (), follows: bool = False) -> SlideCheck:
    """Return a checked slide with only what the budget reads."""
    return SlideCheck(number=number, planned=planned, title=section or kind, kind=kind,
                      section=section, text=text, bullets=0, lines=0, smallest_pt=None,
                      shrunk=(), continued=continued, talk=Talk(seconds, "notes"),
                      alt_text_missing=(), contrast_problems=(), density_problems=dense,
                      follows=follows)


# opening 60 s; part divider 5 s + A over two slides 200 s; B 50 s; C 40 s; closing 10 s
DECK = [slide(1, "cover", 20), slide(2, "bottom_line", 25), slide(3, "agenda", 15),
        slide(4, "divider", 5, planned=3),
        slide(5, "bullets", 120, "A", planned=4, continued=True, text=TextCount(0, 400)),
        slide(6, "bullets", 75, "A", planned=4, continued=True, text=TextCount(0, 200)),
        slide(7, "quote", 50, "B", planned=5), slide(8, "figures", 40, "C", planned=6),
        slide(9, "sources", 4), slide(10, "closing", 6)]


def test_sections_group_the_opening_each_section_with_its_divider_and_the_closing() -> None:
    parts = sections(DECK, "en")
    assert [(p.title, p.slides, p.seconds, p.content) for p in parts] == [
        ("Opening", (1, 2, 3), 60, False), ("A", (4, 5, 6), 200, True),
        ("B", (7,), 50, True), ("C", (8,), 40, True), ("Closing", (9, 10), 10, False)]
    assert [p.title for p in sections(DECK, "ja")][::4] == ["導入", "結び"]


def test_two_sections_of_the_same_title_stay_apart() -> None:
    twins = [slide(1, "bullets", 10, "Same", planned=0), slide(2, "bullets", 10, "Same",
                                                                planned=1)]
    assert [p.slides for p in sections(twins, "en")] == [(1,), (2,)]


def test_a_section_of_several_kinds_is_one_section() -> None:
    # Points, a quote and figures of one section are three planned slides, one section.
    mixed = [slide(1, "bullets", 30, "Risks", planned=0),
             slide(2, "quote", 10, "Risks", planned=1, follows=True),
             slide(3, "figures", 20, "Risks", planned=2, follows=True),
             slide(4, "bullets", 5, "Next", planned=3)]
    assert [(p.title, p.slides, p.seconds) for p in sections(mixed, "en")] == [
        ("Risks", (1, 2, 3), 60), ("Next", (4,), 5)]


@pytest.mark.parametrize(("talk", "budget", "over"), [
    (360.0, 300.0, 60.0), (360.0, 360.0, 0.0), (360.0, 600.0, 0.0), (360.0, None, None)])
def test_over_by_is_the_overrun_or_zero(talk: float, budget: float | None,
                                        over: float | None) -> None:
    assert over_by(talk, budget) == over


def test_over_budget_the_largest_gain_comes_first() -> None:
    # 360 s against 300: 60 over. The opening, closing and divider keep 75 s; 225 s are
    # left for the 4 content slides (5-8), 56.25 s each. A (2 content slides) may take
    # 112.5 s: it takes 200, 87.5 more (enough). B takes 50, C 40: within their share.
    # Cutting A, the only section of 60 s or more, saves 200.
    advice = suggestions(sections(DECK, "en"), DECK, 300.0, SpeakingRates())
    assert [(s.action, s.section, s.slides, s.gain_seconds) for s in advice] == [
        ("cut", "A", (4, 5, 6), 200.0), ("shorten", "A", (4, 5, 6), 87.5)]
    # A is written in characters: 87.5 s at 300 a minute are 437.5 of them
    assert "saying about 438 characters less saves 1:28" in advice[1].message
    # each is advice of its own: the first printed never reads as the second half of one
    assert advice[0].message == "cut 'A' (slides 4-6): saves 3:20, enough on its own"


def test_shortening_goes_on_until_the_overrun_is_saved() -> None:
    # 360 s against 150: 210 over; (150 - 75) / 4 = 18.75 s a content slide. A saves
    # 200 - 37.5 = 162.5, B 50 - 18.75 = 31.25 (193.75 in all), C 40 - 18.75 = 21.25
    # (215, enough). No section alone saves 210: nothing to cut.
    advice = suggestions(sections(DECK, "en"), DECK, 150.0, SpeakingRates())
    assert [(s.action, s.section, s.gain_seconds) for s in advice] == [
        ("shorten", "A", 162.5), ("shorten", "B", 31.25), ("shorten", "C", 21.25)]


def test_shortening_stops_once_the_overrun_is_saved() -> None:
    # 360 s against 230: 130 over; 155 / 4 = 38.75 s a slide: A saves 122.5 (not yet),
    # B 11.25 (133.75, enough); C (1.25 over its share) is not needed.
    advice = suggestions(sections(DECK, "en"), DECK, 230.0, SpeakingRates())
    assert [s.section for s in advice if s.action == "shorten"] == ["A", "B"]


def test_within_budget_only_dense_slides_get_suggestions() -> None:
    deck = [*DECK[:7], slide(8, "figures", 40, "C", planned=6, text=TextCount(100, 0),
                              dense=("dense",))]
    advice = suggestions(sections(deck, "en"), deck, 600.0, SpeakingRates())
    assert [(s.action, s.slides) for s in advice] == [("move_to_notes", (8,))]
    assert "its text takes 25 s to read, 5 s too long" in advice[0].message  # 100 / 238 min


def test_clock() -> None:
    assert [clock(s) for s in (0, 59.4, 59.6, 557.3, 3600)] == [
        "0:00", "0:59", "1:00", "9:17", "60:00"]
