"""The typesetting model the deck and the printed sheets share: bullet characters, how each
outline level is sized and indented, and setting lines into measured runs.

The deck writes bullets and indents into the slide (``a:buChar``, ``marL``) and the renderer
draws them; the one-pager and the handout draw their text themselves. Both take the same
characters and the same levels, so a point looks alike on a slide and on paper.
"""

from __future__ import annotations

from dataclasses import replace

from briefing.layout.boxes import Paragraph, Run, TextFrame
from briefing.text.fit import Level, default_levels
from briefing.text.fonts import Measurer, east_asian_pieces
from briefing.text.markup import Span

BULLETS = ("•", "–")  # level 0 and level 1 (and deeper) bullet characters
# How far a bullet hangs to the left of its text, in ems of the base size: the first level's
# margin (a bullet sits at the frame's edge and its text 1.1 em in, as the deck sets it).
HANG_EM = default_levels(0.0)[0].margin_em


def levels(paragraph_space: float) -> tuple[Level, ...]:
    """Return how bulleted paragraphs of each outline level are set (``text.fit`` levels:
    size over the base size, margin in points and ems, space before in ems)."""
    return default_levels(paragraph_space, bullets=True)


def level_of(paragraph_space: float, level: int) -> Level:
    """Return the setting of outline ``level`` (the deepest known for deeper ones)."""
    known = levels(paragraph_space)
    return known[min(level, len(known) - 1)]


def level_size(base: float, level: Level) -> float:
    """Return the size of a paragraph of ``level`` under ``base`` points (0.1 pt steps, as
    ``text.fit.layout_items`` rounds them for the deck)."""
    return round(base * level.scale, 1)


def level_indent(base: float, level: Level) -> float:
    """Return where the text of a paragraph of ``level`` starts, in points from the frame's
    edge, under ``base`` points."""
    return level.margin + level.margin_em * base


def bullet_char(level: int) -> str:
    """Return the bullet of outline ``level``."""
    return BULLETS[min(level, len(BULLETS) - 1)]


def bullet_offset(paragraph: Paragraph) -> float:
    """Return where a paragraph's bullet starts, in points from the frame's edge: its text's
    start less the hang (``HANG_EM`` of the paragraph's size, at most the indent), as the
    deck writes ``marL`` and ``indent``."""
    return paragraph.indent - min(paragraph.size * HANG_EM, paragraph.indent)


def line_runs(measurer: Measurer, spans: tuple[Span, ...], size: float,
              bold: bool = False) -> tuple[Run, ...]:
    """Return one line's ``spans`` cut into runs of one script and style, each placed where
    the widths of the runs before it end (points at ``size``)."""
    runs: list[Run] = []
    x = 0.0
    for span in spans:
        if span.is_break:
            continue
        for east_asian, text in east_asian_pieces(span.text):
            width = measurer.width(text, size)
            runs.append(Run(text, x, width, east_asian, bold or span.bold, span.italic,
                            span.href))
            x += width
    return tuple(runs)


def set_paragraph(measurer: Measurer, paragraph: Paragraph) -> Paragraph:
    """Return ``paragraph`` with its lines set into runs and its bullet placed."""
    runs = tuple(line_runs(measurer, spans, paragraph.size, paragraph.bold)
                 for spans in paragraph.line_spans())
    bullet = None
    if paragraph.bullet:
        mark = line_runs(measurer, (Span(paragraph.bullet),), paragraph.size)
        bullet = replace(mark[0], text=paragraph.bullet, x=bullet_offset(paragraph),
                         width=sum(run.width for run in mark))
    return replace(paragraph, runs=runs, bullet_run=bullet)


def set_frame(measurer: Measurer, frame: TextFrame) -> TextFrame:
    """Return ``frame`` with every paragraph set (see ``set_paragraph``)."""
    return replace(frame, paragraphs=tuple(set_paragraph(measurer, p) for p in frame.paragraphs))
