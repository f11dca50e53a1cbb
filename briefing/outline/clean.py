"""Clean the text of an outline: drop invisible, unsafe and unshowable characters, say which.

Policy: characters that no reader can see or that break XML (controls, noncharacters, lone
surrogates, bidirectional controls, zero-width spaces) are removed when the outline is read,
each change a warning at its file:line:col. Characters the theme's fonts have no glyph for
(emoji, rare symbols) are removed after the fonts are known, in one warning that lists them; a
field left with nothing to show is refused.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from briefing.errors import OutlineError, Problem, Where
from briefing.outline.model import Outline

MAX_LISTED = 8
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                          "\u2066\u2067\u2068\u2069")
INVISIBLE = frozenset("\u180e\u200b\u2060\u2061\u2062\u2063\u2064\u206a\u206b\u206c\u206d"
                      "\u206e\u206f\ufeff\ufff9\ufffa\ufffb")
# Line breaks of every kind (a PowerPoint soft return U+000B, the Unicode line and paragraph
# separators, NEL) become "\n", a break inside the paragraph; a form feed becomes a space.
REPLACED = {"\t": " ", "\r": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n",
            "\x0b": "\n", "\x0c": " "}
# Fields whose text is a name or an address, not prose: the font never shows them.
AS_WRITTEN = frozenset({"path", "url", "theme", "template", "layout", "lang", "kind", "notes",
                        "alt"})


def _noncharacters() -> str:
    """Return a regular-expression class body matching every Unicode noncharacter."""
    planes = "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}"
                     for plane in range(17))
    return "\ufdd0-\ufdef" + planes


_UNWANTED = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\U000e0001\U000e0020-\U000e007f"
    + _noncharacters() + "".join(sorted(BIDI_CONTROLS | INVISIBLE)) + "]")
_SPACES = re.compile(" {2,}")
_AROUND_BREAK = re.compile(" *\n *")
_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
# What YAML refuses to read (outside the YAML 1.1 "printable" set): removed before parsing.
# The loader also reads U+000B and U+000C inside values, which text cleaning turns into a line
# break and a space. Written as the characters refused rather than the complement of those
# read: the same set, compiled in an eighth of the time (1.2 ms against 9.5 ms, measured).
_UNREADABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# Line and paragraph separators typed into the file: YAML would take them for the end of a
# line (and fold them into a space); as U+000B they stay inside the value as a break.
_SEPARATORS = re.compile("[\u2028\u2029]")
_CJK_COMPATIBILITY = re.compile("([\uf900-\ufaff\U0002f800-\U0002fa1f]+)")


def clean_text(text: str) -> tuple[str, list[str]]:
    """Return ``text`` without unsafe or invisible characters, in NFC, and what was removed.

    Tabs become spaces and every line break a newline, silently; each kind of removed
    character becomes one issue such as "removed 1 control character (U+0007)". Where
    anything was removed or replaced, runs of spaces close up and lines lose the spaces at
    their ends.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    removed: dict[str, Counter[str]] = {}
    if _UNWANTED.search(text):
        text = _SURROGATE_PAIR.sub(_join_pair, text)
        text = _UNWANTED.sub(lambda match: _replace(match.group(), removed), text)
        text = _AROUND_BREAK.sub("\n", _SPACES.sub(" ", text))
    return _nfc(text), [_describe(kind, chars) for kind, chars in removed.items()]


def _join_pair(match: re.Match[str]) -> str:
    """Return a surrogate pair written as two escapes as the one character it encodes."""
    high, low = (ord(char) for char in match.group())
    return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def _replace(char: str, removed: dict[str, Counter[str]]) -> str:
    """Return what ``char`` becomes, recording it in ``removed`` when it goes."""
    if char in REPLACED:
        return REPLACED[char]
    removed.setdefault(kind_of(char), Counter())[char] += 1
    return ""


def kind_of(char: str) -> str:
    """Return what kind of unwanted character ``char`` is, in words."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return "lone surrogate"
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return "noncharacter"
    if unicodedata.category(char) == "Cc":
        return "control character"
    if char in BIDI_CONTROLS:
        return "bidirectional control"
    return "invisible character"


def _describe(kind: str, chars: Counter[str]) -> str:
    """Return one issue: how many characters of ``kind`` were removed, and which."""
    total = sum(chars.values())
    codes = ", ".join(code_point(char) for char in list(chars)[:MAX_LISTED])
    more = f" and {len(chars) - MAX_LISTED} more" if len(chars) > MAX_LISTED else ""
    return f"removed {total} {kind}{'s' if total > 1 else ''} ({codes}{more})"


def code_point(char: str) -> str:
    """Return ``char`` as U+XXXX."""
    return f"U+{ord(char):04X}"


def _nfc(text: str) -> str:
    """Return ``text`` in NFC, except that CJK compatibility ideographs keep their shape."""
    if unicodedata.is_normalized("NFC", text):
        return text
    pieces = _CJK_COMPATIBILITY.split(text)
    return "".join(piece if index % 2 else unicodedata.normalize("NFC", piece)
                   for index, piece in enumerate(pieces))


def clean_source(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Return ``text`` without the characters YAML cannot read, and (line, column, issue)s.

    One issue per distinct character, at its first occurrence. U+2028 and U+2029 become
    U+000B, which the loader keeps inside a value and text cleaning makes a line break.
    """
    if _SEPARATORS.search(text):
        text = _SEPARATORS.sub("\x0b", text)
    if not _UNREADABLE.search(text):
        return text, []
    first: dict[str, int] = {}
    counts: Counter[str] = Counter()
    for match in _UNREADABLE.finditer(text):
        first.setdefault(match.group(), match.start())
        counts[match.group()] += 1
    issues = [(*_line_column(text, offset), _source_issue(char, counts[char]))
              for char, offset in first.items()]
    return _UNREADABLE.sub("", text), issues


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """Return the 1-based line and column of ``offset`` in ``text``."""
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def _source_issue(char: str, count: int) -> str:
    """Return the issue for ``count`` occurrences of an unreadable ``char``."""
    return _describe(kind_of(char), Counter({char: count}))


