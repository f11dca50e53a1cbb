"""Safe image loading: regular files only, size and pixel caps, normalised through Pillow.

An image is read once into memory (never more than MAX_FILE_BYTES), the pixels its header
claims checked against MAX_PIXELS before anything is decoded (a large JPEG's at the reduced
scale it is then decoded at: a 108-megapixel photo at a quarter of its width), then
oriented, converted to sRGB RGB(A), downscaled to MAX_EDGE and encoded afresh, so no
metadata (EXIF, GPS, XMP, ICC, text chunks) reaches the deck.
"""

from __future__ import annotations

import functools
import io
import json
import os
import stat
import warnings
import zlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms

from briefing import diskcache
from briefing.errors import AssetError, Problem
from briefing.outline.validate import LoadedOutline

MIB = 1024 * 1024
MAX_FILE_BYTES = 50 * MIB
MAX_PIXELS = 80_000_000
MAX_EDGE = 2400  # pixels on the long edge; a slide never shows more
JPEG_QUALITY = 85
FORMATS = ("PNG", "JPEG", "WEBP", "GIF", "BMP", "TIFF")
LOSSLESS = ("PNG", "GIF", "BMP")
ALPHA_MODES = ("RGBA", "LA", "PA", "RGBa", "La")
WIDE_MODES = ("I;16", "I;16B", "I;16L", "I;16N", "I")
ORIENTATION_TAG = 0x0112
TRANSPOSE = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
             4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
             6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
             8: Image.Transpose.ROTATE_90}
