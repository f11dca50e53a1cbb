"""Break opportunities: where a line may end.

Three grades, from the renderer's own to the typesetter's: ``break_units`` (UAX #14 strict with
kinsoku: where PowerPoint and LibreOffice may break text they wrap themselves),
``typeset_units`` (the same with numbers, katakana words and URLs kept whole: for text the
layout breaks itself) and ``phrase_units`` (typeset units joined into BudouX phrases).
``url_joints`` gives the places a URL may break when it cannot fit a line whole.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence

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
    Kinsoku then joins what must not be separated. Units an earlier process worked out
    (``KNOWN_UNITS``) are taken as they are.
    """
    known = KNOWN_UNITS.get((BREAK, text))
    if known is not None:
        return known
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
    MADE_UNITS[(BREAK, text)] = made = tuple(units)
    return made


# Units by (kind, text), kind BREAK or PHRASE + language: those read from the user cache
# (``briefing.text.keptwork``), and those this process worked out, in the order it did.
KNOWN_UNITS: dict[tuple[str, str], tuple[str, ...]] = {}
MADE_UNITS: dict[tuple[str, str], tuple[str, ...]] = {}
BREAK, PHRASE = "b", "p:"


SEAM_CONTEXT = 4
# Classes whose break opportunity after a space depends on context (UAX #14 LB7-LB19a).
CONTEXT_CLASSES = frozenset({"CL", "CP", "EX", "IS", "SY", "QU", "SP", "ZW", "GL", "BK", "CR",
                             "LF", "NL", "CM", "ZWJ", "WJ", "B2", "IN", "HY", "BA", "NS"})


@functools.lru_cache(maxsize=4096)
def _line_break_class(char: str) -> str:
    """Return the UAX #14 line-break class of ``char``."""
    from uniseg.linebreak import line_break  # (imported when first needed: see keptwork)

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
    from uniseg.linebreak import line_break_units

    return len(list(line_break_units(before + after))) > 1


@functools.lru_cache(maxsize=65_536)
def _window_breakable(left: str, right: str) -> bool:
    """Return whether UAX #14 allows a break between ``left`` and ``right`` (cached)."""
    from uniseg.linebreak import line_break_units

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
    from uniseg.linebreak import line_break_units

    cuts: list[int] = []
    offset = 0
    for unit in line_break_units(before + word + after):
        offset += len(unit)
        if len(before) < offset < len(before) + len(word):
            cuts.append(offset - len(before))
    bounds = [0, *cuts, len(word)]
    return tuple(word[a:b] for a, b in itertools.pairwise(bounds))



# --- what stays whole when the layout breaks text itself --------------------------------------

DIGITS = "0-9０-９"
# Units and counters written after a number (JIS Z 8301 unit symbols, the common Japanese
# counters and currencies); longest first so that "か国" wins over "国".
NUMBER_SUFFIXES = ("ユーロ", "ポンド", "ウォン", "ドル", "か国", "カ国", "ヵ国", "ヶ国", "°C",
                   "%", "％", "‰", "℃", "°", "円", "元", "人", "名", "件", "個", "倍", "割",
                   "歳", "回", "年", "月", "日", "時", "分", "秒", "度", "号", "条", "位", "台",
                   "枚", "本", "冊", "点", "社", "国", "週", "泊", "兆", "億", "万", "千")
NUMBER = re.compile(
    rf"[#＃$＄€£¥￥₩第]?"                                  # a prefix: currency, ordinal 第
    rf"[{DIGITS}]+(?:[,.，．:：/][{DIGITS}]+)*"            # digits, separators, decimals
    rf"(?:[万億兆][{DIGITS}]+(?:[,.，．][{DIGITS}]+)*)*"  # 1億2000万
    rf"(?:{'|'.join(map(re.escape, NUMBER_SUFFIXES))})*")
# A katakana word: katakana and the prolonged sound mark, without the middle dot (・ parts the
# words of a compound, and a line may end after it).
KATAKANA_WORD = re.compile("[\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9f]{2,}")
# RFC 3986 characters, without brackets and quotes (they close a URL in running text).
URL = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.\-]*://|www\.)[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+")
URL_TRAILING = ".,;:!?"  # sentence punctuation after a URL is not part of it
URL_JOINTS = frozenset("/.-?&=_")  # a URL that cannot fit whole breaks only after these
MAY_KEEP = re.compile(rf"[{DIGITS}\u30a1-\u30ff\uff66-\uff9f]|://|www\.")


