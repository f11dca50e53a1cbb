"""Write briefing/theme/base.pptx: the built-in themes' template (structure only).

Run from the repository root: ``python scripts/make_base_template.py``. It starts from
python-pptx's own default deck and rewrites its master and layouts: a 16:9 slide of 960 x 540
points, one master with title, body and footer placeholders and the text styles the themes
fill in, and six layouts (title slide, title and content, section header, two content, title
only, closing) with the built-in decorations (the cover's band and rule, the accent rule under
content titles) drawn in scheme colours. Colours, typefaces, sizes and spacing are set on each
build from the theme (``briefing.render.restyle``); this file only gives the geometry.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu

OUT = Path(__file__).resolve().parent.parent / "briefing" / "theme" / "base.pptx"
EMU_PER_PT = 12700
WIDTH, HEIGHT, MARGIN = 960.0, 540.0, 48.0
INNER = WIDTH - 2 * MARGIN
FONT = "Noto Sans JP"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSMAP = f'xmlns:a="{A}" xmlns:p="{P}" xmlns:r="{R}"'
TITLE = (MARGIN, 26.0, INNER, 80.0)
BODY = (MARGIN, 132.0, INNER, 358.0)
FOOTER_Y, FOOTER_H = 508.0, 18.0
APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    'docPropsVTypes"><Application>briefing</Application>'
    "<PresentationFormat>Widescreen</PresentationFormat></Properties>")


def emu(points: float) -> int:
    """Return points as EMU."""
    return round(points * EMU_PER_PT)


def xfrm(box: tuple[float, float, float, float]) -> str:
    """Return an ``a:xfrm`` for a box in points."""
    x, y, w, h = box
    return (f'<a:xfrm><a:off x="{emu(x)}" y="{emu(y)}"/>'
            f'<a:ext cx="{emu(w)}" cy="{emu(h)}"/></a:xfrm>')


def level(number: int, size: float, color: str, *, align: str = "l", bullet: str = "",
          margin: float = 0.0, hang: float = 0.0, font: str = "mn") -> str:
    """Return an ``a:lvlNpPr`` with the properties the themes set."""
    bullet_xml = (f'<a:buClr><a:schemeClr val="accent1"/></a:buClr>'
                  f'<a:buFont typeface="+{font}-lt"/><a:buChar char="{bullet}"/>'
                  if bullet else "<a:buNone/>")
    return (f'<a:lvl{number}pPr marL="{emu(margin)}" indent="{-emu(hang)}" algn="{align}">'
            '<a:lnSpc><a:spcPct val="90000"/></a:lnSpc>'
            '<a:spcBef><a:spcPts val="0"/></a:spcBef><a:spcAft><a:spcPts val="0"/></a:spcAft>'
            f'{bullet_xml}<a:defRPr sz="{round(size * 100)}">'
            f'<a:solidFill><a:schemeClr val="{color}"/></a:solidFill>'
            f'<a:latin typeface="+{font}-lt"/><a:ea typeface="+{font}-ea"/>'
            f'<a:cs typeface="+{font}-cs"/></a:defRPr></a:lvl{number}pPr>')


def placeholder(shape_id: int, name: str, kind: str, idx: int,
                box: tuple[float, float, float, float] | None, *, anchor: str = "t",
                levels: str = "") -> str:
    """Return a placeholder shape with zero insets, no autofit and an optional list style."""
    kind_attr = f' type="{kind}"' if kind != "obj" else ""
    geometry = f"<p:spPr>{xfrm(box)}</p:spPr>" if box else "<p:spPr/>"
    body = (f'<a:bodyPr wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="{anchor}" '
            'rtlCol="0"><a:noAutofit/></a:bodyPr>' if box else "<a:bodyPr/>")
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr>'
            '<a:spLocks noGrp="1"/></p:cNvSpPr>'
            f'<p:nvPr><p:ph{kind_attr} idx="{idx}"/></p:nvPr></p:nvSpPr>{geometry}'
            f'<p:txBody>{body}'
            f'<a:lstStyle>{levels}</a:lstStyle><a:p><a:endParaRPr lang="en-US"/></a:p>'
            '</p:txBody></p:sp>')


def rect(shape_id: int, name: str, box: tuple[float, float, float, float], color: str) -> str:
    """Return a filled rectangle decoration in a scheme colour."""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr/><p:nvPr/>'
            f'</p:nvSpPr><p:spPr>{xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            f'<a:solidFill><a:schemeClr val="{color}"/></a:solidFill><a:ln><a:noFill/></a:ln>'
            '</p:spPr></p:sp>')


def rule(shape_id: int, name: str, x: float, y: float, length: float, width: float,
         color: str) -> str:
    """Return a horizontal line decoration in a scheme colour."""
    return (f'<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvCxnSpPr/>'
            f'<p:nvPr/></p:nvCxnSpPr><p:spPr>{xfrm((x, y, length, 0))}'
            '<a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
            f'<a:ln w="{emu(width)}"><a:solidFill><a:schemeClr val="{color}"/></a:solidFill>'
            '</a:ln></p:spPr></p:cxnSp>')


def footers(first_id: int, master: bool = False, color: str = "tx2") -> str:
    """Return the date, footer and slide-number placeholders along the bottom."""
    ids = (2, 3, 4) if master else (10, 11, 12)
    specs = (("Date", "dt", (MARGIN, FOOTER_Y, 200.0, FOOTER_H), "l"),
             ("Footer", "ftr", (MARGIN + 212, FOOTER_Y, INNER - 212 - 72, FOOTER_H), "ctr"),
             ("Slide number", "sldNum", (WIDTH - MARGIN - 60, FOOTER_Y, 60.0, FOOTER_H), "r"))
    return "".join(placeholder(first_id + n, name, kind, idx, box,
                               levels=level(1, 10, color, align=align))
                   for n, ((name, kind, box, align), idx) in enumerate(zip(specs, ids,
                                                                           strict=True)))


def title_rule(shape_id: int) -> str:
    """Return the short accent rule under a content slide's title."""
    y = min(TITLE[1] + TITLE[3] + 10, (TITLE[1] + TITLE[3] + BODY[1]) / 2)
    return rule(shape_id, "Title rule", MARGIN, y, 64, 3, "accent2")


