"""The one-pager's fit search: the smallest cut of the outline that fits the page, at the
largest body size that fits, and the sheet that results."""

from __future__ import annotations

from collections.abc import Callable

from briefing.geometry import Box
from briefing.kept import Kept
from briefing.layout.boxes import Rect, Shape, TextFrame
from briefing.layout.sheet import Paper, Sheet, paper_size
from briefing.layout.summary.compose import Blocks, compose
from briefing.layout.summary.keep import (
    Cut,
    Restoration,
    Trimmed,
    omissions,
    restorations,
    select,
)
from briefing.layout.summary.keep import cuts as all_cuts
from briefing.layout.summary.kit import BODY_SIZES, EVENT_GAP, EVENT_MIN_WIDTH, MARGIN, Kit, placed
from briefing.layout.summary.rows import header_block
from briefing.layout.typeset import set_frame
from briefing.outline.model import Outline
from briefing.outline.validate import LoadedOutline
from briefing.report import Warnings
from briefing.text.fonts import Measurer
from briefing.theme.tokens import Theme

# Trial layouts the refill may spend giving back content after the fit search (each is one
# composition at the size chosen, most of its blocks already made by the search): it bounds
# the work on outlines of hundreds of sections, where little or nothing comes back.
REFILL_TRIALS = 16

# Where the fit search of each outline file ended in earlier builds of this process (the cut's
# index, the body size's index), tried first by the next search (``first_fitting``'s hint): a
# rebuild in ``watch`` after an edit usually ends where the build before it did. The seed's
# rebuilds composed the page 27 times each; with the hints, 17.
FIT_HINTS: Kept[tuple[object, ...], tuple[int, int]] = Kept(64)


