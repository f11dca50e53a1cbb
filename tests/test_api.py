"""validate finds everything build would refuse, all at once, each at its file:line:col."""

from __future__ import annotations

from pathlib import Path

import pptx
import pytest
from click.testing import CliRunner

from briefing.api import Options, base_template, build, validate_outline
from briefing.cli import main
from briefing.errors import OutlineError


def problems_of(path: Path, options: Options | None = None) -> list[str]:
    """Return the problem lines validate_outline reports for ``path``."""
    with pytest.raises(OutlineError) as caught:
        validate_outline(path, options)
    return caught.value.format_message().splitlines()


def write(folder: Path, name: str, text: str | bytes) -> Path:
    """Return ``folder / name`` holding ``text``."""
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# the oracle for the built-in deck's layout names: python-pptx reading the file
BASE_LAYOUTS = [layout.name for layout in pptx.Presentation(str(base_template())).slide_layouts]
JAPANESE = (
    "title: 防衛協力の現状\n"                     # 1
    "theme: darck\n"                               # 2
    "sections:\n"                                  # 3
    "  - title: 背景\n"                            # 4
    "    layout: タイトルとコンテンツ\n"            # 5
    "    points: [同盟国との連携]\n"                # 6
    "    image: 地図.png\n"                        # 7
    "  - title: 写真\n"                            # 8
    "    image: {path: 壊れた.png, caption: 港}\n"  # 9
    "  - title: 課題\n"                            # 10
    "    pointz: [予算]\n"                         # 11
)


def test_a_japanese_outline_gets_every_problem_at_once(tmp_path: Path) -> None:
    write(tmp_path, "壊れた.png", b"\x89PNG\r\n\x1a\n broken")
    path = write(tmp_path, "talk.yaml", JAPANESE)
    p = str(path)
    assert problems_of(path) == [
        f"{p}:2:8: theme: unknown theme 'darck'; did you mean 'dark'? built-in themes: dark, "
        "default (or give a theme file ending in .yaml)",
        f"{p}:5:13: sections[0].layout: no layout named 'タイトルとコンテンツ'; the layouts "
        f"are: {', '.join(BASE_LAYOUTS)}",
        f"{p}:7:12: sections[0].image: image '地図.png' was not found: looked for "
        f"{tmp_path / '地図.png'} (paths are relative to the outline file)",
        f"{p}:11:5: sections[2]: unknown key 'pointz'; did you mean 'points'?",
    ]


def test_broken_images_are_found_with_a_valid_outline(tmp_path: Path) -> None:
    write(tmp_path, "壊れた.png", b"\x89PNG\r\n\x1a\n broken")
    text = JAPANESE.replace("theme: darck", "theme: dark").replace("pointz", "points")
    path = write(tmp_path, "talk.yaml", text.replace("    layout: タイトルとコンテンツ\n",
                                                     "    layout: Title and Content\n"))
    lines = problems_of(path)
    assert len(lines) == 2
    assert lines[0].startswith(f"{path}:7:12: sections[0].image: image '地図.png' was not")
    assert lines[1].startswith(f"{path}:9:19: sections[1].image: image '壊れた.png' is not a")


THEME = (
    "extends: default\n"                           # 1
    "colours: {accent: '006B3F'}\n"                # 2
    "colors: {accent: green}\n"                    # 3
    "sizes: {body: [10, 20], footer: big}\n"       # 4
    "line_spacing: wide\n"                         # 5
    "fonts: {latin: Source Sans}\n"                # 6
)


def test_theme_files_are_validated_like_outlines(tmp_path: Path) -> None:
    theme = write(tmp_path, "corp.yaml", THEME)
    path = write(tmp_path, "talk.yaml", "title: T\ntheme: corp.yaml\nsections:\n"
                                        "  - title: A\n    points: [a]\n")
    t = str(theme)
    assert problems_of(path) == [
        f"{t}:2:1: (top level): unknown key 'colours'; did you mean 'colors'?",
        f"{t}:3:18: colors.accent: colour 'green' is not RRGGBB (six hex digits, e.g. 1F4E79)",
        f"{t}:4:15: sizes.body: size range [10, 20] must be [largest, smallest] within 4-200 pt",
        f"{t}:4:33: sizes.footer: 'big' is not a number",
        f"{t}:5:15: line_spacing: 'wide' is not a number",
    ]


