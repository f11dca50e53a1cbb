"""Filling lines: greedy, balanced and stub-free wrapping of break units within a width.

A unit wider than a whole line is broken inside, in this order: at the typeset units inside a
phrase, at a URL's joints, and last of all at the box edge (the longest part that fits,
stepped back for kinsoku only while the line stays at least half full). ``Cut`` grades how a
wrapping broke its units, so that fitting can prefer a smaller size to a break inside one.
"""

from __future__ import annotations

import unicodedata
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from briefing.text.breaking import (
    NO_LINE_END,
    NO_LINE_START,
    Measure,
    typeset_units,
    url_joints,
)


class Cut(IntEnum):
    """How a wrapping broke its units: not at all, at a sanctioned place inside one (a typeset
    unit inside a phrase, a URL joint), or at the box edge (the last resort)."""

    WHOLE = 0
    INSIDE = 1
    EDGE = 2


@dataclass(frozen=True)
class Wrapped:
    """Lines of text and the worst cut they needed."""

    lines: tuple[str, ...]
    cut: Cut


# Lines by (measurer stamp, text, size, width, mode, avoid_widow), as ``briefing.text.fit``
# and ``briefing.text.ends`` wrap texts: those read from the user cache
# (``briefing.text.keptwork``), and those this process worked out, in the order it did.
LinesKey = tuple[str, str, float, float, str, bool]
KNOWN_LINES: dict[LinesKey, Wrapped] = {}
MADE_LINES: dict[LinesKey, Wrapped] = {}


def wrap(units: Sequence[str], measure: Measure, width: float) -> list[str]:
    """Return lines greedily filled with ``units`` within ``width`` (trailing spaces hang)."""
    return list(wrap_graded(units, measure, width).lines)


def wrap_graded(units: Sequence[str], measure: Measure, width: float) -> Wrapped:
    """Return lines greedily filled with ``units`` within ``width``, and the worst cut.

    A unit wider than a whole line is split (``split_unit``) and its parts wrapped in turn;
    one that cannot be split is cut at the box edge (``edge_cut``).
    """
    lines: list[str] = []
    current = ""
    cut = Cut.WHOLE
    queue = deque(units)
    while queue:
        unit = queue.popleft()
        if measure(unit.rstrip()) > width:
            parts = split_unit(unit)
            if parts is not None:
                cut = max(cut, Cut.INSIDE)
                queue.extendleft(reversed(parts))
                continue
            cut = Cut.EDGE
            if current.strip():
                lines.append(current.rstrip())
            head, rest = edge_cut(unit, measure, width)
            lines.append(head)
            current = ""
            if rest:
                queue.appendleft(rest)
            continue
        candidate = current + unit
        if not current or measure(candidate.rstrip()) <= width:
            current = candidate
            continue
        lines.append(current.rstrip())
        current = unit
    if current.strip() or not lines:
        lines.append(current.rstrip())
    return Wrapped(tuple(lines), cut)


def split_unit(unit: str) -> list[str] | None:
    """Return ``unit`` split at its typeset units (a phrase), else at its URL joints, or None
    when neither splits it."""
    for parts in (typeset_units(unit), url_joints(unit)):
        if len(parts) > 1:
            return parts
    return None


def edge_cut(text: str, measure: Measure, width: float) -> tuple[str, str]:
    """Return the head of ``text`` that fills a line at the box edge, and the rest.

    The cut steps back from the edge to the nearest place kinsoku allows, but only while the
    line stays at least half full; where no such place exists (a run of characters that may
    not start a line, ``ーーー…``) the cut is at the edge. A combining mark, a variation
    selector and what follows a zero-width joiner always stay with their base character.
    At least one character goes on the line.
    """
    edge = _longest_prefix(text, measure, width)
    cut = edge
    while cut > 1 and not _kinsoku_allows(text, cut):
        cut -= 1
        if measure(text[:cut]) < width / 2:
            cut = edge
            break
    if not _kinsoku_allows(text, cut):
        cut = edge
    while 1 < cut < len(text) and _inseparable(text, cut):
        cut -= 1
    return text[:cut].rstrip(), text[cut:].lstrip()


