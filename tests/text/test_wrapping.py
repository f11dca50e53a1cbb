"""Wrapping: greedy, balanced and stub-free lines; breaks inside units only as a last resort."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.text.breaking import (
    NO_LINE_END,
    NO_LINE_START,
    Measure,
    break_units,
    breaks_kinsoku,
    phrase_units,
    typeset_units,
)
from briefing.text.fonts import Measurer
from briefing.text.wrapping import (
    Cut,
    balanced_wrap,
    edge_cut,
    wrap,
    wrap_graded,
    wrap_without_widow,
)

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


def count(text: str) -> float:
    """Measure text as one unit per character, so that lines can be worked out by hand."""
    return float(len(text))


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


def kinsoku_allows(before: str, after: str) -> bool:
    """Return whether a line may end between ``before`` and ``after`` (JIS X 4051)."""
    return not (after.lstrip()[:1] in NO_LINE_START or before.rstrip()[-1:] in NO_LINE_END)


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


def test_balanced_wrap_evens_out_a_phrase_wider_than_the_line() -> None:
    # One phrase of nine characters, eight to a line: greedily 8 + 1, a one-character last
    # line; the narrowest width that still takes two lines is 5 (5 + 4).
    units = ["東京事務所開設予定"]
    assert wrap(units, count, 8) == ["東京事務所開設予", "定"]
    assert balanced_wrap(units, count, 8) == ["東京事務所", "開設予定"]


def test_balanced_wrap_of_one_line_is_unchanged(measurer: Measurer) -> None:
    units = break_units("One line")
    assert balanced_wrap(units, measure_at(measurer), 500) == ["One line"]


# Properties over random mixed text.

PIECES = [*"日本語漢字安全保障あいうかなカタナのはを", "NATO", "Japan", "the", "security",
          "https://a.example/long", "2024", " ", " ", "  ", "\u3000",
          *"、。，．,.)）]」』】・：；？！?!ーっゃァ々(（[「『【“‘«»”’…—"]
texts = (st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map("".join)
         .filter(lambda text: text.strip() != "" and not text[0].isspace()))


@settings(max_examples=150, deadline=None)
@given(text=texts)
def test_phrase_units_keep_text_and_kinsoku(text: str) -> None:
    units = phrase_units(text, "ja")
    assert "".join(units) == text
    for before, after in itertools.pairwise(units):
        assert after[0] not in NO_LINE_START, units
        assert before.rstrip()[-1:] not in NO_LINE_END, units


# The last resort: a cut at the box edge, never one character per line.


def test_a_label_of_long_vowel_marks_is_cut_at_the_box_edge() -> None:
    # Ten marks, four to a line: no place between them may start a line, so the cut is at
    # the edge (it used to step back to one mark per line).
    assert wrap(["ー" * 10], count, 4) == ["ーーーー", "ーーーー", "ーー"]
    assert wrap_graded(["ー" * 10], count, 4).cut == Cut.EDGE


@pytest.mark.parametrize("char", sorted(NO_LINE_START))
def test_any_run_of_no_start_characters_fills_its_lines(char: str) -> None:
    text = char * 23
    lines = wrap([text], count, 5)
    assert [len(line) for line in lines] == [5, 5, 5, 5, 3], lines


@pytest.mark.parametrize("char", sorted(NO_LINE_END))
def test_any_run_of_no_end_characters_fills_its_lines(char: str) -> None:
    lines = wrap([char * 12], count, 5)
    assert [len(line) for line in lines] == [5, 5, 2], lines


@pytest.mark.parametrize(("text", "width", "head", "rest"), [
    # The edge falls before ー: one step back, and the line is still more than half full.
    ("日本語ですーー", 5, "日本語で", "すーー"),
    # The edge falls after 「: the bracket goes to the next line with what it opens.
    ("あいう「えお", 4, "あいう", "「えお"),
    # Stepping back would leave the line less than half full: cut at the edge.
    ("日ーーーーーーー", 5, "日ーーーー", "ーーー"),
    # The only place kinsoku allows leaves one character of five: cut at the edge instead.
    ("あいーーーーーーー", 5, "あいーーー", "ーーーー"),
    # A combining accent stays with its letter.
    ("e\u0301" * 6, 3, "e\u0301", "e\u0301" * 5),
])
def test_edge_cut_by_hand(text: str, width: float, head: str, rest: str) -> None:
    assert edge_cut(text, count, width) == (head, rest)


def test_a_character_wider_than_the_line_stands_alone_at_the_edge() -> None:
    assert edge_cut("日本", count, 0.5) == ("日", "本")


# Inside units: URL joints and the units of a phrase come before the edge.


def test_a_url_too_long_for_a_line_breaks_at_its_joints() -> None:
    wrapped = wrap_graded(["https://example.com/path-to/file"], count, 12)
    assert wrapped.lines == ("https://", "example.com/", "path-to/file")
    assert wrapped.cut == Cut.INSIDE


def test_a_phrase_too_long_for_a_line_breaks_at_its_units() -> None:
    wrapped = wrap_graded(["カーボンニュートラル宣言"], count, 10)
    assert wrapped.lines == ("カーボンニュートラル", "宣言")
    assert wrapped.cut == Cut.INSIDE


@pytest.mark.parametrize(("text", "width", "lines"), [
    # A key figure stays whole on a line of its own rather than lose its yen or digits.
    ("総額は1,234,567,890円です", 14, ["総額は", "1,234,567,890円", "です"]),
    ("円周率は3.14159です", 8, ["円周率は", "3.14159で", "す"]),
    ("価格は¥12,000", 8, ["価格は", "¥12,000"]),
    ("支持率45%", 4, ["支持率", "45%"]),
    ("2023年5月に", 6, ["2023年", "5月に"]),
    ("カーボンニュートラル宣言", 12, ["カーボンニュートラル宣言"]),
    ("脱炭素とカーボンニュートラル", 12, ["脱炭素と", "カーボンニュートラル"]),
])
def test_whole_numbers_and_katakana_words_by_hand(text: str, width: float,
                                                   lines: list[str]) -> None:
    wrapped = wrap_graded(typeset_units(text), count, width)
    assert list(wrapped.lines) == lines
    assert wrapped.cut == Cut.WHOLE


def test_a_word_that_fits_is_never_cut() -> None:
    # "obligations" is 11 characters: on a line of 11 it stays whole.
    assert wrap(typeset_units("obligations apply"), count, 11) == ["obligations", "apply"]
    assert wrap_graded(typeset_units("obligations apply"), count, 10).cut == Cut.EDGE


# Stub last lines.


def test_a_stub_last_line_is_pulled_up_by_hand() -> None:
    # Twelve characters on lines of ten leave two alone; at 9.7 (0.97 of the width) nine
    # fit a line and three go to the last.
    units = list("あいうえおかきくけこさし")
    assert wrap(units, count, 10) == ["あいうえおかきくけこ", "さし"]
    assert wrap_without_widow(units, count, 10) == ["あいうえおかきく" + "け", "こさし"]


# Properties over random mixed text.

PIECES = [*"日本語漢字安全保障あいうかなカタナのはを", "NATO", "Japan", "the", "security",
          "https://a.example/long-path/x", "2024", "1,234円", " ", " ", "  ", "\u3000",
          "ーーーーーー", *"、。，．,.)）]」』】・：；？！?!ーっゃァ々(（[「『【“‘«»”’…—"]
texts = (st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map("".join)
         .filter(lambda text: text.strip() != "" and not text[0].isspace()))


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, width=st.floats(min_value=5, max_value=300), balanced=st.booleans(),
       typeset=st.booleans())
def test_wrapping_keeps_text_fits_and_respects_kinsoku(
        measurer: Measurer, text: str, width: float, balanced: bool, typeset: bool) -> None:
    measure = measure_at(measurer)
    units = typeset_units(text) if typeset else break_units(text)
    lines = (balanced_wrap if balanced else wrap)(units, measure, width)
    # Nothing lost or reordered; only spaces at breaks are dropped.
    line_ends(text, lines)
    assert "".join(lines).replace(" ", "").replace("\u3000", "") == (
        text.replace(" ", "").replace("\u3000", ""))
    for line in lines:
        assert measure(line) <= width or len(line) == 1, (line, width)
    # Kinsoku holds everywhere but at a cut on the box edge, and only where no place kinsoku
    # allows leaves the line at least half full.
    ends = line_ends(text, lines)
    for index, (before, after) in enumerate(itertools.pairwise(lines)):
        if kinsoku_allows(before, after):
            continue
        gap = text[ends[index]:text.index(after, ends[index])]  # the spaces dropped
        assert measure(before + gap + after[0]) > width, (lines, before, after)
        rest = before + after
        assert not any(kinsoku_allows(before[:j], rest[j:]) and measure(before[:j]) >= width / 2
                       for j in range(1, len(before))), (lines, before, after)


@settings(max_examples=200, deadline=None)
@given(run=st.lists(st.sampled_from(sorted(NO_LINE_START)), min_size=1, max_size=60)
       .map("".join), width=st.integers(min_value=1, max_value=20))
def test_runs_of_no_start_characters_are_cut_at_the_edge(run: str, width: int) -> None:
    lines = wrap(["日" + run], count, width)
    assert all(len(line) == width for line in lines[:-1]), lines
    assert "".join(lines) == "日" + run
