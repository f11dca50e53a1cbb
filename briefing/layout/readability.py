"""Readable by construction: every line's colour against what it is really drawn on.

Each text frame of a page is checked where its lines are, against the layout's backdrop
(background, decorations, a filled title placeholder) with the page's own shapes under it
(cards, header bars). Text needs a contrast of 4.5:1, or 3:1 from 24 pt (WCAG 2.x, as in
``briefing.color``). Where the colour the frame has (set by the deck or inherited from the
template) falls short, the template's other text colour that reads best (tx1, bg1, tx2,
bg2) is written instead, and the report says so once per layout and frame. Colours are
chosen to clear the threshold by ``MARGIN``; a colour no other beats is kept, and reported
only when it reads below WCAG's threshold. Ratios are shown rounded down.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from briefing.color import RENDER_MARGIN, Color, contrast, ratio_text, required_contrast
from briefing.geometry import Box
from briefing.kept import Kept
from briefing.layout.boxes import Page, Paragraph, Rect, Shape, TextFrame
from briefing.layout.frames import DESCRIBED
from briefing.report import BuildWarning, KeptWarnings, Warnings
from briefing.theme.backdrop import Backdrop
from briefing.theme.design import Design
from briefing.theme.roles import layout_backdrop
from briefing.theme.template import Layout

CANDIDATES = ("tx1", "bg1", "tx2", "bg2")
MARGIN = RENDER_MARGIN  # colours are chosen to clear the WCAG threshold by this factor


# Pages an earlier build of this process made readable (``watch``), by design and page, with
# the warnings that made: a rebuild after an edit changes few pages, and judging every text
# colour against the backdrop's pixels took 14 ms of a 0.3 s rebuild of the seed (measured).
READABLE: Kept[tuple[object, ...], tuple[Design, Page, tuple[BuildWarning, ...]]] = Kept(256)


def make_readable(design: Design, page: Page, warnings: Warnings) -> Page:
    """Return ``page`` with every text colour that would be hard to read replaced (as an
    earlier build of this process made it, when it made the same page on the same design)."""
    key = (id(design), *page.key())
    kept = READABLE.get(key)
    if kept is None or kept[0] is not design:
        captured = KeptWarnings()
        kept = (design, _made_readable(design, page, captured), tuple(captured.items))
        READABLE.keep(key, kept)
    warnings.extend(kept[2])
    return kept[1]


def _made_readable(design: Design, page: Page, warnings: Warnings) -> Page:
    """Return ``page`` made readable (see ``make_readable``)."""
    layout = design.template.layouts[page.layout]
    backdrop = layout_backdrop(design.template, layout)
    title = page.title
    if title is not None:
        title = _readable(design, layout, backdrop, title, [], warnings)
    shapes: list[Shape] = []
    for index, shape in enumerate(page.shapes):
        if isinstance(shape, TextFrame):
            under = [s for s in page.shapes[:index] if isinstance(s, Rect)]
            shape = _readable(design, layout, backdrop, shape, under, warnings)
        shapes.append(shape)
    colors = _footer_colors(layout, backdrop, page, warnings)
    return replace(page, title=title, shapes=tuple(shapes), footer_colors=colors)


def _footer_colors(layout: Layout, backdrop: Backdrop, page: Page,
                   warnings: Warnings) -> dict[str, Color]:
    """Return a colour for each footer placeholder whose own colour reads poorly there."""
    colors = {}
    changed: dict[str, list[str]] = {}  # what a change says, by the footers it is made to
    for footer in footer_contrast(layout, backdrop, page):
        need = required_contrast(footer.size) * MARGIN
        if footer.ratio >= need:
            continue
        best, best_ratio = best_color(layout, backdrop, footer.area, need)
        name = FOOTER_NAMES.get(footer.kind, footer.kind)
        if best.rgb == footer.color.rgb or best_ratio <= footer.ratio:
            _no_better(warnings, layout, name, footer.color, footer.ratio, footer.size)
            continue
        colors[footer.kind] = best
        said = (f" text colour {_name(footer.color)} reads at {ratio_text(footer.ratio)}:1 where "
                f"it is{_close(footer.ratio, footer.size)}; set in {_name(best)} "
                f"({ratio_text(best_ratio)}:1) instead" + _short(best_ratio, footer.size))
        changed.setdefault(said, []).append(name)
    for said, names in changed.items():
        named = " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
        where = f"layout '{layout.name}'"
        warnings.warn(f"{where}: {named}{said}", "template", what=where)
    return colors


# The footer placeholders as a report names them (ECMA-376 Part 1, 19.7.10 ST_PlaceholderType).
FOOTER_NAMES = {"dt": "date", "ftr": "footer", "sldNum": "slide number"}


@dataclass(frozen=True)
class FooterContrast:
    """A footer placeholder's text: its kind, colour, size, where its text goes, contrast."""

    kind: str
    color: Color
    size: float
    area: Box
    ratio: float


