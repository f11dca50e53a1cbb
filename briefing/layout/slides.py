"""Lay out each planned slide: positioned boxes, fitted text, continuation slides."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from briefing.labels import continued, label
from briefing.layout.boxes import Box, Page, Paragraph, Picture, Rect, Rule, Shape, TextFrame
from briefing.layout.frames import Typesetter, point_items
from briefing.layout.geometry import SlideGeometry
from briefing.layout.plan import SlideSpec, agenda_entries
from briefing.media import prepare_image
from briefing.outline.model import Event, ImageRef, Outline, Point, Section
from briefing.outline.validate import LoadedOutline
from briefing.text.fit import Item, wrap_text

MAX_EVENTS = 8
LOGO_MAX_W = 120.0
LOGO_MAX_H = 32.0
MAX_AGENDA_ROWS = 7


@dataclass(frozen=True)
class Deck:
    """Everything slide layout needs: the outline, where it lives and the typesetter."""

    loaded: LoadedOutline
    ts: Typesetter
    geo: SlideGeometry

    @property
    def outline(self) -> Outline:
        """Return the outline."""
        return self.loaded.outline

    @property
    def margin(self) -> float:
        """Return the side margin."""
        return self.geo.margin

    def color(self, name: str) -> str:
        """Return theme colour ``name``."""
        return self.ts.theme.color(name)

    @property
    def body(self) -> Box:
        """Return the standard content area."""
        return self.geo.body

    @property
    def background(self) -> str | None:
        """Return the colour to paint slides with, or None to keep the template's."""
        return self.color("background") if self.geo.paint_background else None


def layout_deck(loaded: LoadedOutline, ts: Typesetter, specs: Sequence[SlideSpec],
                geo: SlideGeometry) -> list[Page]:
    """Return every page of the deck, with continuations and furniture."""
    deck = Deck(loaded, ts, geo)
    pages: list[Page] = []
    for spec in specs:
        pages.extend(LAYOUTS[spec.kind](deck, spec))
    return [add_furniture(deck, page, number) for number, page in enumerate(pages, start=1)]


# --- shared pieces -----------------------------------------------------------------------------

def slide_title(deck: Deck, text: str) -> TextFrame:
    """Return the title frame of a content slide (anchored at the bottom, above the rule)."""
    box = deck.geo.title
    if deck.ts.theme.logo is not None and deck.geo.footer is not None:
        box = replace(box, w=box.w - LOGO_MAX_W - 16)
    return deck.ts.heading(text, box, "title", deck.color("accent"), anchor="b", max_lines=2,
                           frame_role="title", name="Title")


def title_rule(deck: Deck) -> Rule:
    """Return the short accent rule under a slide title."""
    title = deck.geo.title
    y = min(title.bottom + 10, (title.bottom + deck.body.y) / 2)
    return Rule(title.x, y, title.x + 64, y, deck.color("accent2"), 3.0, "Title rule")


def content_page(deck: Deck, kind: str, title: str, shapes: Sequence[Shape],
                 notes: str | None, layout_name: str | None = None) -> Page:
    """Return a content page with the standard title and rule.

    Its layout follows from how many frames go into content placeholders.
    """
    filled = sum(1 for s in shapes if isinstance(s, TextFrame) and s.placeholder)
    hint = {1: "content", 2: "two_content"}.get(filled, "title_only")
    return Page(kind, slide_title(deck, title), (title_rule(deck), *shapes),
                deck.background, notes, layout_hint=hint, layout_name=layout_name)


def titled_pages(deck: Deck, kind: str, title: str, groups: Sequence[Sequence[Shape]],
                 notes: str | None, layout_name: str | None = None) -> list[Page]:
    """Return one page per group of shapes, later ones titled as continuations."""
    lang = deck.ts.lang
    return [content_page(deck, kind, title if index == 0 else continued(lang, title), shapes,
                         notes, layout_name) for index, shapes in enumerate(groups)]


def fitted_picture(image: ImageRef, deck: Deck, area: Box) -> Picture:
    """Return the image fitted inside ``area`` keeping its aspect ratio, centred."""
    prepared = prepare_image(deck.loaded.resolve(image.path))
    scale = min(area.w / prepared.width, area.h / prepared.height)
    w, h = prepared.width * scale, prepared.height * scale
    box = Box(area.x + (area.w - w) / 2, area.y + (area.h - h) / 2, w, h)
    alt = image.alt or image.caption or ""
    return Picture(box, prepared.data, prepared.mime, alt, "Picture")


