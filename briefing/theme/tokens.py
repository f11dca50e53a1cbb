"""Theme tokens: read a built-in theme or a theme file (which may extend another)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from briefing.color import Color
from briefing.errors import FontError, OutlineError, Problem, ThemeError, Where
from briefing.outline.load import Document, parse, read_text
from briefing.outline.problems import model_problems

THEMES_PACKAGE = "briefing.theme.themes"
COLOR_NAMES = ("background", "text", "muted", "accent", "accent2", "surface", "line",
               "on_accent", "marking")
SIZE_NAMES = ("title", "cover_title", "subtitle", "body", "caption", "figure_value", "quote")
MAX_EXTENDS = 5


@dataclass(frozen=True)
class Fonts:
    """Typefaces by script, with optional font files used for measuring."""

    latin: str
    east_asian: str
    latin_file: Path | None = None
    east_asian_file: Path | None = None


@dataclass(frozen=True)
class Theme:
    """Design tokens shared by the deck and the one-page summary."""

    name: str
    description: str
    colors: dict[str, Color]
    fonts: Fonts
    sizes: dict[str, tuple[float, float]]
    footer_size: float
    line_spacing: float
    paragraph_space: float
    margin: float
    logo: Path | None = None
    footer_text: str | None = None

    def color(self, name: str) -> Color:
        """Return the colour called ``name``."""
        return self.colors[name]

    def size_range(self, name: str) -> tuple[float, float]:
        """Return (largest, smallest) size in points for text of role ``name``."""
        return self.sizes[name]


# --- the theme file format ------------------------------------------------------------------


def _color(value: str) -> str:
    """Return ``value`` as an upper-case RRGGBB string; raise ValueError when it is not one."""
    text = value.strip().lstrip("#").upper()
    if len(text) != 6 or any(c not in "0123456789ABCDEF" for c in text):
        raise ValueError(f"colour '{value}' is not RRGGBB (six hex digits, e.g. 1F4E79)")
    return text


def _size_range(value: tuple[float, float]) -> tuple[float, float]:
    """Return ``value`` when it is [largest, smallest] within 4-200 points."""
    large, small = value
    if not 4 <= small <= large <= 200:
        raise ValueError(f"size range [{large:g}, {small:g}] must be [largest, smallest] "
                         "within 4-200 pt")
    return large, small


Rgb = Annotated[str, AfterValidator(_color)]
SizeRange = Annotated[tuple[float, float], AfterValidator(_size_range)]


class _Part(BaseModel):
    """Common settings: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class ColorsFile(_Part):
    """Colours by role, RRGGBB; a file that extends another may give only some."""

    background: Rgb | None = None
    text: Rgb | None = None
    muted: Rgb | None = None
    accent: Rgb | None = None
    accent2: Rgb | None = None
    surface: Rgb | None = None
    line: Rgb | None = None
    on_accent: Rgb | None = None
    marking: Rgb | None = None


class FontsFile(_Part):
    """Typefaces by script, and the font files to measure them with (relative paths)."""

    latin: str | None = Field(None, min_length=1)
    east_asian: str | None = Field(None, min_length=1)
    latin_file: str | None = None
    east_asian_file: str | None = None


class SizesFile(_Part):
    """[largest, smallest] point sizes by text role; the footer's one size."""

    title: SizeRange | None = None
    cover_title: SizeRange | None = None
    subtitle: SizeRange | None = None
    body: SizeRange | None = None
    caption: SizeRange | None = None
    figure_value: SizeRange | None = None
    quote: SizeRange | None = None
    footer: float | None = Field(None, ge=4, le=72)


class ThemeFile(_Part):
    """A theme file: tokens, optionally on top of the theme it ``extends``."""

    name: str | None = None
    description: str | None = None
    extends: str | None = Field(None, min_length=1,
                                description="Built-in theme name or theme file to start from.")
    colors: ColorsFile | None = None
    fonts: FontsFile | None = None
    sizes: SizesFile | None = None
    line_spacing: float | None = Field(None, gt=0.5, le=3)
    paragraph_space: float | None = Field(None, ge=0, le=5)
    margin: float | None = Field(None, ge=0, le=200)
    logo: str | None = None
    footer_text: str | None = None


