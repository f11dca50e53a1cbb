"""The one-page summary: every block of the printable briefing sheet positioned on one page.

Modules, one job each: ``keep`` (what a cut of the outline keeps and leaves out), ``kit``
(measures and block geometry), ``text`` (paragraphs, lists, headings), ``kinds`` (a block per
kind of section content), ``timeline`` (the strip), ``rows`` (title band, bottom line,
sources, footer), ``compose`` (the page from blocks) and ``search`` (the cut and size that
fit).
"""

from briefing.layout.boxes import PlacedLine, frame_lines, paragraph_tops
from briefing.layout.sheet import PAPERS, Paper, Sheet, paper_size, sheet_lines
from briefing.layout.summary.search import layout_summary

__all__ = ["PAPERS", "Paper", "PlacedLine", "Sheet", "frame_lines", "layout_summary",
           "paper_size", "paragraph_tops", "sheet_lines"]
