"""Turn PDF pages into PNG images with PDFium (pypdfium2)."""

from __future__ import annotations

import io
import threading

from PIL import Image

# PDFium is not thread-safe (pypdfium2's documentation): one document at a time per process.
_PDFIUM = threading.Lock()


def pdf_pages(pdf: bytes, width: int) -> list[Image.Image]:
    """Return every page of ``pdf`` drawn ``width`` pixels wide (height in proportion), RGB.

    Two builds in threads of one process (two previews at once) take turns here: PDFium used
    from two threads at once crashed the process (a segmentation fault, seen once in CI).
    """
    with _PDFIUM:
        return _pages(pdf, width)


def _pages(pdf: bytes, width: int) -> list[Image.Image]:
    """Return the pages of ``pdf`` drawn ``width`` pixels wide (PDFium's lock held)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        images = []
        for index in range(len(document)):
            page = document[index]
            scale = width / page.get_width()
            images.append(page.render(scale=scale).to_pil().convert("RGB"))
            page.close()
        return images
    finally:
        document.close()


def png_bytes(image: Image.Image) -> bytes:
    """Return ``image`` encoded as PNG (no metadata: the same pixels give the same bytes)."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False, compress_level=6)
    return buffer.getvalue()
