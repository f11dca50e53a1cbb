"""Render text boxes with LibreOffice and read back each box's lines and glyph positions.

The deck is made with python-pptx directly (not the project's renderer), one text box per
slide, so what LibreOffice does with a paragraph is seen on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
import pptx_checks as checks
from lxml import etree
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu

from briefing.text.fonts import BUNDLED_FAMILY

EMU_PER_PT = 12700
SLIDE = (960.0, 540.0)
LEFT, TOP = 40.0, 40.0


@dataclass(frozen=True)
class TextBox:
    """One paragraph in a text box ``width`` points wide, wrapped by the renderer or not."""

    text: str
    size: float
    width: float
    wrap: bool = True
    margin_right: float = 0.0  # a:pPr marR, points
    inset_right: float = 0.0  # a:bodyPr rIns, points
    latin: str = BUNDLED_FAMILY
    lang: str = "ja-JP"


@dataclass(frozen=True)
class Glyph:
    """A glyph LibreOffice drew: its character and left edge in points."""

    char: str
    x: float


@dataclass
class Rendered:
    """A rendered box: its lines, top to bottom, each a list of glyphs left to right."""

    lines: list[list[Glyph]] = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        """Return each line's characters."""
        return ["".join(glyph.char for glyph in line) for line in self.lines]




def render(boxes: list[TextBox], folder: Path, name: str) -> list[Rendered]:
    """Return what LibreOffice draws of each box (one slide each)."""
    checks.need_libreoffice()
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(int(SLIDE[0] * EMU_PER_PT)), Emu(
        int(SLIDE[1] * EMU_PER_PT))
    for box in boxes:
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        shape = slide.shapes.add_textbox(Emu(int(LEFT * EMU_PER_PT)), Emu(int(TOP * EMU_PER_PT)),
                                         Emu(round(box.width * EMU_PER_PT)),
                                         Emu(int((SLIDE[1] - 2 * TOP) * EMU_PER_PT)))
        _write(shape.text_frame, box)
    path = folder / f"{name}.pptx"
    prs.save(str(path))
    checks.convert_to_pdf([path], folder)
    with pdfplumber.open(folder / f"{name}.pdf") as pdf:
        return [_read(page) for page in pdf.pages]


def _write(frame: object, box: TextBox) -> None:
    """Write ``box`` into a python-pptx text frame: no insets but the right one, no autofit."""
    body = frame._txBody  # type: ignore[attr-defined]
    body_pr = body.find(qn("a:bodyPr"))
    for child in list(body_pr):
        body_pr.remove(child)
    body_pr.set("wrap", "square" if box.wrap else "none")
    for side, value in (("lIns", 0.0), ("tIns", 0.0), ("rIns", box.inset_right),
                        ("bIns", 0.0)):
        body_pr.set(side, str(round(value * EMU_PER_PT)))
    etree.SubElement(body_pr, qn("a:noAutofit"))
    paragraph = frame.paragraphs[0]  # type: ignore[attr-defined]
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.set("marL", "0")
    p_pr.set("indent", "0")
    p_pr.set("marR", str(round(box.margin_right * EMU_PER_PT)))
    p_pr.set("hangingPunct", "0")
    run = paragraph.add_run()
    run.text = box.text
    r_pr = run._r.get_or_add_rPr()
    r_pr.set("lang", box.lang)
    r_pr.set("sz", str(round(box.size * 100)))
    etree.SubElement(r_pr, qn("a:latin"), typeface=box.latin)
    etree.SubElement(r_pr, qn("a:ea"), typeface=BUNDLED_FAMILY)


def _read(page: object) -> Rendered:
    """Return the lines of glyphs on a page, grouped by baseline."""
    chars = sorted((c for c in page.chars if c["text"].strip()),  # type: ignore[attr-defined]
                   key=lambda c: c["bottom"])
    rows: list[list[dict[str, float | str]]] = []
    for char in chars:
        if rows and abs(float(char["bottom"]) - float(rows[-1][0]["bottom"])) < ROW_GAP:
            rows[-1].append(char)
        else:
            rows.append([char])
    return Rendered([sorted((Glyph(str(c["text"]), float(c["x0"])) for c in row),
                            key=lambda g: g.x) for row in rows])


ROW_GAP = 4.0  # points: glyphs whose bottoms are closer sit on one line
