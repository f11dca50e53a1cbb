"""Read a .pptx/.potx template (raw OOXML): slide size, layouts, placeholders, colours, fonts.

Layouts are classified by what they hold (their placeholders, count and geometry), never by
their names, so templates in any language and from any application work.
"""

from __future__ import annotations

import functools
import io
import posixpath
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree

from briefing.errors import TemplateError
from briefing.layout.boxes import Box
from briefing.layout.geometry import SlideGeometry, template_geometry
from briefing.theme.tokens import Fonts, Theme

EMU_PER_PT = 12700
MAX_TEMPLATE_BYTES = 200 * 1024 * 1024
NS = {
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
}
PRESENTATION_TYPES = {
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
}
PRESENTATION_MAIN = (
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml")
CONTENT_KINDS = {"body", "obj"}
FOOTER_KINDS = {"dt", "ftr", "sldNum", "hdr"}
ROLES = ("title", "title_only", "content", "two_content", "section", "picture")


@dataclass(frozen=True)
class Placeholder:
    """A placeholder of a layout: its type, index and box in points."""

    kind: str
    idx: int
    box: Box
    vertical: bool = False


@dataclass(frozen=True)
class Layout:
    """A slide layout: position in the master's list, name and placeholders."""

    index: int
    name: str
    placeholders: tuple[Placeholder, ...]
    type: str = ""

    @property
    def vertical(self) -> bool:
        """Return whether the layout sets text vertically (not for horizontal slides)."""
        return any(p.vertical for p in self.placeholders)

    def of_kind(self, *kinds: str) -> list[Placeholder]:
        """Return the placeholders of the given kinds, left to right, top to bottom."""
        found = [p for p in self.placeholders if p.kind in kinds]
        return sorted(found, key=lambda p: (round(p.box.x / 20), p.box.y))

    @property
    def kinds(self) -> set[str]:
        """Return the kinds of placeholders that carry content (not footers)."""
        return {p.kind for p in self.placeholders} - FOOTER_KINDS


@dataclass(frozen=True)
class Template:
    """What a template offers: normalised package bytes, size, layouts, colours and fonts."""

    path: Path
    data: bytes
    width: float
    height: float
    layouts: tuple[Layout, ...]
    colors: dict[str, str] = field(default_factory=dict)
    latin_font: str = ""
    east_asian_font: str = ""
    slide_count: int = 0

    def layout_named(self, name: str) -> Layout | None:
        """Return the layout called ``name`` (case-insensitive), if any."""
        for layout in self.layouts:
            if layout.name.casefold() == name.casefold():
                return layout
        return None


def read_template(path: Path) -> Template:
    """Return the template at ``path``; raise TemplateError when it cannot serve as one."""
    package = _open_package(path)
    main = _main_part(package, path)
    presentation = _xml(package, main, path)
    size = presentation.find("p:sldSz", NS)
    if size is None:
        raise TemplateError(f"{path}: the presentation has no slide size; re-save it")
    width, height = int(size.get("cx", "0")) / EMU_PER_PT, int(size.get("cy", "0")) / EMU_PER_PT
    master_part = _first_master(package, main, presentation, path)
    master = _xml(package, master_part, path)
    layouts = _layouts(package, master_part, master, path)
    if not layouts:
        raise TemplateError(f"{path}: the template has no slide layouts; save a template that "
                            "has at least a title-and-content layout")
    colors, latin, east_asian = _theme(package, master_part, path)
    slides = presentation.find("p:sldIdLst", NS)
    return Template(path, _as_presentation(package, main), width, height, tuple(layouts), colors,
                    latin, east_asian, 0 if slides is None else len(slides))


# --- package reading ----------------------------------------------------------------------------

def _open_package(path: Path) -> zipfile.ZipFile:
    """Return the template opened as a zip, or raise a clear TemplateError."""
    if not path.is_file():
        raise TemplateError(f"template {path} was not found (or is not a regular file)")
    if path.stat().st_size > MAX_TEMPLATE_BYTES:
        raise TemplateError(f"template {path} is larger than {MAX_TEMPLATE_BYTES >> 20} MB")
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise TemplateError(f"{path} is not a PowerPoint file (.pptx or .potx); "
                            "save the template from PowerPoint as .pptx") from None


def _read(package: zipfile.ZipFile, name: str, path: Path) -> bytes:
    """Return the bytes of part ``name``."""
    try:
        return package.read(name)
    except (KeyError, zipfile.BadZipFile, OSError, RuntimeError):
        raise TemplateError(f"{path}: part {name} is missing or damaged") from None


def _xml(package: zipfile.ZipFile, name: str, path: Path) -> etree._Element:
    """Return part ``name`` parsed as XML (entities and network access refused)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(_read(package, name, path), parser)
    except etree.XMLSyntaxError:
        raise TemplateError(f"{path}: part {name} is not well-formed XML") from None


def _main_part(package: zipfile.ZipFile, path: Path) -> str:
    """Return the name of the presentation part, or raise when the zip is not PowerPoint."""
    if "[Content_Types].xml" not in package.namelist():
        raise TemplateError(f"{path} is a zip file but not a PowerPoint file")
    types = _xml(package, "[Content_Types].xml", path)
    for override in types.findall("ct:Override", NS):
        if override.get("ContentType") in PRESENTATION_TYPES:
            return str(override.get("PartName", "")).lstrip("/")
    raise TemplateError(f"{path} is an Office file but not a PowerPoint presentation or template")


def _rels(package: zipfile.ZipFile, part: str, path: Path) -> dict[str, tuple[str, str]]:
    """Return the relationships of ``part``: id -> (type suffix, target part name)."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name not in package.namelist():
        return {}
    result = {}
    for rel in _xml(package, rels_name, path).findall("rel:Relationship", NS):
        if rel.get("TargetMode") == "External":
            continue
        target = posixpath.normpath(posixpath.join(folder, str(rel.get("Target", ""))))
        result[str(rel.get("Id"))] = (str(rel.get("Type", "")).rsplit("/", 1)[-1], target)
    return result


def _first_master(package: zipfile.ZipFile, main: str, presentation: etree._Element,
                  path: Path) -> str:
    """Return the part name of the first slide master."""
    rels = _rels(package, main, path)
    ids = presentation.find("p:sldMasterIdLst", NS)
    for entry in [] if ids is None else list(ids):
        rel = rels.get(str(entry.get(f"{{{NS['r']}}}id")))
        if rel:
            return rel[1]
    raise TemplateError(f"{path}: the template has no slide master")


def _layouts(package: zipfile.ZipFile, master_part: str, master: etree._Element,
             path: Path) -> list[Layout]:
    """Return the master's layouts in order, with inherited placeholder geometry resolved."""
    rels = _rels(package, master_part, path)
    inherited = {p.kind: p.box for p in _placeholders(master, {})}
    layouts = []
    ids = master.find("p:sldLayoutIdLst", NS)
    for index, entry in enumerate([] if ids is None else list(ids)):
        rel = rels.get(str(entry.get(f"{{{NS['r']}}}id")))
        if not rel:
            continue
        layout = _xml(package, rel[1], path)
        c_sld = layout.find("p:cSld", NS)
        name = c_sld.get("name", f"Layout {index + 1}") if c_sld is not None else ""
        layouts.append(Layout(index, name or f"Layout {index + 1}",
                              tuple(_placeholders(layout, inherited)),
                              str(layout.get("type", ""))))
    return layouts


def _placeholders(root: etree._Element, inherited: dict[str, Box]) -> list[Placeholder]:
    """Return the placeholders on a master or layout, boxes inherited from the master."""
    found = []
    for shape in root.iterfind(".//p:cSld/p:spTree/*", NS):
        ph = shape.find("./*/p:nvPr/p:ph", NS)
        if ph is None:
            continue
        kind = ph.get("type", "obj")
        box = _box(shape) or inherited.get(_master_kind(kind))
        body_pr = shape.find("./p:txBody/a:bodyPr", NS)
        vertical = body_pr is not None and body_pr.get("vert", "horz") != "horz"
        if box is not None:
            found.append(Placeholder(kind, int(ph.get("idx", "0")), box, vertical))
    return found


def _master_kind(kind: str) -> str:
    """Return the master placeholder a layout placeholder of ``kind`` inherits from."""
    return {"ctrTitle": "title", "subTitle": "body", "obj": "body", "pic": "body",
            "tbl": "body", "chart": "body", "media": "body"}.get(kind, kind)


def _box(shape: etree._Element) -> Box | None:
    """Return a shape's own box in points, or None when it inherits its geometry."""
    xfrm = shape.find("./p:spPr/a:xfrm", NS)
    if xfrm is None:
        return None
    off, ext = xfrm.find("a:off", NS), xfrm.find("a:ext", NS)
    if off is None or ext is None:
        return None
    return Box(int(off.get("x", "0")) / EMU_PER_PT, int(off.get("y", "0")) / EMU_PER_PT,
               int(ext.get("cx", "0")) / EMU_PER_PT, int(ext.get("cy", "0")) / EMU_PER_PT)


def _theme(package: zipfile.ZipFile, master_part: str,
           path: Path) -> tuple[dict[str, str], str, str]:
    """Return the master theme's colours by slot and its minor Latin and East Asian fonts."""
    for kind, target in _rels(package, master_part, path).values():
        if kind == "theme":
            theme = _xml(package, target, path)
            break
    else:
        return {}, "", ""
    colors = {}
    scheme = theme.find(".//a:clrScheme", NS)
    for slot in [] if scheme is None else list(scheme):
        value = slot.find("a:srgbClr", NS)
        system = slot.find("a:sysClr", NS)
        color = value.get("val") if value is not None else (
            system.get("lastClr") if system is not None else None)
        if color:
            colors[etree.QName(slot).localname] = color.upper()
    latin = theme.find(".//a:fontScheme/a:minorFont/a:latin", NS)
    east_asian = theme.find(".//a:fontScheme/a:minorFont/a:ea", NS)
    return (colors, "" if latin is None else str(latin.get("typeface", "")),
            "" if east_asian is None else str(east_asian.get("typeface", "")))


def _as_presentation(package: zipfile.ZipFile, main: str) -> bytes:
    """Return the package bytes with a template's main part typed as a presentation."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in package.infolist():
            blob = package.read(info.filename)
            if info.filename == "[Content_Types].xml":
                for kind in sorted(PRESENTATION_TYPES - {PRESENTATION_MAIN}):
                    blob = blob.replace(kind.encode(), PRESENTATION_MAIN.encode())
            target.writestr(zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0)), blob,
                            zipfile.ZIP_DEFLATED)
    return out.getvalue()


# --- choosing layouts ---------------------------------------------------------------------------

TYPE_FOR_ROLE = {"title": "title", "title_only": "titleOnly", "content": "obj",
                 "two_content": "twoObj", "section": "secHead", "picture": "picTx"}


def role_score(layout: Layout, role: str, width: float, height: float) -> int:
    """Return how well ``layout`` serves slide ``role`` (higher is better, < 0 unusable).

    Judged by its placeholders and their geometry; the layout's declared type only breaks ties.
    """
    if layout.vertical:
        return -100
    kinds = layout.kinds
    titles = layout.of_kind("title", "ctrTitle")
    bodies = layout.of_kind(*CONTENT_KINDS)
    pictures = len(layout.of_kind("pic"))
    extra = len(kinds - {"title", "ctrTitle", "subTitle", "body", "obj", "pic"})
    tie = 3 * (layout.type == TYPE_FOR_ROLE.get(role))
    if role == "title":
        return (40 * ("ctrTitle" in kinds) + 20 * ("subTitle" in kinds) + 5 * len(titles)
                - 5 * len(bodies) + tie)
    if not titles:
        return -100
    title = titles[0].box
    if role == "title_only":
        return 30 - 10 * (len(bodies) + pictures) - 5 * extra - 10 * ("subTitle" in kinds) + tie
    if role == "content":
        fits = len(bodies) == 1 and _below(title, bodies[0].box) and bodies[0].box.w > 0.6 * width
        return 30 - 12 * abs(len(bodies) - 1) - 10 * pictures - 5 * extra + (
            10 if fits else -15) + tie
    if role == "two_content":
        return 30 - 12 * abs(len(bodies) - 2) - 10 * pictures - 5 * extra + (
            10 if _side_by_side(title, bodies, height) else -15) + tie
    if role == "picture":
        return 30 * (pictures > 0) - 5 * abs(len(bodies) - 1) - 5 * extra + tie
    if role == "section":
        small_body = len(bodies) == 1 and bodies[0].box.h < 0.3 * height
        return 20 + 10 * small_body - 10 * pictures - 8 * max(0, len(bodies) - 1) + tie
    return -100


def _below(title: Box, body: Box) -> bool:
    """Return whether ``body`` starts below the middle of ``title`` (the title is above it)."""
    return body.y >= title.y + title.h / 2


def _side_by_side(title: Box, bodies: list[Placeholder], height: float) -> bool:
    """Return whether there are two similar bodies next to each other, under the title."""
    if len(bodies) != 2:
        return False
    left, right = (b.box for b in bodies)
    similar = min(left.w, right.w) > 0.7 * max(left.w, right.w)
    level = abs(left.y - right.y) < 0.05 * height and abs(left.h - right.h) < 0.1 * height
    return similar and level and left.right <= right.x + 1 and _below(title, left)


def _rank(role: str, width: float, height: float, layout: Layout) -> tuple[int, int]:
    """Return the sort key of ``layout`` for ``role``: score, then earlier layouts first."""
    return role_score(layout, role, width, height), -layout.index


def choose_layouts(template: Template) -> tuple[dict[str, Layout], list[str]]:
    """Return the best layout for each slide role, and notes on roles served by substitutes."""
    chosen: dict[str, Layout] = {}
    notes = []
    for role in ROLES:
        best = max(template.layouts, key=functools.partial(_rank, role, template.width,
                                                           template.height))
        chosen[role] = best
        if role_score(best, role, template.width, template.height) < 25:
            notes.append(f"template has no layout made for {role.replace('_', ' ')} slides; "
                         f"using '{best.name}'")
    return chosen, notes


# --- geometry and theme -------------------------------------------------------------------------

def geometry_of(template: Template, chosen: dict[str, Layout]) -> SlideGeometry:
    """Return the slide geometry from the content layout's title and body placeholders."""
    layout = chosen["content"]
    titles = layout.of_kind("title", "ctrTitle")
    bodies = layout.of_kind(*CONTENT_KINDS)
    width, height = template.width, template.height
    title = titles[0].box if titles else Box(width * 0.06, height * 0.05, width * 0.88,
                                             height * 0.15)
    body = bodies[0].box if bodies else Box(title.x, title.bottom + height * 0.04, title.w,
                                            height * 0.9 - title.bottom - height * 0.04)
    body = _within(body, width, height)
    return template_geometry(width, height, _within(title, width, height), body)


def _within(box: Box, width: float, height: float) -> Box:
    """Return ``box`` clipped to the slide."""
    x, y = max(box.x, 0.0), max(box.y, 0.0)
    return Box(x, y, min(box.right, width) - x, min(box.bottom, height) - y)


def theme_from(template: Template, base: Theme, font_found: bool) -> Theme:
    """Return ``base`` recoloured with the template's theme colours (and fonts when found)."""
    c = template.colors
    text, background = c.get("dk1", base.color("text")), c.get("lt1", base.color("background"))
    accent = c.get("accent1", base.color("accent"))
    accent2 = c.get("accent2", base.color("accent2"))
    colors = {
        "text": text, "background": background, "accent": accent, "accent2": accent2,
        "muted": blend(text, background, 0.3), "surface": blend(background, accent, 0.08),
        "line": blend(background, text, 0.25), "marking": accent2,
        "on_accent": background if contrast(background, accent) >= contrast(text, accent)
        else text,
    }
    fonts = base.fonts
    if font_found and template.latin_font:
        fonts = Fonts(template.latin_font, template.east_asian_font or base.fonts.east_asian,
                      None, base.fonts.east_asian_file if not template.east_asian_font else None)
    return replace(base, name=f"template {template.path.name}", colors=colors, fonts=fonts)


def blend(first: str, second: str, amount: float) -> str:
    """Return the colour ``amount`` of the way from ``first`` to ``second`` (RRGGBB)."""
    a, b = _channels(first), _channels(second)
    return "".join(f"{round(x + (y - x) * amount):02X}" for x, y in zip(a, b, strict=True))


def contrast(first: str, second: str) -> float:
    """Return the WCAG contrast ratio of two RRGGBB colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _channels(color: str) -> tuple[int, int, int]:
    """Return the red, green and blue values of RRGGBB."""
    return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)


def _luminance(color: str) -> float:
    """Return the WCAG relative luminance of RRGGBB."""
    def linear(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else float(((v + 0.055) / 1.055) ** 2.4)

    r, g, b = (linear(v) for v in _channels(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
