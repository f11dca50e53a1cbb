"""The inline markup subset: bold, italic, links, escapes and line breaks as styled spans."""

from __future__ import annotations

import pytest

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
