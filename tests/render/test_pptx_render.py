"""Decks rendered by LibreOffice: text stays in its boxes and on the slide, apart, kinsoku-clean."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pdfplumber
import pptx_checks as checks
import pytest
from fontTools.ttLib import TTFont
from pptx_checks import NS, Box, Line, TextShape

from briefing.text.breaking import NO_LINE_END, NO_LINE_START
from briefing.text.fonts import find_system_font, resolve_font

pytestmark = pytest.mark.render

RENDERED = ("ja", "en")
TOLERANCE = 2.0  # points a line may stray outside its shape's box
OVERLAP_AREA = 1.0  # square points two lines may share before they count as overlapping
# Marks that may hang past the right edge (burasagari, JIS X 4051): the deck's master sets
# hangingPunct="1", and PowerPoint and LibreOffice both hang them.
HANGING: frozenset[str] = frozenset()  # paragraphs switch hanging punctuation off


class SlideText(NamedTuple):
    """One rendered slide: its number, size in points, text shapes and rendered lines."""

    number: int
    size: tuple[float, float]
    shapes: list[TextShape]
    lines: list[Line]
    bullets: frozenset[str]

    def key(self, line: Line) -> str:
        """Return a line's text normalised for matching, its bullet left out."""
        return checks.normalise(checks.strip_bullet(line.text, self.bullets))

    def holders(self, line: Line) -> list[TextShape]:
        """Return the shapes whose text contains ``line``."""
        key = self.key(line)
        return [shape for shape in self.shapes if key and key in shape.key]


