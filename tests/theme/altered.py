"""Altered copies of a template, made in code: a zip bomb, an external picture, a DTD, private
parts, a macro project, an embedded object. Each starts from python-pptx's default deck."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from lxml import etree
from pptx import Presentation

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
MIB = 1 << 20
LAYOUT = "ppt/slideLayouts/slideLayout2.xml"


def base(path: Path) -> Path:
    """Write python-pptx's default deck with one sample slide to ``path``."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "A sample slide of the template"
    prs.save(str(path))
    return path


def read(path: Path) -> dict[str, bytes]:
    """Return every part of a zip package."""
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def write(parts: dict[str, bytes], path: Path) -> Path:
    """Write parts as a zip package."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return path


def add_relationship(parts: dict[str, bytes], source: str, rel_id: str, kind: str,
                     target: str, external: bool = False) -> None:
    """Add a relationship from ``source`` ('' for the package) to ``target``."""
    folder, name = source.rpartition("/")[0], source.rpartition("/")[2]
    rels = f"{folder}/_rels/{name}.rels" if source else "_rels/.rels"
    root = etree.fromstring(parts[rels]) if rels in parts else etree.Element(
        f"{{{PR}}}Relationships", nsmap={None: PR})  # type: ignore[dict-item]
    rel = etree.SubElement(root, f"{{{PR}}}Relationship", Id=rel_id, Type=kind, Target=target)
    if external:
        rel.set("TargetMode", "External")
    parts[rels] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def add_override(parts: dict[str, bytes], name: str, content_type: str) -> None:
    """Declare the content type of part ``name``."""
    root = etree.fromstring(parts["[Content_Types].xml"])
    etree.SubElement(root, f"{{{CT}}}Override", PartName=f"/{name}", ContentType=content_type)
    parts["[Content_Types].xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                  standalone=True)


def add_shape(parts: dict[str, bytes], part: str, xml: str) -> None:
    """Append a shape (DrawingML/PresentationML markup) to a layout's shape tree."""
    root = etree.fromstring(parts[part])
    tree = root.find(f"{{{P}}}cSld/{{{P}}}spTree")
    assert tree is not None
    tree.append(etree.fromstring(xml))
    parts[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


PRIVATE = {
    "docProps/custom.xml": ("application/vnd.openxmlformats-officedocument.custom-properties+"
                            "xml", f"{R}/custom-properties", ""),
    "ppt/commentAuthors.xml": ("application/vnd.openxmlformats-officedocument.presentationml."
                               "commentAuthors+xml", f"{R}/commentAuthors", "ppt/presentation.xml"),
    "ppt/authors.xml": ("application/vnd.ms-powerpoint.authors+xml",
                        "http://schemas.microsoft.com/office/2018/10/relationships/authors",
                        "ppt/presentation.xml"),
    "ppt/revisionInfo.xml": ("application/vnd.ms-powerpoint.revisioninfo+xml",
                             "http://schemas.microsoft.com/office/2015/10/relationships/"
                             "revisionInfo", "ppt/presentation.xml"),
    "ppt/vbaProject.bin": ("application/vnd.ms-office.vbaProject",
                           "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
                           "ppt/presentation.xml"),
}
SECRET = "Jane Template-Author, Sensitivity: Confidential"


def with_private_parts(source: Path, target: Path) -> Path:
    """Return a template carrying a thumbnail, custom properties, comment authors, authors,
    revision information and a macro project, each holding ``SECRET``."""
    parts = read(base(source))
    for number, (name, (content_type, kind, owner)) in enumerate(PRIVATE.items(), start=90):
        parts[name] = (f'<?xml version="1.0" encoding="UTF-8"?><x>{SECRET}</x>'.encode()
                       if name.endswith(".xml") else SECRET.encode())
        add_override(parts, name, content_type)
        relative = name.rpartition("/")[2] if owner else name
        add_relationship(parts, owner, f"rId{number}", kind, relative)
    parts["docProps/thumbnail.jpeg"] = _jpeg()
    add_relationship(parts, "", "rId99",
                     "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
                     "thumbnail", "docProps/thumbnail.jpeg")
    return write(parts, target)


def _jpeg() -> bytes:
    """Return a small JPEG picture."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (32, 24), "#884422").save(out, "JPEG")
    return out.getvalue()


TRACKER = "https://tracker.example.invalid/pixel.png"
SHARE = "file://fileserver.example.invalid/share/logo.png"


def with_external_picture(source: Path, target: Path) -> Path:
    """Return a template whose layout holds a picture linked to a web address and a link to a
    network share, and a text box with a hyperlink to a web page."""
    parts = read(base(source))
    add_relationship(parts, LAYOUT, "rId80", f"{R}/image", TRACKER, external=True)
    add_relationship(parts, LAYOUT, "rId81", f"{R}/image", SHARE, external=True)
    add_relationship(parts, LAYOUT, "rId82", f"{R}/hyperlink", "https://example.invalid/",
                     external=True)
    for number, r_id in ((80, "rId80"), (81, "rId81")):
        add_shape(parts, LAYOUT, _linked_picture(number, r_id))
    add_shape(parts, LAYOUT,
              f'<p:sp xmlns:p="{P}" xmlns:a="{A}" xmlns:r="{R}"><p:nvSpPr>'
              '<p:cNvPr id="83" name="Linked label"><a:hlinkClick r:id="rId82"/></p:cNvPr>'
              '<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="0" y="0"/>'
              '<a:ext cx="914400" cy="228600"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
              '</a:prstGeom></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r>'
              '<a:rPr lang="en-US"/><a:t>label</a:t></a:r></a:p></p:txBody></p:sp>')
    return write(parts, target)


def _linked_picture(number: int, r_id: str) -> str:
    """Return a picture shape whose image is linked, not embedded."""
    return (f'<p:pic xmlns:p="{P}" xmlns:a="{A}" xmlns:r="{R}"><p:nvPicPr>'
            f'<p:cNvPr id="{number}" name="Linked picture {number}"/><p:cNvPicPr/><p:nvPr/>'
            f'</p:nvPicPr><p:blipFill><a:blip r:link="{r_id}"/><a:stretch><a:fillRect/>'
            '</a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/>'
            '<a:ext cx="9525" cy="9525"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
            '</a:prstGeom></p:spPr></p:pic>')


def with_dtd(source: Path, target: Path, part: str = LAYOUT) -> Path:
    """Return a template one of whose parts declares a DTD with an entity (a billion-laughs
    start)."""
    parts = read(base(source))
    xml = parts[part].decode()
    declaration, _, rest = xml.partition("?>")
    parts[part] = (f'{declaration}?><!DOCTYPE p:sldLayout [<!ENTITY lol "lol">'
                   '<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>' + rest).encode()
    return write(parts, target)


def with_ole_object(source: Path, target: Path) -> Path:
    """Return a template whose layout embeds an OLE object (a spreadsheet)."""
    parts = read(base(source))
    parts["ppt/embeddings/oleObject1.bin"] = b"\xd0\xcf\x11\xe0" + bytes(64)
    add_override(parts, "ppt/embeddings/oleObject1.bin", "application/vnd.openxmlformats-"
                 "officedocument.oleObject")
    add_relationship(parts, LAYOUT, "rId70", f"{R}/oleObject", "../embeddings/oleObject1.bin")
    add_shape(parts, LAYOUT,
              f'<p:graphicFrame xmlns:p="{P}" xmlns:a="{A}" xmlns:r="{R}"><p:nvGraphicFramePr>'
              '<p:cNvPr id="70" name="Embedded sheet"/><p:cNvGraphicFramePr/><p:nvPr/>'
              '</p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/><a:ext cx="914400" '
              'cy="914400"/></p:xfrm><a:graphic><a:graphicData uri="http://schemas.'
              'openxmlformats.org/presentationml/2006/ole"><p:oleObj r:id="rId70" '
              'progId="Excel.Sheet.12"/></a:graphicData></a:graphic></p:graphicFrame>')
    return write(parts, target)


class _Repeat:
    """A stand-in compressor: every 1 MiB of zeros becomes the same self-contained deflate
    blocks, so gigabytes compress in no time (the result is a valid deflate stream)."""

    CHUNK = (lambda c: c.compress(bytes(MIB)) + c.flush(zlib.Z_FULL_FLUSH))(
        zlib.compressobj(9, zlib.DEFLATED, -15))

    def compress(self, data: bytes) -> bytes:
        assert data == bytes(MIB)
        return self.CHUNK

    def flush(self) -> bytes:
        return b"\x03\x00"  # an empty final block


def with_zip_bomb(source: Path, target: Path, size_mib: int = 3072) -> Path:
    """Return a template with an unused part that inflates to ``size_mib`` MiB of zeros
    (3 GiB from about 3 MB on disk), written as a stream."""
    parts = read(base(source))
    write(parts, target)
    original = zipfile._get_compressor  # type: ignore[attr-defined]
    zipfile._get_compressor = lambda *args, **kwargs: _Repeat()  # type: ignore[attr-defined]
    try:
        with zipfile.ZipFile(target, "a", zipfile.ZIP_DEFLATED) as package, \
                package.open("ppt/media/unused.bin", "w", force_zip64=True) as stream:
            zeros = bytes(MIB)
            for _ in range(size_mib):
                stream.write(zeros)
    finally:
        zipfile._get_compressor = original  # type: ignore[attr-defined]
    return target


TITLE_LAYOUT = "ppt/slideLayouts/slideLayout1.xml"
# The cropped logo: where it sits on the 720 x 540 pt slide (EMU), like a web-exported logo
# at the bottom left of a title layout.
LOGO_EMU = (114300, 6350000, 1828800, 228600)  # x, y, cx, cy: 9, 500, 144, 18 pt
LOGO_CROP = (10, 30, 10, 30)  # srcRect l, t, r, b in percent


def cropped_logo_png() -> bytes:
    """Return a 200 x 100 px PNG, transparent but for an opaque bar over the part the
    ``LOGO_CROP`` source rectangle keeps (x 20-180, y 30-70)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (200, 100), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle((20, 30, 179, 69), fill=(20, 20, 120, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def with_cropped_logo(source: Path, target: Path) -> Path:
    """Return a template whose title layout has no footer placeholders and a logo picture
    (``a:srcRect`` cropping away its transparent margins) at the bottom left."""
    parts = read(base(source))
    parts["ppt/media/croppedlogo.png"] = cropped_logo_png()
    root = etree.fromstring(parts["[Content_Types].xml"])
    if not any(d.get("Extension") == "png" for d in root):
        etree.SubElement(root, f"{{{CT}}}Default", Extension="png", ContentType="image/png")
        parts["[Content_Types].xml"] = etree.tostring(root, xml_declaration=True,
                                                      encoding="UTF-8", standalone=True)
    add_relationship(parts, TITLE_LAYOUT, "rId90", f"{R}/image", "../media/croppedlogo.png")
    layout = etree.fromstring(parts[TITLE_LAYOUT])
    tree = layout.find(f"{{{P}}}cSld/{{{P}}}spTree")
    assert tree is not None
    for shape in list(tree):
        ph = shape.find(f"./{{{P}}}nvSpPr/{{{P}}}nvPr/{{{P}}}ph")
        if ph is not None and ph.get("type") in ("dt", "ftr", "sldNum"):
            tree.remove(shape)
    parts[TITLE_LAYOUT] = etree.tostring(layout, xml_declaration=True, encoding="UTF-8",
                                         standalone=True)
    x, y, cx, cy = LOGO_EMU
    left, top, right, bottom = (v * 1000 for v in LOGO_CROP)
    add_shape(parts, TITLE_LAYOUT,
              f'<p:pic xmlns:p="{P}" xmlns:a="{A}" xmlns:r="{R}"><p:nvPicPr>'
              '<p:cNvPr id="90" name="Cropped logo"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
              '<p:blipFill><a:blip r:embed="rId90"><a:alphaModFix/></a:blip>'
              f'<a:srcRect l="{left}" t="{top}" r="{right}" b="{bottom}"/><a:stretch/>'
              f'</p:blipFill><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/>'
              f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
              '</a:prstGeom><a:noFill/></p:spPr></p:pic>')
    return write(parts, target)
