"""Decks on small templates made in code, one per behaviour (``behaviours.py``): each is
checked for the one thing its template exercises, on the deck's own XML."""

from __future__ import annotations

import pytest
from lxml import etree
from pptx import Presentation

from briefing.api import Options, build
from briefing.geometry import Box
from briefing.report import BuildReport

from . import behaviours
from .templates import checks

NS = {"p": behaviours.P, "a": behaviours.A}
EMU = behaviours.EMU
OUTLINE = """title: Behaviour check
lang: en
date: 2026-11-26
organization: Test organisation
classification: INTERNAL
summary: [The first takeaway, The second takeaway]
sections:
  - title: Plain points
    part: The first part
    points: [A first plain point, A second plain point, A third plain point with more words]
  - title: Two sides
    columns:
      - {title: For, points: [Cheaper to run]}
      - {title: Against, points: [Riskier to start]}
  - title: Key figures
    figures:
      - {value: "1949", label: Founded}
      - {value: "32", label: Members}
"""


class Deck:
    """A deck built on one made template: report, slides and their XML."""

    def __init__(self, report: BuildReport) -> None:
        self.report = report
        self.path = next(p for p in report.written if p.suffix == ".pptx")
        self.parts = checks.read_parts(self.path)
        self.prs = Presentation(str(self.path))

    def slides(self) -> list[etree._Element]:
        """Return the root element of every slide, in order."""
        return [checks.parse(self.parts[n]) for n in checks.slide_names(self.parts)]

    def layout_name(self, number: int) -> str:
        """Return the name of the layout slide ``number`` (1-based) is drawn on."""
        return str(self.prs.slides[number - 1].slide_layout.name)


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Deck]:
    """Return the small outline built on every made template."""
    folder = tmp_path_factory.mktemp("behaviours")
    outline = folder / "talk.yaml"
    outline.write_text(OUTLINE, "utf-8")
    built = {}
    for index, (name, make) in enumerate(behaviours.MAKERS.items()):
        template = make(folder / f"template{index}.pptx")
        report = build(outline, Options(out_dir=folder / f"out{index}", template=template,
                                         summary=False))
        built[name] = Deck(report)
    return built


def shape_boxes(slide: etree._Element) -> list[tuple[str, Box]]:
    """Return (name, box in points) of every shape with its own geometry on a slide."""
    found = []
    for shape in slide.find("p:cSld/p:spTree", NS):  # type: ignore[union-attr]
        off = shape.find(".//a:xfrm/a:off", NS)
        ext = shape.find(".//a:xfrm/a:ext", NS)
        name = shape.find(".//p:cNvPr", NS)
        if off is None or ext is None or name is None:
            continue
        found.append((str(name.get("name")), Box(int(off.get("x")) / EMU, int(off.get("y")) / EMU,
                                                  int(ext.get("cx")) / EMU,
                                                  int(ext.get("cy")) / EMU)))
    return found


def placeholder_runs(slide: etree._Element, *kinds: str) -> list[etree._Element]:
    """Return the run properties of the placeholders of ``kinds`` on a slide."""
    runs = []
    for shape in slide.iter(f"{{{behaviours.P}}}sp"):
        ph = shape.find(".//p:ph", NS)
        if ph is not None and ph.get("type", "obj") in kinds:
            runs.extend(shape.iter(f"{{{behaviours.A}}}rPr"))
    return runs


def test_a_dark_template_keeps_its_own_text_colours(decks: dict[str, Deck]) -> None:
    deck = decks["dark"]
    explicit = [r for slide in deck.slides()
                for r in placeholder_runs(slide, "title", "body", "obj", "ctrTitle")
                if r.find("a:solidFill", NS) is not None]
    assert not explicit, "placeholder text carries a colour of its own on a dark template"
    said = [w for w in map(str, deck.report.warnings) if "reads at" in w]
    # its text colours all read; its link colour (python-pptx's 0000FF) does not, and the
    # deck's copy of its theme gets one that does
    assert [w for w in said if "links are drawn in #" not in w] == []
    assert len(said) == 1 and "hlink (#0000FF), which reads at 2.0:1" in said[0]
    drawn = [fill for slide in deck.slides() for properties in slide.iter(f"{{{behaviours.P}}}spPr")
             for fill in properties.iter(f"{{{behaviours.A}}}srgbClr")]
    assert not drawn, "drawn shapes are filled with colours outside the template's scheme"


def test_content_keeps_clear_of_decorations(decks: dict[str, Deck]) -> None:
    deck = decks["decorated"]
    logo = Box(*behaviours.LOGO_BOX)
    problems = []
    for number, slide in enumerate(deck.slides(), start=1):
        for name, box in shape_boxes(slide):
            if box.intersection(logo) is not None:
                problems.append(f"slide {number}: {name} {box} overlaps the master's logo")
            layout = deck.layout_name(number)
            crosses = box.y < behaviours.RULE_Y < box.bottom and box.x < 684 and box.right > 36
            if layout == "Title and Content" and crosses:
                problems.append(f"slide {number}: {name} {box} crosses the layout's rule")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", ["centred", "right"])
