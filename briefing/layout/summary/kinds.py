"""The one-pager's section blocks, one builder per kind of content: points, key figures,
quotes, timelines as lists, comparisons, images; sections in the grid and across the page."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from briefing.geometry import Box
from briefing.labels import label, quoted
from briefing.layout.boxes import Picture, Rect
from briefing.layout.summary.kit import (
    GUTTER,
    MIN_SIZE,
    Block,
    Kit,
    beside,
    placed,
    stack,
)
from briefing.layout.summary.text import bullet_list, heading_block, lines_of, paragraph, text_block
from briefing.layout.summary.timeline import strip_block
from briefing.layout.typeset import HANG_EM
from briefing.media import PreparedImage, prepare_image
from briefing.outline.model import Column, Event, Figure, ImageRef, Point, Quote, Section
from briefing.text.breaking import break_units
from briefing.text.fit import WIDTH_SAFETY


def section_block(kit: Kit, section: Section, width: float) -> Block:
    """Return a section: its title, then its content as its kind suggests."""
    parts = [heading_block(kit, section.title, width), *section_parts(kit, section, width)]
    return stack(parts, kit.body * 0.5)


def section_parts(kit: Kit, section: Section, width: float,
                   wide: bool = False) -> list[Block]:
    """Return a section's content blocks in the order of its slides; across the page
    (``wide``) events are a timeline strip, in the grid a list."""
    parts: list[Block] = []
    for kind in section.slide_kinds:
        if kind == "bullets":
            parts.append(points_block(kit, section.points, width, kit.body))
        elif kind == "figures":
            parts.append(_figures_block(kit, section.figures, width))
        elif kind == "quote" and section.quote is not None:
            parts.append(_quote_block(kit, section.quote, width))
        elif kind == "timeline" and wide:
            parts.append(strip_block(kit, section, width))
        elif kind == "timeline":
            parts.append(bullet_list(kit, _event_items(section.events), width, kit.body,
                                      "Events"))
        elif kind == "comparison":
            parts.append(comparison_block(kit, section, width))
        elif kind == "image" and section.image is not None:  # None: shown atop the sheet
            parts.append(picture_block(kit, *_image_of(section), width, width * 0.6))
    return parts


def _image_of(section: Section) -> tuple[ImageRef, PreparedImage]:
    """Return the image of a section with its prepared pixels (its path was made absolute
    on selection)."""
    assert section.image is not None
    return section.image, prepare_image(Path(section.image.path))


def points_block(kit: Kit, points: Sequence[Point], width: float, size: float) -> Block:
    """Return points and their sub-points as a bulleted list."""
    items = [(item, level) for p in points
             for item, level in [(p.text, 0), *((s, 1) for s in p.points)]]
    return bullet_list(kit, items, width, size, "Points", marked=True)


def _event_items(events: Sequence[Event]) -> list[tuple[str, int]]:
    """Return events as list items: "date  title", then the description."""
    items: list[tuple[str, int]] = []
    for event in events:
        items.append((f"{event.date}  {event.title}", 0))
        if event.text:
            items.append((event.text, 1))
    return items


def _column(kit: Kit, column: Column, width: float, color: str) -> Block:
    """Return one comparison column: a coloured bar, its title and its points."""
    bar = Block(width, 2.0, (Rect(Box(0.0, 0.0, width, 2.0), kit.color(color), name="Bar"),))
    title = text_block(kit, [paragraph(kit, column.title, kit.body, width, color, bold=True,
                                         heading=True)], width, "Column title")
    return stack([bar, title, points_block(kit, column.points, width, kit.body)],
                  kit.body * 0.3)


def _figures_block(kit: Kit, figures: Sequence[Figure], width: float) -> Block:
    """Return key figures as cells in rows: all in one row, else two or one a row, the
    most whose labels fit and whose values fit one line at the body size or larger."""
    per_row = next((n for n in (len(figures), 2) if n <= len(figures)
                    and _labels_fit(kit, figures, _cell_width(width, n))
                    and _values_fit(kit, figures, _cell_width(width, n) - 10.0, kit.body)), 1)
    cell = _cell_width(width, per_row)
    value_size = _value_size(kit, figures, cell - 10.0)
    rows = [figures[i:i + per_row] for i in range(0, len(figures), per_row)]
    return stack([_figure_row(kit, row, cell, value_size) for row in rows], 6.0)


def _cell_width(width: float, per_row: int) -> float:
    """Return the width of one figure cell when ``per_row`` share ``width``."""
    return (width - 6.0 * (per_row - 1)) / per_row


def _labels_fit(kit: Kit, figures: Sequence[Figure], cell: float) -> bool:
    """Return whether every label fits a cell in three lines (Latin words never cut)."""
    inner = cell - 10.0
    words = [] if kit.lang == "ja" else [u for f in figures for u in break_units(f.label)]
    return (all(kit.width(word.strip(), kit.small) <= inner * WIDTH_SAFETY for word in words)
            and all(len(lines_of(kit, f.label, kit.small, inner)) <= 3
                    for f in figures))


def _values_fit(kit: Kit, figures: Sequence[Figure], inner: float, size: float) -> bool:
    """Return whether every value fits one line ``inner`` points wide at ``size``."""
    return all(kit.width(f.value, size) <= inner * WIDTH_SAFETY for f in figures)


def _value_size(kit: Kit, figures: Sequence[Figure], inner: float) -> float:
    """Return the one size of the values of a block: the largest from twice the body size
    down to MIN_SIZE, by 0.5 pt, at which every value fits one line (a smaller size comes
    before a value is broken; a value too long even at MIN_SIZE breaks at whole units)."""
    size = kit.body * 2.0
    while size > MIN_SIZE and not _values_fit(kit, figures, inner, size):
        size -= 0.5
    return size


def _figure_row(kit: Kit, figures: Sequence[Figure], cell: float, value_size: float) -> Block:
    """Return one row of figure cells, all as tall as the tallest."""
    contents = [_figure(kit, f, cell - 10.0, value_size) for f in figures]
    height = max(c.height for c in contents) + 10.0
    cells = [Block(cell, height, (Rect(Box(0.0, 0.0, cell, height), kit.color("surface"),
                                        name="Figure"), *placed(c, 5.0, 5.0)))
             for c in contents]
    return beside(cells, 6.0)


def _figure(kit: Kit, figure: Figure, width: float, value_size: float) -> Block:
    """Return a figure's value (large, accent) over its label."""
    value = paragraph(kit, figure.value, value_size, width, "accent", bold=True, on="surface")
    words = paragraph(kit, figure.label, kit.small, width, "text", space=2.0, on="surface")
    return text_block(kit, [value, words], width, "Figure text")


