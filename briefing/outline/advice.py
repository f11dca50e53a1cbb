"""Advice for the YAML mistakes people make most when they write outlines by hand.

The parser's own words ("mapping values are not allowed here") name a grammar rule; these
name the mistake and the fix: quote a value that contains ``: `` or starts with a quote, indent
with spaces, line up keys and list items. Each keeps the parser's line and column.
"""

from __future__ import annotations

import re

import yaml

_KEY = re.compile(r"^(\s*)(- +)?([^\s:#][^:#]*?):(\s+|$)")


def yaml_problem(text: str, error: yaml.MarkedYAMLError) -> tuple[str, int | None, int | None]:
    """Return (message, 1-based line, column) for a YAML parse error in ``text``."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    problem = error.problem or "invalid YAML"
    if error.context and problem.startswith("but "):
        problem = f"{error.context} {problem}"
    lines = text.split("\n")
    advice = _advise(lines, error, problem, line, column)
    if advice is not None:
        message, line, column = advice
        return f"invalid YAML: {message}", line, column
    return f"invalid YAML: {problem}", line, column


def _advise(lines: list[str], error: yaml.MarkedYAMLError, problem: str, line: int | None,
            column: int | None) -> tuple[str, int | None, int | None] | None:
    """Return advice (message, line, column) for a mistake we recognise, else None."""
    if line is None or column is None or line > len(lines):
        return None
    current = lines[line - 1]
    if "'\\t'" in problem or ("\t" in current[:column] and not current[:column - 1].strip()):
        return ("a tab is used to indent this line; YAML indents with spaces only: replace "
                "the tab with spaces", line, current.index("\t") + 1 if "\t" in current
                else column)
    if error.context == "while scanning a quoted scalar" and error.context_mark is not None:
        start = error.context_mark
        return ("a quote opened here is never closed; end the value with the same quote "
                "mark", start.line + 1, start.column + 1)
    if problem.startswith("mapping values are not allowed"):
        return _colon_or_indent(lines, line, column)
    if "expected <block end>" in problem or "expected <block mapping start>" in problem:
        quoted = _stray_quote(current)
        if quoted is not None:
            return quoted, line, column
        return _indentation(lines, line), line, _indent(current) + 1
    if "could not find expected ':'" in problem or "did not find expected key" in problem:
        return _indentation(lines, line), line, column
    return None


def _colon_or_indent(lines: list[str], line: int, column: int) -> tuple[str, int, int]:
    """Return advice for a ': ' where YAML allows no new key: quoting, or indentation."""
    current = lines[line - 1]
    match = _KEY.match(current)
    if match and match.end() < column:
        key, value = match.group(3), current[match.end():].rstrip()
        quote = "'" if '"' in value else '"'
        return (f"the value of '{key}' contains ': ', which YAML reads as a new key; put the "
                f"whole value in quotes: {key}: {quote}{value}{quote}", line, match.end() + 1)
    return _indentation(lines, line), line, _indent(current) + 1


def _stray_quote(current: str) -> str | None:
    """Return advice when the value on ``current`` starts with a quote and goes on after it."""
    match = _KEY.match(current)
    if not match:
        return None
    value = current[match.end():].rstrip()
    if not value or value[0] not in "\"'":
        return None
    key = match.group(3)
    if value[0] == "'":
        inner = value[1:-1] if value.endswith("'") else value[1:]
        return (f"the value of '{key}' starts with a quote that ends before the value does "
                f"(an apostrophe?); write it in double quotes: {key}: \"{inner}\", or double "
                "the apostrophe inside single quotes ('')")
    return (f"the value of '{key}' starts with a quote, so YAML ends it at the next quote; "
            f"put the whole value in single quotes: {key}: '{value}'")


def _indentation(lines: list[str], line: int) -> str:
    """Return indentation advice for ``line``, naming where the lines above start."""
    current = lines[line - 1]
    above = next(((number, text) for number in range(line - 1, 0, -1)
                  if (text := lines[number - 1]).strip() and not text.lstrip().startswith("#")),
                 None)
    start = _indent(current) + 1
    if above is None:
        return f"check the indentation: this line starts at column {start}"
    number, text = above
    key_column = _key_column(text)
    return (f"check the indentation: this line starts at column {start}, but the keys on "
            f"line {number} start at column {key_column}; keys of one mapping, and the '- ' "
            "of one list, must start in the same column (use spaces)")


def _indent(text: str) -> int:
    """Return the number of spaces (or tabs) before the first character of ``text``."""
    return len(text) - len(text.lstrip(" \t"))


def _key_column(text: str) -> int:
    """Return the 1-based column where the key on ``text`` starts (after any '- ')."""
    match = _KEY.match(text)
    if match:
        return match.start(3) + 1
    return _indent(text) + 1