def image_with_caption(deck: Deck, image: ImageRef, area: Box) -> list[Shape]:
    """Return a picture and its caption and credit, together inside ``area``."""
    items = [Item(text, 0, False) for text in (image.caption, image.credit) if text]
    caption_h = 0.0
    shapes: list[Shape] = []
    if items:
        caption_h = min(64.0, area.h * 0.3)
        size = deck.ts.best_size(items, Box(0, 0, area.w, caption_h), "caption")
        size = size or deck.ts.theme.size_range("caption")[1]
        frame = deck.ts.body_at(items, Box(0, 0, area.w, caption_h), size, deck.color("muted"),
                                name="Caption")
        caption_h = frame.text_height + 4
    picture = fitted_picture(image, deck, Box(area.x, area.y, area.w, area.h - caption_h - 8))
    shapes.append(picture)
    if items:
        caption_box = Box(picture.box.x, picture.box.bottom + 8, max(picture.box.w, 240.0),
                          caption_h)
        caption_box = replace(caption_box, w=min(caption_box.w, area.right - caption_box.x))
        caption = deck.ts.body(items, caption_box, "caption", deck.color("muted"), name="Caption")
        if caption is not None:
            shapes.append(caption)
    return shapes


def split_long_points(deck: Deck, points: Sequence[Point], box: Box) -> list[Point]:
    """Return ``points`` with any point too long for one box cut into several at line ends."""
    size = deck.ts.theme.size_range("body")[1]
    per_box = max(1, int(box.h * 0.9 / deck.ts.line_height(size)) - 1)
    result: list[Point] = []
    for point in points:
        lines = wrap_text(deck.ts.measurer, point.text, size, box.w - size * 1.1)
        if len(lines) <= per_box:
            result.append(point)
            continue
        deck.ts.warnings.warn(f"a {len(point.text)}-character point was split across slides",
                              "continued", what=point.text[:30])
        chunks = _cut_at_lines(point.text, lines, per_box)
        result.extend(Point(text=chunk, keep=point.keep) for chunk in chunks[:-1])
        result.append(Point(text=chunks[-1], points=point.points, keep=point.keep))
    return result


def _cut_at_lines(text: str, lines: Sequence[str], per_chunk: int) -> list[str]:
    """Return ``text`` cut where every ``per_chunk``-th predicted line starts.

    The cuts are made in the original text, so nothing is added or lost at them.
    """
    starts = []
    position = 0
    for line in lines:
        found = text.find(line, position)
        position = found if found >= 0 else position
        starts.append(position)
        position += len(line)
    bounds = [starts[i] for i in range(0, len(lines), per_chunk)][1:]
    pieces = [text[a:b] for a, b in itertools.pairwise([0, *bounds, len(text)])]
    return [piece.strip() for piece in pieces if piece.strip()]


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


def paginate_points(deck: Deck, points: Sequence[Point], box: Box, what: str,
                    ) -> list[list[Point]]:
    """Return the points grouped so each group fits ``box`` within the theme's body sizes."""
    points = split_long_points(deck, points, box)
    weights = [deck.ts.measurer.em_width(p.text + "".join(p.points)) + 8 for p in points]
    for parts in range(1, len(points) + 1):
        groups = [[points[i] for i in r] for r in partition(weights, parts)]
        if all(deck.ts.best_size(point_items(g), box, "body") for g in groups):
            if parts > 1:
                deck.ts.warnings.warn(f"'{what}' continues on {parts} slides", "continued",
                                      what=what)
            return groups
    return [[p] for p in points]


def bullet_groups(deck: Deck, points: Sequence[Point], box: Box, what: str,
                  ) -> list[TextFrame]:
    """Return one body frame per slide for ``points``, all at one common size."""
    groups = paginate_points(deck, points, box, what)
    sizes = [deck.ts.best_size(point_items(g), box, "body") for g in groups]
    size = min((s for s in sizes if s), default=deck.ts.theme.size_range("body")[1])
    largest = deck.ts.theme.size_range("body")[0]
    if size < largest - 6:
        deck.ts.warnings.shrunk(f"body text of '{what}'", largest, size,
                                deck.ts.theme.size_range("body")[1])
    return [deck.ts.body_at(point_items(g), box, size, deck.color("text"), deck.color("muted"))
            for g in groups]


