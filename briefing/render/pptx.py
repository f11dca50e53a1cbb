"""The PowerPoint backend: the only module that imports python-pptx. Draws laid-out pages."""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.util import Emu

from briefing.layout.boxes import Page, Paragraph, Picture, Rect, Rule, TextFrame
from briefing.theme.tokens import Theme

EMU_PER_PT = 12700
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
SLIDENUM_FIELD_ID = "{6A7E1C55-3C58-4F8B-9C1B-2B7B4E1D0A11}"
LANGS = {"ja": "ja-JP", "en": "en-US"}
PROPERTY_LIMIT = 255  # characters in a core text property
SHAPES = {"rect": MSO_SHAPE.RECTANGLE, "roundRect": MSO_SHAPE.ROUNDED_RECTANGLE,
          "ellipse": MSO_SHAPE.OVAL}
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


@dataclass(frozen=True)
class DeckInfo:
    """Document properties written into the package."""

    title: str
    subject: str
    author: str
    lang: str
    created: dt.datetime | None
    category: str = ""


def emu(points: float) -> Emu:
    """Return ``points`` as EMU."""
    return Emu(round(points * EMU_PER_PT))


@dataclass(frozen=True)
class Base:
    """The deck to draw on: package bytes, the layout serving each slide role, and whether
    the theme's colours and fonts are written into it (built-in themes) or kept (templates)."""

    data: bytes
    layouts: dict[str, int]
    restyle: bool


def render_pptx(pages: Sequence[Page], theme: Theme, info: DeckInfo, base: Base) -> bytes:
    """Return the .pptx bytes for ``pages`` drawn on ``base``'s layouts."""
    prs = Presentation(io.BytesIO(base.data))
    _remove_slides(prs)
    _ensure_view_properties(prs)
    _number_parts_incrementally(prs)
    if base.restyle:
        _style_theme(prs, theme)
    for page in pages:
        _draw_page(prs, page, theme, _layout(prs, page, base), info.lang)
    _set_properties(prs, info)
    buffer = io.BytesIO()
    prs.save(buffer)
    return _normalise_zip(buffer.getvalue())


# --- package-level ----------------------------------------------------------------------------

def _layout(prs: object, page: Page, base: Base) -> object:
    """Return the layout for ``page``: the one named in the outline, else its role's."""
    layouts = prs.slide_layouts  # type: ignore[attr-defined]
    if page.layout_name:
        for layout in layouts:
            if layout.name.casefold() == page.layout_name.casefold():
                return layout
    return layouts[base.layouts[page.layout_hint or "title_only"]]


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


def _remove_slides(prs: object) -> None:
    """Remove the base deck's own slides (a template's samples); masters and layouts stay."""
    id_list = prs.slides._sldIdLst  # type: ignore[attr-defined]
    for slide_id in list(id_list):
        prs.part.drop_rel(slide_id.rId)  # type: ignore[attr-defined]
        id_list.remove(slide_id)


def _ph_type(placeholder: object) -> str:
    """Return a placeholder's type as written in XML (``title``, ``body``, ``ctrTitle``...)."""
    ph = placeholder._element.ph  # type: ignore[attr-defined]
    return str(ph.get("type", "body"))


def _style_theme(prs: object, theme: Theme) -> None:
    """Write the theme's colours and fonts into the deck's theme part."""
    part = prs.slide_master.part.part_related_by(RT.THEME)  # type: ignore[attr-defined]
    root = etree.fromstring(part.blob)
    scheme = {"dk1": "text", "lt1": "background", "dk2": "accent", "lt2": "surface",
              "accent1": "accent", "accent2": "accent2", "accent3": "muted"}
    for slot, token in scheme.items():
        element = root.find(f".//{{{A}}}clrScheme/{{{A}}}{slot}")
        if element is not None:
            for child in list(element):
                element.remove(child)
            etree.SubElement(element, f"{{{A}}}srgbClr", val=theme.color(token))
    for kind in ("majorFont", "minorFont"):
        font = root.find(f".//{{{A}}}fontScheme/{{{A}}}{kind}")
        if font is not None:
            font.find(f"{{{A}}}latin").set("typeface", theme.fonts.latin)  # type: ignore[union-attr]
            font.find(f"{{{A}}}ea").set("typeface", theme.fonts.east_asian)  # type: ignore[union-attr]
            for script in font.findall(f"{{{A}}}font"):
                if script.get("script") == "Jpan":
                    script.set("typeface", theme.fonts.east_asian)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _set_properties(prs: object, info: DeckInfo) -> None:
    """Set core properties from the outline, never from the clock or the library.

    Text properties are limited to 255 characters (the core properties part as PowerPoint
    and python-pptx write it); a longer one is cut with an ellipsis, on one line. Without a
    document date the created and modified dates are left out.
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
        return
    element = props._element
    for name in ("dcterms:created", "dcterms:modified"):
        for child in element.findall(qn(name)):
            element.remove(child)


def _property(text: str) -> str:
    """Return ``text`` on one line, cut to PROPERTY_LIMIT characters with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= PROPERTY_LIMIT:
        return text
    return text[:PROPERTY_LIMIT - 1].rstrip() + "…"


