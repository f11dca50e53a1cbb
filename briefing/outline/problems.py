"""Turn pydantic validation errors into located problems in the user's own terms.

Used for every file format read through the position-keeping loader (outlines and theme
files): one Problem per error at the file:line:col of the value (or the key, for an unknown
key), with a did-you-mean for misspelt keys and quoting advice where a ``: `` inside a value
turned it into a mapping.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from pydantic import BaseModel, ValidationError

from briefing.errors import Problem, Where
from briefing.outline.advice import key_without_colon
from briefing.outline.dates import full_date, impossible_day
from briefing.outline.load import Document, Path_
from briefing.outline.model import AT

_TYPE_NAMES = {"dict": "a mapping (key: value lines)", "list": "a list (lines starting with -)",
               "str": "text", "NoneType": "nothing"}
# Models a plain string may stand for (a point, an image, a source): a mapping with one
# unknown key there is most likely text with ": " in it.
SHORTHANDS = frozenset({"Point", "ImageRef", "Quote", "Source"})
QUOTE_ADVICE = "this line reads as a key"


def model_problems(document: Document, exc: ValidationError,
                   root: type[BaseModel]) -> list[Problem]:
    """Return one Problem per error of ``exc`` (validating ``document`` against ``root``),
    sorted by position in the file."""
    found: list[tuple[Path_, Problem]] = []
    seen = set()
    for error in exc.errors(include_url=False):
        loc = (*error["loc"], *error.get("ctx", {}).get(AT, ()))
        is_key = error["type"] == "extra_forbidden"
        line, column = document.positions.find(loc, prefer_key=is_key) or (None, None)
        message = _message(document, root, error, loc)
        problem = Problem(Where(document.path, line, column), message, dotted(loc, is_key))
        said = message if COMMA_CUT in message else str(problem)  # one comma run, one line
        if said not in seen:
            seen.add(said)
            found.append((loc, problem))
    # Where a ": " turned text into a mapping, the fields that mapping lacks are no news.
    advised = [loc[:-1] for loc, problem in found if problem.message.startswith(QUOTE_ADVICE)]
    # A key misspelt is the key missing: "did you mean 'title'?" says it, "'title' is
    # required" says it again.
    meant = {(*loc[:-1], match.group(1)) for loc, problem in found
             if (match := _MEANT.search(problem.message))}
    problems = [problem for loc, problem in found
                if not (problem.message.endswith("is required")
                        and (loc[:-1] in advised or tuple(loc) in meant))]
    return sorted(problems, key=lambda p: (p.where.line or 0, p.where.column or 0))


COMMA_CUT = "inside { } a comma ends a value"
_MEANT = re.compile(r"^unknown key '[^']*'; did you mean '([^']+)'\?")


def dotted(loc: Path_, is_key: bool = False) -> str:
    """Return a location as ``sections[2].points[0]``; an unknown key names its parent."""
    parts = loc[:-1] if is_key else loc
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def _message(document: Document, root: type[BaseModel], error: Any, loc: Path_) -> str:
    """Return what is wrong and what is expected, in the user's terms."""
    kind = error["type"]
    value = error.get("input")
    if kind == "extra_forbidden":
        advice = _colon_advice(document, root, loc[:-1]) or _comma_advice(document, loc)
        return advice or unknown_key(str(loc[-1]), allowed_keys(root, loc[:-1]))
    if kind == "string_type" and isinstance(value, dict) and isinstance(loc[-1], int):
        advice = _colon_advice(document, root, loc, force=True)
        if advice:
            return advice
    if kind == "missing":
        return f"'{loc[-1]}' is required"
    if kind == "list_type" and isinstance(value, str):
        return _not_a_list(value)
    if kind == "list_type" and isinstance(value, dict):
        advice = _dashed_mapping(value)
        if advice:
            return advice
    if value is None and isinstance(loc[-1], int) and kind.endswith("_type"):
        return ("this list item is empty (nothing, or '~', after its '-'): write what it "
                "says after the '- ', or remove the line")
    if kind in ("string_type", "list_type", "model_type", "dict_type", "model_attributes_type",
                "tuple_type"):
        expected = {"string_type": "text", "list_type": "a list (lines starting with -)",
                    "tuple_type": "a list (lines starting with -)"}.get(
            kind, "a mapping (key: value lines)")
        found = f"expected {expected}, found {_TYPE_NAMES.get(type(value).__name__, 'a value')}"
        return found + _keyless_text(value) if expected.startswith("a mapping") else found
    if kind == "literal_error":
        return f"'{value}' is not allowed; {error['msg'].replace('Input should be', 'use')}"
    if kind.startswith("date"):
        return _not_a_date(value)
    if kind.startswith("bool"):
        return f"'{value}' is not true or false"
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type", "finite_number"):
        return f"'{value}' is not a number"
    if kind == "greater_than":
        return f"'{value}' must be a number greater than {error.get('ctx', {}).get('gt', 0):g}"
    if kind == "string_too_long":
        limit = error.get("ctx", {}).get("max_length")
        return (f"is {len(value)} characters long; at most {limit} fit here: shorten it and "
                "put the detail in points or notes")
    if kind in ("too_short", "string_too_short"):
        return "must not be empty" if isinstance(value, str) else _too_few(error.get("ctx", {}))
    if kind == "too_long":
        return _too_many(loc, error.get("ctx", {}))
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return str(error["msg"])