LAYOUTS = {
    "Title Slide": ("title", True, lambda: (
        rect(2, "Band", (0, 0, WIDTH, 10), "accent1")
        + rule(3, "Rule", MARGIN, HEIGHT * 0.567, 96, 4, "accent2")
        + placeholder(4, "Cover title", "ctrTitle", 0, (MARGIN, HEIGHT * 0.22, INNER,
                                                        HEIGHT * 0.315), anchor="b",
                      levels=level(1, 48, "accent1", font="mj"))
        + placeholder(5, "Subtitle", "subTitle", 1, (MARGIN, HEIGHT * 0.596, INNER,
                                                     HEIGHT * 0.13),
                      levels=level(1, 22, "tx1"))
        + placeholder(6, "Byline", "body", 13, (MARGIN, HEIGHT * 0.748, INNER, HEIGHT * 0.167),
                      levels=level(1, 14, "tx2"))
        + footers(7))),
    "Title and Content": ("obj", False, lambda: (
        placeholder(2, "Title", "title", 0, None) + placeholder(3, "Body", "obj", 1, None)
        + title_rule(4) + footers(5))),
    "Section Header": ("secHead", True, lambda: (
        placeholder(2, "Part title", "title", 0, (MARGIN, HEIGHT * 0.4, INNER, HEIGHT * 0.28),
                    levels=level(1, 48, "bg1", font="mj"))
        + placeholder(3, "Part number", "body", 1, (MARGIN, HEIGHT * 0.315, INNER * 0.5,
                                                    HEIGHT * 0.075),
                      levels=level(1, 22, "bg1"))
        + footers(4, color="bg1"))),
    "Two Content": ("twoObj", False, lambda: (
        placeholder(2, "Title", "title", 0, None)
        + placeholder(3, "Left", "obj", 1, (BODY[0], BODY[1], (INNER - 32) / 2, BODY[3]))
        + placeholder(4, "Right", "obj", 2, (BODY[0] + (INNER + 32) / 2, BODY[1],
                                             (INNER - 32) / 2, BODY[3]))
        + title_rule(5) + footers(6))),
    "Title Only": ("titleOnly", False, lambda: (
        placeholder(2, "Title", "title", 0, None) + title_rule(3) + footers(4))),
    "Closing": ("title", False, lambda: (
        rule(2, "Rule", WIDTH / 2 - 48, HEIGHT * 0.537, 96, 3, "accent2")
        + placeholder(3, "Closing title", "ctrTitle", 0, (MARGIN, HEIGHT * 0.315, INNER,
                                                          HEIGHT * 0.2), anchor="b",
                      levels=level(1, 48, "accent1", align="ctr", font="mj"))
        + placeholder(4, "Thanks", "subTitle", 1, (MARGIN, HEIGHT * 0.556, INNER,
                                                   HEIGHT * 0.11),
                      levels=level(1, 22, "tx2", align="ctr"))
        + footers(5))),
}


