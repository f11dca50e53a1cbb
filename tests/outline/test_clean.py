"""Text cleaning: invisible and unsafe characters removed with located warnings, glyph coverage."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from lxml import etree

from briefing.errors import OutlineError
from briefing.outline.clean import clean_source, clean_text, drop_uncovered
from briefing.outline.model import Outline
from briefing.outline.validate import load_outline
from briefing.text.fonts import BUNDLED_FAMILY, FontFile, Measurer, bundled_font_path

SECTIONS = "sections:\n  - title: A\n    points: [one]\n"


def write(folder: Path, text: str | bytes) -> Path:
    """Return the path of ``outline.yaml`` in ``folder`` holding ``text`` (UTF-8 if str)."""
    path = folder / "outline.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def outline(**fields: object) -> Outline:
    """Return an outline with one bullet section, overridden by ``fields``."""
    data: dict[str, object] = {"title": "T", "sections": [{"title": "A", "points": ["one"]}]}
    data.update(fields)
    return Outline.model_validate(data)


def latin_only(char: str) -> bool:
    """Return whether ``char`` is below U+2000: a stand-in for a font without symbols."""
    return ord(char) < 0x2000


# --- clean_text -------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "cleaned", "issue"), [
    ("a\x07b", "ab", "removed 1 control character (U+0007)"),
    ("a\x00b\x1b", "ab", "removed 2 control characters (U+0000, U+001B)"),
    ("a\x7fb\x9b", "ab", "removed 2 control characters (U+007F, U+009B)"),
    ("a\ufffeb\uffff", "ab", "removed 2 noncharacters (U+FFFE, U+FFFF)"),
    ("a\ufdd0b\U0001fffe", "ab", "removed 2 noncharacters (U+FDD0, U+1FFFE)"),
    ("a\ud800b", "ab", "removed 1 lone surrogate (U+D800)"),
    ("a\udc00", "a", "removed 1 lone surrogate (U+DC00)"),
    ("\u202eevil\u202c", "evil", "removed 2 bidirectional controls (U+202E, U+202C)"),
    ("\u2066x\u2069\u200e\u200f\u061c", "x",
     "removed 5 bidirectional controls (U+2066, U+2069, U+200E, U+200F, U+061C)"),
    ("zero\u200bwidth\u2060join\ufeff", "zerowidthjoin",
     "removed 3 invisible characters (U+200B, U+2060, U+FEFF)"),
    ("tag\U000e0041\U000e0001", "tag", "removed 2 invisible characters (U+E0041, U+E0001)"),
])
def test_unwanted_characters_are_removed_and_named(text: str, cleaned: str, issue: str) -> None:
    assert clean_text(text) == (cleaned, [issue])


def test_spaces_close_up_where_characters_were_removed() -> None:
    assert clean_text("Controls \x00\x08 and \u200b here") == (
        "Controls and here", ["removed 2 control characters (U+0000, U+0008)",
                              "removed 1 invisible character (U+200B)"])


def test_each_kind_is_one_issue() -> None:
    text, issues = clean_text("\x07\x07\u202e\u200b\ufffe")
    assert text == ""
    assert issues == ["removed 2 control characters (U+0007)",
                      "removed 1 bidirectional control (U+202E)",
                      "removed 1 invisible character (U+200B)",
                      "removed 1 noncharacter (U+FFFE)"]


def test_a_long_list_of_characters_is_shortened() -> None:
    _, (issue,) = clean_text("".join(chr(code) for code in range(1, 20)
                                     if code not in (9, 10, 11, 12, 13)))
    assert issue.startswith("removed 14 control characters (U+0001, U+0002, ")
    assert issue.endswith(" and 6 more)")


@pytest.mark.parametrize(("text", "cleaned"), [
    ("tab\there", "tab here"),
    ("crlf\r\nline", "crlf\nline"),
    ("cr\rline", "cr\nline"),
    ("nel\x85ls\u2028ps\u2029end", "nel\nls\nps\nend"),
    ("Words \u2028 with a separator", "Words\nwith a separator"),
    ("upgrade\x0bfunded", "upgrade\nfunded"),
    ("page\x0cfeed", "page feed"),
    ("two\t\ttabs", "two tabs"),
    ("  kept  \n  as typed  ", "  kept  \n  as typed  "),
    ("keep\nnewlines", "keep\nnewlines"),
])
def test_whitespace_is_normalised_silently(text: str, cleaned: str) -> None:
    assert clean_text(text) == (cleaned, [])


@pytest.mark.parametrize("text", [
    "日本語のテキスト、句読点。",
    "emoji 😀 and 👨\u200d👩\u200d👧 and 🇯🇵 and ❤\ufe0f",
    "ZWNJ می\u200cخواهم",
    "Latin, “quotes” — dashes – and café",
    "",
])
def test_ordinary_text_is_kept(text: str) -> None:
    assert clean_text(text) == (text, [])


def test_text_is_normalised_to_nfc() -> None:
    assert clean_text("cafe\u0301 \u304b\u3099") == ("café が", [])


def test_cjk_compatibility_ideographs_keep_their_shape() -> None:
    assert clean_text("\uf929\u0301e\u0301") == ("\uf929\u0301é", [])


def test_surrogate_pairs_written_as_escapes_become_their_character() -> None:
    assert clean_text("\ud83d\ude00!") == ("😀!", [])


def test_cleaning_a_large_text_is_fast() -> None:
    text = ("ordinary words, 日本語も。 " * 40_000) + "\x07"
    started = time.perf_counter()
    cleaned, issues = clean_text(text)
    assert time.perf_counter() - started < 2
    assert issues == ["removed 1 control character (U+0007)"]
    assert len(cleaned) == len(text) - 1


# --- characters YAML cannot read --------------------------------------------------------------


def test_clean_source_reports_each_character_once_at_its_first_place() -> None:
    text, issues = clean_source("a: x\x07y\nb: \x0c\x07\x1b\n")
    assert text == "a: xy\nb: \x0c\n"  # a form feed is read, and becomes a space later
    assert issues == [(1, 5, "removed 2 control characters (U+0007)"),
                      (2, 6, "removed 1 control character (U+001B)")]


def test_clean_source_removes_exactly_what_the_yaml_reader_refuses() -> None:
    # Oracle: PyYAML's own test of printable characters (YAML 1.1, 5.1), over every code
    # point; the loader reads U+000B and U+000C inside values, so they stay, and the line
    # and paragraph separators become U+000B (tested above).
    refused = yaml.reader.Reader.NON_PRINTABLE
    every = "".join(chr(point) for point in range(0x110000) if point not in (0x2028, 0x2029))
    kept, _ = clean_source(every)
    expected = "".join(c for c in every if not refused.match(c) or c in "\x0b\x0c")
    assert kept == expected


def test_raw_control_characters_are_removed_with_their_place(tmp_path: Path) -> None:
    path = write(tmp_path, b"title: Bell\x07 and\x0bfeed\n" + SECTIONS.encode())
    loaded = load_outline(path)
    assert loaded.outline.title == "Bell and\nfeed"  # a soft return is a line break
    assert tuple(map(str, loaded.warnings)) == (
        f"{path}:1:12: removed 1 control character (U+0007)",)


# --- through the loader -----------------------------------------------------------------------


def test_escaped_characters_are_cleaned_with_warnings_at_their_values(tmp_path: Path) -> None:
    path = write(tmp_path, (
        'title: "Bell\\a \\u202Eevil\\u202C"\n'
        "sections:\n"
        "  - title: A\n"
        "    points:\n"
        '      - "zero\\u200Bwidth \\uFFFF \\uD800"\n'
    ))
    loaded = load_outline(path)
    assert loaded.outline.title == "Bell evil"
    assert loaded.outline.sections[0].points[0].text == "zerowidth"
    assert tuple(map(str, loaded.warnings)) == (
        f"{path}:1:8: removed 1 control character (U+0007)",
        f"{path}:1:8: removed 2 bidirectional controls (U+202E, U+202C)",
        f"{path}:5:9: removed 1 invisible character (U+200B)",
        f"{path}:5:9: removed 1 noncharacter (U+FFFF)",
        f"{path}:5:9: removed 1 lone surrogate (U+D800)",
    )


def test_keys_are_cleaned_too(tmp_path: Path) -> None:
    path = write(tmp_path, "title\u200b: T\n" + SECTIONS)
    loaded = load_outline(path)
    assert loaded.outline.title == "T"
    assert tuple(map(str, loaded.warnings)) == (
        f"{path}:1:1: removed 1 invisible character (U+200B)",)


def test_a_value_with_only_invisible_characters_is_empty(tmp_path: Path) -> None:
    path = write(tmp_path, 'title: "\\u200B\\u202E"\n' + SECTIONS)
    with pytest.raises(OutlineError) as caught:
        load_outline(path)
    assert caught.value.format_message() == f"{path}:1:8: title: must not be empty"


def test_clean_text_leaves_nothing_xml_cannot_hold() -> None:
    every = "".join(chr(code) for code in range(0x110000))
    cleaned, _ = clean_text(every)
    element = etree.Element("t")
    element.text = cleaned
    assert etree.fromstring(etree.tostring(element)).text == cleaned


# --- glyph coverage ---------------------------------------------------------------------------


def test_uncovered_characters_are_removed_in_one_warning() -> None:
    source = outline(title="Plan 😀 ahead", summary=["★ first", "second ✓"],
                     sections=[{"title": "A", "points": ["one 👍🏽", {"text": "two",
                                                                   "points": ["sub ★"]}]}])
    cleaned, warnings = drop_uncovered(source, latin_only, Path("o.yaml"))
    assert cleaned.title == "Plan ahead"
    assert cleaned.summary == ["first", "second"]
    assert cleaned.sections[0].points[0].text == "one"
    assert cleaned.sections[0].points[1].points == ["sub"]
    assert warnings == [(
        "removed 5 characters the fonts cannot show: 😀 (U+1F600), ★ (U+2605), ✓ (U+2713), "
        "👍🏽 (U+1F44D U+1F3FD) (in title, summary[0], summary[1], sections[0].points[0].text, "
        "sections[0].points[1].points[0])", ("title",))]


def test_cleaning_keeps_the_order_a_section_is_written_in() -> None:
    source = outline(sections=[{"title": "A", "figures": [{"value": "4", "label": "up ★"}],
                                "quote": {"text": "Q"}, "points": ["one 👍"]}])
    cleaned, _ = drop_uncovered(source, latin_only, Path("o.yaml"))
    assert cleaned.sections[0].slide_kinds == ("figures", "quote", "bullets")
    assert cleaned.sections[0].points[0].text == "one"


def test_emoji_sequences_go_whole() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    cleaned, ((warning, _),) = drop_uncovered(outline(title=f"a {family} b 🇯🇵 c"),
                                              latin_only, Path("o.yaml"))
    assert cleaned.title == "a b c"
    assert "U+1F468 U+200D U+1F469 U+200D U+1F467" in warning
    assert "🇯🇵 (U+1F1EF U+1F1F5)" in warning


def test_fields_that_are_names_or_addresses_are_left_alone() -> None:
    source = outline(sources=[{"title": "Report", "url": "https://example.com/★"}],
                     sections=[{"title": "A", "points": ["one"], "notes": "say 😀",
                                "image": {"path": "★.png", "alt": "a ★", "caption": "c ★"}}])
    cleaned, _ = drop_uncovered(source, latin_only, Path("o.yaml"))
    section = cleaned.sections[0]
    assert section.notes == "say 😀"
    assert section.image is not None
    assert (section.image.path, section.image.alt, section.image.caption) == ("★.png", "a ★", "c")
    assert cleaned.sources[0].url == "https://example.com/★"


def test_an_outline_the_fonts_cover_is_returned_unchanged() -> None:
    source = outline(title="Plain title")
    assert drop_uncovered(source, latin_only, Path("o.yaml")) == (source, [])


def test_a_field_left_empty_is_refused_by_name() -> None:
    source = outline(title="😀", sections=[{"title": "A", "points": ["ok", "★ ✓"]}])
    with pytest.raises(OutlineError) as caught:
        drop_uncovered(source, latin_only, Path("o.yaml"))
    assert caught.value.format_message().splitlines() == [
        "o.yaml: title: '😀' has only characters the fonts cannot show; write it in words",
        "o.yaml: sections[0].points[1].text: '★ ✓' has only characters the fonts cannot "
        "show; write it in words"]


def test_the_bundled_fonts_lack_emoji_but_cover_japanese() -> None:
    noto = FontFile(BUNDLED_FAMILY, bundled_font_path())
    measurer = Measurer(noto, noto)
    source = outline(title="日本の安全保障 😀 — “NATO”")
    cleaned, ((warning, _),) = drop_uncovered(source, measurer.covers, Path("o.yaml"))
    assert cleaned.title == "日本の安全保障 — “NATO”"
    assert "😀 (U+1F600)" in warning


# --- line breaks inside a value ---------------------------------------------------------------

LINE_BREAKS = (
    "title: 防衛協力\n"
    "sections:\n"
    "  - title: Budget\n"
    "    points:\n"
    "      - |\n"
    "        Written as a block:\n"
    "        two lines, one point\n"
    "      - \"Pasted from PowerPoint: upgrade\x0bfunded\"\n"
    "      - plain with a separator\u2028on the next line\n"
    "      - \"escaped \\L and \\v and a \\f feed\"\n"
    "      - text: 予算\x0b増額\n"
    "        points: [\"sub\u2029point\"]\n"
    "    notes: |\n"
    "      First line of the notes.\n"
    "      Second line.\n"
    "sources:\n"
    "  - title: \"Report\x0bPart two\"\n"
    "    note: \"page\x0c12\"\n"
)


def test_line_breaks_stay_inside_points_notes_and_sources(tmp_path: Path) -> None:
    path = write(tmp_path, LINE_BREAKS.encode())
    loaded = load_outline(path)
    section = loaded.outline.sections[0]
    assert [p.text for p in section.points] == [
        "Written as a block:\ntwo lines, one point",
        "Pasted from PowerPoint: upgrade\nfunded",
        "plain with a separator\non the next line",
        "escaped\nand\nand a feed",
        "予算\n増額",
    ]
    assert section.points[4].points == ["sub\npoint"]
    assert section.notes == "First line of the notes.\nSecond line."
    assert loaded.outline.sources[0].title == "Report\nPart two"
    assert loaded.outline.sources[0].note == "page 12"
    assert loaded.warnings == ()  # breaks are not removed characters


def test_a_separator_typed_into_the_file_keeps_later_positions(tmp_path: Path) -> None:
    path = write(tmp_path, ("title: T\u2028more\nsections:\n  - title: A\n"
                            "    pointz: [a]\n").encode())
    with pytest.raises(OutlineError) as caught:
        load_outline(path)
    assert caught.value.format_message().startswith(f"{path}:4:5: sections[0]: unknown key")