def footer_contrast(layout: Layout, backdrop: Backdrop, page: Page) -> list[FooterContrast]:
    """Return each footer placeholder ``page`` fills with the colour its style gives it
    (tx1 when none), its size and its contrast with what lies under it."""
    found = []
    for placeholder in layout.placeholders:
        if placeholder.kind not in page.footers:
            continue
        style = placeholder.style.level(0)
        color = style.color or layout.palette.color("tx1")
        size = page.footer_sizes.get(placeholder.kind, style.size or 10.0)
        box = page.footer_boxes.get(placeholder.kind, placeholder.box)
        area = placeholder.style.body.insets.apply(box)
        found.append(FooterContrast(placeholder.kind, color, size, area,
                                    backdrop.contrast(color.rgb, area)))
    return found


def frame_contrast(design: Design, layout: Layout, backdrop: Backdrop, frame: TextFrame,
                   under: list[Rect]) -> list[tuple[Paragraph, Color, float]]:
    """Return each paragraph of ``frame`` with the colour it shows and its worst contrast."""
    ground = ground_under(backdrop, under)
    area = text_area(frame)
    found = []
    for paragraph in frame.paragraphs:
        color = paragraph.color or inherited_color(layout, frame, paragraph)
        found.append((paragraph, color, ground.contrast(color.rgb, area)))
    return found


def ground_under(backdrop: Backdrop, under: list[Rect]) -> Backdrop:
    """Return what text is drawn on: the layout's ``backdrop`` with the filled shapes the page
    draws before it (``under``: cards, header bars) painted over it."""
    if not under:
        return backdrop
    return backdrop.with_shapes((r.box, r.fill.rgb) for r in under if r.fill is not None)


def text_area(frame: TextFrame) -> Box:
    """Return the part of a frame its lines take (by its anchor), the full width."""
    box = frame.box
    height = min(frame.text_height, box.h)
    top = {"t": box.y, "ctr": box.y + (box.h - height) / 2, "b": box.bottom - height}[
        frame.anchor]
    return Box(box.x + 2, top, max(box.w - 4, 1.0), max(height, 1.0))


def inherited_color(layout: Layout, frame: TextFrame, paragraph: Paragraph) -> Color:
    """Return the colour a placeholder's style gives a paragraph (tx1 when it says none)."""
    if frame.placeholder is not None:
        kind, idx = frame.placeholder
        for placeholder in layout.placeholders:
            if placeholder.kind == kind and placeholder.idx == idx:
                color = placeholder.style.level(paragraph.level).color
                if color is not None:
                    return color
    return layout.palette.color("tx1")


def _readable(design: Design, layout: Layout, backdrop: Backdrop, frame: TextFrame,
              under: list[Rect], warnings: Warnings) -> TextFrame:
    """Return ``frame`` with colours that read on what lies under it."""
    checked = frame_contrast(design, layout, backdrop, frame, under)
    _check_links(design, layout, ground_under(backdrop, under), frame, warnings)
    if all(ratio >= required_contrast(p.size) * MARGIN for p, _, ratio in checked):
        return frame
    paragraphs = []
    for paragraph, color, ratio in checked:
        need = required_contrast(paragraph.size) * MARGIN
        if ratio >= need:
            paragraphs.append(paragraph)
            continue
        best, best_ratio = _best(design, layout, backdrop, frame, under, paragraph, need)
        what = _what(frame)
        if best.rgb == color.rgb or best_ratio <= ratio:
            # No colour reads better: the frame keeps its own, reported when below WCAG.
            _no_better(warnings, layout, what, color, ratio, paragraph.size)
            paragraphs.append(paragraph)
            continue
        if frame.placeholder is not None or best_ratio < need:
            # The template's own pairing failed (or nothing reads well): say so.
            warnings.warn(f"layout '{layout.name}': {what} text colour {_name(color)} reads "
                          f"at {ratio_text(ratio)}:1 on what lies under it"
                          f"{_close(ratio, paragraph.size)}; set in {_name(best)} "
                          f"({ratio_text(best_ratio)}:1) instead"
                          + _short(best_ratio, paragraph.size), "template", what=layout.name)
        paragraphs.append(replace(paragraph, color=best))
    return replace(frame, paragraphs=tuple(paragraphs))


def _check_links(design: Design, layout: Layout, ground: Backdrop, frame: TextFrame,
                 warnings: Warnings) -> None:
    """Report links in ``frame`` that would be hard to read: PowerPoint and LibreOffice draw
    a link in the colour scheme's ``hlink`` colour, whatever colour its run names; the deck's
    is the template's, or the one ``theme.links`` chose where the template's would not read
    on its layouts (a card under the text may still differ)."""
    linked = [p for p in frame.paragraphs if any(span.href for span in p.spans)]
    if not linked:
        return
    chosen = design.links.replacement if design.links is not None else None
    link = chosen or layout.palette.color("hlink")
    ratio = ground.contrast(link.rgb, text_area(frame))
    need = max(required_contrast(p.size) for p in linked)
    if ratio < need:
        whose = "the deck's link colour" if chosen else "the template's link colour"
        warnings.warn(f"layout '{layout.name}': links are drawn in {whose} "
                      f"{_name(link)}, which reads at {ratio_text(ratio)}:1 on what lies under "
                      f"them (WCAG asks {need:g}:1); give the template a lighter or darker "
                      "hyperlink colour (its theme colours)", "template", what=layout.name)


