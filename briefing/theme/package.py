"""Read a template package safely and keep only its design: masters, layouts, themes, media.

A template is untrusted input that ends up inside a deck other people open. Reading is bounded
(``briefing.safezip``); every XML part is refused if it declares a DTD or entities; and of the
template's own parts only what draws the design survives. Its preview picture, document
properties, sample slides, comments and their authors, revision history, macros, custom XML,
tags, embedded objects and every link to an external resource are left out, and the reader is
told what was.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from briefing.errors import TemplateError
from briefing.safezip import check_directory, open_bounded, read_part

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PRESENTATION_MAIN = (
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml")
MAIN_TYPES = {
    PRESENTATION_MAIN,
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
}
# Relationship types (the last segment of their URI) a deck keeps, by the kind of source part.
KEEP_FROM_PACKAGE = {"officeDocument"}
KEEP_FROM_PRESENTATION = {"slideMaster", "notesMaster", "theme", "presProps", "viewProps",
                          "tableStyles", "font"}
KEEP_FROM_DESIGN = {"slideLayout", "slideMaster", "theme", "image", "themeOverride"}
# What a left-out relationship type is called in the report.
LEFT_OUT_NAMES = {
    "thumbnail": "its preview picture", "core-properties": "its author's document properties",
    "extended-properties": "its application properties",
    "custom-properties": "its custom properties",
    "classificationlabels": "its sensitivity label", "slide": "its sample slides",
    "commentAuthors": "comment authors", "authors": "comment authors",
    "comments": "comments", "revisionInfo": "revision information",
    "changesInfo": "revision information", "people": "people",
    "vbaProject": "its macros (a .pptx never carries macros)",
    "customXml": "custom XML data", "handoutMaster": "its handout master", "tags": "tags",
    "oleObject": "embedded objects", "package": "embedded objects",
    "printerSettings": "printer settings", "hyperlink": "links",
    "chart": "charts", "diagramData": "diagrams", "video": "media", "audio": "media",
    "media": "media",
}
# Elements that reference a relationship and go with it, and the ancestors that go with them.
SHAPE_TAGS = {f"{{{P}}}pic", f"{{{P}}}sp", f"{{{P}}}graphicFrame", f"{{{P}}}cxnSp",
              f"{{{P}}}grpSp", f"{{{MC}}}AlternateContent"}


@dataclass(frozen=True)
class Relationship:
    """One relationship of a part: id, type URI, target part (or URL), and mode."""

    id: str
    type: str
    target: str
    external: bool

    @property
    def kind(self) -> str:
        """Return the last segment of the type URI (``slideLayout``, ``image``...)."""
        return self.type.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class TemplatePackage:
    """A template's design, cleaned: the zip bytes python-pptx opens, and what was left out."""

    path: Path
    data: bytes
    left_out: tuple[str, ...] = ()
    macros: bool = False
    sample_layouts: tuple[str, ...] = ()  # the layout part of each sample slide, in order
    external_links: tuple[str, ...] = ()

    @property
    def sample_slides(self) -> int:
        """Return how many sample slides the template had (none reach the deck)."""
        return len(self.sample_layouts)


@dataclass
class _Cleaning:
    """Work in progress: parts kept, XML parts rewritten, and what was dropped."""

    names: set[str]
    kept: set[str] = field(default_factory=set)
    rewritten: dict[str, bytes] = field(default_factory=dict)
    dropped: Counter[str] = field(default_factory=Counter)
    external: list[str] = field(default_factory=list)


def read_package(path: Path) -> TemplatePackage:
    """Return the cleaned design of the template at ``path``.

    Raises TemplateError when the file is not a PowerPoint package, breaks a reading bound, or
    has a part that declares a DTD or entities.
    """
    with open_bounded(path) as package:
        return _clean(package, path)


