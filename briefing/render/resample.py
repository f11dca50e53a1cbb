"""Pictures resampled to the pixel size a renderer draws them at, kept between runs.

Resampling the seed's 1600 x 900 map with Lanczos takes about 0.06 s for the one-pager's PDF
and as much again for its PNG, on every build (measured with cProfile); the results depend on
the picture's bytes and the size alone, so they are kept in the user cache folder
(``briefing.diskcache``), keyed by the SHA-256 of the picture, the size and the purpose, and
in memory for the rebuilds of ``watch``.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

from PIL import Image

from briefing import diskcache

CACHE_FORMAT = "1"  # bump when resampling changes, so stale results are not reused
KEPT = 64  # resampled pictures kept on disk; the least recently used go first
ROOM = 1.2  # a picture at most this much larger than needed (either edge) is left as it is
JPEG_QUALITY = 90


@functools.lru_cache(maxsize=32)
def print_copy(data: bytes, size: tuple[int, int]) -> bytes:
    """Return the encoded picture ``data`` (PNG or JPEG) re-encoded at ``size`` (width,
    height) pixels in its own format (JPEG at quality 90, else PNG), or ``data`` itself when
    it is not more than ROOM times larger than ``size`` on either edge.

    Raises PIL.UnidentifiedImageError when ``data`` is not a picture.
    """
    entry = _entry(data, size, "print")
    stored = diskcache.read(entry)
    if stored is not None:
        return data if stored == b"" else stored
    smaller = _print_copy(data, size)
    diskcache.store(entry, b"" if smaller is data else smaller, KEPT)
    return smaller


def _print_copy(data: bytes, size: tuple[int, int]) -> bytes:
    """Return ``data`` resampled to ``size`` (see ``print_copy``), computed."""
    with Image.open(io.BytesIO(data)) as image:
        if image.width <= size[0] * ROOM or image.height <= size[1] * ROOM:
            return data
        form = image.format or "PNG"
        smaller = image.resize(size, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    if form == "JPEG":
        smaller.save(buffer, format="JPEG", quality=JPEG_QUALITY)
    else:
        smaller.save(buffer, format="PNG", compress_level=1)  # the PDF deflates it again
    return buffer.getvalue()


@functools.lru_cache(maxsize=8)
def rgba_at(data: bytes, size: tuple[int, int]) -> Image.Image:
    """Return the encoded picture ``data`` decoded, converted to RGBA and resampled (Lanczos)
    to exactly ``size`` (width, height) pixels.

    Raises PIL.UnidentifiedImageError when ``data`` is not a picture.
    """
    entry = _entry(data, size, "rgba")
    stored = diskcache.read(entry)
    if stored is not None and len(stored) == size[0] * size[1] * 4:
        return Image.frombytes("RGBA", size, stored)
    with Image.open(io.BytesIO(data)) as source:
        pixels = source.convert("RGBA").resize(size, Image.Resampling.LANCZOS)
    diskcache.store(entry, pixels.tobytes(), KEPT)
    return pixels


def _entry(data: bytes, size: tuple[int, int], purpose: str) -> Path:
    """Return the cache entry of ``data`` at ``size`` for ``purpose``."""
    return diskcache.entry("pictures", data, f"{size[0]}x{size[1]}-{purpose}", CACHE_FORMAT)
