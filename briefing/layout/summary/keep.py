"""What goes on the one-pager: ever larger cuts of the outline (sub-points, event details,
later points, whole sections), the content a cut keeps, and what it leaves out in words."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from briefing.media import PreparedImage, prepare_image
from briefing.outline.model import Column, Event, ImageRef, Outline, Point, Section, Source
from briefing.outline.validate import LoadedOutline


@dataclass(frozen=True)
class Cut:
    """How much is left out; each step of ``cuts`` leaves out a little more."""

    sub_points: bool = True
    event_text: bool = True
    caps: tuple[tuple[int, int], ...] = ()  # (section index, points shown at most)
    max_sources: int = 1000
    dropped: tuple[int, ...] = ()
    image: bool = True
    max_summary: int = 1000

    def cap(self, index: int) -> int:
        """Return how many points section ``index`` shows at most (``keep`` points aside)."""
        return self._caps.get(index, 1000)

    @functools.cached_property
    def _caps(self) -> dict[int, int]:
        """Return the caps as a mapping (built once per cut)."""
        return dict(self.caps)


@dataclass(frozen=True)
class Content:
    """The outline's content that one cut keeps, ready to lay out."""

    outline: Outline
    summary: tuple[str, ...]
    sections: tuple[Section, ...]
    wide: tuple[Section, ...]
    image: tuple[ImageRef, PreparedImage] | None
    sources: tuple[Source, ...]


def cuts(outline: Outline) -> Iterator[Cut]:
    """Return ever larger cuts: sub-points, event details, later points, whole sections."""
    cut = Cut()
    yield cut
    cut = replace(cut, sub_points=False)
    yield cut
    cut = replace(cut, event_text=False)
    yield cut
    for step in _trimmings(outline, cut, floor=3):
        cut = step
        yield cut
    cut = replace(cut, max_sources=3)
    yield cut
    for index in _droppable(outline, keep=False):
        cut = replace(cut, dropped=(*cut.dropped, index))
        yield cut
    yield from _last_resort(outline, cut)


Restoration = tuple[str, int]  # what a cut gives back: ("point" or "section", section index)


def restorations(outline: Outline, cut: Cut) -> Iterator[tuple[Restoration, Cut]]:
    """Return cuts that each give back one thing ``cut`` leaves out, with what that is: a
    point of a section it trims (sections in outline order), then a section it drops (in
    outline order, with the points the cut allows it).

    ``cuts`` leaves out ever more in one order, so the first cut that fits may have left out
    more than the page needs: a short section dropped before a long one, or points trimmed
    from a section in a column with room below it.
    """
    for index, section in enumerate(outline.sections):
        cap = cut.cap(index)
        if index not in cut.dropped and _shown(section, cap) < _shown(section, cap + 1):
            yield ("point", index), replace(
                cut, caps=(*(c for c in cut.caps if c[0] != index), (index, cap + 1)))
    for index in sorted(cut.dropped):
        yield ("section", index), replace(cut, dropped=tuple(i for i in cut.dropped
                                                             if i != index))


def _last_resort(outline: Outline, cut: Cut) -> Iterator[Cut]:
    """Return the cuts that reach into content marked ``keep``, for outlines far too long."""
    for step in _trimmings(outline, cut, floor=1):
        cut = step
        yield cut
    cut = replace(cut, image=False, max_sources=0)
    yield cut
    for index in _droppable(outline, keep=True):
        cut = replace(cut, dropped=(*cut.dropped, index))
        yield cut
    for count in range(len(outline.summary) - 1, -1, -1):
        yield replace(cut, max_summary=count)


def _trimmings(outline: Outline, cut: Cut, floor: int) -> Iterator[Cut]:
    """Return cuts that each take one more point off the longest section, down to ``floor``."""
    shown = {i: _shown(s, cut.cap(i)) for i, s in enumerate(outline.sections)
             if i not in cut.dropped}
    while True:
        index, count = max(shown.items(), key=lambda item: (item[1], item[0]), default=(0, 0))
        if count <= floor:
            return
        cut = replace(cut, caps=(*(c for c in cut.caps if c[0] != index), (index, count - 1)))
        shown[index] = _shown(outline.sections[index], count - 1)
        yield cut


def _shown(section: Section, cap: int) -> int:
    """Return how many points (per list) ``section`` shows under ``cap``, ``keep`` ones aside."""
    lists = [section.points, *(c.points for c in section.columns)]
    return max((min(cap, sum(1 for p in points if not p.keep)) for points in lists), default=0)


