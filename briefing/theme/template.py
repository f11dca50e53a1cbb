"""A template as values: its masters, layouts, placeholders with resolved styles, and what
every layout paints (background and decorations), read once from a cleaned package.

Nothing here depends on a layout's name: layouts are told apart by what they hold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing import diskcache
from briefing.color import Color
from briefing.geometry import Box
from briefing.theme.package import TemplatePackage
from briefing.theme.styles import FontScheme, Palette, TextStyle

FOOTER_KINDS = frozenset({"dt", "ftr", "sldNum", "hdr"})
TITLE_KINDS = frozenset({"title", "ctrTitle"})
BODY_KINDS = frozenset({"body", "obj"})


@dataclass(frozen=True)
class Fill:
    """How an area is painted: one colour, a linear gradient, a picture, or nothing."""

    kind: str  # solid | gradient | picture | none
    colors: tuple[Color, ...] = ()
    stops: tuple[float, ...] = ()  # gradient stop positions, 0-1
    angle: float = 0.0  # gradient direction in degrees, clockwise from left-to-right
    opacity: float = 1.0
    image: bytes | None = None
    # The part of a picture shown (``a:srcRect``, ECMA-376 §20.1.8.55): the shares (0-1) of
    # its width and height cut off at the left, top, right and bottom.
    crop: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)

    @property
    def average(self) -> Color | None:
        """Return the colour the fill averages to, None for pictures and no fill."""
        if self.kind == "solid" or (self.kind == "gradient" and len(self.colors) == 1):
            return self.colors[0]
        if self.kind == "gradient" and self.colors:
            from briefing.color import channels, hex_of

            values = [channels(c.rgb) for c in self.colors]
            return Color.of(hex_of(*(sum(v[i] for v in values) / len(values)
                                     for i in range(3))))
        return None


NO_FILL = Fill("none")


@dataclass(frozen=True)
class Paint:
    """One decoration as drawn: its box, outline geometry, fill, line and transform."""

    box: Box
    geometry: str = "rect"  # a preset geometry name (rect, ellipse, roundRect, line...)
    fill: Fill = NO_FILL
    line: Color | None = None
    line_width: float = 0.0
    rotation: float = 0.0
    flip_h: bool = False
    flip_v: bool = False
    text: str = ""  # the text a decoration shows (a label, a name)
    name: str = ""
    placeholder: str | None = None  # the placeholder kind, for a filled placeholder
    on_master: bool = False  # drawn by the slide master (every layout that shows it)
    # A custom geometry's outline: polygons with points as fractions (0-1) of the box.
    outline: tuple[tuple[tuple[float, float], ...], ...] = ()


@dataclass(frozen=True)
class Placeholder:
    """A layout placeholder: type, index, box (inherited from the master when the layout
    gives none) in points, and its resolved text style and fill."""

    kind: str
    idx: int
    box: Box
    style: TextStyle
    fill: Fill = NO_FILL
    name: str = ""

    @property
    def vertical(self) -> bool:
        """Return whether the placeholder sets text vertically."""
        return self.style.body.vertical


@dataclass(frozen=True)
class Layout:
    """A slide layout: where it is, what it is called, what it holds and what it paints."""

    index: int  # position among all layouts of all masters, in package order
    master: int
    part: str
    name: str
    type: str
    placeholders: tuple[Placeholder, ...]
    background: Fill
    paints: tuple[Paint, ...]  # the visible master's decorations first, then the layout's
    palette: Palette
    fonts: FontScheme
    sample_uses: int = 0
    first_sample: bool = False

    def of_kind(self, *kinds: str) -> list[Placeholder]:
        """Return the placeholders of the given kinds, left to right, top to bottom."""
        found = [p for p in self.placeholders if p.kind in kinds]
        return sorted(found, key=lambda p: (round(p.box.x / 20), p.box.y))

    @property
    def kinds(self) -> set[str]:
        """Return the kinds of placeholders that carry content (not footers)."""
        return {p.kind for p in self.placeholders} - FOOTER_KINDS

    @property
    def vertical(self) -> bool:
        """Return whether the layout sets any text vertically (not for horizontal slides)."""
        return any(p.vertical for p in self.placeholders if p.kind not in FOOTER_KINDS)

    @property
    def title(self) -> Placeholder | None:
        """Return the layout's title placeholder, if any."""
        titles = self.of_kind(*TITLE_KINDS)
        return titles[0] if titles else None

    @property
    def literal_texts(self) -> tuple[str, ...]:
        """Return the texts the layout itself shows outside placeholders (a name, a label)."""
        return tuple(p.text for p in self.paints
                     if p.text and p.placeholder is None and not p.on_master)


