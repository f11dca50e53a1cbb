"""Printed sheets (the one-pager, handout pages): their size and what is drawn on them."""

from __future__ import annotations

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


def sheet_lines(sheet: Sheet, bullets: bool = False) -> Iterator[PlacedLine]:
    """Return every text line of ``sheet`` in drawing order (with bullets when ``bullets``)."""
    for shape in sheet.shapes:
        if isinstance(shape, TextFrame):
            yield from (line for line in frame_lines(shape, sheet.baseline)
                        if bullets or not line.bullet)


def paper_size(paper: Paper, landscape: bool) -> tuple[float, float]:
    """Return (width, height) in points of ``paper``, turned when ``landscape``."""
    width, height = PAPERS[paper]
    return (height, width) if landscape else (width, height)