def _droppable(outline: Outline, keep: bool) -> list[int]:
    """Return indices of sections from the last to the first: those that hold nothing marked
    ``keep`` (``keep`` False), or those that do, the section itself or one of its points
    (``keep`` True: a kept point keeps its section on the page until nothing else goes)."""
    indices = [i for i, s in enumerate(outline.sections) if _holds_keep(s) == keep]
    return indices[::-1]


def _holds_keep(section: Section) -> bool:
    """Return whether ``section`` or any point of it (its columns' too) is marked ``keep``."""
    return section.keep or any(p.keep for points in (
        section.points, *(c.points for c in section.columns)) for p in points)


Trimmed = dict[tuple[object, ...], Section]


def select(loaded: LoadedOutline, cut: Cut, max_events: int,
           trimmed_before: Trimmed | None = None) -> Content:
    """Return the content ``cut`` keeps: the sections of the grid, and those across the page
    (a comparison, the first timeline) with at most ``max_events`` on a timeline strip.

    ``trimmed_before`` keeps the trimmed sections of earlier cuts of the same outline: a
    section that two cuts trim alike is then the same object in both contents (the fit
    search lays out each section object once).
    """
    outline = loaded.outline
    memo: Trimmed = {} if trimmed_before is None else trimmed_before
    kept = [(i, s) for i, s in enumerate(outline.sections) if i not in cut.dropped]
    featured = _featured(outline)
    trimmed = []
    for i, section in kept:
        key: tuple[object, ...] = (i, cut.cap(i), cut.sub_points, cut.event_text)
        if key not in memo:
            memo[key] = _trim(loaded, section, cut, i, featured)
        trimmed.append((section, memo[key]))
    strip = next((s for _, s in kept if s.events), None)
    wide = []
    for section, trim in trimmed:
        if _spans_page(section, strip):
            key = ("wide", id(trim), max_events)  # ``trim`` is kept in ``memo``: its id holds
            if key not in memo:
                memo[key] = _spread_events(trim, max_events)
            wide.append(memo[key])
    grid = tuple(t for s, t in trimmed if t.has_content and not _spans_page(s, strip))
    image = _image(loaded, featured) if cut.image and featured else None
    return Content(outline, tuple(outline.summary[:cut.max_summary]), grid, tuple(wide), image,
                    tuple(outline.sources[:cut.max_sources]))


def _spans_page(section: Section, strip: Section | None) -> bool:
    """Return whether ``section`` goes across the page: it has a comparison, or it is
    ``strip``, the first section with a timeline."""
    return bool(section.columns) or section is strip


def _featured(outline: Outline) -> Section | None:
    """Return the first section that has an image (shown at the top of the sheet)."""
    return next((s for s in outline.sections if s.image is not None), None)


def _image(loaded: LoadedOutline, section: Section) -> tuple[ImageRef, PreparedImage] | None:
    """Return the image of ``section`` with its prepared pixels."""
    if section.image is None:
        return None
    return section.image, prepare_image(loaded.resolve(section.image.path))


def _trim(loaded: LoadedOutline, section: Section, cut: Cut, index: int,
          featured: Section | None) -> Section:
    """Return ``section`` with what ``cut`` leaves out removed and image paths made absolute."""
    cap = cut.cap(index)
    columns = [Column(title=c.title, points=_trim_points(c.points, cut, cap))
               for c in section.columns]
    image = section.image
    if image is not None and section is not featured and not section.image_beside_points:
        image = image.model_copy(update={"path": str(loaded.resolve(image.path))})
    else:
        image = None
    return section.model_copy(update={
        "points": _trim_points(section.points, cut, cap), "columns": columns,
        "events": [_trim_event(e, cut) for e in section.events], "image": image})


def _trim_points(points: Sequence[Point], cut: Cut, cap: int) -> list[Point]:
    """Return the points ``cut`` keeps: the first ``cap`` others and every ``keep`` point."""
    others = [p for p in points if not p.keep][:cap]
    kept = [p for p in points if p.keep or any(p is o for o in others)]
    if cut.sub_points:
        return kept
    return [p if p.keep or not p.points else p.model_copy(update={"points": []})
            for p in kept]


def _trim_event(event: Event, cut: Cut) -> Event:
    """Return ``event`` without its description when ``cut`` leaves event details out."""
    return event if cut.event_text or event.text is None else \
        event.model_copy(update={"text": None})


def _spread_events(section: Section, max_events: int) -> Section:
    """Return a section across the page with at most ``max_events`` events, spread evenly."""
    return section.model_copy(update={"events": _spread(section.events, max_events)})


def _spread(events: Sequence[Event], count: int) -> list[Event]:
    """Return ``count`` events picked evenly from ``events``, first and last included."""
    if len(events) <= count:
        return list(events)
    if count < 2:
        return list(events[:count])
    step = (len(events) - 1) / (count - 1)
    return [events[round(i * step)] for i in range(count)]


