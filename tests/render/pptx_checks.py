"""Helpers shared by the .pptx tests: package parts, schemas, relationships, text and geometry."""

from __future__ import annotations

import copy
import functools
import io
import os
import posixpath
import shutil
import unicodedata
import zipfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_DIR = ROOT.parent / "shared" / "ooxml-xsd"
EMU_PER_PT = 12700

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XSD = "http://www.w3.org/2001/XMLSchema"
_Place = Callable[[float, float], tuple[float, float]]
NS = {"a": A, "p": P, "r": R, "pr": PR, "ct": CT, "cp": CP, "ep": EP, "dc": DC,
      "dcterms": DCTERMS}

REL_NOTES = f"{R}/notesSlide"
REL_THEME = f"{R}/theme"
REL_MASTER = f"{R}/slideMaster"

# Schema file for the root element's namespace of each kind of part.
SCHEMA_FILES = {
    P: "pml.xsd",
    A: "dml-main.xsd",
    CT: "opc-contentTypes.xsd",
    PR: "opc-relationships.xsd",
    EP: "shared-documentPropertiesExtended.xsd",
    CP: "opc-coreProperties.xsd",
}

# opc-coreProperties.xsd imports the Dublin Core schemas from the web and the xml: namespace
# without a location; these small stand-ins declare what a core-properties part may use so the
# part validates offline.
DC_STANDIN = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="{DC}"
    targetNamespace="{DC}" elementFormDefault="qualified">
  <xs:complexType name="SimpleLiteral">
    <xs:simpleContent><xs:extension base="xs:string"/></xs:simpleContent>
  </xs:complexType>
  <xs:element name="title" type="SimpleLiteral"/>
  <xs:element name="creator" type="SimpleLiteral"/>
  <xs:element name="subject" type="SimpleLiteral"/>
  <xs:element name="description" type="SimpleLiteral"/>
  <xs:element name="identifier" type="SimpleLiteral"/>
  <xs:element name="language" type="SimpleLiteral"/>
</xs:schema>"""
XML_STANDIN = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{XML_NS}">
  <xs:attribute name="lang" type="xs:language"/>
  <xs:attribute name="space" type="xs:NCName"/>
</xs:schema>"""
XML_SCHEMA_URL = "http://www.w3.org/2001/xml.xsd"
W3CDTF_PATTERN = r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+\-]\d{2}:\d{2}))?)?)?"
DCTERMS_STANDIN = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:dc="{DC}" targetNamespace="{DCTERMS}" elementFormDefault="qualified">
  <xs:import namespace="{DC}" schemaLocation="{DC}standin.xsd"/>
  <xs:complexType name="W3CDTF">
    <xs:simpleContent>
      <xs:restriction base="dc:SimpleLiteral">
        <xs:pattern value="{W3CDTF_PATTERN}"/>
      </xs:restriction>
    </xs:simpleContent>
  </xs:complexType>
  <xs:element name="created" type="dc:SimpleLiteral"/>
  <xs:element name="modified" type="dc:SimpleLiteral"/>
</xs:schema>"""


class Relationship(NamedTuple):
    """One relationship: the part that holds it, its id, type and resolved target."""

    source: str
    rid: str
    type: str
    target: str
    external: bool


class Box(NamedTuple):
    """A rectangle in points: left, top, right and bottom edges."""

    x0: float
    top: float
    x1: float
    bottom: float

    def grown(self, margin: float) -> Box:
        """Return this box grown by ``margin`` on every side."""
        return Box(self.x0 - margin, self.top - margin, self.x1 + margin, self.bottom + margin)

    def contains(self, other: Box) -> bool:
        """Return whether ``other`` lies inside this box."""
        return (self.x0 <= other.x0 and self.top <= other.top and other.x1 <= self.x1
                and other.bottom <= self.bottom)

    def overlap_area(self, other: Box) -> float:
        """Return the area shared by this box and ``other``."""
        width = min(self.x1, other.x1) - max(self.x0, other.x0)
        height = min(self.bottom, other.bottom) - max(self.top, other.top)
        return width * height if width > 0 and height > 0 else 0.0

    def __str__(self) -> str:
        return f"({self.x0:.1f}, {self.top:.1f})-({self.x1:.1f}, {self.bottom:.1f})"


class TextShape(NamedTuple):
    """A shape on a slide that holds text: its name, box in points and paragraph texts."""

    name: str
    box: Box | None
    paragraphs: tuple[str, ...]
    bullets: frozenset[str]

    @property
    def key(self) -> str:
        """Return the shape's text normalised for matching rendered lines."""
        return normalise("".join(self.paragraphs))


# --- reading the package ----------------------------------------------------------------------

def need_libreoffice() -> None:
    """Skip a test that needs LibreOffice when it is missing; in CI, fail it instead."""
    if shutil.which("soffice") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must render decks, but soffice (LibreOffice) is not on PATH")
        pytest.skip("soffice (LibreOffice) is not on PATH")


def read_parts(path: Path) -> dict[str, bytes]:
    """Return every part of the package at ``path``, keyed by its name in the zip."""
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist() if not name.endswith("/")}


def write_parts(parts: Mapping[str, bytes], path: Path) -> None:
    """Write ``parts`` as a zip package at ``path``, [Content_Types].xml first."""
    names = sorted(parts, key=lambda name: name != "[Content_Types].xml")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name in names:
            package.writestr(name, parts[name])
    path.write_bytes(buffer.getvalue())


def is_xml(name: str) -> bool:
    """Return whether the part called ``name`` holds XML."""
    return name.endswith((".xml", ".rels"))