# --- slide kinds -------------------------------------------------------------------------------

def cover(deck: Deck, spec: SlideSpec) -> list[Page]:
    """Return the title slide: title, subtitle, presenter, organization and date."""
    outline, m, geo = deck.outline, deck.margin, deck.geo
    width = geo.inner_width
    title = deck.ts.heading(outline.title, Box(m, geo.at(0.22), width, geo.at(0.315)),
                            "cover_title", deck.color("accent"), anchor="b", max_lines=3,
                            frame_role="title", name="Title")
    rule_y = geo.at(0.567)
    shapes: list[Shape] = [Rule(m, rule_y, m + 96, rule_y, deck.color("accent2"), 4.0, "Rule")]
    if geo.paint_background:
        shapes.insert(0, Rect(Box(0, 0, geo.width, 10), deck.color("accent"), name="Band"))
    subtitle = None
    if outline.subtitle:
        subtitle = deck.ts.heading(outline.subtitle, Box(m, geo.at(0.596), width, geo.at(0.13)),
                                   "subtitle", deck.color("text"), max_lines=2,
                                   frame_role="subtitle", name="Subtitle")
    byline = [t for t in (outline.author, outline.organization,
                          outline.date.isoformat() if outline.date else None) if t]
    if byline:
        items = [Item(text, 0, False) for text in byline]
        frame = deck.ts.body(items, Box(m, geo.at(0.748), width, geo.at(0.167)), "caption",
                             deck.color("muted"), name="Byline")
        if frame is not None:
            shapes.append(frame)
    return [Page("cover", title, tuple(shapes), deck.background, None, subtitle,
                 layout_hint="title")]


def bottom_line(deck: Deck, spec: SlideSpec) -> list[Page]:
    """Return the bottom-line slide: each takeaway in its own row with an accent bar."""
    summary = deck.outline.summary
    body = deck.body
    gap = 14.0
    row_h = min(86.0, (body.h - gap * (len(summary) - 1)) / len(summary))
    boxes = [Box(body.x + 22, body.y + i * (row_h + gap), body.w - 22, row_h)
             for i in range(len(summary))]
    items = [[Item(text, 0, False)] for text in summary]
    size = min((deck.ts.best_size(i, b, "body") or deck.ts.theme.size_range("body")[1])
               for i, b in zip(items, boxes, strict=True))
    shapes: list[Shape] = []
    for box, item in zip(boxes, items, strict=True):
        frame = deck.ts.body_at(item, box, size, deck.color("text"), name="Takeaway")
        shapes.append(Rect(Box(body.x, box.y + 2, 6, max(frame.text_height - 4, 12)),
                           deck.color("accent"), name="Bar"))
        shapes.append(frame)
    return [content_page(deck, "bottom_line", label(deck.ts.lang, "bottom_line"), shapes, None)]


def agenda(deck: Deck, spec: SlideSpec) -> list[Page]:
    """Return the agenda: numbered parts with their sections, or numbered sections.

    A long agenda continues on further slides, numbering on.
    """
    entries = agenda_entries(deck.outline)
    with_sections = any(sections for _, sections in entries)
    per_page = 4 if with_sections else 2 * MAX_AGENDA_ROWS
    groups = []
    for first in range(0, len(entries), per_page):
        chunk = entries[first:first + per_page]
        groups.append(_agenda_page(deck, chunk, first, with_sections))
    if len(groups) > 1:
        deck.ts.warnings.warn(f"the agenda continues on {len(groups)} slides", "continued",
                              what="agenda")
    return titled_pages(deck, "agenda", label(deck.ts.lang, "agenda"), groups, None)


