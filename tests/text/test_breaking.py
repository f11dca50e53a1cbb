"""Line breaking: kinsoku, whole Latin words, forced cuts, balance and BudouX phrases."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from uniseg.linebreak import line_break_units

from briefing.text.breaking import (
    NO_LINE_END,
    NO_LINE_START,
    Measure,
    balanced_wrap,
    break_units,
    breaks_kinsoku,
    phrase_units,
    wrap,
)
from briefing.text.fonts import Measurer

SIZE = 10.0
JAPANESE = ("日本はNATO加盟国ではないが、安全保障面で多くの共通の利害を持つ。"
            "「集団防衛」の原則がNATOの核心（第5条）であり、ロシア・中国との外交的バランスも"
            "課題だ。東京事務所は「アジア初」の拠点となる――そう報じられた。")
ENGLISH = ("Japan is not a member of NATO, but the two share many common interests in "
           "security; ties began in the 1950s and deepened after 2004.")
URL = "https://example.com/" + "averyveryverylongpathsegmentwithoutanybreak" * 3


def measure_at(measurer: Measurer, size: float = SIZE) -> Measure:
    """Return a function measuring text at ``size`` points."""
    return lambda text: measurer.width(text, size)



def line_ends(text: str, lines: Sequence[str]) -> list[int]:
    """Return where each line ends in ``text``; fail unless the lines are ``text`` in order.

    Only whitespace may be dropped, and only between lines.
    """
    ends = []
    position = 0
    for line in lines:
        while (position < len(text) and text[position].isspace()
               and not text.startswith(line, position)):
            position += 1
        assert text.startswith(line, position), (text, lines, line)
        position += len(line)
        ends.append(position)
    assert text[position:].strip() == "", (text, lines)
    return ends


# Units.


def test_break_units_keep_kinsoku_characters_with_their_neighbours() -> None:
    units = break_units("利害を持つ。「集団防衛」の原則（第5条）")
    assert units == ["利", "害", "を", "持", "つ。", "「集", "団", "防", "衛」", "の", "原",
                     "則", "（第", "5", "条）"]
    assert "".join(units) == "利害を持つ。「集団防衛」の原則（第5条）"


def test_break_units_keep_latin_words_whole() -> None:
    assert break_units("Japan and NATO, together.") == ["Japan ", "and ", "NATO, ",
                                                        "together."]


def test_opening_quote_before_a_space_does_not_end_a_unit() -> None:
    assert break_units("日‘ 日") == ["日‘ 日"]
    assert break_units("see “ quoted") == ["see ", "“ quoted"]


# Kinsoku.


@pytest.mark.parametrize("width", [25, 31, 42, 55, 67, 80, 99, 120, 163, 200])
def test_no_line_starts_or_ends_with_forbidden_characters(
        measurer: Measurer, width: float) -> None:
    lines = wrap(break_units(JAPANESE), measure_at(measurer), width)
    assert len(lines) > 1
    assert breaks_kinsoku(lines) == []
    for line in lines[1:]:
        assert line[0] not in "、。，．」』）】ー・：？！っゃ々", lines
    for line in lines[:-1]:
        assert line[-1] not in "「『（【", lines
    line_ends(JAPANESE, lines)


def test_breaks_kinsoku_reports_offending_lines() -> None:
    assert breaks_kinsoku(["日本", "、です"]) == ["、です"]
    assert breaks_kinsoku(["日本「", "です」"]) == ["日本「"]
    assert breaks_kinsoku(["、first lines may start so", "last may end so「"]) == []


# Latin words, long words.


@pytest.mark.parametrize("width", [60, 80, 100, 150, 250])
def test_latin_words_are_never_split_when_they_fit(measurer: Measurer, width: float) -> None:
    measure = measure_at(measurer)
    assert all(measure(word) <= width for word in ENGLISH.split())
    lines = wrap(break_units(ENGLISH), measure, width)
    assert len(lines) > 1
    assert [word for line in lines for word in line.split()] == ENGLISH.split()
    assert all(measure(line) <= width for line in lines)
    assert all(line == line.strip() for line in lines)


def test_overlong_url_is_cut_between_characters_and_fits(measurer: Measurer) -> None:
    measure = measure_at(measurer)
    width = 90.0
    assert measure(URL.rsplit("/", 1)[1]) > width
    lines = wrap(break_units(URL), measure, width)
    assert "".join(lines) == URL
    assert len(lines) > 3
    assert all(measure(line) <= width for line in lines)
    # Lines are filled: the next character would not have fitted.
    rest = URL
    for line in lines[:-1]:
        rest = rest.removeprefix(line)
        if not line.endswith("/"):
            assert measure(line + rest[0]) > width


def test_forced_cut_respects_kinsoku_across_a_space(measurer: Measurer) -> None:
    measure = measure_at(measurer)
    text = "abcdefghij ーdef"
    for width in range(20, 70, 3):
        lines = wrap(break_units(text), measure, width)
        line_ends(text, lines)
        offending = breaks_kinsoku(lines)
        assert all(len(line) == 1 for line in lines if line in offending), (width, lines)


def test_forced_single_characters_are_the_only_kinsoku_exception(measurer: Measurer) -> None:
    lines = wrap(["ーーーーーー"], measure_at(measurer), 5)
    assert lines == ["ー"] * 6


def test_a_character_wider_than_the_line_stands_alone(measurer: Measurer) -> None:
    assert wrap(break_units("日本語"), measure_at(measurer), 3) == ["日", "本", "語"]


def test_empty_and_blank_text(measurer: Measurer) -> None:
    measure = measure_at(measurer)
    assert wrap([], measure, 100) == [""]
    assert wrap(break_units("short"), measure, 100) == ["short"]


# Balance.


@pytest.mark.parametrize("text", [JAPANESE[:JAPANESE.index("であり")], ENGLISH])
@pytest.mark.parametrize("width", [120, 250])
def test_balanced_wrap_keeps_the_line_count_and_narrows_the_widest_line(
        measurer: Measurer, text: str, width: float) -> None:
    measure = measure_at(measurer)
    units = break_units(text)
    greedy = wrap(units, measure, width)
    balanced = balanced_wrap(units, measure, width)
    assert len(greedy) > 1
    assert len(balanced) == len(greedy)
    assert max(map(measure, balanced)) < max(map(measure, greedy)) - 5
    assert breaks_kinsoku(balanced) == []
    line_ends(text, balanced)


def test_balanced_wrap_of_a_short_heading(measurer: Measurer) -> None:
    measure = measure_at(measurer)
    units = phrase_units("NATOと日本の強化される関係", "ja")
    assert wrap(units, measure, 125) == ["NATOと日本の強化される", "関係"]
    assert balanced_wrap(units, measure, 125) == ["NATOと日本の", "強化される関係"]


def test_balanced_wrap_of_one_line_is_unchanged(measurer: Measurer) -> None:
    units = break_units("One line")
    assert balanced_wrap(units, measure_at(measurer), 500) == ["One line"]


# Phrases.


@pytest.mark.parametrize(("heading", "phrases"), [
    ("NATOと日本の強化される関係", ["NATOと", "日本の", "強化される", "関係"]),
    ("安全保障の新たな地平を開く", ["安全保障の", "新たな", "地平を", "開く"]),
    ("「集団防衛」の原則がNATOの核心", ["「集団防衛」の", "原則が", "NATOの", "核心"]),
])
def test_budoux_phrases_for_japanese_headings(heading: str, phrases: list[str]) -> None:
    assert phrase_units(heading, "ja") == phrases


@pytest.mark.parametrize("heading", ["NATO：日本との協力", "Japan’s NATO Strategy と日本",
                                     "iPhone15の発売とNATO"])
def test_phrases_never_split_latin_words(heading: str) -> None:
    units = phrase_units(heading, "ja")
    assert "".join(units) == heading
    for before, after in itertools.pairwise(units):
        assert not (before[-1].isascii() and before[-1].isalnum()
                    and after[0].isascii() and after[0].isalnum()), units


def test_phrases_break_after_spaces_between_words() -> None:
    assert phrase_units("Japan’s NATO Strategy と日本", "ja")[:3] == [
        "Japan’s ", "NATO ", "Strategy "]


def test_english_phrases_are_words() -> None:
    assert phrase_units("Opening New Horizons", "en") == ["Opening ", "New ", "Horizons"]


# Properties over random mixed text.

PIECES = [*"日本語漢字安全保障あいうかなカタナのはを", "NATO", "Japan", "the", "security",
          "https://a.example/long", "2024", " ", " ", "  ", "\u3000",
          *"、。，．,.)）]」』】・：；？！?!ーっゃァ々(（[「『【“‘«»”’…—"]
texts = (st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map("".join)
         .filter(lambda text: text.strip() != "" and not text[0].isspace()))


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, width=st.floats(min_value=5, max_value=300), balanced=st.booleans())
def test_wrapping_keeps_text_fits_and_respects_kinsoku(
        measurer: Measurer, text: str, width: float, balanced: bool) -> None:
    measure = measure_at(measurer)
    units = break_units(text)
    assert "".join(units) == text
    lines = (balanced_wrap if balanced else wrap)(units, measure, width)
    # Nothing lost or reordered; only spaces at breaks are dropped.
    line_ends(text, lines)
    assert "".join(lines).replace(" ", "").replace("\u3000", "") == (
        text.replace(" ", "").replace("\u3000", ""))
    for line in lines:
        assert measure(line) <= width or len(line) == 1, (line, width)
    # Kinsoku holds everywhere except after a character forced onto a line of its own.
    for before, after in itertools.pairwise(lines):
        if after[:1] in NO_LINE_START or before[-1:] in NO_LINE_END:
            assert len(before) == 1, (lines, before, after)


@settings(max_examples=150, deadline=None)
@given(text=texts)
def test_phrase_units_keep_text_and_kinsoku(text: str) -> None:
    units = phrase_units(text, "ja")
    assert "".join(units) == text
    for before, after in itertools.pairwise(units):
        assert after[0] not in NO_LINE_START, units
        assert before.rstrip()[-1:] not in NO_LINE_END, units


# The fast path agrees with UAX #14 as uniseg implements it.

def _reference_units(text: str) -> list[str]:
    """Return uniseg's units of the whole text, with the same kinsoku joins."""
    units: list[str] = []
    for unit in line_break_units(text):
        if units and (unit[0] in NO_LINE_START or units[-1].rstrip()[-1:] in NO_LINE_END):
            units[-1] += unit
        else:
            units.append(unit)
    return units


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="日本語のかなカナー、。「」（）・NATO abc-1.9,!?'\"/()‘’“”: "
                        "２０２４年％ＮＡ%ゃっ＄￥€[]視S", max_size=40))
def test_break_units_agree_with_uniseg_on_mixed_text(text: str) -> None:
    assert break_units(text) == _reference_units(text)


def test_break_units_agree_with_uniseg_on_the_seed_outlines(root: Path) -> None:
    for name in ("nato-japan.yaml", "nato-japan.en.yaml"):
        for line in (root / "outlines" / name).read_text("utf-8").splitlines():
            assert break_units(line) == _reference_units(line), line