def parse(data: bytes) -> etree._Element:
    """Return the root element of an XML part."""
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def source_of(rels_name: str) -> str:
    """Return the name of the part whose relationships ``rels_name`` holds ('' = package)."""
    folder, file = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), file.removesuffix(".rels"))


def rels_name_of(part: str) -> str:
    """Return the name of the relationships part of ``part``."""
    folder, file = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{file}.rels")


def relationships(parts: Mapping[str, bytes]) -> list[Relationship]:
    """Return every relationship in the package with internal targets resolved to part names."""
    found = []
    for name in sorted(parts):
        if not name.endswith(".rels"):
            continue
        source = source_of(name)
        for rel in parse(parts[name]).iterfind("pr:Relationship", NS):
            external = rel.get("TargetMode") == "External"
            target = unquote(rel.get("Target", ""))
            if not external:
                base = posixpath.dirname(source)
                joined = target[1:] if target.startswith("/") else posixpath.join(base, target)
                target = posixpath.normpath(joined)
            found.append(Relationship(source, rel.get("Id", ""), rel.get("Type", ""), target,
                                      external))
    return found


def related(parts: Mapping[str, bytes], source: str, rel_type: str) -> list[str]:
    """Return the parts ``source`` points to with relationships of ``rel_type``."""
    rels = parts.get(rels_name_of(source))
    if rels is None:
        return []
    base = posixpath.dirname(source)
    return [posixpath.normpath(posixpath.join(base, unquote(rel.get("Target", ""))))
            for rel in parse(rels).iterfind("pr:Relationship", NS) if rel.get("Type") == rel_type]


def slide_names(parts: Mapping[str, bytes]) -> list[str]:
    """Return the slide parts in presentation order."""
    rels = parse(parts[rels_name_of("ppt/presentation.xml")])
    targets = {rel.get("Id"): posixpath.normpath(posixpath.join("ppt", rel.get("Target", "")))
               for rel in rels.iterfind("pr:Relationship", NS)}
    presentation = parse(parts["ppt/presentation.xml"])
    return [targets[slide_id.get(f"{{{R}}}id")]
            for slide_id in presentation.iterfind("p:sldIdLst/p:sldId", NS)]


def slide_size(parts: Mapping[str, bytes]) -> tuple[int, int]:
    """Return the slide width and height in EMU."""
    size = parse(parts["ppt/presentation.xml"]).find("p:sldSz", NS)
    assert size is not None, "presentation.xml has no p:sldSz"
    return int(size.get("cx", "0")), int(size.get("cy", "0"))


def notes_text(parts: Mapping[str, bytes], slide: str) -> str:
    """Return the text of the notes placeholder of ``slide`` ('' when it has no notes)."""
    texts: list[str] = []
    for notes in related(parts, slide, REL_NOTES):
        for sp in parse(parts[notes]).iterfind(".//p:sp", NS):
            ph = sp.find("p:nvSpPr/p:nvPr/p:ph", NS)
            if ph is not None and ph.get("type") == "body":
                texts.extend(t.text or "" for t in sp.iterfind(".//a:t", NS))
    return "".join(texts).strip()


def uncovered_parts(parts: Mapping[str, bytes]) -> list[str]:
    """Return problems with content types: parts without one and overrides without a part."""
    types = parse(parts["[Content_Types].xml"])
    defaults = {d.get("Extension", "").lower() for d in types.iterfind("ct:Default", NS)}
    overrides = {o.get("PartName", "").lower() for o in types.iterfind("ct:Override", NS)}
    problems = []
    for name in sorted(parts):
        if name == "[Content_Types].xml":
            continue
        extension = posixpath.basename(name).rpartition(".")[2].lower()
        if f"/{name}".lower() not in overrides and extension not in defaults:
            problems.append(f"{name}: no content type")
    names = {f"/{name}".lower() for name in parts}
    problems.extend(f"{override}: override for a missing part"
                    for override in sorted(overrides - names))
    return problems


# --- schema validation ------------------------------------------------------------------------

def _standin(url: str) -> str | None:
    """Return the local stand-in for a schema that ``url`` names on the web, if there is one."""
    if url == XML_SCHEMA_URL:
        return XML_STANDIN
    if url == f"{DC}standin.xsd" or (url.startswith("http://dublincore.org/")
                                     and url.endswith("/dc.xsd")):
        return DC_STANDIN
    if url.startswith("http://dublincore.org/") and url.endswith("/dcterms.xsd"):
        return DCTERMS_STANDIN
    return None


class _OfflineResolver(etree.Resolver):
    """Resolve the web imports of opc-coreProperties.xsd to local stand-ins."""

    def resolve(  # type: ignore[override]
            self, system_url: str, public_id: str, context: object) -> object:
        standin = _standin(system_url)
        if standin is None:
            return None
        return self.resolve_string(standin, context, base_url=system_url)


@functools.cache
def schema(namespace: str) -> etree.XMLSchema | None:
    """Return the XML Schema for parts whose root is in ``namespace`` (loaded once)."""
    file = SCHEMA_FILES.get(namespace)
    if file is None:
        return None
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_OfflineResolver())
    document = etree.parse(str(SCHEMA_DIR / file), parser)
    for imported in document.getroot().iterfind(f"{{{XSD}}}import"):
        if imported.get("namespace") == XML_NS and not imported.get("schemaLocation"):
            imported.set("schemaLocation", XML_SCHEMA_URL)
    return etree.XMLSchema(document)


@functools.cache
def described_namespaces() -> frozenset[str]:
    """Return the namespaces the schema folder describes, plus xml: and xsi:."""
    found = {XML_NS, XSI, DC, DCTERMS}
    for file in SCHEMA_DIR.glob("*.xsd"):
        namespace = etree.parse(str(file)).getroot().get("targetNamespace")
        if namespace:
            found.add(namespace)
    return frozenset(found)