# --- characters the fonts cannot show -------------------------------------------------------


def drop_uncovered(outline: Outline, covers: Callable[[str], bool], source: Path,
                   locate: Callable[[tuple[str | int, ...]], Where] | None = None,
                   ) -> tuple[Outline, list[tuple[str, tuple[str | int, ...]]]]:
    """Return ``outline`` without characters ``covers`` rejects, and at most one warning
    with the data path of the first field it names (where the warning is placed).

    A grapheme cluster whose first character has no glyph goes whole (an emoji with its
    modifiers and joiners); other characters without a glyph go alone. Raise OutlineError
    naming every field of ``source`` that would be left empty, where ``locate`` (a data path
    to its file:line:col) says it is.
    """
    dropper = _Dropper(functools.cache(covers))
    data = dropper.walk(outline.model_dump(), ())
    if dropper.emptied:
        raise OutlineError([Problem(locate(at) if locate else Where(source),
                                    f"'{text}' has only characters the fonts cannot show; "
                                    "write it in words", dotted(at))
                            for at, text in dropper.emptied])
    if not dropper.removed:
        return outline, []
    return Outline.model_validate(data), [(dropper.warning(), dropper.first)]


class _Dropper:
    """Walks an outline's data, removing unshowable characters and noting where."""

    def __init__(self, covers: Callable[[str], bool]) -> None:
        self.covers = covers
        self.removed: Counter[str] = Counter()
        self.fields: list[str] = []
        self.first: tuple[str | int, ...] = ()
        self.emptied: list[tuple[tuple[str | int, ...], str]] = []

    def walk(self, data: Any, at: tuple[str | int, ...]) -> Any:
        """Return ``data`` with every prose string cleaned."""
        if isinstance(data, dict):
            return {key: value if key in AS_WRITTEN else self.walk(value, (*at, key))
                    for key, value in data.items()}
        if isinstance(data, list):
            return [self.walk(item, (*at, index)) for index, item in enumerate(data)]
        if isinstance(data, str):
            return self.text(data, at)
        return data

    def text(self, text: str, at: tuple[str | int, ...]) -> str:
        """Return ``text`` with the clusters the fonts cannot show removed."""
        if all(self.covers(char) for char in set(text)):
            return text
        kept = "".join(self._showable(text))
        if not self.fields:
            self.first = at
        self.fields.append(dotted(at))
        cleaned = _SPACES.sub(" ", kept).strip()
        if not cleaned:
            self.emptied.append((at, text))
        return cleaned

    def _showable(self, text: str) -> Iterator[str]:
        """Yield the parts of ``text`` the fonts can show, counting the rest."""
        from uniseg.graphemecluster import grapheme_clusters  # only text a font lacks

        for cluster in grapheme_clusters(text):
            if not self.covers(cluster[0]):
                self.removed[cluster] += 1
                continue
            for char in cluster[1:]:
                if not self.covers(char):
                    self.removed[char] += 1
            yield "".join(char for char in cluster if self.covers(char))

    def warning(self) -> str:
        """Return the one warning that lists what was removed and from where."""
        total = sum(self.removed.values())
        shown = ", ".join(_show(cluster) for cluster in list(self.removed)[:MAX_LISTED])
        more = (f" and {len(self.removed) - MAX_LISTED} more"
                if len(self.removed) > MAX_LISTED else "")
        fields = ", ".join(self.fields[:5]) + (
            f" and {len(self.fields) - 5} more" if len(self.fields) > 5 else "")
        return (f"removed {total} character{'s' if total > 1 else ''} the fonts cannot show: "
                f"{shown}{more} (in {fields})")


def _show(cluster: str) -> str:
    """Return a removed cluster as it looks followed by its code points."""
    visible = all(unicodedata.category(char)[0] not in "CZM" for char in cluster[:1])
    codes = " ".join(code_point(char) for char in cluster)
    return f"{cluster} ({codes})" if visible else codes


def dotted(at: tuple[str | int, ...]) -> str:
    """Return a data path as ``sections[2].points[0].text``."""
    text = ""
    for part in at:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
