"""briefing preview: the deck rendered by LibreOffice to a PDF, slide PNGs and a contact sheet
under the contract's names; a clear exit without LibreOffice; two previews at once."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pptx_checks as checks
import pytest
from click.testing import CliRunner
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader

from briefing.cli import main
from briefing.preview import parse_slides

STEM = "nato-japan"


@pytest.fixture(scope="module")
def previewed(seed_outlines: dict[str, Path], tmp_path_factory: pytest.TempPathFactory,
              ) -> tuple[Path, str]:
    """Return the folder a preview of the Japanese seed (all slides) wrote, and its output."""
    checks.need_libreoffice()
    out = tmp_path_factory.mktemp("preview")
    (out / f"{STEM}-slides").mkdir()
    (out / f"{STEM}-slides" / "slide-99.png").write_bytes(b"stale")
    (out / f"{STEM}-slides" / "notes.txt").write_text("the user's own")
    result = CliRunner().invoke(main, ["preview", str(seed_outlines["ja"]), "--out-dir",
                                       str(out)])
    assert result.exit_code == 0, result.output
    return out, result.output


def slide_count(deck: Path) -> int:
    """Return the number of slides python-pptx finds in ``deck``."""
    return len(Presentation(str(deck)).slides)


def test_the_pdf_has_a_page_per_slide(previewed: tuple[Path, str]) -> None:
    out, _ = previewed
    reader = PdfReader(str(out / f"{STEM}.pdf"))
    assert len(reader.pages) == slide_count(out / f"{STEM}.pptx")
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert width / height == pytest.approx(16 / 9, abs=0.01)


def test_every_slide_has_a_png_of_slide_shape(previewed: tuple[Path, str]) -> None:
    out, _ = previewed
    count = slide_count(out / f"{STEM}.pptx")
    pngs = sorted((out / f"{STEM}-slides").glob("slide-*.png"))
    assert [p.name for p in pngs] == [f"slide-{n:02d}.png" for n in range(1, count + 1)]
    for png in pngs:
        with Image.open(png) as image:
            assert image.size == (1280, 720)
            low, high = image.convert("L").getextrema()
            assert high - low > 64, f"{png.name} is blank"


def test_stale_slide_pngs_go_and_other_files_stay(previewed: tuple[Path, str]) -> None:
    out, _ = previewed
    assert not (out / f"{STEM}-slides" / "slide-99.png").exists()
    assert (out / f"{STEM}-slides" / "notes.txt").read_text() == "the user's own"


def test_the_contact_sheet_holds_every_slide_in_a_grid(previewed: tuple[Path, str]) -> None:
    out, _ = previewed
    count = slide_count(out / f"{STEM}.pptx")
    rows = -(-count // 4)
    with Image.open(out / f"{STEM}-contact.png") as sheet:
        # 4 columns of 360-pixel thumbnails and 28-pixel gaps; a 1280x720 slide scaled to 360
        # wide is 202.5 high, rounded half to even: rows of 202, then 30 for the number
        assert sheet.size == (28 + 4 * (360 + 28), 28 + rows * (202 + 30 + 28))
        x, y = 28 + ((count - 1) % 4) * 388, 28 + (rows - 1) * 260
        low, high = sheet.crop((x, y, x + 360, y + 202)).convert("L").getextrema()
        assert high - low > 64, "the last slide's thumbnail is blank"


def test_the_output_lists_every_file(previewed: tuple[Path, str]) -> None:
    out, output = previewed
    for name in (f"{STEM}.pptx", f"{STEM}.pdf", f"{STEM}-contact.png"):
        assert f"wrote {out / name}" in output
    images = slide_count(out / f"{STEM}.pptx")  # the user's own notes.txt is not one
    assert (f"wrote {images} slide images in {out / f'{STEM}-slides'}{os.sep} (slide-01.png to "
            f"slide-{images:02d}.png)") in output


def test_slides_option_writes_only_those(seed_outlines: dict[str, Path], tmp_path: Path,
                                         libreoffice: None) -> None:
    result = CliRunner().invoke(main, ["preview", str(seed_outlines["en"]), "--out-dir",
                                       str(tmp_path), "--slides", "3-5,8", "--handout"])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "nato-japan.en-slides").iterdir())
    assert names == ["slide-03.png", "slide-04.png", "slide-05.png", "slide-08.png"]
    assert (tmp_path / "nato-japan.en-contact.png").is_file()
    handout = PdfReader(str(tmp_path / "nato-japan.en-handout.pdf"))  # every slide, 3 a page
    assert len(handout.pages) == -(-slide_count(tmp_path / "nato-japan.en.pptx") // 3)


def test_a_slide_beyond_the_deck_is_an_error(seed_outlines: dict[str, Path], tmp_path: Path,
                                             libreoffice: None) -> None:
    result = CliRunner().invoke(main, ["preview", str(seed_outlines["en"]), "--out-dir",
                                       str(tmp_path), "--slides", "2,99"])
    assert result.exit_code == 1
    assert "--slides 99: the deck has" in result.output
    assert "Traceback" not in result.output


def test_two_previews_at_once_both_finish(seed_outlines: dict[str, Path], tmp_path: Path,
                                          libreoffice: None) -> None:
    from briefing.api import Options, build

    errors: list[BaseException] = []

    def one(folder: str) -> None:
        try:
            build(seed_outlines["en"], Options(out_dir=tmp_path / folder, summary=False,
                                               preview=True, slides=frozenset({1})))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=one, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors
    for name in ("a", "b"):
        assert PdfReader(str(tmp_path / name / "nato-japan.en.pdf")).pages


def test_nothing_is_written_when_rendering_fails(seed_outlines: dict[str, Path],
                                                 tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["preview", str(seed_outlines["en"]), "--out-dir",
                                       str(tmp_path / "out")], env={"BRIEFING_SOFFICE": ""})
    assert result.exit_code == 1
    assert not (tmp_path / "out").exists()


def test_without_libreoffice_preview_exits_1_and_says_how_to_install(
        seed_outlines: dict[str, Path], tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["preview", str(seed_outlines["en"]), "--out-dir",
                                       str(tmp_path)], env={"BRIEFING_SOFFICE": ""})
    assert result.exit_code == 1
    assert "LibreOffice is needed" in result.output and "apt-get install" in result.output
    assert "Traceback" not in result.output


def test_build_never_needs_libreoffice(seed_outlines: dict[str, Path], tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(seed_outlines["en"]), "--out-dir",
                                       str(tmp_path)], env={"BRIEFING_SOFFICE": "",
                                                            "PATH": "/nonexistent"})
    assert result.exit_code == 0, result.output
    assert (tmp_path / "nato-japan.en.pptx").is_file()


@pytest.mark.parametrize(("text", "numbers"), [("3-5,8", {3, 4, 5, 8}), ("1", {1}),
                                               (" 2 - 3 , 2", {2, 3})])
def test_slide_lists_parse(text: str, numbers: set[int]) -> None:
    assert parse_slides(text) == numbers


@pytest.mark.parametrize("text", ["0", "5-3", "a", "3-", "1,,2"])
def test_bad_slide_lists_are_usage_errors(text: str, seed_outlines: dict[str, Path]) -> None:
    result = CliRunner().invoke(main, ["preview", str(seed_outlines["en"]), "--slides", text])
    assert result.exit_code == 2
    assert "--slides" in result.output
