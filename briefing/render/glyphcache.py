"""Glyph coverage masks for the one-pager's PNG, rendered by FreeType once and kept on disk.

The PNG stamps each glyph from a coverage mask rendered once per face, size, stroke and
quarter-pixel position. A first build renders about 960 of them for the seed's one-pager,
a fifth of its first-build work (0.06 s, measured with process time), and every new process
rendered them again. Masks depend only on the font file, FreeType and those parameters, so
they are kept in the user cache folder (``briefing.diskcache``): one file per face, size and
stroke, keyed by the SHA-256 of the font file and the Pillow and FreeType versions, read on
first use and written back when a render added masks.

A file holds records of ``<IBBHHhh`` (code point, x and y position in quarter pixels, width,
height, x and y offset) each followed by the mask's ``width * height`` bytes.
"""

from __future__ import annotations

import contextlib
import functools
import struct
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import PIL
from PIL import Image, ImageFont, features

from briefing import diskcache

FORMAT = "1"  # bump when the record layout changes
KEPT = 256  # glyph files kept; the least recently used go first
RECORD = struct.Struct("<IBBHHhh")

Mask = tuple[object, tuple[int, int]]  # a core "L" image and its offset from the pen


@dataclass
class _Glyphs:
    """The masks of one face, size and stroke: read from disk, and added since."""

    entry: Path
    masks: dict[tuple[str, int, int], Mask] = field(default_factory=dict)
    read: dict[tuple[str, int, int], tuple[int, int, int, int, int, int]] = field(
        default_factory=dict)  # masks on disk: (start, end, width, height, dx, dy) in stored
    added: dict[tuple[str, int, int], tuple[bytes, tuple[int, int], tuple[int, int]]] = field(
        default_factory=dict)
    stored: bytes = b""


_OPEN: dict[tuple[Path, int, float, float], _Glyphs] = {}
# Builds in threads of one process share the masks and the FreeType faces (not thread-safe).
_LOCK = threading.RLock()


def glyph_mask(path: Path, index: int, pixels: float, char: str, stroke: float, fx: float,
               fy: float) -> Mask:
    """Return the coverage of ``char`` in the face at ``path`` (``index`` in a collection) at
    ``pixels`` per em with an outline of ``stroke`` pixels, its baseline origin at ``(fx,
    fy)`` (quarter pixels) inside a pixel, and the mask's offset from that pixel: what
    Pillow's ``getmask2`` renders with ``anchor="ls"``."""
    with masks_of(path, index, pixels, stroke) as mask:
        return mask(char, fx, fy)


@contextlib.contextmanager
def masks_of(path: Path, index: int, pixels: float,
             stroke: float) -> Iterator[Callable[[str, float, float], Mask]]:
    """Yield a function of (char, fx, fy) returning ``glyph_mask`` of the face at ``path``
    at ``pixels`` per em with an outline of ``stroke`` pixels, holding the lock meanwhile:
    a run's glyphs are drawn with one lookup of their face, size and stroke."""
    with _LOCK:
        yield functools.partial(_glyph_mask, _glyphs(path, index, pixels, stroke), path, index,
                                pixels, stroke)


def _glyph_mask(glyphs: _Glyphs, path: Path, index: int, pixels: float, stroke: float,
                char: str, fx: float, fy: float) -> Mask:
    """Return the mask ``glyph_mask`` returns from ``glyphs``, the masks of its face, size
    and stroke (the lock held)."""
    key = (char, round(fx * 4), round(fy * 4))
    found = glyphs.masks.get(key)
    if found is None and key in glyphs.read:
        start, end, width, height, dx, dy = glyphs.read[key]
        core = Image.frombytes("L", (width, height), glyphs.stored[start:end]).im
        found = glyphs.masks[key] = (core, (dx, dy))
    if found is None:
        font = _font(path, index, pixels)
        core, offset = font.getmask2(char, "L", anchor="ls", stroke_width=stroke,
                                     start=(fx, fy))
        found = glyphs.masks[key] = (core, (int(offset[0]), int(offset[1])))
        glyphs.added[key] = (Image.Image()._new(core).tobytes(), core.size, found[1])
    return found


def keep_masks() -> None:
    """Write every glyph file that gained masks since it was read (nothing when the cache
    folder cannot be written)."""
    with _LOCK:
        _keep_masks()


def _keep_masks() -> None:
    """Write the glyph files that gained masks (the lock held)."""
    for glyphs in _OPEN.values():
        if glyphs.added:
            records = b"".join(RECORD.pack(ord(char), qx, qy, size[0], size[1], *offset) + data
                               for (char, qx, qy), (data, size, offset)
                               in glyphs.added.items())
            glyphs.stored += records
            glyphs.added.clear()
            diskcache.store(glyphs.entry, glyphs.stored, KEPT)


def _glyphs(path: Path, index: int, pixels: float, stroke: float) -> _Glyphs:
    """Return the masks of a face, size and stroke, read from disk on first use."""
    key = (path, index, pixels, stroke)
    glyphs = _OPEN.get(key)
    if glyphs is None:
        glyphs = _OPEN[key] = _read(_entry(path, index, pixels, stroke))
    return glyphs


def _entry(path: Path, index: int, pixels: float, stroke: float) -> Path:
    """Return the cache entry of a face, size and stroke."""
    versions = f"{PIL.__version__}-{features.version('freetype2')}"
    name = f"{diskcache.file_hash(path)}\0{index}\0{pixels!r}\0{stroke!r}\0{versions}"
    return diskcache.entry("glyphs", name.encode(), "", FORMAT)


def _read(entry: Path) -> _Glyphs:
    """Return the masks kept at ``entry``, found but not decoded (none when it is missing or
    damaged)."""
    data = diskcache.read(entry) or b""
    glyphs = _Glyphs(entry)
    offset = 0
    while offset + RECORD.size <= len(data):
        code, qx, qy, width, height, dx, dy = RECORD.unpack_from(data, offset)
        start = offset + RECORD.size
        end = start + width * height
        if end > len(data) or code > 0x10FFFF:
            return _Glyphs(entry)  # damaged: start again
        glyphs.read[(chr(code), qx, qy)] = (start, end, width, height, dx, dy)
        offset = end
    glyphs.stored = data[:offset]
    return glyphs


@functools.lru_cache(maxsize=64)
def _font(path: Path, index: int, pixels: float) -> ImageFont.FreeTypeFont:
    """Return the face at ``path`` at ``pixels`` size, laid out by advances alone (no shaping)."""
    return ImageFont.truetype(str(path), pixels, index=index,
                              layout_engine=ImageFont.Layout.BASIC)
