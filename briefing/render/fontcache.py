"""Embeddable font subsets, cached on disk: CFF faces given TrueType outlines glyph by glyph.

fpdf2 embeds CFF (.otf) fonts with a custom encoding CMap that pdfminer-based tools cannot read,
so their text could not be extracted; TrueType outlines embed with Identity-H. Converting the
seed one-pager's 277 glyphs of Noto Sans JP through a fontTools subset took 1.6 s of every
build (measured with cProfile), so the work is kept in the user cache folder
(``briefing.diskcache``), keyed by the SHA-256 of the font file and the face index:

- a *skeleton*: the face's tables (names, metrics, OS/2) with no glyph but .notdef, made once;
- a *glyph store*: each character's TrueType glyph, converted the first time it is used
  (about 1 ms a glyph) and kept;
- the *subset* of one set of characters, assembled from the two without recomputing a box.

An edit that brings a new character therefore converts that one glyph, not the whole subset.
TrueType faces are subset by fontTools, once per set of characters, and kept the same way.
When the cache folder cannot be written, everything goes to a temporary folder of this process.
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import functools
import hashlib
import io
import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing import diskcache
from briefing.text.fonts import FontFile

FORMAT = "2"  # bump when the conversion changes, so stale entries are not reused
TRUETYPE_FORMAT = "1"  # bump when subsetting TrueType faces changes
SUBSET_FORMAT = "3"  # bump when assembling a subset changes (3: glyph names in post)
MAX_SUBSETS = 200  # assembled subsets kept; the least recently used go first
MAX_ERROR = 1.0  # font units a quadratic outline may stray from the cubic one


def embeddable(font: FontFile, characters: str) -> FontFile:
    """Return a TrueType subset of ``font`` covering ``characters`` (characters the face
    lacks are left out, as fpdf2 would), kept in the user cache folder.

    A CFF face is converted glyph by glyph (see the module's docstring); a TrueType face is
    subset by fontTools as fpdf2 subsets it, glyph names kept. fpdf2 then reads a face a few
    kilobytes long instead of the whole font and has nothing left to subset: on a deck in a
    template whose fonts are Carlito and Noto Sans JP, fpdf2 spent 0.13 s of the one-pager
    reading Carlito whole and subsetting it (cProfile).
    """
    key = f"{diskcache.file_hash(font.path)[:32]}-{font.index}"
    wanted = "".join(sorted(set(characters)))
    if _is_cff(font.path, font.index):
        return FontFile(font.family, _subset(key, wanted, lambda: _converted(font, key, wanted)))
    return FontFile(font.family, _subset(f"{key}-tt{TRUETYPE_FORMAT}", wanted,
                                         lambda: _truetype_subset(font, wanted)))


@functools.lru_cache(maxsize=16)
def _is_cff(path: Path, index: int) -> bool:
    """Return whether the face at ``path`` has CFF outlines."""
    from fontTools.ttLib import TTFont

    with TTFont(str(path), fontNumber=index, lazy=True) as face:
        return "CFF " in face


def _subset(key: str, characters: str, make: Callable[[], bytes]) -> Path:
    """Return the path of the subset of ``characters`` of the face ``key`` names, made by
    ``make`` when missing."""
    digest = hashlib.sha256(f"{FORMAT}.{SUBSET_FORMAT}\0{characters}".encode()).hexdigest()[:32]
    name = f"{key}-{digest}.ttf"
    for folder in _folders():
        if diskcache.present_beside(folder / name):
            return folder / name
    data = make()
    for folder in (*_folders(), _private_folder()):
        if diskcache.store_beside(folder / name, data, MAX_SUBSETS):
            return folder / name
    raise OSError(f"cannot write a font subset to {_private_folder()}")


def _converted(font: FontFile, key: str, characters: str) -> bytes:
    """Return the TrueType subset of ``characters`` of CFF ``font`` (``key`` names it),
    converting the glyphs not converted yet."""
    store = _store_of(font, key)
    store.cover(characters)
    return _assemble(store, characters)


# Tables fpdf2 drops when it subsets a face (fpdf.output, 2.8): layout, colour and bitmap
# tables a PDF does not use.
FPDF_DROPPED = ("FFTM", "GDEF", "GPOS", "GSUB", "MATH", "hdmx", "meta", "sbix", "CBDT",
                "CBLC", "EBDT", "EBLC", "EBSC", "SVG ", "CPAL", "COLR")


def _truetype_subset(font: FontFile, characters: str) -> bytes:
    """Return the subset of TrueType ``font`` fontTools makes for ``characters`` with the
    options fpdf2 subsets with (.notdef outline and the recommended glyphs kept, fpdf2's
    tables dropped), glyph names kept (see ``_name_glyphs``)."""
    from fontTools.subset import Options, Subsetter
    from fontTools.ttLib import TTFont

    options = Options(notdef_outline=True, recommended_glyphs=True, glyph_names=True)
    options.drop_tables += list(FPDF_DROPPED)
    with TTFont(str(font.path), fontNumber=font.index, recalcTimestamp=False) as face:
        subsetter = Subsetter(options)
        subsetter.populate(text=characters)
        subsetter.subset(face)
        buffer = io.BytesIO()
        face.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class Glyph:
    """One TrueType glyph: compiled glyf data, advance and left side bearing (font units),
    point and contour counts (for maxp) and its box."""

    data: bytes
    advance: int
    lsb: int
    points: int
    contours: int
    box: tuple[int, int, int, int]


class GlyphStore:
    """The converted glyphs of one CFF face, by code point; read from and saved to the cache."""

    def __init__(self, font: FontFile, key: str) -> None:
        self.font = font
        self.entry = diskcache.cache_folder("fonts") / f"{key}-glyphs-v{FORMAT}.json"
        self.skeleton = b""
        self.glyphs: dict[int, Glyph] = {}
        self.missing: set[int] = set()
        self._load()

    def cover(self, characters: str) -> None:
        """Convert and keep the glyphs of ``characters`` not converted yet."""
        new = [ord(c) for c in characters
               if ord(c) not in self.glyphs and ord(c) not in self.missing]
        if not new and self.skeleton:
            return
        face = _cff_face(self.font.path, self.font.index)
        if not self.skeleton:
            self.skeleton = _skeleton(self.font)
        cmap = face.getBestCmap() or {}
        glyph_set = face.getGlyphSet()
        widths = face["hmtx"].metrics
        for code in new:
            name = cmap.get(code)
            if name is None:
                self.missing.add(code)
            else:
                self.glyphs[code] = _converted_glyph(glyph_set[name], widths[name][0])
        self._save()

    def _load(self) -> None:
        """Read the store from the cache, when it is there and whole."""
        data = diskcache.read(self.entry)
        if data is None:
            return
        with contextlib.suppress(ValueError, KeyError, TypeError):
            table = json.loads(data)
            self.skeleton = base64.b64decode(table["skeleton"])
            self.glyphs = {int(code): Glyph(base64.b64decode(g[0]), g[1], g[2], g[3], g[4],
                                            tuple(g[5]))
                           for code, g in table["glyphs"].items()}
            self.missing = set(table["missing"])

    def _save(self) -> None:
        """Write the store to the cache (atomically; a failure only loses the cache)."""
        table: dict[str, Any] = {
            "skeleton": base64.b64encode(self.skeleton).decode(),
            "glyphs": {str(code): [base64.b64encode(g.data).decode(), g.advance, g.lsb,
                                   g.points, g.contours, list(g.box)]
                       for code, g in self.glyphs.items()},
            "missing": sorted(self.missing)}
        diskcache.store(self.entry, json.dumps(table, separators=(",", ":")).encode(), 64)


@functools.lru_cache(maxsize=4)
def _store_of(font: FontFile, key: str) -> GlyphStore:
    """Return the process's glyph store of ``font`` (``key`` names its file and face)."""
    return GlyphStore(font, key)


@functools.lru_cache(maxsize=4)
def _cff_face(path: Path, index: int) -> Any:
    """Return the CFF face at ``path``, opened lazily once per process."""
    from fontTools.ttLib import TTFont

    return TTFont(str(path), fontNumber=index, lazy=True)


def _converted_glyph(glyph: Any, advance: int) -> Glyph:
    """Return the TrueType (quadratic) form of a CFF glyph, within MAX_ERROR font units."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    pen = TTGlyphPen(None)
    glyph.draw(Cu2QuPen(pen, max_err=MAX_ERROR, reverse_direction=True))
    outline = pen.glyph()
    glyf = newTable("glyf")
    glyf.glyphs = {}
    outline.recalcBounds(glyf)
    data = outline.compile(glyf, recalcBBoxes=False)
    if outline.numberOfContours == 0:
        return Glyph(data, advance, 0, 0, 0, (0, 0, 0, 0))
    box = (outline.xMin, outline.yMin, outline.xMax, outline.yMax)
    return Glyph(data, advance, outline.xMin, len(outline.coordinates),
                 outline.numberOfContours, box)


def _skeleton(font: FontFile) -> bytes:
    """Return the face's tables with TrueType outlines and no glyph but .notdef."""
    from fontTools.subset import Options, Subsetter
    from fontTools.ttLib import TTFont, newTable

    face = TTFont(str(font.path), fontNumber=font.index, recalcTimestamp=False)
    options = Options(notdef_outline=True, recommended_glyphs=False, name_IDs=["*"],
                      layout_features=[])
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx", "VORG", "DSIG"]
    subsetter = Subsetter(options)
    subsetter.populate(glyphs=[".notdef"])
    subsetter.subset(face)
    glyph_set = face.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = [".notdef"]
    notdef = _converted_glyph(glyph_set[".notdef"], face["hmtx"].metrics[".notdef"][0])
    glyf.glyphs = {".notdef": _glyf_glyph(notdef.data)}
    face["loca"] = newTable("loca")
    face["glyf"] = glyf
    del face["CFF "]
    face["head"].glyphDataFormat = 0
    face["post"].formatType = 3.0
    face.sfntVersion = "\x00\x01\x00\x00"
    _truetype_maxp(face["maxp"])
    buffer = io.BytesIO()
    face.save(buffer)
    return buffer.getvalue()


def _glyf_glyph(data: bytes) -> Any:
    """Return a glyf-table glyph holding compiled ``data`` (decoded only when needed)."""
    from fontTools.ttLib.tables._g_l_y_f import Glyph as GlyfGlyph

    return GlyfGlyph(data)


def _truetype_maxp(maxp: Any) -> None:
    """Turn a CFF font's short maxp table into the TrueType version (counts zeroed)."""
    fields = ("maxPoints", "maxContours", "maxCompositePoints", "maxCompositeContours",
              "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
              "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
              "maxComponentDepth")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for name in fields:
        setattr(maxp, name, 0)


def _assemble(store: GlyphStore, characters: str) -> bytes:
    """Return a TrueType font of the skeleton's tables and the stored glyphs of ``characters``.

    Boxes and maxp counts come from the stored glyphs, so nothing is recomputed on save.
    """
    from fontTools.ttLib import TTFont

    face = TTFont(io.BytesIO(store.skeleton), recalcBBoxes=False, recalcTimestamp=False)
    codes = [ord(c) for c in characters if ord(c) in store.glyphs]
    names = {code: f"g{code:X}" for code in codes}
    order = [".notdef", *names.values()]
    glyf = face["glyf"]
    hmtx = face["hmtx"]
    for code in codes:
        glyph = store.glyphs[code]
        glyf.glyphs[names[code]] = _glyf_glyph(glyph.data)
        hmtx.metrics[names[code]] = (glyph.advance, glyph.lsb)
    glyf.glyphOrder = order
    face.setGlyphOrder(order)
    face["cmap"] = _cmap(names)
    _name_glyphs(face["post"])
    _set_bounds(face, [store.glyphs[code] for code in codes])
    buffer = io.BytesIO()
    face.save(buffer)
    return buffer.getvalue()


def _name_glyphs(post: Any) -> None:
    """Keep the glyph names in the post table (format 2.0).

    Without names (format 3.0) every reader of the subset, fpdf2 among them, derives them
    from the cmap through fontTools' Adobe Glyph List, whose tables take 0.08 s to import and
    build: a tenth of a cold build of the seed (measured with cProfile).
    """
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}


