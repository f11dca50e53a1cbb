"""Text colours against what they are drawn on, as the theme or template sets them.

Each paragraph of each text frame (the title, the deck's own text, text in placeholders) and
each footer is measured where its lines are, against the layout's rasterised backdrop with
the slide's own filled shapes under it (``briefing.layout.readability``, WCAG 2.x ratio,
4.5:1 for text and 3:1 from 24 pt as in ``briefing.color``). The colour judged is the one the
user's theme or template gives: the deck replaces a colour that reads poorly, but the theme
or template still has the problem, so it is reported with what the deck sets instead.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from briefing.color import Color, required_contrast
from briefing.geometry import Box
from briefing.layout.boxes import Page, Rect, TextFrame
from briefing.layout.readability import footer_contrast, frame_contrast, text_area
from briefing.theme.backdrop import SCALE, Backdrop
from briefing.theme.design import Design
from briefing.theme.roles import layout_backdrop
from briefing.theme.template import Layout


@dataclass(frozen=True)
class ContrastProblem:
    """Text whose colour reads poorly on what lies under it.

    ``ratio`` is the contrast of ``color`` (as the theme or template sets it) on
    ``background`` (the colour most of the text area shows), ``required`` what WCAG 2.x asks
    at ``size`` points; ``deck_color`` and ``deck_ratio`` what the built deck shows instead.
    """

    what: str
    color: str
    background: str
    ratio: float
    required: float
    size: float
    deck_color: str
    deck_ratio: float

    @property
    def fixed(self) -> bool:
        """Return whether the built deck shows the text in a colour that reads."""
        return self.deck_ratio >= self.required

    @property
    def message(self) -> str:
        """Return the problem in a sentence."""
        text = (f"{self.what}: {self.color} on {self.background} reads at {self.ratio:.1f}:1, "
                f"WCAG 2.x asks {self.required:g}:1 at {self.size:g} pt")
        if self.color == self.deck_color:
            return text
        verb = "the deck sets it in" if self.fixed else "the best the deck finds is"
        return f"{text}; {verb} {self.deck_color} ({self.deck_ratio:.1f}:1)"

    def as_json(self) -> dict[str, Any]:
        """Return the problem as a JSON-ready mapping (ratios to two decimals)."""
        return {"what": self.what, "color": self.color, "background": self.background,
                "ratio": round(self.ratio, 2), "required": self.required, "size": self.size,
                "deck_color": self.deck_color, "deck_ratio": round(self.deck_ratio, 2),
                "fixed_in_deck": self.fixed}


def contrast_problems(design: Design, styled: Page, built: Page) -> list[ContrastProblem]:
    """Return the text of ``styled`` (a page as the theme and template colour it) that reads
    poorly, each with what ``built`` (the same page in the deck) shows instead: one problem
    per frame and colour, at its worst, then one per footer."""
    layout = design.template.layouts[styled.layout]
    backdrop = layout_backdrop(design.template, layout)
    return [*_frame_problems(design, layout, backdrop, styled, built),
            *_footer_problems(layout, backdrop, styled, built)]


def _frames(page: Page) -> Iterator[tuple[TextFrame, list[Rect]]]:
    """Yield each text frame of ``page`` with the filled shapes drawn before it."""
    if page.title is not None:
        yield page.title, []
    for index, shape in enumerate(page.shapes):
        if isinstance(shape, TextFrame):
            yield shape, [s for s in page.shapes[:index] if isinstance(s, Rect)]


def _frame_problems(design: Design, layout: Layout, backdrop: Backdrop, styled: Page,
                    built: Page) -> Iterator[ContrastProblem]:
    """Yield a problem for each colour of a text frame that reads poorly where it is."""
    for (frame, under), (deck_frame, deck_under) in zip(_frames(styled), _frames(built),
                                                        strict=True):
        measured = frame_contrast(design, layout, backdrop, frame, under)
        deck = frame_contrast(design, layout, backdrop, deck_frame, deck_under)
        worst: dict[str, ContrastProblem] = {}
        for (paragraph, color, ratio), (_, deck_color, deck_ratio) in zip(measured, deck,
                                                                          strict=True):
            need = required_contrast(paragraph.size)
            if ratio >= need:
                continue
            name = _hex(color)
            if name in worst and worst[name].ratio - worst[name].required <= ratio - need:
                continue
            first = worst[name].what if name in worst else _described(frame, paragraph.text)
            worst[name] = ContrastProblem(
                first, name, _background(_ground(backdrop, under), text_area(frame)), ratio,
                need, paragraph.size, _hex(deck_color), deck_ratio)
        yield from worst.values()


def _footer_problems(layout: Layout, backdrop: Backdrop, styled: Page,
                     built: Page) -> Iterator[ContrastProblem]:
    """Yield a problem for each footer placeholder whose text reads poorly."""
    for footer in footer_contrast(layout, backdrop, styled):
        need = required_contrast(footer.size)
        if footer.ratio >= need:
            continue
        deck_color = built.footer_colors.get(footer.kind, footer.color)
        yield ContrastProblem(f"{FOOTERS.get(footer.kind, footer.kind)} footer",
                              _hex(footer.color), _background(backdrop, footer.area),
                              footer.ratio, need, footer.size, _hex(deck_color),
                              backdrop.contrast(deck_color.rgb, footer.area))


FOOTERS = {"dt": "date", "ftr": "text", "sldNum": "slide number"}


def _ground(backdrop: Backdrop, under: list[Rect]) -> Backdrop:
    """Return the backdrop with the filled shapes under a frame painted on it."""
    shapes = [(rect.box, rect.fill.rgb) for rect in under if rect.fill is not None]
    return backdrop.with_shapes(shapes) if shapes else backdrop


def _background(ground: Backdrop, area: Box) -> str:
    """Return #RRGGBB of the colour most of ``area`` shows on ``ground``."""
    box = area.clipped(ground.width, ground.height)
    left, top = math.floor(box.x * SCALE), math.floor(box.y * SCALE)
    right = max(math.ceil(box.right * SCALE), left + 1)
    bottom = max(math.ceil(box.bottom * SCALE), top + 1)
    crop = ground.image.crop((left, top, right, bottom)).convert("RGB")
    _, rgb = max(crop.getcolors(crop.width * crop.height) or [], key=lambda item: item[0])
    assert isinstance(rgb, tuple)  # an RGB image's colours are (red, green, blue)
    return "#" + "".join(f"{value:02X}" for value in rgb)


def _hex(color: Color) -> str:
    """Return how a colour is named: #RRGGBB, with the scheme slot it comes from."""
    return f"#{color.rgb} ({color.scheme})" if color.scheme else f"#{color.rgb}"


def _described(frame: TextFrame, text: str) -> str:
    """Return which text a problem concerns: the frame's name and the start of the text."""
    short = text if len(text) <= 24 else text[:23] + "…"
    return f"{frame.name.lower()} '{short}'"
