"""Line breaking: where a line may end (UAX #14 strict, i.e. kinsoku), phrases for headings."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Sequence

from uniseg.linebreak import line_break_units

# JIS X 4051 / JLREQ: characters that must not start a line, and that must not end one.
NO_LINE_START = frozenset(
    "、。，．,.)）]］}｝〕〉》」』】〙〗〟’”｠»・：；:;？！?!ー‐゠–〜～"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻ゝゞヽヾ")
NO_LINE_END = frozenset("(（[［{｛〔〈《「『【〘〖〝‘“｟«")

Measure = Callable[[str], float]


def break_units(text: str) -> list[str]:
    """Return ``text`` cut at every allowed line-break opportunity (UAX #14, kinsoku-safe)."""
    units: list[str] = []
    for unit in line_break_units(text):
        if units and (unit[0] in NO_LINE_START or units[-1].rstrip()[-1:] in NO_LINE_END):
            units[-1] += unit
        else:
            units.append(unit)
    return units


@functools.lru_cache(maxsize=1)
def _budoux_parser() -> object:
    """Return BudouX's Japanese phrase parser (loaded once)."""
    import budoux

    return budoux.load_default_japanese_parser()


def phrase_units(text: str, lang: str) -> list[str]:
    """Return ``text`` cut at phrase boundaries (BudouX for Japanese, words otherwise)."""
    if lang != "ja":
        return break_units(text)
    phrases: list[str] = _budoux_parser().parse(text)  # type: ignore[attr-defined]
    phrase_ends = set(itertools.accumulate(len(phrase) for phrase in phrases))
    # Break only where UAX #14 allows (Latin words whole, kinsoku) and BudouX ends a phrase
    # or a space separates words.
    units: list[str] = []
    end = 0
    glue = False
    for unit in break_units(text):
        if glue:
            units[-1] += unit
        else:
            units.append(unit)
        end += len(unit)
        glue = end not in phrase_ends and not unit[-1].isspace()
    return units


def wrap(units: Sequence[str], measure: Measure, width: float) -> list[str]:
    """Return lines greedily filled with ``units`` within ``width`` (trailing spaces hang).

    A unit wider than the line on its own is cut between characters, kinsoku still applied.
    """
    lines: list[str] = []
    current = ""
    for unit in units:
        candidate = current + unit
        if not current or measure(candidate.rstrip()) <= width:
            current = candidate
            if measure(current.rstrip()) > width:
                head, current = _cut_long(current, measure, width)
                lines.extend(head)
            continue
        lines.append(current.rstrip())
        current = unit
        if measure(current.rstrip()) > width:
            head, current = _cut_long(current, measure, width)
            lines.extend(head)
    if current.strip() or not lines:
        lines.append(current.rstrip())
    return lines


def _cut_long(text: str, measure: Measure, width: float) -> tuple[list[str], str]:
    """Return full lines cut from ``text`` between characters, and the remainder."""
    lines: list[str] = []
    while measure(text.rstrip()) > width and len(text) > 1:
        cut = _longest_prefix(text, measure, width)
        while 1 < cut < len(text) and (text[cut:].lstrip()[:1] in NO_LINE_START
                                       or text[:cut].rstrip()[-1:] in NO_LINE_END):
            cut -= 1
        lines.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    return lines, text


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


def balanced_wrap(units: Sequence[str], measure: Measure, width: float) -> list[str]:
    """Return the fewest lines within ``width``, with line lengths made as even as possible."""
    lines = wrap(units, measure, width)
    if len(lines) < 2:
        return lines
    low, high = max(measure(u.strip()) for u in units), width
    best = lines
    for _ in range(12):
        if high - low < 1.0:
            break
        middle = (low + high) / 2
        trial = wrap(units, measure, middle)
        if len(trial) <= len(lines):
            best, high = trial, middle
        else:
            low = middle
    return best


def breaks_kinsoku(lines: Sequence[str]) -> list[str]:
    """Return the lines that start with a no-start character or end with a no-end one."""
    bad = [line for line in lines[1:] if line and line[0] in NO_LINE_START]
    bad += [line for line in lines[:-1] if line and line[-1] in NO_LINE_END]
    return bad