def _namespace(tag: str) -> str:
    """Return the namespace of a Clark-notation name ('' if it has none)."""
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def strip_extensions(root: etree._Element) -> etree._Element:
    """Return a copy of ``root`` without markup-compatibility and extension content.

    ``mc:AlternateContent`` is replaced by its ``mc:Fallback`` children; attributes and elements
    from namespaces the schemas do not describe are dropped, and an ``ext`` of an extension
    list whose content is dropped goes with it.
    """
    known = described_namespaces()
    tree = copy.deepcopy(root)
    for alternate in list(tree.iter(f"{{{MC}}}AlternateContent")):
        parent = alternate.getparent()
        if parent is None:
            continue
        index = parent.index(alternate)
        fallback = alternate.find(f"{{{MC}}}Fallback")
        for offset, child in enumerate(list(fallback) if fallback is not None else []):
            parent.insert(index + offset, child)
        parent.remove(alternate)
    for element in list(tree.iter()):
        if not isinstance(element.tag, str):
            continue
        for name in [str(key) for key in element.attrib]:
            if name.startswith("{") and _namespace(name) not in known:
                del element.attrib[name]
        if _namespace(element.tag) in known:
            continue
        parent = element.getparent()
        if parent is None:
            continue
        extension = parent if etree.QName(parent).localname == "ext" and _in_ext_list(parent) \
            else None
        doomed = extension if extension is not None else element
        holder = doomed.getparent()
        if holder is not None:
            holder.remove(doomed)
    return tree


def _in_ext_list(element: etree._Element) -> bool:
    """Return whether ``element`` sits directly in an ``extLst``."""
    parent = element.getparent()
    return parent is not None and etree.QName(parent).localname == "extLst"


def schema_errors(parts: Mapping[str, bytes]) -> list[str]:
    """Return every schema violation of the package's XML parts, as 'part: xpath: message'."""
    errors = []
    for name in sorted(parts):
        if not is_xml(name):
            continue
        root = parse(parts[name])
        namespace = _namespace(root.tag)
        validator = schema(namespace)
        if validator is None:
            errors.append(f"{name}: no schema describes root element {root.tag}")
            continue
        if not validator.validate(strip_extensions(root)):
            errors.extend(f"{name}: {entry.path}: {entry.message}"
                          for entry in validator.error_log)  # type: ignore[attr-defined]
    return errors


# --- text -------------------------------------------------------------------------------------

def normalise(text: str) -> str:
    """Return ``text`` in compatibility form without any whitespace, case folded, for
    matching (a template's style may set text in capitals)."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def run_properties(root: etree._Element) -> Iterator[tuple[str, etree._Element | None]]:
    """Yield (what, properties) for every run, field, break and paragraph end under ``root``."""
    for kind in ("r", "fld", "br"):
        for run in root.iter(f"{{{A}}}{kind}"):
            text = "".join(map(str, run.itertext())) or "(break)"
            yield f"a:{kind} {text[:30]!r}", run.find("a:rPr", NS)
    for end in root.iter(f"{{{A}}}endParaRPr"):
        yield "a:endParaRPr", end


def paragraph_text(paragraph: etree._Element) -> str:
    """Return the text of an ``a:p``, breaks as newlines."""
    pieces = []
    for child in paragraph:
        if child.tag in (f"{{{A}}}r", f"{{{A}}}fld"):
            pieces.append("".join(t.text or "" for t in child.iterfind("a:t", NS)))
        elif child.tag == f"{{{A}}}br":
            pieces.append("\n")
    return "".join(pieces)


def placeholder_type(shape: etree._Element) -> str | None:
    """Return the placeholder type of a shape ('body' when untyped), None if not one."""
    ph = shape.find("p:nvSpPr/p:nvPr/p:ph", NS)
    return None if ph is None else ph.get("type", "body")


def title_text(slide: etree._Element) -> str | None:
    """Return the text of the slide's title placeholder, None when it has none."""
    for shape in slide.iterfind(".//p:sp", NS):
        if placeholder_type(shape) in ("title", "ctrTitle"):
            return "\n".join(paragraph_text(p) for p in shape.iterfind("p:txBody/a:p", NS))
    return None


# --- geometry ---------------------------------------------------------------------------------

def text_shapes(slide: etree._Element) -> list[TextShape]:
    """Return the shapes of ``slide`` that hold text, with boxes in points (groups resolved)."""
    tree = slide.find("p:cSld/p:spTree", NS)
    assert tree is not None, "slide has no shape tree"
    return list(_text_shapes_in(tree, _identity))


def _identity(x: float, y: float) -> tuple[float, float]:
    """Return the point unchanged."""
    return x, y


def _text_shapes_in(tree: etree._Element, place: _Place) -> Iterator[TextShape]:
    """Yield text shapes under a shape tree or group, mapping child coordinates by ``place``."""
    for child in tree:
        if child.tag == f"{{{P}}}grpSp":
            yield from _text_shapes_in(child, _group_place(child, place))
        elif child.tag == f"{{{P}}}sp" and child.find("p:txBody", NS) is not None:
            paragraphs = tuple(paragraph_text(p) for p in child.iterfind("p:txBody/a:p", NS))
            if not normalise("".join(paragraphs)):
                continue
            c_nv_pr = child.find("p:nvSpPr/p:cNvPr", NS)
            name = c_nv_pr.get("name", "?") if c_nv_pr is not None else "?"
            bullets = frozenset(b.get("char", "") for b in child.iter(f"{{{A}}}buChar"))
            yield TextShape(name, _box(child.find("p:spPr/a:xfrm", NS), place), paragraphs,
                            bullets)



