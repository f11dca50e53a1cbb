"""What LibreOffice draws of a built deck: the preview (the deck as PDF, slide PNGs, a contact
sheet) and the slide images of the handout. Rendered once per build, before anything is
written. Names are fixed: DIR/<stem>.pdf, DIR/<stem>-slides/slide-NN.png,
DIR/<stem>-contact.png and DIR/<stem>-handout.pdf.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.errors import RenderError
from briefing.layout.boxes import Page
from briefing.text.fonts import FontFile, Measurer

if TYPE_CHECKING:
    from briefing.api import Options
    from briefing.outline.validate import LoadedOutline

SLIDE_WIDTH = 1280  # pixels of a slide PNG (a 16:9 slide is then 720 high)
SLIDE_NAME = re.compile(r"slide-\d{2,}\.png")


def slide_png_path(out_dir: Path, stem: str, number: int) -> Path:
    """Return where the PNG of slide ``number`` (from 1) goes."""
    return out_dir / f"{stem}-slides" / f"slide-{number:02d}.png"


def rendered_files(deck: bytes, stem: str, pages: Sequence[Page], loaded: LoadedOutline,
                   fonts: tuple[FontFile, FontFile], measurer: Measurer,
                   options: Options) -> dict[Path, bytes]:
    """Return the preview files and the handout ``options`` ask for, keyed by output path
    (none when they ask for neither). LibreOffice renders ``deck`` once for both.

    Raises RenderError: LibreOffice missing or failing, another number of slides than
    ``pages``, or a slide number asked for beyond the deck.
    """
    if not (options.preview or options.handout):
        return {}
    from briefing.render.office import deck_to_pdf

    pdf = deck_to_pdf(deck, stem, fonts=[font.path for font in fonts])
    files: dict[Path, bytes] = {}
    if options.preview:
        files.update(preview_files(pdf, options.out_dir, stem, options.slides))
    if options.handout:
        from briefing.handout import handout_pdf

        outline = loaded.outline
        files[options.out_dir / f"{stem}-handout.pdf"] = handout_pdf(
            pdf, stem, pages, outline.title, outline.language, fonts, measurer, options.paper,
            outline.date, outline.author)
    return files


def preview_files(pdf: bytes, out_dir: Path, stem: str,
                  only: Collection[int] | None = None) -> dict[Path, bytes]:
    """Return the preview of a deck LibreOffice rendered as ``pdf``: that PDF, the PNGs of
    the slides in ``only`` (all when None) and the contact sheet of every slide."""
    from briefing.render.contact import contact_sheet
    from briefing.render.raster import pdf_pages, png_bytes
    from briefing.text.fonts import BUNDLED_FAMILY, resolve_font

    images = pdf_pages(pdf, SLIDE_WIDTH)
    wanted = sorted(only) if only is not None else list(range(1, len(images) + 1))
    beyond = [n for n in wanted if n > len(images)]
    if beyond:
        raise RenderError(f"--slides {beyond[0]}: the deck has {len(images)} slides")
    files = {out_dir / f"{stem}.pdf": pdf,
             out_dir / f"{stem}-contact.png": contact_sheet(images, resolve_font(BUNDLED_FAMILY))}
    files.update({slide_png_path(out_dir, stem, n): png_bytes(images[n - 1]) for n in wanted})
    return files


def remove_stale_slides(out_dir: Path, stem: str, written: Iterable[Path]) -> None:
    """Remove slide PNGs of ``stem`` that this build did not write (a deck that got shorter,
    or fewer slides asked for), so the folder shows this deck alone; other files stay."""
    folder = out_dir / f"{stem}-slides"
    kept = set(written)
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            if SLIDE_NAME.fullmatch(path.name) and path not in kept:
                with contextlib.suppress(OSError):
                    path.unlink()


def parse_slides(text: str) -> frozenset[int]:
    """Return the slide numbers of a selection like ``3-5,8``; raise ValueError if malformed."""
    numbers: set[int] = set()
    for part in text.split(","):
        match = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", part)
        if match is None:
            raise ValueError(f"'{part.strip()}' is not a slide number or range like 3-5")
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first < 1 or last < first:
            raise ValueError(f"'{part.strip()}' is not a range of slides counted from 1")
        numbers.update(range(first, last + 1))
    return frozenset(numbers)
