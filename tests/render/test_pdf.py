"""The summary PDF read back: one page, text where the layout put it, fonts embedded, repeatable."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import itertools
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

import pdfplumber
import pypdf
import pytest
from fontTools.ttLib import TTFont
from isal import isal_zlib

from briefing.api import Options, build
from briefing.layout.boxes import Picture, Rect
from briefing.layout.summary import Sheet, layout_summary, sheet_lines
from briefing.outline.model import Outline
from briefing.outline.validate import LoadedOutline, load_outline
from briefing.render.pdf import render_pdf
from briefing.report import Warnings
from briefing.text.breaking import NO_LINE_END, NO_LINE_START
from briefing.text.fonts import FontFile, Measurer, find_system_font, resolve_font
from briefing.theme.tokens import Theme

ROOT = Path(__file__).resolve().parents[2]
SEEDS = {"ja": ROOT / "outlines" / "nato-japan.yaml",
         "en": ROOT / "outlines" / "nato-japan.en.yaml"}
MARGIN = 36.0
TOLERANCE = 0.5  # points a glyph box may pass a margin or meet its neighbour
GAP = 3.0  # a horizontal gap wider than this between two glyphs separates two lines


class Line(NamedTuple):
    """A line of text read back from the PDF, with its glyph box."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float


class Built(NamedTuple):
    """A seed outline, its sheet and its PDF."""

    loaded: LoadedOutline
    sheet: Sheet
    pdf: bytes


@pytest.fixture(scope="module")
def measurer(theme: Theme, fonts: tuple[FontFile, FontFile]) -> Measurer:
    """Return a measurer over the theme's fonts."""
    return Measurer(*fonts, theme.line_spacing)


def make(loaded: LoadedOutline, theme: Theme, fonts: tuple[FontFile, FontFile],
         measurer: Measurer, **options: Any) -> Built:
    """Return the sheet and PDF of ``loaded``."""
    sheet = layout_summary(loaded, theme, measurer, Warnings(), **options)
    outline = loaded.outline
    return Built(loaded, sheet, render_pdf(sheet, theme, fonts, outline.date, outline.author))


@pytest.fixture(scope="module")
def built(theme: Theme, fonts: tuple[FontFile, FontFile], measurer: Measurer,
          ) -> dict[str, Built]:
    """Return each seed's sheet and PDF, by language."""
    return {lang: make(load_outline(path), theme, fonts, measurer)
            for lang, path in SEEDS.items()}


def page(data: bytes) -> Any:
    """Return the only page of a PDF, opened with pdfplumber."""
    document = pdfplumber.open(io.BytesIO(data))
    assert len(document.pages) == 1
    return document.pages[0]


def text_lines(data: bytes) -> list[Line]:
    """Return the lines of the PDF: glyphs on one baseline, split where a wide gap falls."""
    chars = sorted(page(data).chars, key=lambda c: (baseline(c), c["x0"]))
    lines: list[Line] = []
    for _, row in itertools.groupby(chars, key=baseline):
        run: list[dict[str, Any]] = []
        for char in row:
            if run and char["x0"] - run[-1]["x1"] > GAP:
                lines.append(line_of(run))
                run = []
            run.append(char)
        lines.append(line_of(run))
    return lines


def baseline(char: dict[str, Any]) -> float:
    """Return the height of a glyph's baseline above the bottom of the page, rounded."""
    return round(char["matrix"][5], 1)


def line_of(chars: list[dict[str, Any]]) -> Line:
    """Return one line made of ``chars``."""
    return Line("".join(c["text"] for c in chars).strip(), min(c["x0"] for c in chars),
                max(c["x1"] for c in chars), min(c["top"] for c in chars),
                max(c["bottom"] for c in chars))


def squeeze(text: str) -> str:
    """Return ``text`` without any whitespace (CJK lines join without spaces)."""
    return re.sub(r"\s+", "", text)