def _group_place(group: etree._Element, outer: _Place) -> _Place:
    """Return the mapping from a group's child coordinates to slide coordinates."""
    xfrm = group.find("p:grpSpPr/a:xfrm", NS)
    if xfrm is None:
        return outer
    off, ext = _pair(xfrm, "off", "x", "y"), _pair(xfrm, "ext", "cx", "cy")
    ch_off, ch_ext = _pair(xfrm, "chOff", "x", "y"), _pair(xfrm, "chExt", "cx", "cy")
    sx = ext[0] / ch_ext[0] if ch_ext[0] else 1.0
    sy = ext[1] / ch_ext[1] if ch_ext[1] else 1.0

    def place(x: float, y: float) -> tuple[float, float]:
        return outer(off[0] + (x - ch_off[0]) * sx, off[1] + (y - ch_off[1]) * sy)

    return place


def _pair(xfrm: etree._Element, child: str, first: str, second: str) -> tuple[int, int]:
    """Return two integer attributes of a child of ``a:xfrm`` (0 when missing)."""
    element = xfrm.find(f"a:{child}", NS)
    if element is None:
        return 0, 0
    return int(element.get(first, "0")), int(element.get(second, "0"))


def _box(xfrm: etree._Element | None, place: _Place) -> Box | None:
    """Return the box of a shape's ``a:xfrm`` in points on the slide, None without one."""
    if xfrm is None or xfrm.find("a:off", NS) is None:
        return None
    (x, y), (cx, cy) = _pair(xfrm, "off", "x", "y"), _pair(xfrm, "ext", "cx", "cy")
    left, top = place(x, y)
    right, bottom = place(x + cx, y + cy)
    return Box(left / EMU_PER_PT, top / EMU_PER_PT, right / EMU_PER_PT, bottom / EMU_PER_PT)


# --- rendered pages ---------------------------------------------------------------------------

class Glyph(NamedTuple):
    """A rendered character: its text, size, em box (ascent to descent) in points and fill
    colour (0-1 RGB, as the PDF paints it)."""

    text: str
    size: float
    baseline: float
    box: Box
    color: tuple[float, float, float] | None = None


class Line(NamedTuple):
    """A line of rendered text from one shape: its text and its visible glyphs."""

    text: str
    glyphs: tuple[Glyph, ...]

    @property
    def box(self) -> Box:
        """Return the box around the line's visible glyphs."""
        return union([glyph.box for glyph in self.glyphs])


def switch_off_autofit(parts: Mapping[str, bytes]) -> dict[str, bytes]:
    """Return ``parts`` with every autofit of slides, layouts and masters replaced by none."""
    changed = dict(parts)
    for name, data in parts.items():
        if not name.startswith(("ppt/slides/", "ppt/slideLayouts/", "ppt/slideMasters/")) \
                or not name.endswith(".xml"):
            continue
        root = parse(data)
        fits = [*root.iter(f"{{{A}}}normAutofit"), *root.iter(f"{{{A}}}spAutoFit")]
        for fit in fits:
            fit.addprevious(etree.Element(f"{{{A}}}noAutofit"))
            parent = fit.getparent()
            assert parent is not None
            parent.remove(fit)
        if fits:
            changed[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                           standalone=True)
    return changed


def glyphs(chars: list[dict[str, object]], page_height: float, ascent: float,
           descent: float) -> list[Glyph]:
    """Return pdfplumber characters as glyphs whose box spans the font's ascent and descent.

    ``ascent`` and ``descent`` are in em; the box runs from ``ascent`` above the baseline to
    ``descent`` below it, whatever box the PDF's font descriptor implies. A slanted glyph
    (synthetic italic: its matrix shears) spans its advance from its origin, as the upright
    glyph would; the sheared box pdfplumber gives would overlap its neighbours.
    """
    found = []
    for char in chars:
        matrix = char["matrix"]
        assert isinstance(matrix, tuple), f"matrix of {char} is not a tuple"
        size, baseline = _float(char, "size"), page_height - float(matrix[5])
        x0, x1 = _float(char, "x0"), _float(char, "x1")
        if float(matrix[2]):
            x0 = float(matrix[4])
            x1 = x0 + _float(char, "adv")
        box = Box(x0, baseline - ascent * size, x1, baseline + descent * size)
        found.append(Glyph(str(char["text"]), size, baseline, box,
                           _rgb(char.get("non_stroking_color"))))
    return found


