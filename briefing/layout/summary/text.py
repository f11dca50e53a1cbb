"""The one-pager's text blocks: paragraphs broken into lines as the deck breaks the text it
sets itself (phrases, whole words and numbers, kinsoku), bulleted lists on the deck's levels,
headings, and lines aligned in their frame."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from briefing.evolve import evolve
from briefing.geometry import Box
from briefing.layout.boxes import Align, Paragraph, Rule, TextFrame
from briefing.layout.summary.kit import Block, Ground, Kit
from briefing.layout.typeset import bullet_char, level_indent, level_size
from briefing.text.ends import is_short_end
from briefing.text.fit import wrap_heading, wrap_phrases
from briefing.text.markup import Span, parse_inline, text_of

# Narrower widths tried, as shares of the width, when a paragraph would still end on a line
# of two characters or fewer after the wrapper's own widow pass (which stops at 0.85).
END_STEPS = (0.82, 0.79, 0.76, 0.73, 0.7, 0.65, 0.6)


def lines_of(kit: Kit, text: str, size: float, width: float, heading: bool = False,
             ) -> tuple[str, ...]:
    """Return ``text`` broken into lines within ``width`` points at ``size``.

    Headings break between phrases and are balanced (``wrap_heading``); other text is filled
    with phrases (``wrap_phrases``: BudouX for Japanese, whole words, numbers, katakana words
    and URLs, kinsoku), and never ends on a line of two characters or fewer when a narrower
    width with as many lines, or failing that one more line, avoids it.
    """
    if heading:
        return tuple(wrap_heading(kit.measurer, text, size, width, kit.lang))
    lines = tuple(wrap_phrases(kit.measurer, text, size, width, kit.lang))
    if not is_short_end(lines):
        return lines
    fallback = None
    for factor in END_STEPS:
        trial = tuple(wrap_phrases(kit.measurer, text, size, width * factor, kit.lang))
        if not is_short_end(trial):
            if len(trial) == len(lines):
                return trial
            fallback = fallback or (trial if len(trial) == len(lines) + 1 else None)
    return fallback or lines


def paragraph(kit: Kit, text: str, size: float, width: float, color: str, *,
              bold: bool = False, heading: bool = False, indent: float = 0.0,
              space: float = 0.0, level: int = 0, spans: tuple[Span, ...] = (),
              align: Align = "l", on: Ground = "background") -> Paragraph:
    """Return a paragraph of ``text`` broken to ``width`` less ``indent``, in theme colour
    ``color`` as it reads on ground ``on`` (``Kit.ink``); given ``spans``, the paragraph is
    their text in their styles (``text`` is not used)."""
    text = text_of(spans) if spans else text
    lines = lines_of(kit, text, size, width - indent, heading)
    return Paragraph(text, lines, size, kit.ink(color, size, bold, on), level=level,
                     indent=indent, space_before=space, bold=bold, spans=spans, align=align)


def text_block(kit: Kit, paragraphs: Sequence[Paragraph], width: float, name: str,
               role: Literal["title", "subtitle", "body", "text"] = "text") -> Block:
    """Return a block holding one text frame just tall enough for ``paragraphs``."""
    frame = TextFrame(Box(0.0, 0.0, width, 0.0), tuple(paragraphs), kit.line, role=role,
                      lang=kit.lang, name=name)
    frame = evolve(frame, box=Box(0.0, 0.0, width, frame.text_height))
    return Block(width, frame.box.h, (frame,))


def line_block(kit: Kit, text: str, size: float, color: str, name: str,
               bold: bool = False) -> Block:
    """Return a one-line text block exactly as wide as ``text``."""
    width = kit.width(text, size)
    para = Paragraph(text, (text,), size, kit.ink(color, size, bold), bold=bold)
    return text_block(kit, [para], width, name)


def bullet_list(kit: Kit, items: Sequence[tuple[str, int]], width: float, size: float,
                name: str, marked: bool = False, on: Ground = "background") -> Block:
    """Return ``items`` (text, level) as a bulleted list set on the deck's levels (bullet
    characters, sizes, indents and spacing of ``briefing.layout.typeset``) on ground ``on``;
    ``marked`` texts are read as inline markup."""
    paragraphs = [_item(kit, text, level, width, size, index == 0, marked, on)
                  for index, (text, level) in enumerate(items)]
    return text_block(kit, paragraphs, width, name, role="body")


def _item(kit: Kit, text: str, level: int, width: float, size: float, first: bool,
          marked: bool = False, on: Ground = "background") -> Paragraph:
    """Return one list item: level 0 in the text colour with an accent bullet, deeper
    levels smaller and muted."""
    setting = kit.level(level)
    item_size = level_size(size, setting)
    space = 0.0 if first else setting.space_before * item_size
    para = paragraph(kit, text, item_size, width, "text" if level == 0 else "muted",
                     indent=level_indent(size, setting), space=space, level=level,
                     spans=parse_inline(text) if marked else (), on=on)
    return evolve(para, bullet=bullet_char(level),
                   bullet_color=kit.ink("accent" if level == 0 else "muted", item_size, on=on))


def heading_block(kit: Kit, text: str, width: float, rule: bool = True) -> Block:
    """Return a section title in the accent colour over a hairline rule."""
    para = paragraph(kit, text, kit.heading, width, "accent", bold=True, heading=True)
    frame = text_block(kit, [para], width, "Section title", role="title")
    if not rule:
        return frame
    y = frame.height + 2.0
    line = Rule(0.0, y, width, y, kit.color("line"), 0.6, name="Section rule")
    return Block(width, y + 0.3, (*frame.shapes, line))


def wrapped_block(kit: Kit, text: str, size: float, color: str, name: str, width: float,
                  bold: bool = False, align: Align = "l") -> Block:
    """Return ``text`` broken into lines within ``width`` as one frame as wide as its widest
    line, the lines aligned in it as ``align`` says."""
    lines = lines_of(kit, text, size, width)
    widest = max(kit.width(line, size) for line in lines)
    para = Paragraph(text, lines, size, kit.ink(color, size, bold), bold=bold, align=align)
    return text_block(kit, [para], widest, name)
