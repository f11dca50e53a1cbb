"""Advice for the YAML mistakes people make most when they write outlines by hand.

The parser's own words ("mapping values are not allowed here") name a grammar rule; these
name the mistake and the fix: quote a value that contains ``: `` or starts with a quote, indent
with ASCII spaces, write a key as ``key: value`` with an ASCII colon and a space, line up keys and
list items. Each names the line and column of the mistake, which may be above the line where the
parser gave up (a plain value runs on over the lines below it).
"""

from __future__ import annotations

import functools
import re

import yaml

# A line holding a plain key: its indentation, any '- ' before the key, the key, ': ' or ':' at
# the end. A key starting with a quote or a bracket is a value that happens to contain ': '.
_KEY = re.compile(r"^(\s*)(- +)?(?!-\s)([^\s:#\"'\[{][^:#]*?):(\s+|$)")
_ITEM = re.compile(r"^(\s*)((?:- +)+)")
# Lines YAML reads as text where a key or a list item was meant (U+3000 is an ideographic space,
# U+FF1A a full-width colon): each with what to write instead.
_WIDE_INDENT = re.compile(r"^[ ]*(\u3000)[ \u3000]*\S")
_WIDE_COLON = re.compile(r"^\s*(?:- +)*([A-Za-z_][\w-]*)[ \u3000]*(\uff1a)[ \u3000]*(.*)$")
_TIGHT_COLON = re.compile(r"^\s*(?:- +)*([A-Za-z_][\w-]*)(:)([^\s/:].*)$")
# A list item typed with a mark that is not a hyphen-minus (a katakana long vowel mark, a
# full-width hyphen-minus, a hyphen, a minus sign, dashes), or with no space after its '-'.
_WRONG_DASH = re.compile(r"^\s*([ー－‐−–—])[ \u3000]*(\S.*)$")
_TIGHT_DASH = re.compile(r"^\s*(-)([^\s\d.-].*)$")
_BARE_KEY = re.compile(r"^(\s*(?:- +)?)([A-Za-z_][\w-]*)\s*$")  # a key with no colon after it
# A value that reads as a file path: a drive letter, or a file name's extension at its end.
_PATH_LIKE = re.compile(r"^[A-Za-z]:\\|\\[^\\]*\.[A-Za-z0-9]{2,5}$")
# A key of the outline format followed by its value with no colon between: "- title Results".
_KEY_NO_COLON = re.compile(r"^(\s*(?:- +)?)([a-z_]+)([ \t\u3000]+)(\S.*?)\s*$")


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
        return _tab_indent(lines, line, column)
    if error.context == "while scanning a double-quoted scalar" and error.context_mark \
            is not None and ("escape" in problem):
        return _escaped(lines, error.context_mark.line + 1, error.context_mark.column + 1)
    if error.context == "while scanning a quoted scalar" and error.context_mark is not None:
        start = error.context_mark
        return ("a quote opened here is never closed; end the value with the same quote "
                "mark", start.line + 1, start.column + 1)
    run_on = _quote_run_on(lines, line)
    if run_on is not None:
        return run_on
    if error.context in ("while scanning an alias", "while scanning an anchor") \
            and error.context_mark is not None:
        start = error.context_mark
        return _starts_with_mark(lines, start.line + 1, start.column + 1)
    if problem.startswith("anchors and aliases") and not _anchored(lines, line, column):
        return _starts_with_mark(lines, line, column)  # no '&name' it could refer to: text
    if (error.context or "").startswith("while parsing a flow") and error.context_mark:
        return _unclosed_flow(lines, error.context_mark.line + 1, error.context_mark.column + 1)
    typo = mistyped_line(lines, line)
    if typo is None and error.context == "while scanning a simple key" \
            and error.context_mark is not None:  # a plain value run on over the lines below
        held = error.context_mark.line + 1
        typo = (mistyped_line(lines, held) or _bare_key(lines, held)
                or key_without_colon(lines[held - 1], held))
    if typo is not None:
        return typo
    keyless = _keyless_parent(lines, line)
    if keyless is not None:
        return keyless
    if "expected '<document start>'" in problem:
        first = next((number for number, text in enumerate(lines, 1)
                      if text.strip() and not text.lstrip().startswith("#")), line)
        if _indent(lines[first - 1]) > 0:
            return (f"this line starts at column {_indent(lines[first - 1]) + 1}; the keys at "
                    "the top level start at column 1: remove the spaces before it", first,
                    1)
    if problem.startswith("mapping values are not allowed"):
        above = _lines_above(lines, line)[:1]  # a plain value runs on into this line's key
        keyless = next((found for number, text in above if _indent(text) == _indent(current)
                        if (found := key_without_colon(text, number)) is not None), None)
        return keyless or _colon_or_indent(lines, line, column)
    if "expected <block end>" in problem or "expected <block mapping start>" in problem:
        quoted = _stray_quote(current)
        if quoted is not None:
            return quoted, line, column
        return _indentation(lines, line), line, _indent(current) + 1
    if "could not find expected ':'" in problem or "did not find expected key" in problem:
        return _indentation(lines, line), line, column
    return None


