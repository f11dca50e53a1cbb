"""Printed sheets (the one-pager, handout pages): their size and what is drawn on them."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from briefing.layout.boxes import PlacedLine, Run, Shape, TextFrame, frame_lines

Paper = Literal["a4", "letter"]
# ISO 216 A4 (210 x 297 mm) and ANSI letter (8.5 x 11 in), in points.
PAPERS: dict[str, tuple[float, float]] = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}


@dataclass(frozen=True)
class Sheet:
    """A laid-out printed page: its size in points, shapes in z-order (text frames set, see
    ``briefing.layout.typeset``) and what was left out."""

    width: float
    height: float
    shapes: tuple[Shape, ...]
    omitted: tuple[str, ...]
    title: str
    lang: str
    baseline: float = 1.16  # ems from the top of a line to its baseline

    @functools.cached_property
    def placed(self) -> tuple[tuple[PlacedLine, ...], ...]:
        """Return the placed lines (``frame_lines``) of each shape, in order: none for a shape
        that is not a text frame. Worked out once: the PDF (its characters, then its drawing)
        and the PNG all draw the same lines."""
        return tuple(tuple(frame_lines(shape, self.baseline)) if isinstance(shape, TextFrame)
                     else () for shape in self.shapes)


def sheet_lines(sheet: Sheet, bullets: bool = False) -> Iterator[PlacedLine]:
    """Return every text line of ``sheet`` in drawing order (with bullets when ``bullets``)."""
    for lines in sheet.placed:
        yield from (line for line in lines if bullets or not line.bullet)


def paper_size(paper: Paper, landscape: bool) -> tuple[float, float]:
    """Return (width, height) in points of ``paper``, turned when ``landscape``."""
    width, height = PAPERS[paper]
    return (height, width) if landscape else (width, height)


# How far apart (points) two runs may end and start and still be drawn as one: layout sets a
# run where the one before it ends, to the float error of adding widths.
RUN_JOIN = 0.01


def joined_runs(runs: Sequence[Run], one_face: bool) -> list[Run]:
    """Return ``runs`` with each run that starts where the one before it ends, in the same
    face and style and neither a link, joined to it, for a renderer to draw as one piece of
    text: its glyphs fall where the separate runs put them (each follows the one before by
    its advance, as layout measured it). Runs differ by script alone where one face sets both
    (``one_face``): the Japanese seed's one-pager sets 142 runs in 98 lines, one per line once
    joined."""
    joined: list[Run] = []
    for run in runs:
        last = joined[-1] if joined else None
        if (last is not None and last.href is None and run.href is None
                and (last.bold, last.italic) == (run.bold, run.italic)
                and (one_face or last.east_asian == run.east_asian)
                and abs(last.x + last.width - run.x) <= RUN_JOIN):
            joined[-1] = replace(last, text=last.text + run.text, width=run.x + run.width - last.x)
        else:
            joined.append(run)
    return joined