def _quote_block(kit: Kit, quote: Quote, width: float) -> Block:
    """Return a quotation beside a coloured bar, with its attribution."""
    indent = HANG_EM * kit.body  # as far in as bulleted text
    paras = [paragraph(kit, quoted(kit.lang, quote.text), kit.body, width, "text",
                        indent=indent)]
    if quote.by:
        paras.append(paragraph(kit, f"\u2014 {quote.by}", kit.small, width, "muted",
                                indent=indent, space=kit.space(kit.body)))
    text = text_block(kit, paras, width, "Quote")
    bar = Rect(Box(0.0, 0.0, 2.5, text.height), kit.color("accent2"), name="Quote bar")
    return Block(width, text.height, (bar, *text.shapes))


def picture_block(kit: Kit, image: ImageRef, prepared: PreparedImage, width: float,
                   max_height: float) -> Block:
    """Return an image fitted to ``width`` and ``max_height``, with caption and credit."""
    w = min(width, max_height * prepared.aspect)
    box = Box(0.0, 0.0, w, w / prepared.aspect)
    picture = Picture(box, prepared.data, prepared.mime, image.alt or image.caption or "",
                      name="Picture")
    caption = _caption(kit, image, w)
    if caption is None:
        return Block(w, box.h, (picture,))
    return stack([Block(w, box.h, (picture,)), caption], 4.0)


def _caption(kit: Kit, image: ImageRef, width: float) -> Block | None:
    """Return the caption and credit lines of an image, or None when it has neither."""
    paras = []
    if image.caption:
        paras.append(paragraph(kit, image.caption, kit.small, width, "text"))
    if image.credit:
        credit = label(kit.lang, "credit", credit=image.credit)
        paras.append(paragraph(kit, credit, max(MIN_SIZE, kit.small - 0.5), width, "muted",
                                space=1.0 if paras else 0.0))
    return text_block(kit, paras, width, "Caption") if paras else None




def wide_block(kit: Kit, section: Section, width: float) -> Block:
    """Return a section across the page: its content in order, a comparison's two columns
    in line with the grid's and events as a timeline strip (a comparison that comes first
    needs no rule under the title: its columns have bars)."""
    rule = section.slide_kinds[:1] != ("comparison",)
    parts = [heading_block(kit, section.title, width, rule=rule),
             *section_parts(kit, section, width, wide=True)]
    return stack(parts, kit.body * 0.5)


def comparison_block(kit: Kit, section: Section, width: float) -> Block:
    """Return a comparison's two columns side by side, in line with the grid's columns."""
    column = (width - GUTTER) / 2
    colors = ("accent", "accent2")
    return beside([_column(kit, c, column, colors[i % 2])
                    for i, c in enumerate(section.columns)], GUTTER)

