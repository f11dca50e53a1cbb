"""Read a cleaned template package into a ``Template``: the python-pptx adapter for reading.

python-pptx gives the slide size, the masters and layouts in order, placeholder geometry
inherited from the master, and the parts pictures live in; the XML (through
``briefing.theme.styles``) gives what it lacks: colour maps, text styles, fills, backgrounds.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from briefing.color import Color, alpha_of
from briefing.errors import TemplateError
from briefing.geometry import EMU_PER_PT, Box
from briefing.theme.package import TemplatePackage
from briefing.theme.styles import (
    FontScheme,
    LevelStyle,
    Palette,
    TextStyle,
    body_style_of,
    color_in,
    color_of,
    font_scheme_of,
    levels_of,
    merge_levels,
    palette_of,
)
from briefing.theme.template import NO_FILL, Fill, Layout, Master, Paint, Placeholder, Template
from briefing.xpath import install as install_xpath

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
FILL_TAGS = {f"{{{A}}}{n}" for n in ("noFill", "solidFill", "gradFill", "blipFill", "pattFill",
                                      "grpFill")}
# The master placeholder a layout placeholder of each type inherits from (§19.3.1.36).
MASTER_KIND = {"ctrTitle": "title", "subTitle": "body", "obj": "body", "pic": "body",
               "tbl": "body", "chart": "body", "dgm": "body", "media": "body",
               "clipArt": "body"}
Blobs = Callable[[str], bytes | None]


@dataclass(frozen=True)
class _Transform:
    """Maps a group's child coordinates (EMU) onto the slide (points)."""

    dx: float = 0.0
    dy: float = 0.0
    sx: float = 1.0 / EMU_PER_PT
    sy: float = 1.0 / EMU_PER_PT

    def box(self, x: int, y: int, w: int, h: int) -> Box:
        """Return the slide box of a child box given in EMU."""
        return Box(self.dx + x * self.sx, self.dy + y * self.sy, w * self.sx, h * self.sy)


@dataclass(frozen=True)
class _MasterContext:
    """What every layout of one master inherits."""

    index: int
    palette: Palette
    fonts: FontScheme
    styles: dict[str, tuple[LevelStyle, ...]]  # title | body | other
    placeholders: dict[str, etree._Element]
    background: Fill
    paints: tuple[Paint, ...]
    theme: etree._Element | None
    theme_blobs: Blobs


def read_design(package: TemplatePackage) -> Template:
    """Return the template held in a cleaned package; raise TemplateError when unusable."""
    install_xpath()
    try:
        prs = Presentation(io.BytesIO(package.data))
    except Exception as exc:  # python-pptx raises many kinds on damaged packages
        raise TemplateError(f"{package.path}: cannot be read as a presentation ({exc}); "
                            "re-save it in PowerPoint") from None
    width, height = prs.slide_width, prs.slide_height
    if not width or not height:
        raise TemplateError(f"{package.path}: the presentation has no slide size; re-save it")
    uses = Counter(package.sample_layouts)
    first = package.sample_layouts[0] if package.sample_layouts else None
    masters: list[Master] = []
    layouts: list[Layout] = []
    default_style = prs.part._element.find(f"{{{P}}}defaultTextStyle")
    for m_index, master in enumerate(prs.slide_masters):
        context = _master_context(master, m_index, default_style)
        masters.append(Master(m_index, str(master.part.partname).lstrip("/"),
                              _master_box(context, "body"), _master_box(context, "title")))
        for layout in master.slide_layouts:
            part = str(layout.part.partname).lstrip("/")
            layouts.append(_layout(layout, len(layouts), context, uses[part], part == first))
    if not layouts:
        raise TemplateError(f"{package.path}: the template has no slide layouts; save a "
                            "template that has at least a title-and-content layout")
    return Template(package.path, package, width / EMU_PER_PT, height / EMU_PER_PT,
                    tuple(masters), tuple(layouts))


# --- masters ----------------------------------------------------------------------------------

