"""A template made ready for layout: the layout and placeholders each slide role uses, the
room each leaves, the colours of the deck, and the typefaces text is set and measured in.

Built-in themes and users' templates go through the same function (``design_of``), so a deck
on an exported built-in theme is the deck the theme gives.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from pathlib import Path

from briefing.color import Color, apply_mods, blend, contrast, luminance
from briefing.errors import TemplateError
from briefing.geometry import Box
from briefing.text.fonts import FontFile, load_metrics, measuring_font, resolve_font
from briefing.theme.backdrop import Backdrop
from briefing.theme.links import Ground, LinkColor, link_color, with_link_color
from briefing.theme.roles import (
    anchored,
    choose_roles,
    column_heads,
    columns,
    content_region,
    features,
    layout_backdrop,
)
from briefing.theme.styles import Palette, TextStyle
from briefing.theme.template import FOOTER_KINDS, Layout, Placeholder, Template
from briefing.theme.tokens import Fonts, Theme

MOVED_BY = 1.0  # points a slot may differ from its placeholder before the slide sets its box
# Words of a note on the typeface a template names for Japanese text (``_face_pair``).
JAPANESE_NOTE = "so Japanese text is set in"
TITLE_ANCHOR_SHARE = 0.08  # a title box lower than this share of the slide grows downwards
# Slide kinds and the role whose layout draws them.
ROLE_OF_KIND = {"cover": "title", "closing": "closing", "divider": "section",
                "bullets": "content", "image_text": "content", "sources": "content",
                "comparison": "comparison", "image": "picture", "title_only": "title_only",
                "timeline": "title_only", "figures": "title_only", "quote": "title_only",
                "agenda": "title_only", "bottom_line": "title_only", "notes": "section"}
FALLBACKS = {"content": ("title_only",), "two_content": ("title_only",),
             "comparison": ("two_content", "title_only"), "picture": ("title_only",),
             "section": ("title", "title_only"), "closing": ("title",),
             "title_only": ("content",), "title": ("section",)}


@dataclass(frozen=True)
class Slot:
    """A placeholder the deck fills: its kind and index, the box its text takes, its style."""

    kind: str
    idx: int
    box: Box
    style: TextStyle
    origin: Box  # the placeholder's own box on the layout

    @classmethod
    def of(cls, placeholder: Placeholder, box: Box | None = None) -> Slot:
        """Return a slot for ``placeholder``, in ``box`` when it must move."""
        return cls(placeholder.kind, placeholder.idx, box or placeholder.box,
                   placeholder.style, placeholder.box)

    def moved(self, box: Box) -> bool:
        """Return whether text in ``box`` needs the slide to give the placeholder a new box."""
        return any(abs(a - b) > MOVED_BY for a, b in zip(
            (box.x, box.y, box.w, box.h),
            (self.origin.x, self.origin.y, self.origin.w, self.origin.h), strict=True))


@dataclass(frozen=True)
class Faces:
    """How text of one style (headings or body) is set: the typefaces a reader sees, the
    files they are measured with, and whether the deck must name them on every run."""

    latin: str
    east_asian: str
    latin_file: FontFile
    east_asian_file: FontFile
    write_latin: bool
    write_east_asian: bool
    # Per script (Latin, Japanese), in the report's words: the typeface the template names
    # and what measures it, or what stands in for it and why.
    described: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class RoleLayout:
    """A layout serving one role, with the slots and the free area the deck uses."""

    role: str
    layout: Layout
    title: Slot | None
    bodies: tuple[Slot, ...] = ()
    heads: tuple[Slot, ...] = ()
    picture: Slot | None = None
    subtitle: Slot | None = None
    bylines: tuple[Slot, ...] = ()  # text placeholders under the subtitle, in reading order
    area: Box = field(default_factory=lambda: Box(0, 0, 0, 0))
    footers: dict[str, Slot] = field(default_factory=dict)
    backdrop: Backdrop | None = None

    @property
    def palette(self) -> Palette:
        """Return the colours this layout's text refers to."""
        return self.layout.palette


