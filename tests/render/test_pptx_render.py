"""Decks rendered by LibreOffice: text stays in its boxes and on the slide, apart, kinsoku-clean.

Autofit is switched off in a copy first, so the renderer cannot hide overflow by shrinking.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pptx_checks as checks
import pytest
from lxml import etree

from briefing.api import Options, build
from briefing.text.breaking import NO_LINE_END, NO_LINE_START
from briefing.text.fonts import find_system_font, resolve_font

pytestmark = pytest.mark.render

DECKS = ("ja", "en", "ja-dark")
TOLERANCE = 2.0  # points a line may stray outside its shape's box
OVERLAP_AREA = 1.0  # square points two lines may share before they count as overlapping


def em_of(parts: dict[str, bytes]) -> tuple[float, float]:
    """Return the (ascent, descent) in em of the East Asian face the deck's runs name."""
    family = checks.east_asian_face(parts)
    font = find_system_font(family) or resolve_font(family)
    return checks.em_box_of(font.path, font.index)


@pytest.fixture(scope="module")
def rendered(built_decks: dict[str, Path], seed_outlines: dict[str, Path],
             tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[checks.SlideText]]:
    """Return the seed decks (and the Japanese one in the dark theme), autofit off, rendered
    in one LibreOffice run and read back."""
    checks.need_libreoffice()
    folder = tmp_path_factory.mktemp("rendered")
    build(seed_outlines["ja"], Options(out_dir=folder / "dark", theme="dark", summary=False))
    sources = {**built_decks, "ja-dark": folder / "dark" / "nato-japan.pptx"}
    copies = {}
    for name, path in sources.items():
        copies[name] = checks.switch_off_autofit(checks.read_parts(path))
        checks.write_parts(copies[name], folder / f"{name}.pptx")
    checks.convert_to_pdf([folder / f"{name}.pptx" for name in copies], folder)
    return {name: checks.read_rendered(parts, folder / f"{name}.pdf", em_of(parts))
            for name, parts in copies.items()}


def slides_of(rendered: dict[str, list[checks.SlideText]],
              deck: str) -> list[checks.SlideText]:
    """Return the rendered slides of ``deck``, each with some text."""
    slides = rendered[deck]
    assert slides and all(slide.lines for slide in slides), f"{deck}: a slide rendered no text"
    return slides


def listing(problems: list[str]) -> str:
    """Return problems one per line for an assertion message."""
    return f"{len(problems)} problem(s):\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("deck", DECKS)
def test_text_lines_lie_inside_their_shapes(rendered: dict[str, list[checks.SlideText]],
                                            deck: str) -> None:
    problems = checks.lines_outside_shapes(slides_of(rendered, deck), TOLERANCE)
    assert not problems, listing(problems)


@pytest.mark.parametrize("deck", DECKS)
def test_text_lines_lie_on_the_slide(rendered: dict[str, list[checks.SlideText]],
                                     deck: str) -> None:
    problems = checks.lines_off_slide(slides_of(rendered, deck))
    assert not problems, listing(problems)


@pytest.mark.parametrize("deck", DECKS)
def test_text_lines_do_not_overlap(rendered: dict[str, list[checks.SlideText]],
                                   deck: str) -> None:
    problems = checks.overlapping_lines(slides_of(rendered, deck), OVERLAP_AREA)
    assert not problems, listing(problems)


@pytest.mark.parametrize("deck", DECKS)
def test_line_breaks_follow_kinsoku(rendered: dict[str, list[checks.SlideText]],
                                    deck: str) -> None:
    problems = checks.kinsoku_breaks(slides_of(rendered, deck), NO_LINE_START, NO_LINE_END)
    assert not problems, listing(problems)


def test_the_check_catches_overflow(built_decks: dict[str, Path],
                                    tmp_path: Path) -> None:
    """A deck whose text box is made too small must be reported (the check can fail)."""
    if shutil.which("soffice") is None:
        pytest.skip("soffice (LibreOffice) is not on PATH")
    parts = checks.read_parts(built_decks["en"])
    name = "ppt/slides/slide6.xml"
    root = checks.parse(parts[name])
    body = next(sp for sp in root.iter(f"{{{checks.P}}}sp")
                if sp.find(f".//{{{checks.P}}}ph[@idx='1']") is not None)
    properties = body.find(f"{{{checks.P}}}spPr")
    for old in list(properties):
        if old.tag == f"{{{checks.A}}}xfrm":
            properties.remove(old)
    properties.insert(0, etree.fromstring(
        f'<a:xfrm xmlns:a="{checks.A}"><a:off x="609600" y="1676400"/>'
        '<a:ext cx="1270000" cy="254000"/></a:xfrm>'))
    parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    checks.write_parts(parts, tmp_path / "broken.pptx")
    checks.convert_to_pdf([tmp_path / "broken.pptx"], tmp_path)
    slides = checks.read_rendered(parts, tmp_path / "broken.pdf", em_of(parts))
    assert checks.lines_outside_shapes(slides, TOLERANCE)