def _master_context(master: object, index: int,
                    default_style: etree._Element | None) -> _MasterContext:
    """Return what the layouts of ``master`` inherit from it."""
    element = master._element  # type: ignore[attr-defined]
    part = master.part  # type: ignore[attr-defined]
    try:
        theme_part = part.part_related_by(RT.THEME)
        theme = etree.fromstring(theme_part.blob)
    except (KeyError, etree.XMLSyntaxError):
        theme_part, theme = None, None
    palette = palette_of(theme, element.find(f"{{{P}}}clrMap"))
    fonts = font_scheme_of(theme)
    base = levels_of(default_style, palette, fonts)
    styles = {kind: merge_levels(base, levels_of(element.find(f"{{{P}}}txStyles/{{{P}}}{kind}"
                                                                f"Style"), palette, fonts))
              for kind in ("title", "body", "other")}
    placeholders: dict[str, etree._Element] = {}
    for shape in _tree(element):
        ph = shape.find(f"./*/{{{P}}}nvPr/{{{P}}}ph")
        if ph is not None:
            kind = str(ph.get("type", "obj"))
            placeholders.setdefault(MASTER_KIND.get(kind, kind), shape)
    blobs = _blobs(part)
    theme_blobs = _blobs(theme_part) if theme_part is not None else _no_blobs
    background = _background(element, palette, theme, blobs, theme_blobs)
    paints = tuple(replace(paint, on_master=True)
                   for paint in _paints(_tree(element), _Transform(), palette, blobs))
    return _MasterContext(index, palette, fonts, styles, placeholders, background, paints, theme,
                          theme_blobs)


def _master_box(context: _MasterContext, kind: str) -> Box | None:
    """Return the box of the master's placeholder of ``kind`` in points."""
    shape = context.placeholders.get(kind)
    return None if shape is None else _own_box(shape, _Transform())


# --- layouts ----------------------------------------------------------------------------------

def _layout(layout: object, index: int, context: _MasterContext, uses: int,
            first: bool) -> Layout:
    """Return one layout with its placeholders, background and decorations resolved."""
    element = layout._element  # type: ignore[attr-defined]
    palette = context.palette
    override = element.find(f"{{{P}}}clrMapOvr/{{{A}}}overrideClrMapping")
    if override is not None:
        palette = palette.overridden({str(k): str(v) for k, v in override.attrib.items()})
    blobs = _blobs(layout.part)  # type: ignore[attr-defined]
    own = element.find(f"{{{P}}}cSld/{{{P}}}bg")
    background = (_background(element, palette, context.theme, blobs, context.theme_blobs)
                  if own is not None else context.background)
    placeholders = tuple(_placeholders(layout, context, palette, blobs))

    paints: list[Paint] = []
    if element.get("showMasterSp", "1") not in ("0", "false"):
        paints.extend(context.paints)
    paints.extend(_paints(_tree(element), _Transform(), palette, blobs))
    paints.extend(Paint(p.box, fill=p.fill, name=p.name, placeholder=p.kind)
                  for p in placeholders if p.fill.kind != "none")
    c_sld = element.find(f"{{{P}}}cSld")
    name = str(c_sld.get("name", "")) if c_sld is not None else ""
    return Layout(index, context.index, str(layout.part.partname).lstrip("/"),  # type: ignore[attr-defined]
                  name or f"Layout {index + 1}", str(element.get("type", "")), placeholders,
                  background, tuple(paints), palette, context.fonts, uses, first)


def _placeholders(layout: object, context: _MasterContext, palette: Palette,
                  blobs: Blobs) -> Iterator[Placeholder]:
    """Yield the layout's placeholders with inherited geometry, style and fill."""
    for element in _tree(layout._element):  # type: ignore[attr-defined]
        ph = element.find(f"./*/{{{P}}}nvPr/{{{P}}}ph")
        if ph is None:
            continue
        kind = str(ph.get("type", "obj"))
        base_kind = MASTER_KIND.get(kind, kind)
        master_shape = context.placeholders.get(base_kind)
        box = _own_box(element, _Transform())
        if box is None and master_shape is not None:
            box = _own_box(master_shape, _Transform())
        if box is None:
            continue
        style_kind = "title" if base_kind == "title" else "body" if base_kind == "body" \
            else "other"
        chain = [context.styles[style_kind]]
        if master_shape is not None:
            chain.append(levels_of(master_shape.find(f"{{{P}}}txBody/{{{A}}}lstStyle"),
                                   context.palette, context.fonts))
        chain.append(levels_of(element.find(f"{{{P}}}txBody/{{{A}}}lstStyle"), palette,
                               context.fonts))
        body = body_style_of(
            None if master_shape is None else master_shape.find(f"{{{P}}}txBody/{{{A}}}bodyPr"),
            element.find(f"{{{P}}}txBody/{{{A}}}bodyPr"))
        fill = _shape_fill(element, palette, blobs)
        if fill is None and master_shape is not None:
            fill = _shape_fill(master_shape, context.palette, _no_blobs)
        name = element.find(f"./*/{{{P}}}cNvPr")
        yield Placeholder(kind, int(ph.get("idx", "0")), box,
                          TextStyle(merge_levels(*chain), body), fill or NO_FILL,
                          "" if name is None else str(name.get("name", "")))


