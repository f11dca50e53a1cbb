"""Furniture on every slide: date, footer text, classification marking and slide number.

They go into the layout's own footer placeholders (``dt``, ``ftr``, ``sldNum``) when it has
them; what a layout has no placeholder for is drawn as one line in the free space along the
bottom of the slide; when there is none, a warning says so.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from briefing.geometry import Box
from briefing.layout.boxes import Page, Paragraph, Shape, TextFrame
from briefing.layout.frames import Typesetter
from briefing.outline.model import Outline
from briefing.text.fonts import Measurer
from briefing.theme.design import Design
from briefing.theme.roles import layout_backdrop
from briefing.theme.template import FOOTER_KINDS, Layout

BAND_SHARE = 0.09  # the share of the slide height along the bottom that furniture may use


def add_furniture(design: Design, ts: Typesetter, outline: Outline, page: Page,
                  number: int) -> Page:
    """Return ``page`` with its footers: in placeholders, or drawn where there is room."""
    layout = design.template.layouts[page.layout]
    present = {p.kind for p in layout.placeholders if p.kind in FOOTER_KINDS}
    date = outline.date_text or ""
    footer = ts.theme.footer_text or outline.organization or ""
    marking = outline.classification or ""
    if page.kind == "cover":
        date = ""  # the title slide's byline shows it
    texts = _assign(present, date, footer, marking, str(number))
    drawn_left = texts.pop("drawn", "")
    drawn_number = texts.pop("drawn_number", "")
    footers = {k: v for k, v in texts.items() if v}
    boxes = _clear(design, ts, page, footers)
    footers, sizes = _fit_footers(ts, layout, footers, boxes, marking)
    # Footers name the body typefaces: renderers differ on what a footer inherits when its
    # style names none (PowerPoint: the theme's body font; LibreOffice: its own default).
    faces = (design.minor.latin, design.minor.east_asian)
    page = replace(page, footers=footers, footer_boxes=boxes, footer_sizes=sizes,
                   footer_faces=faces)
    if not drawn_left and not drawn_number:
        return page
    shapes = _drawn(design, ts, page, drawn_left, drawn_number, marking)
    return replace(page, shapes=(*page.shapes, *shapes))


def _assign(present: set[str], date: str, footer: str, marking: str,
            number: str) -> dict[str, str]:
    """Return the text of each footer placeholder, and what must be drawn instead."""
    texts: dict[str, str] = {}
    rest = [t for t in (footer, marking) if t]
    if "dt" in present and date:
        texts["dt"] = date
    elif date:
        rest.insert(0, date)
    line = " · ".join(rest)
    if "ftr" in present:
        texts["ftr"] = line
    elif "dt" in present and line and "dt" not in texts:
        texts["dt"] = line
    else:
        texts["drawn"] = line
    if number:
        texts["sldNum" if "sldNum" in present else "drawn_number"] = number
    return texts


def _fit_footers(ts: Typesetter, layout: Layout, footers: dict[str, str],
                 boxes: dict[str, Box], marking: str = "",
                 ) -> tuple[dict[str, str], dict[str, float]]:
    """Return footer texts that fit their placeholders on one line: at the placeholder's
    size, else down to three quarters of it, else shortened with a warning (``_shortened``:
    the classification ``marking`` stays whole)."""
    texts, sizes = dict(footers), {}
    for placeholder in layout.placeholders:
        kind = placeholder.kind
        if kind not in texts or kind == "sldNum":
            continue
        style = placeholder.style
        size = style.level(0).size or ts.theme.footer_size
        box = style.body.insets.apply(boxes.get(kind, placeholder.box))
        # Measured as the placeholder sets it: capitals and letter spacing (spc) included.
        measurer = ts.measurer.with_capitals(bool(style.level(0).caps)).with_tracking(
            style.level(0).letter_spacing or 0.0)
        text = texts[kind]
        fitted = size
        while measurer.width(text, fitted) > box.w * 0.95 and fitted > size * 0.75:
            fitted -= 0.5
        if measurer.width(text, fitted) > box.w * 0.95:
            ts.warnings.warn(f"footer text '{text}' is too long for the footer of layout "
                             f"'{layout.name}'; it is shortened", "overflow", what=text)
            texts[kind] = _shortened(measurer, text, marking, fitted, box.w * 0.95)
        if fitted != size:
            sizes[kind] = fitted
    return texts, sizes


def _clear(design: Design, ts: Typesetter, page: Page,
           footers: dict[str, str]) -> dict[str, Box]:
    """Return new boxes for footer placeholders a decoration covers (a logo over the slide
    number): the free stretch of their row nearest to where the template put them."""
    layout = design.template.layouts[page.layout]
    key = ("footer boxes", layout.index, tuple(sorted((k, len(v)) for k, v in footers.items())))
    if key not in design.template.memo:
        design.template.memo[key] = _cleared(design, ts, layout, footers)
    found: dict[str, Box] = design.template.memo[key]
    return found


def _cleared(design: Design, ts: Typesetter, layout: Layout,
             footers: dict[str, str]) -> dict[str, Box]:
    """Return the moved footer boxes of ``layout`` (see ``_clear``).

    A footer the template put wholly on an opaque band is where its designer wanted it; one
    that a decoration covers in part (a logo), or that sits on layers of see-through shapes
    (whose colour under the text cannot be relied on), is moved.
    """
    backdrop = layout_backdrop(design.template, layout)
    boxes = {p.kind: p.box for p in layout.placeholders if p.kind in footers}
    moved: dict[str, Box] = {}
    for kind, box in list(boxes.items()):
        covered = backdrop.covered(box)
        on_band = covered > 0.9 and backdrop.see_through(box) < 0.2
        if covered < 0.05 or on_band:
            continue
        others = [b for k, b in boxes.items() if k != kind]  # as already moved
        row = Box(0.02 * design.width, box.y, 0.96 * design.width, box.h)
        need = ts.measurer.width(footers[kind], ts.theme.footer_size) + 16
        span = backdrop.with_obstacles(others).free_span(row, need, box.x)
        if span is None:
            ts.warnings.warn(f"layout '{layout.name}': a decoration covers its {kind} "
                             "placeholder and its row has no free space; the text may be hidden",
                             "template", what=layout.name)
            continue
        width = min(box.w, span.w)
        x = min(max(box.x, span.x), span.right - width)
        moved[kind] = boxes[kind] = Box(x, box.y, width, box.h)
    return moved


def _drawn(design: Design, ts: Typesetter, page: Page, left: str, number: str,
           marking: str = "") -> list[Shape]:
    """Return the furniture a layout has no placeholder for, as text in free space."""
    layout = design.template.layouts[page.layout]
    height, width = design.height, design.width
    taken = [page.footer_boxes.get(p.kind, p.box) for p in layout.placeholders
             if p.kind in FOOTER_KINDS and p.kind in page.footers]
    taken += [s.box for s in page.shapes if isinstance(s, TextFrame)]
    if page.title is not None:
        taken.append(page.title.box)
    backdrop = layout_backdrop(design.template, layout).with_obstacles(taken)
    margin = 0.03 * width
    area, size = None, ts.theme.footer_size
    # The whole line at the footer size, then a little smaller, then at least half of it
    # (shortened, with a warning); plain space first, then over a busy background picture.
    for share, scale in ((1.0, 1.0), (1.0, 0.85), (0.5, 1.0)):
        size = ts.theme.footer_size * scale
        need = (ts.measurer.width(left, size) * share + ts.measurer.width(number, size)
                + 24)
        line_h = ts.line_height(size)
        for strict, lift in itertools.product((True, False), (0.0, 0.03, 0.06, 0.09, 0.12,
                                                              0.15)):
            band = Box(margin, height * (1 - BAND_SHARE - lift), width - 2 * margin,
                       height * BAND_SHARE * 0.8)
            area = backdrop.free_area(band, padding=2.0, strict=strict)
            if area is not None and area.h >= line_h and area.w >= need:
                break
            area = None
        if area is not None:
            break
    line_h = ts.line_height(size)
    if area is None:
        ts.warnings.warn(f"layout '{layout.name}' has no footer placeholders and no free space "
                         f"at the bottom: '{left or number}' is not shown on the "
                         f"{page.kind.replace('_', ' ')} slide",
                         "template", what=layout.name)
        return []
    top = area.y + (area.h - line_h) / 2
    shapes: list[Shape] = []
    number_w = 0.0
    if number:
        number_w = ts.measurer.width("000", size) + 4
        frame = _line(ts, number, Box(area.right - number_w, top, number_w, line_h), size, "r",
                      "Slide number")
        shapes.append(replace(frame, paragraphs=(replace(frame.paragraphs[0],
                                                         field="slidenum"),)))
    if left:
        box = Box(area.x, top, area.w - number_w - 8, line_h)
        shapes.append(_line(ts, left, box, size, "l", "Footer", marking))
    return shapes


def _line(ts: Typesetter, text: str, box: Box, size: float, align: str,
          name: str, marking: str = "") -> TextFrame:
    """Return a one-line footer frame; text that does not fit is shortened with a warning
    (``_shortened``: the classification ``marking`` stays whole)."""
    measurer = ts.measurer
    if measurer.width(text, size) > box.w * 0.95:
        ts.warnings.warn(f"footer text '{text}' is too long for the footer", "overflow",
                         what=text)
        text = _shortened(measurer, text, marking, size, box.w * 0.95)
    paragraph = Paragraph(text, (text,), size, ts.theme.color("muted"), align=align)  # type: ignore[arg-type]
    faces = (ts.design.minor.latin, ts.design.minor.east_asian)
    return TextFrame(box, (paragraph,), ts.measurer.line_height(1.0), "text", "t",
                     explicit_breaks=True, lang=ts.lang, name=name, faces=faces)


def _shortened(measurer: Measurer, text: str, marking: str, size: float, room: float) -> str:
    """Return ``text`` cut and ended with an ellipsis to fit ``room`` points at ``size``
    points. A classification ``marking`` that ends the text stays whole (CONFIDENTIAL must
    not become CONFI…): what comes before it is cut, and when nothing before it fits, the
    marking stands alone (cut itself only when even it does not fit)."""
    tail = f" · {marking}" if marking and text.endswith(f" · {marking}") else ""
    head = text[:len(text) - len(tail)]
    while head and measurer.width(head + "…" + tail, size) > room:
        head = head[:-1]
    if head or not tail:
        return head.rstrip() + "…" + tail
    if measurer.width(marking, size) <= room:
        return marking
    return _shortened(measurer, marking, "", size, room)