def _cmap(names: dict[int, str]) -> Any:
    """Return a cmap table mapping code points to glyph names: format 4 for the BMP (Windows
    Unicode BMP), plus format 12 (Windows full Unicode) when a code point lies beyond it."""
    from fontTools.ttLib import newTable
    from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

    table = newTable("cmap")
    table.tableVersion = 0
    table.tables = []
    formats = [(4, 1)] + ([(12, 10)] if any(code > 0xFFFF for code in names) else [])
    for format_, encoding in formats:
        subtable = CmapSubtable.newSubtable(format_)
        subtable.platformID, subtable.platEncID, subtable.language = 3, encoding, 0
        subtable.cmap = {code: name for code, name in names.items()
                         if format_ == 12 or code <= 0xFFFF}
        table.tables.append(subtable)
    return table


def _set_bounds(face: Any, glyphs: list[Glyph]) -> None:
    """Set the head box and the maxp point and contour counts from ``glyphs``."""
    head, maxp, glyf = face["head"], face["maxp"], face["glyf"]
    notdef = glyf.glyphs[".notdef"]
    notdef.expand(glyf)
    boxes = [g.box for g in glyphs if g.contours]
    if notdef.numberOfContours:
        boxes.append((notdef.xMin, notdef.yMin, notdef.xMax, notdef.yMax))
    if boxes:
        head.xMin = min(b[0] for b in boxes)
        head.yMin = min(b[1] for b in boxes)
        head.xMax = max(b[2] for b in boxes)
        head.yMax = max(b[3] for b in boxes)
    notdef_points = len(notdef.coordinates) if notdef.numberOfContours > 0 else 0
    maxp.maxPoints = max([notdef_points, *(g.points for g in glyphs)])
    maxp.maxContours = max([max(notdef.numberOfContours, 0), *(g.contours for g in glyphs)])
    maxp.numGlyphs = len(glyphs) + 1


def _folders() -> tuple[Path, ...]:
    """Return the folders subsets may already be in: the user cache, then this process's."""
    return (diskcache.cache_folder("fonts"), *_PRIVATE)


_PRIVATE: list[Path] = []  # this process's temporary folder, once one was needed


def _private_folder() -> Path:
    """Return a temporary folder for this process (made on first use, removed at exit)."""
    if not _PRIVATE:
        _PRIVATE.append(Path(tempfile.mkdtemp(prefix="briefing-fonts-")))
        atexit.register(shutil.rmtree, _PRIVATE[0], True)
    return _PRIVATE[0]
