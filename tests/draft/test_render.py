"""The drafted decks rendered by LibreOffice: no render findings (every line in its shape and
on the slide, no overlaps, kinsoku kept), with autofit switched off so nothing hides overflow."""

from __future__ import annotations

from pathlib import Path

import pptx_checks as checks
import pytest
from lxml import etree

from briefing.text.breaking import NO_LINE_END, NO_LINE_START
from briefing.text.fonts import find_system_font, resolve_font

from .conftest import ARTICLES, Drafted

pytestmark = pytest.mark.render

TOLERANCE = 2.0  # points a line may stray outside its shape's box (as for the seed decks)
OVERLAP_AREA = 1.0


@pytest.fixture(scope="module")
def rendered(drafted: dict[str, Drafted], tmp_path_factory: pytest.TempPathFactory,
             ) -> dict[str, list[checks.SlideText]]:
    """Return each drafted deck, autofit off, rendered in one LibreOffice run and read back."""
    checks.need_libreoffice()
    folder = tmp_path_factory.mktemp("rendered-drafts")
    copies = {}
    for name, draft in drafted.items():
        copies[name] = checks.switch_off_autofit(checks.read_parts(draft.deck))
        checks.write_parts(copies[name], folder / f"{name}.pptx")
    checks.convert_to_pdf([folder / f"{name}.pptx" for name in copies], folder)
    found = {}
    for name, parts in copies.items():
        family = checks.east_asian_face(parts)
        font = find_system_font(family) or resolve_font(family)
        found[name] = checks.read_rendered(parts, folder / f"{name}.pdf",
                                           checks.em_box_of(font.path, font.index))
    return found


def findings(slides: list[checks.SlideText]) -> list[str]:
    """Return every render finding of a deck."""
    assert slides and all(slide.lines for slide in slides)
    return [*checks.lines_outside_shapes(slides, TOLERANCE), *checks.lines_off_slide(slides),
            *checks.overlapping_lines(slides, OVERLAP_AREA),
            *checks.kinsoku_breaks(slides, NO_LINE_START, NO_LINE_END)]


@pytest.mark.parametrize("name", list(ARTICLES))
def test_drafted_deck_has_no_render_findings(rendered: dict[str, list[checks.SlideText]],
                                             name: str) -> None:
    problems = findings(rendered[name])
    assert not problems, "\n".join(problems)


def test_the_render_check_can_fail(drafted: dict[str, Drafted], tmp_path: Path) -> None:
    """Planted fault: a drafted slide whose body box is made tiny is reported."""
    checks.need_libreoffice()
    parts = checks.switch_off_autofit(checks.read_parts(drafted["seed"].deck))
    name = "ppt/slides/slide5.xml"  # the first bullet slide: NATOの成立背景
    root = checks.parse(parts[name])
    body = next(sp for sp in root.iter(f"{{{checks.P}}}sp")
                if sp.find(f".//{{{checks.P}}}ph[@idx='1']") is not None)
    properties = body.find(f"{{{checks.P}}}spPr")
    assert properties is not None
    for old in list(properties):
        if old.tag == f"{{{checks.A}}}xfrm":
            properties.remove(old)
    properties.insert(0, etree.fromstring(
        f'<a:xfrm xmlns:a="{checks.A}"><a:off x="609600" y="1676400"/>'
        '<a:ext cx="1270000" cy="254000"/></a:xfrm>'))
    parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    checks.write_parts(parts, tmp_path / "broken.pptx")
    checks.convert_to_pdf([tmp_path / "broken.pptx"], tmp_path)
    family = checks.east_asian_face(parts)
    font = find_system_font(family) or resolve_font(family)
    slides = checks.read_rendered(parts, tmp_path / "broken.pdf",
                                  checks.em_box_of(font.path, font.index))
    assert checks.lines_outside_shapes(slides, TOLERANCE)
