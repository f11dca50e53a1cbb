"""Paragraph ends: no paragraph ends on a line of two characters or fewer (``む。``, ``す。``),
nor, where it can be helped, breaks inside a katakana word (``コンサル / ティング``).

The deck's body text keeps word wrap on, so PowerPoint or LibreOffice chooses its line breaks,
and nothing in the text can steer them: LibreOffice 7 breaks Japanese text beside U+2060 WORD
JOINER, U+FEFF, U+200D, U+00A0 and U+2011 as if they were not there (rendered and read back
while choosing this mechanism). What both renderers honour is the width they wrap in: a
paragraph's right margin (``a:pPr marR``, ECMA-376 §21.1.2.2.7) or the text box's right
inset (``a:bodyPr rIns``, §21.1.2.1.1). So layout predicts the renderer's lines (UAX #14 with
kinsoku, greedy, as ``wrap_text`` does without its safety margin) and narrows the width until
the last line has company and no line ends inside a katakana word, keeping the line count.

A narrowing is taken only when it holds over a band of widths around it (``BAND``), since a
renderer's widths differ from summed advances by kerning and rounding.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Sequence

from briefing.text.breaking import break_units
from briefing.text.fonts import Measurer
from briefing.text.wrapping import KNOWN_LINES, MADE_LINES, wrap_graded

MIN_LAST_LINE = 3  # characters: a last line of two or fewer is a stub
STEP = 0.25  # em: how finely narrowings are tried
LIMIT = 0.2  # the largest narrowing, as a share of the width
BAND = (-0.25, 0.0, 0.25, 0.5)  # em around a width at which the last line must hold
RENDERER_EXACT = "exact"  # the mode of these lines among the wrappings kept (see keptwork)


def renderer_lines(measurer: Measurer, text: str, size: float, width: float) -> list[str]:
    """Return the lines a renderer wraps ``text`` into at ``size`` within ``width`` points
    (UAX #14 strict with kinsoku, greedy, no safety margin)."""
    return list(_renderer_lines(measurer, text, size, width))


@functools.lru_cache(maxsize=16_384)
def _renderer_lines(measurer: Measurer, text: str, size: float,
                    width: float) -> tuple[str, ...]:
    """Return the (cached) renderer lines of ``text``; lines an earlier process worked out
    (``KNOWN_LINES``) are taken as they are."""
    key = (measurer.stamp, text, size, width, RENDERER_EXACT, False)
    known = KNOWN_LINES.get(key)
    if known is None:
        known = wrap_graded(break_units(text), lambda s: measurer.width(s, size), width)
        MADE_LINES[key] = known
    return known.lines


def is_short_end(lines: Sequence[str]) -> bool:
    """Return whether a paragraph of several ``lines`` ends on two characters or fewer."""
    return len(lines) > 1 and len(lines[-1].strip()) < MIN_LAST_LINE


def end_margin(measurer: Measurer, text: str, size: float, width: float) -> float | None:
    """Return the right margin in points that keeps ``text`` from ending on a short line
    when a renderer wraps it at ``size`` in ``width`` points: 0.0 when it does not, None when
    no margin up to ``LIMIT`` of the width helps without adding a line.

    Use: set it as the paragraph's right margin (``a:pPr marR``, EMU = points x 12,700); the
    lines to predict are then ``renderer_lines`` at ``width`` less the margin.
    """
    return frame_end_margin(measurer, [(text, size, width)])


def frame_end_margin(measurer: Measurer,
                     paragraphs: Sequence[tuple[str, float, float]]) -> float | None:
    """Return one right margin in points for all ``paragraphs`` of a text box, each a
    (text, size, width) of a paragraph a renderer wraps (width: the box's text width less the
    paragraph's left margin), at which none ends on a short line, none breaks inside a
    katakana word (``cuts_katakana``) and none gains a line: 0.0 when none needs it, None when
    no margin up to ``LIMIT`` of the narrowest width serves all. When no margin serves both
    ends, the margin that serves the short lines alone is returned.

    Use: add it to the text box's right inset (``a:bodyPr rIns``), which every renderer
    honours; a paragraph's predicted lines are then ``renderer_lines`` at its width less the
    margin.
    """
    for faulty in (_faulty, is_short_end):
        if not any(_faulty_somewhere(measurer, faulty, *paragraph) for paragraph in paragraphs):
            return 0.0
        margin = _margin(measurer, paragraphs, faulty)
        if margin is not None:
            return margin
    return None


def _margin(measurer: Measurer, paragraphs: Sequence[tuple[str, float, float]],
            faulty: Callable[[Sequence[str]], bool]) -> float | None:
    """Return the smallest margin, in steps of STEP ems, at which no paragraph is ``faulty``
    or gains a line over its band, or None when none up to ``LIMIT`` of the width is."""
    counts = [len(_renderer_lines(measurer, *paragraph)) for paragraph in paragraphs]
    step = STEP * max(size for _, size, _ in paragraphs)
    margin = step
    while margin <= min(width for _, _, width in paragraphs) * LIMIT:
        if all(_holds(measurer, faulty, text, size, width - margin, count)
               for (text, size, width), count in zip(paragraphs, counts, strict=True)):
            return margin
        margin += step
    return None


def cuts_katakana(lines: Sequence[str]) -> bool:
    """Return whether a line break of ``lines`` falls inside a katakana word (セキュリティ
    コンサル / ティング): the line ends and the next starts with katakana or the long vowel
    mark. A renderer breaks between any two kana; a word is read as one."""
    return any(_katakana(before.rstrip()[-1:]) and _katakana(after[:1])
               for before, after in itertools.pairwise(lines))


def _katakana(char: str) -> bool:
    """Return whether ``char`` is a katakana letter or mark, full or half width (the middle
    dot ・ aside: it parts words, グローバル・パートナー)."""
    return bool(char) and char != "・" and ("\u30a1" <= char <= "\u30ff"
                                           or "\uff66" <= char <= "\uff9f")


def _faulty(lines: Sequence[str]) -> bool:
    """Return whether ``lines`` end short or break inside a katakana word."""
    return is_short_end(lines) or cuts_katakana(lines)


def _faulty_somewhere(measurer: Measurer, faulty: Callable[[Sequence[str]], bool], text: str,
                      size: float, width: float) -> bool:
    """Return whether ``text`` wraps ``faulty`` at ``width`` or anywhere in its band."""
    return any(faulty(_renderer_lines(measurer, text, size, width + offset * size))
               for offset in BAND)


def _holds(measurer: Measurer, faulty: Callable[[Sequence[str]], bool], text: str,
           size: float, width: float, count: int) -> bool:
    """Return whether ``text`` keeps at most ``count`` lines and wraps without a ``faulty``
    line over the band around ``width``."""
    for offset in BAND:
        lines = _renderer_lines(measurer, text, size, width + offset * size)
        if len(lines) > count or faulty(lines):
            return False
    return True
