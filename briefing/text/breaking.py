"""Line breaking: where a line may end (UAX #14 strict, i.e. kinsoku), phrases for headings."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Sequence

from uniseg.linebreak import line_break, line_break_units

# JIS X 4051 / JLREQ: characters that must not start a line, and that must not end one.
NO_LINE_START = frozenset(
    "、。，．,.)）]］}｝〕〉》」』】〙〗〟’”｠»・：；:;？！?!ー‐゠–〜～"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻ゝゞヽヾ"
    "％‰℃°′″")  # postfixed units stay with their number
NO_LINE_END = frozenset("(（[［{｛〔〈《「『【〘〖〝‘“｟«＄￥￡€№")  # and prefixed units

Measure = Callable[[str], float]


def break_units(text: str) -> list[str]:
    """Return ``text`` cut at every allowed line-break opportunity (UAX #14, kinsoku-safe)."""
    return list(_break_units(text))


@functools.lru_cache(maxsize=65_536)
def _break_units(text: str) -> tuple[str, ...]:
    """Return the break units of ``text`` (cached: fitting asks for the same text often).

    Runs of CJK characters break between any two characters; other runs (Latin words,
    numbers, symbols, emoji) go through UAX #14 one word at a time; spaces end a unit.
    Kinsoku then joins what must not be separated.
    """
    units: list[str] = []
    position = 0
    for piece, seam in _pieces(text):
        if units and (piece[0] in NO_LINE_START or units[-1].rstrip()[-1:] in NO_LINE_END
                      or piece.isspace()
                      or (seam and not _breakable(text, position))):
            units[-1] += piece
        else:
            units.append(piece)
        position += len(piece)
    return tuple(units)


SEAM_CONTEXT = 4
# Classes whose break opportunity after a space depends on context (UAX #14 LB7-LB19a).
CONTEXT_CLASSES = frozenset({"CL", "CP", "EX", "IS", "SY", "QU", "SP", "ZW", "GL", "BK", "CR",
                             "LF", "NL", "CM", "ZWJ", "WJ", "B2", "IN", "HY", "BA", "NS"})


@functools.lru_cache(maxsize=4096)
def _line_break_class(char: str) -> str:
    """Return the UAX #14 line-break class of ``char``."""
    return str(line_break(char))


def _breakable(text: str, position: int) -> bool:
    """Return whether UAX #14 allows a break before ``text[position]``, a seam of two runs."""
    before, after = text[position - 1], text[position]
    if _script(before) == _script(after) == "cjk":
        classes = {_line_break_class(before), _line_break_class(after)}
        if classes <= IDEOGRAPHIC_CLASSES:
            return True
        if not classes & NUMERIC_AFFIX_CLASSES:
            return _pair_breakable(before, after)
    # CJK next to a plain Latin letter, digit or bracket: UAX #14 breaks either way.
    if _script(before) == "cjk" and _plain_ascii(after) and not _affix(before):
        return True
    if _script(after) == "cjk" and _plain_ascii(before) and not _affix(after):
        return True
    if before.isspace() and _line_break_class(after) not in CONTEXT_CLASSES:
        return True
    return _window_breakable(text[max(0, position - SEAM_CONTEXT):position],
                             text[position:position + SEAM_CONTEXT])


def _plain_ascii(char: str) -> bool:
    """Return whether ``char`` is an ASCII letter, digit or round or square bracket."""
    return char.isascii() and (char.isalnum() or char in "()[]")


def _affix(char: str) -> bool:
    """Return whether ``char`` is a numeric prefix or postfix (its breaks need context)."""
    return _line_break_class(char) in NUMERIC_AFFIX_CLASSES


IDEOGRAPHIC_CLASSES = frozenset({"ID", "CJ"})
NUMERIC_AFFIX_CLASSES = frozenset({"PR", "PO"})  # depend on a number before (LB25)


@functools.lru_cache(maxsize=65_536)
def _pair_breakable(before: str, after: str) -> bool:
    """Return whether UAX #14 allows a break between two CJK characters (cached by pair)."""
    return len(list(line_break_units(before + after))) > 1


@functools.lru_cache(maxsize=65_536)
def _window_breakable(left: str, right: str) -> bool:
    """Return whether UAX #14 allows a break between ``left`` and ``right`` (cached)."""
    offset = 0
    for unit in line_break_units(left + right):
        offset += len(unit)
        if offset >= len(left):
            return offset == len(left)
    return False


def _pieces(text: str) -> list[tuple[str, bool]]:
    """Return ``text`` as single CJK characters, runs of spaces, and UAX #14 units of words.

    Each piece comes with whether it starts a new run (a seam where two scripts meet).
    """
    pieces: list[tuple[str, bool]] = []
    start = 0
    for end in range(1, len(text) + 1):
        if end < len(text) and _script(text[end]) == _script(text[start]) == "other":
            continue
        run = text[start:end]
        if _script(run[0]) == "other":
            units = _word_units(text[start - 1:start], run, text[end:end + 1])
            pieces.extend((unit, index == 0) for index, unit in enumerate(units))
        else:
            pieces.append((run, True))
        start = end
    return pieces


def _script(char: str) -> str:
    """Return "cjk" for characters broken one by one, "space", or "other"."""
    if char == " ":
        return "space"
    code = ord(char)
    if (0x3000 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF
            or 0x31F0 <= code <= 0x31FF
            or (0xFF01 <= code <= 0xFF60 and not char.isalnum())):
        return "cjk"
    return "other"


def _word_units(before: str, word: str, after: str) -> tuple[str, ...]:
    """Return the UAX #14 units of ``word`` (no spaces, no CJK), given its neighbours."""
    if PLAIN_WORD.fullmatch(word):
        return (word,)
    return _uax14_word_units(before, word, after)


# Letters, digits and apostrophes, in brackets or followed by punctuation: UAX #14 allows no
# break inside such a word.
PLAIN_WORD = re.compile(r"[(\[]*[A-Za-z0-9']+(?:[.,:][A-Za-z0-9']+)*[)\]]*[,.;:!?]*")


@functools.lru_cache(maxsize=65_536)
def _uax14_word_units(before: str, word: str, after: str) -> tuple[str, ...]:
    """Return the UAX #14 units of ``word`` from uniseg, with its neighbours as context."""
    cuts = []
    offset = 0
    for unit in line_break_units(before + word + after):
        offset += len(unit)
        if len(before) < offset < len(before) + len(word):
            cuts.append(offset - len(before))
    bounds = [0, *cuts, len(word)]
    return tuple(word[a:b] for a, b in itertools.pairwise(bounds))


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


WIDOW = 0.15  # a last line shorter than this share of the width is pulled up a little
WIDOW_STEPS = (0.97, 0.94, 0.91, 0.88, 0.85)


def wrap_without_widow(units: Sequence[str], measure: Measure, width: float) -> list[str]:
    """Return ``units`` wrapped within ``width``, narrowed a little if the last line is a stub.

    A stub (a word or one or two characters alone on the last line) is pulled up to company
    by wrapping at a slightly smaller width, as long as that needs no extra line.
    """
    lines = wrap(units, measure, width)
    for factor in WIDOW_STEPS:
        if len(lines) < 2 or not _is_stub(lines[-1], measure, width):
            break
        trial = wrap(units, measure, width * factor)
        if len(trial) == len(lines):
            lines = trial
    return lines


def _is_stub(line: str, measure: Measure, width: float) -> bool:
    """Return whether ``line`` is too short to end a paragraph: two characters or one short word."""
    text = line.strip()
    if len(text) <= 2:
        return True
    one_word = " " not in text and not any(_script(c) == "cjk" for c in text)
    return one_word and measure(text) < width * WIDOW


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
