"""Speaking rates: words and Japanese characters counted as a reader would, timed at rates.

Expected values are counted and computed by hand from the texts here.
"""

from __future__ import annotations

import pytest

from briefing.check.speech import SpeakingRates, TextCount, count, talk, total_seconds
from tests.check.pages import frame, page

DEFAULT = SpeakingRates()


@pytest.mark.parametrize(("text", "words", "characters"), [
    # 日本は / の加盟国です: 3 + 6 kana and kanji; NATO one word; 。 is not said
    ("日本はNATOの加盟国です。", 1, 9),
    ("Don't split co-operation, U.S. policy: 1,000 troops.", 7, 0),
    ("1949年、ソ連の拡張に対抗", 1, 9),            # 1949 is a word; 、 is not counted
    ("「集団防衛」・々〆ー", 0, 7),                  # 集団防衛 々 〆 ー; brackets and ・ not
    ("ﾃｽﾄとＮＡＴＯ", 1, 4),                        # half-width kana and full-width Latin
    ("  — … !? ", 0, 0),
    ("", 0, 0),
])
def test_words_and_characters_are_counted_by_script(text: str, words: int,
                                                    characters: int) -> None:
    assert count(text) == TextCount(words, characters)


def test_default_rates_are_the_published_figures() -> None:
    assert SpeakingRates(300.0, 140.0) == DEFAULT


def test_time_is_characters_at_their_rate_plus_words_at_theirs() -> None:
    # 9 characters at 300 a minute: 1.8 s; 1 word at 140 a minute: 60/140 s
    assert DEFAULT.seconds(count("日本はNATOの加盟国です。")) == pytest.approx(1.8 + 60 / 140)
    # at 600 characters and 120 words a minute: 0.9 s + 0.5 s
    assert SpeakingRates(600, 120).seconds(TextCount(1, 9)) == pytest.approx(1.4)


@pytest.mark.parametrize(("characters", "words"), [(0, 140), (300, 0), (-1, 140)])
def test_rates_must_be_positive(characters: float, words: float) -> None:
    with pytest.raises(ValueError, match="positive"):
        SpeakingRates(characters, words)


def test_a_slide_with_notes_takes_the_time_of_its_notes() -> None:
    notes = "あ" * 150  # 150 characters at 300 a minute: 30 s
    (timed,) = talk([page("題", frame("本文です"), notes=notes)], DEFAULT)
    assert timed.source == "notes" and timed.seconds == pytest.approx(30.0)


def test_a_slide_without_notes_takes_the_time_of_what_it_shows() -> None:
    # title 'Hello world' and 'Seven more words are shown right here' (7): 9 words
    shown = page("Hello world", frame("Seven more words are shown right here"),
                 frame("Organisation · 2026-11-26", name="Footer"),
                 frame("12", name="Slide number"))
    (timed,) = talk([shown], DEFAULT)
    assert timed.source == "slide" and timed.seconds == pytest.approx(9 * 60 / 140)


def test_notes_continued_over_slides_are_said_once_and_shared_by_what_each_shows() -> None:
    notes = "い" * 600  # 120 s
    first = page("題", frame("あ" * 29), notes=notes)       # 30 characters shown
    second = page("題", frame("あ" * 9), notes=notes)       # 10 characters shown
    other = page("別", frame("あ"), notes="う" * 50)        # 10 s
    times = talk([first, second, other], DEFAULT)
    assert [t.seconds for t in times] == pytest.approx([90.0, 30.0, 10.0])
    assert total_seconds([first, second, other], DEFAULT) == pytest.approx(130.0)


def test_the_same_notes_on_slides_apart_are_said_twice() -> None:
    notes = "い" * 300  # 60 s
    pages = [page("a", notes=notes), page("b", notes="う" * 5), page("c", notes=notes)]
    assert [t.seconds for t in talk(pages, DEFAULT)] == pytest.approx([60.0, 1.0, 60.0])