def builtin_names() -> list[str]:
    """Return the names of the built-in themes."""
    folder = resources.files(THEMES_PACKAGE)
    return sorted(p.name.removesuffix(".yaml") for p in folder.iterdir()
                  if p.name.endswith(".yaml"))


def describe_builtins() -> list[tuple[str, str]]:
    """Return (name, one-line description) for each built-in theme."""
    return [(name, str(_builtin_data(name).get("description", ""))) for name in builtin_names()]


def load_theme(name_or_path: str, base_folder: Path | None = None,
               origin: Where | None = None) -> Theme:
    """Return the theme named ``name_or_path`` (built-in) or read from that file.

    A theme file is validated like an outline: unknown keys (with a did-you-mean), bad
    colours, sizes and numbers are reported together, each at its file:line:col. Problems
    with the name itself (an unknown built-in, a missing file) are reported at ``origin``,
    where the name was written. Raises ThemeError carrying every problem.
    """
    origin = origin or Where(Path(name_or_path))
    written: dict[str, Where] = {}
    merged, where = _resolve(name_or_path, base_folder, origin, depth=0, written=written)
    _check_fonts(merged, written, where)
    return _build(merged, where)


def _builtin_path(name: str) -> Path:
    """Return the file of built-in theme ``name``."""
    return Path(str(resources.files(THEMES_PACKAGE).joinpath(f"{name}.yaml")))


def _builtin_data(name: str) -> dict[str, Any]:
    """Return the raw data of built-in theme ``name``."""
    text = resources.files(THEMES_PACKAGE).joinpath(f"{name}.yaml").read_text("utf-8")
    return dict(yaml.safe_load(text))