def _rgb(value: object) -> tuple[float, float, float] | None:
    """Return a PDF fill colour as 0-1 RGB (grey and CMYK converted), None when unknown."""
    if not isinstance(value, (tuple, list)):
        return None
    numbers = [float(v) for v in value]
    if len(numbers) == 1:
        return (numbers[0],) * 3  # type: ignore[return-value]
    if len(numbers) == 3:
        return numbers[0], numbers[1], numbers[2]
    if len(numbers) == 4:
        c, m, y, k = numbers
        return (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
    return None


def raw_lines(page: list[Glyph]) -> list[list[Glyph]]:
    """Return the glyphs of a page cut into lines, keeping drawing order.

    A line ends where the baseline changes, the pen moves back, or it jumps forward by more
    than one and a half em; shapes side by side may still share a line (see ``split_line``).
    """
    lines: list[list[Glyph]] = []
    for glyph in page:
        if lines and _continues(lines[-1][-1], glyph):
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
    return lines


def split_line(line: list[Glyph], keys: list[str], bullets: frozenset[str]) -> list[Line]:
    """Return ``line`` cut into the longest runs whose text is in one of the shape ``keys``.

    Bullet characters and spaces that start a run belong to it but are not matched.
    """
    pieces = [normalise(glyph.text) for glyph in line]
    runs: list[list[Glyph]] = []
    start = 0
    while start < len(line):
        lead = start
        while lead < len(line) and (not pieces[lead] or line[lead].text in bullets):
            lead += 1
        end = lead + 1
        for stop in range(len(line), lead, -1):
            if any("".join(pieces[lead:stop]) in key for key in keys):
                end = stop
                break
        runs.append(line[start:min(end, len(line))])
        start = end
    return [made for run in runs if (made := _make_line(run)) is not None]


def strip_bullet(text: str, bullets: frozenset[str]) -> str:
    """Return ``text`` without its leading bullet characters and spaces."""
    index = 0
    while index < len(text) and (text[index] in bullets or not text[index].strip()):
        index += 1
    return text[index:]


def _float(char: Mapping[str, object], key: str) -> float:
    """Return a numeric property of a pdfplumber character."""
    value = char[key]
    assert isinstance(value, int | float), f"{key} of {char} is not a number"
    return float(value)


def _continues(previous: Glyph, glyph: Glyph) -> bool:
    """Return whether ``glyph`` continues the line that ends with ``previous``."""
    size = max(previous.size, glyph.size)
    gap = glyph.box.x0 - previous.box.x1
    return abs(previous.baseline - glyph.baseline) <= 0.3 * size and \
        -0.25 * size <= gap <= 1.5 * size


def _make_line(run: list[Glyph]) -> Line | None:
    """Return the line made of ``run``, None if it holds only spaces."""
    visible = [glyph for glyph in run if glyph.text.strip()]
    if not visible:
        return None
    return Line("".join(glyph.text for glyph in run).strip(), tuple(visible))


def union(boxes: list[Box]) -> Box:
    """Return the smallest box holding all of ``boxes``."""
    return Box(min(b.x0 for b in boxes), min(b.top for b in boxes), max(b.x1 for b in boxes),
               max(b.bottom for b in boxes))


# --- inherited placeholder geometry -----------------------------------------------------------

REL_LAYOUT = f"{R}/slideLayout"
# The master placeholder a slide or layout placeholder of each type takes its box from.
MASTER_TYPE = {"ctrTitle": "title", "subTitle": "body", "obj": "body", "pic": "body",
               "tbl": "body", "chart": "body", "media": "body", "clipArt": "body",
               "dgm": "body"}


def _ph_key(shape: etree._Element) -> tuple[str, str] | None:
    """Return (type, idx) of a placeholder shape ('obj' and '0' when not written), else None."""
    ph = shape.find("./*/p:nvPr/p:ph", NS)
    if ph is None:
        return None
    return ph.get("type", "obj"), ph.get("idx", "0")


def _own_box(shape: etree._Element) -> Box | None:
    """Return the box a shape states itself (``a:xfrm`` in its properties), in points."""
    return _box(shape.find("p:spPr/a:xfrm", NS), _identity)


def _placeholder_boxes(root: etree._Element) -> list[tuple[str, str, Box | None]]:
    """Return (type, idx, own box) of every placeholder on a layout or master."""
    found = []
    for shape in root.iterfind("p:cSld/p:spTree/*", NS):
        key = _ph_key(shape)
        if key is not None:
            found.append((key[0], key[1], _own_box(shape)))
    return found


def _inherited_box(kind: str, idx: str, layout: list[tuple[str, str, Box | None]],
                   master: list[tuple[str, str, Box | None]]) -> Box | None:
    """Return the box a placeholder inherits: the layout's by index (else by type), then the
    master's by type."""
    match = next((entry for entry in layout if entry[1] == idx and idx != "0"), None) or \
        next((entry for entry in layout if entry[0] == kind), None)
    if match is not None and match[2] is not None:
        return match[2]
    wanted = MASTER_TYPE.get(match[0] if match is not None else kind,
                             match[0] if match is not None else kind)
    return next((box for kind_, _, box in master if kind_ == wanted and box is not None), None)


def text_shapes_of(parts: Mapping[str, bytes], slide_name: str) -> list[TextShape]:
    """Return the text shapes of a slide part like ``text_shapes``, giving each placeholder
    that has no position of its own the box it inherits from its layout or master."""
    slide = parse(parts[slide_name])
    shapes = text_shapes(slide)
    if all(shape.box is not None for shape in shapes):
        return shapes
    layout_name = related(parts, slide_name, REL_LAYOUT)[0]
    master_name = related(parts, layout_name, REL_MASTER)[0]
    layout = _placeholder_boxes(parse(parts[layout_name]))
    master = _placeholder_boxes(parse(parts[master_name]))
    tree = slide.find("p:cSld/p:spTree", NS)
    assert tree is not None
    elements = list(_text_elements(tree))
    assert len(elements) == len(shapes)
    resolved = []
    for shape, element in zip(shapes, elements, strict=True):
        key = _ph_key(element)
        if shape.box is None and key is not None:
            shape = shape._replace(box=_inherited_box(key[0], key[1], layout, master))
        resolved.append(shape)
    return resolved


def _text_elements(tree: etree._Element) -> Iterator[etree._Element]:
    """Yield the shapes ``text_shapes`` reports, in the same order."""
    for child in tree:
        if child.tag == f"{{{P}}}grpSp":
            yield from _text_elements(child)
        elif child.tag == f"{{{P}}}sp" and child.find("p:txBody", NS) is not None:
            paragraphs = (paragraph_text(p) for p in child.iterfind("p:txBody/a:p", NS))
            if normalise("".join(paragraphs)):
                yield child


# --- rendering with LibreOffice and checking the rendered lines -------------------------------

class SlideText(NamedTuple):
    """One rendered slide: its number, size in points, text shapes and rendered lines."""

    number: int
    size: tuple[float, float]
    shapes: list[TextShape]
    lines: list[Line]
    bullets: frozenset[str]

    def key(self, line: Line) -> str:
        """Return a line's text normalised for matching, its bullet left out."""
        return normalise(strip_bullet(line.text, self.bullets))

    def holders(self, line: Line) -> list[TextShape]:
        """Return the shapes whose text contains ``line``."""
        key = self.key(line)
        return [shape for shape in self.shapes if key and key in shape.key]


def convert_to_pdf(decks: list[Path], out_dir: Path, timeout: float = 480) -> None:
    """Convert decks to PDF in one LibreOffice run with a private profile; their file names
    must differ, since every PDF is written to ``out_dir``."""
    import shutil
    import subprocess
    import uuid

    soffice = shutil.which("soffice")
    assert soffice is not None, "soffice (LibreOffice) is not on PATH"
    names = [deck.stem for deck in decks]
    assert len(set(names)) == len(names), f"decks share a name: {names}"
    profile = Path("/tmp") / f"lo-profile-{uuid.uuid4().hex}"
    try:
        result = subprocess.run(
            [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
             "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, decks)],
            capture_output=True, text=True, timeout=timeout, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    missing = [deck.name for deck in decks if not (out_dir / f"{deck.stem}.pdf").is_file()]
    assert not missing, f"soffice did not convert {missing}: {result.stdout}{result.stderr}"


def east_asian_face(parts: Mapping[str, bytes]) -> str:
    """Return the East Asian typeface most runs on the deck's slides name."""
    faces: dict[str, int] = {}
    for name in slide_names(parts):
        for _, props in run_properties(parse(parts[name])):
            element = props.find("a:ea", NS) if props is not None else None
            face = element.get("typeface", "") if element is not None else ""
            if face:
                faces[face] = faces.get(face, 0) + 1
    if not faces:  # runs inherit the theme's body typeface
        master = related(parts, "ppt/presentation.xml", REL_MASTER)[0]
        theme = parse(parts[related(parts, master, REL_THEME)[0]])
        element = theme.find(".//a:fontScheme/a:minorFont/a:ea", NS)
        face = element.get("typeface", "") if element is not None else ""
        assert face, "no run names an East Asian typeface and the theme names none"
        return str(face)
    return max(faces, key=lambda face: faces[face])


def em_box_of(font_path: Path, index: int = 0) -> tuple[float, float]:
    """Return the (ascent, descent) in em of a font file: its OS/2 typo metrics."""
    from fontTools.ttLib import TTFont

    with TTFont(str(font_path), fontNumber=index, lazy=True) as ttf:
        upem = float(ttf["head"].unitsPerEm)
        os2 = ttf["OS/2"]
        return os2.sTypoAscender / upem, -os2.sTypoDescender / upem


def read_rendered(parts: Mapping[str, bytes], pdf: Path,
                  em: tuple[float, float]) -> list[SlideText]:
    """Return every rendered slide of a deck with its shapes (in PDF points) and lines; the
    shapes' inherited placeholder boxes are resolved; ``em`` is the glyphs' (ascent, descent)."""
    import pdfplumber

    ascent, descent = em
    width_emu, height_emu = slide_size(parts)
    names = slide_names(parts)
    slides = []
    with pdfplumber.open(pdf) as document:
        assert len(document.pages) == len(names), \
            f"{len(document.pages)} PDF pages for {len(names)} slides"
        for number, (name, page) in enumerate(zip(names, document.pages, strict=True), 1):
            width, height = float(page.width), float(page.height)
            scale = width / (width_emu / EMU_PER_PT)
            assert abs(height - height_emu / EMU_PER_PT * scale) < 1, \
                f"page {number} is {width:.0f}x{height:.0f}, not the slide's proportions"
            shapes = [shape._replace(box=scaled_box(shape.box, scale))
                      for shape in text_shapes_of(parts, name)]
            bullets = frozenset().union(*(shape.bullets for shape in shapes),
                                        inherited_bullets(parts))
            keys = [shape.key for shape in shapes]
            found = glyphs(page.chars, height, ascent, descent)
            lines = [line for raw in raw_lines(found) for line in split_line(raw, keys, bullets)]
            slides.append(SlideText(number, (width, height), shapes, lines, bullets))
    return slides


@functools.lru_cache(maxsize=8)
def _bullets_of(blobs: tuple[bytes, ...]) -> frozenset[str]:
    """Return the bullet characters the given master and layout parts set."""
    found: set[str] = set()
    for blob in blobs:
        found.update(b.get("char", "") for b in parse(blob).iter(f"{{{A}}}buChar"))
    return frozenset(found - {""})


def inherited_bullets(parts: Mapping[str, bytes]) -> frozenset[str]:
    """Return the bullet characters a deck's masters and layouts give its paragraphs."""
    return _bullets_of(tuple(blob for name, blob in sorted(parts.items())
                             if name.startswith(("ppt/slideMasters/", "ppt/slideLayouts/"))
                             and name.endswith(".xml")))


def scaled_box(box: Box | None, scale: float) -> Box | None:
    """Return ``box`` scaled from slide points to PDF points."""
    if box is None:
        return None
    return Box(box.x0 * scale, box.top * scale, box.x1 * scale, box.bottom * scale)


def overshoot(line: Box, box: Box) -> str:
    """Return by how much ``line`` crosses each edge of ``box``, in points."""
    sides = {"left": box.x0 - line.x0, "top": box.top - line.top,
             "right": line.x1 - box.x1, "bottom": line.bottom - box.bottom}
    return ", ".join(f"{side} {amount:.1f}pt" for side, amount in sides.items() if amount > 0)


def lines_outside_shapes(slides: list[SlideText], tolerance: float = 2.0) -> list[str]:
    """Return every rendered line that lies in no shape holding its text (``tolerance``
    points of slack on each side), or whose text no shape holds."""
    problems = []
    for slide in slides:
        for line in slide.lines:
            holders = slide.holders(line)
            boxes = [shape.box for shape in holders if shape.box is not None]
            where = f"slide {slide.number}: {line.text!r} at {line.box}"
            if not holders:
                problems.append(f"{where}: in no shape's text")
            elif not boxes:
                problems.append(f"{where}: {holders[0].name!r} has no position")
            elif not any(box.grown(tolerance).contains(line.box) for box in boxes):
                shape = next(shape for shape in holders if shape.box is not None)
                assert shape.box is not None
                problems.append(f"{where} leaves {shape.name!r} {shape.box}: "
                                f"{overshoot(line.box, shape.box)}")
    return problems


def lines_off_slide(slides: list[SlideText], tolerance: float = 0.5) -> list[str]:
    """Return every rendered line that is not wholly on its slide."""
    problems = []
    for slide in slides:
        page = Box(0, 0, *slide.size)
        problems.extend(f"slide {slide.number}: {line.text!r} at {line.box} leaves the slide: "
                        f"{overshoot(line.box, page)}"
                        for line in slide.lines if not page.grown(tolerance).contains(line.box))
    return problems


def overlapping_lines(slides: list[SlideText], area: float = 1.0) -> list[str]:
    """Return every pair of rendered lines on a slide that share more than ``area`` pt²."""
    problems = []
    for slide in slides:
        for index, first in enumerate(slide.lines):
            for second in slide.lines[index + 1:]:
                shared = first.box.overlap_area(second.box)
                if shared > area:
                    problems.append(f"slide {slide.number}: {first.text!r} {first.box} overlaps "
                                    f"{second.text!r} {second.box} by {shared:.0f}pt²")
    return problems


def kinsoku_breaks(slides: list[SlideText], no_start: str | frozenset[str],
                   no_end: str | frozenset[str]) -> list[str]:
    """Return every rendered line that starts with a character in ``no_start`` or ends with
    one in ``no_end``, unless that is where its paragraph starts or ends."""
    problems = []
    for slide in slides:
        for line in slide.lines:
            text = "".join(strip_bullet(line.text, slide.bullets).split())
            key = slide.key(line)
            paragraph = next((normalise(paragraph) for shape in slide.holders(line)
                              for paragraph in shape.paragraphs if key in normalise(paragraph)),
                             None)
            if len(text) <= 1 or paragraph is None:
                continue
            if text[0] in no_start and not paragraph.startswith(key):
                problems.append(f"slide {slide.number}: {line.text!r} starts with {text[0]!r}")
            if text[-1] in no_end and not paragraph.endswith(key):
                problems.append(f"slide {slide.number}: {line.text!r} ends with {text[-1]!r}")
    return problems


# --- what a reader sees -----------------------------------------------------------------------

def text_free(parts: Mapping[str, bytes]) -> dict[str, bytes]:
    """Return a copy of a deck with every slide's text made invisible (shapes, fills, pictures
    and the template's design stay), to render what lies under the text.

    Each character becomes a no-break space: a placeholder left empty would not be drawn at
    all by LibreOffice, fill included. Bullets are switched off.
    """
    copy_parts = dict(parts)
    for name in slide_names(parts):
        root = parse(parts[name])
        for field in list(root.iter(f"{{{A}}}fld")):  # renderers draw a field's own value
            run = etree.Element(f"{{{A}}}r")
            run.extend(child for child in list(field) if child.tag != f"{{{A}}}pPr")
            field.getparent().replace(field, run)  # type: ignore[union-attr]
        for text in root.iter(f"{{{A}}}t"):
            text.text = "\u00a0" * len(text.text or "")
        for paragraph in root.iter(f"{{{A}}}p"):
            properties = paragraph.find("a:pPr", NS)
            if properties is None:
                properties = etree.SubElement(paragraph, f"{{{A}}}pPr")
                paragraph.insert(0, properties)
            for bullet in properties.findall("a:buChar", NS):
                properties.remove(bullet)
            if properties.find("a:buNone", NS) is None:
                etree.SubElement(properties, f"{{{A}}}buNone")
        copy_parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                          standalone=True)
    return copy_parts


def _luminance(rgb: tuple[float, float, float]) -> float:
    """Return WCAG 2.x relative luminance of 0-1 sRGB."""
    def linear(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else float(((v + 0.055) / 1.055) ** 2.4)
    r, g, b = (linear(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(first: float, second: float) -> float:
    """Return the WCAG contrast ratio of two relative luminances."""
    return (max(first, second) + 0.05) / (min(first, second) + 0.05)


def _under(image: object, box: Box, scale: float) -> list[tuple[int, tuple[int, int, int]]]:
    """Return (count, colour) of the pixels of ``image`` (RGB, ``scale`` pixels per PDF point)
    under ``box``."""
    crop = image.crop((round(box.x0 * scale), round(box.top * scale),  # type: ignore[attr-defined]
                       max(round(box.x1 * scale), round(box.x0 * scale) + 1),
                       max(round(box.bottom * scale), round(box.top * scale) + 1)))
    rgb = crop.convert("RGB")
    return rgb.getcolors(rgb.width * rgb.height) or []


def poor_contrast(slides: list[SlideText], pages: list[object], scale: float,
                  large: float = 24.0, tolerance: float = 0.05) -> list[str]:
    """Return each rendered line whose colour reads below WCAG 2.x on what lies under it.

    ``pages`` are renders of the same slides with their text removed. The ratio is taken
    against the 5th percentile of the pixels under the line; 4.5:1 is asked, 3:1 from
    ``large`` points.
    """
    problems = []
    for slide, page in zip(slides, pages, strict=True):
        for line in slide.lines:
            colors = [g.color for g in line.glyphs if g.color is not None]
            if not colors or not line.text.strip():
                continue
            text = _luminance(max(set(colors), key=colors.count))
            counted = sorted((_contrast(text, _luminance(tuple(v / 255 for v in rgb))), count)  # type: ignore[arg-type]
                             for count, rgb in _under(page, line.box, scale))
            total, seen, ratio = sum(c for _, c in counted), 0, 21.0
            for value, count in counted:  # the 5th percentile
                seen += count
                if seen >= total / 20:
                    ratio = value
                    break
            size = max(g.size for g in line.glyphs)
            need = 3.0 if size >= large else 4.5
            if ratio < need - tolerance:
                problems.append(f"slide {slide.number}: {line.text[:24]!r} at {size:.0f}pt "
                                f"reads at {ratio:.2f}:1 (needs {need:g}:1)")
    return problems


def crossed_lines(slides: list[SlideText], pages: list[object], scale: float,
                  share: float = 0.1, glyph_share: float = 0.05) -> list[str]:
    """Return each rendered line that a rule, logo, band edge or other shape runs through.

    Under a line (in the render without text) the pixels should be one colour: more than
    ``share`` of them far (40 in any channel) from the commonest one means something is drawn
    through the line; so does more than ``glyph_share`` of them under any one glyph, twice
    the line's share or more (the end of a logo under the first characters of a footer, a
    thin rule through one character: a small share of a long line; a rule along the whole
    line under its baseline, the same share under every glyph, is the template's underline).
    """
    problems = []
    for slide, page in zip(slides, pages, strict=True):
        for line in slide.lines:
            if not line.text.strip():
                continue
            box = line.box
            inner = Box(box.x0 + 1, box.top + 1, box.x1 - 1, box.bottom - 1)
            counted = _under(page, inner, scale)
            if not counted:
                continue
            common = max(counted)[1]
            total, far = _far(counted, common)
            line_share = far / total if total else 0.0
            if far > share * total:
                problems.append(f"slide {slide.number}: {line.text[:24]!r} has a shape through "
                                f"it ({far / total:.0%} of the pixels under it differ)")
                continue
            for glyph in line.glyphs:
                under = Box(glyph.box.x0, inner.top, glyph.box.x1, inner.bottom)
                total, far = _far(_under(page, under, scale), common)
                if total and far > glyph_share * total and far / total >= 2 * line_share:
                    problems.append(f"slide {slide.number}: {line.text[:24]!r} has a shape "
                                    f"under {glyph.text!r} ({far / total:.0%} of the pixels "
                                    "under it differ)")
                    break
    return problems


def _far(counted: list[tuple[int, tuple[int, int, int]]],
         common: tuple[int, int, int]) -> tuple[int, int]:
    """Return (pixels, pixels far from ``common``: 40 or more in any channel)."""
    total = sum(count for count, _ in counted)
    far = sum(count for count, rgb in counted
              if max(abs(a - b) for a, b in zip(rgb, common, strict=True)) > 40)
    return total, far


def template_texts(parts: Mapping[str, bytes]) -> list[tuple[str, Box]]:
    """Return the texts the deck's masters and layouts show outside placeholders (a label
    beside a logo, a name on a title layout), with their boxes in slide points: the
    template's own, not the deck's."""
    texts = []
    for name, blob in sorted(parts.items()):
        if not name.startswith(("ppt/slideMasters/", "ppt/slideLayouts/")) \
                or not name.endswith(".xml"):
            continue
        tree = parse(blob).find("p:cSld/p:spTree", NS)
        for shape in [] if tree is None else tree.iter(f"{{{P}}}sp"):
            if shape.find("./p:nvSpPr/p:nvPr/p:ph", NS) is not None:
                continue
            text = normalise("".join(t.text or "" for t in shape.iter(f"{{{A}}}t")))
            box = _box(shape.find("p:spPr/a:xfrm", NS), _identity)
            if text and box is not None:
                texts.append((text, box))
    return texts


def without_template_text(slides: list[SlideText],
                          parts: Mapping[str, bytes]) -> list[SlideText]:
    """Return the slides without the rendered lines that are the template's own text (where
    the template draws it) or only a bullet (a symbol font's private-use glyph included)."""
    own = template_texts(parts)
    width_emu, _ = slide_size(parts)
    kept = []
    for slide in slides:
        scale = slide.size[0] / (width_emu / EMU_PER_PT)
        places = [(text, Box(b.x0 * scale, b.top * scale, b.x1 * scale, b.bottom * scale))
                  for text, b in own]
        lines = [line for line in slide.lines
                 if _meaningful(slide, line) and not any(
                     normalise(line.text) in text and box.grown(8).overlap_area(line.box) > 0
                     for text, box in places)]
        kept.append(slide._replace(lines=lines))
    return kept


def _meaningful(slide: SlideText, line: Line) -> bool:
    """Return whether a line holds more than bullets (symbol fonts draw them as U+F0xx)."""
    key = "".join(c for c in slide.key(line) if not 0xF000 <= ord(c) <= 0xF0FF)
    return bool(key)
