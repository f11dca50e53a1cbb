"""Draw a laid-out summary sheet into a PDF with fpdf2 (the only module that imports fpdf)."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTFont, newTable
from fpdf import FPDF
from fpdf.enums import TextMode
from fpdf.output import OutputProducer

from briefing.layout.boxes import Picture, Rect, Rule, TextFrame
from briefing.layout.summary import PlacedLine, Sheet, frame_lines, sheet_lines
from briefing.text.fonts import FontFile, is_east_asian
from briefing.theme.tokens import Theme

LATIN, EAST_ASIAN = "latin", "eastasian"
BOLD_STROKE = 0.035  # synthetic bold: outline stroke width in ems
CREATOR = "briefing"


def render_pdf(sheet: Sheet, theme: Theme, fonts: tuple[FontFile, FontFile],
               created: dt.date | dt.datetime | None, author: str | None) -> bytes:
    """Return the PDF bytes of ``sheet``: one page, fonts subset, same bytes for same input.

    ``created`` is the document date (a date means midnight UTC); without one the PDF has
    no creation date rather than the time of the build.
    """
    with tempfile.TemporaryDirectory() as folder:
        embedded = _embeddable(fonts, _characters(sheet), Path(folder))
        pdf = _document(sheet, embedded, created, author)
        _draw(pdf, sheet, theme, fonts[0] == fonts[1])
        producer = OutputProducer if created is not None else _UndatedOutput
        return bytes(pdf.output(output_producer_class=producer))


class _UndatedOutput(OutputProducer):
    """Writes the document information without a creation date."""

    def _add_info(self) -> Any:
        info = super()._add_info()
        info.creation_date = None  # type: ignore[assignment]  # left out when None
        return info


def _draw(pdf: FPDF, sheet: Sheet, theme: Theme, one_font: bool) -> None:
    """Draw the background and every shape of ``sheet`` in order."""
    _paint(pdf, theme.color("background").rgb, sheet)
    for shape in sheet.shapes:
        if isinstance(shape, TextFrame):
            for line in frame_lines(shape, sheet.baseline):
                _draw_line(pdf, line, one_font)
        elif isinstance(shape, Rect):
            _draw_rect(pdf, shape)
        elif isinstance(shape, Rule):
            _draw_rule(pdf, shape)
        else:
            _draw_picture(pdf, shape)


def _characters(sheet: Sheet) -> str:
    """Return every character the sheet's text uses, sorted."""
    return "".join(sorted({c for line in sheet_lines(sheet) for c in line.text}))


def _embeddable(fonts: tuple[FontFile, FontFile], characters: str,
                folder: Path) -> tuple[FontFile, FontFile]:
    """Return the fonts to embed: TrueType-outline copies, cut to ``characters``, of CFF fonts.

    fpdf2 embeds CFF (.otf) fonts with a custom encoding CMap that pdfminer-based tools cannot
    read, so their text could not be extracted; TrueType outlines embed with Identity-H.
    """
    latin = _truetype(fonts[0], characters, folder / "latin.ttf")
    if fonts[1] == fonts[0]:
        return latin, latin
    return latin, _truetype(fonts[1], characters, folder / "eastasian.ttf")


def _truetype(font: FontFile, characters: str, target: Path) -> FontFile:
    """Return ``font`` when it has TrueType outlines, else a converted subset at ``target``."""
    face = TTFont(str(font.path), fontNumber=font.index, recalcTimestamp=False)
    if "CFF " not in face:
        return font
    subsetter = Subsetter(Options(notdef_outline=True, recommended_glyphs=True,
                                  name_IDs=["*"], layout_features=[]))
    subsetter.populate(unicodes={ord(c) for c in characters})
    subsetter.subset(face)
    _quadratic_outlines(face)
    face.save(str(target))
    return FontFile(font.family, target)


def _quadratic_outlines(face: TTFont) -> None:
    """Replace the CFF outlines of ``face`` by TrueType (quadratic) ones, in place."""
    order = face.getGlyphOrder()
    glyphs = face.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {name: _quadratic_glyph(glyphs[name]) for name in order}
    face["loca"] = newTable("loca")
    face["glyf"] = glyf
    for tag in ("CFF ", "VORG"):
        if tag in face:
            del face[tag]
    _truetype_maxp(face["maxp"])
    face["head"].glyphDataFormat = 0
    face["post"].formatType = 3.0
    face.sfntVersion = "\x00\x01\x00\x00"


def _quadratic_glyph(glyph: object) -> object:
    """Return a TrueType glyph drawn from a cubic one (within a font unit)."""
    pen = TTGlyphPen(None)
    glyph.draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))  # type: ignore[attr-defined]
    return pen.glyph()