@dataclass(frozen=True)
class Design:
    """Everything layout needs from a template."""

    template: Template
    theme: Theme
    roles: dict[str, RoleLayout]
    major: Faces
    minor: Faces
    builtin: bool
    notes: tuple[str, ...] = ()
    links: LinkColor | None = None  # a template's link colour, and what the deck uses instead

    @property
    def deck_data(self) -> bytes:
        """Return the package bytes the deck is drawn on: the template's, with its link
        colour replaced where it would not read (``theme.links``; made once per colour)."""
        if self.links is None or self.links.replacement is None:
            return self.template.data
        key = ("links", self.links.replacement.rgb)
        if key not in self.template.memo:
            self.template.memo[key] = with_link_color(self.template.data,
                                                      self.links.replacement.rgb)
        data: bytes = self.template.memo[key]
        return data

    @property
    def width(self) -> float:
        """Return the slide width in points."""
        return self.template.width

    @property
    def height(self) -> float:
        """Return the slide height in points."""
        return self.template.height

    def role(self, name: str) -> RoleLayout:
        """Return the layout serving role ``name`` (or the role standing in for it)."""
        for candidate in (name, *FALLBACKS.get(name, ())):
            if candidate in self.roles:
                return self.roles[candidate]
        return next(iter(self.roles.values()))

    def faces(self, latin: str | None, east_asian: str | None, heading: bool) -> Faces:
        """Return how text whose style names ``latin`` and ``east_asian`` is set: the
        heading (or body) faces where it names none or the same ones, else those it names,
        found as ``_face_pair`` finds them (a cover layout's title in Arial where the other
        titles are in Calibri is measured with Liberation Sans, not Carlito)."""
        base = self.major if heading else self.minor
        named = (latin or base.latin, east_asian or base.east_asian)
        if named == (base.latin, base.east_asian) or self.builtin:
            return base
        return _named_faces(*named, self.theme.fonts)

    def for_kind(self, kind: str, layout_name: str | None = None) -> RoleLayout:
        """Return the layout for a slide of ``kind``, the one named in the outline if any."""
        role = ROLE_OF_KIND.get(kind, "title_only")
        if layout_name:
            layout = self.template.layout_named(layout_name)
            if layout is not None:
                return role_layout(self.template, layout, role)
        return self.role(role)


def design_of(template: Template, theme: Theme, builtin: bool) -> Design:
    """Return the design of ``template`` for decks styled with ``theme``'s sizes and spacing
    (kept on the template, so a rebuild designs once).

    Raises TemplateError when no layout of the template has a title placeholder.
    """
    key = ("design", repr(theme), builtin)
    if key not in template.memo:
        template.memo[key] = _design_of(template, theme, builtin)
    found: Design = template.memo[key]
    return found


def _design_of(template: Template, theme: Theme, builtin: bool) -> Design:
    """Return the design of ``template`` (see ``design_of``)."""
    chosen = choose_roles(template)
    if "title" not in chosen.chosen and "title_only" not in chosen.chosen \
            and "content" not in chosen.chosen:
        names = ", ".join(f"'{layout.name}'" for layout in template.layouts)
        raise TemplateError(f"{template.path}: no layout has a horizontal title placeholder, so "
                            f"no slide could carry its title (layouts: {names}); add a title "
                            "placeholder to a layout in PowerPoint's slide master view")
    roles = {role: role_layout(template, layout, role)
             for role, layout in chosen.chosen.items()}
    content = roles.get("content") or roles.get("title_only") or next(iter(roles.values()))
    major, minor, font_notes = _faces(template, theme, roles)
    body = content.bodies[0].style.level(0) if content.bodies else None
    colors = deck_colors(content.palette, content.backdrop, content.area,
                         body.color if body else None)
    fonts = replace(theme.fonts, latin=minor.latin, east_asian=minor.east_asian,
                    latin_file=minor.latin_file.path, east_asian_file=minor.east_asian_file.path)
    themed = replace(scaled_theme(theme, template.width, body.size if body else None),
                     colors={**theme.colors, **colors}, fonts=fonts)
    design = Design(template, themed, roles, major, minor, builtin)
    if builtin:
        return design
    notes = [*_role_notes(design, chosen.stand_ins), *font_notes, *_literal_notes(roles)]
    return replace(design, notes=tuple(notes), links=link_color(content.palette,
                                                                 _text_grounds(roles)))


