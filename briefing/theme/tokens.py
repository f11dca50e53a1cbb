"""Theme tokens: read a built-in theme or a theme file (which may extend another)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from briefing.color import Color
from briefing.errors import ThemeError

THEMES_PACKAGE = "briefing.theme.themes"
COLOR_NAMES = ("background", "text", "muted", "accent", "accent2", "surface", "line",
               "on_accent", "marking")
SIZE_NAMES = ("title", "cover_title", "subtitle", "body", "caption", "figure_value", "quote")


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


def builtin_names() -> list[str]:
    """Return the names of the built-in themes."""
    folder = resources.files(THEMES_PACKAGE)
    return sorted(p.name.removesuffix(".yaml") for p in folder.iterdir()
                  if p.name.endswith(".yaml"))


def describe_builtins() -> list[tuple[str, str]]:
    """Return (name, one-line description) for each built-in theme."""
    return [(name, str(_builtin_data(name).get("description", ""))) for name in builtin_names()]


def load_theme(name_or_path: str, base_folder: Path | None = None) -> Theme:
    """Return the theme named ``name_or_path`` (built-in) or read from that file."""
    data = _resolve_data(name_or_path, base_folder, depth=0)
    return _build(data)


def _builtin_data(name: str) -> dict[str, Any]:
    """Return the raw data of built-in theme ``name``."""
    if name not in builtin_names():
        raise ThemeError(
            f"unknown theme '{name}'; built-in themes: {', '.join(builtin_names())} "
            "(or give a theme file ending in .yaml)")
    text = resources.files(THEMES_PACKAGE).joinpath(f"{name}.yaml").read_text("utf-8")
    return dict(yaml.safe_load(text))


def _resolve_data(name_or_path: str, base_folder: Path | None, depth: int) -> dict[str, Any]:
    """Return the theme data with ``extends`` applied (recursively, up to a limit)."""
    if depth > 5:
        raise ThemeError("theme 'extends' chain is longer than 5; is it circular?")
    if not name_or_path.endswith((".yaml", ".yml")):
        data = _builtin_data(name_or_path)
        folder = None
    else:
        path = Path(name_or_path)
        if base_folder is not None and not path.is_absolute():
            path = base_folder / path
        data = _read_theme_file(path)
        folder = path.parent
        data = _absolutize(data, folder)
    parent = data.pop("extends", None)
    if parent is None:
        return data
    return _merge(_resolve_data(str(parent), folder, depth + 1), data)


def _read_theme_file(path: Path) -> dict[str, Any]:
    """Return the mapping in theme file ``path``."""
    try:
        text = path.read_text("utf-8")
        data = yaml.safe_load(text)
    except FileNotFoundError:
        raise ThemeError(f"theme file {path} was not found") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ThemeError(f"cannot read theme file {path}: {exc}") from None
    if not isinstance(data, dict):
        raise ThemeError(f"theme file {path} must be a mapping (name:, colors:, fonts: ...)")
    return data


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


def _build(data: dict[str, Any]) -> Theme:
    """Return a Theme from merged data, checking every token."""
    try:
        colors = {name: Color.of(_color(str(data["colors"][name]))) for name in COLOR_NAMES}
        fonts_data = data["fonts"]
        fonts = Fonts(
            latin=str(fonts_data["latin"]), east_asian=str(fonts_data["east_asian"]),
            latin_file=_opt_path(fonts_data.get("latin_file")),
            east_asian_file=_opt_path(fonts_data.get("east_asian_file")))
        sizes = {name: _size_pair(data["sizes"][name]) for name in SIZE_NAMES}
        return Theme(
            name=str(data.get("name", "custom")), description=str(data.get("description", "")),
            colors=colors, fonts=fonts, sizes=sizes, footer_size=float(data["sizes"]["footer"]),
            line_spacing=float(data["line_spacing"]),
            paragraph_space=float(data["paragraph_space"]), margin=float(data["margin"]),
            logo=_opt_path(data.get("logo")),
            footer_text=str(data["footer_text"]) if data.get("footer_text") else None)
    except (KeyError, TypeError, ValueError) as exc:
        raise ThemeError(f"theme is missing or has a bad value for {exc}") from None


def _color(value: str) -> str:
    """Return ``value`` as an upper-case RRGGBB string."""
    text = value.strip().lstrip("#").upper()
    if len(text) != 6 or any(c not in "0123456789ABCDEF" for c in text):
        raise ValueError(f"colour '{value}' (use RRGGBB)")
    return text


def _size_pair(value: Any) -> tuple[float, float]:
    """Return (largest, smallest) from a two-item list."""
    large, small = (float(v) for v in value)
    if not 4 <= small <= large <= 200:
        raise ValueError(f"size range {value} (need [largest, smallest] within 4-200)")
    return large, small


def _opt_path(value: Any) -> Path | None:
    """Return ``value`` as a Path, or None when empty."""
    return Path(str(value)) if value else None