def test_a_theme_font_that_is_not_installed_is_named_where_the_theme_writes_it(
        tmp_path: Path) -> None:
    corp = write(tmp_path, "corp.yaml", "extends: default\nfonts: {latin: No Such Sans}\n")
    path = write(tmp_path, "talk.yaml", "title: T\ntheme: corp.yaml\nsections:\n"
                                        "  - title: A\n    points: [a]\n")
    (line,) = problems_of(path)
    assert line.startswith(f"{corp}:2:16: fonts.latin: font 'No Such Sans' is not installed")
    # a theme that extends it without naming a font: the font is where corp.yaml names it
    write(tmp_path, "team.yaml", "extends: corp.yaml\ncolors: {accent: '123456'}\n")
    path.write_text(path.read_text("utf-8").replace("corp.yaml", "team.yaml"), "utf-8")
    (line,) = problems_of(path)
    assert line.startswith(f"{corp}:2:16: fonts.latin: font 'No Such Sans'")
    # one that names its own: there, on its own line
    write(tmp_path, "team.yaml", "extends: corp.yaml\nfonts:\n  latin: Nor This Sans\n")
    (line,) = problems_of(path)
    assert line.startswith(f"{tmp_path / 'team.yaml'}:3:10: fonts.latin: font 'Nor This Sans'")


def test_a_missing_template_in_the_outline_and_as_an_option(tmp_path: Path) -> None:
    path = write(tmp_path, "talk.yaml", "title: T\ntemplate: corp.pptx\nsections:\n"
                                        "  - title: A\n    points: [a]\n")
    (line,) = problems_of(path)
    assert line == (f"{path}:2:11: template: template {tmp_path / 'corp.pptx'} was not found "
                    "(or is not a regular file)")
    (line,) = problems_of(path, Options(template=tmp_path / "other.pptx"))
    assert line == (f"--template: template {tmp_path / 'other.pptx'} was not found (or is not "
                    "a regular file)")


def test_an_unknown_theme_option(tmp_path: Path) -> None:
    path = write(tmp_path, "talk.yaml", "title: T\nsections:\n  - title: A\n    points: [a]\n")
    (line,) = problems_of(path, Options(theme="drak"))
    assert line.startswith("--theme: unknown theme 'drak'; did you mean 'dark'?")


def test_text_no_font_can_show_is_located(tmp_path: Path) -> None:
    path = write(tmp_path, "talk.yaml", "title: T\nsections:\n  - title: A\n    points:\n"
                                        "      - fine\n      - 🎌🎌\n")
    assert problems_of(path) == [f"{path}:6:9: sections[0].points[1].text: '🎌🎌' has only "
                                 "characters the fonts cannot show; write it in words"]


def test_build_refuses_exactly_what_validate_reports(tmp_path: Path) -> None:
    write(tmp_path, "壊れた.png", b"\x89PNG\r\n\x1a\n broken")
    path = write(tmp_path, "talk.yaml", JAPANESE)
    expected = problems_of(path)
    with pytest.raises(OutlineError) as caught:
        build(path, Options(out_dir=tmp_path / "out"))
    assert caught.value.format_message().splitlines() == expected
    assert not (tmp_path / "out").exists()
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == expected


_MODULES_AFTER_BUILD = """
import sys
sys.argv = ["briefing", "build", sys.argv[1], "--out-dir", sys.argv[2], "-q"]
from briefing.cli import main
try:
    main()
except SystemExit:
    pass
print(" ".join(sorted(sys.modules)))
"""


