"""Advice for hand-written YAML mistakes: the mistake and its fix, at the parser's place."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import OutlineError
from briefing.outline.validate import load_outline


def first_problem(folder: Path, text: str) -> str:
    """Return the first problem line reported for an outline holding ``text``."""
    path = folder / "talk.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OutlineError) as caught:
        load_outline(path)
    return caught.value.format_message().splitlines()[0].replace(f"{path}:", "", 1)


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


def test_a_tab_used_for_indentation(tmp_path: Path) -> None:
    text = "title: T\nsections:\n\t- title: A\n"
    assert first_problem(tmp_path, text) == (
        "3:1: invalid YAML: a tab is used to indent this line; YAML indents with spaces only: "
        "replace the tab with spaces")


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