def _text_grounds(roles: dict[str, RoleLayout]) -> list[Ground]:
    """Return where the deck sets text on the layouts it uses: each layout's free area, on
    what its master, layout and background draw there."""
    grounds = {}
    for role in roles.values():
        if role.backdrop is not None and role.area.area > 0:
            shown = _dominant(role.backdrop, role.area) or role.palette.slot_rgb("bg1")
            grounds[role.layout.name] = Ground(role.backdrop, role.area, shown)
    return list(grounds.values())


NOTED_ROLES = ("title", "section", "content", "two_content", "picture", "title_only")


def _role_notes(design: Design, stand_ins: tuple[str, ...]) -> list[str]:
    """Return a note for each role no layout was made for, naming the layout used instead."""
    notes = []
    for role in NOTED_ROLES:
        if role in design.roles and role not in stand_ins:
            continue
        used = design.role(role).layout.name
        notes.append(f"the template has no layout made for {role.replace('_', ' ')} slides; "
                     f"using '{used}'")
    return notes


BUILTIN_WIDTH = 960.0  # the width in points the theme's sizes are chosen for


def scaled_theme(theme: Theme, width: float, body_size: float | None) -> Theme:
    """Return ``theme`` with sizes for a slide ``width`` points wide and a template whose
    body text is ``body_size``: smallest sizes scale with the slide, largest ones also come
    down in proportion when the template sets its body text smaller than the theme would."""
    scale = width / BUILTIN_WIDTH
    largest_body = theme.size_range("body")[0] * scale
    ratio = min(1.0, body_size / largest_body) if body_size else 1.0
    sizes = {}
    for name, (large, small) in theme.sizes.items():
        low = round(small * scale * 2) / 2
        sizes[name] = (max(round(large * scale * ratio * 2) / 2, low), low)
    return replace(theme, sizes=sizes, footer_size=round(theme.footer_size * scale * 2) / 2,
                   margin=theme.margin * scale)


def _literal_notes(roles: dict[str, RoleLayout]) -> list[str]:
    """Return a note for each title-like layout that shows text of its own (a name, a
    label), which then appears on the deck's title or closing slide."""
    notes = []
    seen = set()
    for role in ("title", "closing", "section"):
        layout = roles[role].layout if role in roles else None
        if layout is None or layout.index in seen:
            continue
        seen.add(layout.index)
        for text in layout.literal_texts:
            notes.append(f"layout '{layout.name}' shows its own text '{text[:60]}' on every "
                         "slide drawn on it; edit that text in the template if it is not yours")
    return notes


def analysed(template: Template) -> Template:
    """Return ``template`` with every layout judged for every role, and the layouts chosen
    prepared for their roles, into its memo: what a stored template keeps
    (``briefing.diskcache.kept_object``)."""
    for role, layout in choose_roles(template).chosen.items():
        role_layout(template, layout, role)
    return template


def role_layout(template: Template, layout: Layout, role: str) -> RoleLayout:
    """Return ``layout`` prepared for ``role``: its slots, free area and footers (memoised
    on the template)."""
    key = ("role_layout", layout.index, role)
    if key not in template.memo:
        template.memo[key] = _role_layout(template, layout, role)
    found: RoleLayout = template.memo[key]
    return found


