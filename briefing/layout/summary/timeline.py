"""The one-pager's timeline strip: dates over an axis with a dot per event, titles below;
events spaced evenly, or by their dates on a timeline with ``scale: time``."""

from __future__ import annotations

from collections.abc import Sequence

from briefing.geometry import Box
from briefing.layout.boxes import Align, Rect, Rule, Shape
from briefing.layout.summary.kit import EVENT_GAP, EVENT_MIN_WIDTH, Block, Kit, placed
from briefing.layout.summary.text import paragraph, text_block
from briefing.outline.dates import spread, time_positions
from briefing.outline.model import Event, Section

DOT = 6.0  # diameter of an event's dot, points
# On a time scale, labels are this share of an even cell wide, so that events close in time
# can sit close without their labels overlapping (an even cell leaves no room to move).
TIME_LABEL_SHARE = 0.7
LEADER_ROOM = 8.0  # points the dates rise when a label moved off its dot, so leaders slope


def strip_block(kit: Kit, section: Section, width: float) -> Block:
    """Return a timeline strip ``width`` points wide: dates over an axis with a dot per
    event, titles below; see ``event_places`` for where events go.

    An event's date and title form one label. A label that could not stay at its dot is
    joined to it by a leader from the dot up to the date, the dates raised by LEADER_ROOM
    so that the leader slopes away from the axis instead of lying along it.
    """
    events = section.events
    dots, labels, cell = event_places(section, width)
    aligns = [_align(dot, width, cell) for dot in dots]
    anchors = [x + DOT / 2 if align == "l" else x + cell - DOT / 2
               for x, align in zip(labels, aligns, strict=True)]
    moved = [abs(anchor - (dot + DOT / 2)) > 0.5 for dot, anchor in zip(dots, anchors,
                                                                         strict=True)]
    lift = LEADER_ROOM if any(moved) else 0.0
    dates = [text_block(kit, [paragraph(kit, e.date, kit.body, cell, "accent", bold=True,
                                        align=align)], cell, "Event date")
             for e, align in zip(events, aligns, strict=True)]
    details = [_event_detail(kit, e, cell, align) for e, align in zip(events, aligns,
                                                                       strict=True)]
    axis = max(d.height for d in dates) + 5.0 + lift
    top = axis + 7.0
    shapes: list[Shape] = [Rule(0.0, axis, width, axis, kit.color("line"), 1.2, name="Axis")]
    for index, (dot, x, date, detail) in enumerate(zip(dots, labels, dates, details,
                                                       strict=True)):
        shapes.append(Rect(Box(dot, axis - DOT / 2, DOT, DOT), kit.color("accent"),
                           shape="ellipse", name="Event"))
        if moved[index]:  # the label moved off its date: a leader joins them
            shapes.append(Rule(dot + DOT / 2, axis - DOT / 2, anchors[index],
                               axis - 5.0 - lift + 1.0, kit.color("muted"), 0.6,
                               name="Event leader"))
        shapes += [*placed(date, x, axis - 5.0 - lift - date.height), *placed(detail, x, top)]
    return Block(width, top + max(d.height for d in details), tuple(shapes))


def _align(dot: float, width: float, cell: float) -> Align:
    """Return how a label for the dot at ``dot`` is aligned: from the dot rightward, or,
    where the strip ends too soon for that, leftward to the dot's right edge."""
    return "l" if dot + cell <= width + 0.01 else "r"


def event_places(section: Section, width: float) -> tuple[list[float], list[float], float]:
    """Return where each event of ``section`` goes in a strip ``width`` points wide: the
    left edges of the dots, the left edges of the labels, and the labels' width.

    Evenly spaced events have dot and label together, in cells of equal width with
    EVENT_GAP between them. With ``scale: time`` a dot sits at its date (the first event at
    0, the last at ``width`` less the dot) and the labels, narrower (TIME_LABEL_SHARE, at
    least EVENT_MIN_WIDTH), start at their dots (the last ones no further right than the
    strip allows), moved as little as ``outline.dates.spread`` needs to keep a label and a
    gap between the starts of two.
    """
    events = section.events
    count = len(events)
    even = (width - EVENT_GAP * (count - 1)) / count
    positions = time_positions([e.date for e in events]) if section.scale == "time" else None
    if positions is None or count < 2:
        cells = [index * (even + EVENT_GAP) for index in range(count)]
        return cells, cells, even
    cell = min(even, max(EVENT_MIN_WIDTH, even * TIME_LABEL_SHARE))
    apart = spread(positions, (DOT + 2.0) / (width - DOT))  # days in a row would overlap
    dots = [p * (width - DOT) for p in apart]
    return dots, _label_edges(dots, width, cell), cell


def _label_edges(dots: Sequence[float], width: float, cell: float) -> list[float]:
    """Return the left edges of labels ``cell`` wide, each wanted at its dot's left edge
    (``dots``, ascending) and within ``width``, spread apart by at least a label and
    EVENT_GAP."""
    room = width - cell
    wanted = [(dot if _align(dot, width, cell) == "l" else max(0.0, dot + DOT - cell)) / room
              for dot in dots]
    return [p * room for p in spread(wanted, (cell + EVENT_GAP) / room)]


def _event_detail(kit: Kit, event: Event, width: float, align: Align = "l") -> Block:
    """Return an event's title and, when kept, its description."""
    paras = [paragraph(kit, event.title, kit.sub, width, "text", bold=True, heading=True,
                       align=align)]
    if event.text:
        paras.append(paragraph(kit, event.text, kit.small, width, "muted", space=2.0,
                               align=align))
    return text_block(kit, paras, width, "Event")
