"""Theme tokens: built-in themes, theme files that extend them, and clear errors."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PIL import Image

from briefing.api import Options, build
from briefing.errors import ThemeError
from briefing.text.fonts import bundled_font_path
from briefing.theme.tokens import builtin_names, describe_builtins, load_theme

OUTLINE = "title: T\nlang: en\nsections:\n  - title: S\n    points: [a point]\n"


def write_theme(folder: Path, text: str) -> Path:
    """Return the path of a theme file with ``text`` written in ``folder``."""
    path = folder / "corp.yaml"
    path.write_text(text, "utf-8")
    return path


def test_builtin_themes_have_descriptions() -> None:
    assert {"default", "dark"} <= set(builtin_names())
    assert all(description for _, description in describe_builtins())


def test_dark_extends_default_and_changes_colours() -> None:
    default, dark = load_theme("default"), load_theme("dark")
    assert dark.sizes == default.sizes
    assert dark.color("background") != default.color("background")


def test_theme_file_extends_a_builtin(tmp_path: Path) -> None:
    font = bundled_font_path()
    path = write_theme(tmp_path, f"extends: dark\ncolors: {{accent: '#006b3f'}}\n"
                                 f"fonts: {{latin: Custom Sans, latin_file: {font}}}\n"
                                 "footer_text: ACME · Strategy\n")
    theme = load_theme(str(path))
    assert theme.color("accent").rgb == "006B3F"
    assert theme.color("background") == load_theme("dark").color("background")
    assert theme.fonts.latin == "Custom Sans"
    assert theme.fonts.latin_file == font
    assert theme.footer_text == "ACME · Strategy"


def test_theme_paths_are_relative_to_the_theme_file(tmp_path: Path) -> None:
    Image.new("RGB", (60, 20), "#006B3F").save(tmp_path / "logo.png")
    theme = load_theme(str(write_theme(tmp_path, "extends: default\nlogo: logo.png\n")))
    assert theme.logo == tmp_path / "logo.png"


def test_files_a_theme_names_are_checked_at_their_keys(tmp_path: Path) -> None:
    path = write_theme(tmp_path, "extends: default\nlogo: nologo.png\n"
                                 "fonts:\n  latin_file: fonts/none.ttf\n")
    with pytest.raises(ThemeError) as raised:
        load_theme(str(path))
    assert [str(problem) for problem in raised.value.problems] == [
        f"{path}:2:7: logo: file {tmp_path / 'nologo.png'} was not found (paths are relative "
        "to the theme file)",
        f"{path}:4:15: fonts.latin_file: file {tmp_path / 'fonts' / 'none.ttf'} was not found "
        "(paths are relative to the theme file)"]


def test_a_theme_file_styles_the_deck(tmp_path: Path) -> None:
    Image.new("RGB", (60, 20), "#006B3F").save(tmp_path / "logo.png")
    theme = write_theme(tmp_path, "extends: default\ncolors: {accent: '006B3F'}\n"
                                  "logo: logo.png\nfooter_text: ACME · Strategy\n")
    outline = tmp_path / "talk.yaml"
    outline.write_text(OUTLINE, "utf-8")
    build(outline, Options(out_dir=tmp_path / "out", theme=str(theme), summary=False))
    with zipfile.ZipFile(tmp_path / "out" / "talk.pptx") as package:
        slides = [package.read(n).decode() for n in package.namelist()
                  if n.startswith("ppt/slides/slide")]
        master = package.read("ppt/slideMasters/slideMaster1.xml").decode()
        theme_xml = package.read("ppt/theme/theme1.xml").decode()
    # The logo is part of the design: on the slide master, behind every content slide.
    assert 'name="Logo"' in master
    assert any("ACME · Strategy" in slide for slide in slides)
    assert "006B3F" in theme_xml


@pytest.mark.parametrize(("text", "expected"), [
    ("extends: nosuch\n", "unknown theme 'nosuch'"),
    ("extends: default\ncolors: {accent: blue}\n", "colour 'blue'"),
    ("extends: default\nsizes: {body: [10, 20]}\n", "size range"),
    ("- a list\n", "must be a mapping"),
    ("extends: corp.yaml\n", "circular"),
])
def test_bad_theme_files_are_clear_errors(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ThemeError, match=expected):
        load_theme(str(write_theme(tmp_path, text)))


def test_unknown_theme_name_lists_the_builtins() -> None:
    with pytest.raises(ThemeError, match="built-in themes: dark, default"):
        load_theme("nosuch")
