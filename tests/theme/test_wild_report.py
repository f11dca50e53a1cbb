"""What the build report and ``template inspect`` say about real templates (``../shared/
templates-wild``, provenance in its SOURCES.md): only about slides the deck has, each thing
once, with the numbers it acts on, and the same typefaces in the header as in the notes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pptx import Presentation

from briefing.api import Options, build, describe_template
from briefing.color import required_contrast

WILD = Path(__file__).resolve().parents[2].parent / "shared" / "templates-wild"
PENGUIN = "Penguin8885__PP_template.pptx"
NYU = "Daniel-Chin__NYU-Shanghai-PPT-Template.potx"
CEPLAN = "ceplan__template-slides.potm"
MTES = "MTES-MCT__otelo-back.pptx"
CONTRAST = re.compile(r"colour (.+?) \(#(\w{6})\) reads at ([\d.]+):1.*?; set in (.+?) "
                      r"\(#(\w{6})\) \(([\d.]+):1\) instead")


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory,
          seed_outlines: dict[str, Path]) -> dict[str, tuple[Path, list[str]]]:
    """Return (deck, warnings) of the Japanese seed built on a few real templates."""
    if not WILD.is_dir():
        pytest.fail(f"the real templates are missing from {WILD}")
    folder = tmp_path_factory.mktemp("wildreport")
    found = {}
    for index, name in enumerate((PENGUIN, NYU, CEPLAN, MTES)):
        report = build(seed_outlines["ja"], Options(out_dir=folder / str(index),
                                                    template=WILD / name, summary=False))
        deck = next(p for p in report.written if p.suffix == ".pptx")
        found[name] = (deck, [w.message for w in report.warnings])
    return found


def _titles(deck: Path) -> set[str]:
    """Return the titles the deck's slides show, without line breaks or spaces."""
    shown = set()
    for slide in Presentation(str(deck)).slides:
        title = slide.shapes.title
        if title is not None:
            shown.add(re.sub(r"\s", "", title.text_frame.text))
    return shown


@pytest.mark.parametrize("name", [PENGUIN, MTES, CEPLAN])
def test_title_warnings_name_only_titles_on_slides(decks: dict[str, tuple[Path, list[str]]],
                                                   name: str) -> None:
    deck, warnings = decks[name]
    shown = _titles(deck)
    named = [m.group(1) for w in warnings if (m := re.match(r"title '(.+)' set at", w))]
    strays = [t for t in named if re.sub(r"\s", "", t.rstrip("…")) not in shown
              and not any(s.startswith(re.sub(r"\s", "", t.rstrip("…"))) for s in shown)]
    assert not strays, (strays, sorted(shown))


def test_a_template_title_box_too_small_is_still_reported(
        decks: dict[str, tuple[Path, list[str]]]) -> None:
    """The titles placed on slides keep their warnings (the box is set for fewer lines)."""
    _, warnings = decks[PENGUIN]
    assert any(w.startswith("title '要点' set at") for w in warnings), warnings


@pytest.mark.parametrize("name", [PENGUIN, NYU, CEPLAN, MTES])
def test_contrast_warnings_act_on_what_they_say(decks: dict[str, tuple[Path, list[str]]],
                                                name: str) -> None:
    """A colour is reported replaced only by another colour, and a ratio that reaches WCAG's
    threshold is reported only with the margin that made the colour change."""
    _, warnings = decks[name]
    for warning in warnings:
        assert "text text" not in warning, warning
        found = CONTRAST.search(warning)
        if found is None:
            continue
        _, old_rgb, ratio, _, new_rgb, new_ratio = found.groups()
        assert old_rgb != new_rgb, warning
        assert float(new_ratio) > float(ratio), warning
        # the warning does not give the text's size, and a title may be set anywhere from
        # 30 pt down (MTES's cover title at 19 pt, in a narrow box): a ratio reaches WCAG for
        # text of any size at the body text's 4.5:1
        if float(ratio) >= required_contrast(10.0):
            assert "WCAG asks" in warning and "within" in warning, warning


