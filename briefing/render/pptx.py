"""The PowerPoint backend: draws laid-out pages on a template's layouts (python-pptx).

Text that goes into a template placeholder inherits what the template's styles say (colour,
typefaces, alignment, bullets, margins, insets) unless layout decided otherwise; what the deck
must fix is written explicitly: the size it measured, the exact line pitch it predicted (so
every renderer stacks lines alike), the language of every run. Shapes the deck draws refer to
the template's colour scheme. The deck keeps only the layouts and masters its slides use.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.opc.serialized import PackageWriter
from pptx.oxml.ns import qn as prefixed_name
from pptx.parts.slide import NotesSlidePart
from pptx.util import Emu

from briefing.color import Color
from briefing.geometry import EMU_PER_PT, NO_INSETS, Insets
from briefing.kept import Kept
from briefing.layout.boxes import Page, Paragraph, Picture, Rect, Rule, Shape, TextFrame
from briefing.layout.typeset import HANG_EM
from briefing.render.zipdeflate import ISAL_LEVEL, DeflatingZip
from briefing.text.markup import Span, lines_of, parse_inline
from briefing.xpath import install as install_xpath

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
COMPRESSED = (".png", ".jpeg", ".jpg", ".gif")  # picture formats deflate cannot shrink
# Deflate level for the deck's other members (see zipdeflate: ISA-L deflates them).
DEFLATE_LEVEL = ISAL_LEVEL
SLIDENUM_FIELD_ID = "{6A7E1C55-3C58-4F8B-9C1B-2B7B4E1D0A11}"
LANGS = {"ja": "ja-JP", "en": "en-US"}
SHAPES = {"rect": MSO_SHAPE.RECTANGLE, "roundRect": MSO_SHAPE.ROUNDED_RECTANGLE,
          "ellipse": MSO_SHAPE.OVAL}
FORMATS = {(4, 3): "On-screen Show (4:3)", (16, 9): "On-screen Show (16:9)",
           (16, 10): "On-screen Show (16:10)"}
APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
# Document property fields hold at most 255 characters in PowerPoint's own files.
PROPERTY_LIMIT = 255
# Returns the id of a part's relationship to a hyperlink target, adding it when new.
Linker = Callable[[str], str]


@dataclass(frozen=True)
class DeckInfo:
    """Document properties written into the package."""

    title: str
    subject: str
    author: str
    lang: str
    created: dt.datetime | None
    category: str = ""


@functools.cache
def qn(tag: str) -> str:
    """Return the namespaced name of a prefixed tag (``a:p``): python-pptx's ``qn``, kept
    (about 4,000 calls a deck, each parsing the prefix again otherwise)."""
    return str(prefixed_name(tag))

def emu(points: float) -> Emu:
    """Return ``points`` as EMU."""
    return Emu(round(points * EMU_PER_PT))


def render_pptx(pages: Sequence[Page], template: bytes, info: DeckInfo) -> bytes:
    """Return the .pptx bytes of ``pages`` drawn on the (cleaned) ``template`` package.

    ``page.layout`` is the position of the layout among all layouts of all masters.
    """
    install_xpath()
    prs = Presentation(io.BytesIO(template))
    _ensure_view_properties(prs)
    _number_parts_incrementally(prs)
    layouts = [layout for master in prs.slide_masters for layout in master.slide_layouts]
    notes = _NotesSlides(template)
    for page in pages:
        _draw_page(prs, page, layouts[page.layout], info.lang, notes,
                   _page_key(template, page, info.lang), (template, page.layout))
    _prune_layouts(prs)
    _set_properties(prs, info)
    return _package(_members(prs), len(pages), _notes_count(pages),
                    (int(prs.slide_width), int(prs.slide_height or 1)))


# --- package-level ----------------------------------------------------------------------------

def _ensure_view_properties(prs: object) -> None:
    """Add the view properties part PowerPoint expects when the base deck lacks one."""
    part = prs.part  # type: ignore[attr-defined]
    if any(rel.reltype == RT.VIEW_PROPS for rel in part.rels.values()):
        return
    blob = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<p:viewPr xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
            b'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>')
    view = Part(PackURI("/ppt/viewProps.xml"), CT.PML_VIEW_PROPS, part.package, blob)
    part.relate_to(view, RT.VIEW_PROPS)


def _number_parts_incrementally(prs: object) -> None:
    """Name new parts from running counters instead of rescanning the package for each one.

    The library finds the next free part name by walking every part, which makes a deck of
    n slides with notes cost n squared; counters seeded from one walk give the same names.
    """
    package = prs.part.package  # type: ignore[attr-defined]
    taken = {str(part.partname) for part in package.iter_parts()}
    counters: dict[str, int] = {}

    def next_partname(template: str) -> PackURI:
        number = counters.get(template, 0) + 1
        while template % number in taken:
            number += 1
        counters[template] = number
        taken.add(template % number)
        return PackURI(template % number)

    package.next_partname = next_partname


def _prune_layouts(prs: object) -> None:
    """Remove the layouts no slide uses, and the masters left without layouts."""
    used = {id(slide.slide_layout.part) for slide in prs.slides}  # type: ignore[attr-defined]
    presentation = prs.part  # type: ignore[attr-defined]
    id_list = presentation._element.find(qn("p:sldMasterIdLst"))
    for master in list(prs.slide_masters):  # type: ignore[attr-defined]
        for layout in list(master.slide_layouts):
            if id(layout.part) not in used:
                master.slide_layouts.remove(layout)
        if len(master.slide_layouts) == 0 and id_list is not None and len(id_list) > 1:
            for entry in list(id_list):
                if presentation.related_part(entry.get(qn("r:id"))) is master.part:
                    presentation.drop_rel(entry.get(qn("r:id")))
                    id_list.remove(entry)


def _set_properties(prs: object, info: DeckInfo) -> None:
    """Set core properties from the outline, never from the clock or the library.

    A property longer than PowerPoint allows (255 characters) is cut there; the slides keep
    the whole text.
    """
    props = prs.core_properties  # type: ignore[attr-defined]
    props.title = _property(info.title)
    props.subject = _property(info.subject)
    props.author = _property(info.author)
    props.last_modified_by = _property(info.author)
    props.comments = props.keywords = ""
    props.category = _property(info.category)
    props.language = LANGS.get(info.lang, "en-US")
    props.revision = 1
    if info.created is not None:
        props.created = props.modified = info.created
    else:
        element = props._element
        for name in ("dcterms:created", "dcterms:modified"):
            for found in element.findall(qn(name)):
                element.remove(found)


def _property(text: str) -> str:
    """Return ``text`` cut to the length a document property allows."""
    return text if len(text) <= PROPERTY_LIMIT else text[:PROPERTY_LIMIT - 1] + "…"


def _notes_count(pages: Sequence[Page]) -> int:
    """Return how many pages carry speaker notes."""
    return sum(1 for page in pages if page.notes)


class _Members:
    """Collects the package members python-pptx writes, as (name, bytes), in its order."""

    def __init__(self) -> None:
        self.items: list[tuple[str, bytes]] = []

    def write(self, uri: PackURI, blob: bytes) -> None:
        """Keep the member at ``uri``."""
        self.items.append((uri.membername, blob))


def _members(prs: object) -> list[tuple[str, bytes]]:
    """Return the members of the deck's package as python-pptx serialises them (content
    types, package relationships, then each part and its relationships), without zipping:
    the package is zipped once, by ``_package``."""
    package = prs.part.package  # type: ignore[attr-defined]
    parts = tuple(package.iter_parts())
    writer = PackageWriter("", package._rels, parts)
    members = _Members()
    writer._write_content_types_stream(members)  # type: ignore[arg-type]
    writer._write_pkg_rels(members)  # type: ignore[arg-type]
    for part in parts:  # as PackageWriter writes parts, relationships serialised once
        members.write(part.partname, part.blob)
        if part._rels:
            members.write(part.partname.rels_uri, _relationships_xml(part))
    return members.items


# Relationship parts as python-pptx serialised them, by their relationships: most are the same
# in every build (a slide's to its layout, a notes slide's to its slide and master), and
# python-pptx builds an element tree for each, 5 ms of the seed deck's 65 (process time).
SERIALISED_RELATIONSHIPS: Kept[tuple[object, ...], bytes] = Kept(512)


def _relationships_xml(part: Any) -> bytes:
    """Return python-pptx's XML of the relationships of ``part``, kept by what they hold: the
    part's folder and each relationship's id, type and target (a part's name, or an external
    address), from which python-pptx writes each target relative to the folder (working the
    relative references out was 2.7 ms of a rebuild of the seed under cProfile)."""
    relationships = part.rels
    key = (part.partname.baseURI, *((rel.rId, rel.reltype, rel.is_external,
                                     rel.target_ref if rel.is_external else rel.target_partname)
                                    for rel in relationships.values()))
    xml = SERIALISED_RELATIONSHIPS.get(key)
    if xml is None:
        xml = relationships.xml
        SERIALISED_RELATIONSHIPS.keep(key, xml)
    return xml


def _package(members: list[tuple[str, bytes]], slides: int, notes: int,
             size: tuple[int, int]) -> bytes:
    """Return the zipped package of ``members`` with the deck's own application properties
    and fixed timestamps, so rebuilds are byte-identical.

    Pictures (already compressed) are stored; every other member is deflated (ECMA-376
    Part 2, 8.4.4, allows both).
    """
    names = [name for name, _ in members]
    out = io.BytesIO()
    with DeflatingZip(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, blob in members:
            if name == "[Content_Types].xml" and "docProps/app.xml" not in names:
                blob = blob.replace(b"</Types>", b'<Override PartName="/docProps/app.xml" '
                                    b'ContentType="application/vnd.openxmlformats-'
                                    b'officedocument.extended-properties+xml"/></Types>')
            if name == "_rels/.rels" and "docProps/app.xml" not in names:
                blob = _add_app_relationship(blob)
            if name == "docProps/app.xml":
                blob = _app_xml(slides, notes, size)
            stored = name.startswith("ppt/media/") and name.endswith(COMPRESSED)
            target.writestr(zipfile.ZipInfo(name, ZIP_TIME), blob,
                            zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED,
                            DEFLATE_LEVEL)
        if "docProps/app.xml" not in names:
            target.writestr(zipfile.ZipInfo("docProps/app.xml", ZIP_TIME),
                            _app_xml(slides, notes, size), zipfile.ZIP_DEFLATED, DEFLATE_LEVEL)
    return out.getvalue()


def _add_app_relationship(blob: bytes) -> bytes:
    """Return package relationships with one to the application properties part."""
    root = etree.fromstring(blob)
    ids = {rel.get("Id") for rel in root}
    number = 1
    while f"rId{number}" in ids:
        number += 1
    etree.SubElement(root, f"{{{root.nsmap[None]}}}Relationship", Id=f"rId{number}",
                     Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                          "extended-properties", Target="docProps/app.xml")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _app_xml(slides: int, notes: int, size: tuple[int, int]) -> bytes:
    """Return application properties describing this deck (not the template's)."""
    root = etree.Element(f"{{{APP_NS}}}Properties",
                         nsmap={None: APP_NS, "vt": VT_NS})  # type: ignore[dict-item]
    width, height = size
    ratio = min(FORMATS, key=lambda r: abs(r[0] / r[1] - width / height))
    for name, value in (("Application", "briefing"), ("PresentationFormat", FORMATS[ratio]),
                        ("Slides", str(slides)), ("Notes", str(notes)),
                        ("HiddenSlides", "0")):
        etree.SubElement(root, f"{{{APP_NS}}}{name}").text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --- slides -----------------------------------------------------------------------------------

def _draw_page(prs: Any, page: Page, layout: Any, lang: str, notes: _NotesSlides,
               key: tuple[object, ...] | None, blank_key: tuple[bytes, int]) -> None:
    """Add one slide for ``page`` on ``layout``: a copy of the same page drawn by an earlier
    build of this process when there is one (``key`` finds it), else drawn afresh on a copy
    of the layout's blank slide (``blank_key``, see ``_new_slide``)."""
    drawn = DRAWN.get(key) if key is not None else None
    if drawn is not None:
        rid, slide = prs.part.add_slide(layout)  # a blank slide: nothing cloned to remove
        prs.slides._sldIdLst.add_sldId(rid)
        slide._element.replace(slide._element.cSld, copy.deepcopy(drawn))
    else:
        slide = _draw_slide(prs, page, layout, lang, blank_key)
        if key is not None and len(slide.part.rels) == 1:  # its layout alone: no link
            DRAWN.keep(key, copy.deepcopy(slide._element.cSld))
    if page.notes:
        notes.add(slide, page.notes, lang)


# Slide trees (``p:cSld``) drawn by earlier builds of this process, by page. ``watch``
# rebuilds the deck after each edit, and most pages come out of layout as they were: drawing
# a page is most of the deck's rendering time, copying its tree a small part of it. Only
# pages whose slide relates to nothing but its layout (no picture, no link) are kept.
DRAWN: Kept[tuple[object, ...], Any] = Kept(256)


def _page_key(template: bytes, page: Page, lang: str) -> tuple[object, ...] | None:
    """Return what the slide of ``page`` depends on (None for a page with a picture, whose
    slide relates to the picture's part)."""
    if any(isinstance(shape, Picture) for shape in page.shapes):
        return None
    return (template, lang, *page.key())


def _draw_slide(prs: Any, page: Page, layout: Any, lang: str,
                blank_key: tuple[bytes, int] | None = None) -> Any:
    """Return a new slide with ``page`` drawn on ``layout`` (speaker notes aside);
    ``blank_key`` finds the layout's blank slide (see ``_new_slide``)."""
    slide = _new_slide(prs, layout, blank_key)
    unused: dict[tuple[str, int], list[object]] = {}  # placeholders may share type and idx
    for placeholder in slide.placeholders:
        unused.setdefault(_placeholder_key(placeholder), []).append(placeholder)
    frames: list[Shape] = [page.title] if page.title is not None else []
    link = _linker(slide.part)
    for shape in [*frames, *page.shapes]:
        wanted = getattr(shape, "placeholder", None)
        matching = unused.get(wanted, []) if wanted is not None else []
        target = matching.pop(0) if matching else None
        if isinstance(shape, TextFrame) and target is not None:
            _fill_placeholder(target, shape, link)
        elif isinstance(shape, Picture) and target is not None:
            _fill_picture_placeholder(slide, target, shape)
        else:
            _draw_shape(slide, shape, link)
    for placeholder in (left for group in unused.values() for left in group):
        placeholder._element.getparent().remove(placeholder._element)  # type: ignore[attr-defined]
    if page.footers:
        _add_footers(slide, layout, page, lang)
    return slide


# Slide trees (``p:cSld``) as python-pptx's ``add_slide`` makes them on a layout, its
# placeholders cloned and nothing drawn yet, by template and layout. Cloning a layout's
# placeholders looks up the next shape id in the tree for each one; copying the tree made the
# first time gives the same tree (the ids and names depend only on the layout).
BLANK_SLIDES: Kept[tuple[bytes, int], Any] = Kept(128)


def _new_slide(prs: Any, layout: Any, key: tuple[bytes, int] | None) -> Any:
    """Return a new slide on ``layout`` with the layout's placeholders, as python-pptx's
    ``Slides.add_slide`` makes it: a copy of the blank slide kept under ``key`` when there is
    one, else made by python-pptx (and kept)."""
    blank = BLANK_SLIDES.get(key) if key is not None else None
    if blank is None:
        slide = prs.slides.add_slide(layout)
        if key is not None:
            BLANK_SLIDES.keep(key, copy.deepcopy(slide._element.cSld))
        return slide
    rid, slide = prs.part.add_slide(layout)  # a slide part with an empty tree, related
    prs.slides._sldIdLst.add_sldId(rid)
    slide._element.replace(slide._element.cSld, copy.deepcopy(blank))
    return slide


def _placeholder_key(placeholder: object) -> tuple[str, int]:
    """Return a slide placeholder's (type, idx), as layout names the placeholder a shape goes
    into (type ``obj`` and idx 0 when absent, ECMA-376 Part 1, 19.3.1.36)."""
    ph = placeholder._element.ph  # type: ignore[attr-defined]
    return ph.get("type", "obj"), int(ph.get("idx", "0"))


def _linker(part: object) -> Linker:
    """Return a function giving the id of ``part``'s relationship to a hyperlink target
    (an external relationship, added once per target)."""
    def link(url: str) -> str:
        return str(part.relate_to(url, RT.HYPERLINK, is_external=True))  # type: ignore[attr-defined]
    return link


def _add_footers(slide: object, layout: object, page: Page, lang: str) -> None:
    """Copy the layout's footer placeholders the page fills onto the slide, with their text
    (at the box layout moved them to, when a decoration covered them)."""
    texts = page.footers
    tree = slide.shapes._spTree  # type: ignore[attr-defined]
    for kind, source in _placeholders_of(layout._element):  # type: ignore[attr-defined]
        if kind not in texts:
            continue
        element: Any = copy.deepcopy(source)  # a python-pptx shape element
        element.nvSpPr.cNvPr.set("id", str(tree.max_shape_id + 1))
        tree.append(element)
        box = page.footer_boxes.get(kind)
        if box is not None:
            element.x, element.y = emu(box.x), emu(box.y)
            element.cx, element.cy = emu(box.w), emu(box.h)
        tx_body = element.get_or_add_txBody()
        for child in list(tx_body):
            if child.tag == qn("a:p"):
                tx_body.remove(child)
        p = etree.SubElement(tx_body, qn("a:p"))
        if kind == "sldNum":
            run = etree.SubElement(p, qn("a:fld"), id=SLIDENUM_FIELD_ID, type="slidenum")
        else:
            run = etree.SubElement(p, qn("a:r"))
        size = page.footer_sizes.get(kind)
        for run_lang, piece in _script_runs(texts[kind], LANGS.get(lang, "en-US")):
            if run.tag == qn("a:fld") or len(run) == 0:
                target = run
            else:
                target = etree.SubElement(p, qn("a:r"))
            props = _lang_props(run_lang)
            if size is not None:
                props.set("sz", str(round(size * 100)))
            color = page.footer_colors.get(kind)
            if color is not None:
                etree.SubElement(props, qn("a:solidFill")).append(color_element(color))
            _name_faces(props, page.footer_faces)
            target.append(props)
            etree.SubElement(target, qn("a:t")).text = piece
            if kind == "sldNum":
                break


def _placeholders_of(layout: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    """Yield the type (``obj`` when absent) and element of each placeholder shape at the top
    of a layout's shape tree, in order (those python-pptx lists as the layout's
    placeholders)."""
    for element in layout.iterfind(f"./{qn('p:cSld')}/{qn('p:spTree')}/{qn('p:sp')}"):
        ph = element.find(f"./{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
        if ph is not None:
            yield ph.get("type", "obj"), element


def _draw_shape(slide: object, shape: Shape, link: Linker) -> None:
    """Draw one laid-out shape on ``slide``."""
    shapes = slide.shapes  # type: ignore[attr-defined]
    if isinstance(shape, TextFrame):
        box = shape.box
        textbox = shapes.add_textbox(emu(box.x), emu(box.y), emu(box.w), emu(box.h))
        textbox.name = shape.name
        _write_text(textbox._element.txBody, shape, shape.insets or NO_INSETS, link)
    elif isinstance(shape, Rect):
        _draw_rect(shapes, shape)
    elif isinstance(shape, Rule):
        _draw_rule(shapes, shape)
    elif isinstance(shape, Picture):
        _draw_picture(shapes, shape)


def _draw_rect(shapes: object, rect: Rect) -> None:
    """Draw a filled rectangle or ellipse in scheme colours, with no theme effects."""
    box = rect.box
    shape = shapes.add_shape(SHAPES[rect.shape], emu(box.x), emu(box.y), emu(box.w),  # type: ignore[attr-defined]
                             emu(box.h))
    shape.name = rect.name
    _drop_style(shape._element)
    sp_pr = shape._element.spPr
    _set_fill(sp_pr, rect.fill)
    _set_line(sp_pr, rect.line, rect.line_width)


def _draw_rule(shapes: object, rule: Rule) -> None:
    """Draw a straight line in a scheme colour."""
    line = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, emu(rule.x1), emu(rule.y1),  # type: ignore[attr-defined]
                                emu(rule.x2), emu(rule.y2))
    line.name = rule.name
    _drop_style(line._element)
    _set_line(line._element.spPr, rule.color, rule.width)


def _set_fill(sp_pr: etree._Element, color: Color | None) -> None:
    """Give a shape a solid fill of ``color`` (none when None)."""
    for child in list(sp_pr):
        if child.tag in (qn("a:solidFill"), qn("a:noFill"), qn("a:gradFill")):
            sp_pr.remove(child)
    fill = etree.Element(qn("a:solidFill") if color is not None else qn("a:noFill"))
    if color is not None:
        fill.append(color_element(color))
    geometry = sp_pr.find(qn("a:prstGeom"))
    if geometry is not None:
        geometry.addnext(fill)
    else:
        sp_pr.append(fill)


def _set_line(sp_pr: etree._Element, color: Color | None, width: float) -> None:
    """Give a shape an outline of ``color`` and ``width`` points (none when None)."""
    for child in sp_pr.findall(qn("a:ln")):
        sp_pr.remove(child)
    line = etree.SubElement(sp_pr, qn("a:ln"))
    if color is None:
        etree.SubElement(line, qn("a:noFill"))
        return
    line.set("w", str(emu(width)))
    etree.SubElement(line, qn("a:solidFill")).append(color_element(color))


def color_element(color: Color) -> etree._Element:
    """Return ``a:schemeClr`` (with its transforms) or ``a:srgbClr`` for ``color``."""
    if color.scheme:
        element = etree.Element(qn("a:schemeClr"), val=color.scheme)
        for name, value in color.mods:
            etree.SubElement(element, qn(f"a:{name}"), val=str(value))
        return element
    return etree.Element(qn("a:srgbClr"), val=color.rgb)


def _draw_picture(shapes: object, picture: Picture) -> None:
    """Place an image with its alternative text."""
    box = picture.box
    pic = shapes.add_picture(io.BytesIO(picture.data), emu(box.x), emu(box.y), emu(box.w),  # type: ignore[attr-defined]
                             emu(box.h))
    pic.name = picture.name
    pic._element.nvPicPr.cNvPr.set("descr", picture.alt)


def _fill_picture_placeholder(slide: object, placeholder: object, picture: Picture) -> None:
    """Put an image into a picture placeholder, uncropped, at the box layout fitted it to."""
    pic = placeholder.insert_picture(io.BytesIO(picture.data))  # type: ignore[attr-defined]
    pic.crop_left = pic.crop_right = pic.crop_top = pic.crop_bottom = 0.0
    box = picture.box
    pic.left, pic.top, pic.width, pic.height = emu(box.x), emu(box.y), emu(box.w), emu(box.h)
    pic._element.nvPicPr.cNvPr.set("descr", picture.alt)


def _drop_style(element: object) -> None:
    """Remove a shape's theme style reference (shadows and outlines from the theme)."""
    style = element.find(qn("p:style"))  # type: ignore[attr-defined]
    if style is not None:
        element.remove(style)  # type: ignore[attr-defined]


def _fill_placeholder(placeholder: object, frame: TextFrame, link: Linker) -> None:
    """Write the frame's text into a placeholder; move it when layout gave it another box."""
    if frame.moved:
        box = frame.box
        placeholder.left, placeholder.top = emu(box.x), emu(box.y)  # type: ignore[attr-defined]
        placeholder.width, placeholder.height = emu(box.w), emu(box.h)  # type: ignore[attr-defined]
    _write_text(placeholder._element.get_or_add_txBody(), frame, frame.insets, link)  # type: ignore[attr-defined]


# --- text -------------------------------------------------------------------------------------

def _write_text(tx_body: object, frame: TextFrame, insets: Insets | None,
                link: Linker) -> None:
    """Replace the contents of ``tx_body`` with the frame's paragraphs and body properties.

    Autofit is switched off (layout fitted the text); insets and anchor are written only when
    the frame sets them (a placeholder otherwise keeps its template's).
    """
    for child in list(tx_body):  # type: ignore[call-overload]
        if child.tag != qn("a:lstStyle"):
            tx_body.remove(child)  # type: ignore[attr-defined]
    body_pr = etree.Element(qn("a:bodyPr"), wrap="square")
    if insets is not None:
        for name, value in (("lIns", insets.left), ("tIns", insets.top),
                            ("rIns", insets.right), ("bIns", insets.bottom)):
            body_pr.set(name, str(emu(value)))
    if not frame.inherit_anchor:
        body_pr.set("anchor", frame.anchor)
    body_pr.set("rtlCol", "0")
    etree.SubElement(body_pr, qn("a:noAutofit"))
    tx_body.insert(0, body_pr)  # type: ignore[attr-defined]
    if tx_body.find(qn("a:lstStyle")) is None:  # type: ignore[attr-defined]
        body_pr.addnext(etree.Element(qn("a:lstStyle")))
    lang = LANGS.get(frame.lang, "en-US")
    for paragraph in frame.paragraphs:
        tx_body.append(_paragraph(paragraph, frame, lang, link))  # type: ignore[attr-defined]


def _paragraph(paragraph: Paragraph, frame: TextFrame, lang: str,
               link: Linker) -> etree._Element:
    """Return an ``a:p`` element for ``paragraph``: a run per styled span and script, a
    line break (``a:br``) where the text has one; a frame with ``explicit_breaks`` breaks
    where layout predicted."""
    p = etree.Element(qn("a:p"))
    p_pr = etree.SubElement(p, qn("a:pPr"))
    if paragraph.level:
        p_pr.set("lvl", str(paragraph.level))
    if not paragraph.inherit:
        _set_margins(p_pr, paragraph)
        p_pr.set("algn", paragraph.align)
    p_pr.set("hangingPunct", "0")
    spacing = etree.SubElement(p_pr, qn("a:lnSpc"))
    # An exact pitch, the one layout predicted, so every renderer stacks lines alike.
    pitch = paragraph.size * frame.line_height
    etree.SubElement(spacing, qn("a:spcPts"), val=str(round(pitch * 100)))
    before = etree.SubElement(p_pr, qn("a:spcBef"))
    etree.SubElement(before, qn("a:spcPts"), val=str(round(paragraph.space_before * 100)))
    after = etree.SubElement(p_pr, qn("a:spcAft"))
    etree.SubElement(after, qn("a:spcPts"), val="0")
    if not paragraph.inherit:
        _set_bullet(p_pr, paragraph, frame)
    if paragraph.field == "slidenum":
        run = etree.SubElement(p, qn("a:fld"), id=SLIDENUM_FIELD_ID, type="slidenum")
        run.append(_run_props(paragraph, frame, lang))
        etree.SubElement(run, qn("a:t")).text = paragraph.text
    else:
        for span in _spans_to_write(paragraph, frame.explicit_breaks):
            if span.is_break:
                p.append(_run_props(paragraph, frame, lang, "a:br"))
                continue
            for run_lang, text in _script_runs(span.text, lang):
                run = etree.SubElement(p, qn("a:r"))
                run.append(_run_props(paragraph, frame, run_lang, span=span, link=link))
                etree.SubElement(run, qn("a:t")).text = text
    end = _run_props(paragraph, frame, lang)
    end.tag = qn("a:endParaRPr")
    p.append(end)
    return p


def _spans_to_write(paragraph: Paragraph, explicit_breaks: bool) -> list[Span]:
    """Return the spans of ``paragraph`` as the deck writes them: as they are (the renderer
    wraps the lines), or line by line with a break between predicted lines."""
    if not explicit_breaks:
        return list(paragraph.styled)
    if paragraph.spans:
        lines = paragraph.line_spans()
    else:
        lines = [(Span(line),) for line in paragraph.lines]
    spans: list[Span] = []
    for index, line in enumerate(lines):
        spans.extend([Span("\n"), *line] if index else line)
    return spans


def _set_margins(p_pr: etree._Element, paragraph: Paragraph) -> None:
    """Write where the paragraph's text starts and how its bullet hangs."""
    if paragraph.bullet:
        p_pr.set("marL", str(emu(paragraph.indent)))
        p_pr.set("indent", str(-emu(min(paragraph.size * HANG_EM, paragraph.indent))))
    else:
        p_pr.set("marL", "0")
        p_pr.set("indent", "0")


def _set_bullet(p_pr: etree._Element, paragraph: Paragraph, frame: TextFrame) -> None:
    """Write the paragraph's bullet (or that it has none)."""
    if not paragraph.bullet:
        etree.SubElement(p_pr, qn("a:buNone"))
        return
    if paragraph.color is not None:
        etree.SubElement(p_pr, qn("a:buClr")).append(color_element(paragraph.color))
    latin = frame.faces[0]
    if latin:
        etree.SubElement(p_pr, qn("a:buFont"), typeface=latin)
    etree.SubElement(p_pr, qn("a:buChar"), char=paragraph.bullet)


def _run_props(paragraph: Paragraph, frame: TextFrame, lang: str, tag: str = "a:rPr",
               span: Span | None = None, link: Linker | None = None) -> etree._Element:
    """Return run properties: language, size, the span's bold, italic and link, and colour
    and typefaces where layout set them."""
    r_pr = etree.Element(qn(tag) if tag != "a:br" else qn("a:rPr"), lang=lang,
                         sz=str(round(paragraph.size * 100)), dirty="0")
    if lang == "ja-JP":
        r_pr.set("altLang", "en-US")
    if paragraph.bold or (span is not None and span.bold):
        r_pr.set("b", "1")
    if span is not None and span.italic:
        r_pr.set("i", "1")
    if paragraph.color is not None:
        etree.SubElement(r_pr, qn("a:solidFill")).append(color_element(paragraph.color))
    _name_faces(r_pr, frame.faces)
    if span is not None and span.href and link is not None:
        _add_link(r_pr, span.href, link)
    if tag == "a:br":
        br = etree.Element(qn("a:br"))
        br.append(r_pr)
        return br
    return r_pr


def _name_faces(props: etree._Element, faces: tuple[str | None, str | None]) -> None:
    """Name the Latin and East Asian typefaces in run properties."""
    latin, east_asian = faces
    if latin:
        etree.SubElement(props, qn("a:latin"), typeface=latin)
    if east_asian:
        etree.SubElement(props, qn("a:ea"), typeface=east_asian)
    if latin:
        etree.SubElement(props, qn("a:cs"), typeface=latin)


def _add_link(r_pr: etree._Element, url: str, link: Linker) -> None:
    """Make the run a hyperlink to ``url`` (``a:hlinkClick`` after the typefaces, as
    CT_TextCharacterProperties orders its children)."""
    etree.SubElement(r_pr, qn("a:hlinkClick"), {qn("r:id"): link(url)})


def _lang_props(lang: str, span: Span | None = None,
                link: Linker | None = None) -> etree._Element:
    """Return ``a:rPr`` naming the language and the span's bold, italic and link (the
    template styles the rest)."""
    r_pr = etree.Element(qn("a:rPr"), lang=lang, dirty="0")
    if lang == "ja-JP":
        r_pr.set("altLang", "en-US")
    if span is not None and span.bold:
        r_pr.set("b", "1")
    if span is not None and span.italic:
        r_pr.set("i", "1")
    if span is not None and span.href and link is not None:
        _add_link(r_pr, span.href, link)
    return r_pr


def _script_runs(text: str, lang: str) -> Iterator[tuple[str, str]]:
    """Yield (language, text) runs: Japanese text is ja-JP in any deck, other text the deck's.

    Spaces and punctuation stay with the run before them.
    """
    from briefing.text.fonts import has_east_asian, is_east_asian

    if lang == "ja-JP" or not has_east_asian(text):
        yield lang, text
        return
    current, start = None, 0
    for index, char in enumerate(text):
        if char.isspace() or not (char.isalnum() or is_east_asian(char)):
            continue
        kind = "ja-JP" if is_east_asian(char) else lang
        if current is None:
            current = kind
        elif kind != current:
            yield current, text[start:index]
            current, start = kind, index
    yield current or lang, text[start:]


class _NotesSlides:
    """Adds notes slides: the first made by python-pptx, the others copies of it as it was
    made (placeholders cloned from the notes master, no text yet), or copies of a notes slide
    an earlier build of this process wrote with the same notes (``WRITTEN_NOTES``).

    Every new notes slide is the same until its text is written, and cloning the master's
    placeholders afresh for each was 1.5 ms a notes slide (measured on the seed deck).
    """

    def __init__(self, template: bytes) -> None:
        self._template = template
        self._blank: Any = None  # a python-pptx notes slide element

    def add(self, slide: Any, notes: str, lang: str) -> None:
        """Add the notes slide of ``slide`` holding ``notes``, related to it and to the notes
        master."""
        key = (self._template, lang, notes)
        written = WRITTEN_NOTES.get(key) if self._blank is not None else None
        if written is not None:
            self._related(slide, copy.deepcopy(written))
            return
        if self._blank is None:
            notes_slide = slide.notes_slide
            self._blank = copy.deepcopy(notes_slide._element)
        else:
            notes_slide = self._related(slide, copy.deepcopy(self._blank)).notes_slide
        _write_notes(notes_slide, notes, lang)
        if len(notes_slide.part.rels) == 2:  # the master and the slide: no link
            WRITTEN_NOTES.keep(key, copy.deepcopy(notes_slide._element))

    @staticmethod
    def _related(slide: Any, element: Any) -> Any:
        """Return a new notes slide part holding ``element``, related to ``slide``."""
        part = slide.part
        package = part.package
        notes_part = NotesSlidePart(package.next_partname("/ppt/notesSlides/notesSlide%d.xml"),
                                    CT.PML_NOTES_SLIDE, package, element)
        notes_part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)
        notes_part.relate_to(part, RT.SLIDE)
        part.relate_to(notes_part, RT.NOTES_SLIDE)
        return notes_part


# Notes slides (``p:notes``) written by earlier builds of this process, by template, language
# and notes; a rebuild in ``watch`` writes most notes as they were: writing them again was
# 3.7 ms of a rebuild of the seed under cProfile. Only notes without a link are kept.
WRITTEN_NOTES: Kept[tuple[bytes, str, str], Any] = Kept(256)


def _write_notes(notes_slide: Any, notes: str, lang: str) -> None:
    """Write speaker notes into ``notes_slide``, a paragraph per line, every run with its
    language and the inline markup's bold, italic and links."""
    tx_body = notes_slide.notes_text_frame._txBody
    for child in list(tx_body):
        if child.tag == qn("a:p"):
            tx_body.remove(child)
    lang_code = LANGS.get(lang, "en-US")
    link = _linker(notes_slide.part)
    for line in lines_of(parse_inline(notes.strip())):
        p = etree.SubElement(tx_body, qn("a:p"))
        for span in line:
            for run_lang, text in _script_runs(span.text, lang_code):
                run = etree.SubElement(p, qn("a:r"))
                run.append(_lang_props(run_lang, span, link))
                etree.SubElement(run, qn("a:t")).text = text
