"""Decks built in each made template, rendered by LibreOffice: the same checks as the built-in
theme's decks get. Text stays in its boxes and on the slide, lines stay apart, breaks follow
kinsoku."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from briefing.text.breaking import NO_LINE_END, NO_LINE_START
from briefing.text.fonts import find_system_font, resolve_font

from . import templates
from .templates import TemplateFiles, checks

pytestmark = pytest.mark.render

template_files = templates.template_files

SEEDS = ("ja", "en")
CASES = [f"{name}-{seed}" for name, seed in itertools.product(templates.TEMPLATE_NAMES, SEEDS)]
TOLERANCE = 2.0  # points a line may stray outside its shape's box
OVERLAP_AREA = 1.0  # square points two lines may share before they count as overlapping

Rendered = dict[str, "list[checks.SlideText] | str"]


def em_of(parts: dict[str, bytes]) -> tuple[float, float]:
    """Return the (ascent, descent) in em of the East Asian face the deck's runs name."""
    family = checks.east_asian_face(parts)
    font = find_system_font(family) or resolve_font(family)
    return checks.em_box_of(font.path, font.index)


@pytest.fixture(scope="module")
def rendered(template_files: TemplateFiles, seed_outlines: dict[str, Path],
             tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """Return each seed built in each template, autofit off, rendered in one LibreOffice run
    and read back; a template that cannot be made here maps to the reason instead."""
    checks.need_libreoffice()
    folder = tmp_path_factory.mktemp("template-render")
    result: Rendered = {}
    copies = {}
    for name, seed in itertools.product(templates.TEMPLATE_NAMES, SEEDS):
        case = f"{name}-{seed}"
        try:
            built = template_files.deck(name, seed_outlines[seed])
        except pytest.skip.Exception as skipped:
            result[case] = str(skipped)
            continue
        copies[case] = checks.switch_off_autofit(checks.read_parts(built.path))
        checks.write_parts(copies[case], folder / f"{case}.pptx")
    checks.convert_to_pdf([folder / f"{case}.pptx" for case in copies], folder)
    for case, parts in copies.items():
        result[case] = checks.read_rendered(parts, folder / f"{case}.pdf", em_of(parts))
    return result


def slides_of(rendered: Rendered, case: str) -> list[checks.SlideText]:
    """Return the rendered slides of ``case``, skipping when its template could not be made."""
    slides = rendered[case]
    if isinstance(slides, str):
        pytest.skip(slides)
    assert slides and all(slide.lines for slide in slides), f"{case}: a slide rendered no text"
    return slides


def listing(problems: list[str]) -> str:
    """Return problems one per line for an assertion message."""
    return f"{len(problems)} problem(s):\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("case", CASES)
def test_text_lines_lie_inside_their_shapes(rendered: Rendered, case: str) -> None:
    problems = checks.lines_outside_shapes(slides_of(rendered, case), TOLERANCE)
    assert not problems, listing(problems)


@pytest.mark.parametrize("case", CASES)
def test_text_lines_lie_on_the_slide(rendered: Rendered, case: str) -> None:
    problems = checks.lines_off_slide(slides_of(rendered, case))
    assert not problems, listing(problems)


@pytest.mark.parametrize("case", CASES)
def test_text_lines_do_not_overlap(rendered: Rendered, case: str) -> None:
    problems = checks.overlapping_lines(slides_of(rendered, case), OVERLAP_AREA)
    assert not problems, listing(problems)


@pytest.mark.parametrize("case", CASES)
def test_line_breaks_follow_kinsoku(rendered: Rendered, case: str) -> None:
    problems = checks.kinsoku_breaks(slides_of(rendered, case), NO_LINE_START, NO_LINE_END)
    assert not problems, listing(problems)