def omissions(loaded: LoadedOutline, cut: Cut, max_events: int,
               ) -> tuple[tuple[str, bool], ...]:
    """Return a readable line for everything ``cut`` leaves out, in outline order, each with
    whether the outline marked it ``keep``."""
    outline = loaded.outline
    found: list[tuple[str, bool]] = []
    for index, section in enumerate(outline.sections):
        if index in cut.dropped:
            kept = section.keep or any(p.keep for points in (
                section.points, *(c.points for c in section.columns)) for p in points)
            found.append((f"section '{section.title}'", kept))
        else:
            found.extend((item, False) for item in
                         _section_omissions(outline, section, cut, index, max_events))
    return tuple(found + [(item, False) for item in _global_omissions(outline, cut)])


def _section_omissions(outline: Outline, section: Section, cut: Cut, index: int,
                       max_events: int) -> list[str]:
    """Return what ``cut`` leaves out of one kept section."""
    where = f"'{section.title}'"
    points = [*section.points, *(p for c in section.columns for p in c.points)]
    kept = [p for group in (section.points, *(c.points for c in section.columns))
            for p in _trim_points(group, cut, cut.cap(index))]
    found = _count(len(points) - len(kept), "later point", where)
    found += _count(sum(len(p.points) for p in points) - sum(len(p.points) for p in kept),
                    "sub-point", where)
    found += _event_omissions(outline, section, cut, max_events)
    if section.image_beside_points and section is not _featured(outline):
        found.append(f"image of {where}")
    return found


def _event_omissions(outline: Outline, section: Section, cut: Cut, max_events: int) -> list[str]:
    """Return the timeline events and event details ``cut`` leaves out of ``section``."""
    where = f"'{section.title}'"
    strip = next((s for i, s in enumerate(outline.sections)
                  if s.events and i not in cut.dropped), None)
    shown = (len(_spread(section.events, max_events)) if _spans_page(section, strip)
             else len(section.events))
    found = _count(len(section.events) - shown, "event", where)
    if not cut.event_text and any(e.text for e in section.events):
        found.append(f"event descriptions of {where}")
    return found


def _global_omissions(outline: Outline, cut: Cut) -> list[str]:
    """Return what ``cut`` leaves out outside the sections."""
    found = _count(len(outline.summary) - len(outline.summary[:cut.max_summary]),
                   "item", "the bottom line")
    found += _count(len(outline.sources) - len(outline.sources[:cut.max_sources]), "source",
                    "the list of sources")
    featured = _featured(outline)
    if featured is not None and featured.image is not None and not cut.image:
        found.append(f"image '{featured.image.path}'")
    return found


# What ``omissions`` words as "<n> <noun>s of <where>", and what each counts, for the sum.
_COUNTED = re.compile(r"(?P<count>\d+) (?P<noun>later point|sub-point|event|source|item)s? of .*")
_NOUNS = {"later point": "point", "sub-point": "sub-point", "event": "timeline event",
          "source": "source", "item": "bottom-line item"}
_ORDER = ("section", "point", "sub-point", "timeline event", "event descriptions", "image",
          "source", "bottom-line item", "item")


def omission_words(items: Iterable[str | None]) -> str:
    """Return what the ``omissions`` lines ``items`` leave out, summed up by kind:
    "9 sections, 8 points and the event descriptions of 1 timeline". A line not worded by
    ``omissions`` (or None) counts as one item."""
    counts: Counter[str] = Counter()
    for item in items:
        counted = _COUNTED.fullmatch(item or "")
        if counted:
            counts[_NOUNS[counted["noun"]]] += int(counted["count"])
        elif item and item.startswith("section '"):
            counts["section"] += 1
        elif item and item.startswith("event descriptions of '"):
            counts["event descriptions"] += 1
        elif item and item.startswith("image "):
            counts["image"] += 1
        else:
            counts["item"] += 1
    words = [_counted(counts[kind], kind) for kind in _ORDER if counts[kind]]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _counted(number: int, kind: str) -> str:
    """Return "3 points", "1 section" or "the event descriptions of 2 timelines"."""
    if kind == "event descriptions":
        return f"the event descriptions of {number} timeline{'s' if number > 1 else ''}"
    return f"{number} {kind}{'s' if number > 1 else ''}"


def _count(number: int, noun: str, where: str) -> list[str]:
    """Return ["3 sub-points of X"] or [] when ``number`` is zero."""
    if number <= 0:
        return []
    return [f"{number} {noun}{'s' if number > 1 else ''} of {where}"]