# --- decorations ------------------------------------------------------------------------------

def _tree(element: etree._Element) -> list[etree._Element]:
    """Return the shapes of a master's or layout's shape tree, alternate content resolved."""
    tree = element.find(f"{{{P}}}cSld/{{{P}}}spTree")
    return [] if tree is None else _resolved(tree)


def _resolved(tree: etree._Element) -> list[etree._Element]:
    """Return the children of a shape tree or group, ``mc:AlternateContent`` unwrapped."""
    shapes = []
    for child in tree:
        if child.tag == f"{{{MC}}}AlternateContent":
            branch = child.find(f"{{{MC}}}Fallback")
            if branch is None:
                branch = child.find(f"{{{MC}}}Choice")
            shapes.extend([] if branch is None else list(branch))
        else:
            shapes.append(child)
    return shapes


def _paints(shapes: list[etree._Element], transform: _Transform, palette: Palette,
            blobs: Blobs, group_fill: Fill | None = None) -> Iterator[Paint]:
    """Yield the decorations (everything but placeholders) of a list of shapes."""
    for shape in shapes:
        local = etree.QName(shape).localname
        if shape.find(f"./*/{{{P}}}nvPr/{{{P}}}ph") is not None:
            continue
        if local == "grpSp":
            inner = _group_transform(shape, transform)
            fill = _shape_fill(shape, palette, blobs, properties="grpSpPr")
            yield from _paints(_resolved(shape), inner, palette, blobs, fill)
            continue
        if local not in ("sp", "pic", "cxnSp", "graphicFrame"):
            continue
        box = _own_box(shape, transform)
        if box is None:
            continue
        yield _paint(shape, local, box, palette, blobs, group_fill)


def _paint(shape: etree._Element, local: str, box: Box, palette: Palette, blobs: Blobs,
           group_fill: Fill | None) -> Paint:
    """Return one decoration shape as a Paint."""
    xfrm = shape.find(f"./{{{P}}}spPr/{{{A}}}xfrm")
    rotation = int(xfrm.get("rot", "0")) / 60000 if xfrm is not None else 0.0
    flip_h = xfrm is not None and xfrm.get("flipH") in ("1", "true")
    flip_v = xfrm is not None and xfrm.get("flipV") in ("1", "true")
    name_element = shape.find(f"./*/{{{P}}}cNvPr")
    name = "" if name_element is None else str(name_element.get("name", ""))
    text = " ".join("".join(t.text or "" for t in p.iter(f"{{{A}}}t"))
                    for p in shape.iter(f"{{{A}}}p")).strip()
    if local == "pic":
        return Paint(box, "rect", _picture_fill(shape, blobs), rotation=rotation,
                     flip_h=flip_h, flip_v=flip_v, name=name)
    if local == "graphicFrame":
        return Paint(box, "rect", Fill("solid", (Color.of("808080"),), opacity=0.0),
                     name=name, text=text or name)
    geometry_element = shape.find(f"./{{{P}}}spPr/{{{A}}}prstGeom")
    geometry = "line" if local == "cxnSp" else (
        str(geometry_element.get("prst", "rect")) if geometry_element is not None else "rect")
    custom = shape.find(f"./{{{P}}}spPr/{{{A}}}custGeom")
    outline = _custom_outline(custom) if custom is not None else ()
    if outline:
        geometry = "custom"
    fill = _shape_fill(shape, palette, blobs)
    if fill is not None and fill.kind == "group":
        fill = group_fill
    line, width = _line(shape, palette)
    if local == "cxnSp":
        fill = NO_FILL
    return Paint(box, geometry, fill or NO_FILL, line, width, rotation, flip_h, flip_v,
                 text, name, outline=outline)


def _custom_outline(geometry: etree._Element) -> tuple[tuple[tuple[float, float], ...], ...]:
    """Return the polygons of a custom geometry (``a:custGeom``, §20.1.9.8) as fractions of
    the shape's box; curves are followed through their control points, arcs end at their
    start (their bulge is left out)."""
    polygons = []
    for path in geometry.iter(f"{{{A}}}path"):
        width = float(path.get("w", "0") or 0)
        height = float(path.get("h", "0") or 0)
        if width <= 0 or height <= 0:
            continue
        points: list[tuple[float, float]] = []
        for step in path:
            local = etree.QName(step).localname
            for pt in step.iter(f"{{{A}}}pt"):
                points.append((float(pt.get("x", "0")) / width,
                               float(pt.get("y", "0")) / height))
            if local == "close" and len(points) > 2:
                polygons.append(tuple(points))
                points = []
        if len(points) > 2:
            polygons.append(tuple(points))
    return tuple(polygons)


