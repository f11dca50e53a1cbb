"""Find fonts, load their metrics once and measure text through cached per-glyph advances."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fontTools.ttLib import TTFont, TTLibError

from briefing import diskcache
from briefing.errors import FontError

BUNDLED_FAMILY = "Noto Sans JP"


def bundled_font_path() -> Path:
    """Return the path of the bundled Japanese font (Noto Sans JP, SIL OFL 1.1)."""
    import pylopdf_fonts_jp

    return Path(pylopdf_fonts_jp.sans_path())


@dataclass(frozen=True)
class FontFile:
    """A font file (and face index within a collection) with its family name."""

    family: str
    path: Path
    index: int = 0


class Metrics:
    """Advance widths and vertical metrics of one font face, in em units.

    Reading the cmap of a large CJK face takes about 0.3 s (Noto Sans JP, measured), so the
    numbers are kept in the user cache folder (``briefing.diskcache``), keyed by the SHA-256
    of the font file and the face index, and read back from there.
    """

    def __init__(self, font: FontFile) -> None:
        table, digest = _cached_table(font)
        self.font = font
        self.digest = f"{digest}-{font.index}"  # names the face by its file's content
        upem = float(table["upem"])
        self._advance: dict[int, float] = {
            code: width / upem for code, width in zip(table["codes"], table["widths"],
                                                      strict=True)}
        self.ascent: float = table["ascent"] / upem
        self.descent: float = -table["descent"] / upem
        self.line_gap: float = table["line_gap"] / upem

    def covers(self, char: str) -> bool:
        """Return whether the font has a glyph for ``char``."""
        return ord(char) in self._advance

    def advance(self, char: str) -> float:
        """Return the advance of ``char`` in em; a missing glyph counts as a full em."""
        found = self._advance.get(ord(char))
        if found is not None:
            return found
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Cf"):
            return 0.0
        return 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.6


METRICS_FORMAT = "1"  # bump when the table below changes
METRICS_KEPT = 32


def _cached_table(font: FontFile) -> tuple[dict[str, Any], str]:
    """Return the metrics table of ``font`` from the cache (read from the font when missing)
    and the SHA-256 of its file."""
    try:
        key = diskcache.file_hash(font.path)
    except OSError as exc:
        raise FontError(f"cannot load font {font.path}: {exc.strerror or exc}") from None
    entry = diskcache.cache_folder("metrics") / f"{key[:32]}-{font.index}-v{METRICS_FORMAT}.json"
    data = diskcache.read(entry)
    if data is not None:
        with contextlib.suppress(ValueError):
            table: dict[str, Any] = json.loads(data)
            if table.keys() >= METRICS_KEYS:
                return table, key
    table = _read_table(font)
    diskcache.store(entry, json.dumps(table, separators=(",", ":")).encode(), METRICS_KEPT)
    return table, key


METRICS_KEYS = frozenset({"upem", "codes", "widths", "ascent", "descent", "line_gap"})


def _read_table(font: FontFile) -> dict[str, Any]:
    """Return the advances (font units, by code point) and vertical metrics of ``font``."""
    try:
        face = TTFont(str(font.path), fontNumber=font.index, lazy=True)
        cmap = face.getBestCmap() or {}
        widths = face["hmtx"].metrics
        hhea = face["hhea"]
        codes = sorted(cmap)
        return {"upem": face["head"].unitsPerEm, "codes": codes,
                "widths": [widths[cmap[code]][0] for code in codes],
                "ascent": hhea.ascent, "descent": hhea.descent, "line_gap": hhea.lineGap}
    except (OSError, TTLibError, KeyError, AssertionError) as exc:
        raise FontError(f"cannot load font {font.path}: {exc}") from None


@functools.lru_cache(maxsize=16)
def load_metrics(font: FontFile) -> Metrics:
    """Return the (cached) metrics of ``font``."""
    return Metrics(font)


# The code points PowerPoint sets in the East Asian typeface (inclusive ranges): CJK radicals
# to unified ideographs (with the CJK symbols and punctuation, kana and bopomofo), Hangul
# syllables, compatibility ideographs, vertical forms, half- and full-width forms, and the
# supplementary ideographic planes.
EAST_ASIAN_RANGES = ((0x2E80, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F),
                     (0xFF00, 0xFFEF), (0x20000, 0x3FFFF))
_EAST_ASIAN_RUN = re.compile(
    "([" + "".join(f"{chr(low)}-{chr(high)}" for low, high in EAST_ASIAN_RANGES) + "]+)")


def is_east_asian(char: str) -> bool:
    """Return whether PowerPoint would set ``char`` in the East Asian typeface."""
    return _EAST_ASIAN_RUN.match(char) is not None


def has_east_asian(text: str) -> bool:
    """Return whether any character of ``text`` is East Asian (see ``is_east_asian``)."""
    return _EAST_ASIAN_RUN.search(text) is not None


def east_asian_pieces(text: str) -> list[tuple[bool, str]]:
    """Return ``text`` cut where it changes between East Asian characters and the rest, as
    (East Asian, piece) in order; no piece is empty."""
    pieces = _EAST_ASIAN_RUN.split(text)  # the rest, East Asian, the rest, ...
    return [(index % 2 == 1, piece) for index, piece in enumerate(pieces) if piece]


_EM_WIDTHS: dict[tuple[FontFile, FontFile, float], dict[str, float]] = {}
_CHARS: dict[tuple[FontFile, FontFile], dict[str, tuple[float, bool | None]]] = {}

# The space a renderer puts where East Asian and other text meet, in ems of the font size.
# LibreOffice (editeng, ImpEditEngine::CreateLines) widens a text portion followed by a
# change of script by a fifth of the portion's height, which on slides (font-independent
# line height, 1.2 em) is 0.24 em. Measured: LibreOffice 7 rendered 日本NATO日本, あAあ,
# 日本2023年, 「NATO」, 100%日本 and more in Noto Sans JP and in Carlito beside Noto Sans JP
# at 12, 20, 28, 40, 60 and 100 pt; pdfplumber read 0.236-0.245 em more between each pair
# of glyphs across a change than their advances (tests/text/test_autospace.py renders it).
AUTOSPACE = 0.24


def script_changes(text: str) -> int:
    """Return how often East Asian and other characters meet in ``text``, spaces and format
    characters skipped (a space takes the script of the text before it, as in LibreOffice:
    日本 NATO has one change, like 日本NATO)."""
    if text.isascii():
        return 0
    changes = 0
    previous: bool | None = None
    for char in text:
        if char.isspace() or unicodedata.category(char) == "Cf":
            continue
        east_asian = is_east_asian(char)
        if previous is not None and east_asian != previous:
            changes += 1
        previous = east_asian
    return changes


class Measurer:
    """Measure text set in a Latin and an East Asian face: ``width`` and ``line_height``.

    Widths are sums of cached advances (no kerning), which errs on the wide side, plus
    ``autospace`` ems wherever East Asian and other text meet (``script_changes``), plus
    ``tracking`` points after every character (DrawingML ``spc``, ECMA-376 §21.1.2.3.9).
    ``line_spacing`` scales the faces' natural line height (ascent + descent). Measurers of
    the same faces share caches of widths and compare equal when their settings do.
    """

    def __init__(self, latin: FontFile, east_asian: FontFile, line_spacing: float = 1.0,
                 tracking: float = 0.0, capitals: bool = False,
                 autospace: float = AUTOSPACE) -> None:
        self.latin = load_metrics(latin)
        self.east_asian = load_metrics(east_asian)
        self.line_spacing = line_spacing
        self.tracking = tracking
        self.capitals = capitals
        self.autospace = autospace
        self._cache = _EM_WIDTHS.setdefault((latin, east_asian, autospace), {})
        # Per character: its advance in em, and whether it is East Asian (None: a space or
        # format character, which takes the script of the text before it).
        self._chars = _CHARS.setdefault((latin, east_asian), {})
        self._key = (latin, east_asian, line_spacing, tracking, capitals, autospace)
        # What the widths depend on, the same in every process: the faces' files and the
        # settings (line spacing aside). Text work kept on disk is keyed by it.
        self.stamp = hashlib.sha256(repr((self.latin.digest, self.east_asian.digest, tracking,
                                          capitals, autospace)).encode()).hexdigest()[:16]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Measurer) and other._key == self._key

    def __hash__(self) -> int:
        return hash(self._key)

    def with_spacing(self, line_spacing: float) -> Measurer:
        """Return a measurer for the same faces with another line spacing."""
        if line_spacing == self.line_spacing:
            return self
        return Measurer(self.latin.font, self.east_asian.font, line_spacing, self.tracking,
                        self.capitals, self.autospace)

    def with_tracking(self, tracking: float) -> Measurer:
        """Return a measurer for the same faces with ``tracking`` points after each character."""
        if tracking == self.tracking:
            return self
        return Measurer(self.latin.font, self.east_asian.font, self.line_spacing, tracking,
                        self.capitals, self.autospace)

    def with_capitals(self, capitals: bool) -> Measurer:
        """Return a measurer that sets text in capitals (``cap="all"``) when ``capitals``."""
        if capitals == self.capitals:
            return self
        return Measurer(self.latin.font, self.east_asian.font, self.line_spacing, self.tracking,
                        capitals, self.autospace)

    def with_autospace(self, autospace: float) -> Measurer:
        """Return a measurer that adds ``autospace`` ems where scripts meet (0 for a renderer
        that adds nothing there, such as the one-pager's PDF writer)."""
        if autospace == self.autospace:
            return self
        return Measurer(self.latin.font, self.east_asian.font, self.line_spacing, self.tracking,
                        self.capitals, autospace)

    @property
    def natural_line_height(self) -> float:
        """Return the faces' line height (ascent + descent of the East Asian face) in em."""
        return self.east_asian.ascent + self.east_asian.descent

    def em_width(self, text: str) -> float:
        """Return the width of ``text`` in em: advances and script changes (tracking aside)."""
        if self.capitals:
            text = text.upper()
        cached = self._cache.get(text)
        if cached is None:
            cached = self._measure(text)
            if len(self._cache) < 200_000:
                self._cache[text] = cached
        return cached

    def width(self, text: str, size: float) -> float:
        """Return the width of ``text`` in points at ``size`` points, tracking included."""
        width = self.em_width(text) * size
        return width + self.tracking * len(text) if self.tracking else width

    def _measure(self, text: str) -> float:
        """Return the advances of ``text`` and its script changes' space, in em."""
        table = self._chars
        total = 0.0
        changes = 0
        previous: bool | None = None
        for char in text:
            found = table.get(char)
            if found is None:
                east_asian = is_east_asian(char)
                face = self.east_asian if east_asian else self.latin
                weak = char.isspace() or unicodedata.category(char) == "Cf"
                found = table[char] = (face.advance(char), None if weak else east_asian)
            total += found[0]
            if found[1] is not None:
                if previous is not None and found[1] != previous:
                    changes += 1
                previous = found[1]
        return total + self.autospace * changes

    def line_height(self, size: float) -> float:
        """Return the distance between baselines in points at ``size`` points."""
        face = self.east_asian
        return (face.ascent + face.descent) * size * self.line_spacing

    def ascent(self, size: float) -> float:
        """Return the ascent in points at ``size`` points."""
        return self.east_asian.ascent * size

    def covers(self, char: str) -> bool:
        """Return whether one of the faces has a glyph for ``char``."""
        return self._face(char).covers(char) or char in "\n\t "

    def _face(self, char: str) -> Metrics:
        """Return the face PowerPoint would use for ``char``."""
        return self.east_asian if is_east_asian(char) else self.latin


@functools.lru_cache(maxsize=256)
def find_system_font(family: str) -> FontFile | None:
    """Return an installed font file whose family is ``family``, using fontconfig if present."""
    lines = _fc_match(family)
    if len(lines) < 4 or family.lower() not in lines[0].lower().split(","):
        return None
    return FontFile(family, Path(lines[2]), int(lines[3] or 0))


def _fc_match(pattern: str) -> list[str]:
    """Return fontconfig's best match for ``pattern`` as its family, style, file and face
    index, one a line; none when fc-match is missing or fails."""
    if shutil.which("fc-match") is None:
        return []
    try:
        result = subprocess.run(
            ["fc-match", "--format=%{family}\n%{style}\n%{file}\n%{index}", pattern],
            capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    return result.stdout.splitlines()


@functools.lru_cache(maxsize=256)
def bold_face(font: FontFile) -> FontFile:
    """Return the bold face of ``font``'s family when fontconfig finds one installed, else
    ``font`` itself.

    A style that sets its text bold (``b="1"``, ECMA-376 §21.1.2.3.9) is drawn with the
    family's bold face, whose letters are wider (Liberation Sans Bold sets "Context" at
    1.08 times the width of Regular, measured); a family with no bold face is drawn
    emboldened from its regular one, and measured with it.
    """
    lines = _fc_match(f"{font.family}:bold")
    if (len(lines) < 4 or font.family.lower() not in lines[0].lower().split(",")
            or "bold" not in lines[1].lower() or Path(lines[2]) == font.path):
        return font
    return FontFile(font.family, Path(lines[2]), int(lines[3] or 0))


# Open fonts drawn to the same advance widths as common Office fonts, so text measured with
# them breaks where it will in the original (Carlito and Caladea: Google's Crosextra fonts;
# Liberation: Red Hat's; each states its metric compatibility).
METRIC_COMPATIBLE = {
    "calibri": "Carlito", "cambria": "Caladea", "arial": "Liberation Sans",
    "helvetica": "Liberation Sans", "times new roman": "Liberation Serif",
    "times": "Liberation Serif", "courier new": "Liberation Mono",
    "arial narrow": "Liberation Sans Narrow",
}


def measuring_font(family: str) -> tuple[FontFile, str] | None:
    """Return a font that measures ``family`` exactly, and how it was found, or None.

    The family itself when it is installed (or is the bundled font), else an installed
    metric-compatible open font (``METRIC_COMPATIBLE``).
    """
    if not family:
        return None
    if family == BUNDLED_FAMILY:
        return FontFile(family, bundled_font_path()), "bundled"
    found = find_system_font(family)
    if found is not None:
        return found, "installed"
    substitute = METRIC_COMPATIBLE.get(family.casefold())
    if substitute:
        found = find_system_font(substitute)
        if found is not None:
            return found, f"measured with {substitute}"
    return None


def resolve_font(family: str, file: Path | None = None) -> FontFile:
    """Return the font file for ``family``: the given file, the bundled font or a system one."""
    if file is not None:
        if not file.is_file():
            raise FontError(f"font file {file} for '{family}' was not found")
        return FontFile(family, file)
    if family == BUNDLED_FAMILY:
        return FontFile(family, bundled_font_path())
    found = find_system_font(family)
    if found is None:
        raise FontError(
            f"font '{family}' is not installed and the theme gives no file for it; install it, "
            "give its file in the theme (under fonts: latin_file: or east_asian_file:), or "
            f"use '{BUNDLED_FAMILY}'")
    return found


def install_bundled_font() -> Path:
    """Return where the bundled font was copied for the current user (fontconfig refreshed)."""
    target = Path.home() / ".local" / "share" / "fonts"
    source = bundled_font_path()
    destination = target / source.name
    try:
        target.mkdir(parents=True, exist_ok=True)
        if not destination.exists() or destination.stat().st_size != source.stat().st_size:
            shutil.copyfile(source, destination)
    except OSError as exc:
        raise FontError(f"cannot install the font into {target}: {exc.strerror}") from None
    if shutil.which("fc-cache"):
        subprocess.run(["fc-cache", "-f", str(target)], check=False, capture_output=True)
    return destination