def _normalise_zip(data: bytes) -> bytes:
    """Return the package rewritten with fixed timestamps so rebuilds are byte-identical."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(zipfile.ZipInfo(info.filename, ZIP_TIME), source.read(info.filename),
                            zipfile.ZIP_DEFLATED)
    return out.getvalue()


# --- slides -----------------------------------------------------------------------------------

def _draw_page(prs: object, page: Page, theme: Theme, layout: object, lang: str) -> None:
    """Add one slide for ``page``."""
    slide = prs.slides.add_slide(layout)  # type: ignore[attr-defined]
    if page.background is not None:
        fill = slide.background.fill
        fill.solid()
        fill.fore_color.rgb = _rgb(page.background)
    unused = list(slide.placeholders)
    title = _take(unused, "ctrTitle", "title")
    if page.title is not None and title is not None:
        _fill_placeholder(title, page.title, theme)
    elif page.title is not None:
        _draw_shape(slide, page.title, theme)
    if page.subtitle is not None:
        subtitle = _take(unused, "subTitle")
        if subtitle is not None:
            _fill_placeholder(subtitle, page.subtitle, theme)
        else:
            _draw_shape(slide, page.subtitle, theme)
    for shape in page.shapes:
        target = None
        if isinstance(shape, TextFrame) and shape.placeholder:
            target = _take(unused, "obj", "body")
        if target is not None:
            _fill_placeholder(target, shape, theme)  # type: ignore[arg-type]
        else:
            _draw_shape(slide, shape, theme)
    for placeholder in unused:
        placeholder._element.getparent().remove(placeholder._element)
    if page.footer is not None:
        _add_footers(slide, layout, page.footer, theme, lang)
    if page.notes:
        _write_notes(slide, page.notes, theme, lang)


def _take(placeholders: list[object], *kinds: str) -> object | None:
    """Return and remove the left-most placeholder of one of ``kinds`` from the list."""
    found = [p for p in placeholders if _ph_type(p) in kinds]
    if not found:
        return None
    chosen = min(found, key=lambda p: (p.left or 0, p.top or 0))  # type: ignore[attr-defined]
    placeholders.remove(chosen)
    return chosen


def _add_footers(slide: object, layout: object, footer: tuple[str, str], theme: Theme,
                 lang: str) -> None:
    """Copy the layout's footer and slide-number placeholders onto the slide and fill them."""
    text, number = footer
    for placeholder in layout.placeholders:  # type: ignore[attr-defined]
        kind = _ph_type(placeholder)
        if kind not in ("ftr", "sldNum") or (kind == "ftr" and not text):
            continue
        element = copy.deepcopy(placeholder._element)
        element.nvSpPr.cNvPr.set("id", str(slide.shapes._next_shape_id))  # type: ignore[attr-defined]
        slide.shapes._spTree.append(element)  # type: ignore[attr-defined]
        tx_body = element.get_or_add_txBody()
        for child in list(tx_body):
            if child.tag == qn("a:p"):
                tx_body.remove(child)
        p = etree.SubElement(tx_body, qn("a:p"))
        if kind == "sldNum":
            run = etree.SubElement(p, qn("a:fld"), id=SLIDENUM_FIELD_ID, type="slidenum")
        else:
            run = etree.SubElement(p, qn("a:r"))
        run.append(_bare_run_props(theme, LANGS.get(lang, "en-US")))
        etree.SubElement(run, qn("a:t")).text = number if kind == "sldNum" else text


