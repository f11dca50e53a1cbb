"""The PNG encoder: Pillow decodes what it writes to the same pixels, every row unfiltered."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from briefing.render.pngfile import encode_rgb


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """Return the (type, data) chunks of a PNG file, read by the PNG specification (5.3)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    found, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + length]
        assert struct.unpack(">I", data[at + 8 + length:at + 12 + length])[0] \
            == zlib.crc32(kind + body)
        found.append((kind, body))
        at += 12 + length
    return found


def pixels(width: int, height: int) -> bytes:
    """Return RGB pixels that differ along both axes, so a swapped row or column shows."""
    return bytes((x * 7 + y * 13 + channel * 50) % 256
                 for y in range(height) for x in range(width) for channel in range(3))


@pytest.mark.parametrize(("width", "height"), [(1, 1), (5, 3), (300, 41)])
def test_pillow_reads_back_the_same_pixels(width: int, height: int) -> None:
    raw = pixels(width, height)
    with Image.open(io.BytesIO(encode_rgb(raw, width, height))) as image:
        assert image.format == "PNG" and image.mode == "RGB"
        assert image.size == (width, height)
        assert image.tobytes() == raw


def test_every_row_is_unfiltered_and_nothing_else_is_written() -> None:
    width, height = 17, 9
    raw = pixels(width, height)
    found = chunks(encode_rgb(raw, width, height))
    assert [kind for kind, _ in found] == [b"IHDR", b"IDAT", b"IEND"]  # no time, no text
    # IHDR: width, height, bit depth 8, colour type 2 (truecolour), no interlace
    assert found[0][1] == struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = zlib.decompress(found[1][1])
    stride = width * 3 + 1
    assert [rows[top] for top in range(0, len(rows), stride)] == [0] * height
    assert b"".join(rows[top + 1:top + stride] for top in range(0, len(rows), stride)) == raw


def test_the_same_pixels_give_the_same_bytes() -> None:
    raw = pixels(40, 20)
    assert encode_rgb(raw, 40, 20) == encode_rgb(bytes(raw), 40, 20)


@pytest.mark.parametrize(("size", "width", "height"), [(3 * 4, 2, 3), (0, 0, 0), (6, 2, -1)])
def test_pixels_that_do_not_fill_the_size_are_refused(size: int, width: int, height: int) -> None:
    with pytest.raises(ValueError, match="RGB pixels"):
        encode_rgb(bytes(size), width, height)


def test_images_encoded_one_after_another_each_keep_their_own_pixels() -> None:
    # Oracle: Pillow reading each file back. The rows are filled into a buffer kept from the
    # last image: one of the same size, a larger and a smaller one follow each other.
    # (2 x 4 and 1 x 7 pixels need buffers of one length, their filter bytes in other places.)
    for width, height, shift in ((30, 20, 0), (30, 20, 1), (50, 25, 2), (7, 4, 3), (30, 20, 4),
                                 (2, 4, 5), (1, 7, 6)):
        raw = bytes((value + shift) % 256 for value in pixels(width, height))
        with Image.open(io.BytesIO(encode_rgb(raw, width, height))) as image:
            assert image.tobytes() == raw