def test_a_build_imports_neither_the_checks_nor_the_process_pool(
        seed_outlines: dict[str, Path], tmp_path: Path) -> None:
    """The checks (``briefing check``) and the process pool (``--jobs``) are imported only
    by what uses them: ``briefing build`` of one outline in a fresh interpreter loads
    neither."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _MODULES_AFTER_BUILD,
                           str(seed_outlines["en"]), str(tmp_path)],
                          capture_output=True, text=True, check=True)
    modules = set(done.stdout.split())
    assert "briefing.layout.slides" in modules  # the build ran
    assert not modules & {"briefing.check.report", "briefing.check.run",
                          "briefing.check.budget", "multiprocessing",
                          "concurrent.futures.process"}


def test_a_logo_replaced_under_the_same_name_is_drawn_anew(tmp_path: Path) -> None:
    """The built-in deck styled with a theme is read once a process, but a logo file
    replaced between two builds (as in ``watch``) reaches the second deck."""
    import io
    import zipfile

    from PIL import Image

    logo = tmp_path / "logo.png"
    (tmp_path / "theme.yaml").write_text("extends: default\nlogo: logo.png\n", "utf-8")
    outline = tmp_path / "talk.yaml"
    outline.write_text("title: Logo test\nlang: en\ntheme: theme.yaml\nsections:\n"
                       "  - title: A\n    points: [one, two]\n", "utf-8")
    logos: list[set[tuple[tuple[int, int], object]]] = []
    for size, colour in (((200, 200), "red"), ((400, 100), "blue")):
        Image.new("RGB", size, colour).save(logo)
        build(outline, Options(out_dir=tmp_path / "out", summary=False))
        with zipfile.ZipFile(tmp_path / "out" / "talk.pptx") as deck:
            pictures = [Image.open(io.BytesIO(deck.read(name))) for name in deck.namelist()
                        if name.startswith("ppt/media/")]
        logos.append({(p.size, p.convert("RGB").getpixel((0, 0))) for p in pictures})
    assert logos[0] == {((200, 200), (255, 0, 0))}
    assert logos[1] == {((400, 100), (0, 0, 255))}


def test_notes_said_alike_of_headings_and_text_are_one() -> None:
    from briefing.api import _styles_merged

    notes = ["headings: 'Calibri' measured with Carlito", "the template has no picture layout",
             "text: 'Calibri' measured with Carlito", "text: font 'X' is not installed"]
    assert _styles_merged(notes) == [
        "headings and text: 'Calibri' measured with Carlito",
        "the template has no picture layout", "text: font 'X' is not installed"]



PENGUIN = Path(__file__).resolve().parents[2] / "shared" / "templates-wild" / \
    "Penguin8885__PP_template.pptx"


@pytest.mark.parametrize(("lang", "point", "reported"), [
    ("en", "Budget approved", False),
    ("en", "Budget approved by 経営会議", True),  # Japanese text in an English outline
    ("ja", "予算を承認", True),
])
def test_a_templates_japanese_typeface_is_reported_only_when_the_deck_sets_japanese(
        tmp_path: Path, lang: str, point: str, reported: bool) -> None:
    """Penguin names メイリオ for Latin and Japanese text; it is not installed here."""
    outline = tmp_path / "talk.yaml"
    outline.write_text(f"title: Talk\nlang: {lang}\nsections:\n  - title: One\n"
                       f"    points: [{point}]\n", "utf-8")
    report = build(outline, Options(out_dir=tmp_path / "out", template=PENGUIN))
    messages = [warning.message for warning in report.warnings]
    assert any("'メイリオ'" in m and "Latin text is set in" in m for m in messages)
    assert any("Japanese text is set in" in m for m in messages) == reported, messages


@pytest.mark.parametrize(("lang", "date_format", "shown", "other"), [
    ("ja", None, "2026年2月28日", "2026年3月5日"),
    ("en", None, "28 February 2026", "5 March 2026"),
    ("en", "%Y/%m/%d", "2026/02/28", "2026/03/05"),  # the outline's own date format
])
def test_a_source_date_is_shown_as_the_outlines_own_date(
        tmp_path: Path, lang: str, date_format: str | None, shown: str, other: str) -> None:
    import subprocess

    form = f"date_format: '{date_format}'\n" if date_format else ""
    outline = tmp_path / "talk.yaml"
    outline.write_text(f"title: Talk\nlang: {lang}\n{form}sections:\n  - title: One\n"
                       "    points: [A point]\nsources:\n  - {title: Article, date: 2026-02-28}\n"
                       "  - {title: Report, date: May 2023}\n"
                       "  - {title: Note, date: 2026年3月5日}\n", "utf-8")
    build(outline, Options(out_dir=tmp_path / "out"))
    deck = pptx.Presentation(str(tmp_path / "out" / "talk.pptx"))
    texts = " ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                     if shape.has_text_frame)
    summary = subprocess.run(["pdftotext", str(tmp_path / "out" / "talk-summary.pdf"), "-"],
                             capture_output=True, text=True, check=True).stdout
    for text in (texts, summary):
        assert shown in text and "2026-02-28" not in text
        assert "May 2023" in text  # a month alone: as written
        assert other in text  # a whole day written another way: shown alike


def place_of(text: str, title: str) -> str:
    """Return "line:col" of the title value ``title`` in outline ``text`` (1-based)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().lstrip("- ").startswith("title:") and line.rstrip().endswith(title):
            return f"{number}:{line.index(title) + 1}"
    raise AssertionError(f"no title {title!r}")