def _keyless_text(value: object) -> str:
    """Return advice to add to "expected a mapping, found text" when the text is a key of
    the outline format and its value with the colon left out (``title Outlook``)."""
    advice = key_without_colon(value, 0) if isinstance(value, str) else None
    return "" if advice is None else f" '{value}'; {advice[0]}"


def _not_a_date(value: object) -> str:
    """Return what to write for a date YAML did not read as one: the same day as YYYY-MM-DD
    when ``value`` names one in another form (``2026-3-5``, ``2026年3月5日``)."""
    day = full_date(value) if isinstance(value, str) else None
    if day is not None:
        return f"'{value}' is not a date in the form YYYY-MM-DD; write {day.isoformat()}"
    why = impossible_day(value) if isinstance(value, str) else None
    if why is not None:
        return f"'{value}' {why}"
    return f"'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-26"


def _too_few(ctx: dict[str, Any]) -> str:
    """Return what to write when a list holds fewer items than it needs (pydantic's
    ``too_short`` context: ``min_length`` and ``actual_length``)."""
    least, found = ctx.get("min_length", 1), ctx.get("actual_length", 0)
    items = "item" if least == 1 else "items"
    have = "none" if not found else str(found)
    return f"needs at least {least} {items}, found {have}; add each on its own line after '- '"


# Characters typed for a list's '- ' that are not a hyphen-minus: the katakana long vowel mark,
# the full-width hyphen-minus, a hyphen, a minus sign, dashes.
_DASH_LIKE = "ー－‐−–—"


def _not_a_list(value: str) -> str:
    """Return what to write when text stands where a list is expected: each item on its own
    line after '- ' (a hyphen-minus and a space)."""
    first = value.lstrip()[:1]
    if first in _DASH_LIKE and first:
        # YAML joined the lines into one text: the first item ends where the mark comes again
        item = value.lstrip()[1:].split(f" {first}")[0].strip()
        return (f"expected a list (lines starting with -), found text starting with '{first}'; "
                f"start each item with a hyphen-minus and a space: - {item}")
    if first == "-":
        return ("expected a list (lines starting with -), found text; put a space after "
                f"each '-': - {value.lstrip()[1:].split(' -')[0].strip()}")
    return "expected a list (lines starting with -), found text"


def _dashed_mapping(value: dict[Any, Any]) -> str | None:
    """Return what to write when a mapping stands where a list is expected because its item
    was started with a mark that is not a hyphen-minus, or with a '-' and no space after it
    (``－ title: x``, ``-title: x``): YAML read the mark as part of the key. None otherwise."""
    key = next(iter(value), None)
    if not isinstance(key, str) or not key:
        return None
    held = value[key]
    item = f"{key[1:].strip()}: {held}" if isinstance(held, str | int | float) else (
        f"{key[1:].strip()}:")
    if key[0] in _DASH_LIKE:
        return (f"expected a list (lines starting with -), found a key starting with "
                f"'{key[0]}'; start each item with a hyphen-minus and a space: - {item}")
    if key[0] == "-" and not key[1:2].isspace():
        return ("expected a list (lines starting with -), found a key starting with '-'; put "
                f"a space after each '-': - {item}")
    return None


# What the items of a list with a length limit are called, by field name.
_ITEMS = {"summary": ("summary points", "move some to a section or to its notes")}