def test_titles_keep_the_template_alignment(decks: dict[str, Deck], name: str) -> None:
    deck = decks[name]
    for slide in deck.slides():
        for shape in slide.iter(f"{{{behaviours.P}}}sp"):
            ph = shape.find(".//p:ph", NS)
            if ph is not None and ph.get("type") == "title":
                aligned = [p.get("algn") for p in shape.iter(f"{{{behaviours.A}}}pPr")
                           if p.get("algn") is not None]
                assert not aligned, f"the title overrides the template's alignment: {aligned}"


def test_picture_only_layouts_get_bullets_in_a_text_box(decks: dict[str, Deck]) -> None:
    deck = decks["picture-only"]
    width, height = (v / EMU for v in checks.slide_size(deck.parts))
    texts = " ".join(t.text or "" for slide in deck.slides()
                     for t in slide.iter(f"{{{behaviours.A}}}t"))
    assert "A third plain point with more words" in texts
    for number, slide in enumerate(deck.slides(), start=1):
        for name, box in shape_boxes(slide):
            assert box.w > 0 and box.h >= 0, f"slide {number}: {name} has size {box}"
            assert Box(0, 0, width, height).contains(box, 1.0), f"slide {number}: {name} {box}"


def test_a_tiny_body_box_is_an_anchor_not_the_content_area(decks: dict[str, Deck]) -> None:
    deck = decks["tiny-bodies"]
    bodies = [box for slide in deck.slides() for name, box in shape_boxes(slide)
              if name.startswith("Content Placeholder")]
    assert bodies and all(box.h > 150 for box in bodies), bodies


def test_furniture_is_drawn_where_a_layout_has_no_footer_placeholders(
        decks: dict[str, Deck]) -> None:
    deck = decks["no-footers"]
    for number, slide in enumerate(deck.slides(), start=1):
        texts = "".join(t.text or "" for t in slide.iter(f"{{{behaviours.A}}}t"))
        fields = [f for f in slide.iter(f"{{{behaviours.A}}}fld") if f.get("type") == "slidenum"]
        assert "INTERNAL" in texts, f"slide {number} lacks the classification"
        assert fields, f"slide {number} lacks its slide number"


def test_content_goes_on_the_master_that_leaves_room(decks: dict[str, Deck]) -> None:
    deck = decks["several-masters"]
    masters = checks.related(deck.parts, "ppt/presentation.xml", checks.REL_MASTER)
    for number, slide in enumerate(deck.prs.slides, start=1):
        master = slide.slide_layout.slide_master
        panel = [s for s in master.shapes if s.name == "Panel"]
        layout = slide.slide_layout.name
        if layout in ("Title and Content", "Two Content", "Title Only"):
            assert not panel, f"slide {number} ({layout}) sits on the master's colour panel"
    assert len(masters) >= 1


def test_macros_never_reach_a_pptx(decks: dict[str, Deck]) -> None:
    deck = decks["macros"]
    assert not [n for n in deck.parts if "vbaProject" in n]
    types = deck.parts["[Content_Types].xml"].decode()
    assert "macroEnabled" not in types and "vbaProject" not in types
    said = [w for w in map(str, deck.report.warnings) if "macros" in w]
    assert len(said) == 1 and "left out" in said[0], said  # once, in the one "left out" line


@pytest.mark.parametrize(("name", "size"), [("4:3", (720, 540)), ("16:10", (960, 600)),
                                            ("720x405", (720, 405))])
def test_the_deck_has_the_template_slide_size(decks: dict[str, Deck], name: str,
                                              size: tuple[int, int]) -> None:
    deck = decks[name]
    width, height = (v / EMU for v in checks.slide_size(deck.parts))
    assert (round(width), round(height)) == size
    for number, slide in enumerate(deck.slides(), start=1):
        for shape, box in shape_boxes(slide):
            assert Box(0, 0, width, height).contains(box, 1.0), f"slide {number}: {shape} {box}"


def test_the_checks_can_fail() -> None:
    """Planted faults: a box over the logo, and a title with its own alignment."""
    logo = Box(*behaviours.LOGO_BOX)
    assert Box(600, 420, 50, 20).intersection(logo) is not None
    root = etree.fromstring(
        f'<p:sp xmlns:p="{behaviours.P}" xmlns:a="{behaviours.A}"><p:nvSpPr><p:cNvPr id="2" '
        'name="T"/><p:cNvSpPr/><p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr><p:txBody>'
        '<a:bodyPr/><a:p><a:pPr algn="l"/></a:p></p:txBody></p:sp>')
    assert [p.get("algn") for p in root.iter(f"{{{behaviours.A}}}pPr") if p.get("algn")]