def _bare_run_props(theme: Theme, lang: str) -> etree._Element:
    """Return ``a:rPr`` naming the language and typefaces only (the template styles the rest)."""
    r_pr = etree.Element(qn("a:rPr"), lang=lang, dirty="0")
    etree.SubElement(r_pr, qn("a:latin"), typeface=theme.fonts.latin)
    etree.SubElement(r_pr, qn("a:ea"), typeface=theme.fonts.east_asian)
    etree.SubElement(r_pr, qn("a:cs"), typeface=theme.fonts.latin)
    return r_pr


def _draw_shape(slide: object, shape: object, theme: Theme) -> None:
    """Draw one laid-out shape on ``slide``."""
    shapes = slide.shapes  # type: ignore[attr-defined]
    if isinstance(shape, TextFrame):
        box = shape.box
        textbox = shapes.add_textbox(emu(box.x), emu(box.y), emu(box.w), emu(box.h))
        textbox.name = shape.name
        _write_text(textbox._element.txBody, shape, theme)
    elif isinstance(shape, Rect):
        _draw_rect(shapes, shape)
    elif isinstance(shape, Rule):
        _draw_rule(shapes, shape)
    elif isinstance(shape, Picture):
        _draw_picture(shapes, shape)


def _draw_rect(shapes: object, rect: Rect) -> None:
    """Draw a filled rectangle or ellipse with no theme effects."""
    box = rect.box
    shape = shapes.add_shape(SHAPES[rect.shape], emu(box.x), emu(box.y), emu(box.w),  # type: ignore[attr-defined]
                             emu(box.h))
    shape.name = rect.name
    _drop_style(shape._element)
    if rect.fill:
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(rect.fill)
    else:
        shape.fill.background()
    if rect.line:
        shape.line.color.rgb = _rgb(rect.line)
        shape.line.width = emu(rect.line_width)
    else:
        shape.line.fill.background()


def _draw_rule(shapes: object, rule: Rule) -> None:
    """Draw a straight line."""
    line = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, emu(rule.x1), emu(rule.y1),  # type: ignore[attr-defined]
                                emu(rule.x2), emu(rule.y2))
    line.name = rule.name
    _drop_style(line._element)
    line.line.color.rgb = _rgb(rule.color)
    line.line.width = emu(rule.width)


def _draw_picture(shapes: object, picture: Picture) -> None:
    """Place an image with its alternative text."""
    box = picture.box
    pic = shapes.add_picture(io.BytesIO(picture.data), emu(box.x), emu(box.y), emu(box.w),  # type: ignore[attr-defined]
                             emu(box.h))
    pic.name = picture.name
    c_nv_pr = pic._element.nvPicPr.cNvPr
    c_nv_pr.set("descr", picture.alt)


def _drop_style(element: object) -> None:
    """Remove a shape's theme style reference (shadows and outlines from the theme)."""
    style = element.find(qn("p:style"))  # type: ignore[attr-defined]
    if style is not None:
        element.remove(style)  # type: ignore[attr-defined]


def _fill_placeholder(placeholder: object, frame: TextFrame, theme: Theme) -> None:
    """Position a placeholder at the frame's box and write the frame's text into it."""
    box = frame.box
    placeholder.left, placeholder.top = emu(box.x), emu(box.y)  # type: ignore[attr-defined]
    placeholder.width, placeholder.height = emu(box.w), emu(box.h)  # type: ignore[attr-defined]
    _write_text(placeholder._element.get_or_add_txBody(), frame, theme)  # type: ignore[attr-defined]


# --- text -------------------------------------------------------------------------------------

def _write_text(tx_body: object, frame: TextFrame, theme: Theme) -> None:
    """Replace the contents of ``tx_body`` with the frame's paragraphs and body properties."""
    for child in list(tx_body):  # type: ignore[call-overload]
        if child.tag != qn("a:lstStyle"):
            tx_body.remove(child)  # type: ignore[attr-defined]
    body_pr = etree.Element(qn("a:bodyPr"), wrap="square", lIns="0", tIns="0", rIns="0",
                            bIns="0", anchor=frame.anchor, rtlCol="0")
    etree.SubElement(body_pr, qn("a:noAutofit"))
    tx_body.insert(0, body_pr)  # type: ignore[attr-defined]
    lang = LANGS.get(frame.lang, "en-US")
    for paragraph in frame.paragraphs:
        tx_body.append(_paragraph(paragraph, frame, theme, lang))  # type: ignore[attr-defined]


