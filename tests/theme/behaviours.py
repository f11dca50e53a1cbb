"""Small templates made in code, one per behaviour a deck on a template must get right: dark
through the colour map, decorations on master and layout, centred and right-aligned titles,
picture-only content layouts, tiny body boxes, no footer placeholders, several masters, a
macro-enabled template, and 4:3, 16:10 and 720 x 405 pt slides.

Each starts from python-pptx's default deck (4:3, Office layouts) and changes its XML."""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree
from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.util import Emu

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
EMU = 12700
NS = {"p": P, "a": A, "r": R}
LOGO_BOX = (560.0, 400.0, 130.0, 110.0)  # points, on a 720 x 540 slide
RULE_Y = 300.0


def save(prs: object, path: Path) -> Path:
    """Save a python-pptx presentation to ``path``."""
    prs.save(str(path))  # type: ignore[attr-defined]
    return path


def layouts(prs: object) -> list[object]:
    """Return the layouts of the first master."""
    return list(prs.slide_master.slide_layouts)  # type: ignore[attr-defined]


def placeholders_of(element: etree._Element) -> list[etree._Element]:
    """Return the placeholder shapes of a master or layout."""
    return [sp for sp in element.iter(f"{{{P}}}sp") if sp.find(".//p:ph", NS) is not None]


def kind_of(shape: etree._Element) -> str:
    """Return a placeholder shape's type."""
    ph = shape.find(".//p:ph", NS)
    return "" if ph is None else str(ph.get("type", "obj"))


def dark_through_color_map(path: Path) -> Path:
    """A template that is dark because its master maps bg1 to dk1 and tx1 to lt1."""
    prs = Presentation()
    master = prs.slide_master._element
    color_map = master.find("p:clrMap", NS)
    assert color_map is not None
    color_map.set("bg1", "dk1")
    color_map.set("tx1", "lt1")
    color_map.set("bg2", "dk2")
    color_map.set("tx2", "lt2")
    theme = prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme")
    root = etree.fromstring(theme.blob)
    for slot, value in (("dk1", "101828"), ("lt1", "F2F2F2"), ("dk2", "1E2A3A"),
                        ("lt2", "C8D0DA")):
        element = root.find(f".//a:clrScheme/a:{slot}", NS)
        assert element is not None
        for child in list(element):
            element.remove(child)
        etree.SubElement(element, f"{{{A}}}srgbClr", val=value)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return save(prs, path)


def logo_png() -> bytes:
    """Return an opaque logo picture."""
    image = Image.new("RGB", (130, 110), "#C0392B")
    ImageDraw.Draw(image).ellipse((20, 10, 110, 100), fill="#FFFFFF")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def decorated(path: Path) -> Path:
    """A template with a logo on the master over the body's lower right corner and a rule
    across the middle of its content layout's body."""
    prs = Presentation()
    x, y, w, h = (round(v * EMU) for v in LOGO_BOX)
    master = prs.slide_master
    _, r_id = master.part.get_or_add_image_part(io.BytesIO(logo_png()))
    from pptx.oxml.shapes.picture import CT_Picture

    new_pic = CT_Picture.new_pic
    master.shapes._spTree.append(new_pic(90, "Master logo", "logo", r_id, x, y, w, h))  # type: ignore[no-untyped-call]
    content = layouts(prs)[1]
    content._element.find("p:cSld/p:spTree", NS).append(etree.fromstring(  # type: ignore[union-attr]
        f'<p:cxnSp xmlns:p="{P}" xmlns:a="{A}"><p:nvCxnSpPr><p:cNvPr id="91" '
        'name="Layout rule"/><p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr><p:spPr><a:xfrm>'
        f'<a:off x="{round(36 * EMU)}" y="{round(RULE_Y * EMU)}"/><a:ext cx="{round(648 * EMU)}" '
        'cy="0"/></a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="38100">'
        '<a:solidFill><a:srgbClr val="2E7D32"/></a:solidFill></a:ln></p:spPr></p:cxnSp>'))
    return save(prs, path)


