"""Break opportunities: kinsoku, whole words, numbers, katakana words and URLs, phrases."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from uniseg.linebreak import line_break_units

from briefing.text.breaking import (
    NO_LINE_END,
    NO_LINE_START,
    break_units,
    kept_spans,
    phrase_units,
    typeset_units,
    url_joints,
)

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


# Numbers, katakana words and URLs stay whole where the layout breaks text.


@pytest.mark.parametrize(("text", "units"), [
    # The examples: a key figure, a long decimal, currency, a percentage, a date.
    ("1,234,567,890円", ["1,234,567,890円"]),
    ("3.14159", ["3.14159"]),
    ("¥12,000", ["¥12,000"]),
    ("45%", ["45%"]),
    ("2023年5月", ["2023年", "5月"]),  # a date may break between its year and month only
    # The kind: every numeric form JLREQ keeps together.
    ("￥12,000", ["￥12,000"]),
    ("$3.5", ["$3.5"]),
    ("€1.2", ["€1.2"]),
    ("45％", ["45％"]),
    ("２０２４年", ["２０２４年"]),  # full-width digits (UAX #14 breaks between them)
    ("１，０００円", ["１，０００円"]),
    ("1億2000万円", ["1億2000万円"]),
    ("100ドル", ["100ドル"]),
    ("30か国", ["30か国"]),
    ("第5条", ["第5条"]),
    ("12:30", ["12:30"]),
    ("2023/5/1", ["2023/5/1"]),
    ("−3.5%", ["−3.5%"]),
    ("25℃", ["25℃"]),
    ("GDPは3.5%増", ["GDP", "は", "3.5%", "増"]),
])
def test_numbers_stay_whole(text: str, units: list[str]) -> None:
    assert typeset_units(text) == units


@pytest.mark.parametrize(("text", "units"), [
    ("カーボンニュートラル宣言", ["カーボンニュートラル", "宣", "言"]),
    ("ロシア・ウクライナ", ["ロシア・", "ウクライナ"]),  # ・ parts the words of a compound
    ("パートナーシップ協力", ["パートナーシップ", "協", "力"]),
    ("ｶﾀｶﾅの", ["ｶﾀｶﾅ", "の"]),  # half-width katakana
    ("ーーーーー", ["ーーーーー"]),
])
def test_katakana_words_stay_whole(text: str, units: list[str]) -> None:
    assert typeset_units(text) == units


@pytest.mark.parametrize(("text", "units"), [
    ("see https://example.com/a-b?x=1&y=2_z.", ["see ", "https://example.com/a-b?x=1&y=2_z."]),
    ("詳細はhttps://www.mofa.go.jp/na/index.htmlを参照",
     ["詳", "細", "は", "https://www.mofa.go.jp/na/index.html", "を", "参", "照"]),
    ("www.nato.int/cps/en", ["www.nato.int/cps/en"]),
])
def test_urls_stay_whole(text: str, units: list[str]) -> None:
    assert typeset_units(text) == units


def test_urls_break_only_after_their_joints() -> None:
    assert url_joints("https://www.example.com/path-to/file_name.html?a=1&b=2") == [
        "https://", "www.", "example.", "com/", "path-", "to/", "file_", "name.", "html?",
        "a=", "1&", "b=", "2"]
    assert url_joints("averyveryverylongword") == ["averyveryverylongword"]
    assert url_joints("see www.nato.int now") == ["see www.", "nato.", "int now"]


def test_sentence_punctuation_after_a_url_is_not_part_of_it() -> None:
    text = "Read https://example.com/a."
    assert (text[slice(*kept_spans(text)[0])]) == "https://example.com/a"


def test_latin_words_and_kinsoku_still_hold_in_typeset_units() -> None:
    assert typeset_units("Japan and NATO, together.") == ["Japan ", "and ", "NATO, ",
                                                          "together."]
    assert typeset_units("利害を持つ。「集団防衛」") == ["利", "害", "を", "持", "つ。",
                                                   "「集", "団", "防", "衛」"]


# Properties of typeset units, each against an oracle of its own: no boundary between two
# digits, inside a katakana run, or inside a URL; never a break UAX #14 forbids.

TYPESET_PIECES = ["日本", "の", "カーボン", "ニュートラル", "ー", "・", "1,234", "567", ".", "89",
                  "円", "%", "２０", "年", "NATO", " ", "、", "。", "「", "」",
                  "https://a.example/p-q?r=s", "¥", "$", "第", "条"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TYPESET_PIECES), min_size=1, max_size=25).map("".join))
def test_typeset_units_never_cut_what_stays_whole(text: str) -> None:
    units = typeset_units(text)
    assert "".join(units) == text
    bounds = set(itertools.accumulate(len(unit) for unit in units[:-1]))
    assert bounds <= set(itertools.accumulate(len(unit) for unit in break_units(text)[:-1]))
    for bound in bounds:
        before, after = text[bound - 1], text[bound]
        assert not (before.isdigit() and after.isdigit()), (text, units)
        assert not (KATAKANA.match(before) and KATAKANA.match(after)), (text, units)
        assert not (before.isdigit() and after in "円%年条"), (text, units)
    for match in re.finditer(r"https://[A-Za-z0-9./?=&_,%$-]*[A-Za-z0-9]", text):
        assert not any(match.start() < bound < match.end() for bound in bounds), (text, units)


KATAKANA = re.compile("[ァ-ヺー]")


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


@pytest.mark.parametrize(("text", "phrases"), [
    # BudouX alone ends a phrase inside the compound (カーボンニュートラル宣 / 言, 基本方 /
    # 針) and inside the number (205 / 0年): both stay whole.
    ("2050年カーボンニュートラル宣言", ["2050年カーボンニュートラル宣言"]),
    ("国家安全保障戦略の基本方針", ["国家安全保障戦略の", "基本方針"]),
])
def test_phrases_keep_compounds_and_numbers_whole(text: str, phrases: list[str]) -> None:
    assert phrase_units(text, "ja") == phrases


def test_english_phrases_keep_numbers_and_urls_whole() -> None:
    assert phrase_units("Costs rose 3.5% (see www.nato.int/cps)", "en") == [
        "Costs ", "rose ", "3.5% ", "(see ", "www.nato.int/cps)"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(TYPESET_PIECES), min_size=1, max_size=25).map("".join))
def test_phrase_units_keep_text_and_kinsoku(text: str) -> None:
    units = phrase_units(text, "ja")
    assert "".join(units) == text
    typeset = set(itertools.accumulate(len(unit) for unit in typeset_units(text)))
    assert set(itertools.accumulate(len(unit) for unit in units)) <= typeset
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
