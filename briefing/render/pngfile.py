"""Encode RGB pixels as a PNG file: every row unfiltered, deflated by ISA-L, chunks by pypng.

Pillow's PNG encoder tries all five row filters on every row and keeps the one with the
smallest sum of bytes (its "adaptive" filtering, with no option to turn it off for RGB). On a
one-pager, flat colour with text and one picture, that heuristic costs more than it saves.
Measured on the seed's one-pager at 110 dpi (909 x 1286 pixels), CPU time, best of seven:

- Pillow, ``compress_level=1``: 31.6 ms, 283 KB;
- unfiltered rows (filter type 0, PNG 2nd edition, 9.2) deflated by zlib at level 1:
  15.3 ms, 221 KB; at level 6: 33.6 ms, 213 KB;
- the same rows deflated by ISA-L (the ``isal`` package, zlib-compatible streams) at its
  level 2: 1.8 ms, 260 KB; zlib-ng at level 2: 6.2 ms, 250 KB.

The deflate stream is a zlib stream (RFC 1950) whichever library writes it; pypng writes the
signature, the header and the chunks around it with their CRCs.
"""

from __future__ import annotations

import io
import threading

import png
from isal import isal_zlib

ISAL_LEVEL = 2  # measured above: an eighth of zlib level 1's time for 18% more bytes
BYTES_PER_PIXEL = 3  # 8-bit RGB
NO_FILTER = b"\x00"  # the filter type byte that starts every row


def encode_rgb(pixels: bytes, width: int, height: int) -> bytes:
    """Return a PNG file of ``pixels``: ``height`` rows of ``width`` 8-bit RGB pixels, top row
    first (``PIL.Image.tobytes`` of an RGB image). No metadata: the same pixels, the same bytes.

    Raises ValueError when ``pixels`` does not hold exactly that many pixels.
    """
    stride = width * BYTES_PER_PIXEL
    if width <= 0 or height <= 0 or len(pixels) != stride * height:
        raise ValueError(f"{len(pixels)} bytes are not {width} x {height} RGB pixels")
    rows = _rows(width, height)
    view, line = memoryview(pixels), stride + 1
    for top in range(height):  # each row after its filter type byte, which stays NO_FILTER
        rows[top * line + 1:(top + 1) * line] = view[top * stride:(top + 1) * stride]
    buffer = io.BytesIO()
    png.Writer(width, height, greyscale=False, bitdepth=8).write_preamble(buffer)
    png.write_chunk(buffer, b"IDAT", isal_zlib.compress(rows, ISAL_LEVEL))
    png.write_chunk(buffer, b"IEND", b"")
    return buffer.getvalue()


# The rows of the last image encoded, kept per thread: a rebuild in ``watch`` encodes one of
# the same size, and a new 3.5 MB buffer each time cost the seed's rebuilds 3.4 to 5.1 ms of
# page faults and copying where filling a kept one costs 0.8 ms (process time, medians).
_KEPT = threading.local()


def _rows(width: int, height: int) -> bytearray:
    """Return this thread's buffer for ``height`` rows of ``width`` RGB pixels, each after a
    NO_FILTER byte (its pixels to be filled in)."""
    kept: tuple[tuple[int, int], bytearray] | None = getattr(_KEPT, "rows", None)
    if kept is None or kept[0] != (width, height):  # (another width puts the filter bytes
        # elsewhere, though the buffer may be as long)
        kept = _KEPT.rows = ((width, height),
                             bytearray((width * BYTES_PER_PIXEL + 1) * height))  # NO_FILTERs
    return kept[1]
