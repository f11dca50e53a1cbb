"""Titles far longer than a slide was made for (the cover, a part, sections): they break
between phrases, balanced, shrink within the theme's sizes with a warning, and never leave
their placeholder, on the built-in theme and on real templates."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import budoux
import pptx_checks as checks
import pytest
import yaml
from pptx_checks import NS

from briefing.api import Options, build
from briefing.report import BuildWarning
from briefing.text.fonts import find_system_font, resolve_font

pytestmark = pytest.mark.render

OUTLINES = Path(__file__).resolve().parents[1] / "outlines"
WILD = checks.ROOT.parent / "shared" / "templates-wild"
TEMPLATES = {"built-in": None,
             "penguin": WILD / "Penguin8885__PP_template.pptx",
             "ceplan": WILD / "ceplan__template-slides.pptx",
             # titles on its cover and part layouts are Arial bold, its others Calibri
             "mtes": WILD / "MTES-MCT__otelo-back.pptx"}
LANGS = ("en", "ja")
ELLIPSIS = checks.normalise("\u2026")  # as the checks compare text: "..."


class Deck(NamedTuple):
    """One built deck: the outline's data, the build's warnings, parts and rendered slides."""

    outline: dict[str, object]
    warnings: tuple[BuildWarning, ...]
    parts: dict[str, bytes]
    slides: list[checks.SlideText]


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Deck]:
    """Return each long-title outline built on each template, rendered in one LibreOffice
    run with autofit switched off."""
    checks.need_libreoffice()
    folder = tmp_path_factory.mktemp("long-titles")
    built = {}
    for template, path in TEMPLATES.items():
        for lang in LANGS:
            outline = OUTLINES / f"long-titles.{lang}.yaml"
            report = build(outline, Options(out_dir=folder / template, template=path,
                                            summary=False))
            deck = next(p for p in report.written if p.suffix == ".pptx")
            parts = checks.switch_off_autofit(checks.read_parts(deck))
            copy = folder / f"{template}-{lang}.pptx"
            checks.write_parts(parts, copy)
            built[template, lang] = (yaml.safe_load(outline.read_text(encoding="utf-8")),
                                     report.warnings, parts, copy)
    checks.convert_to_pdf([copy for *_, copy in built.values()], folder)
    decks = {}
    for key, (outline, warnings, parts, copy) in built.items():
        family = checks.east_asian_face(parts)
        font = find_system_font(family) or resolve_font("Noto Sans JP")
        slides = checks.read_rendered(parts, folder / f"{copy.stem}.pdf",
                                      checks.em_box_of(font.path, font.index))
        decks[key] = Deck(outline, warnings, parts,
                          checks.without_template_text(slides, parts))
    return decks


CASES = [(template, lang) for template in TEMPLATES for lang in LANGS]
# Typesetting quality is checked where a title box is a slide's width. MTES's cover and part
# titles sit in a column 175 pt wide: there its titles must stay in their boxes, whole or cut
# with a warning, but a title of 60 Japanese characters cannot break only between phrases.
WIDE = [template for template in TEMPLATES if template != "mtes"]
WIDE_CASES = [(template, lang) for template, lang in CASES if template in WIDE]


def titles(outline: dict[str, object]) -> list[str]:
    """Return the outline's long titles: the cover's, the part's and the sections'."""
    sections = outline["sections"]
    assert isinstance(sections, list)
    return [str(outline["title"]), str(sections[0]["part"]),
            *(str(section["title"]) for section in sections)]


def title_lines(deck: Deck) -> dict[str, list[str]]:
    """Return the lines of every slide's title placeholder (its explicit breaks), keyed by
    the title's text without them, normalised (``checks.normalise``: no whitespace)."""
    found = {}
    for name in checks.slide_names(deck.parts):
        for shape in checks.parse(deck.parts[name]).iterfind(".//p:sp", NS):
            if checks.placeholder_type(shape) in ("title", "ctrTitle"):
                for paragraph in shape.iterfind("p:txBody/a:p", NS):
                    lines = checks.paragraph_text(paragraph).split("\n")
                    found[checks.normalise("".join(lines))] = lines
    return found