def _role_layout(template: Template, layout: Layout, role: str) -> RoleLayout:
    """Return ``layout`` prepared for ``role`` (see ``role_layout``)."""
    found = features(template, layout)
    backdrop = layout_backdrop(template, layout)
    title = _title_slot(template, layout, found.title, found.bodies)
    footers = {p.kind: Slot.of(p) for p in layout.placeholders if p.kind in FOOTER_KINDS}
    region = content_region(template, layout, found.title, ())
    area = backdrop.free_area(region) or region
    result = RoleLayout(role, layout, title, area=area, footers=footers, backdrop=backdrop)
    if role in ("title", "closing", "section"):
        return _title_slots(result, found.subtitle, found.bodies, found.title,
                            anywhere=role == "section")
    if role == "content" and found.bodies:
        return replace(result, bodies=(_body_slot(template, layout, backdrop),))
    if role in ("two_content", "comparison"):
        pair = columns(template, layout)
        if pair is not None:
            boxes = [anchored(template, layout, p.box) for p in pair]
            bodies = tuple(Slot.of(p, backdrop.free_area(box) or box)
                           for p, box in zip(pair, boxes, strict=True))
            heads = column_heads(template, layout) if role == "comparison" else None
            return replace(result, bodies=bodies,
                           heads=tuple(Slot.of(p) for p in heads) if heads else ())
    if role == "picture" and found.pictures:
        picture = max(found.pictures, key=lambda p: p.box.area)
        caption = max(found.bodies, key=lambda p: p.box.area, default=None)
        return replace(result, picture=Slot.of(picture),
                       bodies=(Slot.of(caption),) if caption is not None else ())
    return result


def _title_slot(template: Template, layout: Layout, title: Placeholder | None,
                bodies: tuple[Placeholder, ...]) -> Slot | None:
    """Return the title slot: the layout's title box as it is; grown downwards when it is an
    anchor, but not over a rule or bar under it; narrowed to its free part when a decoration
    (a logo) reaches into it."""
    if title is None:
        return None
    box = title.box
    backdrop = layout_backdrop(template, layout)
    if 0.02 < backdrop.covered(box) < 0.9:
        free = backdrop.free_area(box, padding=4.0)
        if free is not None and free.w >= 0.5 * box.w and free.h >= 0.6 * box.h:
            box = free
    if box.h < TITLE_ANCHOR_SHARE * template.height:
        below = [b.box.y for b in bodies if b.box.y >= box.bottom]
        limit = min(below, default=box.y + 0.2 * template.height) - 4
        rule = _rule_below(backdrop, box, box.y + 0.2 * template.height)
        if rule is not None:  # grown no further than the rule, nor less than the layout's own
            limit = min(limit, max(rule - 4, title.box.bottom))
        box = Box(box.x, box.y, box.w, max(box.h, min(limit, box.y + 0.2 * template.height)
                                           - box.y))
    return Slot.of(title, box)


def _rule_below(backdrop: Backdrop, box: Box, lowest: float) -> float | None:
    """Return the top of the first band under ``box`` (down to ``lowest``, in points) where
    decorations cover more than half its width: a rule or bar the title must not grow over
    (NaoyaMurata60's green rule under its title), or None."""
    y = box.bottom
    while y < lowest:
        if backdrop.covered(Box(box.x, y, box.w, 1.0)) > 0.5:
            return y
        y += 1.0
    return None


def _body_slot(template: Template, layout: Layout, backdrop: Backdrop) -> Slot:
    """Return the main body slot, taking the free part of the content region."""
    found = features(template, layout)
    main = max(found.bodies, key=lambda p: p.box.area)
    region = content_region(template, layout, found.title, found.bodies)
    return Slot.of(main, backdrop.free_area(region) or region)


def _title_slots(result: RoleLayout, subtitle: Placeholder | None,
                 bodies: tuple[Placeholder, ...], title: Placeholder | None,
                 anywhere: bool = False) -> RoleLayout:
    """Return a title-like layout with its subtitle and byline slots in reading order: the
    text placeholders under the title (or, for a section, wherever they are)."""
    ordered = sorted(bodies, key=lambda b: b.box.y)
    if title is not None and not anywhere:
        middle = title.box.y + title.box.h / 2
        ordered = [b for b in ordered if b.box.y >= middle]
    under = ordered
    slots = ([subtitle] if subtitle is not None else []) + [b for b in under if b is not subtitle]
    first = Slot.of(slots[0]) if slots else None
    return replace(result, subtitle=first, bylines=tuple(Slot.of(s) for s in slots[1:]))


# --- colours ----------------------------------------------------------------------------------