def _truetype_maxp(maxp: object) -> None:
    """Turn a CFF font's short maxp table into the TrueType version (counts recomputed)."""
    fields = ("maxPoints", "maxContours", "maxCompositePoints", "maxCompositeContours",
              "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
              "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
              "maxComponentDepth")
    maxp.tableVersion = 0x00010000  # type: ignore[attr-defined]
    maxp.maxZones = 1  # type: ignore[attr-defined]
    for name in fields:
        setattr(maxp, name, 0)


def _document(sheet: Sheet, fonts: tuple[FontFile, FontFile],
              created: dt.date | dt.datetime | None, author: str | None) -> FPDF:
    """Return an FPDF with one page of the sheet's size, fonts added and metadata set."""
    pdf = FPDF(unit="pt", format=(sheet.width, sheet.height))
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    for family, font in zip((LATIN, EAST_ASIAN), fonts, strict=True):
        pdf.add_font(family, "", str(font.path), collection_font_number=font.index)
    pdf.set_title(sheet.title)
    pdf.set_lang(sheet.lang)
    if author:
        pdf.set_author(author)
    pdf.set_creator(CREATOR)
    pdf.set_creation_date(_timestamp(created))
    pdf.add_page()
    return pdf


def _timestamp(created: dt.date | dt.datetime | None) -> dt.datetime:
    """Return ``created`` as an aware datetime (a date at midnight UTC); the Unix epoch
    stands in when there is none, and is then left out of the file."""
    if isinstance(created, dt.datetime):
        return created if created.tzinfo else created.replace(tzinfo=dt.UTC)
    day = created or dt.date(1970, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _paint(pdf: FPDF, color: str, sheet: Sheet) -> None:
    """Fill the whole page with the background colour."""
    pdf.set_fill_color(*_rgb(color))
    pdf.rect(0, 0, sheet.width, sheet.height, style="F")


def _rgb(color: str) -> tuple[int, int, int]:
    """Return the (r, g, b) of an RRGGBB string."""
    return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)


def _draw_line(pdf: FPDF, line: PlacedLine, one_font: bool) -> None:
    """Draw one predicted line at its baseline; bold lines get a thin outline of their colour."""
    pdf.set_text_color(*_rgb(line.color))
    if not line.bold:
        _draw_runs(pdf, line, one_font)
        return
    with pdf.local_context(text_mode=TextMode.FILL_STROKE, line_width=line.size * BOLD_STROKE,
                           draw_color=_rgb(line.color)):
        _draw_runs(pdf, line, one_font)


def _draw_runs(pdf: FPDF, line: PlacedLine, one_font: bool) -> None:
    """Draw the text of ``line`` run by run, each run in the font of its script."""
    x = line.x
    for family, run in _runs(line.text, one_font):
        pdf.set_font(family, size=line.size)
        pdf.text(x, line.y, run)
        x += pdf.get_string_width(run)


def _runs(text: str, one_font: bool) -> Iterator[tuple[str, str]]:
    """Return (font family, run) pieces of ``text``: East Asian characters and the rest."""
    if one_font:
        yield EAST_ASIAN, text
        return
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or is_east_asian(text[index]) != is_east_asian(text[start]):
            yield (EAST_ASIAN if is_east_asian(text[start]) else LATIN), text[start:index]
            start = index


def _draw_rect(pdf: FPDF, rect: Rect) -> None:
    """Draw a filled and/or outlined rectangle, rounded rectangle or ellipse."""
    style = ("F" if rect.fill else "") + ("D" if rect.line and rect.line_width else "")
    if not style:
        return
    if rect.fill:
        pdf.set_fill_color(*_rgb(rect.fill.rgb))
    if rect.line:
        pdf.set_draw_color(*_rgb(rect.line.rgb))
        pdf.set_line_width(rect.line_width)
    box = rect.box
    if rect.shape == "ellipse":
        pdf.ellipse(box.x, box.y, box.w, box.h, style=style)
    else:
        rounded = rect.shape == "roundRect"
        pdf.rect(box.x, box.y, box.w, box.h, style=style, round_corners=rounded,
                 corner_radius=min(box.w, box.h) * 0.12 if rounded else 0)


def _draw_rule(pdf: FPDF, rule: Rule) -> None:
    """Draw a straight line."""
    pdf.set_draw_color(*_rgb(rule.color.rgb))
    pdf.set_line_width(rule.width)
    pdf.line(rule.x1, rule.y1, rule.x2, rule.y2)


def _draw_picture(pdf: FPDF, picture: Picture) -> None:
    """Draw an image scaled into its box (layout already kept its aspect ratio)."""
    box = picture.box
    pdf.image(io.BytesIO(picture.data), x=box.x, y=box.y, w=box.w, h=box.h,
              alt_text=picture.alt or None)
