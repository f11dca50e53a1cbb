"""Lay the deck out as ``layout_deck`` does, keeping what a check needs on the way: the
planned slide each page comes from, the warnings each raised, and each page as the theme and
template colour it (before unreadable colours are replaced) beside the page as built."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from briefing.layout.boxes import Page
from briefing.layout.frames import Typesetter
from briefing.layout.furniture import add_furniture
from briefing.layout.plan import SlideSpec
from briefing.layout.readability import make_readable
from briefing.layout.slides import LAYOUTS, Deck
from briefing.outline.validate import LoadedOutline
from briefing.report import BuildWarning, Warnings


@dataclass(frozen=True)
class LaidOut:
    """One slide of the deck.

    ``planned`` is the position of ``spec`` among the planned slides; ``styled`` the page
    with the colours the theme or template gives it, ``page`` the page the deck is built from
    (colours that read poorly replaced); ``group`` the number of slides the planned slide was
    laid out on (more than one when continued); ``warnings`` what laying out the planned
    slide and this page raised.
    """

    spec: SlideSpec
    planned: int
    styled: Page
    page: Page
    group: int
    warnings: tuple[BuildWarning, ...]


def lay_out(loaded: LoadedOutline, ts: Typesetter, specs: Sequence[SlideSpec]) -> list[LaidOut]:
    """Return every slide of the deck with what it came from and raised.

    The pages are those ``briefing.layout.slides.layout_deck`` returns for the same input;
    every warning is also recorded in ``ts.warnings``, as a build records it.
    """
    deck = Deck(loaded, ts)
    planned: list[tuple[SlideSpec, list[Page], Warnings]] = []
    for spec in specs:
        own = Warnings()
        pages = LAYOUTS[spec.kind](Deck(loaded, replace(ts, warnings=own)), spec)
        planned.append((spec, pages, own))
    slides: list[LaidOut] = []
    for position, (spec, pages, own) in enumerate(planned):
        for page in pages:
            extra = Warnings()
            styled = add_furniture(deck.design, replace(ts, warnings=extra), deck.outline,
                                   page, len(slides) + 1)
            built = make_readable(deck.design, styled, extra)
            slides.append(LaidOut(spec, position, styled, built, len(pages),
                                  tuple(own.items) + tuple(extra.items)))
    for slide in slides:
        ts.warnings.extend(slide.warnings)
    return slides
