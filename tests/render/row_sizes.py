"""Read what a built deck's slides set, straight from the slide XML: each shape's name, the
size of each paragraph's runs, its paragraphs' text, its right inset and its position."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

import pptx_checks as checks
from pptx_checks import NS

EMU_PER_PT = 12700
DEFAULT_INSET = 7.2  # points: a:bodyPr lIns / rIns when not written (ECMA-376 §21.1.2.1.1)
# Shapes that are display text rather than body text: a figure's value, a pull quote.
DISPLAY = frozenset({"Value", "Quote"})
FURNITURE = frozenset({"Date", "Footer", "Slide number"})


class ShapeText(NamedTuple):
    """One text shape: name, (level, size, text) of each paragraph, right inset, top."""

    name: str
    paragraphs: list[tuple[int, float | None, str]]
    right_inset: float | None
    top: float | None
    placeholder: str | None

    def sizes(self, level: int | None = None) -> set[float]:
        """Return the sizes the shape's paragraphs (of ``level``, when given) are set at."""
        return {size for lvl, size, _ in self.paragraphs
                if size is not None and (level is None or lvl == level)}


def slides(path_or_parts: object) -> list[list[ShapeText]]:
    """Return the text shapes of every slide of a deck (a path or its parts), in order."""
    parts: Mapping[str, bytes] = (path_or_parts if isinstance(path_or_parts, Mapping)
                                  else checks.read_parts(path_or_parts))  # type: ignore[arg-type]
    return [_shapes(checks.parse(parts[name])) for name in checks.slide_names(parts)]


def _shapes(root: object) -> list[ShapeText]:
    """Return the text shapes of a slide's XML."""
    found = []
    for shape in root.iterfind(".//p:sp", NS):  # type: ignore[attr-defined]
        body = shape.find("p:txBody", NS)
        if body is None:
            continue
        name = shape.find("p:nvSpPr/p:cNvPr", NS).get("name")
        paragraphs = []
        for paragraph in body.iterfind("a:p", NS):
            text = checks.paragraph_text(paragraph)
            if not text.strip():
                continue
            p_pr = paragraph.find("a:pPr", NS)
            level = int(p_pr.get("lvl", "0")) if p_pr is not None else 0
            sizes = [int(r.get("sz")) / 100 for r in paragraph.iterfind("a:r/a:rPr", NS)
                     if r.get("sz")]
            paragraphs.append((level, max(sizes) if sizes else None, text))
        if not paragraphs:
            continue
        body_pr = body.find("a:bodyPr", NS)
        inset = body_pr.get("rIns") if body_pr is not None else None
        off = shape.find("p:spPr/a:xfrm/a:off", NS)
        found.append(ShapeText(name, paragraphs,
                               int(inset) / EMU_PER_PT if inset is not None else None,
                               int(off.get("y")) / EMU_PER_PT if off is not None else None,
                               checks.placeholder_type(shape)))
    return found


def title_size(shapes: list[ShapeText]) -> float | None:
    """Return the size of a slide's title, None when it has none or inherits it."""
    for shape in shapes:
        if shape.placeholder in ("title", "ctrTitle"):
            return max(shape.sizes(), default=None)
    return None


def body_sizes(shapes: list[ShapeText]) -> set[float]:
    """Return the sizes of a slide's body text: everything but the title, display text and
    footers."""
    return {size for shape in shapes
            if shape.placeholder not in ("title", "ctrTitle", "dt", "ftr", "sldNum")
            and shape.name not in DISPLAY | FURNITURE
            for size in shape.sizes()}


# Rows whose members must share one size, by shape name (and paragraph level).
ROWS = {"Value": (0,), "Label": (0,), "Date": (0,), "Header text": (0,), "Event": (0, 1),
        "Column": (0, 1), "Takeaway": (0,), "Entry": (0,), "Sections": (0,)}


def mixed_rows(shapes: list[ShapeText]) -> list[str]:
    """Return each row of a slide whose members are set at more than one size."""
    mixed = []
    for name, levels in ROWS.items():
        members = [shape for shape in shapes if shape.name == name]
        if name == "Column" and any(shape.name == "Header text" for shape in shapes):
            members += [shape for shape in shapes if shape.placeholder in ("body", "obj")]
        for level in levels:
            sizes = {size for shape in members for size in shape.sizes(level)}
            if len(sizes) > 1:
                mixed.append(f"{name} level {level}: {sorted(sizes)}")
    return mixed