def deck_colors(palette: Palette, backdrop: Backdrop | None, area: Box,
                body: Color | None = None) -> dict[str, Color]:
    """Return the deck's colour roles, as references to the template's scheme where they
    can be.

    ``background`` is bg1, or the colour the content area really shows when the template
    paints it otherwise; ``text`` the colour of the template's body text, else tx1; ``muted``
    tx2 where it reads as text on the background (4.5:1, WCAG 2.x), else the text colour;
    ``surface`` (cards) bg2 when it is close to the background, else a tone of it; ``line``
    the text colour three quarters of the way to the background; ``on_accent`` whichever of
    background and text contrasts more with accent1; ``marking`` accent2 where it reads on
    the background, else the text colour.
    """
    background = palette.color("bg1")
    shown = _dominant(backdrop, area)
    if shown is not None and contrast(shown, background.rgb) > 1.25:
        background = Color.of(shown)
    text = palette.color("tx1")
    if body is not None and contrast(body.rgb, background.rgb) >= 4.5:
        text = body
    elif contrast(text.rgb, background.rgb) < 4.5:
        text = palette.color("bg1")
    tx2, bg2 = palette.color("tx2"), palette.color("bg2")
    accent, accent2 = palette.color("accent1"), palette.color("accent2")
    muted = tx2 if contrast(tx2.rgb, background.rgb) >= 4.5 else text
    if contrast(bg2.rgb, background.rgb) < 1.6:
        surface = bg2
    elif background.scheme:
        surface = tone(palette, "bg1", 0.08)
    else:
        surface = Color.of(blend(background.rgb, text.rgb, 0.1))
    line = (tone(palette, "tx1", 0.75) if text.scheme == "tx1" and background.scheme
            else Color.of(blend(text.rgb, background.rgb, 0.75)))
    on_accent = background if contrast(background.rgb, accent.rgb) >= contrast(
        text.rgb, accent.rgb) else text
    marking = accent2 if contrast(accent2.rgb, background.rgb) >= 4.5 else text
    return {"text": text, "background": background, "muted": muted, "accent": accent,
            "accent2": accent2, "surface": surface, "line": line, "on_accent": on_accent,
            "marking": marking}