@dataclass(frozen=True)
class Master:
    """A slide master: its body placeholder box (the designer's content area) and styles."""

    index: int
    part: str
    body: Box | None
    title: Box | None


@dataclass(frozen=True)
class Template:
    """What a template offers: the cleaned package, slide size, masters and layouts."""

    path: Path
    package: TemplatePackage
    width: float
    height: float
    masters: tuple[Master, ...]
    layouts: tuple[Layout, ...]
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def data(self) -> bytes:
        """Return the cleaned package bytes the deck is drawn on."""
        return self.package.data

    @property
    def slide_count(self) -> int:
        """Return how many sample slides the template had (none reach the deck)."""
        return self.package.sample_slides

    @property
    def palette(self) -> Palette:
        """Return the colours of the first master."""
        return self.layouts[0].palette

    @property
    def fonts(self) -> FontScheme:
        """Return the typefaces of the first master's theme."""
        return self.layouts[0].fonts

    def layout_named(self, name: str) -> Layout | None:
        """Return the layout called ``name`` (case-insensitive, spaces folded), if any."""
        wanted = " ".join(name.split()).casefold()
        for layout in self.layouts:
            if " ".join(layout.name.split()).casefold() == wanted:
                return layout
        return None

    def master_of(self, layout: Layout) -> Master:
        """Return the master ``layout`` belongs to."""
        return self.masters[layout.master]


_READ: dict[tuple[str, diskcache.FileState], Template] = {}
READ_CACHE_SIZE = 8
STORED_TEMPLATES = 16  # analysed templates kept in the user cache folder


def read_template(path: Path) -> Template:
    """Return the template at ``path``; raise TemplateError when it cannot serve as one.

    The package is read within bounds and cleaned first (``briefing.theme.package``), then
    its layouts are judged (``briefing.theme.design.analysed``). A process keeps the last few
    templates it read (by path, size and modification time), so rebuilds and batches read a
    template once; the user cache folder keeps them between runs (by content and path).
    """
    from briefing.theme.design import analysed
    from briefing.theme.package import read_package
    from briefing.theme.reader import read_design

    try:
        key: tuple[str, diskcache.FileState] | None = (str(path.resolve()),
                                                        diskcache.file_state(path.stat()))
    except OSError:
        key = None
    if key is not None and key in _READ:
        return _READ[key]

    def make() -> Template:
        return analysed(read_design(read_package(path)))

    try:
        made_from = f"{diskcache.file_hash(path)}\0{key[0]}".encode() if key else None
    except OSError:  # unreadable: read_package says so
        made_from = None
    if made_from is None:
        return make()
    template = diskcache.kept_object("templates", made_from, make, Template, STORED_TEMPLATES)
    if key is not None:
        if len(_READ) >= READ_CACHE_SIZE:
            _READ.pop(next(iter(_READ)))
        _READ[key] = template
    return template


def read_template_data(data: bytes, path: Path) -> Template:
    """Return the template held in ``data`` (``path`` names it in messages)."""
    from briefing.theme.package import read_package_data
    from briefing.theme.reader import read_design

    return read_design(read_package_data(data, path))
