"""Load an outline file and validate it, reporting every problem with file:line:col."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from briefing.errors import OutlineError, Problem, Where
from briefing.outline.load import Document, Path_, parse, read_text
from briefing.outline.model import Outline
from briefing.report import BuildWarning

_TYPE_NAMES = {"dict": "a mapping (key: value lines)", "list": "a list (lines starting with -)",
               "str": "text", "NoneType": "nothing"}


@dataclass(frozen=True)
class LoadedOutline:
    """A validated outline with where it came from and what was cleaned on the way."""

    outline: Outline
    path: Path
    warnings: tuple[BuildWarning, ...] = field(default_factory=tuple)

    @property
    def folder(self) -> Path:
        """Return the folder relative paths in the outline resolve against."""
        return self.path.parent

    def resolve(self, relative: str) -> Path:
        """Return ``relative`` (a path written in the outline) resolved against its folder."""
        return (self.folder / relative).resolve()


def load_outline(path: Path) -> LoadedOutline:
    """Return the validated outline at ``path``; raise OutlineError listing every problem."""
    document = parse(path, read_text(path))
    if not isinstance(document.data, dict):
        line, column = document.positions.values.get((), (1, 1))
        raise OutlineError([Problem(Where(path, line, column),
                                    "an outline is a mapping of keys such as 'title:' and "
                                    "'sections:'; run `briefing init` for an example")])
    try:
        outline = Outline.model_validate(document.data)
    except ValidationError as exc:
        raise OutlineError(_problems(document, exc)) from None
    missing = _missing_files(document, outline)
    if missing:
        raise OutlineError(missing)
    return LoadedOutline(outline, path, tuple(document.warnings))


def _problems(document: Document, exc: ValidationError) -> list[Problem]:
    """Return one Problem per pydantic error, sorted by position in the file."""
    problems = []
    seen = set()
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        is_key = error["type"] == "extra_forbidden"
        line, column = document.positions.find(loc, prefer_key=is_key) or (None, None)
        message = _message(error, loc)
        problem = Problem(Where(document.path, line, column), message, _dotted(loc, is_key))
        if str(problem) not in seen:
            seen.add(str(problem))
            problems.append(problem)
    return sorted(problems, key=lambda p: (p.where.line or 0, p.where.column or 0))


def _dotted(loc: Path_, is_key: bool) -> str:
    """Return a location as ``sections[2].points[0]``; an unknown key names its parent."""
    parts = loc[:-1] if is_key else loc
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def _message(error: Any, loc: Path_) -> str:
    """Return what is wrong and what is expected, in the user's terms."""
    kind = error["type"]
    value = error.get("input")
    if kind == "extra_forbidden":
        return _unknown_key(str(loc[-1]), loc[:-1])
    if kind == "missing":
        return f"'{loc[-1]}' is required"
    if kind in ("string_type", "list_type", "model_type", "dict_type", "model_attributes_type"):
        expected = {"string_type": "text", "list_type": "a list (lines starting with -)"}.get(
            kind, "a mapping (key: value lines)")
        return f"expected {expected}, found {_TYPE_NAMES.get(type(value).__name__, 'a value')}"
    if kind == "literal_error":
        return f"'{value}' is not allowed; {error['msg'].replace('Input should be', 'use')}"
    if kind.startswith("date"):
        return f"'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-26"
    if kind.startswith("bool"):
        return f"'{value}' is not true or false"
    if kind == "string_too_long":
        limit = error.get("ctx", {}).get("max_length")
        return (f"is {len(value)} characters long; at most {limit} fit here: shorten it and "
                "put the detail in points or notes")
    if kind in ("too_short", "string_too_short"):
        return "must not be empty" if isinstance(value, str) else error["msg"].lower()
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return str(error["msg"])


def _unknown_key(key: str, parent: Path_) -> str:
    """Return an 'unknown key' message with a did-you-mean suggestion."""
    allowed = sorted(_fields_at(parent))
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
    return f"unknown key '{key}'; {hint}"


def _fields_at(loc: Path_) -> list[str]:
    """Return the field names the model allows at ``loc``."""
    model: type[BaseModel] = Outline
    for part in loc:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(str(part))
        if info is None:
            return []
        inner = _model_in(info.annotation)
        if inner is None:
            return []
        model = inner
    return list(model.model_fields)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """Return the pydantic model inside an annotation such as ``list[Point] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _missing_files(document: Document, outline: Outline) -> list[Problem]:
    """Return a Problem for every image path that does not name an existing file."""
    problems = []
    for index, section in enumerate(outline.sections):
        if section.image is None:
            continue
        target = (document.path.parent / section.image.path)
        if not target.exists() or target.is_dir():
            loc: Path_ = ("sections", index, "image")
            line, column = document.positions.find(loc) or (None, None)
            what = "is a folder" if target.is_dir() else "was not found"
            problems.append(Problem(
                Where(document.path, line, column),
                f"image '{section.image.path}' {what} (paths are relative to the outline file)",
                f"sections[{index}].image"))
    return problems