def _what(frame: TextFrame) -> str:
    """Return what a frame holds in the words of a warning ("column title", "footer")."""
    name = DESCRIBED.get(frame.name, frame.name.lower())
    return name.removesuffix(" text")


def _close(ratio: float, size: float) -> str:
    """Return why a ratio that reaches WCAG's still has its colour replaced, else ""."""
    need = required_contrast(size)
    if ratio < need:
        return ""
    return (f", within {round((MARGIN - 1) * 100)}% of the {need:g}:1 WCAG asks (renderers "
            "differ that much)")


def _short(ratio: float, size: float) -> str:
    """Return the end of a warning whose new colour still reads below WCAG, else ""."""
    need = required_contrast(size)
    if ratio >= need:
        return ""
    return f", the best the template's colours allow (WCAG asks {need:g}:1)"


def _no_better(warnings: Warnings, layout: Layout, what: str, color: Color, ratio: float,
               size: float) -> None:
    """Report text that keeps its colour, no other reading better, when it reads below the
    contrast WCAG asks (``MARGIN`` is a safety margin for choosing, not a requirement)."""
    need = required_contrast(size)
    if ratio >= need:
        return
    warnings.warn(f"layout '{layout.name}': {what} text colour {_name(color)} reads at "
                  f"{ratio_text(ratio)}:1 on what lies under it (WCAG asks {need:g}:1), and none "
                  "of the template's colours reads better", "template", what=layout.name)


def _best(design: Design, layout: Layout, backdrop: Backdrop, frame: TextFrame,
          under: list[Rect], paragraph: Paragraph, need: float) -> tuple[Color, float]:
    """Return the template text colour that reads best where ``paragraph`` is drawn."""
    return best_color(layout, ground_under(backdrop, under), text_area(frame), need)


def best_color(layout: Layout, ground: Backdrop, area: Box, need: float) -> tuple[Color, float]:
    """Return the text colour that reads best on ``ground`` over ``area``, and its ratio.

    The first of the template's text colours (tx1, bg1, tx2, bg2) that reaches ``need``;
    when none does, black or white, whichever reads better (legibility over the palette).
    """
    ranked = []
    for position, slot in enumerate(CANDIDATES):
        color = layout.palette.color(slot)
        ratio = ground.contrast(color.rgb, area)
        ranked.append((ratio >= need, -position if ratio >= need else ratio, ratio, color))
    passing, _, ratio, color = max(ranked, key=lambda r: (r[0], r[1]))
    if passing:
        return color, ratio
    plain = [(ground.contrast(rgb, area), Color.of(rgb)) for rgb in ("000000", "FFFFFF")]
    best_plain = max(plain, key=lambda item: item[0])
    return (best_plain[1], best_plain[0]) if best_plain[0] > ratio else (color, ratio)


def _name(color: Color) -> str:
    """Return how the report names a colour: its scheme slot, with the change made to it as
    PowerPoint's colour picker words it (``tx1 lighter 50%``), and its #RRGGBB; else
    #RRGGBB alone."""
    if not color.scheme:
        return f"#{color.rgb}"
    change = _change(dict(color.mods))
    return f"{color.scheme}{' ' + change if change else ''} (#{color.rgb})"


def _change(mods: dict[str, int]) -> str:
    """Return the words for DrawingML colour modifiers: a luminance offset lightens by its
    amount (PowerPoint's "Lighter 40%" is lumMod 60%, lumOff 40%), a luminance modulation
    alone darkens by what it takes away ("Darker 25%" is lumMod 75%); a tint or a shade is
    named by its amount, as ECMA-376 Part 1 (20.1.2.3.34, 20.1.2.3.31) names them ("a 75%
    tint"); anything else is "changed"."""
    percent = {name: value / 1000 for name, value in mods.items()}
    if not mods:
        return ""
    if set(mods) <= {"lumMod", "lumOff"} and "lumOff" in mods:
        return f"lighter {percent['lumOff']:g}%"
    if set(mods) == {"lumMod"} and mods["lumMod"] < 100_000:
        return f"darker {100 - percent['lumMod']:g}%"
    if set(mods) == {"tint"}:
        return f"{percent['tint']:g}% tint"
    if set(mods) == {"shade"}:
        return f"{percent['shade']:g}% shade"
    return "changed"


__all__ = ["contrast", "frame_contrast", "make_readable"]