@pytest.mark.parametrize(("template", "lang"), CASES)
def test_long_titles_stay_inside_their_placeholders(decks: dict[tuple[str, str], Deck],
                                                    template: str, lang: str) -> None:
    deck = decks[template, lang]
    problems = checks.lines_outside_shapes(deck.slides, 2.0)
    assert not problems, "\n".join(problems)
    assert not checks.lines_off_slide(deck.slides)


@pytest.mark.parametrize(("template", "lang"), CASES)
def test_a_title_is_shown_whole_or_its_start_with_a_warning(
        decks: dict[tuple[str, str], Deck], template: str, lang: str) -> None:
    """Each long title is on its slide whole, or, when it does not fit its placeholder even
    at 10 pt, its start ended by an ellipsis with a must-fix warning. The cover title and a
    section title of 124 (en) or 67 (ja) characters are always whole; a section title of
    thousands of characters never is."""
    deck = decks[template, lang]
    shown = title_lines(deck)
    overflowed = [w for w in deck.warnings if w.kind == "overflow"]
    for title in titles(deck.outline):
        key = checks.normalise(title)
        if key in shown:
            continue
        starts = [text for text in shown if text.endswith(ELLIPSIS)
                  and key.startswith(text.removesuffix(ELLIPSIS)) and len(text) > 30]
        assert starts, f"{title[:40]!r} is on no slide, whole or cut"
        assert any(w.what and title[:20] in w.what and "shows its start" in w.message
                   for w in overflowed), title[:40]
    cover, _, section, *_, longest = titles(deck.outline)
    assert checks.normalise(cover) in shown and checks.normalise(section) in shown
    assert checks.normalise(longest) not in shown
    assert all(w.must_fix for w in overflowed)


@pytest.mark.parametrize(("template", "lang"), WIDE_CASES)
def test_shrunk_titles_are_reported_with_their_sizes(
        decks: dict[tuple[str, str], Deck], template: str, lang: str) -> None:
    deck = decks[template, lang]
    shrunk = [w for w in deck.warnings if w.kind in ("shrunk", "below_minimum")
              and w.what is not None and w.what.startswith("title")]
    assert len(shrunk) >= 4
    for warning in shrunk:
        assert warning.size_from is not None and warning.size_to is not None
        assert warning.size_to < warning.size_from


@pytest.mark.parametrize("template", WIDE)
def test_japanese_titles_break_between_phrases(decks: dict[tuple[str, str], Deck],
                                               template: str) -> None:
    parser = budoux.load_default_japanese_parser()  # the oracle: BudouX on its own
    checked = 0
    for text, lines in title_lines(decks[template, "ja"]).items():
        if len(lines) < 2 or text.endswith(ELLIPSIS):
            continue
        text = "".join(lines)
        phrases = parser.parse(text)
        bounds = {len("".join(phrases[:i])) for i in range(len(phrases) + 1)}
        ends = {len("".join(lines[:i + 1])) for i in range(len(lines))}
        assert ends <= bounds, lines
        checked += 1
    assert checked >= 3


@pytest.mark.parametrize(("template", "lang"), WIDE_CASES)
def test_wrapped_titles_are_balanced(decks: dict[tuple[str, str], Deck], template: str,
                                     lang: str) -> None:
    """The lines of a wrapped title, as rendered, are of even length: the shortest at least
    half the longest (a greedy fill would leave a stub)."""
    deck = decks[template, lang]
    checked = 0
    for text, lines in title_lines(deck).items():
        if len(lines) < 2 or text.endswith(ELLIPSIS):
            continue
        keys = {checks.normalise(line) for line in lines}
        widths = [line.box.x1 - line.box.x0 for slide in deck.slides for line in slide.lines
                  if slide.key(line) in keys]
        assert len(widths) >= len(lines), (text, widths)
        assert min(widths) >= 0.5 * max(widths), (lines, widths)
        checked += 1
    assert checked >= 3