def _unknown_theme(name: str, origin: Where) -> ThemeError:
    """Return the error for a theme name that is neither built in nor a file name."""
    names = builtin_names()
    close = difflib.get_close_matches(name, names, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return ThemeError([Problem(origin, f"unknown theme '{name}'; {hint}built-in themes: "
                               f"{', '.join(names)} (or give a theme file ending in .yaml)",
                               _field_at(origin))])


def _field_at(origin: Where) -> str:
    """Return the field name to show for a problem with the theme's name at ``origin``."""
    return "" if str(origin.path).startswith("--") or origin.line is None else "theme"


def _resolve(name_or_path: str, base_folder: Path | None, origin: Where, depth: int,
             written: dict[str, Where]) -> tuple[dict[str, Any], Where]:
    """Return the theme data with ``extends`` applied (recursively, up to a limit), and
    where the last file in the chain is; ``written`` gets where each font family in force
    is written (``fonts.latin``, ``fonts.east_asian``)."""
    if depth > MAX_EXTENDS:
        raise ThemeError([Problem(origin, f"the 'extends' chain is longer than {MAX_EXTENDS}; "
                                  "is it circular?", "extends")])
    if name_or_path.endswith((".yaml", ".yml")):
        path = Path(name_or_path)
        if base_folder is not None and not path.is_absolute():
            path = base_folder / path
    elif name_or_path in builtin_names():
        path = _builtin_path(name_or_path)
    else:
        raise _unknown_theme(name_or_path, origin)
    document = _read_theme_file(path, origin)
    model = _validated(document)
    data = _absolutize(model.model_dump(exclude_none=True, exclude={"extends"}), path.parent)
    _check_files(data, document, path)
    here = Where(path, *(document.positions.values.get((), (1, 1))))
    if model.extends is not None:
        line, column = document.positions.find(("extends",)) or (None, None)
        parent, _ = _resolve(model.extends, path.parent, Where(path, line, column), depth + 1,
                             written)
        data = _merge(parent, data)
    for key in FONT_KEYS:  # this file's fonts override those it extends: noted after them
        place = document.positions.values.get(("fonts", key))
        if place is not None:
            written[f"fonts.{key}"] = Where(path, *place)
    return data, here


FONT_KEYS = ("latin", "east_asian")


def _check_fonts(data: dict[str, Any], written: dict[str, Where], where: Where) -> None:
    """Raise ThemeError naming, where the theme writes it, each font family that is neither
    installed nor given a file (``fonts.latin_file`` or ``fonts.east_asian_file``)."""
    from briefing.text.fonts import resolve_font

    problems = []
    fonts = data.get("fonts", {})
    for key in FONT_KEYS:
        family, file = fonts.get(key), fonts.get(f"{key}_file")
        if not family:
            continue
        try:
            resolve_font(str(family), Path(str(file)) if file else None)
        except FontError as exc:
            problems.append(Problem(written.get(f"fonts.{key}", where), exc.format_message(),
                                    f"fonts.{key}"))
    if problems:
        raise ThemeError(problems)


FILE_KEYS = (("logo",), ("fonts", "latin_file"), ("fonts", "east_asian_file"))


def _check_files(data: dict[str, Any], document: Document, path: Path) -> None:
    """Raise ThemeError naming, at its key in theme file ``path``, each file the theme names
    (logo, font files; ``data`` holds them made absolute) that is not a regular file."""
    problems = []
    for key in FILE_KEYS:
        value: Any = data
        for part in key:
            value = value.get(part) if isinstance(value, dict) else None
        if value and not Path(str(value)).is_file():
            line, column = document.positions.find(key) or (None, None)
            problems.append(Problem(Where(path, line, column),
                                    f"file {value} was not found (paths are relative to the "
                                    "theme file)", ".".join(key)))
    if problems:
        raise ThemeError(problems)


def _read_theme_file(path: Path, origin: Where) -> Document:
    """Return theme file ``path`` read with positions; problems reading it go at ``origin``."""
    try:
        document = parse(path, read_text(path))
    except OutlineError as exc:
        if exc.problems and exc.problems[0].where.line is None:
            raise ThemeError([Problem(origin, f"theme file {path}: {p.message}",
                                      _field_at(origin)) for p in exc.problems]) from None
        raise ThemeError(exc.problems) from None
    if not isinstance(document.data, dict):
        line, column = document.positions.values.get((), (1, 1))
        raise ThemeError([Problem(Where(path, line, column), "a theme file must be a mapping "
                                  "(extends:, colors:, fonts: ...)")])
    return document


def _validated(document: Document) -> ThemeFile:
    """Return the theme file's data checked against the format."""
    try:
        return ThemeFile.model_validate(document.data)
    except ValidationError as exc:
        raise ThemeError(model_problems(document, exc, ThemeFile)) from None


def _absolutize(data: dict[str, Any], folder: Path) -> dict[str, Any]:
    """Return ``data`` with font file and logo paths made relative to ``folder``."""
    fonts = dict(data.get("fonts") or {})
    for key in ("latin_file", "east_asian_file"):
        if fonts.get(key):
            fonts[key] = str(folder / str(fonts[key]))
    if fonts:
        data = {**data, "fonts": fonts}
    if data.get("logo"):
        data = {**data, "logo": str(folder / str(data["logo"]))}
    return data


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Return ``base`` updated by ``override``, merging nested mappings."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _build(data: dict[str, Any], where: Where) -> Theme:
    """Return a Theme from merged data; raise ThemeError naming every missing token."""
    missing = [f"colors.{name}" for name in COLOR_NAMES if name not in data.get("colors", {})]
    missing += [f"fonts.{name}" for name in ("latin", "east_asian")
                if name not in data.get("fonts", {})]
    missing += [f"sizes.{name}" for name in (*SIZE_NAMES, "footer")
                if name not in data.get("sizes", {})]
    missing += [name for name in ("line_spacing", "paragraph_space", "margin")
                if name not in data]
    if missing:
        raise ThemeError([Problem(where, f"the theme lacks {', '.join(missing)}; add them or "
                                  "start the file with 'extends: default'")])
    fonts = data["fonts"]
    return Theme(
        name=str(data.get("name", "custom")), description=str(data.get("description", "")),
        colors={name: Color.of(data["colors"][name]) for name in COLOR_NAMES},
        fonts=Fonts(latin=fonts["latin"], east_asian=fonts["east_asian"],
                    latin_file=_opt_path(fonts.get("latin_file")),
                    east_asian_file=_opt_path(fonts.get("east_asian_file"))),
        sizes={name: (float(data["sizes"][name][0]), float(data["sizes"][name][1]))
               for name in SIZE_NAMES},
        footer_size=float(data["sizes"]["footer"]), line_spacing=float(data["line_spacing"]),
        paragraph_space=float(data["paragraph_space"]), margin=float(data["margin"]),
        logo=_opt_path(data.get("logo")), footer_text=data.get("footer_text") or None)


def _opt_path(value: Any) -> Path | None:
    """Return ``value`` as a Path, or None when empty."""
    return Path(str(value)) if value else None
