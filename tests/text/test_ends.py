"""Paragraph ends: the right margin that keeps a renderer from ending on a short line."""

from __future__ import annotations

import pytest

from briefing.text.ends import end_margin, frame_end_margin, is_short_end, renderer_lines
from briefing.text.fonts import Measurer

SIZE = 20.0  # every ideograph and kana of Noto Sans JP is one em: 20 pt
ENDS_SHORT = "日本は" * 7 + "安全" + "進む。"  # 26 characters
SHORT = "日本は" * 5 + "安"  # 16 characters
EXACT = "日本は" * 8  # 24 characters: two lines exactly full at 240 pt


def test_renderer_lines_by_hand(measurer: Measurer) -> None:
    # Twelve characters to a 240 pt line: 12, 12 and the last two.
    assert [len(line) for line in renderer_lines(measurer, ENDS_SHORT, SIZE, 240)] == [
        12, 12, 2]
    assert is_short_end(renderer_lines(measurer, ENDS_SHORT, SIZE, 240))


def test_the_margin_that_gives_the_last_line_company_by_hand(measurer: Measurer) -> None:
    # Steps of a quarter em (5 pt); the lines must hold from 0.1 em narrower to half an em
    # wider. At 15 pt off, 220 to 235 pt take eleven characters a line: 11, 11, 4. At 10 pt
    # off, 240 pt (half an em wider) takes twelve again and leaves two.
    assert end_margin(measurer, ENDS_SHORT, SIZE, 240) == 15.0
    lines = renderer_lines(measurer, ENDS_SHORT, SIZE, 240 - 15.0)
    assert [len(line) for line in lines] == [11, 11, 4]


def test_no_margin_when_the_end_has_company(measurer: Measurer) -> None:
    assert end_margin(measurer, "日本は" * 5 + "安全保", SIZE, 240) == 0.0
    assert end_margin(measurer, "日本", SIZE, 240) == 0.0


def test_none_when_every_narrower_width_adds_a_line(measurer: Measurer) -> None:
    # Two exactly full lines: a hair narrower leaves two characters on a third line, and no
    # narrowing keeps two lines.
    assert end_margin(measurer, EXACT, SIZE, 240) is None


def test_one_margin_for_a_frame_of_paragraphs(measurer: Measurer) -> None:
    assert frame_end_margin(measurer, [(ENDS_SHORT, SIZE, 240), (SHORT, SIZE, 240)]) == 15.0
    assert frame_end_margin(measurer, [(SHORT, SIZE, 240)]) == 0.0
    assert frame_end_margin(measurer, [(ENDS_SHORT, SIZE, 240), (EXACT, SIZE, 240)]) is None
    # A paragraph indented by a bullet wraps narrower: 26 characters on 12 a line at 264 pt
    # less a 24 pt indent, so it needs the same 15 pt as at 240.
    assert frame_end_margin(measurer, [(ENDS_SHORT, SIZE, 264 - 24)]) == 15.0


@pytest.mark.parametrize(("lines", "short"), [
    (["日本は", "む。"], True), (["日本は", "進む。"], False), (["む。"], False),
    (["Japan and", "it"], True), (["a", "b c"], False),
])
def test_short_ends_by_hand(lines: list[str], short: bool) -> None:
    assert is_short_end(lines) == short


@pytest.mark.parametrize(("lines", "cut"), [
    (["セキュリティコンサル", "ティング"], True), (["災害対応、", "コンサルティング"], False),
    (["ｺﾝｻﾙ", "ﾃｨﾝｸﾞ"], True), (["グローバル・", "パートナー"], False),
    (["サーバ ", "ーの"], True), (["日本", "コンサル"], False),
])
def test_katakana_cuts_by_hand(lines: list[str], cut: bool) -> None:
    from briefing.text.ends import cuts_katakana

    assert cuts_katakana(lines) == cut


def test_the_margin_that_keeps_a_katakana_word_whole_by_hand(measurer: Measurer) -> None:
    # Every character is one em (20 pt): twelve to a 240 pt line. Eleven ideographs and kana
    # then "コンサル" break as 12 / 3, the word cut after its first character. At 15 pt off,
    # 220 to 235 pt take eleven characters a line: the word starts the second line whole, and
    # 10 pt off is too little (half an em wider, 240 pt, takes twelve again).
    text = "日本は" * 3 + "日本" + "コンサル"
    assert renderer_lines(measurer, text, SIZE, 240) == ["日本は" * 3 + "日本コ", "ンサル"]
    margin = frame_end_margin(measurer, [(text, SIZE, 240)])
    assert margin == 15.0
    assert renderer_lines(measurer, text, SIZE, 240 - margin) == ["日本は" * 3 + "日本",
                                                                   "コンサル"]
    # A word no narrowing keeps whole within the limit leaves the margin to short ends alone.
    long_word = "日本は" * 3 + "セキュリティコンサル"
    assert frame_end_margin(measurer, [(long_word, SIZE, 240)]) == 0.0
