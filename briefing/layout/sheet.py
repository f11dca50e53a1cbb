"""Printed sheets (the one-pager, handout pages): their size and what is drawn on them."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from briefing.layout.boxes import PlacedLine, Shape, TextFrame, frame_lines

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