def master_xml() -> tuple[str, str]:
    """Return the master's shape tree and its text styles."""
    shapes = (placeholder(2, "Title", "title", 0, TITLE, anchor="b")
              + placeholder(3, "Body", "body", 1, BODY) + footers(4, master=True))
    title = level(1, 30, "accent1", font="mj")
    body = (level(1, 28, "tx1", bullet="•", margin=30.8, hang=30.8)
            + level(2, 23.8, "tx2", bullet="–", margin=60.2, hang=26.2))
    styles = (f"<p:titleStyle>{title}</p:titleStyle><p:bodyStyle>{body}</p:bodyStyle>"
              f"<p:otherStyle>{level(1, 18, 'tx1')}</p:otherStyle>")
    return shapes, styles


def replace_tree(element: etree._Element, shapes: str) -> None:
    """Replace the shapes of a master's or layout's shape tree."""
    tree = element.find(f"{{{P}}}cSld/{{{P}}}spTree")
    assert tree is not None
    for child in list(tree)[2:]:
        tree.remove(child)
    wrapper = etree.fromstring(f"<p:spTree {NSMAP}>{shapes}</p:spTree>")
    for child in wrapper:
        tree.append(child)


def background(element: etree._Element, slot: str) -> None:
    """Give a master or layout a solid background of a scheme colour."""
    c_sld = element.find(f"{{{P}}}cSld")
    assert c_sld is not None
    for old in c_sld.findall(f"{{{P}}}bg"):
        c_sld.remove(old)
    bg = etree.fromstring(f'<p:bg {NSMAP}><p:bgPr><a:solidFill><a:schemeClr val="{slot}"/>'
                          '</a:solidFill><a:effectLst/></p:bgPr></p:bg>')
    c_sld.insert(0, bg)


def main() -> None:
    """Write the base template."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(emu(WIDTH)), Emu(emu(HEIGHT))
    master = prs.slide_master
    shapes, styles = master_xml()
    replace_tree(master._element, shapes)
    background(master._element, "bg1")
    old = master._element.find(f"{{{P}}}txStyles")
    new = etree.fromstring(f"<p:txStyles {NSMAP}>{styles}</p:txStyles>")
    old.getparent().replace(old, new)  # type: ignore[union-attr]
    layouts = list(master.slide_layouts)
    names = list(LAYOUTS)
    for layout, name in zip(layouts, names, strict=False):
        kind, hide_master, build = LAYOUTS[name]
        element = layout._element
        element.set("type", kind)
        if hide_master:
            element.set("showMasterSp", "0")
        element.find(f"{{{P}}}cSld").set("name", name)  # type: ignore[union-attr]
        replace_tree(element, build())
        if name == "Section Header":
            background(element, "accent1")
    for layout in layouts[len(names):]:
        master.slide_layouts.remove(layout)
    theme = master.part.part_related_by(RT.THEME)
    theme._blob = set_fonts(theme.blob)
    for rel in list(prs.part.rels.values()):
        if rel.reltype == RT.PRINTER_SETTINGS:
            prs.part.drop_rel(rel.rId)
    props = prs.core_properties
    props.author = props.last_modified_by = props.title = props.comments = ""
    props.keywords = props.subject = props.category = ""
    props.revision = 1
    props.created = props.modified = dt.datetime(2000, 1, 1)
    buffer = io.BytesIO()
    prs.save(buffer)
    OUT.write_bytes(clean_package(buffer.getvalue()))
    print(f"wrote {OUT}")


def set_fonts(theme_xml: bytes) -> bytes:
    """Return the theme XML with the major and minor fonts named for Latin and Japanese."""
    root = etree.fromstring(theme_xml)
    for kind in ("majorFont", "minorFont"):
        font = root.find(f".//{{{A}}}fontScheme/{{{A}}}{kind}")
        assert font is not None
        font.find(f"{{{A}}}latin").set("typeface", FONT)  # type: ignore[union-attr]
        font.find(f"{{{A}}}ea").set("typeface", FONT)  # type: ignore[union-attr]
        for script in font.findall(f"{{{A}}}font"):
            if script.get("script") == "Jpan":
                script.set("typeface", FONT)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def clean_package(data: bytes) -> bytes:
    """Return the package without its thumbnail, with neutral app properties and fixed times."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info.filename)
            if info.filename == "docProps/thumbnail.jpeg":
                continue
            if info.filename == "_rels/.rels":
                blob = _drop_thumbnail_rel(blob)
            if info.filename == "[Content_Types].xml":
                blob = blob.replace(b'<Default Extension="jpeg" ContentType="image/jpeg"/>', b"")
            if info.filename == "docProps/app.xml":
                blob = APP_XML.encode()
            target.writestr(zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0)), blob,
                            zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _drop_thumbnail_rel(blob: bytes) -> bytes:
    """Return package relationships without the thumbnail relationship."""
    root = etree.fromstring(blob)
    for rel in list(root):
        if rel.get("Target", "").endswith("thumbnail.jpeg"):
            root.remove(rel)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


if __name__ == "__main__":
    main()