def test_footers_of_a_layout_changed_alike_are_named_in_one_warning(
        decks: dict[str, tuple[Path, list[str]]]) -> None:
    """ceplan's footer and slide number placeholders share one pale colour: a layout's
    footers changed alike are one warning, named as a reader knows them, not by placeholder
    type (dt, ftr, sldNum)."""
    _, warnings = decks[CEPLAN]
    footers = [w for w in warnings if "footer text colour" in w or "number text colour" in w]
    assert any(re.match(r"layout '[^']+': footer and slide number text colour ", w)
               for w in footers), footers
    assert not [w for w in footers if re.search(r"\b(dt|ftr|sldNum) ", w)], footers


def test_a_marking_the_cover_cannot_show_is_named_with_its_slide(
        decks: dict[str, tuple[Path, list[str]]]) -> None:
    """Penguin's title layout has no footer placeholders and no room at the bottom."""
    _, warnings = decks[PENGUIN]
    assert "layout 'タイトル スライド' has no footer placeholders and no free space at the " \
        "bottom: '政策調査部 · 社内限り' is not shown on the cover slide" in warnings, warnings


def test_a_font_named_for_headings_and_text_is_one_warning(
        decks: dict[str, tuple[Path, list[str]]]) -> None:
    """Penguin names メイリオ for both: each thing said of it is said once for both."""
    _, warnings = decks[PENGUIN]
    fonts = [w for w in warnings if "メイリオ" in w]
    assert len(fonts) == 2 and all("Penguin8885__PP_template.pptx: headings and text: font "
                                   "'メイリオ' is not installed" in w for w in fonts), fonts


def test_penguin_header_pairing_that_reads_is_not_reported(
        decks: dict[str, tuple[Path, list[str]]]) -> None:
    _, warnings = decks[PENGUIN]
    assert not [w for w in warnings if "column title text colour" in w], warnings


def test_the_byline_is_one_size(decks: dict[str, tuple[Path, list[str]]]) -> None:
    """NYU's title layout has one placeholder per byline line at 28, 20 and 28 pt: the lines
    are a row, set at one size (the largest at which all fit), reported once."""
    deck, warnings = decks[NYU]
    cover = Presentation(str(deck)).slides[0]
    outline_lines = ("国際安全保障チーム", "政策調査部", "2026年11月26日")
    sizes = {}
    for shape in cover.shapes:
        if shape.has_text_frame and shape.text_frame.text in outline_lines \
                and shape.is_placeholder:
            runs = [r for p in shape.text_frame.paragraphs for r in p.runs]
            sizes[shape.text_frame.text] = {r.font.size.pt for r in runs if r.font.size}
    assert set(sizes) == set(outline_lines), sizes
    assert len(set().union(*sizes.values())) == 1, sizes
    assert len([w for w in warnings if w.startswith("byline")]) <= 1, warnings


def test_macros_are_reported_once_in_the_left_out_line(
        decks: dict[str, tuple[Path, list[str]]]) -> None:
    _, warnings = decks[CEPLAN]
    said = [w for w in warnings if "macros" in w]
    assert len(said) == 1 and "left out" in said[0], said


@pytest.mark.parametrize("name", [MTES, PENGUIN, NYU])
def test_inspect_header_names_the_typefaces_its_notes_name(name: str) -> None:
    """Each typeface a note says is measured, stood in for or missing is the one the header
    names for that style and script."""
    lines = describe_template(WILD / name)
    header = {line.split(":")[0].strip(): line for line in lines[1:3]}
    assert set(header) == {"headings", "text"}, lines[:3]
    for note in (line for line in lines if line.startswith("  note: ")):
        found = re.match(r"  note: (headings|text): (?:font )?'([^']+)'", note)
        if found is None:
            continue
        style, face = found.groups()
        script = "Japanese" if "Japanese text" in note else "Latin"
        part = header[style].split(f"{script} ", 1)[1].split(";")[0]
        assert f"'{face}'" in part, (note, header[style])
        if "measured with" in note:
            assert note.split("measured with ")[1] in part, (note, header[style])
        if "is not installed" in note or "has no Japanese" in note:
            why = "is not installed" if "is not installed" in note else "has no Japanese"
            assert why in part, (note, header[style])