def _dominant(backdrop: Backdrop | None, area: Box) -> str | None:
    """Return the colour most of ``area`` shows on ``backdrop`` (RRGGBB), if known."""
    if backdrop is None or area.area <= 0:
        return None
    crop = backdrop.image.crop((round(area.x * 0.5), round(area.y * 0.5),
                                round(area.right * 0.5), round(area.bottom * 0.5)))
    colors = crop.resize((max(1, crop.width // 4), max(1, crop.height // 4))).getcolors(4096)
    if not colors:
        return None
    value = max(colors, key=lambda c: c[0])[1]
    channels: tuple[int, ...] = (
        (value,) * 3 if isinstance(value, int) else tuple(value)[:3])  # type: ignore[arg-type]
    return "".join(f"{v:02X}" for v in channels)


def tone(palette: Palette, slot: str, amount: float) -> Color:
    """Return scheme colour ``slot`` moved ``amount`` (0-1) of the way to the background's
    lightness: lighter on light designs, darker on dark ones (``a:lumMod``/``a:lumOff``)."""
    base = palette.slot_rgb(slot)
    towards_light = luminance(palette.slot_rgb("bg1")) >= luminance(palette.slot_rgb("tx1"))
    if slot == "bg1":
        towards_light = not towards_light
    keep = round((1 - amount) * 100_000)
    mods: tuple[tuple[str, int], ...] = (("lumMod", keep), ("lumOff", 100_000 - keep)) \
        if towards_light else (("lumMod", keep),)
    return Color(apply_mods(base, mods), slot, mods)


# --- typefaces --------------------------------------------------------------------------------

JAPANESE_SAMPLE = "あア漢字。"


def _sets_japanese(font: FontFile) -> bool:
    """Return whether ``font`` has glyphs for kana and kanji (an East Asian face may not)."""
    metrics = load_metrics(font)
    return all(metrics.covers(char) for char in JAPANESE_SAMPLE)


def _faces(template: Template, theme: Theme,
           roles: dict[str, RoleLayout]) -> tuple[Faces, Faces, list[str]]:
    """Return the heading and body faces, measured with the template's own typefaces where
    they (or metric-compatible fonts) are installed, else with the theme's fonts."""
    content = roles.get("content") or roles.get("title_only") or next(iter(roles.values()))
    title_style = content.title.style.level(0) if content.title else None
    body_slot = content.bodies[0] if content.bodies else None
    body_style = body_slot.style.level(0) if body_slot else None
    fonts = template.fonts
    notes: list[str] = []
    major = _face_pair(title_style.latin if title_style else fonts.major_latin,
                       title_style.east_asian if title_style else fonts.major_east_asian,
                       theme.fonts, notes, "headings")
    minor = _face_pair(body_style.latin if body_style else fonts.minor_latin,
                       body_style.east_asian if body_style else fonts.minor_east_asian,
                       theme.fonts, notes, "text")
    return major, minor, notes


@functools.lru_cache(maxsize=64)
def _named_faces(latin: str, east_asian: str, fonts: Fonts) -> Faces:
    """Return ``_face_pair`` of two typefaces a style names, its notes aside (kept: a rebuild
    finds them again)."""
    return _face_pair(latin, east_asian, fonts, [], "")


def _face_pair(latin: str | None, east_asian: str | None, fonts: Fonts, notes: list[str],
               what: str) -> Faces:
    """Return how text of one style is set; note which font measured which."""
    fallback_latin = resolve_font(fonts.latin, fonts.latin_file)
    fallback_east = resolve_font(fonts.east_asian, fonts.east_asian_file)
    latin_found = _measuring(latin, fonts.latin, fonts.latin_file, fallback_latin)
    east_found = _measuring(east_asian, fonts.east_asian, fonts.east_asian_file, fallback_east)
    no_japanese = east_found is not None and not _sets_japanese(east_found[0])
    if no_japanese:
        east_found = None
    if latin and latin_found is None:
        notes.append(f"{what}: font '{latin}' is not installed and no metric-compatible font "
                     f"is, so Latin text is set in {fonts.latin}, which measured it")
    elif latin and latin_found is not None and latin_found[1].startswith("measured with"):
        notes.append(f"{what}: '{latin}' {latin_found[1]}")
    if east_asian and east_found is None:
        why = "has no Japanese characters" if no_japanese else "is not installed"
        notes.append(f"{what}: font '{east_asian}' {why}, {JAPANESE_NOTE} "
                     f"{fonts.east_asian}, which measured it")
    described = (_described(latin, latin_found, fonts.latin, "is not installed"),
                 _described(east_asian, east_found, fonts.east_asian,
                            "has no Japanese characters" if no_japanese
                            else "is not installed"))
    latin_file = latin_found[0] if latin_found else fallback_latin
    east_file = east_found[0] if east_found else fallback_east
    return Faces(latin if latin and latin_found else fonts.latin,
                 east_asian if east_asian and east_found else fonts.east_asian,
                 latin_file, east_file, latin_found is None, east_found is None, described)


def _measuring(named: str | None, family: str, file: Path | None,
               given: FontFile) -> tuple[FontFile, str] | None:
    """Return the font that measures the typeface ``named`` and how it was found: the file
    the theme gives (``given``) when ``named`` is the theme's own ``family`` and it gives
    one, even where a font of that name is installed; else ``measuring_font``'s."""
    if not named:
        return None
    if file is not None and named.casefold() == family.casefold():
        return given, "the theme's file"
    return measuring_font(named)


def _described(named: str | None, found: tuple[FontFile, str] | None, stand_in: str,
               why: str) -> str:
    """Return how one script's typeface is set, in the report's words: "'Calibri'
    (measured with Carlito)", "'Meiryo' is not installed, set in Noto Sans JP", "Noto Sans
    JP" when the template names none."""
    if not named:
        return stand_in
    if found is None:
        return f"'{named}' {why}, set in {stand_in}"
    if found[1].startswith("measured with"):
        return f"'{named}' ({found[1]})"
    return f"'{named}'"