def read_package_data(data: bytes, path: Path) -> TemplatePackage:
    """Return the cleaned design of a template held in memory (``path`` names it)."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise TemplateError(f"{path} is not a PowerPoint file (.pptx or .potx)") from None
    with package:
        check_directory(package, path, "template")
        return _clean(package, path)


def _clean(package: zipfile.ZipFile, path: Path) -> TemplatePackage:
    """Return the cleaned design of an opened template package."""
    names = set(package.namelist())
    if "[Content_Types].xml" not in names:
        raise TemplateError(f"{path} is a zip file but not a PowerPoint file")
    types = parse_xml(read_part(package, "[Content_Types].xml", path), path,
                      "[Content_Types].xml")
    main = _main_part(types, path)
    cleaning = _Cleaning(names)
    samples = _sample_layouts(package, path, main, names)
    _walk(package, path, main, cleaning)
    data = _write(package, path, types, main, cleaning)
    slides = cleaning.dropped.pop("slide", 0)
    left_out = _describe(cleaning.dropped, slides, cleaning.external)
    return TemplatePackage(path, data, left_out, cleaning.dropped["vbaProject"] > 0, samples,
                           tuple(cleaning.external))


def _sample_layouts(package: zipfile.ZipFile, path: Path, main: str,
                    names: set[str]) -> tuple[str, ...]:
    """Return the layout part each sample slide uses, in slide order."""
    by_id = {rel.id: rel.target for rel in relationships(package, path, main, names)
             if rel.kind == "slide" and not rel.external}
    presentation = parse_xml(read_part(package, main, path), path, main)
    layouts = []
    for entry in presentation.findall(f"{{{P}}}sldIdLst/{{{P}}}sldId"):
        slide = by_id.get(str(entry.get(f"{{{R}}}id")))
        if slide is None or slide not in names:
            continue
        for rel in relationships(package, path, slide, names):
            if rel.kind == "slideLayout" and not rel.external:
                layouts.append(rel.target)
                break
    return tuple(layouts)


def parse_xml(data: bytes, path: Path, part: str) -> etree._Element:
    """Return ``part`` of template ``path`` parsed; refuse DTDs and entities for safety."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data or "<!DOCTYPE".encode("utf-16-le") in data:
        raise TemplateError(f"template {path}: part {part} declares a DTD or entities, which a "
                            "template never needs; refused for safety")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_blank_text=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise TemplateError(f"template {path}: part {part} is not well-formed XML; re-save the "
                            "template in PowerPoint") from None


def _main_part(types: etree._Element, path: Path) -> str:
    """Return the name of the presentation part, or raise when the zip is not PowerPoint."""
    for override in types.findall(f"{{{CT}}}Override"):
        if override.get("ContentType") in MAIN_TYPES:
            return str(override.get("PartName", "")).lstrip("/")
    raise TemplateError(f"{path} is an Office file but not a PowerPoint presentation or template")


