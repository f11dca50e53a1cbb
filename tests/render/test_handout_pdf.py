"""build --handout read back: pages, embedded fonts, extractable notes, kinsoku, images."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pdfplumber
import pptx_checks as checks
import pytest
import yaml
from click.testing import CliRunner
from pptx import Presentation
from pypdf import PdfReader

from briefing.cli import main

NOT_AT_START = set("、。，．・：；？！ー」』）】〕〉》"
                   "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々")
NOT_AT_END = set("「『（【〔〈《")


@pytest.fixture(scope="module")
def handout(seed_outlines: dict[str, Path], tmp_path_factory: pytest.TempPathFactory,
            ) -> tuple[Path, Path]:
    """Return the Japanese seed's handout and deck, built with --handout."""
    checks.need_libreoffice()
    out = tmp_path_factory.mktemp("handout")
    result = CliRunner().invoke(main, ["build", str(seed_outlines["ja"]), "--handout",
                                       "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    assert f"wrote {out / 'nato-japan-handout.pdf'}" in result.output
    return out / "nato-japan-handout.pdf", out / "nato-japan.pptx"


def deck_notes(deck: Path) -> list[str]:
    """Return the speaker notes of every slide, read with python-pptx ("" for none)."""
    return [slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
            for slide in Presentation(str(deck)).slides]


def test_three_slides_a_page_on_a4(handout: tuple[Path, Path]) -> None:
    pdf, deck = handout
    reader = PdfReader(str(pdf))
    slides = len(Presentation(str(deck)).slides)
    assert len(reader.pages) == math.ceil(slides / 3)  # the seed's notes fit their slots
    for page in reader.pages:
        assert [float(v) for v in page.mediabox[2:]] == pytest.approx([595.28, 841.89], abs=0.5)


def test_every_slide_image_is_on_a_page(handout: tuple[Path, Path]) -> None:
    pdf, deck = handout
    with pdfplumber.open(pdf) as document:
        images = [image for page in document.pages for image in page.images]
    assert len(images) == len(Presentation(str(deck)).slides)
    for image in images:
        assert image["width"] / image["height"] == pytest.approx(16 / 9, abs=0.02)


def test_fonts_are_embedded(handout: tuple[Path, Path]) -> None:
    reader = PdfReader(str(handout[0]))
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts.append(descriptor)
    assert fonts and all("/FontFile2" in f or "/FontFile3" in f for f in fonts)


def page_lines(pdf: Path) -> list[list[str]]:
    """Return the text lines of every page, as pdfplumber reads them."""
    with pdfplumber.open(pdf) as document:
        return [(page.extract_text() or "").splitlines() for page in document.pages]


def notes_column(pdf: Path) -> list[str]:
    """Return the text lines of the right-hand half of every page between the margins."""
    with pdfplumber.open(pdf) as document:
        return [line for page in document.pages
                for line in (page.crop((page.width / 2, 50, page.width, page.height - 44))
                             .extract_text() or "").splitlines()]


def test_every_note_can_be_read_back(handout: tuple[Path, Path]) -> None:
    pdf, deck = handout
    text = re.sub(r"\s", "", "".join(notes_column(pdf)))
    for note in deck_notes(deck):
        assert re.sub(r"\s", "", note) in text


def test_note_lines_keep_kinsoku(handout: tuple[Path, Path]) -> None:
    pdf, _ = handout
    lines = notes_column(pdf)
    assert len(lines) > 40
    assert not [line for line in lines if line[0] in NOT_AT_START]
    assert not [line for line in lines if line[-1] in NOT_AT_END]


def test_title_and_page_numbers_on_every_page(handout: tuple[Path, Path],
                                              seed_outlines: dict[str, Path]) -> None:
    title = yaml.safe_load(seed_outlines["ja"].read_text("utf-8"))["title"]
    pages = page_lines(handout[0])
    for number, lines in enumerate(pages, start=1):
        assert lines[0] == title
        assert lines[-1] == f"{number} / {len(pages)}"


def test_letter_paper(seed_outlines: dict[str, Path], tmp_path: Path,
                      libreoffice: None) -> None:
    result = CliRunner().invoke(main, ["build", str(seed_outlines["en"]), "--handout",
                                       "--paper", "letter", "--out-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    page = PdfReader(str(tmp_path / "nato-japan.en-handout.pdf")).pages[0]
    assert [float(v) for v in page.mediabox[2:]] == pytest.approx([612, 792], abs=0.5)


def test_without_libreoffice_nothing_is_written(seed_outlines: dict[str, Path],
                                                tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(seed_outlines["en"]), "--handout",
                                       "--out-dir", str(tmp_path)],
                                env={"BRIEFING_SOFFICE": ""})
    assert result.exit_code == 1
    assert "LibreOffice is needed" in result.output
    assert not list(tmp_path.glob("*"))