def kept_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) spans of ``text`` no line may break inside when the layout
    breaks it: numbers with their separators, decimals, currency and units (``¥12,000``,
    ``1,234,567,890円``, ``45%``, ``2023年``), katakana words and URLs.

    The numeric forms follow JLREQ §3.1.10 (unbreakable sequences); URLs break only at their
    joints (``url_joints``) when they cannot fit a line whole.
    """
    if not MAY_KEEP.search(text):
        return []
    spans = []
    for match in URL.finditer(text):
        end = match.end()
        while end > match.start() + 1 and text[end - 1] in URL_TRAILING:
            end -= 1
        spans.append((match.start(), end))
    for pattern in (NUMBER, KATAKANA_WORD):
        spans.extend(m.span() for m in pattern.finditer(text) if m.end() - m.start() > 1)
    return spans


def typeset_units(text: str) -> list[str]:
    """Return ``text`` cut where the layout may break it: ``break_units`` joined so that no
    kept span (``kept_spans``: numbers, katakana words, URLs) is cut."""
    return list(_typeset_units(text))


@functools.lru_cache(maxsize=65_536)
def _typeset_units(text: str) -> tuple[str, ...]:
    """Return the typeset units of ``text`` (cached)."""
    units = _break_units(text)
    spans = kept_spans(text)
    if not spans:
        return units
    inside: set[int] = set()
    for start, end in spans:
        inside.update(range(start + 1, end))
    joined: list[str] = []
    position = 0
    for unit in units:
        if joined and position in inside:
            joined[-1] += unit
        else:
            joined.append(unit)
        position += len(unit)
    return tuple(joined)


def url_joints(unit: str) -> list[str]:
    """Return ``unit`` cut after every URL joint (``/ . - ? & = _``) inside its URLs.

    A run of one joint character (``//``) is one joint; a unit without a URL comes back whole.
    """
    cuts: list[int] = []
    for start, end in kept_spans(unit):
        if not URL.match(unit, start):
            continue
        cuts.extend(i + 1 for i in range(start, end - 1)
                    if unit[i] in URL_JOINTS and unit[i + 1] != unit[i])
    bounds = [0, *sorted(set(cuts)), len(unit)]
    return [unit[a:b] for a, b in itertools.pairwise(bounds) if b > a]


@functools.lru_cache(maxsize=1)
def _budoux_parser() -> object:
    """Return BudouX's Japanese phrase parser (loaded once)."""
    import budoux

    return budoux.load_default_japanese_parser()


def phrase_units(text: str, lang: str) -> list[str]:
    """Return ``text`` cut at phrase boundaries: BudouX phrases for Japanese (Google's
    bunsetsu model), typeset units otherwise; kept spans and kinsoku always hold."""
    return list(_phrase_units(text, lang))


@functools.lru_cache(maxsize=65_536)
def _phrase_units(text: str, lang: str) -> tuple[str, ...]:
    """Return the phrase units of ``text`` (cached: fitting asks for them at every size);
    Japanese units an earlier process worked out (``KNOWN_UNITS``) are taken as they are."""
    if lang != "ja":
        return _typeset_units(text)
    known = KNOWN_UNITS.get((PHRASE + lang, text))
    if known is not None:
        return known
    phrases: list[str] = _budoux_parser().parse(text)  # type: ignore[attr-defined]
    phrase_ends = set(itertools.accumulate(len(phrase) for phrase in phrases))
    # BudouX now and then ends a phrase inside a kanji compound, leaving its last ideograph
    # alone (宣 / 言 in カーボンニュートラル宣言, 方 / 針 in 基本方針): such a phrase joins
    # the one before.
    phrase_ends -= {end for end, phrase in zip(phrase_ends_in_order(phrases), phrases[1:],
                                                strict=False)
                    if _lone_ideograph(phrase) and _ideograph(text[end - 1])}
    # Break only where the typesetter allows and BudouX ends a phrase or a space parts words.
    units: list[str] = []
    end = 0
    glue = False
    for unit in _typeset_units(text):
        if glue:
            units[-1] += unit
        else:
            units.append(unit)
        end += len(unit)
        glue = end not in phrase_ends and not unit[-1].isspace()
    MADE_UNITS[(PHRASE + lang, text)] = made = tuple(units)
    return made


def phrase_ends_in_order(phrases: Sequence[str]) -> list[int]:
    """Return where each phrase but the last ends, in characters from the start."""
    return list(itertools.accumulate(len(phrase) for phrase in phrases[:-1]))


def _lone_ideograph(phrase: str) -> bool:
    """Return whether ``phrase`` is one ideograph (no-start characters after it aside)."""
    core = phrase.rstrip("".join(NO_LINE_START))
    return len(core) == 1 and _ideograph(core)


def _ideograph(char: str) -> bool:
    """Return whether ``char`` is a CJK ideograph (kanji)."""
    return _line_break_class(char) == "ID" and unicodedata.category(char) == "Lo" and (
        "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff")


def breaks_kinsoku(lines: Sequence[str]) -> list[str]:
    """Return the lines that start with a no-start character or end with a no-end one."""
    bad = [line for line in lines[1:] if line and line[0] in NO_LINE_START]
    bad += [line for line in lines[:-1] if line and line[-1] in NO_LINE_END]
    return bad