def rels_name(part: str) -> str:
    """Return the name of the relationships part of ``part`` ('' is the package itself)."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def relationships(package: zipfile.ZipFile, path: Path, part: str,
                  names: set[str]) -> list[Relationship]:
    """Return the relationships of ``part`` (the package's own when ``part`` is '')."""
    name = rels_name(part)
    if name not in names:
        return []
    root = parse_xml(read_part(package, name, path), path, name)
    folder = posixpath.dirname(part)
    found = []
    for rel in root.findall(f"{{{PR}}}Relationship"):
        external = rel.get("TargetMode") == "External"
        target = str(rel.get("Target", ""))
        if not external:
            target = (target.lstrip("/") if target.startswith("/")
                      else posixpath.normpath(posixpath.join(folder, target)))
        found.append(Relationship(str(rel.get("Id", "")), str(rel.get("Type", "")), target,
                                  external))
    return found


def _keep_types(part: str, main: str) -> set[str]:
    """Return the relationship types that ``part`` keeps."""
    if part == "":
        return KEEP_FROM_PACKAGE
    if part == main:
        return KEEP_FROM_PRESENTATION
    return KEEP_FROM_DESIGN


def _walk(package: zipfile.ZipFile, path: Path, main: str, cleaning: _Cleaning) -> None:
    """Mark every part reachable through kept relationships, cleaning each on the way."""
    queue = [""]
    while queue:
        part = queue.pop()
        rels = relationships(package, path, part, cleaning.names)
        keep = _keep_types(part, main)
        dropped_ids = set()
        for rel in rels:
            if rel.external or rel.kind not in keep or rel.target not in cleaning.names:
                dropped_ids.add(rel.id)
                cleaning.dropped[rel.kind if not rel.external else "external"] += 1
                if rel.external:
                    cleaning.external.append(f"{part}: {rel.target}")
                continue
            if rel.target not in cleaning.kept:
                cleaning.kept.add(rel.target)
                queue.append(rel.target)
        if part:
            _clean_part(package, path, part, rels, dropped_ids, cleaning)
        elif dropped_ids:
            cleaning.rewritten[rels_name(part)] = _rels_xml(
                r for r in rels if r.id not in dropped_ids)


def _clean_part(package: zipfile.ZipFile, path: Path, part: str, rels: list[Relationship],
                dropped_ids: set[str], cleaning: _Cleaning) -> None:
    """Rewrite ``part`` and its relationships when some of them were dropped."""
    data = read_part(package, part, path)
    if not part.endswith(".xml"):
        return
    root = parse_xml(data, path, part)
    changed = _drop_references(root, dropped_ids)
    if part.endswith("presentation.xml"):
        changed |= _drop_presentation_extras(root)
    if changed:
        cleaning.rewritten[part] = _serialise(root)
    if dropped_ids:
        cleaning.rewritten[rels_name(part)] = _rels_xml(r for r in rels if r.id not in dropped_ids)


def _drop_references(root: etree._Element, ids: set[str]) -> bool:
    """Remove the elements of ``root`` that use a relationship in ``ids``; return if any."""
    if not ids:
        return False
    owners: list[etree._Element] = []
    changed = False
    for element in root.iter():
        used = {str(k): v for k, v in element.attrib.items() if str(k).startswith(f"{{{R}}}")}
        gone = {k for k, v in used.items() if v in ids}
        if not gone:
            continue
        changed = True
        if gone == {f"{{{R}}}link"} and f"{{{R}}}embed" in used:
            element.attrib.pop(f"{{{R}}}link")
            continue
        owner = _owner(element)
        if owner is not root and owner not in owners:
            owners.append(owner)
    for owner in owners:
        if _attached(owner, root):
            _remove(owner)
    return changed


def _attached(element: etree._Element, root: etree._Element) -> bool:
    """Return whether ``element`` is still inside ``root``."""
    node: etree._Element | None = element
    while node is not None:
        if node is root:
            return True
        node = node.getparent()
    return False


def _owner(element: etree._Element) -> etree._Element:
    """Return what goes when ``element`` loses its relationship: its shape or background."""
    local = etree.QName(element).localname
    if local in ("sldId", "notesMasterId", "handoutMasterId", "tags", "hlinkClick",
                 "hlinkHover", "hlinkMouseOver", "snd", "custData"):
        return element
    node: etree._Element | None = element
    while node is not None:
        if node.tag in SHAPE_TAGS or node.tag == f"{{{P}}}bg" or (
                etree.QName(node).localname == "embeddedFont"):
            outer = node.getparent()
            # A shape inside mc:Choice / mc:Fallback goes with its AlternateContent.
            while outer is not None and outer.tag in (f"{{{MC}}}Choice", f"{{{MC}}}Fallback"):
                node = outer.getparent()
                outer = node.getparent() if node is not None else None
            return node if node is not None else element
        node = node.getparent()
    return element


def _remove(element: etree._Element) -> None:
    """Remove ``element``, and a list it leaves empty (``p:sldIdLst``...)."""
    parent = element.getparent()
    if parent is None:
        return
    parent.remove(element)
    if etree.QName(parent).localname.endswith("Lst") and not len(parent):
        grand = parent.getparent()
        if grand is not None:
            grand.remove(parent)


def _drop_presentation_extras(root: etree._Element) -> bool:
    """Remove what a presentation part holds about the template's own slides and authors:
    custom shows, sections, and a write-protection password hash."""
    changed = False
    for local in ("custShowLst", "modifyVerifier"):
        for element in root.findall(f"{{{P}}}{local}"):
            root.remove(element)
            changed = True
    for ext in root.findall(f"{{{P}}}extLst/{{{P}}}ext"):
        if any(etree.QName(child).localname == "sectionLst" for child in ext):
            ext.getparent().remove(ext)  # type: ignore[union-attr]
            changed = True
    return changed


def _serialise(root: etree._Element) -> bytes:
    """Return an XML part's bytes with the standard declaration."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _rels_xml(rels: Iterable[Relationship]) -> bytes:
    """Return a relationships part holding ``rels`` (targets relative to the source folder)."""
    root = etree.Element(f"{{{PR}}}Relationships", nsmap={None: PR})  # type: ignore[dict-item]
    for rel in rels:
        etree.SubElement(root, f"{{{PR}}}Relationship", Id=rel.id, Type=rel.type,
                         Target="/" + rel.target)
    return _serialise(root)


def _write(package: zipfile.ZipFile, path: Path, types: etree._Element, main: str,
           cleaning: _Cleaning) -> bytes:
    """Return a zip of the kept parts, the main part typed as a presentation."""
    for override in types.findall(f"{{{CT}}}Override"):
        name = str(override.get("PartName", "")).lstrip("/")
        if name == main:
            override.set("ContentType", PRESENTATION_MAIN)
        elif name not in cleaning.kept:
            types.remove(override)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("[Content_Types].xml", _serialise(types))
        target.writestr("_rels/.rels", cleaning.rewritten.get(
            "_rels/.rels", read_part(package, "_rels/.rels", path)))
        for part in sorted(cleaning.kept):
            for name in (part, rels_name(part)):
                if name in cleaning.rewritten:
                    target.writestr(name, cleaning.rewritten[name])
                elif name in cleaning.names:
                    data = read_part(package, name, path)
                    if name.endswith((".xml", ".rels")):
                        parse_xml(data, path, name)
                    target.writestr(name, data)
    return out.getvalue()


def _describe(dropped: Counter[str], slides: int, external: list[str]) -> tuple[str, ...]:
    """Return what was left out, in the report's words (each named once)."""
    names: list[str] = []
    if slides:
        names.append(f"its {slides} sample slide{'s' if slides > 1 else ''}")
    for kind in sorted(dropped):
        if kind == "external":
            continue
        name = LEFT_OUT_NAMES.get(kind, f"its {kind} parts")
        if name not in names:
            names.append(name)
    if external:
        names.append(f"{len(external)} link{'s' if len(external) > 1 else ''} to external "
                     "resources")
    return tuple(names)