def _kinsoku_allows(text: str, cut: int) -> bool:
    """Return whether a line may end before ``text[cut]`` (JIS X 4051 line-start and
    line-end rules)."""
    return not (text[cut:].lstrip()[:1] in NO_LINE_START
                or text[:cut].rstrip()[-1:] in NO_LINE_END)


def _inseparable(text: str, cut: int) -> bool:
    """Return whether ``text[cut]`` belongs to the character before it (a combining mark,
    a variation selector, a zero-width joiner's partner)."""
    char = text[cut]
    return (unicodedata.combining(char) > 0 or "\ufe00" <= char <= "\ufe0f"
            or char == "\u200d" or text[cut - 1] == "\u200d"
            or unicodedata.category(char) == "Mn")


def _longest_prefix(text: str, measure: Measure, width: float) -> int:
    """Return the length of the longest prefix of ``text`` within ``width`` (at least 1)."""
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if measure(text[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low


WIDOW = 0.15  # a last line shorter than this share of the width is pulled up a little
WIDOW_STEPS = (0.97, 0.94, 0.91, 0.88, 0.85)


def wrap_without_widow(units: Sequence[str], measure: Measure, width: float) -> list[str]:
    """Return ``units`` wrapped within ``width``, narrowed a little if the last line is a stub."""
    return list(wrap_without_widow_graded(units, measure, width).lines)


def wrap_without_widow_graded(units: Sequence[str], measure: Measure,
                              width: float) -> Wrapped:
    """Return ``units`` wrapped within ``width``, narrowed a little if the last line is a stub.

    A stub (a word or one or two characters alone on the last line) is pulled up to company
    by wrapping at a slightly smaller width, as long as that needs no extra line and no
    worse cut.
    """
    wrapped = wrap_graded(units, measure, width)
    for factor in WIDOW_STEPS:
        if len(wrapped.lines) < 2 or not is_stub(wrapped.lines[-1], measure, width):
            break
        trial = wrap_graded(units, measure, width * factor)
        if len(trial.lines) == len(wrapped.lines) and trial.cut <= wrapped.cut:
            wrapped = trial
    return wrapped


def is_stub(line: str, measure: Measure, width: float) -> bool:
    """Return whether ``line`` is too short to end a paragraph: two characters or fewer, or
    one short Latin word."""
    text = line.strip()
    if len(text) <= 2:
        return True
    one_word = " " not in text and not any(_wide(c) for c in text)
    return one_word and measure(text) < width * WIDOW


def _wide(char: str) -> bool:
    """Return whether ``char`` is a wide (East Asian) character."""
    return unicodedata.east_asian_width(char) in "WF"


def balanced_wrap(units: Sequence[str], measure: Measure, width: float) -> list[str]:
    """Return the fewest lines within ``width``, with line lengths made as even as possible."""
    return list(balanced_wrap_graded(units, measure, width).lines)


def balanced_wrap_graded(units: Sequence[str], measure: Measure, width: float) -> Wrapped:
    """Return the fewest lines within ``width``, as even as possible, and the worst cut.

    The narrowest width that keeps the greedy line count and cut is found by bisection, from
    the widest unit (no narrower width keeps it whole) or, when a unit wider than a line is
    split between its typeset units anyway, from nothing (a phrase of nine characters eight
    to a line is set 5 + 4, not 8 + 1). Text cut at the box edge is left as greedily set: a
    narrower box would cut it against kinsoku where the line is not even full.
    """
    greedy = wrap_graded(units, measure, width)
    if len(greedy.lines) < 2:
        return greedy
    widest = max(measure(u.strip()) for u in units)
    low, high = (widest if widest <= width or greedy.cut == Cut.EDGE else 0.0), width
    best = greedy
    for _ in range(12):
        if high - low < 1.0:
            break
        middle = (low + high) / 2
        trial = wrap_graded(units, measure, middle)
        if len(trial.lines) <= len(greedy.lines) and trial.cut <= greedy.cut:
            best, high = trial, middle
        else:
            low = middle
    return best