def _agenda_page(deck: Deck, entries: Sequence[tuple[str, list[str]]], first: int,
                 with_sections: bool) -> list[Shape]:
    """Return the shapes of one agenda slide, entries numbered from ``first + 1``."""
    limit = 4 if with_sections else MAX_AGENDA_ROWS
    columns = 1 if len(entries) <= limit // 2 or (not with_sections and len(entries) <= limit) \
        else 2
    rows = -(-len(entries) // columns)
    body = deck.body
    col_w = (body.w - 40 * (columns - 1)) / columns
    row_h = body.h / rows if with_sections else min(52.0, body.h / rows)
    shapes: list[Shape] = []
    for index, (entry, sections) in enumerate(entries):
        col, row = divmod(index, rows)
        cell = Box(body.x + col * (col_w + 40), body.y + row * row_h, col_w, row_h)
        shapes.extend(_agenda_entry(deck, first + index + 1, entry, sections, cell,
                                    with_sections))
    return shapes


def _agenda_entry(deck: Deck, number: int, entry: str, sections: Sequence[str], cell: Box,
                  with_sections: bool) -> list[Shape]:
    """Return a numbered agenda entry, with its sections listed under it when given."""
    head_h = 44.0 if with_sections else cell.h - 8
    diameter = min(30.0, head_h - 10)
    circle = Box(cell.x, cell.y + (head_h - diameter) / 2, diameter, diameter)
    shapes: list[Shape] = [
        Rect(circle, deck.color("accent"), shape="ellipse", name="Number"),
        deck.ts.heading(str(number), circle.inset(2), "caption", deck.color("on_accent"),
                        align="ctr", anchor="ctr", max_lines=1, name="Number text"),
        deck.ts.heading(entry, Box(cell.x + diameter + 14, cell.y, cell.w - diameter - 14,
                                   head_h), "subtitle", deck.color("text"), anchor="ctr",
                        max_lines=2, name="Entry")]
    if with_sections and sections:
        box = Box(cell.x + diameter + 14, cell.y + head_h + 2, cell.w - diameter - 14,
                  cell.h - head_h - 16)
        items = [Item(title, 0, False) for title in sections]
        frame = deck.ts.body(items, box, "caption", deck.color("muted"), name="Sections")
        while frame is None and len(items) > 1:
            kept = items[:-2] if items[-1].text == "…" else items[:-1]
            items = [*kept, Item("…", 0, False)] if kept else items[:1]
            frame = deck.ts.body(items, box, "caption", deck.color("muted"), name="Sections")
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
    """Return a part divider: the part number and title (on the accent colour when painted)."""
    m, geo = deck.margin, deck.geo
    ink = deck.color("on_accent") if geo.paint_background else deck.color("accent")
    number = deck.ts.heading(label(deck.ts.lang, "part", n=spec.part_number),
                             Box(m, geo.at(0.315), geo.inner_width * 0.5, geo.at(0.075)),
                             "subtitle", ink, max_lines=1, name="Part number")
    title = deck.ts.heading(spec.title, Box(m, geo.at(0.4), geo.inner_width, geo.at(0.28)),
                            "cover_title", ink, max_lines=2, frame_role="title", name="Title")
    background = deck.color("accent") if geo.paint_background else None
    return [Page("divider", title, (number,), background, None, layout_hint="section")]


def bullets(deck: Deck, spec: SlideSpec) -> list[Page]:
    """Return bullet slides (with the image beside the text when the section has one)."""
    section = _section(spec)
    body = deck.body
    if section.image is None:
        frames = bullet_groups(deck, section.points, body, section.title)
        return titled_pages(deck, "bullets", section.title,
                            [[replace(f, placeholder="body")] for f in frames], section.notes,
                            section.layout)
    text_w = body.w * 0.52
    frames = bullet_groups(deck, section.points, Box(body.x, body.y, text_w, body.h),
                           section.title)
    image_area = Box(body.x + text_w + 28, body.y, body.w - text_w - 28, body.h)
    picture = image_with_caption(deck, section.image, image_area)
    groups = [[f, *picture] if i == 0 else [f] for i, f in enumerate(frames)]
    return titled_pages(deck, "image_text", section.title, groups, section.notes,
                        section.layout)


def image(deck: Deck, spec: SlideSpec) -> list[Page]:
    """Return an image slide: the picture as large as the body allows, with its caption."""
    section = _section(spec)
    assert section.image is not None
    shapes = image_with_caption(deck, section.image, deck.body)
    return [content_page(deck, "image", section.title, shapes, section.notes, section.layout)]


def timeline(deck: Deck, spec: SlideSpec) -> list[Page]:
    """Return timeline slides: a horizontal line with dated events above and below it."""
    section = _section(spec)
    chunks = [section.events[i:i + MAX_EVENTS] for i in range(0, len(section.events),
                                                                  MAX_EVENTS)]
    groups = [_timeline_shapes(deck, chunk) for chunk in chunks]
    if len(groups) > 1:
        deck.ts.warnings.warn(f"'{section.title}' continues on {len(groups)} slides",
                              "continued", what=section.title)
    return titled_pages(deck, "timeline", section.title, groups, section.notes, section.layout)


def _timeline_shapes(deck: Deck, events: Sequence[Event]) -> list[Shape]:
    """Return the line, dots, dates and texts of one timeline slide."""
    body = deck.body
    axis_y = body.y + body.h / 2
    count, gap = len(events), 16.0
    alternate = count > 4
    # Texts on one side of the axis sit every second event when they alternate.
    text_w = min(250.0, (2 * body.w - gap * (count - 1)) / (count + 1) if alternate
                 else (body.w - gap * (count - 1)) / count)
    spacing = (body.w - text_w) / (count - 1) if count > 1 else 0.0
    shapes: list[Shape] = [Rule(body.x, axis_y, body.right, axis_y, deck.color("line"), 3.0,
                                "Axis")]
    for index, event in enumerate(events):
        cx = body.x + text_w / 2 + spacing * index if count > 1 else body.x + body.w / 2
        above = alternate and index % 2 == 0
        shapes.append(Rect(Box(cx - 8, axis_y - 8, 16, 16), deck.color("accent"),
                           deck.color("background"), 2.0, "ellipse", "Dot"))
        x = cx - text_w / 2
        shapes.extend(_event_shapes(deck, event, x, text_w, axis_y, above))
    return shapes


def _event_shapes(deck: Deck, event: Event, x: float, width: float, axis_y: float,
                  above: bool) -> list[Shape]:
    """Return an event's date next to the axis and its text beyond the date."""
    body = deck.body
    date_h, gap = 30.0, 14.0
    if above:
        date_box = Box(x, axis_y - gap - date_h, width, date_h)
        text_box = Box(x, body.y, width, date_box.y - 6 - body.y)
    else:
        date_box = Box(x, axis_y + gap, width, date_h)
        text_box = Box(x, date_box.bottom + 6, width, body.bottom - date_box.bottom - 6)
    anchor = "b" if above else "t"
    date = deck.ts.heading(event.date, date_box, "subtitle", deck.color("accent"), align="ctr",
                           anchor=anchor, max_lines=1, name="Date")  # type: ignore[arg-type]
    return [date, _event_text(deck, event, text_box, anchor)]


def _event_text(deck: Deck, event: Event, box: Box, anchor: str) -> TextFrame:
    """Return an event's title and text fitted into ``box``, centred."""
    items = [Item(event.title, 0, False)] + ([Item(event.text, 1, False)] if event.text else [])
    sizes = deck.ts.theme.size_range("caption")
    fitted = None
    size = sizes[0] + 4
    while size >= sizes[1]:
        frame = deck.ts.body_at(items, Box(0, 0, box.w, box.h), size, deck.color("text"),
                                deck.color("muted"), "Event")
        if frame.text_height <= box.h * 0.98:
            fitted = frame
            break
        size -= 1
    if fitted is None:
        deck.ts.warnings.warn(f"timeline event '{event.date}' text is too long; shorten it",
                              "overflow", what=event.date)
        fitted = deck.ts.body_at(items, box, sizes[1], deck.color("text"), deck.color("muted"),
                                 "Event")
    paragraphs = tuple(replace(p, align="ctr") for p in fitted.paragraphs)
    return replace(fitted, box=box, paragraphs=paragraphs, anchor=anchor)  # type: ignore[arg-type]


def comparison(deck: Deck, spec: SlideSpec) -> list[Page]:
    """Return a two-column comparison: a header bar and bullets in each column."""
    section = _section(spec)
    body = deck.body
    gap = 32.0
    col_w = (body.w - gap) / 2
    header_h = 40.0
    shapes: list[Shape] = []
    boxes = [Box(body.x + i * (col_w + gap), body.y + header_h + 14, col_w,
                 body.h - header_h - 14) for i in range(2)]
    items = [point_items(column.points) for column in section.columns]
    sizes = [deck.ts.best_size(i, b, "body") for i, b in zip(items, boxes, strict=True)]
    if not all(sizes):
        deck.ts.warnings.warn(f"'{section.title}': a column is too long; shorten its points",
                              "overflow", what=section.title)
    size = min((s for s in sizes if s), default=deck.ts.theme.size_range("body")[1])
    colors = (deck.color("accent"), deck.color("accent2"))
    for index, column in enumerate(section.columns):
        x = body.x + index * (col_w + gap)
        shapes.append(Rect(Box(x, body.y, col_w, header_h), colors[index], name="Header"))
        shapes.append(deck.ts.heading(column.title, Box(x + 14, body.y, col_w - 28, header_h),
                                      "subtitle", deck.color("on_accent"), anchor="ctr",
                                      max_lines=1, name="Header text"))
        frame = deck.ts.body_at(items[index], boxes[index], size, deck.color("text"),
                                deck.color("muted"), "Column")
        shapes.append(replace(frame, placeholder=("body", "body2")[index]))
    return [content_page(deck, "comparison", section.title, shapes, section.notes,
                         section.layout)]


def quote(deck: Deck, spec: SlideSpec) -> list[Page]:
    """Return a quote slide: the quotation large, with its attribution."""
    section = _section(spec)
    assert section.quote is not None
    body = deck.body
    shapes: list[Shape] = [Rect(Box(body.x, body.y + 10, 8, body.h - 70), deck.color("accent"),
                                name="Bar")]
    text_box = Box(body.x + 36, body.y + 10, body.w - 72, body.h - 90)
    shapes.append(deck.ts.heading(section.quote.text, text_box, "quote", deck.color("text"),
                                  anchor="ctr", max_lines=6, name="Quote"))
    if section.quote.by:
        by = f"— {section.quote.by}"
        shapes.append(deck.ts.heading(by, Box(body.x + 36, body.bottom - 60, body.w - 72, 40),
                                      "caption", deck.color("muted"), align="r", max_lines=2,
                                      name="Attribution"))
    return [content_page(deck, "quote", section.title, shapes, section.notes, section.layout)]


def figures(deck: Deck, spec: SlideSpec) -> list[Page]:
    """Return key figures: a card per figure with its value large and its label."""
    section = _section(spec)
    body = deck.body
    count = len(section.figures)
    gap = 24.0
    card_w = (body.w - gap * (count - 1)) / count
    card_h = min(240.0, body.h - 40)
    top = body.y + (body.h - card_h) / 2
    shapes: list[Shape] = []
    for index, figure in enumerate(section.figures):
        x = body.x + index * (card_w + gap)
        shapes.append(Rect(Box(x, top, card_w, card_h), deck.color("surface"), name="Card"))
        shapes.append(Rect(Box(x, top, card_w, 6), deck.color("accent"), name="Card top"))
        shapes.append(deck.ts.heading(figure.value, Box(x + 16, top + 30, card_w - 32, 90),
                                      "figure_value", deck.color("accent"), align="ctr",
                                      anchor="ctr", max_lines=1, name="Value"))
        shapes.append(deck.ts.heading(figure.label, Box(x + 16, top + 132, card_w - 32,
                                                        card_h - 150),
                                      "subtitle", deck.color("text"), align="ctr",
                                      max_lines=3, name="Label"))
    return [content_page(deck, "figures", section.title, shapes, section.notes,
                         section.layout)]


def sources(deck: Deck, spec: SlideSpec) -> list[Page]:
    """Return the sources slide(s): one numbered entry per source."""
    entries = []
    for number, source in enumerate(deck.outline.sources, start=1):
        details = [d for d in (source.publisher, source.date, source.note) if d]
        text = source.title + (f"({', '.join(details)})" if details and deck.ts.lang == "ja"
                               else f" ({', '.join(details)})" if details else "")
        if source.url:
            text += f" {source.url}"
        entries.append(Point(text=f"{number}. {text}", keep=False))
    title = label(deck.ts.lang, "sources")
    groups = paginate_points(deck, entries, deck.body, title)
    size = deck.ts.theme.size_range("body")
    frames = []
    for group in groups:
        items = [Item(p.text, 0, False) for p in group]
        frame = deck.ts.body_at(items, deck.body,
                                min(deck.ts.best_size(items, deck.body, "body") or size[1], 20),
                                deck.color("text"))
        frames.append([frame])
    return titled_pages(deck, "sources", title, frames, None)


def closing(deck: Deck, spec: SlideSpec) -> list[Page]:
    """Return the closing slide: Q&A and thanks, centred."""
    m, geo = deck.margin, deck.geo
    width = geo.inner_width
    title = deck.ts.heading(label(deck.ts.lang, "qa"), Box(m, geo.at(0.315), width, geo.at(0.2)),
                            "cover_title", deck.color("accent"), align="ctr", anchor="b",
                            max_lines=1, frame_role="title", name="Title")
    thanks = deck.ts.heading(label(deck.ts.lang, "thanks"),
                             Box(m, geo.at(0.556), width, geo.at(0.11)), "subtitle",
                             deck.color("muted"), align="ctr", max_lines=1, name="Thanks")
    center, y = geo.width / 2, geo.at(0.537)
    rule = Rule(center - 48, y, center + 48, y, deck.color("accent2"), 3.0)
    return [Page("closing", title, (rule, thanks), deck.background, layout_hint="title_only")]


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


# --- furniture ---------------------------------------------------------------------------------

def add_furniture(deck: Deck, page: Page, number: int) -> Page:
    """Return ``page`` with footer, classification marking and slide number added."""
    outline = deck.outline
    left = deck.ts.theme.footer_text or " · ".join(
        t for t in (outline.date.isoformat() if outline.date else None, outline.organization) if t)
    if deck.geo.footer is None:
        text = " · ".join(t for t in (left, outline.classification) if t)
        return replace(page, footer=(text, str(number)))
    return replace(page, shapes=(*page.shapes, *_footer_shapes(deck, page, number, left)))


def _footer_shapes(deck: Deck, page: Page, number: int, left: str) -> list[Shape]:
    """Return the footer, marking and slide number drawn as text boxes."""
    footer, m, outline = deck.geo.footer, deck.margin, deck.outline
    assert footer is not None
    on_accent = page.background == deck.color("accent")
    muted = deck.color("on_accent") if on_accent else deck.color("muted")
    marking = deck.color("on_accent") if on_accent else deck.color("marking")
    size = deck.ts.theme.footer_size
    line_h = deck.ts.line_height(size)
    top = footer.y + (footer.h - line_h) / 2
    third = footer.w / 3
    shapes: list[Shape] = []
    if left and page.kind != "cover":
        shapes.append(_footer_text(deck, left, Box(m, top, third * 1.4, line_h), size, muted,
                                   "l", "Footer"))
    if outline.classification:
        box = (Box(footer.right - third, 20, third, line_h) if page.kind == "cover"
               else Box(m + third * 1.4, top, third * 0.9, line_h))
        shapes.append(_footer_text(deck, outline.classification, box, size, marking,
                                   "r" if page.kind == "cover" else "ctr", "Classification"))
    if page.kind != "cover":
        frame = _footer_text(deck, str(number), Box(footer.right - 60, top, 60, line_h), size,
                             muted, "r", "Slide number")
        paragraph = replace(frame.paragraphs[0], field="slidenum")
        shapes.append(replace(frame, paragraphs=(paragraph,)))
    logo = deck.ts.theme.logo
    if logo is not None and page.kind not in ("cover", "divider"):
        area = Box(deck.geo.width - m - LOGO_MAX_W, 22, LOGO_MAX_W, LOGO_MAX_H)
        picture = fitted_picture(ImageRef(path=str(logo), alt="Logo"), deck, area)
        shapes.append(replace(picture, box=replace(picture.box, x=area.right - picture.box.w),
                              name="Logo"))
    return shapes


def _footer_text(deck: Deck, text: str, box: Box, size: float, color: str, align: str,
                 name: str) -> TextFrame:
    """Return a one-line footer frame; text that does not fit is shortened with a warning."""
    width = deck.ts.measurer.width(text, size)
    if width > box.w * 0.95:
        deck.ts.warnings.warn(f"footer text '{text}' is too long for the footer", "overflow",
                              what=text)
        while text and deck.ts.measurer.width(text + "…", size) > box.w * 0.95:
            text = text[:-1]
        text += "…"
    paragraph = Paragraph(text, (text,), size, color, align=align)  # type: ignore[arg-type]
    return TextFrame(box, (paragraph,), deck.ts.line_height(1.0), "text", "t",
                     explicit_breaks=True, lang=deck.ts.lang, name=name)