def _escaped(lines: list[str], line: int, column: int) -> tuple[str, int, int]:
    """Return advice for a backslash in double quotes that YAML read as an escape (YAML 1.2,
    §5.7: "\\c" is no escape, "\\U" wants eight hex digits): a Windows path, mostly."""
    text = lines[line - 1]
    end = text.find('"', column)
    value = text[column:end] if end > column else text[column:].rstrip()
    advice = ("inside double quotes a backslash starts an escape (\\n, \\t, \\u...), so "
              f"'{value}' cannot be read")
    if _PATH_LIKE.search(value):
        advice += (f"; write the path with '/': {value.replace(chr(92), '/')}, or put it in "
                   f"single quotes: '{value}'")
    else:
        advice += f"; write \\\\ for a backslash, or put the text in single quotes: '{value}'"
    return advice, line, column


def _tab_indent(lines: list[str], line: int, column: int) -> tuple[str, int, int]:
    """Return advice for a line indented with tabs: how many spaces to write instead, when
    reading each tab as one level of the outline's own indentation lets YAML read past it."""
    current = lines[line - 1]
    at = current.index("\t") + 1 if "\t" in current else column
    advice = "a tab is used to indent this line; YAML indents with spaces only: replace the tab"
    indent = current[:len(current) - len(current.lstrip(" \t"))]
    tabs = indent.count("\t")
    if not tabs:
        return f"{advice} with spaces", line, at
    for width in (_sibling_indent(lines, line), tabs * _indent_step(lines) + indent.count(" ")):
        fixed = [*lines[:line - 1], " " * (width or 0) + current.lstrip(" \t"), *lines[line:]]
        if width is not None and _reads_past(fixed, line):
            break
    else:
        return f"{advice} with spaces", line, at
    tab_words = "the tab" if tabs == 1 else f"the {tabs} tabs"
    space_words = "1 space" if width == 1 else f"{width} spaces"
    fix = (f"replace {tab_words} with {space_words}" if len(indent) == tabs
           else f"indent it with {space_words} in all, no tab")
    return f"a tab is used to indent this line; YAML indents with spaces only: {fix}", line, at


def _sibling_indent(lines: list[str], line: int) -> int | None:
    """Return the indentation of the list item just above a list item on ``line`` (the
    nearest line that is not blank or a comment, indented with spaces alone): the item the
    tab was meant to line up with. None when the line above is no such item."""
    if not lines[line - 1].lstrip(" \t").startswith("- "):
        return None
    for text in reversed(lines[:line - 1]):
        stripped = text.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("- ") and "\t" not in text[:len(text) - len(stripped)]:
            return len(text) - len(stripped)
        return None
    return None


def _indent_step(lines: list[str]) -> int:
    """Return the smallest indentation in spaces of a line indented with spaces alone (the
    outline's indentation step), or 2 when there is none."""
    widths = [len(text) - len(text.lstrip(" ")) for text in lines
              if text.strip() and not text.lstrip(" ").startswith(("\t", "#"))]
    return min((width for width in widths if width > 0), default=2)