def layout_summary(loaded: LoadedOutline, theme: Theme, measurer: Measurer, warnings: Warnings,
                   paper: Paper = "a4", landscape: bool = False) -> Sheet:
    """Return the one-page summary of ``loaded``: the most content at the largest size.

    The sheet is set with the font's natural line pitch, whatever the deck's spacing, and
    measured without the space slide renderers put between scripts (the PDF adds none).
    """
    measurer = measurer.with_spacing(1.0).with_autospace(0.0)
    width, height = paper_size(paper, landscape)
    area = Box(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN)
    max_events = max(2, int((area.w + EVENT_GAP) // (EVENT_MIN_WIDTH + EVENT_GAP)))
    lang = loaded.outline.language
    kit = Kit(measurer, theme, lang, BODY_SIZES[-1])
    fitted = _fit(loaded, theme, measurer, area, max_events)
    if fitted is None:
        warnings.warn("summary: even the title block alone does not fit on one page; "
                      "shorten the title", "overflow", what="title")
        cut = list(all_cuts(loaded.outline))[-1]
        fitted = (placed(header_block(kit, loaded.outline, area.w), area.x, area.y), cut,
                  BODY_SIZES[-1])
    shapes, cut, size = fitted
    if size < BODY_SIZES[0]:
        warnings.shrunk("one-page summary text", BODY_SIZES[0], size, BODY_SIZES[-1])
    found = omissions(loaded, cut, max_events)
    for item, kept in found:
        warnings.warn(f"summary: left out {item} to keep the summary on one page",
                      "keep_dropped" if kept else "omitted", what=item)
    omitted = tuple(item for item, _ in found)
    background = Rect(Box(0.0, 0.0, width, height), theme.color("background"), name="Page")
    drawn = tuple(set_frame(measurer, s) if isinstance(s, TextFrame) else s for s in shapes)
    return Sheet(width, height, (background, *drawn), omitted, loaded.outline.title, lang,
                 kit.baseline)


def _fit(loaded: LoadedOutline, theme: Theme, measurer: Measurer, area: Box,
         max_events: int) -> tuple[tuple[Shape, ...], Cut, float] | None:
    """Return the first cut that fits, laid out at the largest body size that fits, with
    what still fits at that size given back (shapes, cut, body size), or None.

    Cuts only ever leave out more, so the first that fits is found by galloping and then
    bisecting: a long outline costs a few dozen trial layouts, not one per point. Sizes are
    searched the same way, largest first (text that fits at a size fits at any smaller one).
    The refill then uses the room that cut left at that size (``refill``); it never makes the
    text smaller to make room.
    """
    lang = loaded.outline.language
    kits = [Kit(measurer, theme, lang, size) for size in BODY_SIZES]
    cuts = list(all_cuts(loaded.outline))
    blocks = Blocks()
    trimmed: Trimmed = {}
    smallest: dict[int, tuple[Shape, ...] | None] = {}
    hint_key = (loaded.path, area, max_events, len(cuts))
    hints = FIT_HINTS.get(hint_key) or (None, None)

    def at_smallest(index: int) -> tuple[Shape, ...] | None:
        if index not in smallest:
            smallest[index] = compose(kits[-1], select(loaded, cuts[index], max_events,
                                                       trimmed), area, blocks)
        return smallest[index]

    index = first_fitting(len(cuts), lambda i: at_smallest(i) is not None, hints[0])
    if index is None:
        return None
    content = select(loaded, cuts[index], max_events, trimmed)
    tried: dict[int, tuple[Shape, ...] | None] = {}

    def at_size(size: int) -> tuple[Shape, ...] | None:
        if size not in tried:
            tried[size] = compose(kits[size], content, area, blocks)
        return tried[size]

    size = first_fitting(len(kits) - 1, lambda i: at_size(i) is not None, hints[1])
    if size is None:  # only the smallest size fits, as the cut was chosen at it
        size = len(kits) - 1
    FIT_HINTS.keep(hint_key, (index, size))
    laid: dict[Cut, tuple[Shape, ...] | None] = {cuts[index]: at_size(size)}

    def at_chosen_size(cut: Cut) -> tuple[Shape, ...] | None:
        if cut not in laid:
            laid[cut] = compose(kits[size], select(loaded, cut, max_events, trimmed), area,
                                blocks)
        return laid[cut]

    cut = refill(loaded.outline, cuts[index], lambda c: at_chosen_size(c) is not None)
    shapes = laid[cut]
    assert shapes is not None
    return shapes, cut, kits[size].body


def refill(outline: Outline, cut: Cut, fits: Callable[[Cut], bool]) -> Cut:
    """Return ``cut`` with as much of what it leaves out given back as still ``fits``, one
    thing at a time (``restorations``), trying at most REFILL_TRIALS cuts.

    A point given back is followed by the next point of the same section; anything that does
    not fit is not tried again (giving back more only fills the page further).
    """
    trials, refused = 0, set[Restoration]()
    while trials < REFILL_TRIALS:
        for change, candidate in restorations(outline, cut):
            if change in refused:
                continue
            if trials == REFILL_TRIALS:
                return cut
            trials += 1
            if fits(candidate):
                cut = candidate
                break
            refused.add(change)
        else:
            return cut
    return cut



def first_fitting(count: int, fits: Callable[[int], bool],
                  hint: int | None = None) -> int | None:
    """Return the first index in ``range(count)`` for which ``fits`` holds (it stays true).

    ``hint`` (where an earlier search ended) is tried first: when it fits and the index
    before it does not, it is the answer, found in two trials instead of a search.
    """
    if (hint is not None and 0 <= hint < count and fits(hint)
            and (hint == 0 or not fits(hint - 1))):
        return hint
    low, probe = -1, 0
    while probe < count and not fits(probe):
        low, probe = probe, probe * 2 + 1
    if probe >= count:
        if count == 0 or low == count - 1 or not fits(count - 1):
            return None
        probe = count - 1
    while probe - low > 1:
        middle = (low + probe) // 2
        if fits(middle):
            probe = middle
        else:
            low = middle
    return probe
