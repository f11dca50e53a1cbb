"""Corporate templates: reading them, choosing layouts by what they hold, building decks in
them, and refusing files that cannot serve as one."""

from __future__ import annotations

import io
import itertools
import posixpath
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from lxml import etree
from openxml_audit import ValidationSeverity, validate_pptx
from pptx import Presentation

from briefing.api import Options, build
from briefing.cli import main
from briefing.errors import BriefingError, OutlineError, TemplateError
from briefing.theme.design import design_of
from briefing.theme.roles import choose_roles
from briefing.theme.template import BODY_KINDS, Layout, Template, read_template
from briefing.theme.tokens import load_theme

from . import templates
from .templates import BuiltDeck, MadeTemplate, TemplateFiles, checks

NS = checks.NS
template_files = templates.template_files
made_template = templates.made_template

SEEDS = ("ja", "en")
VERTICAL = {"vert", "vert270", "eaVert", "wordArtVert", "wordArtVertRtl", "mongolianVert"}
LAYOUT_PART = f"{checks.R}/slideLayout"
SMALL_OUTLINE: dict[str, Any] = {
    "title": "Template check", "lang": "en", "date": "2026-11-26",
    "organization": "Test organisation", "classification": "INTERNAL",
    "sections": [
        {"title": "Plain points", "points": ["First plain point", "Second plain point"]},
        {"title": "Two sides", "columns": [
            {"title": "For", "points": ["Cheaper to run"]},
            {"title": "Against", "points": ["Riskier to start"]}]},
    ],
}


def listing(problems: list[str]) -> str:
    """Return problems one per line for an assertion message."""
    return f"{len(problems)} problem(s):\n  " + "\n  ".join(problems)