def _too_many(loc: Path_, ctx: dict[str, Any]) -> str:
    """Return a list-too-long error in plain words: the limit, the count and what to do."""
    limit, actual = ctx.get("max_length"), ctx.get("actual_length")
    field = str(loc[-1]) if loc and isinstance(loc[-1], str) else ""
    what, fix = _ITEMS.get(field, (f"items in '{field}'" if field else "items",
                                   "remove some or split them"))
    counted = f"; this has {actual}" if actual is not None else ""
    return f"at most {limit} {what}{counted}: {fix}"


def _colon_advice(document: Document, root: type[BaseModel], at: Path_,
                  force: bool = False) -> str | None:
    """Return quoting advice when the mapping at ``at`` is one ``key: text`` pair that was
    meant as text with ": " in it; None when it does not look like that."""
    data = _data_at(document.data, at)
    if not isinstance(data, dict) or len(data) != 1:
        return None
    ((key, value),) = data.items()
    if not isinstance(value, str | None):
        return None
    model = model_at(root, at)
    if not force and (model is None or model.__name__ not in SHORTHANDS
                      or key in model.model_fields
                      or difflib.get_close_matches(key, list(model.model_fields), n=1,
                                                   cutoff=0.6)):
        return None
    text = f"{key}: {value}" if value else f"{key}:"
    return (f"{QUOTE_ADVICE} '{key}' because of the ': ' in it; to write text "
            f"that contains ': ', put it in quotes: \"{text}\"")


def _comma_advice(document: Document, loc: Path_) -> str | None:
    """Return quoting advice when the unknown key at ``loc`` is the rest of the value before
    it, cut off by a comma inside ``{ }`` (``{text: for 1,200 users}`` reads as ``text: for
    1`` and a key ``200 users``); None when it does not look like that."""
    mapping = _data_at(document.data, loc[:-1])
    key = loc[-1]
    if not isinstance(mapping, dict) or not isinstance(key, str) or mapping.get(key) is not None:
        return None
    keys = list(mapping)
    index = keys.index(key) if key in keys else 0

    def place(name: str, of_key: bool) -> tuple[int, int] | None:
        table = document.positions.keys if of_key else document.positions.values
        return table.get((*loc[:-1], name))

    # The run of keys with no value that the commas cut off, back to the value they belong to
    # and on to the last of them on the same line: "(police, fire, 911)" cuts two.
    start = index
    while start > 0 and mapping[keys[start - 1]] is None:
        start -= 1
    end = index
    while end + 1 < len(keys) and mapping[keys[end + 1]] is None:
        end += 1
    before = keys[start - 1] if start > 0 else None
    first, last = place(keys[start], True), place(keys[end], True)
    at_value = place(before, False) if before else None
    if first is None or last is None or at_value is None or before is None \
            or len({first[0], last[0], at_value[0]}) > 1 \
            or not isinstance(mapping[before], str | int | float):
        return None
    line = document.text.split("\n")[first[0] - 1]
    gap = line[:first[1] - 1].rstrip()
    if not gap.endswith(",") or "{" not in line[:at_value[1] - 1]:
        return None
    value = line[at_value[1] - 1:last[1] - 1 + len(keys[end])].strip()
    cut = keys[start]
    return (f"unknown key '{cut}': {COMMA_CUT}, so '{before}' ends before it; put the whole "
            f"value in quotes: {before}: \"{value}\"")


def _data_at(data: Any, at: Path_) -> Any:
    """Return the value at data path ``at``, or None when there is none."""
    for part in at:
        found = ((isinstance(part, int) and isinstance(data, list) and 0 <= part < len(data))
                 or (isinstance(part, str) and isinstance(data, dict) and part in data))
        if not found:
            return None
        data = data[part]
    return data


def unknown_key(key: str, allowed: list[str]) -> str:
    """Return an 'unknown key' message with a did-you-mean suggestion."""
    allowed = sorted(allowed)
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
    return f"unknown key '{key}'; {hint}"


def allowed_keys(root: type[BaseModel], loc: Path_) -> list[str]:
    """Return the field names the model allows at ``loc``."""
    model = model_at(root, loc)
    return list(model.model_fields) if model is not None else []


def model_at(root: type[BaseModel], loc: Path_) -> type[BaseModel] | None:
    """Return the model that validates the value at ``loc``, or None."""
    model: type[BaseModel] = root
    for part in loc:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(str(part))
        if info is None:
            return None
        inner = _model_in(info.annotation)
        if inner is None:
            return None
        model = inner
    return model


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """Return the pydantic model inside an annotation such as ``list[Point] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
