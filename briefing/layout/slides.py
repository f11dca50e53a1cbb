"""Lay out each planned slide on its layout: fitted text in the template's placeholders,
drawn content in the free area the layout leaves, continuation slides, footers."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from briefing.color import Color
from briefing.geometry import Box
from briefing.kept import Kept
from briefing.labels import continued, label, quoted
from briefing.layout.boxes import Anchor, Page, Paragraph, Picture, Rect, Rule, Shape, TextFrame
from briefing.layout.frames import (
    TITLE_RATIO,
    Entry,
    TextSpec,
    Typesetter,
    entry_items,
    point_entries,
)
from briefing.layout.furniture import add_furniture
from briefing.layout.plan import SlideSpec, agenda_entries
from briefing.layout.readability import make_readable, text_area
from briefing.media import prepare_image
from briefing.outline.dates import spread, time_positions, year_of
from briefing.outline.model import Event, ImageRef, Outline, Section, Source
from briefing.outline.validate import LoadedOutline
from briefing.report import BuildWarning, KeptWarnings, Warnings
from briefing.text.fit import Item, phrase_cut, wrap_text
from briefing.text.markup import (
    Span,
    joined,
    link_spans,
    parse_inline,
    plain_spans,
    slice_spans,
    strip_spans,
    text_of,
)
from briefing.text.wrapping import Cut
from briefing.theme.design import Design, RoleLayout, Slot

MAX_EVENTS = 8
MAX_AGENDA_ROWS = 7


@dataclass(frozen=True)
class Deck:
    """Everything slide layout needs: the outline, where it lives, the typesetter, the design."""

    loaded: LoadedOutline
    ts: Typesetter

    @property
    def outline(self) -> Outline:
        """Return the outline."""
        return self.loaded.outline

    @property
    def design(self) -> Design:
        """Return the template design the deck is drawn on."""
        return self.ts.design

    def color(self, name: str) -> Color:
        """Return the deck colour ``name`` (a reference to the template's scheme)."""
        return self.ts.theme.color(name)

    def role(self, kind: str, layout_name: str | None = None) -> RoleLayout:
        """Return the layout a slide of ``kind`` is drawn on."""
        return self.design.for_kind(kind, layout_name)


def layout_deck(loaded: LoadedOutline, ts: Typesetter, specs: Sequence[SlideSpec]) -> list[Page]:
    """Return every page of the deck, with continuations, footers and readable colours."""
    deck = Deck(loaded, ts)
    pages: list[Page] = []
    for spec in specs:
        pages.extend(_pages(deck, spec))
    furnished = [add_furniture(deck.design, ts, deck.outline, page, number)
                 for number, page in enumerate(pages, start=1)]
    for page in furnished:
        _check_room(deck.design, page)
    return [make_readable(deck.design, page, ts.warnings) for page in furnished]


# Pages laid out by earlier builds of this process (``watch``), with the warnings laying them
# out gave, for the slides whose pages depend on nothing but their spec, the design and the
# language: not the cover, bottom line, agenda and sources (they read the whole outline), nor
# a slide with a picture (its file may change under the same path). A rebuild of the seed after
# a title edit laid out 20 slides again for one changed, 22 ms of a 0.3 s rebuild (measured).
KEPT_PAGES: Kept[tuple[object, ...],
                 tuple[Design, tuple[Page, ...], tuple[BuildWarning, ...]]] = Kept(256)
OUTLINE_WIDE = frozenset({"cover", "bottom_line", "agenda", "sources"})


def _pages(deck: Deck, spec: SlideSpec) -> list[Page]:
    """Return the pages of ``spec``, as an earlier build of this process laid them out when
    it could (see ``KEPT_PAGES``)."""
    layout = LAYOUTS[spec.kind]
    if spec.kind in OUTLINE_WIDE or (spec.section is not None and spec.section.image is not None):
        return layout(deck, spec)
    key = (id(deck.design), deck.ts.lang, repr(spec))
    kept = KEPT_PAGES.get(key)
    if kept is None or kept[0] is not deck.design:
        collected = KeptWarnings()
        pages = layout(Deck(deck.loaded, replace(deck.ts, warnings=collected)), spec)
        kept = (deck.design, tuple(pages), tuple(collected.items))
        KEPT_PAGES.keep(key, kept)
    deck.ts.warnings.extend(kept[2])
    return list(kept[1])


MIN_SIDE = 4.0  # points: a shape smaller than this holds nothing a reader can see


def _check_room(design: Design, page: Page) -> None:
    """Raise TemplateError when a layout left no room for what a page must show."""
    from briefing.errors import TemplateError

    boxes = [s.box for s in (page.title, *page.shapes) if isinstance(s, (TextFrame, Rect,
                                                                          Picture))]
    cramped = [box for box in boxes if box.w < MIN_SIDE or box.h < MIN_SIDE]
    if cramped:
        layout = design.template.layouts[page.layout]
        names = ", ".join(f"'{layout.name}'" for layout in design.template.layouts)
        raise TemplateError(
            f"{design.template.path}: the {page.kind.replace('_', ' ')} slide has no room on "
            f"layout '{layout.name}' (a box of {cramped[0].w:.0f} x {cramped[0].h:.0f} pt); "
            f"the template's layouts are {names}: give one of them a larger free content "
            "area")


# --- shared pieces -----------------------------------------------------------------------------

def title_frame(deck: Deck, role: RoleLayout, text: str, max_lines: int = 2) -> TextFrame:
    """Return a slide title in its layout's title placeholder, as the template styles it
    (shrinking it is reported)."""
    return _title(deck.ts, role, text, max_lines)


def _title(ts: Typesetter, role: RoleLayout, text: str, max_lines: int) -> TextFrame:
    """Return a title as ``title_frame`` does, reported through ``ts``."""
    slot = role.title
    if slot is None:
        height = ts.design.height
        box = Box(role.area.x, 0.05 * height, role.area.w, 0.15 * height)
        spec = ts.drawn("title", ts.theme.color("accent"), anchor="b", heading=True)
        return ts.heading(text, box, spec, max_lines=max_lines, frame_role="title",
                          name="Title")
    spec = ts.in_slot(slot, "title", heading=True)
    box = slot.box
    if role.role in ("title", "closing"):
        box = _cover_title_box(ts, role, text, spec, max_lines)
    return ts.heading(text, box, spec, max_lines=max_lines, frame_role="title",
                      name="Title")


COVER_GAP = 12.0  # points kept between a cover title grown downwards and the text under it


def _cover_title_box(ts: Typesetter, role: RoleLayout, text: str, spec: TextSpec,
                     max_lines: int) -> Box:
    """Return the box a cover's title is set in: its placeholder's, or, when the title would
    be set there below the theme's smallest title size, the placeholder grown down over the
    free space under it, to COVER_GAP above the subtitle or byline below (never over a
    decoration), where it is set larger.

    A cover title box made for one line of the template's own title (ceplan's: 36 pt over
    a third of the slide's height left empty) set a long outline title at 20 pt under a
    larger subtitle.
    """
    assert role.title is not None
    box = role.title.box
    quiet = replace(ts, warnings=Warnings())
    size = quiet.heading(text, box, spec, max_lines=max_lines).paragraphs[0].size
    if size >= spec.sizes[1]:
        return box
    tops = [s.box.y for s in (role.subtitle, *role.bylines)
            if s is not None and s.box.y >= box.bottom]
    bottom = min(tops, default=role.area.bottom) - COVER_GAP
    grown = Box(box.x, box.y, box.w, bottom - box.y)
    extra = Box(box.x, box.bottom, box.w, bottom - box.bottom)
    if extra.h <= 0 or (role.backdrop is not None and role.backdrop.covered(extra) > 0.02):
        return box
    larger = quiet.heading(text, grown, spec, max_lines=max_lines).paragraphs[0].size
    return grown if larger > size else box


def body_cap(deck: Deck, role: RoleLayout, titles: Sequence[str]) -> float:
    """Return the largest body size in points a slide titled by any of ``titles`` may use:
    the title's size over ``TITLE_RATIO``, whole points, but never below the readable
    minimum (a title shrunk far for its length leaves the body readable rather than
    proportionate).

    The titles are candidates (a section's own and its continued form), not slides: their
    sizes are measured without a report; the titles placed on slides report themselves.
    """
    quiet = replace(deck.ts, warnings=Warnings())
    size = min(_title(quiet, role, title, 2).paragraphs[0].size for title in titles)
    return max(math.floor(size / TITLE_RATIO + 1e-9), deck.ts.readable_size)


def under(title: TextFrame) -> float:
    """Return the largest size text under ``title`` may take: its size over ``TITLE_RATIO``
    in whole points (a cover's subtitle, a divider's part number)."""
    return float(math.floor(title.paragraphs[0].size / TITLE_RATIO + 1e-9))


def section_titles(deck: Deck, title: str, continues: bool = False) -> list[str]:
    """Return the titles a section's slides may show: its own and its continued form."""
    later = continued(deck.ts.lang, title)
    return [later] if continues else [title, later]


def row_headings(deck: Deck, texts: Sequence[str], boxes: Sequence[Box],
                 specs: Sequence[TextSpec], max_lines: int, name: str,
                 what: str, below: float | None = None) -> list[TextFrame]:
    """Return ``texts`` as headings in ``boxes`` that share one size: the largest at which
    every one of them fits (a row of cards, column heads, dates reads as one); a text that
    would be cut at the box edge inside a word or number is set smaller instead, down to
    ``below`` points (``Typesetter.heading_size``).

    One warning names the row when it is set below the spec's largest size.
    """
    found = [deck.ts.heading_size(text, box, spec, max_lines, below)
             for text, box, spec in zip(texts, boxes, specs, strict=True)]
    size = min((f if f is not None else spec.sizes[1] for f, spec in zip(found, specs,
                                                                        strict=True)),
               default=0.0)
    frames: list[TextFrame] = []
    for _ in range(3):  # a text that fits at a size may not at a smaller one (rare)
        frames = [deck.ts.heading(text, box, replace(spec, sizes=(size, min(spec.sizes[1],
                                                                             size))),
                                  max_lines=max_lines, name=name)
                  for text, box, spec in zip(texts, boxes, specs, strict=True)]
        smallest = min((f.paragraphs[0].size for f in frames), default=size)
        if smallest >= size:
            break
        size = smallest
    large = max((spec.sizes[0] for spec in specs), default=size)
    if frames and size < large:  # down to ``below`` is allowed: no must-fix above it
        smallest = min(spec.sizes[1] for spec in specs)
        deck.ts.warnings.shrunk(what, large, size,
                                smallest if below is None else min(smallest, below))
    return frames


def content_page(deck: Deck, kind: str, title: str, shapes: Sequence[Shape],
                 notes: str | None, layout_name: str | None = None,
                 role: RoleLayout | None = None) -> Page:
    """Return a page of ``kind`` titled ``title`` on its layout."""
    role = role or deck.role(kind, layout_name)
    return Page(kind, title_frame(deck, role, title), tuple(shapes), notes,
                role.layout.index)


def titled_pages(deck: Deck, kind: str, title: str, groups: Sequence[Sequence[Shape]],
                 notes: str | None, layout_name: str | None = None,
                 role: RoleLayout | None = None, continues: bool = False) -> list[Page]:
    """Return one page per group of shapes, later ones titled as continuations (the first
    too when it ``continues`` earlier slides of its section)."""
    lang = deck.ts.lang
    return [content_page(deck, kind, continued(lang, title) if index or continues else title,
                         shapes, notes, layout_name, role)
            for index, shapes in enumerate(groups)]


def slide_title(deck: Deck, spec: SlideSpec) -> str:
    """Return the title a section slide shows: the section's, marked when it continues."""
    return continued(deck.ts.lang, spec.title) if spec.continues else spec.title


def body_spec(deck: Deck, role: RoleLayout, index: int = 0,
              bullets: bool = True) -> tuple[TextSpec, Box]:
    """Return how body text is set on ``role`` and where it goes: the layout's body
    placeholder when it has one, else a text box in the free area."""
    if len(role.bodies) > index:
        slot = role.bodies[index]
        return deck.ts.in_slot(slot, "body"), slot.box
    spec = deck.ts.drawn("body", deck.color("text"), sub_color=deck.color("muted"),
                         bullets=bullets)
    return spec, role.area


def fitted_picture(image: ImageRef, deck: Deck, area: Box,
                   slot: tuple[str, int] | None = None) -> Picture:
    """Return the image fitted inside ``area`` keeping its aspect ratio, centred."""
    prepared = prepare_image(deck.loaded.resolve(image.path))
    scale = min(area.w / prepared.width, area.h / prepared.height)
    w, h = prepared.width * scale, prepared.height * scale
    box = Box(area.x + (area.w - w) / 2, area.y + (area.h - h) / 2, w, h)
    alt = image.alt or image.caption or ""
    return Picture(box, prepared.data, prepared.mime, alt, "Picture", slot)


def image_with_caption(deck: Deck, image: ImageRef, area: Box,
                       caption_slot: Slot | None = None,
                       picture_slot: Slot | None = None) -> list[Shape]:
    """Return a picture and its caption and credit: in the layout's picture and caption
    placeholders when given, else together inside ``area``."""
    credit = label(deck.ts.lang, "credit", credit=image.credit) if image.credit else None
    items = [Item(text, 0, False) for text in (image.caption, credit) if text]
    if picture_slot is not None:
        picture = fitted_picture(image, deck, picture_slot.box,
                                 (picture_slot.kind, picture_slot.idx))
        shapes: list[Shape] = [picture]
        if items and caption_slot is not None:
            spec = deck.ts.in_slot(caption_slot, "caption")
            frame = deck.ts.body(items, caption_slot.box, spec, name="Caption")
            if frame is not None:
                shapes.append(frame)
        return shapes
    spec = deck.ts.drawn("caption", deck.color("muted"))
    caption_h = 0.0
    if items:
        caption_h = min(64.0, area.h * 0.3)
        size = deck.ts.best_size(items, Box(0, 0, area.w, caption_h), spec) or spec.sizes[1]
        caption_h = deck.ts.height_of(items, area.w, size, spec) + 4
    picture = fitted_picture(image, deck, Box(area.x, area.y, area.w, area.h - caption_h - 8))
    shapes = [picture]
    if items:
        caption_box = Box(picture.box.x, picture.box.bottom + 8, max(picture.box.w, 240.0),
                          caption_h)
        caption_box = replace(caption_box, w=min(caption_box.w, area.right - caption_box.x))
        caption = deck.ts.body(items, caption_box, spec, name="Caption")
        if caption is not None:
            shapes.append(caption)
    return shapes


def split_long_points(deck: Deck, entries: Sequence[Entry], box: Box, spec: TextSpec,
                      what: str) -> list[Entry]:
    """Return ``entries`` with any point too long for one box cut into several at line ends
    (its sub-points go with the last piece); the warning names ``what`` (the section), which
    gives it the section's place in the outline."""
    size = spec.sizes[1]
    area = spec.text_area(box)
    per_box = max(1, int(area.h * 0.9 / (spec.pitch * size)) - 1)
    margin = spec.levels[0].margin + spec.levels[0].margin_em * size
    result: list[Entry] = []
    for head, *subs in entries:
        lines = wrap_text(spec.measurer, head.text, size, area.w - margin)
        if len(lines) <= per_box:
            result.append((head, *subs))
            continue
        deck.ts.warnings.warn(f"a {len(head.text)}-character point of '{what}' was split "
                              "across slides", "continued", what=what)
        pieces = [replace(head, text=text_of(spans), spans=spans)
                  for spans in _cut_at_lines(head.styled, lines, per_box)]
        result.extend((piece,) for piece in pieces[:-1])
        result.append((pieces[-1], *subs))
    return result


def _cut_at_lines(spans: tuple[Span, ...], lines: Sequence[str],
                  per_chunk: int) -> list[tuple[Span, ...]]:
    """Return ``spans`` cut where every ``per_chunk``-th predicted line starts.

    The cuts are made in the original text, so nothing is added or lost at them, and each
    piece keeps its styles.
    """
    text = text_of(spans)
    starts = []
    position = 0
    for line in lines:
        found = text.find(line, position)
        position = found if found >= 0 else position
        starts.append(position)
        position += len(line)
    bounds = [starts[i] for i in range(0, len(lines), per_chunk)][1:]
    pieces = [strip_spans(slice_spans(spans, a, b))
              for a, b in itertools.pairwise([0, *bounds, len(text)])]
    return [piece for piece in pieces if piece]


def partition(weights: Sequence[float], parts: int) -> list[range]:
    """Return ``parts`` consecutive index ranges whose weights are as even as possible."""
    total = sum(weights)
    ranges: list[range] = []
    start, acc = 0, 0.0
    for index, weight in enumerate(weights):
        acc += weight
        remaining_parts = parts - len(ranges) - 1
        remaining_items = len(weights) - index - 1
        if remaining_parts and (acc >= total * (len(ranges) + 1) / parts
                                or remaining_items < remaining_parts + 1):
            ranges.append(range(start, index + 1))
            start = index + 1
    ranges.append(range(start, len(weights)))
    return [r for r in ranges if len(r)]


def paginate_points(deck: Deck, entries: Sequence[Entry], box: Box, spec: TextSpec,
                    what: str) -> list[list[Entry]]:
    """Return the points (as entries) grouped so each group fits ``box`` at a readable size.

    Text continues on another slide before it would shrink below the readable minimum
    (``Typesetter.readable``); the fewest slides that hold it are used, the points shared
    between them as evenly as their lengths allow, at paragraph boundaries. A point too long
    for one slide even alone is cut at line ends (``split_long_points``).
    """
    readable = deck.ts.readable(spec)
    entries = split_long_points(deck, entries, box, readable, what)
    weights = [spec.measurer.em_width("".join(item.text for item in entry)) + 8
               for entry in entries]
    for parts in range(1, len(entries) + 1):
        groups = [[entries[i] for i in r] for r in partition(weights, parts)]
        if all(deck.ts.best_size(entry_items(g), box, readable) for g in groups):
            if parts > 1:
                deck.ts.warnings.warn(f"'{what}' continues on {parts} slides", "continued",
                                      what=what)
            return groups
    return [[entry] for entry in entries]


def bullet_groups(deck: Deck, entries: Sequence[Entry], box: Box, spec: TextSpec, what: str,
                  name: str = "Text") -> list[TextFrame]:
    """Return one body frame per slide for the points ``entries``, all at one common size
    (the largest at which every slide's share fits, not below the readable minimum unless
    a single point cannot fit even alone)."""
    groups = paginate_points(deck, entries, box, spec, what)
    readable = deck.ts.readable(spec)
    sizes = [deck.ts.best_size(entry_items(g), box, readable)
             or deck.ts.best_size(entry_items(g), box, spec) for g in groups]
    size = min((s for s in sizes if s), default=spec.sizes[1])
    if size < spec.sizes[0] - 6:
        deck.ts.warnings.shrunk(f"body text of '{what}'", spec.sizes[0], size, spec.sizes[1])
    return [deck.ts.body_at(entry_items(g), box, size, spec, name) for g in groups]


# --- slide kinds -------------------------------------------------------------------------------

def cover(deck: Deck, spec: SlideSpec) -> list[Page]:
    """Return the title slide: title, subtitle, presenter, organization and date."""
    outline = deck.outline
    role = deck.role("cover")
    title = title_frame(deck, role, outline.title, max_lines=3)
    shapes: list[Shape] = []
    byline = [t for t in (outline.author, outline.organization,
                          outline.date_text) if t]
    slots = role.bylines
    if outline.subtitle and role.subtitle is not None:
        spec_ = deck.ts.capped(deck.ts.in_slot(role.subtitle, "subtitle"), under(title))
        shapes.append(deck.ts.heading(outline.subtitle, role.subtitle.box, spec_, max_lines=2,
                                      frame_role="subtitle", name="Subtitle"))
    elif role.subtitle is not None:
        slots = (role.subtitle, *slots)
    if outline.subtitle and role.subtitle is None:
        byline.insert(0, outline.subtitle)
    if byline:
        shapes.extend(_byline(deck, role, byline, slots, shapes, under(title)))
    return [Page("cover", title, tuple(shapes), None, role.layout.index)]


def _byline(deck: Deck, role: RoleLayout, lines: list[str], slots: Sequence[Slot],
            placed: list[Shape], cap: float = 1000.0) -> list[Shape]:
    """Return the presenter, organization and date: a line in each of the layout's byline
    placeholders when it has one for each (the lines are a row: one size for all, the
    largest at which every one fits), all in its first when they fit there, else drawn in
    the free space under what the title slide already holds; no larger than ``cap``
    points."""
    items = [Item(text, 0, False) for text in lines]
    if len(slots) >= len(lines) > 1:
        used = slots[:len(lines)]
        return list(row_headings(
            deck, lines, [slot.box for slot in used],
            [deck.ts.capped(deck.ts.in_slot(slot, "caption"), cap) for slot in used], 2,
            "Byline", "byline"))
    if slots:
        frame = deck.ts.body(items, slots[0].box,
                             deck.ts.capped(deck.ts.in_slot(slots[0], "caption"), cap),
                             name="Byline")
        if frame is not None:
            return [frame]
    # Drawn as the title is aligned (a centred title slide gets a centred byline).
    align = role.title.style.level(0).align if role.title else "l"
    spec = deck.ts.drawn("caption", deck.color("muted"),
                         align="ctr" if align == "ctr" else "r" if align == "r" else "l")
    bottom = max([text_area(s).bottom for s in placed if isinstance(s, TextFrame)]
                 + [role.title.box.bottom if role.title else 0.0])
    height = deck.design.height
    region = Box(role.area.x, bottom + 8, role.area.w, height * 0.93 - bottom - 8)
    area = role.backdrop.free_area(region) if role.backdrop else region
    frame = deck.ts.body(items, area or region, spec, name="Byline")
    if frame is None:
        deck.ts.warnings.warn("title slide: no room for the presenter, organization and date",
                              "overflow", what="byline")
        return []
    return [frame]


def bottom_line(deck: Deck, spec: SlideSpec) -> list[Page]:
    """Return the bottom-line slide: each takeaway in its own row with an accent bar."""
    summary = deck.outline.summary
    role = deck.role("bottom_line")
    area = role.area
    gap = 14.0
    row_h = min(86.0, (area.h - gap * (len(summary) - 1)) / len(summary))
    boxes = [Box(area.x + 22, area.y + i * (row_h + gap), area.w - 22, row_h)
             for i in range(len(summary))]
    items = [[Item.marked(text, 0, False)] for text in summary]
    text_spec = deck.ts.drawn("body", deck.color("text"))
    text_spec = deck.ts.capped(text_spec, body_cap(deck, role,
                                                   [label(deck.ts.lang, "bottom_line")]))
    size = min((deck.ts.best_size(i, b, text_spec) or text_spec.sizes[1])
               for i, b in zip(items, boxes, strict=True))
    shapes: list[Shape] = []
    for box, item in zip(boxes, items, strict=True):
        frame = deck.ts.body_at(item, box, size, text_spec, name="Takeaway")
        height = deck.ts.height_of(item, box.w, size, text_spec)
        shapes.append(Rect(Box(area.x, box.y + 2, 6, max(height - 4, 12)), deck.color("accent"),
                           name="Bar"))
        shapes.append(frame)
    return [content_page(deck, "bottom_line", label(deck.ts.lang, "bottom_line"), shapes, None,
                         role=role)]


def agenda(deck: Deck, spec: SlideSpec) -> list[Page]:
    """Return the agenda: numbered parts with their sections, or numbered sections.

    A long agenda continues on further slides, numbering on.
    """
    entries = agenda_entries(deck.outline)
    with_sections = any(sections for _, sections in entries)
    per_page = 4 if with_sections else 2 * MAX_AGENDA_ROWS
    role = deck.role("agenda")
    groups = []
    for first in range(0, len(entries), per_page):
        chunk = entries[first:first + per_page]
        groups.append(_agenda_page(deck, role.area, chunk, first, with_sections))
    if len(groups) > 1:
        deck.ts.warnings.warn(f"the agenda continues on {len(groups)} slides", "continued",
                              what="agenda")
    return titled_pages(deck, "agenda", label(deck.ts.lang, "agenda"), groups, None, role=role)


def _agenda_page(deck: Deck, area: Box, entries: Sequence[tuple[str, list[str]]], first: int,
                 with_sections: bool) -> list[Shape]:
    """Return the shapes of one agenda slide, entries numbered from ``first + 1``."""
    limit = 4 if with_sections else MAX_AGENDA_ROWS
    columns = 1 if len(entries) <= limit // 2 or (not with_sections and len(entries) <= limit) \
        else 2
    rows = -(-len(entries) // columns)
    col_w = (area.w - 40 * (columns - 1)) / columns
    row_h = area.h / rows if with_sections else min(52.0, area.h / rows)
    shapes: list[Shape] = []
    cells = []
    for index in range(len(entries)):
        col, row = divmod(index, rows)
        cells.append(Box(area.x + col * (col_w + 40), area.y + row * row_h, col_w, row_h))
    # The entries of a page share one size, as a row does.
    head_h = 44.0 if with_sections else min(cell.h for cell in cells) - 8
    diameter = min(30.0, head_h - 10)
    entry_spec = deck.ts.drawn("subtitle", deck.color("text"), anchor="ctr")
    heads = row_headings(deck, [entry for entry, _ in entries],
                         [Box(cell.x + diameter + 14, cell.y, cell.w - diameter - 14, head_h)
                          for cell in cells], [entry_spec] * len(cells), 2, "Entry",
                         "agenda entries")
    cap = _sections_size(deck, [sections for _, sections in entries], cells, head_h, diameter)
    for index, ((_, sections), cell, head) in enumerate(zip(entries, cells, heads,
                                                              strict=True)):
        shapes.extend(_agenda_entry(deck, first + index + 1, head, sections, cell,
                                    with_sections, cap))
    return shapes


def _sections_size(deck: Deck, lists: Sequence[Sequence[str]], cells: Sequence[Box],
                   head_h: float, diameter: float) -> float:
    """Return the one size the agenda's lists of sections share: the largest at which every
    list fits under its entry whole (a list that fits at no size is shortened later)."""
    spec = deck.ts.drawn("caption", deck.color("muted"))
    sizes = [deck.ts.best_size([Item(title, 0, False) for title in sections],
                               Box(cell.x + diameter + 14, cell.y + head_h + 2,
                                   cell.w - diameter - 14, cell.h - head_h - 16), spec)
             for sections, cell in zip(lists, cells, strict=True) if sections]
    size = min((size for size in sizes if size is not None), default=spec.sizes[0])
    if size < spec.sizes[0]:
        deck.ts.warnings.shrunk("agenda section lists", spec.sizes[0], size, spec.sizes[1])
    return size


def _agenda_entry(deck: Deck, number: int, head: TextFrame, sections: Sequence[str],
                  cell: Box, with_sections: bool, cap: float = 1000.0) -> list[Shape]:
    """Return a numbered agenda entry (its ``head`` set already), with its sections listed
    under it when given, at most ``cap`` points."""
    entry = head.paragraphs[0].text
    head_h = head.box.h
    diameter = min(30.0, head_h - 10)
    circle = Box(cell.x, cell.y + (head_h - diameter) / 2, diameter, diameter)
    number_spec = deck.ts.drawn("caption", deck.color("on_accent"), align="ctr", anchor="ctr")
    shapes: list[Shape] = [
        Rect(circle, deck.color("accent"), shape="ellipse", name="Number"),
        deck.ts.heading(str(number), circle.inset(2), number_spec, max_lines=1,
                        name="Number text"),
        head]
    if with_sections and sections:
        box = Box(cell.x + diameter + 14, cell.y + head_h + 2, cell.w - diameter - 14,
                  cell.h - head_h - 16)
        spec = deck.ts.capped(deck.ts.drawn("caption", deck.color("muted")), cap)
        items = [Item(title, 0, False) for title in sections]
        frame = deck.ts.body(items, box, spec, name="Sections")
        while frame is None and len(items) > 1:
            kept = items[:-2] if items[-1].text == "…" else items[:-1]
            items = [*kept, Item("…", 0, False)] if kept else items[:1]
            frame = deck.ts.body(items, box, spec, name="Sections")
        if frame is None:
            deck.ts.warnings.warn(f"agenda: no room to list the sections of '{entry}'",
                                  what=entry)
        else:
            if items[-1].text == "…":
                deck.ts.warnings.warn(f"agenda: only the first sections of '{entry}' are "
                                      "listed; there is no room for the rest", what=entry)
            shapes.append(frame)
    return shapes


def divider(deck: Deck, spec: SlideSpec) -> list[Page]:
    """Return a part divider: the part title in the section layout's title, its number in
    the layout's text placeholder (drawn above the title when it has none)."""
    role = deck.role("divider")
    title = title_frame(deck, role, spec.title, max_lines=2)
    number = label(deck.ts.lang, "part", n=spec.part_number)
    slot = role.subtitle or (role.bodies[0] if role.bodies else None)
    if slot is not None:
        text_spec = deck.ts.capped(deck.ts.in_slot(slot, "subtitle"), under(title))
        frame = deck.ts.heading(number, slot.box, text_spec, max_lines=1, name="Part number")
    else:
        height = 0.08 * deck.design.height
        below = title.box.bottom + 8
        top = below if below + height <= 0.9 * deck.design.height else max(
            title.box.y - height - 8, 0.0)
        text_spec = deck.ts.drawn("subtitle", title.paragraphs[0].color or deck.color("text"))
        frame = deck.ts.heading(number, Box(title.box.x, top, title.box.w * 0.6, height),
                                text_spec, max_lines=1, name="Part number")
    return [Page("divider", title, (frame,), None, role.layout.index)]


def bullets(deck: Deck, spec: SlideSpec) -> list[Page]:
    """Return bullet slides (with the image beside the text when the section has one)."""
    section = _section(spec)
    kind = "bullets" if section.image is None else "image_text"
    role = deck.role(kind, section.layout)
    text_spec, box = body_spec(deck, role)
    titles = section_titles(deck, section.title, spec.continues)
    text_spec = deck.ts.capped(text_spec, body_cap(deck, role, titles))
    if section.image is None:
        frames = bullet_groups(deck, point_entries(section.points), box, text_spec,
                               section.title)
        return titled_pages(deck, kind, section.title, [[f] for f in frames], section.notes,
                            section.layout, role, spec.continues)
    text_box = Box(box.x, box.y, box.w * 0.52, box.h)
    frames = bullet_groups(deck, point_entries(section.points), text_box, text_spec,
                           section.title)
    image_area = Box(box.x + text_box.w + 28, box.y, box.w - text_box.w - 28, box.h)
    picture = image_with_caption(deck, section.image, image_area)
    groups = [[f, *picture] if i == 0 else [f] for i, f in enumerate(frames)]
    return titled_pages(deck, kind, section.title, groups, section.notes, section.layout, role,
                        spec.continues)


def image(deck: Deck, spec: SlideSpec) -> list[Page]:
    """Return an image slide: in the layout's picture placeholder when the template has a
    picture layout, else as large as the free area allows, with its caption."""
    section = _section(spec)
    assert section.image is not None
    role = deck.role("image", section.layout)
    caption = role.bodies[0] if role.picture is not None and role.bodies else None
    shapes = image_with_caption(deck, section.image, role.area, caption, role.picture)
    return [content_page(deck, "image", slide_title(deck, spec), shapes, section.notes,
                         role=role)]


def timeline(deck: Deck, spec: SlideSpec) -> list[Page]:
    """Return timeline slides: a horizontal line with dated events alternating above and
    below it; with ``scale: time`` the events sit in the order of their dates, spaced by
    them."""
    section = _section(spec)
    role = deck.role("timeline", section.layout)
    events = list(section.events)
    by_time = section.scale == "time"
    if by_time:
        events.sort(key=lambda event: year_of(event.date) or 0.0)
    chunks = [events[i:i + MAX_EVENTS] for i in range(0, len(events), MAX_EVENTS)]
    groups = [_timeline_shapes(deck, role.area, chunk, by_time) for chunk in chunks]
    if len(groups) > 1:
        deck.ts.warnings.warn(f"'{section.title}' continues on {len(groups)} slides",
                              "continued", what=section.title)
    return titled_pages(deck, "timeline", section.title, groups, section.notes, role=role,
                        continues=spec.continues)


EVENT_GAP = 16.0  # points between the texts of two events on one side of the axis


def event_places(count: int, width: float, dates: Sequence[str] | None = None,
                 ) -> tuple[list[float], float]:
    """Return where ``count`` events' centres sit along an axis ``width`` points long (from
    its left end), and the width of each event's text.

    Events alternate above and below the axis, so texts on one side are every second event
    and may be nearly twice the distance between neighbours wide (at most 250 pt). Spaced
    evenly, or by ``dates`` (``time_positions``), each side's texts moved apart just enough
    (``spread``) that they never overlap: a text width and a gap apart. The two sides move
    apart alone: a text below is not pushed off its date by the texts above (two events of
    one year beside a third would put the middle one's text under the first one's dot).
    """
    if count == 1:
        return [width / 2], min(250.0, width)
    text_w = min(250.0, (2 * width - EVENT_GAP * (count - 1)) / (count + 1))
    run = width - text_w
    positions = time_positions(list(dates)) if dates else None
    if positions is None:
        fractions = [index / (count - 1) for index in range(count)]
    else:
        fractions = list(positions)
        for side in (0, 1):
            fractions[side::2] = spread(positions[side::2], (text_w + EVENT_GAP) / run)
    return [text_w / 2 + fraction * run for fraction in fractions], text_w


DOT_APART = 20.0  # points between the centres of two timeline dots (16 pt wide) at least


def dot_places(count: int, width: float, dates: Sequence[str] | None) -> list[float] | None:
    """Return where ``count`` events' dots sit along an axis ``width`` points long when
    placed by ``dates``: at their dates on the run the labels' centres take (``event_places``),
    so a label that did not have to move is centred on its dot. None without dates (the
    dots are the labels' centres)."""
    positions = time_positions(list(dates)) if dates and count > 1 else None
    if positions is None:
        return None
    _, text_w = event_places(count, width)
    run = width - text_w
    apart = spread(positions, DOT_APART / run)  # dots of days in a row would overlap
    return [text_w / 2 + position * run for position in apart]


def _timeline_shapes(deck: Deck, area: Box, events: Sequence[Event],
                     by_time: bool = False) -> list[Shape]:
    """Return the line, dots, dates and texts of one timeline slide: dates of one size,
    event texts of one size (titles one size, details another)."""
    axis_y = area.y + area.h / 2
    dates = [e.date for e in events] if by_time else None
    centres, text_w = event_places(len(events), area.w, dates)
    dots = dot_places(len(events), area.w, dates) or centres
    shapes: list[Shape] = [Rule(area.x, axis_y, area.right, axis_y, deck.color("line"), 3.0,
                                "Axis")]
    date_boxes: list[Box] = []
    text_boxes: list[Box] = []
    anchors: list[Anchor] = []
    for index, (centre, dot) in enumerate(zip(centres, dots, strict=True)):
        cx = area.x + centre
        above = index % 2 == 0 and len(events) > 1
        date_box, text_box = _event_boxes(area, cx - text_w / 2, text_w, axis_y, above)
        if abs(dot - centre) > 0.5:  # the label moved off its date: a leader joins them
            edge = date_box.bottom if above else date_box.y
            shapes.append(Rule(area.x + dot, axis_y, cx, edge, deck.color("muted"), 1.5,
                               "Leader"))
        shapes.append(Rect(Box(area.x + dot - 8, axis_y - 8, 16, 16), deck.color("accent"),
                           deck.color("background"), 2.0, "ellipse", "Dot"))
        date_boxes.append(date_box)
        text_boxes.append(text_box)
        anchors.append("b" if above else "t")
    specs = [deck.ts.drawn("subtitle", deck.color("accent"), align="ctr",
                           anchor=anchor)
             for anchor in anchors]
    shapes.extend(row_headings(deck, [e.date for e in events], date_boxes, specs, 1, "Date",
                               "timeline dates"))
    shapes.extend(_event_texts(deck, events, text_boxes, anchors))
    return shapes


def _event_boxes(area: Box, x: float, width: float, axis_y: float,
                 above: bool) -> tuple[Box, Box]:
    """Return an event's date box next to the axis and its text box beyond the date."""
    date_h, gap = 30.0, 14.0
    if above:
        date_box = Box(x, axis_y - gap - date_h, width, date_h)
        return date_box, Box(x, area.y, width, date_box.y - 6 - area.y)
    date_box = Box(x, axis_y + gap, width, date_h)
    return date_box, Box(x, date_box.bottom + 6, width, area.bottom - date_box.bottom - 6)


def _event_texts(deck: Deck, events: Sequence[Event], boxes: Sequence[Box],
                 anchors: Sequence[Anchor]) -> list[TextFrame]:
    """Return each event's title and text fitted into its box, centred, all at the largest
    size at which every event fits; broken between phrases by layout (a renderer would cut
    カーボンニュートラル宣言 anywhere in a box this narrow)."""
    items = [[Item(event.title, 0, False)] + ([Item(event.text, 1, False)] if event.text
                                              else []) for event in events]
    specs = [replace(deck.ts.drawn("caption", deck.color("text"), align="ctr",
                                   anchor=anchor, sub_color=deck.color("muted")), phrases=True)
             for anchor in anchors]
    found = [_event_size(deck, event, i, box, spec)
             for event, i, box, spec in zip(events, items, boxes, specs, strict=True)]
    size = min((f or specs[0].sizes[1] for f in found), default=specs[0].sizes[1])
    for event, fits in zip(events, found, strict=True):
        if fits is None:
            deck.ts.warnings.warn(f"timeline event '{event.date}' text is too long; shorten it",
                                  "overflow", what=event.date)
    return [deck.ts.body_at(i, box, size, spec, "Event")
            for i, box, spec in zip(items, boxes, specs, strict=True)]


def _event_size(deck: Deck, event: Event, items: Sequence[Item], box: Box,
                spec: TextSpec) -> float | None:
    """Return the largest size (the caption role's, up to 4 pt larger) at which an event's
    title and text fit ``box``, the title's phrases whole and its text broken at worst
    between the typeset units of a long phrase (never at the box edge), or None."""
    large, small = spec.sizes[0] + 4, spec.sizes[1]
    measurer, lang = spec.measurer, deck.ts.lang
    sub = spec.levels[min(1, len(spec.levels) - 1)].scale
    size = large
    while size >= small:
        if (deck.ts.height_of(items, box.w, size, spec) <= box.h * 0.98
                and phrase_cut(measurer, event.title, size, box.w, lang) == Cut.WHOLE
                and (not event.text or phrase_cut(measurer, event.text, round(size * sub, 1),
                                                  box.w, lang) <= Cut.INSIDE)):
            return size
        size -= 1
    return None


def comparison(deck: Deck, spec: SlideSpec) -> list[Page]:
    """Return a two-column comparison: each column's heading and bullets, in the layout's
    column placeholders when it has them, else drawn as a heading bar over each column.

    Both heads share one size, both columns another, no larger than the heads nor than the
    title allows (``body_cap``)."""
    section = _section(spec)
    role = deck.role("comparison", section.layout)
    texts = [c.title for c in section.columns]
    header_h = _header_height(deck, role, texts)
    boxes, specs = _column_places(deck, role, header_h)
    grow = _head_growth(deck, role, texts, boxes)
    boxes = [Box(box.x, box.y + grow, box.w, box.h - grow) for box in boxes]
    colors = (deck.color("accent"), deck.color("accent2"))
    heads = _column_heads(deck, role, texts, boxes, colors, header_h, grow)
    head_size = min(f.paragraphs[0].size for f in heads if isinstance(f, TextFrame))
    cap = min(body_cap(deck, role, section_titles(deck, section.title, spec.continues)),
              head_size)
    specs = [deck.ts.capped(s, cap) for s in specs]
    entries = [point_entries(column.points) for column in section.columns]
    pages = _column_pages(deck, entries, boxes, specs)
    if pages is None:
        pages = [[entry_items(e) for e in entries]]
        readable = specs
        if not all(deck.ts.best_size(i, b, s) for i, b, s in zip(pages[0], boxes, specs,
                                                                 strict=True)):
            deck.ts.warnings.warn(f"'{section.title}': a column is too long; shorten its "
                                  "points", "overflow", what=section.title)
    else:
        readable = [deck.ts.readable(s) for s in specs]
        if len(pages) > 1:
            deck.ts.warnings.warn(f"'{section.title}' continues on {len(pages)} slides",
                                  "continued", what=section.title)
    sizes = [deck.ts.best_size(i, b, s) for page in pages
             for i, b, s in zip(page, boxes, readable, strict=True) if i]
    size = min((s for s in sizes if s), default=min(s.sizes[1] for s in specs))
    groups: list[list[Shape]] = []
    for page in pages:
        shapes: list[Shape] = list(heads)
        shapes.extend(deck.ts.body_at(items, box, size, s, "Column")
                      for items, box, s in zip(page, boxes, specs, strict=True) if items)
        groups.append(shapes)
    return titled_pages(deck, "comparison", section.title, groups, section.notes, role=role,
                        continues=spec.continues)


def _column_pages(deck: Deck, entries: Sequence[Sequence[Entry]], boxes: Sequence[Box],
                  specs: Sequence[TextSpec]) -> list[list[list[Item]]] | None:
    """Return the columns' points shared between the fewest slides on which every column
    fits at a readable size (each column's points split as evenly as their lengths allow,
    at point boundaries), as each slide's items per column; None when even a point a slide
    does not fit."""
    readable = [deck.ts.readable(spec) for spec in specs]
    most = max((len(column) for column in entries), default=1)
    for parts in range(1, most + 1):
        pages: list[list[list[Item]]] = [[[] for _ in entries] for _ in range(parts)]
        for index, column in enumerate(entries):
            weights = [specs[index].measurer.em_width("".join(i.text for i in entry)) + 8
                       for entry in column]
            for page, span in zip(pages, partition(weights, parts), strict=False):
                page[index] = entry_items([column[i] for i in span])
        if all(deck.ts.best_size(items, box, spec)
               for page in pages for items, box, spec in zip(page, boxes, readable,
                                                             strict=True) if items):
            return pages
    return None


HEADER_H = 40.0


def _header_height(deck: Deck, role: RoleLayout, texts: Sequence[str]) -> float:
    """Return the height of the bars drawn over the columns: one line high, or two when
    the heads are too long for one line at the largest size and two lines set them larger."""
    if len(role.heads) >= len(texts):
        return HEADER_H
    spec = deck.ts.drawn("subtitle", deck.color("on_accent"), anchor="ctr")
    width = _column_width(deck, role) - 28

    def size(height: float, lines: int) -> float:
        return min(deck.ts.heading_size(text, Box(0, 0, width, height), spec, lines)
                   or spec.sizes[1] - 1 for text in texts)

    one = size(HEADER_H, 1)
    if one >= spec.sizes[0]:
        return HEADER_H
    two_h = 2 * deck.ts.measurer.line_height(spec.sizes[0]) + 12
    return two_h if size(two_h, 2) > one else HEADER_H


def _column_width(deck: Deck, role: RoleLayout) -> float:
    """Return the width of a comparison column."""
    room = min((slot.box.h for slot in role.bodies[:2]), default=0.0)
    if len(role.bodies) >= 2 and room > 2 * (HEADER_H + 14):
        return min(slot.box.w for slot in role.bodies[:2])
    return (role.area.w - 32.0) / 2


def _column_places(deck: Deck, role: RoleLayout,
                   header_h: float = HEADER_H) -> tuple[list[Box], list[TextSpec]]:
    """Return where each column's bullets go (under a bar ``header_h`` high when the layout
    has no heading placeholders) and how they are set."""
    room = min((slot.box.h for slot in role.bodies[:2]), default=0.0)
    if len(role.bodies) >= 2 and room > 2 * (HEADER_H + 14):
        boxes, specs = [], []
        for slot in role.bodies[:2]:
            box = slot.box
            if not role.heads:
                box = Box(box.x, box.y + header_h + 14, box.w, box.h - header_h - 14)
            boxes.append(box)
            specs.append(deck.ts.in_slot(replace(slot, box=box), "body"))
        return boxes, specs
    area = role.area
    gap = 32.0
    col_w = (area.w - gap) / 2
    spec = deck.ts.drawn("body", deck.color("text"), sub_color=deck.color("muted"), bullets=True)
    boxes = [Box(area.x + i * (col_w + gap), area.y + header_h + 14, col_w,
                 area.h - header_h - 14) for i in range(2)]
    return boxes, [spec, spec]


def _head_growth(deck: Deck, role: RoleLayout, texts: Sequence[str],
                 columns: Sequence[Box]) -> float:
    """Return how many points the layout's heading placeholders grow down into the columns
    below them: 0 when the heads fit at a readable size as they are; else one or two lines
    at that size, the first that lets every head reach it (the columns keep at least half
    their height). Column heads are never smaller than their bullets, so heads set small
    for want of room would make the bullets small too."""
    if len(role.heads) < len(texts) or len(columns) < len(texts):
        return 0.0
    slots = role.heads[:len(texts)]
    if any(column.y < slot.box.bottom - 1 for slot, column in zip(slots, columns,
                                                                  strict=False)):
        return 0.0
    specs = [deck.ts.in_slot(slot, "subtitle") for slot in slots]
    want = min(deck.ts.readable_size, *(spec.sizes[0] for spec in specs))

    def size(extra: float) -> float:
        return min(deck.ts.heading_size(text, replace(slot.box, h=slot.box.h + extra), spec,
                                        3) or 0.0
                   for text, slot, spec in zip(texts, slots, specs, strict=False))

    if size(0.0) >= want:
        return 0.0
    line = specs[0].pitch * want
    for extra in (line, 2 * line):
        if min(column.h for column in columns) - extra < min(c.h for c in columns) / 2:
            break
        if size(extra) >= want:
            return extra
    return 0.0


def _column_heads(deck: Deck, role: RoleLayout, texts: Sequence[str], columns: Sequence[Box],
                  colors: Sequence[Color], header_h: float = HEADER_H,
                  grow: float = 0.0) -> list[Shape]:
    """Return the columns' heads at one size: in the layout's heading placeholders (grown
    ``grow`` points down), else on a coloured bar over each column."""
    if len(role.heads) >= len(texts):
        slots = role.heads[:len(texts)]
        return list(row_headings(deck, texts,
                                 [replace(slot.box, h=slot.box.h + grow) for slot in slots],
                                 [deck.ts.in_slot(slot, "subtitle") for slot in slots],
                                 3 if grow else 2, "Header text", "column titles"))
    bars = [Box(column.x, column.y - header_h - 14, column.w, header_h) for column in columns]
    spec = deck.ts.drawn("subtitle", deck.color("on_accent"), anchor="ctr")
    lines = 1 if header_h == HEADER_H else 2
    frames = row_headings(deck, texts, [bar.inset(14, 0) for bar in bars],
                          [spec] * len(texts), lines, "Header text", "column titles")
    shapes: list[Shape] = []
    for bar, color, frame in zip(bars, colors, frames, strict=False):
        shapes.extend([Rect(bar, color, name="Header"), frame])
    return shapes


def quote(deck: Deck, spec: SlideSpec) -> list[Page]:
    """Return a quote slide: the quotation large, with its attribution."""
    section = _section(spec)
    assert section.quote is not None
    role = deck.role("quote", section.layout)
    area = role.area
    shapes: list[Shape] = [Rect(Box(area.x, area.y + 10, 8, area.h - 70), deck.color("accent"),
                                name="Bar")]
    text_box = Box(area.x + 36, area.y + 10, area.w - 72, area.h - 90)
    quote_spec = deck.ts.drawn("quote", deck.color("text"), anchor="ctr")
    shapes.append(deck.ts.heading(quoted(deck.ts.lang, section.quote.text), text_box,
                                  quote_spec, max_lines=6, name="Quote"))
    if section.quote.by:
        by = f"— {section.quote.by}"
        by_spec = deck.ts.drawn("caption", deck.color("muted"), align="r")
        shapes.append(deck.ts.heading(by, Box(area.x + 36, area.bottom - 60, area.w - 72, 40),
                                      by_spec, max_lines=2, name="Attribution"))
    return [content_page(deck, "quote", slide_title(deck, spec), shapes, section.notes,
                         role=role)]


def figures(deck: Deck, spec: SlideSpec) -> list[Page]:
    """Return key figures: a card per figure with its value large and its label; values
    share one size, labels another (the largest at which every card's fits)."""
    section = _section(spec)
    role = deck.role("figures", section.layout)
    area = role.area
    count = len(section.figures)
    gap = 24.0
    card_w = (area.w - gap * (count - 1)) / count
    card_h = max(min(240.0, area.h - 40), 60.0)
    top = area.y + max(area.h - card_h, 0) / 2
    value_h = min(90.0, card_h * 0.4)
    label_top = top + card_h * 0.125 + value_h + 12
    shapes: list[Shape] = []
    value_spec = deck.ts.drawn("figure_value", deck.color("accent"), align="ctr", anchor="ctr")
    label_spec = deck.ts.drawn("subtitle", deck.color("text"), align="ctr")
    label_spec = deck.ts.capped(label_spec, body_cap(deck, role, section_titles(
        deck, section.title, spec.continues)))
    xs = [area.x + index * (card_w + gap) for index in range(count)]
    for x in xs:
        shapes.append(Rect(Box(x, top, card_w, card_h), deck.color("surface"), name="Card"))
        shapes.append(Rect(Box(x, top, card_w, 6), deck.color("accent"), name="Card top"))
    shapes.extend(row_headings(
        deck, [figure.value for figure in section.figures],
        [Box(x + 10, top + card_h * 0.125, card_w - 20, value_h) for x in xs],
        # A value too long for one line is set smaller, down to the labels' smallest size,
        # before it is broken (1,234,567,890円 whole on one line).
        [value_spec] * count, 1, "Value", "figure values", label_spec.sizes[1]))
    shapes.extend(row_headings(
        deck, [figure.label for figure in section.figures],
        [Box(x + 10, label_top, card_w - 20, max(top + card_h - 18 - label_top, 20))
         for x in xs], [label_spec] * count, 3, "Label", "figure labels",
        deck.ts.theme.size_range("caption")[1]))
    return [content_page(deck, "figures", slide_title(deck, spec), shapes, section.notes,
                         role=role)]


def sources(deck: Deck, spec: SlideSpec) -> list[Page]:
    """Return the sources slide(s): one numbered entry per source."""
    entries = []
    for number, source in enumerate(deck.outline.sources, start=1):
        spans = _source_spans(source, number, deck.ts.lang)
        entries.append((Item(text_of(spans), 0, False, spans),))
    title = label(deck.ts.lang, "sources")
    role = deck.role("sources")
    text_spec, box = body_spec(deck, role, bullets=False)
    text_spec = replace(text_spec, sizes=(min(text_spec.sizes[0], 20.0),
                                          min(text_spec.sizes[1], 20.0)))
    text_spec = deck.ts.capped(text_spec, body_cap(deck, role, section_titles(deck, title)))
    frames = bullet_groups(deck, entries, box, text_spec, title, name="Sources")
    return titled_pages(deck, "sources", title, [[f] for f in frames], None, role=role)


def _source_spans(source: Source, number: int, lang: str) -> tuple[Span, ...]:
    """Return a numbered source: its title, details in brackets and its address, a link;
    the title and note in the inline markup. Japanese sources take （、） as the one-pager's
    do."""
    details = [plain_spans(d) for d in (source.publisher, source.date) if d]
    if source.note:
        details.append(parse_inline(source.note))
    parts: list[tuple[Span, ...] | str] = [f"{number}. ", parse_inline(source.title)]
    before, between, after = ("（", "、", "）") if lang == "ja" else (" (", ", ", ")")
    if details:  # Japanese text takes full-width brackets and the ideographic comma
        parts.append(before)
        for index, detail in enumerate(details):
            parts.extend([between] if index else [])
            parts.append(detail)
        parts.append(after)
    if source.url:
        parts.extend([" ", link_spans(source.url)])
    return joined(*parts)


def closing(deck: Deck, spec: SlideSpec) -> list[Page]:
    """Return the closing slide: Q&A in the title, thanks under it."""
    role = deck.role("closing")
    title = title_frame(deck, role, label(deck.ts.lang, "qa"), max_lines=1)
    shapes: list[Shape] = []
    thanks = label(deck.ts.lang, "thanks")
    slot = role.subtitle
    if slot is not None:
        text_spec = deck.ts.capped(deck.ts.in_slot(slot, "subtitle"), under(title))
        shapes.append(deck.ts.heading(thanks, slot.box, text_spec, max_lines=1, name="Thanks"))
    else:
        box = Box(title.box.x, title.box.bottom + 12, title.box.w, 0.11 * deck.design.height)
        text_spec = deck.ts.drawn("subtitle", deck.color("muted"), align=title.paragraphs[0].align)
        shapes.append(deck.ts.heading(thanks, box, text_spec, max_lines=1, name="Thanks"))
    return [Page("closing", title, tuple(shapes), None, role.layout.index)]


def title_only(deck: Deck, spec: SlideSpec) -> list[Page]:
    """Return a discussion slide: the section's title where content slides have theirs,
    and its speaker notes."""
    section = _section(spec)
    return [content_page(deck, "title_only", section.title, [], section.notes, section.layout)]


def _section(spec: SlideSpec) -> Section:
    """Return the section of a section slide."""
    assert spec.section is not None
    return spec.section


LAYOUTS: dict[str, Callable[[Deck, SlideSpec], list[Page]]] = {
    "cover": cover, "bottom_line": bottom_line, "agenda": agenda, "divider": divider,
    "bullets": bullets, "image": image, "timeline": timeline, "comparison": comparison,
    "quote": quote, "figures": figures, "sources": sources, "closing": closing,
    "title_only": title_only,
}


__all__ = ["LAYOUTS", "Deck", "Paragraph", "layout_deck"]