def kept_titles(item: Built) -> list[str]:
    """Return the titles of the sections the sheet kept."""
    return [s.title for s in item.loaded.outline.sections
            if f"section '{s.title}'" not in item.sheet.omitted]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_exactly_one_a4_page(built: dict[str, Built], lang: str) -> None:
    reader = pypdf.PdfReader(io.BytesIO(built[lang].pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((595.28, 841.89), abs=0.01)
    assert len(pdfplumber.open(io.BytesIO(built[lang].pdf)).pages) == 1


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_text_has_the_title_and_every_kept_section_title(built: dict[str, Built],
                                                         lang: str) -> None:
    item = built[lang]
    in_order = squeeze(pypdf.PdfReader(io.BytesIO(item.pdf)).pages[0].extract_text())
    plumbed = squeeze(page(item.pdf).extract_text())
    assert squeeze(item.loaded.outline.title) in in_order
    for title in kept_titles(item):
        assert squeeze(title) in in_order, title
    assert squeeze(item.loaded.outline.summary[0])[:10] in plumbed


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_predicted_line_is_drawn_as_one_line(built: dict[str, Built], lang: str) -> None:
    item = built[lang]
    predicted = Counter(squeeze(line.text) for line in sheet_lines(item.sheet, bullets=True))
    drawn = Counter(squeeze(line.text) for line in text_lines(item.pdf))
    assert drawn == predicted


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_text_outside_the_margins(built: dict[str, Built], lang: str) -> None:
    item = built[lang]
    for line in text_lines(item.pdf):
        assert line.x0 >= MARGIN - TOLERANCE, line
        assert line.x1 <= item.sheet.width - MARGIN + TOLERANCE, line
        assert line.top >= MARGIN - TOLERANCE, line
        assert line.bottom <= item.sheet.height - MARGIN + TOLERANCE, line


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_two_lines_overlap(built: dict[str, Built], lang: str) -> None:
    lines = text_lines(built[lang].pdf)
    for a, b in itertools.combinations(lines, 2):
        width = min(a.x1, b.x1) - max(a.x0, b.x0)
        height = min(a.bottom, b.bottom) - max(a.top, b.top)
        assert width <= TOLERANCE or height <= TOLERANCE, (a, b)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_line_breaks_kinsoku(built: dict[str, Built], lang: str) -> None:
    item = built[lang]
    for lines in ([line.text for line in sheet_lines(item.sheet)],
                  [line.text for line in text_lines(item.pdf)]):
        starts = [line for line in lines if line and line[0] in NO_LINE_START]
        ends = [line for line in lines if line and line[-1] in NO_LINE_END]
        assert starts == [] and ends == []


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_fonts_are_embedded_subsets(built: dict[str, Built], lang: str) -> None:
    reader = pypdf.PdfReader(io.BytesIO(built[lang].pdf))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert len(fonts) >= 1
    for font in fonts.values():
        font = font.get_object()
        assert re.fullmatch(r"/[A-Z]{6}\+\S+", str(font["/BaseFont"]))
        described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font \
            else font
        descriptor = described["/FontDescriptor"].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_metadata_comes_from_the_outline(built: dict[str, Built], lang: str) -> None:
    item = built[lang]
    outline = item.loaded.outline
    reader = pypdf.PdfReader(io.BytesIO(item.pdf))
    assert reader.metadata.title == outline.title
    assert reader.metadata.author == outline.author
    assert reader.metadata.creation_date == dt.datetime(2026, 11, 26, tzinfo=dt.UTC)
    assert reader.trailer["/Root"]["/Lang"] == lang


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_rebuilding_gives_the_same_bytes(built: dict[str, Built], theme: Theme,
                                         fonts: tuple[FontFile, FontFile], measurer: Measurer,
                                         lang: str) -> None:
    item = built[lang]
    again = make(load_outline(SEEDS[lang]), theme, fonts, measurer)
    assert again.pdf == item.pdf


def test_an_outline_without_date_or_author_is_still_repeatable(
        theme: Theme, fonts: tuple[FontFile, FontFile], measurer: Measurer,
        tmp_path: Path) -> None:
    data = {"title": "Undated", "sections": [{"title": "Only", "points": ["One point"]}]}
    loaded = LoadedOutline(Outline.model_validate(data), tmp_path / "undated.yaml")
    first, second = (make(loaded, theme, fonts, measurer).pdf for _ in range(2))
    assert first == second
    assert pypdf.PdfReader(io.BytesIO(first)).metadata.author is None


@pytest.mark.parametrize(("paper", "landscape", "size"), [
    ("letter", False, (612.0, 792.0)), ("a4", True, (841.89, 595.28))])
def test_letter_and_landscape_page_sizes(built: dict[str, Built], theme: Theme,
                                         fonts: tuple[FontFile, FontFile], measurer: Measurer,
                                         paper: str, landscape: bool,
                                         size: tuple[float, float]) -> None:
    item = make(built["ja"].loaded, theme, fonts, measurer, paper=paper, landscape=landscape)
    reader = pypdf.PdfReader(io.BytesIO(item.pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(size, abs=0.01)
    for line in text_lines(item.pdf):
        assert line.x1 <= size[0] - MARGIN + TOLERANCE and line.bottom <= size[1] - MARGIN \
            + TOLERANCE


def test_the_picture_is_embedded_where_the_layout_put_it(built: dict[str, Built]) -> None:
    images = page(built["en"].pdf).images
    assert len(images) == 1
    picture = next(s for s in built["en"].sheet.shapes if type(s).__name__ == "Picture")
    assert images[0]["x0"] == pytest.approx(picture.box.x, abs=0.1)
    assert images[0]["top"] == pytest.approx(picture.box.y, abs=0.1)
    assert images[0]["width"] == pytest.approx(picture.box.w, abs=0.1)


def test_latin_and_east_asian_runs_use_their_own_faces(built: dict[str, Built],
                                                       theme: Theme) -> None:
    latin = find_system_font("DejaVu Sans")
    if latin is None:
        pytest.skip("needs DejaVu Sans installed")
    east_asian = resolve_font(theme.fonts.east_asian, theme.fonts.east_asian_file)
    loaded = built["ja"].loaded
    item = make(loaded, theme, (latin, east_asian), Measurer(latin, east_asian,
                                                             theme.line_spacing))
    chars = page(item.pdf).chars
    faces = {c["text"]: c["fontname"].split("+", 1)[1] for c in chars}
    assert faces["N"].startswith("DejaVuSans") and faces["日"] == "NotoSansJP"
    predicted = Counter(squeeze(line.text) for line in sheet_lines(item.sheet, bullets=True))
    assert Counter(squeeze(line.text) for line in text_lines(item.pdf)) == predicted


def test_a_pdf_without_a_date_has_no_creation_date(tmp_path: Path) -> None:
    outline = tmp_path / "talk.yaml"
    outline.write_text("title: T\nsections:\n  - title: A\n    points: [a]\n", "utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        build(outline, Options(out_dir=tmp_path / "out", deck=False))
    metadata = pypdf.PdfReader(tmp_path / "out" / "talk-summary.pdf").metadata
    assert metadata is not None and "/CreationDate" not in metadata
    outline.write_text("title: T\ndate: 2026-11-26\nsections:\n  - title: A\n    points: [a]\n",
                       "utf-8")
    build(outline, Options(out_dir=tmp_path / "out", deck=False))
    metadata = pypdf.PdfReader(tmp_path / "out" / "talk-summary.pdf").metadata
    assert metadata is not None and metadata["/CreationDate"] == "D:20261126000000Z"


# Inline markup on the one-pager: bold outlined, italic slanted, links clickable; every line
# layout predicted drawn as one line.

OUTLINES = ROOT / "tests" / "outlines"
MARKUP = {"en": OUTLINES / "markup.en.yaml", "ja": OUTLINES / "markup.ja.yaml"}
LINKS = {"en": ["https://example.org/impact", "https://example.org/review",
                "https://example.org/rules"],
         "ja": ["https://example.org/impact", "https://example.org/review",
                "https://example.org/rules"]}
# Text the outline marks bold and italic (headings and labels are bold too).
BOLD = {"en": ["fourinfive", "Grants", "twice", "2027"], "ja": ["5分の4", "給付金", "「重要」"]}
ITALIC = {"en": ["about€3bn", "1April", "Renters", "annexB"], "ja": ["約30億ユーロ", "4月1日"]}
UPRIGHT = {"en": ["households", "replacethecap"], "ja": ["世帯", "を節約する"]}


@pytest.fixture(scope="module")
def marked(theme: Theme, fonts: tuple[FontFile, FontFile], measurer: Measurer,
           ) -> dict[str, Built]:
    """Return each markup outline's sheet and PDF, by language."""
    return {lang: make(load_outline(path), theme, fonts, measurer)
            for lang, path in MARKUP.items()}


def shown_with_render_mode(data: bytes) -> list[tuple[str, int]]:
    """Return each piece of text the PDF shows with the text render mode it is shown in
    (read by pypdf's content stream interpreter: 0 fill, 2 fill and stroke; the mode is
    part of the graphics state, which q saves and Q restores)."""
    modes = [0]  # the render mode of each saved graphics state (q pushes, Q pops)
    shown: list[tuple[str, int]] = []

    def before(operator: bytes, operands: list[Any], *_: Any) -> None:
        if operator == b"Tr":
            modes[-1] = int(operands[0])
        elif operator == b"q":
            modes.append(modes[-1])
        elif operator == b"Q" and len(modes) > 1:
            modes.pop()

    def text(piece: str, *_: Any) -> None:
        if piece.strip():
            shown.append((squeeze(piece), modes[-1]))

    pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text(
        visitor_operand_before=before, visitor_text=text)
    return shown


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_marked_up_lines_are_drawn_as_predicted(marked: dict[str, Built], lang: str) -> None:
    item = marked[lang]
    predicted = Counter(squeeze(line.text) for line in sheet_lines(item.sheet, bullets=True))
    drawn = Counter(squeeze(line.text) for line in text_lines(item.pdf))
    assert drawn == predicted
    text = "".join(predicted)
    assert "*" not in text.replace("5*3", "").replace("*notitalic*", "")
    assert "](" not in text


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_links_are_annotations_over_their_text(marked: dict[str, Built], lang: str) -> None:
    sheet_page = page(marked[lang].pdf)
    links = sheet_page.hyperlinks
    assert sorted({link["uri"] for link in links}) == LINKS[lang]

    def covered(link: dict[str, Any]) -> str:
        """Return the text whose glyph centres lie inside the link's area."""
        return squeeze("".join(
            c["text"] for c in sheet_page.chars
            if link["x0"] <= (c["x0"] + c["x1"]) / 2 <= link["x1"]
            and link["top"] <= (c["top"] + c["bottom"]) / 2 <= link["bottom"]))

    shown = {covered(link) for link in links}
    words = {"en": {"impactnote", "therules", "https://example.org/review"},
             "ja": {"影響評価", "規則", "https://example.org/review"}}
    assert shown == words[lang]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_bold_is_outlined_and_italic_slanted(marked: dict[str, Built], lang: str) -> None:
    shown = shown_with_render_mode(marked[lang].pdf)
    stroked = "".join(piece for piece, mode in shown if mode == 2)
    filled = "".join(piece for piece, mode in shown if mode == 0)
    for text in BOLD[lang]:
        assert text in stroked, (text, stroked)
    for text in UPRIGHT[lang]:
        assert text in filled and text not in stroked, text
    chars = page(marked[lang].pdf).chars
    slanted = squeeze("".join(c["text"] for c in chars if c["matrix"][2]))
    upright = squeeze("".join(c["text"] for c in chars if not c["matrix"][2]))
    for text in ITALIC[lang]:
        assert text in slanted, (text, slanted)
    for text in UPRIGHT[lang]:
        assert text in upright and text not in slanted
    shear = {round(c["matrix"][2] / c["matrix"][3], 3) for c in chars if c["matrix"][2]}
    assert shear == {round(0.2126, 3)}  # tan 12 degrees, FreeType's synthetic oblique


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_run_is_drawn_where_layout_placed_it(built: dict[str, Built], lang: str) -> None:
    item = built[lang]
    height = item.sheet.height
    drawn = [(c["text"], c["x0"], height - c["matrix"][5]) for c in page(item.pdf).chars]
    runs = [(run, line.y) for line in sheet_lines(item.sheet, bullets=True)
            for run in line.runs if run.text.strip() and not run.italic]
    assert len(runs) > 50
    for run, y in runs:
        offset = len(run.text) - len(run.text.lstrip())
        first = run.text[offset]
        assert any(text == first and abs(x - run.x) < 0.3 + offset * 10 and abs(b - y) < 0.05
                   for text, x, b in drawn), (run, y)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_centred_marking_and_right_aligned_date_as_drawn(built: dict[str, Built],
                                                         lang: str) -> None:
    item = built[lang]
    outline = item.loaded.outline
    chars = page(item.pdf).chars
    assert outline.classification and outline.date_text
    rows = itertools.groupby(sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])),
                             key=lambda c: round(c["top"], 1))
    lines = [list(row) for _, row in rows]
    mark = next(r for r in lines if squeeze("".join(c["text"] for c in r))
                == squeeze(outline.classification))
    # centred on the page: A4 is 595.28 pt wide
    assert (mark[0]["x0"] + mark[-1]["x1"]) / 2 == pytest.approx(595.28 / 2, abs=0.3)
    date = next(r for r in lines if squeeze("".join(c["text"] for c in r))
                == squeeze(outline.date_text))
    # right edge of the title band's text: page less margin (36) less the band's side (14)
    assert date[-1]["x1"] == pytest.approx(595.28 - 36 - 14, abs=0.3)


STRESS = {lang: ROOT / "tests" / "outlines" / f"stress.{lang}.yaml" for lang in ("ja", "en")}


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("landscape", [False, True])
def test_figure_values_are_whole_and_inside_their_cells(
        theme: Theme, fonts: tuple[FontFile, FontFile], measurer: Measurer, lang: str,
        landscape: bool) -> None:
    item = make(load_outline(STRESS[lang]), theme, fonts, measurer, landscape=landscape)
    cells = [s.box for s in item.sheet.shapes if isinstance(s, Rect) and s.name == "Figure"]
    values = [f.value for s in item.loaded.outline.sections for f in s.figures]
    assert len(cells) == len(values) == 4
    lines = text_lines(item.pdf)
    for value in values:
        found = [line for line in lines if squeeze(line.text) == squeeze(value)]
        assert len(found) == 1, (value, [line.text for line in lines if line.text[:1]
                                         == value[:1]])
        line = found[0]
        assert any(box.x <= line.x0 and line.x1 <= box.right and box.y <= line.top
                   and line.bottom <= box.bottom for box in cells), (value, line)


def test_picture_pixels_are_deflated_at_the_chosen_level(built: dict[str, Built]) -> None:
    """The map's pixels are deflated by ISA-L at its level 3; fpdf2's own setting and
    deflater are left as they were."""
    import zlib

    from fpdf import image_parsing

    from briefing.render import pdf as renderer

    assert image_parsing.SETTINGS.compression_level == -1
    reader = pypdf.PdfReader(io.BytesIO(built["en"].pdf))
    images = [o for o in reader.pages[0]["/Resources"]["/XObject"].values()
              if o.get_object()["/Subtype"] == "/Image"]
    assert len(images) == 1
    stream = images[0].get_object()
    raw = stream._data  # the deflated bytes as written
    assert stream["/Filter"] == "/FlateDecode"
    # Oracle: ISA-L itself at the chosen level, and zlib reading the stream back.
    assert raw == isal_zlib.compress(zlib.decompress(raw), renderer.IMAGE_DEFLATE_LEVEL)
    assert raw != zlib.compress(zlib.decompress(raw))  # zlib writes other bytes
    assert image_parsing.zlib is zlib  # fpdf2's deflater as it was



def with_picture(sheet: Sheet, data: bytes) -> Sheet:
    """Return ``sheet`` with its picture's bytes replaced by ``data``."""
    return dataclasses.replace(sheet, shapes=tuple(
        dataclasses.replace(shape, data=data) if isinstance(shape, Picture) else shape
        for shape in sheet.shapes))


def png_of(color: str, size: tuple[int, int] = (1600, 900)) -> bytes:
    """Return a PNG of one ``color`` with a diagonal line (so rows differ)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, color)
    ImageDraw.Draw(image).line((0, 0, *size), fill="black", width=9)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_picture_parsed_by_an_earlier_build_is_not_parsed_again(
        built: dict[str, Built], theme: Theme, fonts: tuple[FontFile, FontFile],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from fpdf import image_parsing

    from briefing.render.pdf import PARSED

    sheet, outline = built["en"].sheet, built["en"].loaded.outline
    PARSED.clear()
    first = render_pdf(sheet, theme, fonts, outline.date, outline.author)  # fpdf2 parses it

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the picture was parsed again")

    monkeypatch.setattr(image_parsing, "get_img_info", refuse)
    assert render_pdf(sheet, theme, fonts, outline.date, outline.author) == first


@pytest.mark.parametrize("level", [None, 1])
def test_a_picture_is_reused_only_when_parsed_alike(
        built: dict[str, Built], theme: Theme, fonts: tuple[FontFile, FontFile],
        monkeypatch: pytest.MonkeyPatch, level: int | None) -> None:
    """Another picture, or the same deflated at another level, is parsed afresh: the PDF
    equals one rendered with nothing kept."""
    from briefing.render import pdf as renderer

    sheet, outline = built["en"].sheet, built["en"].loaded.outline
    other = sheet if level is not None else with_picture(sheet, png_of("#3a7"))
    render_pdf(sheet, theme, fonts, outline.date, outline.author)  # keeps the map
    if level is not None:
        monkeypatch.setattr(renderer, "IMAGE_DEFLATE_LEVEL", level)
    reused = render_pdf(other, theme, fonts, outline.date, outline.author)
    renderer.PARSED.clear()
    assert reused == render_pdf(other, theme, fonts, outline.date, outline.author)


def test_page_contents_and_fonts_are_deflated_at_the_chosen_level(built: dict[str, Built],
                                                                   ) -> None:
    """Page contents and embedded fonts are deflated by ISA-L at level 1; fpdf2's own setting
    and deflater are left as they were."""
    import zlib

    from fpdf import syntax
    from fpdf.syntax import PDFContentStream

    from briefing.render import pdf as renderer

    assert PDFContentStream._COMPRESSION_LEVEL == -1
    reader = pypdf.PdfReader(io.BytesIO(built["ja"].pdf))
    contents = reader.pages[0]["/Contents"].get_object()
    font = reader.pages[0]["/Resources"]["/Font"]
    descendant = next(iter(font.values())).get_object()["/DescendantFonts"][0].get_object()
    face = descendant["/FontDescriptor"].get_object()["/FontFile2"].get_object()
    for stream in (contents, face):
        raw = stream._data
        assert raw == isal_zlib.compress(zlib.decompress(raw), renderer.STREAM_DEFLATE_LEVEL)
        assert raw != zlib.compress(zlib.decompress(raw))  # zlib writes other bytes
    assert syntax.zlib is zlib

# --- importing fpdf2 without its signing ---------------------------------------------------

_IMPORT_REPORT = """
import sys
import briefing.render.pdf, fpdf.fpdf, fpdf.sign
print(*(name in sys.modules for name in ("cryptography", "unittest.mock", "asyncio")),
      fpdf.fpdf.pkcs12 is None)
import cryptography.hazmat.primitives.serialization, unittest.mock
print(fpdf.sign.patch is unittest.mock.patch, unittest.mock.patch.__module__)
"""


def _fresh_import(extra_path: Path | None = None) -> list[str]:
    """Return the lines a new interpreter prints after importing the PDF renderer."""
    import os
    import subprocess
    import sys

    env = dict(os.environ)
    if extra_path is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(extra_path),
                                                          env.get("PYTHONPATH"))))
    done = subprocess.run([sys.executable, "-c", _IMPORT_REPORT], env=env, capture_output=True,
                          text=True, check=True, timeout=120)
    return done.stdout.split("\n")[:2]


def test_fpdf_is_imported_without_what_signs_when_it_could_not_sign() -> None:
    """Without endesive fpdf2 cannot sign: neither cryptography nor unittest.mock (with
    asyncio) is imported with it, and importing them later gives the real modules."""
    import importlib.util

    assert importlib.util.find_spec("cryptography") is not None  # installed, as with pdfplumber
    assert importlib.util.find_spec("endesive") is None
    assert _fresh_import() == ["False False False True", "False unittest.mock"]


def test_fpdf_keeps_its_signing_when_endesive_is_installed(tmp_path: Path) -> None:
    package = tmp_path / "endesive"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "signer.py").write_text("", encoding="utf-8")
    assert _fresh_import(tmp_path) == ["True True True False", "True unittest.mock"]


def test_the_stand_in_patch_refuses_to_sign() -> None:
    from briefing.render.pdf import _mock_stand_in

    with pytest.raises(RuntimeError, match="needs endesive"):
        _mock_stand_in().patch("endesive.signer.datetime", None)


# --- faces embedded as they were subset ---------------------------------------------------------

def embedded_faces(data: bytes) -> dict[str, TTFont]:
    """Return each face embedded in a one-page PDF, read by fontTools, by its font name."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    faces = {}
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        descendant = font["/DescendantFonts"][0].get_object()
        stream = descendant["/FontDescriptor"].get_object()["/FontFile2"].get_object()
        faces[str(font["/BaseFont"]).lstrip("/")] = TTFont(io.BytesIO(stream.get_data()))
    return faces


def visible(characters: Iterable[str]) -> set[str]:
    """Return the characters that draw something (not spaces nor controls)."""
    return {c for c in characters if c.isprintable() and not c.isspace()}


@pytest.fixture(scope="module")
def two_faces(theme: Theme) -> tuple[FontFile, FontFile]:
    """Return Carlito (TrueType, installed by .ci/run) and the theme's East Asian face."""
    latin = find_system_font("Carlito")
    assert latin is not None, "Carlito is not installed (see .ci/run)"
    return latin, resolve_font(theme.fonts.east_asian, theme.fonts.east_asian_file)


def test_each_embedded_face_maps_just_the_characters_drawn_in_it(
        built: dict[str, Built], theme: Theme, two_faces: tuple[FontFile, FontFile]) -> None:
    item = make(built["ja"].loaded, theme, two_faces, Measurer(*two_faces, theme.line_spacing))
    drawn: dict[str, set[str]] = {}
    for char in page(item.pdf).chars:  # read back by pdfplumber, with the face that drew it
        drawn.setdefault(char["fontname"], set()).update(char["text"])
    faces = embedded_faces(item.pdf)
    assert sorted(faces) == sorted(drawn)
    for name, face in faces.items():
        assert visible(map(chr, face.getBestCmap())) == visible(drawn[name]), name


def test_faces_already_subset_are_not_subset_again(
        built: dict[str, Built], theme: Theme, fonts: tuple[FontFile, FontFile],
        measurer: Measurer, two_faces: tuple[FontFile, FontFile],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from fontTools import subset

    pairs = ((fonts, measurer), (two_faces, Measurer(*two_faces, theme.line_spacing)))
    for faces, measure in pairs:  # the cached subsets made first
        make(built["ja"].loaded, theme, faces, measure)

    def refuse(*_: object) -> None:
        raise AssertionError("a face was subset or compiled again")

    monkeypatch.setattr(subset.Subsetter, "subset", refuse)
    monkeypatch.setattr(TTFont, "save", refuse)
    for faces, measure in pairs:
        assert make(built["ja"].loaded, theme, faces, measure).pdf.startswith(b"%PDF")


def test_a_face_already_subset_is_embedded_as_its_file(
        built: dict[str, Built], theme: Theme, two_faces: tuple[FontFile, FontFile],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.render import pdf

    given: list[bytes] = []

    def recording(face: FontFile, characters: str) -> FontFile:
        subset = embeddable(face, characters)
        given.append(subset.path.read_bytes())
        return subset

    embeddable = pdf.embeddable
    monkeypatch.setattr(pdf, "embeddable", recording)
    item = make(built["ja"].loaded, theme, two_faces, Measurer(*two_faces, theme.line_spacing))
    reader = pypdf.PdfReader(io.BytesIO(item.pdf))
    streams = []
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        descendant = font.get_object()["/DescendantFonts"][0].get_object()
        streams.append(descendant["/FontDescriptor"].get_object()["/FontFile2"].get_object()
                       .get_data())
    assert len(given) == 2
    assert sorted(streams) == sorted(given)


@pytest.mark.parametrize(("made_of", "wanted", "dropped"), [
    ("éAB", "éAB", ""), ("éAB", "éA", ""), ("éAB", "é", ""), ("日本", "日本", ""),
    ("日本", "本", ""), ("日本", "日本", "OS/2"), ("éAB", "éAB", "kern")])
def test_a_face_needs_subsetting_exactly_when_fonttools_would_change_it(
        two_faces: tuple[FontFile, FontFile], made_of: str, wanted: str, dropped: str) -> None:
    from fontTools.subset import Options, Subsetter

    from briefing.render.fontcache import FPDF_DROPPED, embeddable
    from briefing.render.pdf import needs_subsetting

    face = two_faces[1] if made_of == "日本" else two_faces[0]
    path = embeddable(face, made_of).path
    names = {TTFont(str(path)).getBestCmap()[ord(c)] for c in wanted}
    options = Options(notdef_outline=True, recommended_glyphs=True)  # as fpdf2 subsets
    options.drop_tables += [*FPDF_DROPPED, *([dropped] if dropped else [])]
    oracle = TTFont(str(path))
    before = (oracle.getGlyphOrder(), sorted(oracle.keys()))
    subsetter = Subsetter(options)
    subsetter.populate(glyphs=sorted(names))
    subsetter.subset(oracle)
    changed = (oracle.getGlyphOrder(), sorted(oracle.keys())) != before
    assert needs_subsetting(TTFont(str(path)), names, options) == changed


def test_a_face_holding_more_than_its_subset_is_still_subset(
        two_faces: tuple[FontFile, FontFile]) -> None:
    from fontTools.subset import Options

    from briefing.render.fontcache import embeddable
    from briefing.render.pdf import KeepingSubsetter

    face = TTFont(str(embeddable(two_faces[0], "éAB").path))
    wanted = face.getBestCmap()[ord("A")]
    subsetter = KeepingSubsetter(Options(notdef_outline=True, recommended_glyphs=True))
    subsetter.populate(glyphs=[wanted])
    subsetter.subset(face)
    assert visible(map(chr, face.getBestCmap())) == {"A"}


def test_a_face_that_draws_nothing_is_left_out(built: dict[str, Built], theme: Theme,
                                               two_faces: tuple[FontFile, FontFile]) -> None:
    loaded = built["en"].loaded
    latin_only = loaded.outline.model_copy(update={"sources": []})  # its Japanese title
    item = make(dataclasses.replace(loaded, outline=latin_only), theme, two_faces,
                Measurer(*two_faces, theme.line_spacing))
    drawn = {char["fontname"].split("+", 1)[1] for char in page(item.pdf).chars}
    assert drawn == {"Carlito"}
    assert [name.split("+", 1)[1] for name in embedded_faces(item.pdf)] == ["Carlito"]


# --- runs drawn as one --------------------------------------------------------------------

def test_runs_that_meet_in_one_face_and_style_are_drawn_as_one() -> None:
    from briefing.layout.boxes import Run
    from briefing.layout.sheet import joined_runs

    runs = [Run("NATO", 10.0, 30.0, False), Run("と日本", 40.0, 33.0, True),
            Run("は", 73.004, 11.0, True), Run("強く", 90.0, 22.0, True),  # a gap before it
            Run("結ぶ", 112.0, 22.0, True, bold=True), Run("link", 134.0, 20.0, False,
                                                            href="https://example.org")]
    # Worked out by hand: one face for both scripts joins the first three; two faces keep
    # NATO apart; a gap, a change of style and a link are never crossed.
    assert [(r.text, r.x, r.width) for r in joined_runs(runs, one_face=True)] == [
        ("NATOと日本は", 10.0, 74.004), ("強く", 90.0, 22.0), ("結ぶ", 112.0, 22.0),
        ("link", 134.0, 20.0)]
    assert [r.text for r in joined_runs(runs, one_face=False)] == [
        "NATO", "と日本は", "強く", "結ぶ", "link"]


def test_joined_runs_put_every_glyph_where_separate_runs_did(
        marked: dict[str, Built], theme: Theme, fonts: tuple[FontFile, FontFile],
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Oracle: poppler's rendering of the same sheet drawn run by run, compared pixel by pixel.
    import subprocess

    from PIL import Image, ImageChops

    from briefing.render import pdf as renderer

    sheet, outline = marked["ja"].sheet, marked["ja"].loaded.outline
    pages = {}
    for name in ("joined", "separate"):
        if name == "separate":
            monkeypatch.setattr(renderer, "joined_runs", lambda runs, one_face: list(runs))
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(render_pdf(sheet, theme, fonts, outline.date, outline.author))
        subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(path),
                        str(tmp_path / name)], check=True, timeout=120)
        pages[name] = Image.open(tmp_path / f"{name}.png").convert("L")
    difference = ImageChops.difference(pages["joined"], pages["separate"])
    changed = sum(count for value, count in enumerate(difference.histogram()) if value > 64)
    assert changed <= 0.0005 * difference.width * difference.height  # edges a tenth off
