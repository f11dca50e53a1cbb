"""Load an outline file and validate it, reporting every problem with file:line:col.

The validated outline keeps the positions of its values, so every later stage (images,
theme, template, fonts, layout) can say where in the file a problem is without reading the
YAML again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from briefing.errors import OutlineError, Problem, Where
from briefing.outline.advice import mistyped_line
from briefing.outline.load import Document, Path_, Positions, parse, read_text
from briefing.outline.model import Outline
from briefing.outline.problems import model_problems
from briefing.report import BuildWarning

ELLIPSIS = "\u2026"


@dataclass(frozen=True)
class LoadedOutline:
    """A validated outline with where it came from, where each value is written and what was
    cleaned on the way."""

    outline: Outline
    path: Path
    warnings: tuple[BuildWarning, ...] = field(default_factory=tuple)
    positions: Positions = field(default_factory=Positions, compare=False, repr=False)

    @property
    def folder(self) -> Path:
        """Return the folder relative paths in the outline resolve against."""
        return self.path.parent

    def resolve(self, relative: str) -> Path:
        """Return ``relative`` (a path written in the outline) resolved against its folder."""
        return (self.folder / relative).resolve()

    def where_named(self, name: str) -> Where | None:
        """Return where the title ``name`` is written: a section's (the first of that title),
        else the outline's own; None for a name the outline does not hold. A name ending in
        "…" (a title cut short in a message) matches the titles it starts."""
        def named(title: str) -> bool:
            if name.endswith(ELLIPSIS):
                return title.startswith(name[:-1].rstrip())
            return title == name

        for index, section in enumerate(self.outline.sections):
            if named(section.title):
                return self.where("sections", index, "title")
        return self.where("title") if named(self.outline.title) else None

    def where(self, *at: str | int, key: bool = False) -> Where:
        """Return the file:line:col of the value at data path ``at`` (its key when ``key``),
        or of its nearest ancestor that has one."""
        line, column = self.positions.find(tuple(at), prefer_key=key) or (None, None)
        return Where(self.path, line, column)


@dataclass(frozen=True)
class Checked:
    """An outline file read and checked against the format: the outline when it is valid,
    the raw data either way, and every problem found."""

    document: Document
    outline: Outline | None
    problems: list[Problem]

    def loaded(self) -> LoadedOutline:
        """Return the validated outline; raise OutlineError when there were problems."""
        if self.problems or self.outline is None:
            raise OutlineError(self.problems)
        return LoadedOutline(self.outline, self.document.path, tuple(self.document.warnings),
                             self.document.positions)


def check_outline(path: Path) -> Checked:
    """Return the outline at ``path`` checked against the format, with every problem found.

    Raises OutlineError only when the file cannot be read as YAML at all.
    """
    document = parse(path, read_text(path))
    if not isinstance(document.data, dict):
        lines = document.text.split("\n")
        typo = mistyped_line(lines, len(lines)) if isinstance(document.data, str) else None
        if typo is not None:  # a lone 'title:NATO' reads as text
            message, line, column = typo
            return Checked(document, None, [Problem(Where(path, line, column), message)])
        line, column = document.positions.values.get((), (1, 1))
        return Checked(document, None, [Problem(
            Where(path, line, column), "an outline is a mapping of keys such as 'title:' and "
            "'sections:'; run `briefing init` for an example")])
    try:
        outline = Outline.model_validate(document.data)
    except ValidationError as exc:
        found = model_problems(document, exc, Outline) + missing_images(document)
        return Checked(document, None, sorted(found, key=lambda p: (p.where.line or 0,
                                                                   p.where.column or 0)))
    return Checked(document, outline, missing_images(document))


def load_outline(path: Path) -> LoadedOutline:
    """Return the validated outline at ``path``; raise OutlineError listing every problem."""
    return check_outline(path).loaded()


def image_paths(data: Any) -> list[tuple[Path_, str]]:
    """Return (data path of the image's path, path as written) for every section image in
    the outline's raw data, whatever else is wrong with it."""
    found: list[tuple[Path_, str]] = []
    sections = data.get("sections") if isinstance(data, dict) else None
    for index, section in enumerate(sections if isinstance(sections, list) else []):
        image = section.get("image") if isinstance(section, dict) else None
        if isinstance(image, str) and image.strip():
            found.append((("sections", index, "image"), image.strip()))
        elif isinstance(image, dict) and isinstance(image.get("path"), str):
            found.append((("sections", index, "image", "path"), image["path"].strip()))
    return found


def _shown(path: Path) -> str:
    """Return ``path`` as a reader can find it: absolute, ``..`` resolved."""
    return str(Path(os.path.abspath(path)))


def _slashes(folder: Path, written: str) -> str:
    """Return advice for a path written with backslashes (a Windows habit): outlines use '/'
    on every system, and the path with '/' is named, with whether it exists."""
    if "\\" not in written:
        return ""
    forward = written.replace("\\", "/")
    there = " (that file exists)" if (folder / forward).is_file() else ""
    return f"; separate folders with '/', not '\\': {forward}{there}"


def missing_images(document: Document) -> list[Problem]:
    """Return a Problem for every image path that does not name an existing file."""
    problems = []
    for at, written in image_paths(document.data):
        target = document.path.parent / written
        if not target.exists() or target.is_dir():
            line, column = document.positions.find(at) or (None, None)
            what = "is a folder" if target.is_dir() else "was not found"
            problems.append(Problem(
                Where(document.path, line, column),
                f"image '{written}' {what}: looked for {_shown(target)} (paths are relative "
                f"to the outline file){_slashes(document.path.parent, written)}",
                f"sections[{at[1]}].image"))
    return problems