def _paragraph(paragraph: Paragraph, frame: TextFrame, theme: Theme, lang: str) -> object:
    """Return an ``a:p`` element for ``paragraph``."""
    p = etree.Element(qn("a:p"))
    p_pr = etree.SubElement(p, qn("a:pPr"), algn=paragraph.align, hangingPunct="0")
    if paragraph.level:
        p_pr.set("lvl", str(paragraph.level))
    if paragraph.bullet:
        hang = paragraph.size * 1.1
        p_pr.set("marL", str(emu(paragraph.indent)))
        p_pr.set("indent", str(-emu(hang)))
    else:
        p_pr.set("marL", "0")
        p_pr.set("indent", "0")
    spacing = etree.SubElement(p_pr, qn("a:lnSpc"))
    # An exact pitch, the one layout predicted, so every renderer stacks lines alike.
    pitch = paragraph.size * frame.line_height
    etree.SubElement(spacing, qn("a:spcPts"), val=str(round(pitch * 100)))
    before = etree.SubElement(p_pr, qn("a:spcBef"))
    etree.SubElement(before, qn("a:spcPts"), val=str(round(paragraph.space_before * 100)))
    after = etree.SubElement(p_pr, qn("a:spcAft"))
    etree.SubElement(after, qn("a:spcPts"), val="0")
    if paragraph.bullet:
        color = etree.SubElement(p_pr, qn("a:buClr"))
        etree.SubElement(color, qn("a:srgbClr"), val=theme.color("accent"))
        etree.SubElement(p_pr, qn("a:buFont"), typeface=theme.fonts.latin)
        etree.SubElement(p_pr, qn("a:buChar"), char=paragraph.bullet)
    else:
        etree.SubElement(p_pr, qn("a:buNone"))
    pieces: Iterable[str] = paragraph.lines if frame.explicit_breaks else (paragraph.text,)
    for index, piece in enumerate(pieces):
        if index:
            br = etree.SubElement(p, qn("a:br"))
            br.append(_run_props(paragraph, theme, lang))
        if paragraph.field == "slidenum":
            run = etree.SubElement(p, qn("a:fld"), id=SLIDENUM_FIELD_ID, type="slidenum")
        else:
            run = etree.SubElement(p, qn("a:r"))
        run.append(_run_props(paragraph, theme, lang))
        etree.SubElement(run, qn("a:t")).text = piece
    end = _run_props(paragraph, theme, lang)
    end.tag = qn("a:endParaRPr")
    p.append(end)
    return p


def _run_props(paragraph: Paragraph, theme: Theme, lang: str) -> etree._Element:
    """Return ``a:rPr`` with size, colour, language and both Latin and East Asian typefaces."""
    r_pr = etree.Element(qn("a:rPr"), lang=lang, altLang="en-US" if lang != "en-US" else "ja-JP",
                         sz=str(round(paragraph.size * 100)), b="1" if paragraph.bold else "0",
                         i="0", cap="none", dirty="0")
    fill = etree.SubElement(r_pr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=paragraph.color)
    etree.SubElement(r_pr, qn("a:latin"), typeface=theme.fonts.latin)
    etree.SubElement(r_pr, qn("a:ea"), typeface=theme.fonts.east_asian)
    etree.SubElement(r_pr, qn("a:cs"), typeface=theme.fonts.latin)
    return r_pr


def _write_notes(slide: object, notes: str, theme: Theme, lang: str) -> None:
    """Write speaker notes, each paragraph a run with fonts and language set."""
    frame = slide.notes_slide.notes_text_frame  # type: ignore[attr-defined]
    tx_body = frame._txBody
    for child in list(tx_body):
        if child.tag == qn("a:p"):
            tx_body.remove(child)
    lang_code = LANGS.get(lang, "en-US")
    for line in notes.strip().split("\n"):
        p = etree.SubElement(tx_body, qn("a:p"))
        run = etree.SubElement(p, qn("a:r"))
        props = Paragraph(line, (line,), 12, "000000")
        run.append(_run_props(props, theme, lang_code))
        etree.SubElement(run, qn("a:t")).text = line


def _rgb(hex_color: str) -> RGBColor:
    """Return a python-pptx RGBColor from RRGGBB."""
    color: RGBColor = RGBColor.from_string(hex_color)  # type: ignore[no-untyped-call]
    return color