def _reads_past(lines: list[str], line: int) -> bool:
    """Return whether YAML reads ``lines`` without an error on or before ``line`` (1-based)."""
    try:
        yaml.compose("\n".join(lines), Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return mark is not None and mark.line + 1 > line
    except yaml.YAMLError:
        return False
    return True


def _quote_run_on(lines: list[str], line: int) -> tuple[str, int, int] | None:
    """Return advice when ``line`` (1-based), where YAML gave up, is where a quoted value
    opened on an earlier line ends, having run over keys or list items: a quote not closed
    on its own line runs on to the next quote mark (often the opening quote of a later
    value). None otherwise.

    The advice is at the opening quote, with its line closed: ``subtitle: "A briefing``
    becomes ``subtitle: "A briefing"``.
    """
    ending = None  # the quoted value that runs over lines and ends on ``line``
    try:
        for token in yaml.scan("\n".join(lines), Loader=yaml.SafeLoader):
            if token.start_mark.line + 1 > line:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"') \
                    and token.end_mark.line + 1 == line and token.start_mark.line + 1 < line:
                ending = token
    except yaml.YAMLError:
        pass
    if ending is None:
        return None
    start, end = ending.start_mark, ending.end_mark
    swallowed = [*lines[start.line + 1:end.line], lines[end.line][:end.column - 1]]
    if not any(_KEY.match(text) or _ITEM.match(text) for text in swallowed):
        return None  # a value written over several lines on purpose: the mistake is elsewhere
    opened = lines[start.line].rstrip()
    quote = opened[start.column]
    return (f"the quote opened here is not closed on its line, so YAML reads on to the next "
            f"{quote} on line {line}; close it on this line: {opened.lstrip()}{quote}",
            start.line + 1, start.column + 1)


def _starts_with_mark(lines: list[str], line: int, column: int) -> tuple[str, int, int]:
    """Return advice for a value that starts with '*' or '&' (``line`` and ``column`` 1-based,
    at the mark): YAML reads it as an alias or an anchor, so text such as ``**bold** first``
    must be quoted."""
    text = lines[line - 1]
    mark = text[column - 1:column]
    column = _value_start(text, column)
    value = text[column - 1:].rstrip()
    if any(bracket in text[:column - 1] for bracket in "[{"):  # an item of a one-line list
        value = re.split(r"[,\]}]", value, maxsplit=1)[0].rstrip()
    what, example = (("an alias (*name)", ", such as **bold** markup,") if mark == "*"
                     else ("an anchor (&name)", ""))
    quote = "'" if '"' in value else '"'
    return (f"a value that starts with '{mark}' is read by YAML as {what}, which outlines do "
            f"not use; if it is text{example} put the whole value in quotes: "
            f"{quote}{value}{quote}", line, column)


def _anchored(lines: list[str], line: int, column: int) -> bool:
    """Return whether the alias at ``line`` and ``column`` (1-based) names an anchor the text
    defines (``&name``): then it is meant as an alias, not as text."""
    name = re.match(r"\*([\w-]+)", lines[line - 1][column - 1:])
    return name is not None and re.search(rf"&{re.escape(name.group(1))}\b",
                                          "\n".join(lines)) is not None


def _value_start(text: str, column: int) -> int:
    """Return the column (1-based) where the value holding ``column`` starts on ``text``:
    after the ',' or bracket before it in a one-line list, else after its key or its '- '."""
    before = text[:column - 1]
    separator = max(before.rfind(","), before.rfind("["), before.rfind("{"))
    if separator >= 0:
        start = separator + 1
    else:
        found = _KEY.match(text) or _ITEM.match(text)
        start = found.end() if found is not None and found.end() < column else column - 1
    while start < len(text) and text[start] == " ":
        start += 1
    return start + 1


def _unclosed_flow(lines: list[str], line: int, column: int) -> tuple[str, int, int]:
    """Return advice for a list ('[') or mapping ('{') written on one line that is not closed,
    at the bracket that opens it (``line`` and ``column`` 1-based)."""
    opened = lines[line - 1][column - 1:column] if line <= len(lines) else ""
    closer, shape = {"{": ("}", "mapping")}.get(opened, ("]", "list"))
    return (f"the '{opened}' here opens a {shape} written on one line, and it is not closed "
            f"where YAML expects a ',' or '{closer}': close it with '{closer}' on the same "
            "line, or, if the brackets are text, put the whole value in quotes", line, column)


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


def mistyped_line(lines: list[str], line: int) -> tuple[str, int, int] | None:
    """Return advice (message, line, column) for a key or indentation typed with the wrong
    characters on ``line`` or on the lines above it that YAML read as one plain value with it
    (up to the nearest line that starts a key or a list item); None when there is none.

    The characters: an ideographic space (U+3000) used to indent, a full-width colon (U+FF1A)
    after a key, a key with no space after its colon (``title:NATO``), a list item started
    with a long vowel mark or a dash (``ー 項目``) or with no space after its '-' (``-a``).
    """
    for number in range(min(line, len(lines)), 0, -1):
        text = lines[number - 1]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        advice = _mistyped(text)
        if advice is not None:
            return advice[0], number, advice[1]
        if number < line and (_KEY.match(text) or _ITEM.match(text)):
            return None
    return None


def _bare_key(lines: list[str], line: int) -> tuple[str, int, int] | None:
    """Return advice when ``line`` (1-based) is a key written without its colon, above what
    it would hold: lines indented under it, or a list at its own column (``summary`` above
    ``- one``), else None."""
    bare = _BARE_KEY.match(lines[line - 1]) if line <= len(lines) else None
    below = next((text for _, text in _lines_below(lines, line)), "")
    indent = _indent(lines[line - 1])
    held = _indent(below) > indent or (_indent(below) == indent and _ITEM.match(below))
    if bare is None or not held:  # the line below is a key of its own: not what it holds
        return None
    key = bare.group(2)
    return (f"'{key}' needs a colon after it to hold the lines below it: {key}:",
            line, bare.end(2) + 1)


def _keyless_parent(lines: list[str], line: int) -> tuple[str, int, int] | None:
    """Return advice when the line that holds ``line`` (the nearest above it indented less)
    is a key of the outline format and its value with the colon left out (``- title
    Results`` above ``points:``): YAML reads it as one piece of text, which cannot hold the
    keys below it, and blames their indentation. None otherwise."""
    indent = _indent(lines[line - 1])
    parent = next(((number, text) for number, text in _lines_above(lines, line)
                   if _indent(text) < indent or (_ITEM.match(text)
                                                 and _content_indent(text) < indent)), None)
    return None if parent is None else key_without_colon(parent[1], parent[0])


def key_without_colon(text: str, number: int) -> tuple[str, int, int] | None:
    """Return advice when ``text`` (line ``number``) is a key of the outline format and its
    value with the colon left out (``title Results``), else None."""
    match = _KEY_NO_COLON.match(text)
    if match is None or ":" in match.group(4) or match.group(2) not in outline_keys():
        return None
    key, value = match.group(2), match.group(4)
    return (f"'{key}' needs a colon after it: write {match.group(1).lstrip()}{key}: {value}",
            number, match.end(2) + 1)


def _content_indent(text: str) -> int:
    """Return the column (0-based) where the content of a list item line starts."""
    item = _ITEM.match(text)
    return item.end() if item else _indent(text)


@functools.cache
def outline_keys() -> frozenset[str]:
    """Return every key the outline format knows (the fields of its models)."""
    from pydantic import BaseModel

    from briefing.outline import model

    models = [value for value in vars(model).values()
              if isinstance(value, type) and issubclass(value, BaseModel)
              and value.__module__ == model.__name__]
    return frozenset(name for m in models for name in m.model_fields)


def _lines_below(lines: list[str], line: int) -> list[tuple[int, str]]:
    """Return the non-blank, non-comment lines below ``line``, nearest first."""
    return [(number, text) for number in range(line + 1, len(lines) + 1)
            if (text := lines[number - 1]).strip() and not text.lstrip().startswith("#")]


def _mistyped(text: str) -> tuple[str, int] | None:
    """Return (advice, 1-based column) when ``text`` is a key or an item mistyped, else None."""
    wide = _WIDE_INDENT.match(text)
    if wide:
        return ("this line is indented with a full-width space (U+3000); YAML indents with "
                "ASCII spaces only: replace it with ordinary spaces", wide.start(1) + 1)
    colon = _WIDE_COLON.match(text)
    if colon:
        key, value = colon.group(1), colon.group(3).rstrip()
        return (f"'{key}' is followed by a full-width colon '：'; use an ASCII colon ':' "
                f"followed by a space: {key}: {value}".rstrip(), colon.start(2) + 1)
    dash = _WRONG_DASH.match(text)
    if dash:
        return (f"this line starts with '{dash.group(1)}', not a hyphen-minus; start a list "
                f"item with '-' and a space: - {dash.group(2).rstrip()}", dash.start(1) + 1)
    tight_dash = _TIGHT_DASH.match(text)
    if tight_dash:
        return (f"a list item needs a space after its '-': write - {tight_dash.group(2).rstrip()}",
                tight_dash.start(1) + 1)
    tight = _TIGHT_COLON.match(text)
    if tight:
        key, value = tight.group(1), tight.group(3).rstrip()
        return (f"a key needs a space after its colon: write {key}: {value}",
                tight.start(2) + 1)
    return None


def _stray_quote(current: str) -> str | None:
    """Return advice when the value on ``current`` (a key's value or a list item) starts with a
    quote and goes on after it."""
    match = _KEY.match(current)
    item = _ITEM.match(current)
    if match:
        what, lead, value = f"the value of '{match.group(3)}'", f"{match.group(3)}: ", \
            current[match.end():].rstrip()
    elif item:
        what, lead, value = "this list item", "- ", current[item.end():].rstrip()
    else:
        return None
    if value[:1] in ("[", "{") and not value.endswith({"[": "]", "{": "}"}[value[0]]):
        shape = "a list" if value[0] == "[" else "a mapping"
        quote = "'" if '"' in value else '"'
        return (f"{what} starts with '{value[0]}', which YAML reads as the start of {shape} "
                f"that ends before the value does; put the whole value in quotes: "
                f"{lead}{quote}{value}{quote}")
    if not value or value[0] not in "\"'":
        return None
    if value[0] == "'":
        inner = value[1:-1] if value.endswith("'") else value[1:]
        return (f"{what} starts with a quote that ends before the value does "
                f"(an apostrophe?); write it in double quotes: {lead}\"{inner}\", or double "
                "the apostrophe inside single quotes ('')")
    return (f"{what} starts with a quote, so YAML ends it at the next quote; "
            f"put the whole value in single quotes: {lead}'{value}'")


def _indentation(lines: list[str], line: int) -> str:
    """Return indentation advice for ``line``: the column it starts at and the nearest column
    where it could belong, with the line that shows that column.

    A key belongs in the column of the keys of a mapping it is inside (the section's keys, not
    the '- ' of a list of points); a '- ' item in the column of the '- ' of a list it is inside.
    When the line starts in such a column already, the mistake is not its indentation, and
    the advice names the line above instead.
    """
    current = lines[line - 1]
    start = _indent(current) + 1
    item = bool(_ITEM.match(current))
    levels = _enclosing(lines, line)
    kinds = ["items", "keys"] if item else ["keys"]
    for kind in kinds:
        if any(found == kind and column == start for found, _, column in levels):
            break  # the line starts where it may: the mistake is elsewhere
        nearest = {column: (index, number) for index, (found, number, column)
                   in reversed(list(enumerate(levels))) if found == kind}
        options = sorted((abs(column - start), index, number, column)
                         for column, (index, number) in nearest.items())
        if options:
            distance, _, number, column = options[0]
            what = "the keys" if kind == "keys" else "the '- ' items"
            also = "".join(f", and those on line {other} at column {where}"
                           for gap, _, other, where in options[1:2] if gap == distance)
            return (f"check the indentation: this line starts at column {start}, but {what} "
                    f"on line {number} start at column {column}{also}; keys of one mapping, "
                    "and the '- ' of one list, must start in the same column (use spaces)")
    above = next((number for number, _ in _lines_above(lines, line)), None)
    if above is None:
        return f"check the indentation: this line starts at column {start}"
    return (f"YAML cannot read this line where it is; check it and line {above} above it for "
            "a missing ': ' after a key, a missing '- ' before a list item, or a value that "
            "needs quotes")


def _lines_above(lines: list[str], line: int) -> list[tuple[int, str]]:
    """Return the non-blank, non-comment lines above ``line``, nearest first."""
    return [(number, text) for number in range(line - 1, 0, -1)
            if (text := lines[number - 1]).strip() and not text.lstrip().startswith("#")]


def _enclosing(lines: list[str], line: int) -> list[tuple[str, int, int]]:
    """Return the levels open at ``line``, innermost first, as (kind, line number, 1-based
    column): "keys" for a mapping's keys, "items" for a list's '- '.

    Walking up, a line indented less than every line below it opens the level they are in.
    """
    levels: list[tuple[str, int, int]] = []
    limit: int | None = None
    for number, text in _lines_above(lines, line):
        indent = _indent(text)
        if limit is not None and indent >= limit:
            continue
        limit = indent
        key = _KEY.match(text)
        item = _ITEM.match(text)
        if item:
            levels.append(("items", number, indent + 1))
        if key:
            levels.append(("keys", number, key.start(3) + 1))
    return levels


def _indent(text: str) -> int:
    """Return the number of spaces (or tabs) before the first character of ``text``."""
    return len(text) - len(text.lstrip(" \t"))
