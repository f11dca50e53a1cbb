"""Safe image loading: regular files only, size and pixel caps, normalised through Pillow."""

from __future__ import annotations

import functools
import io
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from briefing.errors import AssetError

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_PIXELS = 80_000_000
MAX_EDGE = 2400  # pixels on the long edge; a slide never shows more
JPEG_QUALITY = 85


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


@functools.lru_cache(maxsize=64)
def prepare_image(path: Path, max_edge: int = MAX_EDGE) -> PreparedImage:
    """Return the image at ``path`` oriented, converted to RGB(A), downscaled and stripped."""
    _check_regular_file(path)
    with _open(path) as image:
        image = ImageOps.exif_transpose(image)
        image = _normalise_mode(image)
        image.thumbnail((max_edge, max_edge), Image.Resampling.LANCZOS)
        return _encode(image, path)


def _check_regular_file(path: Path) -> None:
    """Raise AssetError unless ``path`` is a regular file of acceptable size."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise AssetError(f"image {path.name} was not found ({path})") from None
    except OSError as exc:
        raise AssetError(f"cannot read image {path}: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise AssetError(f"image {path} is not a regular file (a folder, device or pipe)")
    if info.st_size > MAX_FILE_BYTES:
        raise AssetError(f"image {path} is {info.st_size / 1e6:.0f} MB; the limit is "
                         f"{MAX_FILE_BYTES // 1_000_000} MB: export a smaller copy")


def _open(path: Path) -> Image.Image:
    """Return the opened, fully decoded image, refusing bombs and non-images."""
    if path.suffix.lower() in (".svg", ".svgz"):
        raise AssetError(f"image {path.name} is SVG; export it as PNG first")
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > MAX_PIXELS:
            raise AssetError(
                f"image {path.name} is {image.width}x{image.height} pixels; the limit is "
                f"{MAX_PIXELS // 1_000_000} megapixels: downscale it")
        image.load()
    except AssetError:
        raise
    except Image.DecompressionBombError:
        raise AssetError(f"image {path.name} claims an enormous size; refusing it") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise AssetError(f"image {path.name} is not a readable image ({exc}); "
                         "use PNG, JPEG or WebP") from None
    return image


def _normalise_mode(image: Image.Image) -> Image.Image:
    """Return ``image`` in RGB, or RGBA when it has transparency."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.point(lambda v: v / 256).convert("L")
    if image.mode == "CMYK":
        image = image.convert("RGB")
    return image.convert("RGBA" if has_alpha else "RGB")


def _encode(image: Image.Image, source: Path) -> PreparedImage:
    """Return ``image`` encoded without metadata: PNG for transparency or few colours, else JPEG."""
    buffer = io.BytesIO()
    if image.mode == "RGBA" or source.suffix.lower() in (".png", ".gif", ".bmp"):
        image.save(buffer, format="PNG", optimize=True)
        mime = "image/png"
    else:
        image.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
        mime = "image/jpeg"
    return PreparedImage(buffer.getvalue(), mime, image.width, image.height, source)