def _own_box(shape: etree._Element, transform: _Transform) -> Box | None:
    """Return a shape's box on the slide, or None when it has no geometry of its own."""
    xfrm = shape.find("./*/" + f"{{{A}}}xfrm")
    if xfrm is None:
        xfrm = shape.find(f"./{{{P}}}xfrm")
    if xfrm is None:
        return None
    off, ext = xfrm.find(f"{{{A}}}off"), xfrm.find(f"{{{A}}}ext")
    if off is None or ext is None:
        return None
    return transform.box(int(off.get("x", "0")), int(off.get("y", "0")),
                         int(ext.get("cx", "0")), int(ext.get("cy", "0")))


def _group_transform(group: etree._Element, outer: _Transform) -> _Transform:
    """Return the transform of a group's children (``a:chOff``/``a:chExt`` onto the group)."""
    xfrm = group.find(f"./{{{P}}}grpSpPr/{{{A}}}xfrm")
    if xfrm is None:
        return outer
    parts = {etree.QName(c).localname: c for c in xfrm}
    if not {"off", "ext", "chOff", "chExt"} <= parts.keys():
        return outer

    def pair(name: str, first: str, second: str) -> tuple[int, int]:
        return int(parts[name].get(first, "0")), int(parts[name].get(second, "0"))

    (x, y), (cx, cy) = pair("off", "x", "y"), pair("ext", "cx", "cy")
    (chx, chy), (chcx, chcy) = pair("chOff", "x", "y"), pair("chExt", "cx", "cy")
    scale_x = cx / chcx if chcx else 1.0
    scale_y = cy / chcy if chcy else 1.0
    dx = outer.dx + (x - chx * scale_x) * outer.sx
    dy = outer.dy + (y - chy * scale_y) * outer.sy
    return _Transform(dx, dy, outer.sx * scale_x, outer.sy * scale_y)


# --- fills ------------------------------------------------------------------------------------

def _shape_fill(shape: etree._Element, palette: Palette, blobs: Blobs,
                properties: str = "spPr") -> Fill | None:
    """Return a shape's fill: its own, else its style's ``a:fillRef``; None when unset."""
    sp_pr = shape.find(f"{{{P}}}{properties}")
    if sp_pr is not None:
        for child in sp_pr:
            if child.tag in FILL_TAGS:
                if etree.QName(child).localname == "grpFill":
                    return Fill("group")
                return fill_from(child, palette, blobs)
    reference = shape.find(f"{{{P}}}style/{{{A}}}fillRef")
    if reference is not None and reference.get("idx", "0") != "0":
        color = color_in(reference, palette)
        if color is not None:
            return Fill("solid", (color,))
    return None


def fill_from(element: etree._Element, palette: Palette, blobs: Blobs,
              placeholder: Color | None = None) -> Fill:
    """Return one fill element (``a:solidFill``, ``a:gradFill``...) as a Fill."""
    local = etree.QName(element).localname
    if local == "solidFill":
        color = color_in(element, palette, placeholder)
        if color is None:
            return NO_FILL
        return Fill("solid", (color,), opacity=alpha_of(color.mods))
    if local == "gradFill":
        stops = sorted((int(stop.get("pos", "0")) / 100000,
                        color_in(stop, palette, placeholder) or Color.of("808080"))
                       for stop in element.iter(f"{{{A}}}gs"))
        linear = element.find(f"{{{A}}}lin")
        angle = int(linear.get("ang", "0")) / 60000 if linear is not None else 90.0
        if not stops:
            return NO_FILL
        opacity = sum(alpha_of(c.mods) for _, c in stops) / len(stops)
        return Fill("gradient", tuple(c for _, c in stops), tuple(p for p, _ in stops), angle,
                    opacity)
    if local == "pattFill":
        colors = [color_in(element.find(f"{{{A}}}{n}"), palette, placeholder)
                  for n in ("fgClr", "bgClr")]
        found = tuple(c for c in colors if c is not None)
        return Fill("gradient", found, tuple(float(i) for i in range(len(found)))) if found \
            else NO_FILL
    if local == "blipFill":
        return _blip(element, blobs)
    return NO_FILL


def _picture_fill(shape: etree._Element, blobs: Blobs) -> Fill:
    """Return the picture a ``p:pic`` shows, as a picture fill."""
    blip_fill = shape.find(f"{{{P}}}blipFill")
    return NO_FILL if blip_fill is None else _blip(blip_fill, blobs)


