"""A picture shows only the part of its image its source rectangle keeps (``a:srcRect``):
that part fills its box, so a cropped logo is an obstacle over its whole box, for content and
for the footer line drawn on layouts without footer placeholders."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

from briefing.api import Options, build
from briefing.geometry import Box
from briefing.theme.roles import layout_backdrop
from briefing.theme.template import read_template

from . import altered

OUTLINE = """title: Cropped logo check
lang: en
date: 2026-11-26
organization: Policy Research Department
classification: Internal
sections:
  - title: Plain points
    points: [First point, Second point]
"""
EMU_PER_PT = 12700
LOGO = Box(*(v / EMU_PER_PT for v in altered.LOGO_EMU))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the template with a cropped logo on its title layout."""
    folder = tmp_path_factory.mktemp("cropped")
    return altered.with_cropped_logo(folder / "source.pptx", folder / "logo.pptx")


def test_the_crop_is_read_as_shares_of_the_picture(template: Path) -> None:
    layout = read_template(template).layouts[0]
    logo = next(p for p in layout.paints if p.name == "Cropped logo")
    assert logo.fill.crop == pytest.approx((0.10, 0.30, 0.10, 0.30))


def test_a_cropped_logo_covers_its_whole_box(template: Path) -> None:
    loaded = read_template(template)
    backdrop = layout_backdrop(loaded, loaded.layouts[0])
    # The kept part of the image is opaque from edge to edge (altered.cropped_logo_png):
    # shown cropped, it fills the box; its right tenth would be empty if drawn uncropped.
    right_tenth = Box(LOGO.x + 0.9 * LOGO.w + 1, LOGO.y + 2, 0.1 * LOGO.w - 2, LOGO.h - 4)
    assert backdrop.covered(right_tenth) > 0.95
    assert backdrop.covered(Box(LOGO.x + 2, LOGO.y + 2, LOGO.w - 4, LOGO.h - 4)) > 0.95


def test_the_drawn_footer_keeps_clear_of_a_cropped_logo(template: Path, tmp_path: Path) -> None:
    outline = tmp_path / "talk.yaml"
    outline.write_text(OUTLINE, "utf-8")
    build(outline, Options(out_dir=tmp_path / "out", template=template, summary=False))
    cover = Presentation(str(tmp_path / "out" / "talk.pptx")).slides[0]
    footers = [s for s in cover.shapes if s.name == "Footer"]
    assert footers, [s.name for s in cover.shapes]
    for footer in footers:
        box = Box(Emu(footer.left).pt, Emu(footer.top).pt, Emu(footer.width).pt,
                  Emu(footer.height).pt)
        apart = (box.x >= LOGO.right or box.right <= LOGO.x or box.y >= LOGO.bottom
                 or box.bottom <= LOGO.y)
        assert apart, (box, LOGO)


@pytest.mark.parametrize(("attributes", "crop"), [
    ('l="10000" t="30000" r="10000" b="30000"', (0.10, 0.30, 0.10, 0.30)),  # transitional
    ('l="10%" t="30%" r="10%" b="30%"', (0.10, 0.30, 0.10, 0.30)),  # strict
    ('l="-5000" r="20000"', (0.0, 0.0, 0.20, 0.0)),  # space around: no crop on that side
    ('l="60000" r="50000"', (0.0, 0.0, 0.0, 0.0)),  # nothing left: ignored
])
def test_source_rectangles_are_read_in_both_notations(attributes: str,
                                                      crop: tuple[float, ...]) -> None:
    from lxml import etree

    from briefing.theme.reader import _source_rect

    fill = etree.fromstring(f'<p:blipFill xmlns:p="{altered.P}" xmlns:a="{altered.A}">'
                            f'<a:srcRect {attributes}/></p:blipFill>')
    assert _source_rect(fill) == pytest.approx(crop)