def test_warnings_about_a_section_say_where_its_title_is(tmp_path: Path) -> None:
    title = "A section far too long for one slide"
    points = "\n".join(f"      - Point {n} of a section that goes on and on, with enough words "
                       "to fill a line of its own" for n in range(40))
    outline = tmp_path / "talk.yaml"
    outline.write_text(f"title: The long title of a talk that is cut short in its warnings\n"
                       f"lang: en\nsections:\n  - title: Short\n    points: [One]\n"
                       f"  - title: {title}\n    points:\n{points}\n", "utf-8")
    report = build(outline, Options(out_dir=tmp_path / "out", summary=False))
    continued = [w for w in report.warnings if w.kind == "continued"]
    assert [w.where for w in continued] == [f"{outline}:{place_of(outline.read_text(), title)}"]
    unplaced = [w for w in report.warnings if w.where is None and w.what
                and title in w.what]
    assert unplaced == []


def test_a_theme_s_font_file_measures_its_font_even_where_one_of_that_name_is_installed(
        tmp_path: Path) -> None:
    # Oracle: the file's own advances, made 1.4 times Carlito's with fontTools; Carlito is
    # installed (.ci/run), so the name alone would find the installed face.
    from fontTools.ttLib import TTFont

    from briefing.api import prepare
    from briefing.text.fonts import find_system_font

    installed = find_system_font("Carlito")
    assert installed is not None
    face = TTFont(str(installed.path))
    face["hmtx"].metrics = {name: (round(width * 1.4), lsb)
                            for name, (width, lsb) in face["hmtx"].metrics.items()}
    wide = tmp_path / "wide.ttf"
    face.save(str(wide))
    theme = tmp_path / "theme.yaml"
    theme.write_text(f"extends: default\nfonts: {{latin: Carlito, latin_file: {wide}}}\n",
                     encoding="utf-8")
    outline = tmp_path / "talk.yaml"
    outline.write_text("title: Wide\nlang: en\nsections:\n  - title: S\n    points: [Budget]\n",
                       encoding="utf-8")
    ready = prepare(outline, Options(theme=str(theme), out_dir=tmp_path / "out"))
    assert ready.fonts[0].path == wide
    cmap, units = face.getBestCmap(), face["head"].unitsPerEm
    wide_em = sum(face["hmtx"].metrics[cmap[ord(char)]][0] for char in "Budget") / units
    assert ready.measurer.width("Budget", 1.0) == pytest.approx(wide_em)
