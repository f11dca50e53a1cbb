"""The link colour of a deck on a template: the template's where it reads, else one that does,
written into the deck's copy of the theme."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from briefing.theme.design import design_of
from briefing.theme.links import with_link_color
from briefing.theme.template import read_template
from briefing.theme.tokens import load_theme
from tests.wcag import contrast_ratio

WILD = Path(__file__).resolve().parents[2].parent / "shared" / "templates-wild"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
THEME = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         b'<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="T">'
         b'<a:themeElements><a:clrScheme name="S"><a:hlink><a:srgbClr val="0563C1"/></a:hlink>'
         b'<a:folHlink><a:sysClr val="windowText" lastClr="000000"/></a:folHlink>'
         b'</a:clrScheme></a:themeElements></a:theme>')


def links_of(data: bytes) -> dict[str, list[tuple[str, str, str | None]]]:
    """Return the link colours (slot, colour element, value) of every theme part in ``data``."""
    found = {}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if name.startswith("ppt/theme/"):
                root = etree.fromstring(package.read(name))
                found[name] = [(slot, etree.QName(child).localname, child.get("val"))
                               for slot in ("hlink", "folHlink")
                               for element in root.iter(f"{A}{slot}") for child in element]
    return found


def test_the_link_colours_of_every_theme_are_replaced_and_nothing_else() -> None:
    source = io.BytesIO()
    with zipfile.ZipFile(source, "w") as package:
        package.writestr("ppt/theme/theme1.xml", THEME)
        package.writestr("ppt/theme/theme2.xml", THEME)
        package.writestr("ppt/slides/slide1.xml", b"<keep/>")
    data = with_link_color(source.getvalue(), "96bee5")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.read("ppt/slides/slide1.xml") == b"<keep/>"
        for name in ("ppt/theme/theme1.xml", "ppt/theme/theme2.xml"):
            root = etree.fromstring(package.read(name))
            for slot in ("hlink", "folHlink"):
                (element,) = root.iter(f"{A}{slot}")
                assert [(c.tag, c.get("val")) for c in element] == [(f"{A}srgbClr", "96BEE5")]


@pytest.mark.parametrize(("name", "reads"), [
    ("peczwy__DbConf2015.potx", False),  # #0563C1 on navy
    ("Penguin8885__PP_template.pptx", True),  # on white
])
def test_a_templates_link_colour_is_kept_only_where_it_reads(name: str, reads: bool) -> None:
    template = read_template(WILD / name)
    design = design_of(template, load_theme("default"), builtin=False)
    assert design.links is not None
    if reads:
        assert design.links.replacement is None
        assert design.deck_data is template.data
        return
    chosen = design.links.replacement
    assert chosen is not None
    # the deck's theme names it; on the design's background it reads as WCAG asks
    assert set(map(tuple, links_of(design.deck_data).values())) == {
        (("hlink", "srgbClr", chosen.rgb), ("folHlink", "srgbClr", chosen.rgb))}
    assert contrast_ratio(chosen.rgb, design.theme.color("background").rgb) >= 4.5
    assert contrast_ratio(template.palette.slot_rgb("hlink"),
                          design.theme.color("background").rgb) < 4.5