def aligned_titles(path: Path, align: str) -> Path:
    """A template whose content layouts set their titles ``align`` (ctr or r)."""
    prs = Presentation()
    style = prs.slide_master._element.find("p:txStyles/p:titleStyle/a:lvl1pPr", NS)
    assert style is not None
    style.set("algn", align)
    return save(prs, path)


def picture_only(path: Path) -> Path:
    """A template whose content layouts hold picture placeholders and no body."""
    prs = Presentation()
    for layout in layouts(prs):
        for shape in placeholders_of(layout._element):
            if kind_of(shape) in ("obj", "body"):
                ph = shape.find(".//p:ph", NS)
                assert ph is not None
                ph.set("type", "pic")
    return save(prs, path)


def tiny_bodies(path: Path) -> Path:
    """A template whose body placeholders are 22 pt tall (as Google Slides exports them)."""
    prs = Presentation()
    for element in [prs.slide_master._element, *(layout._element for layout in layouts(prs))]:
        for shape in placeholders_of(element):
            if kind_of(shape) in ("obj", "body"):
                ext = shape.find("p:spPr/a:xfrm/a:ext", NS)
                if ext is not None:
                    ext.set("cy", str(22 * EMU))
    return save(prs, path)


def without_footers(path: Path) -> Path:
    """A template whose master and layouts have no date, footer or slide-number placeholder."""
    prs = Presentation()
    for element in [prs.slide_master._element, *(layout._element for layout in layouts(prs))]:
        for shape in placeholders_of(element):
            if kind_of(shape) in ("dt", "ftr", "sldNum"):
                shape.getparent().remove(shape)  # type: ignore[union-attr]
    return save(prs, path)


def sized(path: Path, width: float, height: float) -> Path:
    """A template of ``width`` x ``height`` points, every master and layout shape scaled."""
    prs = Presentation()
    sx, sy = width / 720, height / 540
    prs.slide_width, prs.slide_height = Emu(round(width * EMU)), Emu(round(height * EMU))
    for element in [prs.slide_master._element, *(layout._element for layout in layouts(prs))]:
        for xfrm in element.iter(f"{{{A}}}xfrm"):
            off, ext = xfrm.find("a:off", NS), xfrm.find("a:ext", NS)
            for node, keys, scales in ((off, ("x", "y"), (sx, sy)),
                                       (ext, ("cx", "cy"), (sx, sy))):
                if node is not None:
                    for key, scale in zip(keys, scales, strict=True):
                        node.set(key, str(round(int(node.get(key, "0")) * scale)))
    return save(prs, path)