NONBLOCKING = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class ImageError(AssetError):
    """An image is missing, unsafe or unreadable; ``reason`` says why without naming it."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"image {path} {reason}")


@dataclass(frozen=True)
class PreparedImage:
    """Image bytes ready to embed (PNG or JPEG, no metadata) and their pixel size."""

    data: bytes
    mime: str
    width: int
    height: int
    source: Path

    @property
    def aspect(self) -> float:
        """Return width divided by height."""
        return self.width / self.height


def prepare_image(path: Path, max_edge: int = MAX_EDGE) -> PreparedImage:
    """Return the image at ``path`` oriented, converted to RGB(A), downscaled and stripped."""
    info = _regular_file(path, _stat(path))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Pillow's notes on odd files are not the user's concern
        return _prepare(path, diskcache.file_state(info), max_edge)


def check_images(loaded: LoadedOutline) -> None:
    """Prepare every image the outline names; raise one AssetError listing each bad one.

    Each problem names the image as written in the outline and where it is written.
    """
    problems = image_problems(loaded)
    if problems:
        raise AssetError("\n".join(str(problem) for problem in problems))


def image_problems(loaded: LoadedOutline) -> list[Problem]:
    """Return a Problem, at its place in the outline, for every image that cannot be used.

    Images that do not exist at all are left to the outline's own check (``missing_images``).
    """
    problems = []
    for index, section in enumerate(loaded.outline.sections):
        if section.image is None or not loaded.resolve(section.image.path).exists():
            continue
        try:
            prepare_image(loaded.resolve(section.image.path))
        except ImageError as exc:
            at = ("sections", index, "image", "path")
            problems.append(Problem(loaded.where(*at), f"image '{section.image.path}' "
                                    f"{exc.reason}", f"sections[{index}].image"))
    return problems


@functools.lru_cache(maxsize=64)
def _prepare(path: Path, version: diskcache.FileState, max_edge: int) -> PreparedImage:
    """Return the prepared image at ``path``; ``version`` keys the cache to the file's state.

    Preparing a large picture takes a quarter of a second (the seed's map, measured), so the
    result is also kept in the user cache folder, keyed by the SHA-256 of the file's bytes.
    """
    data = _read(path)
    entry = diskcache.entry("images", data, str(max_edge), CACHE_FORMAT)
    cached = _from_cache(entry, path)
    if cached is not None:
        return cached
    prepared = _prepare_data(path, data, max_edge)
    header = json.dumps({"mime": prepared.mime, "width": prepared.width,
                         "height": prepared.height}).encode()
    diskcache.store(entry, header + b"\n" + prepared.data, IMAGES_KEPT)
    return prepared


CACHE_FORMAT = "1"  # bump when preparing changes, so stale results are not reused
IMAGES_KEPT = 64


def _from_cache(entry: Path, source: Path) -> PreparedImage | None:
    """Return the prepared image kept at ``entry``, or None when there is none (or it is bad)."""
    stored = diskcache.read(entry)
    if stored is None or b"\n" not in stored:
        return None
    header, data = stored.split(b"\n", 1)
    try:
        meta = json.loads(header)
        return PreparedImage(data, str(meta["mime"]), int(meta["width"]), int(meta["height"]),
                             source)
    except (ValueError, KeyError, TypeError):
        return None


def _prepare_data(path: Path, data: bytes, max_edge: int) -> PreparedImage:
    """Return the image in ``data`` (read from ``path``) oriented, converted and downscaled."""
    image, orientation = _decode(path, data, max_edge)
    lossless = image.format in LOSSLESS
    image = _normalise_mode(path, image)
    image.thumbnail((max_edge, max_edge), Image.Resampling.LANCZOS)
    image = _to_rgb(image)
    if orientation in TRANSPOSE:
        image = image.transpose(TRANSPOSE[orientation])
    image.info = {}
    return _encode(image, path, lossless)


def _stat(path: Path) -> os.stat_result:
    """Return the status of ``path`` (symbolic links followed); raise ImageError if none."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        raise ImageError(path, "was not found") from None
    except OSError as exc:
        raise ImageError(path, f"cannot be read: {exc.strerror}") from None


def _regular_file(path: Path, info: os.stat_result) -> os.stat_result:
    """Return ``info`` when it describes a regular file of acceptable size; else raise."""
    if stat.S_ISDIR(info.st_mode):
        raise ImageError(path, "is a folder; name an image file")
    if not stat.S_ISREG(info.st_mode):
        raise ImageError(path, "is not a regular file (a device or pipe?); name an image file")
    if info.st_size > MAX_FILE_BYTES:
        raise ImageError(path, f"is {info.st_size / MIB:.1f} MB; the limit is "
                         f"{MAX_FILE_BYTES // MIB} MB: export a smaller copy")
    if info.st_size == 0:
        raise ImageError(path, "is empty; export the image again")
    return info


def _read(path: Path) -> bytes:
    """Return the bytes of ``path``, never blocking on a pipe nor reading past the cap."""
    try:
        descriptor = os.open(path, os.O_RDONLY | NONBLOCKING)
    except OSError as exc:
        raise ImageError(path, f"cannot be read: {exc.strerror}") from None
    with os.fdopen(descriptor, "rb") as handle:
        _regular_file(path, os.fstat(handle.fileno()))
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ImageError(path, f"is larger than {MAX_FILE_BYTES // MIB} MB; "
                         "export a smaller copy")
    return data


def _decode(path: Path, data: bytes, max_edge: int) -> tuple[Image.Image, int]:
    """Return the decoded image and its EXIF orientation, refusing bombs and non-images."""
    if path.suffix.lower() in (".svg", ".svgz") or _looks_like_svg(data):
        raise ImageError(path, "is SVG, which a deck cannot hold; export it as PNG first")
    try:
        image = Image.open(io.BytesIO(data), formats=FORMATS)
    except Image.DecompressionBombError:
        raise ImageError(path, "claims an enormous size; refusing to decode it") from None
    except Exception:
        raise ImageError(path, "is not a PNG, JPEG, WebP, GIF, BMP or TIFF image; "
                         "export it as PNG or JPEG") from None
    try:
        if max(image.size) > max_edge:  # a JPEG is then decoded at 1/2, 1/4 or 1/8 scale
            image.draft(None, _fitted(image.size, max_edge))
    except Exception as exc:
        raise ImageError(path, f"is truncated or damaged ({_first_line(exc)}); "
                         "export it again") from None
    _check_pixels(path, image)  # the pixels that will be decoded, before anything is
    orientation = _orientation(image)  # (a PNG's EXIF may follow its pixels: read them)
    try:
        image.load()
    except Exception as exc:
        raise ImageError(path, f"is truncated or damaged ({_first_line(exc)}); "
                         "export it again") from None
    return image, orientation


def _looks_like_svg(data: bytes) -> bool:
    """Return whether ``data`` starts like an SVG document, plain or gzipped."""
    if data.startswith(b"\x1f\x8b"):
        try:
            data = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:65536], 4096)
        except zlib.error:
            return False
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<svg", b"<!doctype svg")) and b"<svg" in data[
        :4096].lower()


