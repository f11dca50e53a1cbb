"""Turn PDF pages into PNG images with PDFium (pypdfium2)."""

from __future__ import annotations

import io

from PIL import Image


def pdf_pages(pdf: bytes, width: int) -> list[Image.Image]:
    """Return every page of ``pdf`` drawn ``width`` pixels wide (height in proportion), RGB."""
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