def convert(pptx: list[Path], out_dir: Path) -> None:
    """Convert decks to PDF in one LibreOffice run with a private profile."""
    soffice = shutil.which("soffice")
    assert soffice is not None
    profile = Path("/tmp") / f"lo-profile-{uuid.uuid4().hex}"
    try:
        result = subprocess.run(
            [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
             "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, pptx)],
            capture_output=True, text=True, timeout=240, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    missing = [path.name for path in pptx if not path.with_suffix(".pdf").is_file()]
    assert not missing, f"soffice did not convert {missing}: {result.stdout}{result.stderr}"


def em_box(parts: dict[str, bytes]) -> tuple[float, float]:
    """Return the (ascent, descent) in em of the deck's body face: its OS/2 typo metrics."""
    master = checks.related(parts, "ppt/presentation.xml", checks.REL_MASTER)[0]
    theme = checks.parse(parts[checks.related(parts, master, checks.REL_THEME)[0]])
    face = theme.find(".//a:fontScheme/a:minorFont/a:ea", NS)
    assert face is not None and face.get("typeface"), "the theme names no East Asian face"
    family = face.get("typeface", "")
    font = find_system_font(family) or resolve_font(family)
    with TTFont(str(font.path), fontNumber=font.index, lazy=True) as ttf:
        upem = float(ttf["head"].unitsPerEm)
        os2 = ttf["OS/2"]
        return os2.sTypoAscender / upem, -os2.sTypoDescender / upem


def read_slides(parts: dict[str, bytes], pdf: Path) -> list[SlideText]:
    """Return every rendered slide of a deck with its shapes (in PDF points) and lines."""
    ascent, descent = em_box(parts)
    width_emu, height_emu = checks.slide_size(parts)
    names = checks.slide_names(parts)
    slides = []
    with pdfplumber.open(pdf) as document:
        assert len(document.pages) == len(names), "one PDF page per slide"
        for number, (name, page) in enumerate(zip(names, document.pages, strict=True), 1):
            width, height = float(page.width), float(page.height)
            scale = width / (width_emu / checks.EMU_PER_PT)
            assert abs(height - height_emu / checks.EMU_PER_PT * scale) < 1, "page is not 16:9"
            shapes = [shape._replace(box=scaled(shape.box, scale))
                      for shape in checks.text_shapes(checks.parse(parts[name]))]
            bullets = frozenset().union(*(shape.bullets for shape in shapes))
            keys = [shape.key for shape in shapes]
            glyphs = checks.glyphs(page.chars, height, ascent, descent)
            lines = [line for raw in checks.raw_lines(glyphs)
                     for line in checks.split_line(raw, keys, bullets)]
            slides.append(SlideText(number, (width, height), shapes, lines, bullets))
    return slides


def scaled(box: Box | None, scale: float) -> Box | None:
    """Return ``box`` scaled from slide points to PDF points."""
    if box is None:
        return None
    return Box(box.x0 * scale, box.top * scale, box.x1 * scale, box.bottom * scale)


@pytest.fixture(scope="module")
def rendered(built_decks: dict[str, Path],
             tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[SlideText]]:
    """Return the seed decks, autofit switched off, rendered to PDF and read back."""
    if shutil.which("soffice") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must render decks, but soffice (LibreOffice) is not on PATH")
        pytest.skip("soffice (LibreOffice) is not on PATH")
    folder = tmp_path_factory.mktemp("rendered")
    copies = {}
    for name in RENDERED:
        copies[name] = checks.switch_off_autofit(checks.read_parts(built_decks[name]))
        checks.write_parts(copies[name], folder / f"{name}.pptx")
    convert([folder / f"{name}.pptx" for name in RENDERED], folder)
    return {name: read_slides(copies[name], folder / f"{name}.pdf") for name in RENDERED}


def listing(problems: list[str]) -> str:
    """Return problems one per line for an assertion message."""
    return f"{len(problems)} problem(s):\n  " + "\n  ".join(problems)


def fits(line: Line, box: Box) -> bool:
    """Return whether ``line`` lies in ``box``; a trailing hanging mark may cross its right."""
    inside = box.grown(TOLERANCE)
    glyphs = line.glyphs
    if len(glyphs) > 1 and glyphs[-1].text in HANGING and glyphs[-1].box.x0 <= inside.x1:
        glyphs = glyphs[:-1]
    return inside.contains(checks.union([glyph.box for glyph in glyphs]))


def overshoot(line: Box, box: Box) -> str:
    """Return by how much ``line`` crosses each edge of ``box``, in points."""
    sides = {"left": box.x0 - line.x0, "top": box.top - line.top,
             "right": line.x1 - box.x1, "bottom": line.bottom - box.bottom}
    return ", ".join(f"{side} {amount:.1f}pt" for side, amount in sides.items() if amount > 0)


def every_slide(rendered: dict[str, list[SlideText]], deck: str) -> Iterator[SlideText]:
    """Yield the rendered slides of ``deck``, failing if it rendered none."""
    assert rendered[deck], f"{deck}: no slides rendered"
    yield from rendered[deck]


@pytest.mark.parametrize("deck", RENDERED)
def test_text_lines_lie_inside_their_shapes(rendered: dict[str, list[SlideText]],
                                            deck: str) -> None:
    problems = []
    for slide in every_slide(rendered, deck):
        for line in slide.lines:
            holders = slide.holders(line)
            boxes = [shape.box for shape in holders if shape.box is not None]
            where = f"slide {slide.number}: {line.text!r} at {line.box}"
            if not holders:
                problems.append(f"{where}: in no shape's text")
            elif not boxes:
                problems.append(f"{where}: {holders[0].name!r} has no position of its own")
            elif not any(fits(line, box) for box in boxes):
                shape = holders[0]
                assert shape.box is not None
                problems.append(f"{where} leaves {shape.name!r} {shape.box}: "
                                f"{overshoot(line.box, shape.box)}")
    assert not problems, listing(problems)


@pytest.mark.parametrize("deck", RENDERED)
def test_text_lines_lie_on_the_slide(rendered: dict[str, list[SlideText]], deck: str) -> None:
    problems: list[str] = []
    for slide in every_slide(rendered, deck):
        page = Box(0, 0, *slide.size)
        problems.extend(f"slide {slide.number}: {line.text!r} at {line.box} leaves the slide: "
                        f"{overshoot(line.box, page)}"
                        for line in slide.lines if not page.grown(0.5).contains(line.box))
    assert not problems, listing(problems)


@pytest.mark.parametrize("deck", RENDERED)
def test_text_lines_do_not_overlap(rendered: dict[str, list[SlideText]], deck: str) -> None:
    problems = []
    for slide in every_slide(rendered, deck):
        for index, first in enumerate(slide.lines):
            for second in slide.lines[index + 1:]:
                area = first.box.overlap_area(second.box)
                if area > OVERLAP_AREA:
                    problems.append(f"slide {slide.number}: {first.text!r} {first.box} overlaps "
                                    f"{second.text!r} {second.box} by {area:.0f}pt²")
    assert not problems, listing(problems)


def paragraph_of(slide: SlideText, line: Line) -> str | None:
    """Return the normalised paragraph that holds ``line``, None if none does."""
    key = slide.key(line)
    for shape in slide.holders(line):
        for paragraph in shape.paragraphs:
            text = checks.normalise(paragraph)
            if key in text:
                return text
    return None


@pytest.mark.parametrize("deck", RENDERED)
def test_line_breaks_follow_kinsoku(rendered: dict[str, list[SlideText]], deck: str) -> None:
    problems = []
    for slide in every_slide(rendered, deck):
        for line in slide.lines:
            text = "".join(checks.strip_bullet(line.text, slide.bullets).split())
            paragraph = paragraph_of(slide, line)
            if len(text) <= 1 or paragraph is None:
                continue
            key = slide.key(line)
            if text[0] in NO_LINE_START and not paragraph.startswith(key):
                problems.append(f"slide {slide.number}: {line.text!r} starts with {text[0]!r}")
            if text[-1] in NO_LINE_END and not paragraph.endswith(key):
                problems.append(f"slide {slide.number}: {line.text!r} ends with {text[-1]!r}")
    assert not problems, listing(problems)
