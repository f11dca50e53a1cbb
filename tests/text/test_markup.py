"""The inline markup subset: bold, italic, links, escapes and line breaks as styled spans."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.text import markup
from briefing.text.markdown import inline_spans
from briefing.text.markup import (
    Span,
    joined,
    lines_of,
    link_spans,
    parse_inline,
    plain_spans,
    plain_text,
    slice_spans,
    spans_of_lines,
    strip_spans,
    text_of,
)

BOLD, ITALIC = {"bold": True}, {"italic": True}


@pytest.mark.parametrize(("text", "spans"), [
    ("plain text", [Span("plain text")]),
    ("**bold** and *italic*", [Span("bold", **BOLD), Span(" and "), Span("italic", **ITALIC)]),
    ("__bold__ and _italic_", [Span("bold", **BOLD), Span(" and "), Span("italic", **ITALIC)]),
    ("***both***", [Span("both", bold=True, italic=True)]),
    ("**bold *and italic* in bold**", [Span("bold ", **BOLD), Span("and italic", bold=True,
                                                                 italic=True),
                                        Span(" in bold", **BOLD)]),
    ("see [the report](https://example.org/r?a=1&b=2) now",
     [Span("see "), Span("the report", href="https://example.org/r?a=1&b=2"), Span(" now")]),
    ("[**bold link**](https://x.example)", [Span("bold link", bold=True,
                                                 href="https://x.example")]),
    ("[mail us](mailto:desk@example.org)", [Span("mail us", href="mailto:desk@example.org")]),
])
def test_the_documented_subset(text: str, spans: list[Span]) -> None:
    assert parse_inline(text) == tuple(spans)


@pytest.mark.parametrize(("text", "spans"), [
    ("これは**重要**です", [Span("これは"), Span("重要", **BOLD), Span("です")]),
    ("**「重要」**です", [Span("「重要」", **BOLD), Span("です")]),
    ("NATOは*「グローバル・パートナー」*として", [Span("NATOは"),
                                               Span("「グローバル・パートナー」", **ITALIC),
                                               Span("として")]),
    ("（**注**）を参照", [Span("（"), Span("注", **BOLD), Span("）を参照")]),
    ("[外務省](https://www.mofa.go.jp/)の発表", [Span("外務省", href="https://www.mofa.go.jp/"),
                                                Span("の発表")]),
])
def test_emphasis_next_to_japanese_punctuation(text: str, spans: list[Span]) -> None:
    assert parse_inline(text) == tuple(spans)


@pytest.mark.parametrize("text", [
    "5 * 3 = 15", "2 * 3 * 4", "snake_case_name", "**not closed", "a** b**", "# not a heading",
    "1. not a list", "- not a bullet", "> not a quote", "<b>not html</b>", "&amp; stays",
    "`not code`", "C:\\Users\\me", "[no link](ftp://example.org)",
    "[no link](javascript:alert(1))", "[relative](page.html)", "https://bare.example/url",
    "",
])
def test_everything_else_is_text(text: str) -> None:
    assert plain_text(text) == text
    assert all(not (s.bold or s.italic or s.href) for s in parse_inline(text))


@pytest.mark.parametrize(("text", "shown"), [
    ("\\*not italic\\*", "*not italic*"),
    ("\\*\\*not bold\\*\\*", "**not bold**"),
    ("\\[not a link\\](https://x.example)", "[not a link](https://x.example)"),
    ("a backslash \\\\ itself", "a backslash \\ itself"),
    ("\\_kept\\_", "_kept_"),
])
def test_a_backslash_escapes(text: str, shown: str) -> None:
    assert parse_inline(text) == (Span(shown),)


def test_line_breaks_are_spans_of_their_own() -> None:
    spans = parse_inline("first **line\nsecond** line\n[link](https://x.example)")
    assert spans == (Span("first "), Span("line", **BOLD), Span("\n"), Span("second", **BOLD),
                     Span(" line"), Span("\n"), Span("link", href="https://x.example"))
    assert [s.is_break for s in spans] == [False, False, True, False, False, True, False]
    assert plain_text("first **line\nsecond** line") == "first line\nsecond line"
    assert lines_of(spans) == [(Span("first "), Span("line", **BOLD)),
                               (Span("second", **BOLD), Span(" line")),
                               (Span("link", href="https://x.example"),)]


@pytest.mark.parametrize(("text", "spans"), [
    # Worked out by hand from CommonMark 0.31, 6.7 (hard breaks) and 6.8 (soft breaks).
    ("one  \n two", [Span("one"), Span("\n"), Span("two")]),
    ("one \n\ttwo ", [Span("one"), Span("\n"), Span("two ")]),
    ("one\t\ntwo", [Span("one\t"), Span("\n"), Span("two")]),
    ("one\r\ntwo\rthree", [Span("one"), Span("\n"), Span("two"), Span("\n"), Span("three")]),
    ("a\n\n b\0", [Span("a"), Span("\n"), Span("\n"), Span("b\ufffd")]),
    (" lead\n", [Span(" lead"), Span("\n")]),
])
def test_line_breaks_without_markup(text: str, spans: list[Span]) -> None:
    assert parse_inline(text) == tuple(spans)


# Texts without a marker: spaces, tabs, line endings, NUL, letters, CJK and the punctuation
# markdown-it-py's text rule stops at.
UNMARKED = st.text(alphabet=" \t\n\r\0a。あ#<&`!.1>-", max_size=24)


@given(UNMARKED)
def test_unmarked_texts_are_cut_as_markdown_it_cuts_them(text: str) -> None:
    # Oracle: markdown-it-py itself, which the texts without a marker no longer go through.
    assert markup._parse.__wrapped__(text) == markup._merged(inline_spans(text))


def test_a_build_without_markup_does_not_import_markdown_it(tmp_path: Path) -> None:
    # Oracle: the modules the process imported, with and without one marked point.
    root = Path(__file__).resolve().parents[2]
    plain = tmp_path / "plain.yaml"
    plain.write_text("title: Plain talk\nsections:\n  - title: One\n    points:\n"
                     "      - A point\n    notes: |\n      Said first.\n      Said next.\n",
                     encoding="utf-8")
    marked = tmp_path / "marked.yaml"
    marked.write_text(plain.read_text(encoding="utf-8").replace("A point", "A **bold** point"),
                      encoding="utf-8")
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(root)}
    script = ("import atexit, sys; from briefing.program import run; sys.argv = ['briefing', "
              "'build', sys.argv[1], '--out-dir', sys.argv[2], '-q']\n"
              "atexit.register(lambda: print('markdown_it' in sys.modules))\nrun()")
    imported = [subprocess.run([sys.executable, "-c", script, str(outline), str(tmp_path)],
                               env=env, capture_output=True, text=True, check=True).stdout.strip()
                for outline in (plain, marked)]
    assert imported == ["False", "True"]


def test_spans_are_immutable_and_hashable() -> None:
    span = parse_inline("**x**")[0]
    with pytest.raises(AttributeError):
        span.text = "y"  # type: ignore[misc]
    assert {span: 1}[Span("x", bold=True)] == 1


# Working with spans: slicing at offsets of the text, lines, joining.

STYLED = (Span("ab"), Span("cd", bold=True), Span("\n"), Span("ef", href="https://e.example"))


def test_plain_spans_keep_line_breaks_as_spans() -> None:
    assert plain_spans("one\ntwo") == (Span("one"), Span("\n"), Span("two"))
    assert plain_spans("") == ()
    assert text_of(plain_spans("a\n\nb")) == "a\n\nb"


@pytest.mark.parametrize(("start", "end", "spans"), [
    (0, 7, list(STYLED)),
    (1, 3, [Span("b"), Span("c", bold=True)]),
    (3, 6, [Span("d", bold=True), Span("\n"), Span("e", href="https://e.example")]),
    (2, 2, []),
])
def test_slices_keep_the_style_of_each_piece(start: int, end: int, spans: list[Span]) -> None:
    assert slice_spans(STYLED, start, end) == tuple(spans)


def test_each_line_gets_its_spans() -> None:
    spans = parse_inline("one **two three** four *five*")
    lines = ["one two", "three four", "five"]
    assert spans_of_lines(spans, lines) == [
        (Span("one "), Span("two", bold=True)), (Span("three", bold=True), Span(" four")),
        (Span("five", italic=True),)]
    with pytest.raises(ValueError, match="not in the text"):
        spans_of_lines(spans, ["one", "six"])


def test_strip_and_join() -> None:
    assert strip_spans((Span(" "), Span(" a ", bold=True), Span("\n"))) == (
        Span("a", bold=True),)
    assert joined("1. ", parse_inline("**x**"), " (", (Span("y"),), ")") == (
        Span("1. "), Span("x", bold=True), Span(" (y)"))


def test_only_web_and_mail_addresses_are_links() -> None:
    assert link_spans("https://example.org/a") == (
        Span("https://example.org/a", href="https://example.org/a"),)
    assert link_spans("example.org/a") == (Span("example.org/a"),)
    assert link_spans("javascript:alert(1)") == (Span("javascript:alert(1)"),)
