"""Style the built-in base deck with a theme: its colours, typefaces, sizes, spacing and logo
become the template's own colour scheme, font scheme, text styles and master picture.

The result is an ordinary template: decks on built-in themes are drawn from it by the same
code as decks on users' templates, and ``briefing template export`` writes it unchanged.
"""

from __future__ import annotations

import io

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.oxml.shapes.picture import CT_Picture

from briefing.color import BODY_CONTRAST, contrast, luminance
from briefing.geometry import EMU_PER_PT
from briefing.theme.tokens import Theme

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
LIGHT_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
DARK_MAP = {"bg1": "dk1", "tx1": "lt1", "bg2": "dk2", "tx2": "lt2"}
# Which theme size each named placeholder of the base deck takes (largest of its range).
PLACEHOLDER_SIZES = {"Cover title": "cover_title", "Subtitle": "subtitle", "Byline": "caption",
                     "Part title": "cover_title", "Part number": "subtitle",
                     "Closing title": "cover_title", "Thanks": "subtitle"}
LOGO_MAX = (120.0, 32.0)  # points
SUB_SCALE = 0.85


def restyle(base: bytes, theme: Theme) -> bytes:
    """Return the base deck ``base`` styled with ``theme``."""
    prs = Presentation(io.BytesIO(base))
    master = prs.slide_master
    theme_part = master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme_part.blob)
    dark = luminance(theme.color("background").rgb) < luminance(theme.color("text").rgb)
    _write_scheme(root, theme, dark)
    _write_fonts(root, theme)
    theme_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)
    color_map = master._element.find(qn("p:clrMap"))
    for name, slot in (DARK_MAP if dark else LIGHT_MAP).items():
        color_map.set(name, slot)
    _write_text_styles(master._element, theme)
    for layout in master.slide_layouts:
        _write_placeholder_sizes(layout._element, theme)
    if theme.logo is not None:
        _add_logo(prs, theme)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def _write_scheme(root: etree._Element, theme: Theme, dark: bool) -> None:
    """Write the theme's colours into the colour scheme, dark and light slots as they are."""
    text, background = theme.color("text").rgb, theme.color("background").rgb
    muted, surface = theme.color("muted").rgb, theme.color("surface").rgb
    values = {"dk1": background if dark else text, "lt1": text if dark else background,
              "dk2": surface if dark else muted, "lt2": muted if dark else surface,
              "accent1": theme.color("accent").rgb, "accent2": theme.color("accent2").rgb,
              "accent3": theme.color("line").rgb, "accent4": theme.color("marking").rgb,
              "hlink": link_color(theme), "folHlink": link_color(theme)}
    scheme = root.find(f".//{{{A}}}clrScheme")
    assert scheme is not None
    scheme.set("name", theme.name)
    for slot, value in values.items():
        element = scheme.find(f"{{{A}}}{slot}")
        if element is None:
            continue
        for child in list(element):
            element.remove(child)
        etree.SubElement(element, f"{{{A}}}srgbClr", val=value)


def link_color(theme: Theme) -> str:
    """Return RRGGBB of links on ``theme``: its accent, second accent or text colour, the first
    that reads on its background at the 4.5:1 WCAG 2.x asks of body text (the text colour when
    none does).

    PowerPoint and LibreOffice draw a link in the colour scheme's ``hlink`` colour whatever
    colour its run names; the base deck's blue (0000FF) reads at 1.9:1 on the dark theme's
    background (18212B).
    """
    background = theme.color("background").rgb
    for role in ("accent", "accent2", "text"):
        rgb = theme.color(role).rgb
        if contrast(rgb, background) >= BODY_CONTRAST:
            return rgb
    return theme.color("text").rgb


def _write_fonts(root: etree._Element, theme: Theme) -> None:
    """Name the theme's Latin and East Asian typefaces for headings and body text."""
    for kind in ("majorFont", "minorFont"):
        font = root.find(f".//{{{A}}}fontScheme/{{{A}}}{kind}")
        if font is None:
            continue
        for script, face in (("latin", theme.fonts.latin), ("ea", theme.fonts.east_asian)):
            element = font.find(f"{{{A}}}{script}")
            if element is not None:
                element.set("typeface", face)
        for element in font.findall(f"{{{A}}}font"):
            if element.get("script") == "Jpan":
                element.set("typeface", theme.fonts.east_asian)


def _write_text_styles(master: etree._Element, theme: Theme) -> None:
    """Write sizes, line spacing and paragraph spacing of titles and body text."""
    styles = master.find(qn("p:txStyles"))
    assert styles is not None
    title = styles.find(qn("p:titleStyle"))
    body = styles.find(qn("p:bodyStyle"))
    largest = theme.size_range("body")[0]
    _level(title, 1, theme.size_range("title")[0], theme.line_spacing, 0.0)
    _level(body, 1, largest, theme.line_spacing, theme.paragraph_space * largest)
    sub = round(largest * SUB_SCALE, 1)
    _level(body, 2, sub, theme.line_spacing, theme.paragraph_space * sub / 2)


def _level(style: etree._Element | None, number: int, size: float, line_spacing: float,
           space_before: float) -> None:
    """Set the size, line spacing and space before of one level of a text style."""
    if style is None:
        return
    level = style.find(f"{{{A}}}lvl{number}pPr")
    if level is None:
        return
    for tag, child, value in (("lnSpc", "spcPct", str(round(line_spacing * 100000))),
                              ("spcBef", "spcPts", str(round(space_before * 100)))):
        element = level.find(f"{{{A}}}{tag}")
        if element is not None:
            for old in list(element):
                element.remove(old)
            etree.SubElement(element, f"{{{A}}}{child}", val=value)
    run = level.find(f"{{{A}}}defRPr")
    if run is not None:
        run.set("sz", str(round(size * 100)))


def _write_placeholder_sizes(layout: etree._Element, theme: Theme) -> None:
    """Set the size of the base deck's named placeholders from the theme's sizes."""
    for shape in layout.iter(qn("p:sp")):
        name = shape.find(f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}")
        role = PLACEHOLDER_SIZES.get(str(name.get("name", ""))) if name is not None else None
        if role is None:
            continue
        run = shape.find(f".//{{{A}}}lvl1pPr/{{{A}}}defRPr")
        if run is not None:
            run.set("sz", str(round(theme.size_range(role)[0] * 100)))


def _add_logo(prs: object, theme: Theme) -> None:
    """Place the theme's logo on the master, top right, at most ``LOGO_MAX`` points."""
    from briefing.media import prepare_image

    assert theme.logo is not None
    image = prepare_image(theme.logo)
    scale = min(LOGO_MAX[0] / image.width, LOGO_MAX[1] / image.height)
    width, height = image.width * scale, image.height * scale
    slide_width = prs.slide_width / EMU_PER_PT  # type: ignore[attr-defined]
    left = slide_width - theme.margin - width
    master = prs.slide_master  # type: ignore[attr-defined]
    _, r_id = master.part.get_or_add_image_part(io.BytesIO(image.data))
    tree = master.shapes._spTree
    ids = [int(e.get("id", "0")) for e in tree.iter(qn("p:cNvPr"))]
    new_pic = CT_Picture.new_pic
    picture = new_pic(max(ids, default=1) + 1, "Logo", "Logo", r_id,  # type: ignore[no-untyped-call]
                      round(left * EMU_PER_PT), round(22 * EMU_PER_PT),
                      round(width * EMU_PER_PT), round(height * EMU_PER_PT))
    tree.append(picture)