def _blip(element: etree._Element, blobs: Blobs) -> Fill:
    """Return the image of a ``blipFill`` with its opacity (``a:alphaModFix``) and the part
    of it shown (``a:srcRect``)."""
    blip = element.find(f"{{{A}}}blip")
    if blip is None:
        return NO_FILL
    data = blobs(str(blip.get(f"{{{R}}}embed", "")))
    if data is None:
        return NO_FILL
    alpha = blip.find(f"{{{A}}}alphaModFix")
    opacity = int(alpha.get("amt", "100000")) / 100000 if alpha is not None else 1.0
    return Fill("picture", opacity=opacity, image=data, crop=_source_rect(element))


def _source_rect(element: etree._Element) -> tuple[float, float, float, float]:
    """Return the crop of a ``blipFill``'s ``a:srcRect`` (ECMA-376 §20.1.8.55: ``l t r b``
    in thousandths of a percent of the picture) as shares (0-1); a negative value (space
    around the picture) counts as none, which errs towards more picture, never less."""
    rect = element.find(f"{{{A}}}srcRect")
    if rect is None:
        return (0.0, 0.0, 0.0, 0.0)
    left, top, right, bottom = (max(0.0, _percent(rect.get(side))) for side in "ltrb")
    if left + right >= 1.0 or top + bottom >= 1.0:
        return (0.0, 0.0, 0.0, 0.0)  # nothing would be left: ignore the crop
    return (left, top, right, bottom)


def _percent(value: str | None) -> float:
    """Return an ``ST_Percentage`` as a share: thousandths of a percent (transitional), or
    a number with "%" (strict, ECMA-376 Part 1 §22.9.2.9); 0 when unreadable."""
    text = (value or "0").strip()
    try:
        return float(text[:-1]) / 100 if text.endswith("%") else int(text) / 100000
    except ValueError:
        return 0.0


def _line(shape: etree._Element, palette: Palette) -> tuple[Color | None, float]:
    """Return a shape's outline colour and width in points (None when it has none)."""
    line = shape.find(f"{{{P}}}spPr/{{{A}}}ln")
    width = 0.75
    if line is not None:
        if line.find(f"{{{A}}}noFill") is not None:
            return None, 0.0
        width = int(line.get("w", "9525")) / EMU_PER_PT
        solid = line.find(f"{{{A}}}solidFill")
        if solid is not None:
            return color_in(solid, palette), width
    reference = shape.find(f"{{{P}}}style/{{{A}}}lnRef")
    if reference is not None and reference.get("idx", "0") != "0":
        return color_in(reference, palette), width
    return None, 0.0


def _background(element: etree._Element, palette: Palette, theme: etree._Element | None,
                blobs: Blobs, theme_blobs: Blobs) -> Fill:
    """Return the background a master or layout sets (``p:bgPr`` or ``p:bgRef``)."""
    background = element.find(f"{{{P}}}cSld/{{{P}}}bg")
    if background is None:
        return Fill("solid", (palette.color("bg1"),))
    properties = background.find(f"{{{P}}}bgPr")
    if properties is not None:
        for child in properties:
            if child.tag in FILL_TAGS:
                return fill_from(child, palette, blobs)
        return Fill("solid", (palette.color("bg1"),))
    reference = background.find(f"{{{P}}}bgRef")
    if reference is None or theme is None:
        return Fill("solid", (palette.color("bg1"),))
    index = int(reference.get("idx", "0"))
    placeholder = color_in(reference, palette)
    listing = "bgFillStyleLst" if index > 1000 else "fillStyleLst"
    styles = theme.find(f".//{{{A}}}fmtScheme/{{{A}}}{listing}")
    position = index - 1001 if index > 1000 else index - 1
    if styles is None or not 0 <= position < len(styles):
        return Fill("solid", (placeholder or palette.color("bg1"),))
    return fill_from(styles[position], palette, theme_blobs, placeholder)


def _blobs(part: object) -> Blobs:
    """Return a function giving the bytes of the part ``rId`` of ``part`` points to."""
    def blob(r_id: str) -> bytes | None:
        try:
            related = part.related_part(r_id)  # type: ignore[attr-defined]
        except (KeyError, AttributeError):
            return None
        data = getattr(related, "blob", None)
        return data if isinstance(data, bytes) else None

    return blob


def _no_blobs(r_id: str) -> bytes | None:
    """Return no picture (for parts whose pictures cannot be reached)."""
    return None


__all__ = ["color_of", "fill_from", "read_design"]
