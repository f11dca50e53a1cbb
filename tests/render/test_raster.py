"""PDF pages drawn with PDFium: the right size, and never from two threads at once."""

from __future__ import annotations

import threading
import time

import pypdfium2
import pytest
from fpdf import FPDF

from briefing.render.raster import pdf_pages


def two_page_pdf() -> bytes:
    """Return a PDF of two A4 pages (595 x 842 pt), the second with a black square."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.add_page()
    pdf.rect(100, 100, 200, 200, style="F")
    return bytes(pdf.output())


def test_every_page_is_drawn_at_the_width_asked() -> None:
    pages = pdf_pages(two_page_pdf(), 300)
    assert [page.size for page in pages] == [(300, round(842 * 300 / 595))] * 2
    assert pages[0].getpixel((100, 100)) == (255, 255, 255)
    assert pages[1].getpixel((100, 100)) == (0, 0, 0)  # 100 px is 198 pt: inside the square


def test_two_threads_take_turns_with_pdfium(monkeypatch: pytest.MonkeyPatch) -> None:
    """PDFium is not thread-safe: two renders at once must not open documents together."""
    open_now, most = [0], [0]
    real = pypdfium2.PdfDocument

    class Counted(real):  # type: ignore[misc, valid-type]
        def __init__(self, *args: object, **kwargs: object) -> None:
            open_now[0] += 1
            most[0] = max(most[0], open_now[0])
            time.sleep(0.2)  # long enough for the other thread to try
            super().__init__(*args, **kwargs)

        def close(self) -> None:
            open_now[0] -= 1
            super().close()

    monkeypatch.setattr(pypdfium2, "PdfDocument", Counted)
    data = two_page_pdf()
    threads = [threading.Thread(target=pdf_pages, args=(data, 100)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert most[0] == 1
