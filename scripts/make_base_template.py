"""Write briefing/theme/base.pptx: a 16:9 base deck with Japanese-ready fonts and clean metadata.

Run from the repository root: ``python scripts/make_base_template.py``. It starts from
python-pptx's own default deck, widens every master and layout to 16:9, names Noto Sans JP as
the Latin and East Asian font of the theme, removes the thumbnail and printer settings, and
blanks the document properties.
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
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)
FONT = "Noto Sans JP"
NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    'docPropsVTypes"><Application>briefing</Application>'
    "<PresentationFormat>Widescreen</PresentationFormat></Properties>")


def widen(shapes_owner: object, factor: float) -> None:
    """Scale the x position and width of every shape of a master or layout by ``factor``."""
    for shape in shapes_owner.shapes:  # type: ignore[attr-defined]
        left, top, width, height = shape.left, shape.top, shape.width, shape.height
        if left is None:
            continue
        # Write all four values: a layout placeholder that inherited its geometry must not be
        # left with a partial transform.
        shape.left, shape.top = Emu(int(left * factor)), top
        shape.width, shape.height = Emu(int(width * factor)), height


def set_fonts(theme_xml: bytes) -> bytes:
    """Return the theme XML with the major and minor fonts named for Latin and Japanese."""
    root = etree.fromstring(theme_xml)
    for kind in ("majorFont", "minorFont"):
        font = root.find(f".//a:fontScheme/a:{kind}", NS)
        assert font is not None
        font.find("a:latin", NS).set("typeface", FONT)  # type: ignore[union-attr]
        font.find("a:ea", NS).set("typeface", FONT)  # type: ignore[union-attr]
        for script in font.findall("a:font", NS):
            if script.get("script") == "Jpan":
                script.set("typeface", FONT)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def main() -> None:
    """Write the base template."""
    prs = Presentation()
    factor = WIDTH / prs.slide_width
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    master = prs.slide_master
    # Layouts first: placeholders that inherit from the master read its unscaled geometry.
    for layout in master.slide_layouts:
        widen(layout, factor)
    widen(master, factor)
    for name in ("Title and Vertical Text", "Vertical Title and Text"):
        layout = master.slide_layouts.get_by_name(name)
        if layout is not None:
            master.slide_layouts.remove(layout)
    theme = master.part.part_related_by(RT.THEME)
    theme._blob = set_fonts(theme.blob)
    for rel in list(prs.part.package.part_related_by(RT.OFFICE_DOCUMENT).rels.values()):
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


def clean_package(data: bytes) -> bytes:
    """Return the package without its thumbnail and with neutral app properties."""
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