MACRO_MAIN = "application/vnd.ms-powerpoint.template.macroEnabled.main+xml"
PRESENTATION_MAIN = (
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml")


def macro_enabled(path: Path) -> Path:
    """A macro-enabled template (.potm) with its VBA project."""
    source = save(Presentation(), path.with_suffix(".source.pptx"))
    with zipfile.ZipFile(source) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        PRESENTATION_MAIN.encode(), MACRO_MAIN.encode()).replace(
        b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.'
                     b'vbaProject"/></Types>')
    parts["ppt/vbaProject.bin"] = b"\xd0\xcf\x11\xe0VBA project" + bytes(32)
    rels = etree.fromstring(parts["ppt/_rels/presentation.xml.rels"])
    etree.SubElement(rels, f"{{{PR}}}Relationship", Id="rId99", Target="vbaProject.bin",
                     Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject")
    parts["ppt/_rels/presentation.xml.rels"] = etree.tostring(rels)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    source.unlink()
    return path


def several_masters(path: Path) -> Path:
    """A template with two masters: the first paints a colour panel over most of its body
    area (a title design), the second is plain. Content belongs on the second."""
    source = save(Presentation(), path.with_suffix(".source.pptx"))
    with zipfile.ZipFile(source) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    source.unlink()
    master = etree.fromstring(parts["ppt/slideMasters/slideMaster1.xml"])
    plain = copy.deepcopy(master)
    tree = master.find("p:cSld/p:spTree", NS)
    assert tree is not None
    tree.append(etree.fromstring(
        f'<p:sp xmlns:p="{P}" xmlns:a="{A}"><p:nvSpPr><p:cNvPr id="95" name="Panel"/>'
        '<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="0" y="1143000"/>'
        '<a:ext cx="9144000" cy="4572000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        '</a:prstGeom><a:solidFill><a:srgbClr val="7B1FA2"/></a:solidFill></p:spPr></p:sp>'))
    parts["ppt/slideMasters/slideMaster1.xml"] = etree.tostring(master)
    _add_master(parts, plain)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return path


def _add_master(parts: dict[str, bytes], master: etree._Element) -> None:
    """Add ``master`` as a second slide master with copies of the first master's layouts."""
    rels = etree.fromstring(parts["ppt/slideMasters/_rels/slideMaster1.xml.rels"])
    new_rels = etree.Element(f"{{{PR}}}Relationships", nsmap={None: PR})  # type: ignore[dict-item]
    types = etree.fromstring(parts["[Content_Types].xml"])
    ids = master.find("p:sldLayoutIdLst", NS)
    assert ids is not None
    number = 100
    layout_type = ("application/vnd.openxmlformats-officedocument.presentationml."
                   "slideLayout+xml")
    for rel in rels:
        target = str(rel.get("Target"))
        if "slideLayout" not in str(rel.get("Type")):
            etree.SubElement(new_rels, f"{{{PR}}}Relationship", Id=str(rel.get("Id")),
                             Type=str(rel.get("Type")), Target=target)
            continue
        number += 1
        old = target.rsplit("/", 1)[-1]
        name = f"slideLayout{number}.xml"
        parts[f"ppt/slideLayouts/{name}"] = parts[f"ppt/slideLayouts/{old}"]
        parts[f"ppt/slideLayouts/_rels/{name}.rels"] = re.sub(
            rb"slideMaster1\.xml", b"slideMaster2.xml",
            parts[f"ppt/slideLayouts/_rels/{old}.rels"])
        etree.SubElement(new_rels, f"{{{PR}}}Relationship", Id=str(rel.get("Id")),
                         Type=str(rel.get("Type")), Target=f"../slideLayouts/{name}")
        etree.SubElement(types, f"{{{CT}}}Override", PartName=f"/ppt/slideLayouts/{name}",
                         ContentType=layout_type)
    for index, entry in enumerate(ids):
        entry.set("id", str(2147483900 + index))
    parts["ppt/slideMasters/slideMaster2.xml"] = etree.tostring(master)
    parts["ppt/slideMasters/_rels/slideMaster2.xml.rels"] = etree.tostring(new_rels)
    etree.SubElement(types, f"{{{CT}}}Override", PartName="/ppt/slideMasters/slideMaster2.xml",
                     ContentType="application/vnd.openxmlformats-officedocument."
                                 "presentationml.slideMaster+xml")
    parts["[Content_Types].xml"] = etree.tostring(types)
    presentation = etree.fromstring(parts["ppt/presentation.xml"])
    masters = presentation.find("p:sldMasterIdLst", NS)
    assert masters is not None
    etree.SubElement(masters, f"{{{P}}}sldMasterId", id="2147483800",
                     attrib={f"{{{R}}}id": "rId900"})
    parts["ppt/presentation.xml"] = etree.tostring(presentation)
    presentation_rels = etree.fromstring(parts["ppt/_rels/presentation.xml.rels"])
    etree.SubElement(presentation_rels, f"{{{PR}}}Relationship", Id="rId900",
                     Type=f"{R}/slideMaster", Target="slideMasters/slideMaster2.xml")
    parts["ppt/_rels/presentation.xml.rels"] = etree.tostring(presentation_rels)


MAKERS: dict[str, Callable[[Path], Path]] = {
    "dark": dark_through_color_map,
    "decorated": decorated,
    "centred": lambda path: aligned_titles(path, "ctr"),
    "right": lambda path: aligned_titles(path, "r"),
    "picture-only": picture_only,
    "tiny-bodies": tiny_bodies,
    "no-footers": without_footers,
    "several-masters": several_masters,
    "macros": lambda path: macro_enabled(path.with_suffix(".potm")),
    "4:3": lambda path: sized(path, 720, 540),
    "16:10": lambda path: sized(path, 960, 600),
    "720x405": lambda path: sized(path, 720, 405),
}
