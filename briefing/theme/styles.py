"""What a template's XML says about colour, typefaces and text styles, resolved to values.

Follows the inheritance of ECMA-376 Part 1: colours from the theme's ``a:clrScheme`` through
the master's ``p:clrMap`` (or a layout's ``p:clrMapOvr``) (§19.3.1.6, §20.1.6.2); typefaces
from the theme's ``a:fontScheme`` (``+mj-lt``, ``+mn-ea``..., §20.1.4.1.16-17); paragraph and
character properties per outline level from the presentation's ``p:defaultTextStyle``, the
master's ``p:txStyles``, the master placeholder's and then the layout placeholder's
``a:lstStyle`` (§19.3.1.51, §21.1.2.4.13); body properties (insets, anchor, autofit) from the
master placeholder's ``a:bodyPr`` overridden attribute by attribute by the layout's (§21.1.2.1.1).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

from lxml import etree

from briefing.color import Color, apply_mods
from briefing.geometry import EMU_PER_PT, Insets

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
SLOTS = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5",
         "accent6", "hlink", "folHlink")
DEFAULT_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
COLOR_TAGS = {f"{{{A}}}{name}" for name in ("srgbClr", "schemeClr", "sysClr", "prstClr",
                                            "scrgbClr", "hslClr")}
MOD_NAMES = {"lumMod", "lumOff", "tint", "shade", "alpha", "alphaMod", "alphaOff", "satMod"}
# A few preset colour names templates use (§20.1.10.47 ST_PresetColorVal).
PRESET_COLORS = {"black": "000000", "white": "FFFFFF", "red": "FF0000", "green": "008000",
                 "blue": "0000FF", "yellow": "FFFF00", "gray": "808080", "grey": "808080",
                 "darkGray": "A9A9A9", "lightGray": "D3D3D3", "orange": "FFA500"}
Spacing = tuple[Literal["pct", "pts"], float]


@dataclass(frozen=True)
class Palette:
    """A master's colours: the theme's scheme slots and the colour map onto them."""

    slots: dict[str, str]
    color_map: dict[str, str]

    def slot_rgb(self, name: str) -> str:
        """Return RRGGBB of scheme colour ``name`` (``tx1``, ``accent2``, ``dk1``...)."""
        slot = self.color_map.get(name, name)
        return self.slots.get(slot, "000000" if slot.startswith("dk") else "FFFFFF")

    def color(self, name: str, mods: tuple[tuple[str, int], ...] = ()) -> Color:
        """Return scheme colour ``name`` as a Color that refers to its slot."""
        return Color(apply_mods(self.slot_rgb(name), mods), name, mods)

    def overridden(self, mapping: dict[str, str]) -> Palette:
        """Return this palette with a layout's colour map override applied."""
        return replace(self, color_map={**self.color_map, **mapping})


@dataclass(frozen=True)
class FontScheme:
    """The theme's heading (major) and body (minor) typefaces by script."""

    major_latin: str = ""
    major_east_asian: str = ""
    minor_latin: str = ""
    minor_east_asian: str = ""
    major_japanese: str = ""
    minor_japanese: str = ""

    def typeface(self, name: str | None) -> str | None:
        """Return ``name`` with theme references (``+mj-lt``, ``+mn-ea``...) resolved."""
        if not name or not name.startswith("+"):
            return name or None
        table = {"+mj-lt": self.major_latin, "+mn-lt": self.minor_latin,
                 "+mj-ea": self.major_east_asian or self.major_japanese,
                 "+mn-ea": self.minor_east_asian or self.minor_japanese,
                 "+mj-cs": self.major_latin, "+mn-cs": self.minor_latin}
        return table.get(name) or None


@dataclass(frozen=True)
class LevelStyle:
    """Paragraph and run properties of one outline level; None where nothing says."""

    size: float | None = None
    color: Color | None = None
    latin: str | None = None
    east_asian: str | None = None
    align: str | None = None
    bullet: str | None = None  # the bullet character, "" for none
    bullet_color: Color | None = None
    margin_left: float | None = None
    indent: float | None = None
    letter_spacing: float | None = None  # points added after each character (spc / 100)
    line_spacing: Spacing | None = None
    space_before: Spacing | None = None
    space_after: Spacing | None = None
    bold: bool | None = None
    italic: bool | None = None
    caps: bool | None = None

    def over(self, base: LevelStyle) -> LevelStyle:
        """Return ``base`` with every value this style sets taking precedence."""
        mine, theirs = self.__dict__, base.__dict__
        return LevelStyle(**{name: theirs[name] if value is None else value
                             for name, value in mine.items()})


@dataclass(frozen=True)
class BodyStyle:
    """Text-box properties: insets, anchor, wrapping, vertical text and autofit."""

    insets: Insets = field(default_factory=Insets)
    anchor: str = "t"
    wrap: bool = True
    vertical: bool = False
    autofit: str = "none"  # none | normal (shrink on overflow) | shape (resize the shape)


