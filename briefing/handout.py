"""The handout PDF of a built deck: the pages LibreOffice rendered, laid out three slides a
page beside their speaker notes and drawn by the PDF backend."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from briefing.errors import RenderError
from briefing.layout.boxes import Page
from briefing.layout.summary import Paper
from briefing.text.fonts import FontFile, Measurer

IMAGE_WIDTH = 1000  # pixels of a slide image: about 200 dpi at the handout's image width


def handout_pdf(rendered: bytes, stem: str, pages: Sequence[Page], title: str, lang: str,
                fonts: tuple[FontFile, FontFile], measurer: Measurer, paper: Paper,
                created: dt.date | None, author: str | None) -> bytes:
    """Return the handout of a deck laid out as ``pages`` that LibreOffice rendered as the
    PDF ``rendered``, as PDF bytes.

    Raises RenderError when the rendering has another number of slides than the deck.
    """
    from briefing.layout.handout import HandoutSlide, layout_handout
    from briefing.render.pdf import render_sheets
    from briefing.render.raster import pdf_pages, png_bytes

    images = pdf_pages(rendered, IMAGE_WIDTH)
    if len(images) != len(pages):
        raise RenderError(f"LibreOffice rendered {len(images)} slides of {stem}.pptx, "
                          f"which has {len(pages)}")
    slides = [HandoutSlide(number, png_bytes(image), image.width, image.height, page.notes)
              for number, (image, page) in enumerate(zip(images, pages, strict=True), start=1)]
    sheets = layout_handout(slides, title, lang, measurer, paper)
    return render_sheets(sheets, "FFFFFF", fonts, created, author)
