"""Advice for hand-written YAML mistakes: the mistake and its fix, at the parser's place."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.errors import OutlineError
from briefing.outline.validate import load_outline


def problem_lines(folder: Path, text: str) -> list[str]:
    """Return the problem lines reported for an outline holding ``text``, its path left out."""
    path = folder / "talk.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OutlineError) as caught:
        load_outline(path)
    return [line.replace(f"{path}:", "", 1)
            for line in caught.value.format_message().splitlines()]


def first_problem(folder: Path, text: str) -> str:
    """Return the first problem line reported for an outline holding ``text``."""
    return problem_lines(folder, text)[0]


@pytest.mark.parametrize(("text", "expected"), [
    ("title: Risk: high\nsections: []\n",
     "1:8: invalid YAML: the value of 'title' contains ': ', which YAML reads as a new key; "
     "put the whole value in quotes: title: \"Risk: high\""),
    ("title: T\nsections:\n  - title: 計画\n    notes: 注意: 予算は未定\n",
     "4:12: invalid YAML: the value of 'notes' contains ': ', which YAML reads as a new key; "
     "put the whole value in quotes: notes: \"注意: 予算は未定\""),
    ('title: T\nsections:\n  - title: A\n    notes: He said "no": twice\n',
     "4:12: invalid YAML: the value of 'notes' contains ': ', which YAML reads as a new key; "
     "put the whole value in quotes: notes: 'He said \"no\": twice'"),
])
def test_a_colon_inside_a_value_asks_for_quotes(tmp_path: Path, text: str,
                                                expected: str) -> None:
    assert first_problem(tmp_path, text) == expected


@pytest.mark.parametrize("item", ["High risk: the budget is short", "課題: 予算不足"])
def test_a_colon_inside_a_list_item_asks_for_quotes(tmp_path: Path, item: str) -> None:
    text = f"title: T\nsections:\n  - title: A\n    points:\n      - {item}\n"
    assert first_problem(tmp_path, text) == (
        f"5:9: sections[0].points[0]: this line reads as a key '{item.split(':')[0]}' because "
        f"of the ': ' in it; to write text that contains ': ', put it in quotes: \"{item}\"")


def test_a_colon_inside_a_takeaway_asks_for_quotes(tmp_path: Path) -> None:
    text = "title: T\nsummary:\n  - Bottom line: act now\nsections:\n  - title: A\n"
    assert first_problem(tmp_path, text).startswith(
        "3:5: summary[0]: this line reads as a key 'Bottom line'")


def test_a_misspelt_key_in_a_point_is_still_a_typo(tmp_path: Path) -> None:
    text = "title: T\nsections:\n  - title: A\n    points:\n      - txet: one\n"
    path = tmp_path / "talk.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OutlineError) as caught:
        load_outline(path)
    assert "did you mean 'text'?" in caught.value.format_message()
    assert "quotes" not in caught.value.format_message()


TAB = "a tab is used to indent this line; YAML indents with spaces only: replace "


@pytest.mark.parametrize(("text", "expected"), [
    # one tab for the first level of an outline indented by two spaces
    ("title: T\nsections:\n\t- title: A\n", "3:1: invalid YAML: " + TAB
     + "the tab with 2 spaces"),
    ("title: T\nsections:\n  - title: A\n    points:\n\t\t- one\n", "5:1: invalid YAML: "
     + TAB + "the 2 tabs with 4 spaces"),
    # an outline indented by four spaces: a tab is four
    ("title: T\nsections:\n    - title: A\n      points:\n\t\t- one\n", "5:1: invalid YAML: "
     + TAB + "the 2 tabs with 8 spaces"),
    # a tab beside spaces: the whole indentation is named, not what the tab becomes
    ("title: T\nsections:\n  - title: A\n    points:\n\t    - one\n", "5:1: invalid YAML: "
     + TAB.removesuffix("replace ") + "indent it with 6 spaces in all, no tab"),
    ("title: T\nsections:\n  - title: A\n    points:\n    \t- one\n", "5:5: invalid YAML: "
     + TAB.removesuffix("replace ") + "indent it with 6 spaces in all, no tab"),
    # a tab for an item below items indented by six spaces: it lines up with them
    ("title: T\nsections:\n  - title: A\n    points:\n      - one\n      - two\n\t- three\n",
     "7:1: invalid YAML: " + TAB + "the tab with 6 spaces"),
    # a tab where no indentation is meant: reading it as a level does not help
    ("title: T\n\tsubtitle: S\nsections: []\n", "2:1: invalid YAML: " + TAB
     + "the tab with spaces"),
])
def test_a_tab_used_for_indentation(tmp_path: Path, text: str, expected: str) -> None:
    assert first_problem(tmp_path, text) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ('"NATO" and Japan', "the value of 'title' starts with a quote, so YAML ends it at the "
                         "next quote; put the whole value in single quotes: "
                         "title: '\"NATO\" and Japan'"),
    ("'Japan's view'", "the value of 'title' starts with a quote that ends before the value "
                       "does (an apostrophe?); write it in double quotes: "
                       "title: \"Japan's view\", or double the apostrophe inside single "
                       "quotes ('')"),
    ("「日米」と“NATO”", None),
])
def test_a_value_that_starts_with_a_quote_and_goes_on(tmp_path: Path, value: str,
                                                       expected: str | None) -> None:
    text = f"title: T\nsections:\n  - title: {value}\n    points: [a]\n"
    path = tmp_path / "talk.yaml"
    path.write_text(text, encoding="utf-8")
    if expected is None:  # typographic quotes are text, not YAML quotes
        assert load_outline(path).outline.sections[0].title == value
        return
    assert first_problem(tmp_path, text) == f"3:19: invalid YAML: {expected}"


@pytest.mark.parametrize(("text", "expected"), [
    ("title: T\n  subtitle: S\nsections: []\n", "2:3: invalid YAML: check the indentation: "
     "this line starts at column 3, but the keys on line 1 start at column 1"),
    ("title: T\nsections:\n  - title: A\n      points: [a]\n", "4:7: invalid YAML: check the "
     "indentation: this line starts at column 7, but the keys on line 3 start at column 5"),
    ("title: T\nsections:\n  - title: A\n  points: [a]\n", "4:3: invalid YAML: check the "
     "indentation: this line starts at column 3, but the keys on line 3 start at column 5"),
])
def test_indentation_off_by_two(tmp_path: Path, text: str, expected: str) -> None:
    assert first_problem(tmp_path, text).startswith(expected)


def test_an_unclosed_quote_is_shown_where_it_opens(tmp_path: Path) -> None:
    text = 'title: T\nsections:\n  - title: A\n    points:\n      - "unclosed\n      - b\n'
    assert first_problem(tmp_path, text) == (
        "5:9: invalid YAML: a quote opened here is never closed; end the value with the same "
        "quote mark")


@pytest.mark.parametrize(("text", "expected"), [
    ('title: NATO and Japan\nsubtitle: "A briefing for the team\nauthor: Kenji Sato\n'
     'date: "2026-03-05"\nsections:\n  - title: A\n    points: [a]\n',
     '2:11: invalid YAML: the quote opened here is not closed on its line, so YAML reads on '
     'to the next " on line 4; close it on this line: subtitle: "A briefing for the team"'),
    # more quoted values below: the run-on value is the one that ends where YAML gave up
    ('title: Q\nsubtitle: "A briefing for the team\ndate: 2026-03-05\nsummary:\n'
     '  - "Revenue up 5%"\n  - "Costs flat"\nsections:\n  - title: "Numbers"\n'
     '    points:\n      - "Sales grew"\n',
     '2:11: invalid YAML: the quote opened here is not closed on its line, so YAML reads on '
     'to the next " on line 5; close it on this line: subtitle: "A briefing for the team"'),
    ("title: 日本とNATO\nsections:\n  - title: 背景\n    points:\n      - 'NATOは1949年に設立\n"
     "      - 日本は2014年に署名\n      - 'ITPP'を参照\n",
     "5:9: invalid YAML: the quote opened here is not closed on its line, so YAML reads on "
     "to the next ' on line 7; close it on this line: - 'NATOは1949年に設立'"),
])
def test_a_quote_left_open_on_its_line_is_shown_where_it_opens(tmp_path: Path, text: str,
                                                               expected: str) -> None:
    """The parser gives up where the run-on value meets the next quote mark, lines below;
    the mistake and its fix are on the line the quote opens."""
    assert first_problem(tmp_path, text) == expected


def test_a_quoted_value_written_over_lines_on_purpose_is_read(tmp_path: Path) -> None:
    path = tmp_path / "talk.yaml"
    path.write_text('title: "NATO and Japan,\n  over two lines"\nsections:\n  - title: A\n'
                    "    points: [a]\n", encoding="utf-8")
    assert load_outline(path).outline.title == "NATO and Japan, over two lines"


def test_a_mistake_after_a_quoted_value_over_lines_is_not_blamed_on_its_quote(
        tmp_path: Path) -> None:
    text = 'title: "NATO and\n  Japan" extra\nsections:\n  - title: A\n    points: [a]\n'
    assert "not closed on its line" not in first_problem(tmp_path, text)


@pytest.mark.parametrize(("items", "expected"), [
    ('      - "Quoted" and then more\n',
     "5:18: invalid YAML: this list item starts with a quote, so YAML ends it at the next "
     "quote; put the whole value in single quotes: - '\"Quoted\" and then more'"),
    ('      - one\n      - "Quoted" and then more\n',
     "6:18: invalid YAML: this list item starts with a quote, so YAML ends it at the next "
     "quote; put the whole value in single quotes: - '\"Quoted\" and then more'"),
    ('      - "Note that the budget: runs out"\n      - "Quoted" and then more\n',
     "6:18: invalid YAML: this list item starts with a quote, so YAML ends it at the next "
     "quote; put the whole value in single quotes: - '\"Quoted\" and then more'"),
    ("      - 'Japan's view'\n",
     "5:16: invalid YAML: this list item starts with a quote that ends before the value does "
     "(an apostrophe?); write it in double quotes: - \"Japan's view\", or double the "
     "apostrophe inside single quotes ('')"),
])
def test_a_list_item_that_starts_with_a_quote_and_goes_on(tmp_path: Path, items: str,
                                                          expected: str) -> None:
    text = "title: T\nsections:\n  - title: A\n    points:\n" + items
    assert first_problem(tmp_path, text) == expected


SECTION = "title: T\nsections:\n  - title: A\n    points:\n      - one\n      - two\n"


@pytest.mark.parametrize(("notes", "expected"), [
    ("   notes: N\n", "7:4: invalid YAML: check the indentation: this line starts at column 4, "
     "but the keys on line 4 start at column 5"),
    ("      notes: N\n", "7:7: invalid YAML: check the indentation: this line starts at "
     "column 7, but the keys on line 4 start at column 5"),
    ("  notes: N\n", "7:3: invalid YAML: check the indentation: this line starts at column 3, "
     "but the keys on line 4 start at column 5"),
])
def test_a_misaligned_key_is_shown_the_column_of_its_mapping(tmp_path: Path, notes: str,
                                                             expected: str) -> None:
    assert first_problem(tmp_path, SECTION + notes).startswith(expected)


def test_a_misaligned_key_after_a_list_at_the_keys_column(tmp_path: Path) -> None:
    # points' '- ' stand in the keys' column (5); the section's keys are on lines 3 and 4
    text = "title: T\nsections:\n  - title: A\n    points:\n    - one\n    - two\n  notes: N\n"
    assert first_problem(tmp_path, text).startswith(
        "7:3: invalid YAML: check the indentation: this line starts at column 3, but the keys "
        "on line 3 start at column 5")


def test_a_misaligned_list_item_is_shown_the_column_of_its_list(tmp_path: Path) -> None:
    text = "title: T\nsections:\n  - title: A\n    points:\n      - one\n     - two\n"
    assert first_problem(tmp_path, text).startswith(
        "6:6: invalid YAML: check the indentation: this line starts at column 6, but the '- ' "
        "items on line 5 start at column 7")


@pytest.mark.parametrize(("text", "expected"), [
    ("title:NATO\nsummary:\n  - a\nsections:\n  - title: A\n",
     "1:6: invalid YAML: a key needs a space after its colon: write title: NATO"),
    ("sections:\n  - title: A\ntitle:NATO\n",
     "3:6: invalid YAML: a key needs a space after its colon: write title: NATO"),
    ("title: T\nsections:\n  - title:A\n    points: [a]\n",
     "3:10: invalid YAML: a key needs a space after its colon: write title: A"),
    ("title：日本\nsummary: [要点]\nsections:\n  - title: 節\n",
     "1:6: invalid YAML: 'title' is followed by a full-width colon '：'; use an ASCII colon "
     "':' followed by a space: title: 日本"),
    ("title: T\nsections:\n  - title： 節\n    points: [a]\n",
     "3:10: invalid YAML: 'title' is followed by a full-width colon '：'; use an ASCII colon "
     "':' followed by a space: title: 節"),
    ("title: 日本\nsummary:\n\u3000- 要点\nsections:\n  - title: 節\n",
     "3:1: invalid YAML: this line is indented with a full-width space (U+3000); YAML indents "
     "with ASCII spaces only: replace it with ordinary spaces"),
    ("title: 日本\nsections:\n  - title: 節\n  \u3000points: [a]\n",
     "4:3: invalid YAML: this line is indented with a full-width space (U+3000); YAML indents "
     "with ASCII spaces only: replace it with ordinary spaces"),
    # the list below the key is read as the rest of its text, up to the next key
    ("title: NATO and Japan\nsummary：\n  - one\n  - two\nsections:\n  - title: A\n"
     "    points: [a]\n",
     "2:8: invalid YAML: 'summary' is followed by a full-width colon '：'; use an ASCII colon "
     "':' followed by a space: summary:"),
    ("title: T\nsummary\n  - one\n  - two\nsections:\n  - title: A\n    points: [a]\n",
     "2:8: invalid YAML: 'summary' needs a colon after it to hold the lines below it: "
     "summary:"),
    ("title: T\nsections:\n  - title: A\n    points\n      - one\n",
     "4:11: invalid YAML: 'points' needs a colon after it to hold the lines below it: "
     "points:"),
    ("title: T\nsummary\n- one\nsections:\n  - title: A\n    points: [a]\n",
     "2:8: invalid YAML: 'summary' needs a colon after it to hold the lines below it: "
     "summary:"),
])
def test_a_key_or_indentation_typed_with_the_wrong_characters(tmp_path: Path, text: str,
                                                              expected: str) -> None:
    assert first_problem(tmp_path, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a key and its value with no colon, above the keys it would hold: YAML blames their
    # indentation on the line below
    ("title: T\nsections:\n  - title Results\n    points:\n      - Revenue up\n",
     "3:10: invalid YAML: 'title' needs a colon after it: write - title: Results"),
    ("title: T\nsections:\n  - title: A\n    points:\n      - text 売上は12%増\n"
     "        points:\n          - アジア\n",
     "5:13: invalid YAML: 'text' needs a colon after it: write - text: 売上は12%増"),
    # at the top: the value runs on into the next key
    ("title Quarterly review\nlang: en\nsections:\n  - title: A\n    points: [a]\n",
     "1:6: invalid YAML: 'title' needs a colon after it: write title: Quarterly review"),
    # a section that is one line of text: YAML reads it, the format does not
    ("title: T\nsections:\n  - title: A\n    points: [a]\n  - title Outlook\n",
     "5:5: sections[1]: expected a mapping (key: value lines), found text 'title Outlook'; "
     "'title' needs a colon after it: write title: Outlook"),
])
def test_a_key_and_its_value_with_no_colon_between(tmp_path: Path, text: str,
                                                   expected: str) -> None:
    assert first_problem(tmp_path, text) == expected


def test_text_that_only_starts_with_a_key_name_is_left_alone(tmp_path: Path) -> None:
    text = ("title: T\nsections:\n  - title: A\n    points:\n      - Quarterly results\n"
            "        notes: up\n")
    assert "needs a colon" not in first_problem(tmp_path, text)


def test_a_key_without_its_colon_above_a_key_of_its_own_is_not_given_one(
        tmp_path: Path) -> None:
    text = "title: T\nsections:\n  - title: A\n    points: [a]\n    notes\n    image: x.png\n"
    assert "needs a colon" not in first_problem(tmp_path, text)


@pytest.mark.parametrize(("items", "expected"), [
    ("      ー 項目\n", "6:7: sections[0].points: expected a list (lines starting with -), "
     "found text starting with 'ー'; start each item with a hyphen-minus and a space: - 項目"),
    ("      －項目\n", "6:7: sections[0].points: expected a list (lines starting with -), "
     "found text starting with '－'; start each item with a hyphen-minus and a space: - 項目"),
    ("      -a\n      -b\n", "6:7: sections[0].points: expected a list (lines starting "
     "with -), found text; put a space after each '-': - a"),
    # two items YAML read as one text: the example shows the first item alone
    ("      ー 4月に発売\n      ー 初年度10万台\n", "6:7: sections[0].points: expected a list "
     "(lines starting with -), found text starting with 'ー'; start each item with a "
     "hyphen-minus and a space: - 4月に発売"),
])
def test_a_list_typed_without_its_dash_and_space(tmp_path: Path, items: str,
                                                 expected: str) -> None:
    text = "title: 日本\nsummary: [要点]\nsections:\n  - title: 節\n    points:\n" + items
    assert first_problem(tmp_path, text) == expected


@pytest.mark.parametrize(("items", "expected"), [
    # Read by YAML as a mapping whose key holds the mark: messages written out by hand.
    ("  － title: 節\n", "3:3: sections: expected a list (lines starting with -), found a key "
     "starting with '－'; start each item with a hyphen-minus and a space: - title: 節"),
    ("  -title: Results\n", "3:3: sections: expected a list (lines "
     "starting with -), found a key starting with '-'; put a space after each '-': - title: "
     "Results"),
    ("  ー title:\n", "3:3: sections: expected a list (lines starting with -), found a key "
     "starting with 'ー'; start each item with a hyphen-minus and a space: - title:"),
])
def test_a_section_typed_without_its_dash_and_space(tmp_path: Path, items: str,
                                                    expected: str) -> None:
    assert first_problem(tmp_path, "title: 日本\nsections:\n" + items) == expected


def _shifted(text: str) -> list[str]:
    """Return ``text`` with each of its lines in turn indented one or two columns more or
    less."""
    lines = text.split("\n")
    found = []
    for index, line in enumerate(lines):
        for shift in (-2, -1, 1, 2):
            moved = line[-shift:] if shift < 0 and line.startswith(" " * -shift) else (
                " " * shift + line if shift > 0 and line else None)
            if moved is not None:
                found.append("\n".join([*lines[:index], moved, *lines[index + 1:]]))
    return found


OUTLINE = ("title: T\nsummary:\n  - a\nsections:\n  - title: A\n    points:\n      - one\n"
           "      - text: two\n        points: [x]\n    notes: N\n  - title: B\n"
           "    events:\n      - date: '1949'\n        title: E\n")


@pytest.mark.parametrize("text", _shifted(OUTLINE))
def test_indentation_advice_never_contradicts_itself(tmp_path: Path, text: str) -> None:
    path = tmp_path / "talk.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_outline(path)
    except OutlineError as caught:
        message = caught.format_message()
    else:
        return
    found = re.search(r":(\d+):\d+: invalid YAML: check the indentation: this line starts at "
                      r"column (\d+), but .* on line (\d+) start at column (\d+)", message)
    assert "expected '<" not in message and "but found" not in message
    if found:
        line, start, other, column = map(int, found.groups())
        assert start != column
        assert other < line


def test_a_tie_between_two_columns_names_both(tmp_path: Path) -> None:
    text = SECTION + "  notes: N\n"
    assert first_problem(tmp_path, text) == (
        "7:3: invalid YAML: check the indentation: this line starts at column 3, but the keys "
        "on line 4 start at column 5, and those on line 2 at column 1; keys of one mapping, "
        "and the '- ' of one list, must start in the same column (use spaces)")


def test_an_indented_first_line(tmp_path: Path) -> None:
    text = "  title: T\nsections:\n  - title: A\n"
    assert first_problem(tmp_path, text) == (
        "1:1: invalid YAML: this line starts at column 3; the keys at the top level start at "
        "column 1: remove the spaces before it")


def test_a_quoted_colon_in_an_item_is_no_key(tmp_path: Path) -> None:
    text = SECTION.replace("- two", '- "Risk: high"') + "      notes: N\n"
    assert first_problem(tmp_path, text) == (
        "7:7: invalid YAML: check the indentation: this line starts at column 7, but the keys "
        "on line 4 start at column 5; keys of one mapping, and the '- ' of one list, must "
        "start in the same column (use spaces)")


def test_a_line_in_its_right_column_is_not_told_to_move(tmp_path: Path) -> None:
    text = "title: T\nsections:\n  - title: A\n    nots x\n    points: [a]\n"
    assert first_problem(tmp_path, text) == (
        "5:5: invalid YAML: YAML cannot read this line where it is; check it and line 4 above "
        "it for a missing ': ' after a key, a missing '- ' before a list item, or a value that "
        "needs quotes")
    # a key of the format with its value and no colon is named as such
    text = text.replace("nots x", "notes x")
    assert first_problem(tmp_path, text) == (
        "4:10: invalid YAML: 'notes' needs a colon after it: write notes: x")


def test_text_that_looks_like_a_key_higher_up_is_not_blamed(tmp_path: Path) -> None:
    text = ("title: T\nsections:\n  - title: A\n    notes: the ratio is\n      ratio:3 to 1\n"
            "    points: [a]\n  - title: B\n      points: [b]\n")
    assert first_problem(tmp_path, text).startswith(
        "8:7: invalid YAML: check the indentation: this line starts at column 7, but the keys "
        "on line 7 start at column 5")


@pytest.mark.parametrize(("text", "expected"), [
    ("title: T\nsections:\n  - title: A\n    notes: [x] y\n",
     "4:16: invalid YAML: the value of 'notes' starts with '[', which YAML reads as the start "
     "of a list that ends before the value does; put the whole value in quotes: "
     "notes: \"[x] y\""),
    ("title: T\nsummary:\n  - {x} y\nsections:\n  - title: A\n",
     "3:9: invalid YAML: this list item starts with '{', which YAML reads as the start of a "
     "mapping that ends before the value does; put the whole value in quotes: - \"{x} y\""),
    ("title: T\nsections:\n  - title: A\n    points: [a\n    notes: x\n",
     "4:13: invalid YAML: the '[' here opens a list written on one line, and it is not closed "
     "where YAML expects a ',' or ']': close it with ']' on the same line, or, if the "
     "brackets are text, put the whole value in quotes"),
    ("title: T\nsections:\n  - title: A\n    quote: {text: a\n",
     "4:12: invalid YAML: the '{' here opens a mapping written on one line, and it is not "
     "closed where YAML expects a ',' or '}': close it with '}' on the same line, or, if the "
     "brackets are text, put the whole value in quotes"),
])
def test_brackets_that_open_a_value(tmp_path: Path, text: str, expected: str) -> None:
    assert first_problem(tmp_path, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("title:NATO\n", "1:6: a key needs a space after its colon: write title: NATO"),
    ("title：日本\n", "1:6: 'title' is followed by a full-width colon '：'; use an ASCII colon "
     "':' followed by a space: title: 日本"),
])
def test_a_lone_mistyped_key_is_named(tmp_path: Path, text: str, expected: str) -> None:
    assert first_problem(tmp_path, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("title: T\nsections:\n  - title: A\n    points:\n      - a\n      -b\n",
     "6:7: invalid YAML: a list item needs a space after its '-': write - b"),
    ("title: T\nsections:\n  - title: A\n    points:\n      - a\n      ー b\n    notes: x\n",
     "6:7: invalid YAML: this line starts with 'ー', not a hyphen-minus; start a list item "
     "with '-' and a space: - b"),
    ("title: T\nsummary:\n  - a\n  －b\nsections:\n  - title: A\n",
     "4:3: invalid YAML: this line starts with '－', not a hyphen-minus; start a list item "
     "with '-' and a space: - b"),
])
def test_a_list_item_typed_without_its_dash_and_space(tmp_path: Path, text: str,
                                                      expected: str) -> None:
    assert first_problem(tmp_path, text) == expected


STAR = ("a value that starts with '*' is read by YAML as an alias (*name), which outlines do "
        "not use; if it is text, such as **bold** markup, put the whole value in quotes: ")


@pytest.mark.parametrize(("text", "expected"), [
    ("title: T\nsections:\n  - title: A\n    points:\n      - **重要** 東京事務所\n",
     f"5:9: invalid YAML: {STAR}\"**重要** 東京事務所\""),
    ("title: T\nsections:\n  - title: A\n    points: [one, *two* three]\n",
     f"4:19: invalid YAML: {STAR}\"*two* three\""),
    ("title: *word\nsections:\n  - title: A\n    points: [one]\n",
     f"1:8: invalid YAML: {STAR}\"*word\""),
    ('title: T\nsections:\n  - title: A\n    points:\n      - *say "no"* twice\n',
     f"5:9: invalid YAML: {STAR}'*say \"no\"* twice'"),
    ("title: & co\nsections:\n  - title: A\n    points: [one]\n",
     "1:8: invalid YAML: a value that starts with '&' is read by YAML as an anchor (&name), "
     "which outlines do not use; if it is text put the whole value in quotes: \"& co\""),
])
def test_a_value_that_starts_with_markup_asks_for_quotes(tmp_path: Path, text: str,
                                                         expected: str) -> None:
    assert first_problem(tmp_path, text) == expected


@pytest.mark.parametrize(("line", "expected"), [
    ("      - {text: Training for 1,200 users before go-live, keep: true}\n",
     "6:31: sections[0].points[0]: unknown key '200 users before go-live': inside { } a comma "
     "ends a value, so 'text' ends before it; put the whole value in quotes: "
     "text: \"Training for 1,200 users before go-live\""),
    ("      - {text: 予算は1,200万円, keep: true}\n",
     "6:21: sections[0].points[0]: unknown key '200万円': inside { } a comma ends a value, so "
     "'text' ends before it; put the whole value in quotes: text: \"予算は1,200万円\""),
    # a key that is not the rest of a value keeps the ordinary message
    ("      - {text: A point, kep: true}\n",
     "6:25: sections[0].points[0]: unknown key 'kep'; did you mean 'keep'?"),
])
def test_a_comma_inside_braces_that_cut_a_value(tmp_path: Path, line: str,
                                                expected: str) -> None:
    text = "title: T\nlang: en\nsections:\n  - title: A\n    points:\n" + line
    assert first_problem(tmp_path, text) == expected


def test_a_value_cut_by_two_commas_is_one_problem_quoted_whole(tmp_path: Path) -> None:
    # "(police, fire, 911)" reads as label "Public safety (police" and two keys with no
    # value: one problem, at the first of them, with the whole value to quote
    text = ("title: T\nlang: en\nsections:\n  - title: A\n    figures:\n"
            "      - {value: 4, label: Public safety (police, fire, 911)}\n")
    assert problem_lines(tmp_path, text) == [
        "6:50: sections[0].figures[0]: unknown key 'fire': inside { } a comma ends a value, so "
        "'label' ends before it; put the whole value in quotes: "
        "label: \"Public safety (police, fire, 911)\""]


@pytest.mark.parametrize(("value", "advice"), [
    ('"img\\chart.png"', "write the path with '/': img/chart.png, or put it in single "
                           "quotes: 'img\\chart.png'"),
    ('"C:\\Users\\me\\new.png"', "write the path with '/': C:/Users/me/new.png, or put it "
                                  "in single quotes: 'C:\\Users\\me\\new.png'"),
    ('"Tab\\q here"', "write \\\\ for a backslash, or put the text in single quotes: "
                      "'Tab\\q here'"),
])
def test_a_backslash_in_double_quotes_is_explained(tmp_path: Path, value: str,
                                                   advice: str) -> None:
    text = f"title: T\nsections:\n  - title: A\n    image: {value}\n    points: [a]\n"
    assert first_problem(tmp_path, text) == (
        "4:12: invalid YAML: inside double quotes a backslash starts an escape (\\n, \\t, "
        f"\\u...), so '{value[1:-1]}' cannot be read; {advice}")