@dataclass(frozen=True)
class TextStyle:
    """The resolved style of a placeholder: nine outline levels and its body properties."""

    levels: tuple[LevelStyle, ...]
    body: BodyStyle

    def level(self, index: int) -> LevelStyle:
        """Return the style of outline level ``index`` (0-based)."""
        return self.levels[min(max(index, 0), len(self.levels) - 1)]


BASE_LEVEL = LevelStyle(size=18.0, align="l", bullet="", margin_left=0.0, indent=0.0,
                        letter_spacing=0.0, line_spacing=("pct", 1.0),
                        space_before=("pts", 0.0), space_after=("pts", 0.0), bold=False,
                        italic=False, caps=False)


# --- colours ----------------------------------------------------------------------------------

def palette_of(theme: etree._Element | None, color_map: etree._Element | None) -> Palette:
    """Return the palette of a theme part and a master's ``p:clrMap``."""
    slots: dict[str, str] = {}
    scheme = None if theme is None else theme.find(f".//{{{A}}}clrScheme")
    for slot in [] if scheme is None else list(scheme):
        rgb = _plain_rgb(slot)
        if rgb:
            slots[etree.QName(slot).localname] = rgb
    mapping = dict(DEFAULT_MAP)
    if color_map is not None:
        mapping.update({str(k): str(v) for k, v in color_map.attrib.items()})
    return Palette(slots, mapping)


def _plain_rgb(slot: etree._Element) -> str | None:
    """Return the RGB of a scheme slot written as ``a:srgbClr`` or ``a:sysClr``."""
    for child in slot:
        local = etree.QName(child).localname
        if local == "srgbClr":
            return str(child.get("val", "000000")).upper()
        if local == "sysClr":
            return str(child.get("lastClr") or ("FFFFFF" if child.get("val") == "window"
                                                 else "000000")).upper()
    return None


def color_in(parent: etree._Element | None, palette: Palette,
             placeholder: Color | None = None) -> Color | None:
    """Return the colour element inside ``parent`` (e.g. an ``a:solidFill``) as a Color."""
    if parent is None:
        return None
    for child in parent:
        if child.tag in COLOR_TAGS:
            return color_of(child, palette, placeholder)
    return None


def color_of(element: etree._Element, palette: Palette,
             placeholder: Color | None = None) -> Color:
    """Return one DrawingML colour element (with its transforms) as a Color."""
    local = etree.QName(element).localname
    mods = tuple((etree.QName(m).localname, int(m.get("val", "0"))) for m in element
                 if etree.QName(m).localname in MOD_NAMES)
    if local == "schemeClr":
        name = str(element.get("val", "tx1"))
        if name == "phClr":
            base = placeholder or palette.color("tx1")
            return Color(apply_mods(base.rgb, mods), base.scheme, base.mods + mods)
        return palette.color(name, mods)
    if local == "srgbClr":
        rgb = str(element.get("val", "000000")).upper()
    elif local == "sysClr":
        rgb = str(element.get("lastClr") or "000000").upper()
    elif local == "prstClr":
        rgb = PRESET_COLORS.get(str(element.get("val", "black")), "000000")
    elif local == "scrgbClr":
        rgb = "".join(f"{round(min(max(int(element.get(c, '0')) / 100000, 0), 1) * 255):02X}"
                      for c in ("r", "g", "b"))
    else:
        rgb = _hsl_rgb(element)
    return Color(apply_mods(rgb, mods), None, mods) if mods else Color(rgb)


def _hsl_rgb(element: etree._Element) -> str:
    """Return RGB of an ``a:hslClr`` (hue in 60000ths of a degree, others in 1000ths of %)."""
    import colorsys

    hue = int(element.get("hue", "0")) / 60000 / 360
    sat = int(element.get("sat", "0")) / 100000
    lum = int(element.get("lum", "0")) / 100000
    r, g, b = colorsys.hls_to_rgb(hue, lum, sat)
    return "".join(f"{round(v * 255):02X}" for v in (r, g, b))


# --- fonts ------------------------------------------------------------------------------------

def font_scheme_of(theme: etree._Element | None) -> FontScheme:
    """Return the typefaces a theme part names for headings and body text."""
    if theme is None:
        return FontScheme()

    def face(kind: str, script: str) -> str:
        element = theme.find(f".//{{{A}}}fontScheme/{{{A}}}{kind}/{{{A}}}{script}")
        return "" if element is None else str(element.get("typeface", ""))

    def japanese(kind: str) -> str:
        for element in theme.findall(f".//{{{A}}}fontScheme/{{{A}}}{kind}/{{{A}}}font"):
            if element.get("script") == "Jpan":
                return str(element.get("typeface", ""))
        return ""

    return FontScheme(face("majorFont", "latin"), face("majorFont", "ea"),
                      face("minorFont", "latin"), face("minorFont", "ea"),
                      japanese("majorFont"), japanese("minorFont"))


