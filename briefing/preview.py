"""Preview: build, then render the deck with LibreOffice to a PDF, slide PNGs and a contact
sheet. Names are fixed: DIR/<stem>.pdf, DIR/<stem>-slides/slide-NN.png, DIR/<stem>-contact.png.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from pathlib import Path

from briefing.api import Options
from briefing.errors import RenderError
from briefing.output import prepare_folder, write_all
from briefing.report import BuildReport

SLIDE_WIDTH = 1280  # pixels of a slide PNG (a 16:9 slide is then 720 high)
SLIDE_NAME = re.compile(r"slide-\d{2,}\.png")


@dataclass(frozen=True)
class Preview:
    """What a preview wrote: the deck's PDF, the slide images and the contact sheet."""

    pdf: Path
    slides: tuple[Path, ...]
    contact: Path
    count: int


def slide_png_path(out_dir: Path, stem: str, number: int) -> Path:
    """Return where the PNG of slide ``number`` (from 1) goes."""
    return out_dir / f"{stem}-slides" / f"slide-{number:02d}.png"


def render_preview(deck: Path, out_dir: Path, stem: str,
                   only: Collection[int] | None = None) -> Preview:
    """Render ``deck`` and write its PDF, the PNGs of the slides in ``only`` (all when None)
    and the contact sheet of all slides; slide PNGs of earlier previews that this one did not
    write are removed, so the folder shows this deck alone.

    Raises RenderError (LibreOffice missing, failed, or a slide number beyond the deck).
    """
    from briefing.render.contact import contact_sheet
    from briefing.render.office import deck_to_pdf
    from briefing.render.raster import pdf_pages, png_bytes
    from briefing.text.fonts import BUNDLED_FAMILY, resolve_font

    pdf = deck_to_pdf(deck.read_bytes(), stem)
    images = pdf_pages(pdf, SLIDE_WIDTH)
    wanted = sorted(only) if only is not None else list(range(1, len(images) + 1))
    beyond = [n for n in wanted if n > len(images)]
    if beyond:
        raise RenderError(f"--slides {beyond[0]}: the deck has {len(images)} slides")
    files = {out_dir / f"{stem}.pdf": pdf,
             out_dir / f"{stem}-contact.png": contact_sheet(images, resolve_font(BUNDLED_FAMILY))}
    files.update({slide_png_path(out_dir, stem, n): png_bytes(images[n - 1]) for n in wanted})
    prepare_folder(out_dir / f"{stem}-slides")
    write_all(files)
    kept = {slide_png_path(out_dir, stem, n) for n in wanted}
    _remove_stale(out_dir / f"{stem}-slides", kept)
    return Preview(out_dir / f"{stem}.pdf", tuple(sorted(kept)),
                   out_dir / f"{stem}-contact.png", len(images))


def _remove_stale(folder: Path, kept: set[Path]) -> None:
    """Remove slide PNGs in ``folder`` other than ``kept`` (other files are left alone)."""
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


def preview_paths(report: BuildReport, options: Options,
                  only: Collection[int] | None = None) -> list[Path]:
    """Return what previewing the deck of a finished build wrote (PDF, contact sheet, slides
    folder); raises RenderError."""
    from briefing.api import output_stem

    stem = output_stem(report.outline)
    shown = render_preview(options.out_dir / f"{stem}.pptx", options.out_dir, stem, only)
    return [shown.pdf, shown.contact, *shown.slides]


def preview_after_build(report: BuildReport, options: Options,
                        only: Collection[int] | None = None) -> BuildReport:
    """Return ``report`` with the preview of its deck added to what it wrote."""
    return replace(report, written=(*report.written, *preview_paths(report, options, only)))