def _check_pixels(path: Path, image: Image.Image) -> None:
    """Raise ImageError when the header claims more than MAX_PIXELS to decode (a JPEG's
    after ``draft`` chose its reduced scale) or no pixels at all."""
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ImageError(path, f"is {width}x{height} pixels; the limit is "
                         f"{MAX_PIXELS // 1_000_000} megapixels: downscale it")
    if width * height == 0:
        raise ImageError(path, "has no pixels; export it again")


def _orientation(image: Image.Image) -> int:
    """Return the EXIF orientation (1 to 8) of ``image``; 1 when absent or unreadable."""
    try:
        value = image.getexif().get(ORIENTATION_TAG, 1)
    except Exception:  # a damaged EXIF block only loses the orientation
        return 1
    return value if isinstance(value, int) and value in range(1, 9) else 1


def _fitted(size: tuple[int, int], max_edge: int) -> tuple[int, int]:
    """Return ``size`` scaled so its long edge is ``max_edge``."""
    scale = max_edge / max(size)
    return max(1, round(size[0] * scale)), max(1, round(size[1] * scale))


def _first_line(exc: Exception) -> str:
    """Return the first line of an exception's message, or its type when it has none."""
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _normalise_mode(path: Path, image: Image.Image) -> Image.Image:
    """Return ``image`` in a mode that resizes well: L, LA, RGB, RGBA or CMYK."""
    try:
        if image.mode in WIDE_MODES:
            return image.point(lambda v: v / 256).convert("L")
        if image.mode in ("1", "F"):
            return image.convert("L")
        if image.mode in ("P", "PA") or (image.mode in ("L", "RGB")
                                         and "transparency" in image.info):
            return image.convert("RGBA" if _has_alpha(image) else "RGB")
        if image.mode not in ("L", "LA", "RGB", "RGBA", "CMYK"):
            return image.convert("RGBA" if _has_alpha(image) else "RGB")
    except ValueError:
        raise ImageError(path, f"uses colour mode {image.mode}, which cannot be converted; "
                         "export it as RGB") from None
    return image


def _has_alpha(image: Image.Image) -> bool:
    """Return whether ``image`` has an alpha channel or a transparent colour."""
    return image.mode in ALPHA_MODES or "transparency" in image.info


def _to_rgb(image: Image.Image) -> Image.Image:
    """Return ``image`` as sRGB RGB, or RGBA when it has transparency."""
    target = "RGBA" if _has_alpha(image) else "RGB"
    profile = image.info.get("icc_profile")
    if profile and image.mode in ("RGB", "RGBA", "CMYK"):
        converted = _from_profile(image, profile, target)
        if converted is not None:
            return converted
    return image if image.mode == target else image.convert(target)


def _from_profile(image: Image.Image, profile: bytes, target: str) -> Image.Image | None:
    """Return ``image`` converted from its embedded ICC profile to sRGB; None if unusable."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        srgb = ImageCms.createProfile("sRGB")
        mode = target if image.mode != "CMYK" else "RGB"
        return ImageCms.profileToProfile(image, source, srgb, outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return None


def _encode(image: Image.Image, source: Path, lossless: bool) -> PreparedImage:
    """Return ``image`` encoded without metadata: PNG for transparency or drawings, else JPEG."""
    buffer = io.BytesIO()
    if image.mode == "RGBA" or lossless:
        image.save(buffer, format="PNG", optimize=True)
        mime = "image/png"
    else:
        image.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
        mime = "image/jpeg"
    return PreparedImage(buffer.getvalue(), mime, image.width, image.height, source)