# --- text styles ------------------------------------------------------------------------------

def levels_of(list_style: etree._Element | None, palette: Palette,
              fonts: FontScheme) -> tuple[LevelStyle, ...]:
    """Return the nine levels a list style (``a:lstStyle``, ``p:bodyStyle``...) sets."""
    levels = [LevelStyle()] * 9
    if list_style is None:
        return tuple(levels)
    default = list_style.find(f"{{{A}}}defPPr")
    base = _level(default, palette, fonts) if default is not None else LevelStyle()
    for index in range(9):
        element = list_style.find(f"{{{A}}}lvl{index + 1}pPr")
        levels[index] = _level(element, palette, fonts).over(base) if element is not None \
            else base
    return tuple(levels)


def merge_levels(*chain: tuple[LevelStyle, ...]) -> tuple[LevelStyle, ...]:
    """Return level styles merged from the most general (first) to the most specific."""
    result = [BASE_LEVEL] * 9
    for levels in chain:
        result = [level.over(done) for level, done in zip(levels, result, strict=True)]
    return tuple(result)


def _level(element: etree._Element, palette: Palette, fonts: FontScheme) -> LevelStyle:
    """Return what one ``a:lvlNpPr`` element sets."""
    run = element.find(f"{{{A}}}defRPr")
    values: dict[str, Any] = {
        "align": element.get("algn"),
        "margin_left": _emu(element.get("marL")),
        "indent": _emu(element.get("indent")),
        "line_spacing": _spacing(element.find(f"{{{A}}}lnSpc")),
        "space_before": _spacing(element.find(f"{{{A}}}spcBef")),
        "space_after": _spacing(element.find(f"{{{A}}}spcAft")),
        "bullet": _bullet(element),
        "bullet_color": color_in(element.find(f"{{{A}}}buClr"), palette),
    }
    if run is not None:
        size = run.get("sz")
        spacing = run.get("spc")
        values.update({
            "size": int(size) / 100 if size else None,
            "letter_spacing": int(spacing) / 100 if spacing else None,
            "bold": _flag(run.get("b")), "italic": _flag(run.get("i")),
            "caps": None if run.get("cap") is None else run.get("cap") != "none",
            "color": color_in(run.find(f"{{{A}}}solidFill"), palette),
            "latin": _face(run, "latin", fonts), "east_asian": _face(run, "ea", fonts),
        })
    return LevelStyle(**values)


def _face(run: etree._Element, script: str, fonts: FontScheme) -> str | None:
    """Return the typeface a ``a:defRPr`` names for ``script``, theme references resolved."""
    element = run.find(f"{{{A}}}{script}")
    return None if element is None else fonts.typeface(element.get("typeface"))


def _bullet(element: etree._Element) -> str | None:
    """Return the bullet character a level sets, "" for none, None when it says nothing."""
    if element.find(f"{{{A}}}buNone") is not None:
        return ""
    char = element.find(f"{{{A}}}buChar")
    if char is not None:
        return str(char.get("char", "•"))
    if element.find(f"{{{A}}}buAutoNum") is not None:
        return "1."
    return None


def _flag(value: str | None) -> bool | None:
    """Return an XML boolean attribute as a bool, None when absent."""
    return None if value is None else value in ("1", "true")


def _emu(value: str | None) -> float | None:
    """Return a length in EMU as points, None when absent."""
    return None if value is None else int(value) / EMU_PER_PT


def _spacing(element: etree._Element | None) -> Spacing | None:
    """Return line or paragraph spacing: ("pct", fraction) or ("pts", points)."""
    if element is None:
        return None
    percent = element.find(f"{{{A}}}spcPct")
    if percent is not None:
        return ("pct", int(percent.get("val", "100000")) / 100000)
    points = element.find(f"{{{A}}}spcPts")
    if points is not None:
        return ("pts", int(points.get("val", "0")) / 100)
    return None


def body_style_of(*body_props: etree._Element | None) -> BodyStyle:
    """Return body properties from ``a:bodyPr`` elements, general first, specific last."""
    attrs: dict[str, str] = {}
    autofit = "none"
    for element in body_props:
        if element is None:
            continue
        attrs.update({str(k): str(v) for k, v in element.attrib.items()})
        for child in element:
            local = etree.QName(child).localname
            if local in ("noAutofit", "normAutofit", "spAutoFit"):
                autofit = {"noAutofit": "none", "normAutofit": "normal",
                           "spAutoFit": "shape"}[local]
    default = Insets()

    def inset(name: str, fallback: float) -> float:
        value = attrs.get(name)
        return fallback if value is None else int(value) / EMU_PER_PT

    insets = Insets(inset("lIns", default.left), inset("tIns", default.top),
                    inset("rIns", default.right), inset("bIns", default.bottom))
    return BodyStyle(insets, attrs.get("anchor", "t"), attrs.get("wrap", "square") != "none",
                     attrs.get("vert", "horz") not in ("horz", ""), autofit)
