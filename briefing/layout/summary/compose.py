"""The one-pager's page: rows across the top, the grid of sections in columns, rows across
the page below it and the footer, placed within the margins."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence

from briefing.geometry import Box
from briefing.kept import Kept
from briefing.layout.boxes import Shape
from briefing.layout.columns import column_breaks
from briefing.layout.summary.keep import Content
from briefing.layout.summary.kinds import section_block, wide_block
from briefing.layout.summary.kit import GUTTER, ROW_GAP, SLACK, WIDE_PAGE, Block, Kit, placed
from briefing.layout.summary.rows import (
    footer_block,
    header_block,
    lead_block,
    lead_column,
    sources_block,
)
from briefing.outline.model import Section

# Section blocks of earlier builds in this process (``watch``): a rebuild after an edit lays
# out again only the sections that changed. Sections with an image are not kept across
# builds (the picture file may change under the same path).
KEPT_BLOCKS: Kept[tuple[object, ...], Block] = Kept(1024)  # the seed makes 63


class Blocks:
    """Section blocks laid out once per body size, width and content.

    The fit search lays the page out a dozen times over, most sections unchanged between
    trials (a cut leaves out a little at a time); building each section once per body size
    made the seed's one-pager layout about half as long (measured with process time). A
    section is known by its ``repr`` (every field it is laid out from) with its slide kinds
    (the order its content was written in, which ``repr`` leaves out). Not by its JSON:
    pydantic reports an interrupt (Ctrl-C) inside its serializer as a serialization error.
    The ``repr`` is taken once per section object (it held a tenth of a rebuild's time when
    taken on every trial); the object is kept, so that its ``id`` is not reused.

    Blocks without a picture are also kept across builds (``KEPT_BLOCKS``), known as well by
    the kit's measurer (faces and settings), language and theme (its ``repr``): a rebuild of
    the seed after a title edit spent 40% less time laying out its one-pager.
    """

    def __init__(self) -> None:
        self._made: dict[tuple[object, ...], Block] = {}
        self._known: dict[int, tuple[object, str, tuple[str, ...]]] = {}
        self._rows: dict[tuple[object, ...], tuple[Kit, Block | None]] = {}

    def row(self, kit: Kit, key: tuple[object, ...],
            build: Callable[[], Block | None]) -> Block | None:
        """Return the row across the page ``build`` makes with ``kit``, built once per kit
        and ``key`` (what else the row is made from; a Blocks serves one outline).

        The title band, bottom line, sources and footer were built again on every trial of
        the fit search: a tenth of the seed one-pager's layout time (cProfile).
        """
        known = self._rows.get((id(kit), *key))
        if known is None or known[0] is not kit:  # the kit is kept: its id is not reused
            known = self._rows[(id(kit), *key)] = (kit, build())
        return known[1]

    def section(self, kit: Kit, section: Section, width: float) -> Block:
        """Return ``section_block(kit, section, width)``, built once."""
        return self._block("grid", kit, section, width, section_block)

    def wide(self, kit: Kit, section: Section, width: float) -> Block:
        """Return ``wide_block(kit, section, width)``, built once."""
        return self._block("wide", kit, section, width, wide_block)

    def _block(self, kind: str, kit: Kit, section: Section, width: float,
               build: Callable[[Kit, Section, float], Block]) -> Block:
        """Return the block ``build`` makes of ``section``, built once per key."""
        _, written, kinds = self._identity(section, lambda: (repr(section),
                                                             section.slide_kinds))
        key = (kind, kit.body, width, written, kinds)
        made = self._made.get(key)
        if made is not None:
            return made
        shared = None
        if section.image is None:
            theme = self._identity(kit.theme, lambda: (repr(kit.theme), ()))[1]
            shared = (*key, kit.measurer, kit.lang, theme)
            made = KEPT_BLOCKS.get(shared)
        if made is None:
            made = build(kit, section, width)
            if shared is not None:
                KEPT_BLOCKS.keep(shared, made)
        self._made[key] = made
        return made

    def _identity(self, value: object, describe: Callable[[], tuple[str, tuple[str, ...]]],
                  ) -> tuple[object, str, tuple[str, ...]]:
        """Return ``value`` with what ``describe`` says of it, worked out once per object."""
        known = self._known.get(id(value))
        if known is None or known[0] is not value:
            known = self._known[id(value)] = (value, *describe())
        return known


def compose(kit: Kit, content: Content, area: Box,
            blocks: Blocks | None = None) -> tuple[Shape, ...] | None:
    """Return every shape of the page within ``area``, or None when the content overflows.

    ``blocks`` keeps section blocks between calls on the same outline (a new one otherwise).
    """
    blocks = blocks or Blocks()
    count = 3 if area.w > WIDE_PAGE else 2
    column = (area.w - GUTTER * (count - 1)) / count
    lead = blocks.row(kit, ("lead", area.w, area.h, content.summary, content.image is None),
                      lambda: lead_block(kit, content, area.w, area.h * 0.16)) \
        if count == 2 else None
    header = blocks.row(kit, ("header", area.w),
                        lambda: header_block(kit, content.outline, area.w))
    top = [b for b in (header, lead) if b]
    sources = blocks.row(kit, ("sources", area.w, len(content.sources)),
                         lambda: sources_block(kit, content.sources, area.w))
    below = [*(blocks.wide(kit, s, area.w) for s in content.wide),
             *(b for b in (sources,) if b)]
    footer = blocks.row(kit, ("footer", area.w),
                        lambda: footer_block(kit, content.outline, area.w))
    room = area.h - sum(b.height + ROW_GAP for b in (*top, *below))
    room -= footer.height + ROW_GAP * 0.75 if footer else 0.0
    gap = kit.body * 1.4
    grid = [*(lead_column(kit, content, column, room, gap) if lead is None else ()),
            *(blocks.section(kit, s, column) for s in content.sections)]
    columns = split(grid, gap, count)
    tallest = max(column_height(c, gap) for c in columns)
    if tallest > room + 0.01:
        return None
    room = room if room - tallest <= area.h * SLACK else tallest
    grid_top = area.y + sum(b.height + ROW_GAP for b in top)
    return (*_place_rows(top, area.x, area.y),
            *(shape for i, blocks in enumerate(columns)
              for shape in _place_column(blocks, area.x + i * (column + GUTTER), grid_top,
                                         room, gap)),
            *_place_rows(below, area.x, grid_top + room + ROW_GAP),
            *(placed(footer, area.x, area.bottom - footer.height) if footer else ()))




def split(blocks: Sequence[Block], gap: float, count: int) -> list[list[Block]]:
    """Return ``blocks`` in order split into ``count`` columns, the tallest as short as can be
    (``columns.column_breaks``)."""
    edges = [0, *column_breaks([b.height for b in blocks], gap, count), len(blocks)]
    return [list(blocks[a:b]) for a, b in itertools.pairwise(edges)]
def column_height(blocks: Sequence[Block], gap: float) -> float:
    """Return the height of ``blocks`` stacked with ``gap``."""
    return sum(b.height for b in blocks) + gap * max(0, len(blocks) - 1)


def _place_rows(blocks: Sequence[Block], x: float, y: float) -> Iterator[Shape]:
    """Return the shapes of full-width rows placed one under the other from (x, y)."""
    for block in blocks:
        yield from placed(block, x, y)
        y += block.height + ROW_GAP


def _place_column(blocks: Sequence[Block], x: float, y: float, room: float,
                  gap: float) -> Iterator[Shape]:
    """Return one grid column placed at (x, y), gaps widened a little to fill ``room``."""
    slack = room - column_height(blocks, gap)
    extra = min(gap, slack / (len(blocks) - 1)) if len(blocks) > 1 else 0.0
    for block in blocks:
        yield from placed(block, x, y)
        y += block.height + gap + extra