def write_outline(folder: Path, changes: dict[str, Any] | None = None,
                  sections: list[dict[str, Any]] | None = None) -> Path:
    """Write the small outline, with ``changes`` and ``sections`` if given, into ``folder``."""
    outline = {**SMALL_OUTLINE, **(changes or {})}
    if sections is not None:
        outline["sections"] = sections
    path = folder / "small.yaml"
    path.write_text(yaml.safe_dump(outline, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


def invoke(*args: str | Path) -> Result:
    """Return the result of running ``briefing`` with ``args``."""
    return CliRunner().invoke(main, [str(arg) for arg in args])


def output_of(result: Result) -> str:
    """Return everything a CLI run printed, standard output and error together."""
    return result.output


# --- reading templates and choosing layouts ---------------------------------------------------

@pytest.fixture(scope="module")
def read(made_template: MadeTemplate) -> tuple[MadeTemplate, Template, dict[str, Layout],
                                               list[str]]:
    """Return each made template, what read_template makes of it and the layouts chosen."""
    template = read_template(made_template.path)
    design = design_of(template, load_theme("default"), builtin=False)
    roles = choose_roles(template)
    return made_template, template, roles.chosen, list(design.notes)


def vertical_layouts(template: Template) -> set[int]:
    """Return the indexes of layouts whose placeholders set text vertically."""
    prs = Presentation(io.BytesIO(template.data))
    found = set()
    for index, layout in enumerate(prs.slide_layouts):
        for body_pr in layout._element.iter(f"{{{checks.A}}}bodyPr"):
            if body_pr.get("vert", "horz") in VERTICAL:
                found.add(index)
    return found


def describe(layout: Layout) -> str:
    """Return a layout's name and placeholders for assertion messages."""
    return f"[{layout.index}] {layout.name}: " + ", ".join(
        f"{p.kind}@{p.box.x:.0f},{p.box.y:.0f} {p.box.w:.0f}x{p.box.h:.0f}"
        for p in layout.placeholders)


def test_read_template_gives_the_slide_size(read: Any) -> None:
    made, template, _, _ = read
    assert (round(template.width * checks.EMU_PER_PT),
            round(template.height * checks.EMU_PER_PT)) == made.size


def test_read_template_lists_every_layout_by_its_own_name(read: Any) -> None:
    made, template, _, _ = read
    prs = Presentation(io.BytesIO(template.data))
    assert [layout.name for layout in template.layouts] == \
        [layout.name for layout in prs.slide_layouts]
    if made.name == "japanese-16x10":
        assert {layout.name for layout in template.layouts} == set(templates.JAPANESE_NAMES)


def test_read_template_counts_the_sample_slides(read: Any) -> None:
    made, template, _, _ = read
    assert template.slide_count == made.sample_slides


def test_title_layout_has_a_centred_title(read: Any) -> None:
    made, _, chosen, _ = read
    layout = chosen["title"]
    kinds = {p.kind for p in layout.placeholders}
    assert made.title_kind in kinds, describe(layout)
    if made.title_kind == "title":  # LibreOffice writes title slides as title + subtitle
        assert "subTitle" in kinds, describe(layout)


def test_content_layout_has_a_title_above_one_wide_body(read: Any) -> None:
    _, template, chosen, _ = read
    layout = chosen["content"]
    titles, bodies = layout.of_kind("title"), layout.of_kind(*BODY_KINDS)
    assert len(titles) == 1 and len(bodies) == 1, describe(layout)
    title, body = titles[0].box, bodies[0].box
    assert title.bottom <= body.y + 1, f"the title is not above the body: {describe(layout)}"
    assert body.w >= template.width / 2, f"the body is narrow: {describe(layout)}"
    assert layout.index not in vertical_layouts(template), f"vertical text: {describe(layout)}"


def test_two_content_layout_has_two_bodies_side_by_side(read: Any) -> None:
    _, template, chosen, _ = read
    layout = chosen["two_content"]
    titles, bodies = layout.of_kind("title"), layout.of_kind(*BODY_KINDS)
    assert len(titles) == 1 and len(bodies) == 2, describe(layout)
    left, right = sorted((p.box for p in bodies), key=lambda box: box.x)
    assert left.right <= right.x + 1, f"the bodies are not side by side: {describe(layout)}"
    assert abs(left.y - right.y) < 2 and abs(left.h - right.h) < 2, \
        f"the bodies are not level: {describe(layout)}"
    assert 0.8 <= left.w / right.w <= 1.25, f"the bodies differ in width: {describe(layout)}"
    assert titles[0].box.bottom <= min(left.y, right.y) + 1, describe(layout)
    assert layout.index not in vertical_layouts(template), f"vertical text: {describe(layout)}"


def test_title_only_layout_holds_only_a_title(read: Any) -> None:
    _, _, chosen, _ = read
    layout = chosen["title_only"]
    assert len(layout.of_kind("title")) == 1, describe(layout)
    assert not layout.of_kind(*BODY_KINDS, "pic", "subTitle"), describe(layout)


def test_no_slide_role_gets_a_layout_with_vertical_text(read: Any) -> None:
    _, template, chosen, _ = read
    vertical = vertical_layouts(template)
    problems = [f"{role}: {describe(layout)}" for role, layout in chosen.items()
                if layout.index in vertical]
    assert not problems, listing(problems)


def test_layouts_are_chosen_by_what_they_hold_not_by_name_or_order(read: Any) -> None:
    # The Japanese template names its layouts in Japanese and lists them in reverse order.
    made, _, chosen, _ = read
    problems = [f"{role}: chose '{chosen[role].name}', expected '{name}'"
                for role, name in made.roles.items() if chosen[role].name != name]
    assert not problems, listing(problems)


def test_missing_roles_are_noted_and_present_ones_are_not(read: Any) -> None:
    made, _, _, notes = read
    for role in ("title", "content", "two_content", "title_only"):
        assert not [note for note in notes if f"for {role.replace('_', ' ')} slides" in note]
    if "section" not in made.roles:
        assert [note for note in notes if "for section slides" in note], notes


def test_theme_colours_and_fonts_are_read(template_files: TemplateFiles) -> None:
    made = template_files.get("japanese-16x10")
    template = read_template(made.path)
    assert {slot: template.palette.slots.get(slot) for slot in made.colors} == made.colors
    fonts = template.fonts
    assert (fonts.minor_latin, fonts.minor_east_asian) == ("Noto Sans JP", "Noto Sans JP")


def test_template_inspect_lists_every_layout(made_template: MadeTemplate) -> None:
    result = invoke("template", "inspect", made_template.path)
    assert result.exit_code == 0, output_of(result)
    for layout in read_template(made_template.path).layouts:
        assert layout.name in result.output


# --- decks built in each template -------------------------------------------------------------

class Built:
    """A built deck with its parts, the template it was built in and the outline's data."""

    def __init__(self, built: BuiltDeck) -> None:
        self.built = built
        self.made = built.template
        self.parts = checks.read_parts(built.path)
        self.template_parts = checks.read_parts(built.template.path)
        self.outline: dict[str, Any] = yaml.safe_load(built.outline.read_text(encoding="utf-8"))
        self.template = read_template(built.template.path)
        self.design = design_of(self.template, load_theme("default"), builtin=False)

    def slides(self) -> list[tuple[int, str, etree._Element]]:
        """Return (number, part name, root) for every slide in presentation order."""
        return [(number, name, checks.parse(self.parts[name]))
                for number, name in enumerate(checks.slide_names(self.parts), start=1)]

    def layout_of(self, slide: str) -> etree._Element:
        """Return the root of the layout a slide is built on."""
        return checks.parse(self.parts[checks.related(self.parts, slide, LAYOUT_PART)[0]])

    def __repr__(self) -> str:
        return f"{self.made.name}:{self.built.outline.name}"


@pytest.fixture(scope="module", params=list(itertools.product(templates.TEMPLATE_NAMES, SEEDS)),
                ids=lambda param: f"{param[0]}-{param[1]}")
def deck(request: pytest.FixtureRequest, template_files: TemplateFiles,
         seed_outlines: dict[str, Path]) -> Built:
    """Return each seed outline built with each template."""
    name, seed = request.param
    return Built(template_files.deck(name, seed_outlines[seed]))


def layout_names(parts: dict[str, bytes]) -> list[str]:
    """Return the names of the first master's layouts, in the master's order."""
    master = checks.related(parts, "ppt/presentation.xml", checks.REL_MASTER)[0]
    root = checks.parse(parts[master])
    rels = checks.parse(parts[checks.rels_name_of(master)])
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iterfind("pr:Relationship",
                                                                             NS)}
    names = []
    for entry in root.iterfind("p:sldLayoutIdLst/p:sldLayoutId", NS):
        target = targets[entry.get(f"{{{checks.R}}}id")]
        part = posixpath.normpath(posixpath.join(posixpath.dirname(master), target))
        layout = checks.parse(parts[part]).find("p:cSld", NS)
        assert layout is not None
        names.append(layout.get("name", ""))
    return names


def master_shapes(parts: dict[str, bytes]) -> list[str]:
    """Return the names of the shapes on the first master that are not placeholders."""
    master = checks.related(parts, "ppt/presentation.xml", checks.REL_MASTER)[0]
    tree = checks.parse(parts[master]).find("p:cSld/p:spTree", NS)
    assert tree is not None
    return [str(c_nv_pr.get("name")) for shape in tree
            if (c_nv_pr := shape.find("./*/p:cNvPr", NS)) is not None
            and shape.find("./*/p:nvPr/p:ph", NS) is None]


def schemes(parts: dict[str, bytes]) -> bytes:
    """Return the colour and font schemes of the first master's theme, serialised."""
    master = checks.related(parts, "ppt/presentation.xml", checks.REL_MASTER)[0]
    theme = checks.parse(parts[checks.related(parts, master, checks.REL_THEME)[0]])
    return b"".join(etree.tostring(theme.find(f".//a:{name}", NS))
                    for name in ("clrScheme", "fontScheme"))


def test_deck_has_the_template_slide_size(deck: Built) -> None:
    assert checks.slide_size(deck.parts) == deck.made.size


def test_deck_keeps_the_layouts_its_slides_use_under_their_names(deck: Built) -> None:
    kept = layout_names(deck.parts)
    assert set(kept) <= set(layout_names(deck.template_parts))
    used = {deck.layout_of(name).find("p:cSld", NS).get("name", "")  # type: ignore[union-attr]
            for _, name, _ in deck.slides()}
    assert set(kept) == used, "the deck keeps layouts no slide uses"
    assert len(checks.related(deck.parts, "ppt/presentation.xml", checks.REL_MASTER)) == 1


def test_deck_keeps_the_template_master_shapes_and_theme(deck: Built) -> None:
    assert master_shapes(deck.parts) == master_shapes(deck.template_parts)
    assert schemes(deck.parts) == schemes(deck.template_parts)


@pytest.mark.parametrize("seed", SEEDS)
def test_master_logo_is_kept(template_files: TemplateFiles, seed_outlines: dict[str, Path],
                             seed: str) -> None:
    deck = Built(template_files.deck("japanese-16x10", seed_outlines[seed]))
    assert deck.made.logo is not None
    master = checks.related(deck.parts, "ppt/presentation.xml", checks.REL_MASTER)[0]
    root = checks.parse(deck.parts[master])
    pictures = [pic for pic in root.iterfind("p:cSld/p:spTree/p:pic", NS)
                if pic.find("p:nvPicPr/p:cNvPr", NS).get("name") == deck.made.logo]
    assert len(pictures) == 1, f"{deck.made.logo!r} is not on the master"
    blip = pictures[0].find(".//a:blip", NS)
    assert blip is not None
    rid = blip.get(f"{{{checks.R}}}embed")
    targets = {rel.rid: rel.target for rel in checks.relationships(deck.parts)
               if rel.source == master}
    assert rid in targets and targets[rid] in deck.parts
    assert deck.parts[targets[rid]] == templates.logo_png()


def slide_texts(deck: Built) -> str:
    """Return the text of every slide and notes page, normalised."""
    texts = []
    for name in sorted(deck.parts):
        if name.startswith(("ppt/slides/", "ppt/notesSlides/")) and name.endswith(".xml"):
            root = checks.parse(deck.parts[name])
            texts.append("".join(t.text or "" for t in root.iter(f"{{{checks.A}}}t")))
    return checks.normalise("".join(texts))


def test_template_sample_slides_are_left_out(deck: Built) -> None:
    assert len(checks.slide_names(deck.parts)) == deck.built.report.slides
    text = slide_texts(deck)
    leftovers = [sample for sample in deck.made.sample_texts if checks.normalise(sample) in text]
    assert not leftovers, f"sample slide text in the deck: {leftovers}"
    slides = [name for name in deck.parts
              if name.startswith("ppt/slides/slide") and name.endswith(".xml")]
    assert len(slides) == deck.built.report.slides, "slide parts that no slide list names"


def test_deck_is_a_presentation_not_a_template(deck: Built) -> None:
    types = checks.parse(deck.parts["[Content_Types].xml"])
    main = {o.get("PartName"): o.get("ContentType") for o in types.iterfind("ct:Override", NS)}
    assert main["/ppt/presentation.xml"] == templates.PRESENTATION_MAIN


def test_every_slide_title_is_in_a_title_placeholder(deck: Built) -> None:
    problems = []
    for number, name, slide in deck.slides():
        title = checks.title_text(slide)
        if title is None or not title.strip():
            problems.append(f"slide {number} ({name}): no title placeholder with text")
        drawn = [shape for shape in slide.iterfind("p:cSld/p:spTree/p:sp", NS)
                 if checks.placeholder_type(shape) is None
                 and shape.find("p:nvSpPr/p:cNvPr", NS).get("name") == "Title"]
        if drawn:
            problems.append(f"slide {number} ({name}): the title is drawn as a text box")
    assert not problems, listing(problems)


def placeholder_texts(slide: etree._Element, *kinds: str) -> list[str]:
    """Return the normalised text of each placeholder of ``kinds`` ('body' = untyped too)."""
    texts = []
    for shape in slide.iterfind("p:cSld/p:spTree/p:sp", NS):
        ph = shape.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if ph is not None and ph.get("type", "obj") in kinds:
            texts.append(checks.normalise("".join(
                checks.paragraph_text(p) for p in shape.iterfind("p:txBody/a:p", NS))))
    return texts


def point_text(point: Any) -> str:
    """Return the text of an outline point (a string or a mapping with ``text``)."""
    return str(point["text"] if isinstance(point, dict) else point)


def test_content_slides_fill_the_template_content_placeholders(deck: Built) -> None:
    comparison = deck.design.for_kind("comparison")
    wanted = {deck.design.for_kind("bullets").layout.name: 1,
              comparison.layout.name: len(comparison.bodies) + len(comparison.heads)}
    problems = []
    for number, name, slide in deck.slides():
        layout = deck.layout_of(name).find("p:cSld", NS)
        count = wanted.get(layout.get("name", "") if layout is not None else "")
        if count is None:
            continue
        filled = [text for text in placeholder_texts(slide, *BODY_KINDS) if text]
        if len(filled) != count:
            problems.append(f"slide {number}: {len(filled)} filled body placeholders, "
                            f"the layout has {count}")
    assert not problems, listing(problems)


def test_bullets_and_columns_are_in_content_placeholders(deck: Built) -> None:
    slides = [(checks.normalise(checks.title_text(slide) or ""),
               placeholder_texts(slide, *BODY_KINDS)) for _, _, slide in deck.slides()]
    problems, checked = [], 0
    for section in deck.outline["sections"]:
        if section.get("image"):
            continue
        title = checks.normalise(section["title"])
        texts = [point_text(p) for p in section.get("points") or []]
        texts += [point_text(column["points"][0]) for column in section.get("columns") or []]
        for text in texts[:1] + texts[-1:]:
            checked += 1
            key = checks.normalise(text)
            if not any(slide_title.startswith(title[:8]) and any(key in body for body in bodies)
                       for slide_title, bodies in slides):
                problems.append(f"section {section['title']!r}: {text!r} is in no content "
                                "placeholder of its slides")
    assert checked, "the outline has no bullet or comparison sections"
    assert not problems, listing(problems)


def test_footers_go_into_the_template_footer_placeholders(deck: Built) -> None:
    classification = checks.normalise(str(deck.outline.get("classification") or ""))
    problems = []
    for number, name, slide in deck.slides():
        layout = deck.layout_of(name)
        offered = {checks.placeholder_type(shape) for shape in layout.iterfind(".//p:sp", NS)}
        if "sldNum" in offered:
            numbers = [fld for shape in slide.iterfind("p:cSld/p:spTree/p:sp", NS)
                       if checks.placeholder_type(shape) == "sldNum"
                       for fld in shape.iterfind(".//a:fld", NS)]
            if not numbers or numbers[0].get("type") != "slidenum":
                problems.append(f"slide {number}: no slide-number field in a sldNum placeholder")
        if "ftr" in offered:
            footers = placeholder_texts(slide, "ftr")
            if not footers or classification not in footers[0]:
                problems.append(f"slide {number}: footer placeholder {footers} lacks the "
                                f"classification {classification!r}")
    assert not problems, listing(problems)


def test_no_empty_placeholder_is_left_on_a_slide(deck: Built) -> None:
    problems = []
    for number, _, slide in deck.slides():
        for shape in slide.iterfind("p:cSld/p:spTree/p:sp", NS):
            kind = checks.placeholder_type(shape)
            text = "".join(t.text or "" for t in shape.iter(f"{{{checks.A}}}t"))
            if kind is not None and not text.strip():
                problems.append(f"slide {number}: empty {kind} placeholder "
                                f"{shape.find('p:nvSpPr/p:cNvPr', NS).get('name')!r}")
    assert not problems, listing(problems)


def test_deck_matches_the_ooxml_schemas(deck: Built) -> None:
    # What the template's own parts already break (LibreOffice writes bullet sizes as
    # numbers where the schema wants percentages) is the template's, not the build's.
    inherited = set(checks.schema_errors(deck.template_parts))
    problems = [error for error in checks.schema_errors(deck.parts) if error not in inherited]
    assert not problems, listing(problems)


def test_openxml_audit_reports_no_errors(deck: Built) -> None:
    result = validate_pptx(deck.built.path)
    problems = [f"{error.part_uri} {error.path}: {error.description}"
                for error in result.errors if error.severity == ValidationSeverity.ERROR]
    assert result.is_valid and not problems, listing(problems)


def test_relationships_and_content_types_are_complete(deck: Built) -> None:
    problems = [f"{rel.source or '(package)'} {rel.rid} -> {rel.target}"
                for rel in checks.relationships(deck.parts)
                if not rel.external and rel.target not in deck.parts]
    problems += checks.uncovered_parts(deck.parts)
    assert not problems, listing(problems)


# --- naming a layout in the outline -----------------------------------------------------------

def slide_layout_names(path: Path) -> dict[str, str]:
    """Return the layout name of each slide of a deck, keyed by its title (normalised)."""
    prs = Presentation(str(path))
    return {checks.normalise(slide.shapes.title.text_frame.text if slide.shapes.title else ""):
            slide.slide_layout.name for slide in prs.slides}


@pytest.mark.parametrize(("name", "asked", "expected"), [
    ("python-pptx", "title only", "Title Only"),
    ("japanese-16x10", "タイトル付きのコンテンツ", "タイトル付きのコンテンツ"),
])
def test_a_section_can_name_its_layout(template_files: TemplateFiles, tmp_path: Path,
                                       name: str, asked: str, expected: str) -> None:
    made = template_files.get(name)
    sections = [{**SMALL_OUTLINE["sections"][0], "layout": asked},
                *SMALL_OUTLINE["sections"][1:]]
    outline = write_outline(tmp_path, sections=sections)
    report = build(outline, Options(out_dir=tmp_path / "out", template=made.path,
                                    summary=False))
    deck = next(path for path in report.written if path.suffix == ".pptx")
    layouts = slide_layout_names(deck)
    assert layouts[checks.normalise("Plain points")] == expected
    design = design_of(read_template(made.path), load_theme("default"), builtin=False)
    assert layouts[checks.normalise("Two sides")] == design.for_kind("comparison").layout.name


def test_the_outline_can_name_the_template(template_files: TemplateFiles,
                                           tmp_path: Path) -> None:
    made = template_files.get("python-pptx")
    shutil.copyfile(made.path, tmp_path / "corp.pptx")
    outline = write_outline(tmp_path, {"template": "corp.pptx"})
    report = build(outline, Options(out_dir=tmp_path / "out", summary=False))
    deck = next(path for path in report.written if path.suffix == ".pptx")
    assert checks.slide_size(checks.read_parts(deck)) == made.size


def test_a_misspelt_layout_is_an_error_listing_the_layouts(template_files: TemplateFiles,
                                                           tmp_path: Path) -> None:
    made = template_files.get("python-pptx")
    sections = [{**SMALL_OUTLINE["sections"][0], "layout": "Title and Contnet"}]
    outline = write_outline(tmp_path, sections=sections)
    with pytest.raises(OutlineError) as caught:
        build(outline, Options(out_dir=tmp_path / "out", template=made.path, summary=False))
    message = caught.value.format_message()
    assert message.startswith(f"{outline}:")  # at the section's layout: line
    assert "Title and Contnet" in message and "sections[0].layout" in message
    assert "did you mean 'Title and Content'" in message
    for layout in read_template(made.path).layouts:
        assert layout.name in message
    result = invoke("build", outline, "--template", made.path, "--out-dir", tmp_path / "cli")
    assert result.exit_code == 1
    assert "Title and Contnet" in output_of(result) and "Two Content" in output_of(result)
    assert "Traceback" not in output_of(result)
    assert not (tmp_path / "cli").exists() or not list((tmp_path / "cli").iterdir())


# --- templates that lack something ------------------------------------------------------------

def test_a_template_without_two_content_layouts_builds_and_says_so(
        template_files: TemplateFiles, tmp_path: Path) -> None:
    made = template_files.get("python-pptx")
    lacking = templates.without_layouts(made.path, tmp_path / "lacking.pptx",
                                        lambda layout: templates.body_count(layout) >= 2)
    template = read_template(lacking)
    assert all(len(layout.of_kind(*BODY_KINDS)) < 2 for layout in template.layouts)
    design = design_of(template, load_theme("default"), builtin=False)
    outline = write_outline(tmp_path)
    report = build(outline, Options(out_dir=tmp_path / "out", template=lacking, summary=False))
    notes = [w for w in map(str, report.warnings) if "two content" in w]
    assert notes and design.role("two_content").layout.name in notes[0], report.warnings
    deck = next(path for path in report.written if path.suffix == ".pptx")
    text = checks.normalise("".join(
        shape.text_frame.text for slide in Presentation(str(deck)).slides
        for shape in slide.shapes if shape.has_text_frame))
    for words in ("For", "Against", "Cheaper to run", "Riskier to start", "First plain point"):
        assert checks.normalise(words) in text
    result = invoke("build", outline, "--template", lacking, "--out-dir", tmp_path / "cli")
    assert result.exit_code == 0, output_of(result)
    assert "the template has no layout made for two content slides" in result.output


# --- files that are no template ---------------------------------------------------------------

UNUSABLE = {
    "text file": (templates.not_a_zip, "not a PowerPoint file"),
    "plain zip": (templates.plain_zip, "not a PowerPoint file"),
    "Word document": (templates.word_document, "not a PowerPoint presentation"),
}


@pytest.mark.parametrize("kind", [*UNUSABLE, "no layouts", "missing file"])
def test_an_unusable_template_is_a_clean_error(kind: str, template_files: TemplateFiles,
                                               tmp_path: Path) -> None:
    if kind == "no layouts":
        bad = templates.with_no_layouts(template_files.get("python-pptx").path,
                                        tmp_path / "bad.pptx")
        expected = "no slide layouts"
    elif kind == "missing file":
        bad, expected = tmp_path / "absent.pptx", "not found"
    else:
        make, expected = UNUSABLE[kind]
        bad = make(tmp_path / "bad.pptx")
    with pytest.raises(TemplateError, match=expected):
        read_template(bad)
    outline = write_outline(tmp_path)
    with pytest.raises(BriefingError, match=expected):
        build(outline, Options(out_dir=tmp_path / "api", template=bad, summary=False))
    result = invoke("build", outline, "--template", bad, "--out-dir", tmp_path / "cli")
    printed = output_of(result)
    assert result.exit_code == 1, printed
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert expected in printed and str(bad.name) in printed
    assert "Traceback" not in printed and "internal error" not in printed
    inspect = invoke("template", "inspect", bad)
    assert inspect.exit_code == 1 and expected in output_of(inspect)


# --- analysed templates kept between runs --------------------------------------------------------

WILD_TEMPLATE = Path(__file__).resolve().parents[2].parent / "shared" / "templates-wild" / \
    "ceplan__template-slides.pptx"


def _forget_read_templates() -> None:
    """Forget the templates this process read, as a new process would."""
    from briefing import api
    from briefing.theme import template as module

    module._READ.clear()
    api._BUILTIN.clear()


def test_a_new_process_reads_the_analysed_template_from_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import briefing.theme.design as design
    import briefing.theme.package as package
    import briefing.theme.roles as roles

    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    copy = tmp_path / "corporate.pptx"
    shutil.copyfile(WILD_TEMPLATE, copy)
    _forget_read_templates()
    made = read_template(copy)
    theme = load_theme("default")
    made_design = design_of(made, theme, builtin=False)
    _forget_read_templates()

    def refuse(*_: Any) -> None:
        raise AssertionError("analysed again")

    monkeypatch.setattr(package, "read_package", refuse)
    monkeypatch.setattr(roles, "render_backdrop", refuse)
    monkeypatch.setattr(design, "_role_layout", refuse)
    stored = read_template(copy)
    assert stored is not made and stored == made
    assert design_of(stored, theme, builtin=False) == made_design
    monkeypatch.undo()
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    elsewhere = tmp_path / "same-bytes.pptx"
    shutil.copyfile(WILD_TEMPLATE, elsewhere)
    assert read_template(elsewhere).path == elsewhere  # named by where it was read
    _forget_read_templates()


def test_a_changed_template_file_is_analysed_again(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.api import base_template

    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "corporate.pptx"
    shutil.copyfile(WILD_TEMPLATE, path)
    _forget_read_templates()
    read_template(path)
    shutil.copyfile(base_template(), path)  # another template under the same name
    _forget_read_templates()
    read, afresh = read_template(path), _read_afresh(path)
    # Compared but for the cleaned package's bytes, whose zip entries are dated when cleaned.
    assert (read.layouts, read.masters, read.width) == (afresh.layouts, afresh.masters,
                                                        afresh.width)
    _forget_read_templates()


def _read_afresh(path: Path) -> Template:
    """Return the template at ``path`` read with no cache (the oracle)."""
    from briefing.theme.package import read_package
    from briefing.theme.reader import read_design

    return read_design(read_package(path))


def test_the_built_in_deck_is_stored_for_each_theme(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.api import builtin_template

    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    themes = [load_theme(name) for name in ("default", "dark")]
    _forget_read_templates()
    afresh = [builtin_template(theme) for theme in themes]
    _forget_read_templates()
    stored = [builtin_template(theme) for theme in themes]
    assert afresh[0].layouts[0].background != afresh[1].layouts[0].background
    assert [t.layouts for t in stored] == [t.layouts for t in afresh]
    _forget_read_templates()


def test_a_deck_on_a_stored_template_is_the_deck_made_afresh(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_outlines: dict[str, Path]) -> None:
    from briefing.layout.summary.compose import KEPT_BLOCKS
    from briefing.render.pptx import DRAWN

    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    decks: dict[tuple[str, str], bytes] = {}
    for run in ("afresh", "stored"):
        _forget_read_templates()
        DRAWN.clear()
        KEPT_BLOCKS.clear()
        for name, template in (("wild", WILD_TEMPLATE), ("built-in", None)):
            out = tmp_path / run / name
            build(seed_outlines["en"], Options(out_dir=out, summary=False, template=template))
            decks[run, name] = (out / "nato-japan.en.pptx").read_bytes()
    assert decks["afresh", "wild"] == decks["stored", "wild"]
    assert decks["afresh", "built-in"] == decks["stored", "built-in"]
    assert len(list((tmp_path / "cache" / "templates").iterdir())) == 2
    _forget_read_templates()


def test_a_title_grows_down_no_further_than_a_rule_under_it() -> None:
    """NaoyaMurata60's title (8.2 pt down, 38.75 pt tall, read here with python-pptx) sits
    over a green bar 45.87 pt down: a title box that grew over the bar set its text on it."""
    path = checks.ROOT.parent / "shared" / "templates-wild" / "NaoyaMurata60__SlideProducer.pptx"
    layout = next(layout for layout in Presentation(str(path)).slide_layouts
                  if layout.name == "タイトルとコンテンツ")
    title = next(shape for shape in layout.placeholders if shape.placeholder_format.idx == 0)
    bar = next(shape for shape in layout.shapes if shape.name == "正方形/長方形 7")
    own_bottom = (title.top + title.height) / 12700
    design = design_of(read_template(path), load_theme("default"), builtin=False)
    box = design.roles["content"].title.box  # type: ignore[union-attr]
    assert box.bottom <= own_bottom + 0.01  # not grown: the bar is right under it
    assert box.h >= title.height / 12700 - 0.01  # and not narrowed for the bar either
    assert bar.top / 12700 > box.y + box.h / 2 + 10  # its centre line clear of the bar
