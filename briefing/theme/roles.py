"""Choose a layout for each role a slide can play, by what layouts hold and the room they leave.

Roles: ``title`` (the title slide), ``closing``, ``section`` (a part divider), ``content``
(a title over one body), ``two_content`` (two bodies side by side; ``comparison`` prefers the
layouts that add a heading over each), ``picture`` (a picture placeholder) and ``title_only``
(a title over free space the deck draws in). A layout is judged by its placeholders and their
geometry, by the free area its decorations leave (``briefing.theme.backdrop``) and by whether
the template's own sample slides use it; names are never read, and the layout's declared type
only breaks ties.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.geometry import Box
from briefing.theme.backdrop import Backdrop, render_backdrop
from briefing.theme.template import (
    BODY_KINDS,
    FOOTER_KINDS,
    Layout,
    Placeholder,
    Template,
)

ROLES = ("title", "closing", "section", "content", "two_content", "comparison", "picture",
         "title_only")
TYPE_FOR_ROLE = {"title": "title", "closing": "title", "section": "secHead",
                 "content": "obj", "two_content": "twoObj", "comparison": "twoTxTwoObj",
                 "picture": "picTx", "title_only": "titleOnly"}
SUBSTITUTE_BELOW = 25.0  # a best score under this means no layout was made for the role
TINY_BODY_SHARE = 0.2  # a body placeholder lower than this share of the slide is an anchor


@dataclass(frozen=True)
class Roles:
    """The layout chosen for each role, and the roles whose best layout was not made for
    them (a stand-in)."""

    chosen: dict[str, Layout]
    stand_ins: tuple[str, ...]


@dataclass(frozen=True)
class Features:
    """What a layout holds, measured once: placeholders by part and the room left."""

    title: Placeholder | None
    bodies: tuple[Placeholder, ...]  # horizontal content placeholders, reading order
    pictures: tuple[Placeholder, ...]
    subtitle: Placeholder | None
    region: Box  # where content goes: the body's box, or the space under the title
    free_share: float  # of the region, the share decorations leave free
    title_covered: float = 0.0  # the share of the title box decorations cover


def choose_roles(template: Template) -> Roles:
    """Return the best usable layout for every role that has one, and the roles served by a
    layout not made for them."""
    chosen: dict[str, Layout] = {}
    notes = []
    for role in ROLES:
        ranked = sorted(template.layouts, key=lambda layout: (-score(template, layout, role),
                                                              layout.index))
        if role == "closing" and "title" in chosen:
            # A second title design (a thank-you variant) closes the deck when there is one.
            others = [layout for layout in ranked if layout is not chosen["title"]]
            title_score = score(template, chosen["title"], "title")
            if others and score(template, others[0], role) >= 0.7 * title_score:
                ranked = others
        best = ranked[0]
        if score(template, best, role) < 0 and not (role == "title" and best.title):
            continue
        chosen[role] = best
        if score(template, best, role) < SUBSTITUTE_BELOW:
            notes.append(role)
    return Roles(chosen, tuple(notes))


def score(template: Template, layout: Layout, role: str) -> float:
    """Return how well ``layout`` serves ``role`` (higher is better; below 0 unusable)."""
    return _score(template, layout.index, role)


def _score(template: Template, index: int, role: str) -> float:
    """Return the score of layout ``index`` (memoised on the template)."""
    key = ("score", index, role)
    if key not in template.memo:
        template.memo[key] = _judge(template, template.layouts[index], role)
    found: float = template.memo[key]
    return found


def features(template: Template, layout: Layout) -> Features:
    """Return what ``layout`` holds and how much room its decorations leave."""
    return _features(template, layout.index)


def _features(template: Template, index: int) -> Features:
    """Return the (memoised) features of layout ``index``."""
    key = ("features", index)
    if key not in template.memo:
        layout = template.layouts[index]
        title = layout.title
        bodies = tuple(p for p in layout.of_kind(*BODY_KINDS) if not p.vertical)
        pictures = tuple(layout.of_kind("pic"))
        subtitles = layout.of_kind("subTitle")
        region = content_region(template, layout, title, bodies)
        backdrop = layout_backdrop(template, layout)
        free = backdrop.free_area(region) if region.area > 0 else None
        share = free.area / region.area if free is not None and region.area > 0 else 0.0
        covered = backdrop.covered(title.box) if title is not None else 0.0
        template.memo[key] = Features(title, bodies, pictures,
                                      subtitles[0] if subtitles else None, region, share,
                                      covered)
    found: Features = template.memo[key]
    return found


def layout_backdrop(template: Template, layout: Layout) -> Backdrop:
    """Return the (memoised) backdrop of ``layout`` with its title band painted."""
    key = ("backdrop", layout.index)
    if key not in template.memo:
        template.memo[key] = render_backdrop(layout, template.width, template.height)
    found: Backdrop = template.memo[key]
    return found


def content_region(template: Template, layout: Layout, title: Placeholder | None,
                   bodies: tuple[Placeholder, ...]) -> Box:
    """Return where a layout's content goes, before decorations are taken out.

    The main body placeholder's box; a body lower than ``TINY_BODY_SHARE`` of the slide (a
    Google Slides export sizes bodies to their sample text) is an anchor extended down to
    the footer. With no body, the space between the title and the footer, as wide as the
    master's body placeholder.
    """
    width, height = template.width, template.height
    margin = 0.04 * min(width, height)
    bottom = _footer_top(layout, height) - 0.01 * height
    if bodies:
        main = max(bodies, key=lambda p: p.box.area)
        return anchored(template, layout, main.box)
    master = template.master_of(layout)
    left = master.body.x if master.body is not None else (title.box.x if title else margin)
    right = master.body.right if master.body is not None else (
        title.box.right if title else width - margin)
    top = title.box.bottom + 0.02 * height if title is not None else margin
    if master.body is not None:
        bottom = min(bottom, master.body.bottom)
    left, right = max(left, margin), min(right, width - margin)
    return Box(left, top, right - left, bottom - top).clipped(width, height)


def anchored(template: Template, layout: Layout, box: Box) -> Box:
    """Return a body placeholder's box, extended down to the footer when it is an anchor
    (lower than ``TINY_BODY_SHARE`` of the slide, as Google Slides sizes bodies)."""
    height = template.height
    if box.h < TINY_BODY_SHARE * height:
        bottom = _footer_top(layout, height) - 0.01 * height
        box = Box(box.x, box.y, box.w, max(bottom - box.y, box.h))
    return box.clipped(template.width, height)


def _footer_top(layout: Layout, height: float) -> float:
    """Return the top of the layout's footer placeholders in its lower part, else the foot."""
    tops = [p.box.y for p in layout.placeholders
            if p.kind in FOOTER_KINDS and p.box.y > 0.75 * height]
    return min(tops) if tops else height * 0.95


def _judge(template: Template, layout: Layout, role: str) -> float:
    """Return the score of ``layout`` for ``role``."""
    if layout.vertical:
        return -100.0
    found = _features(template, layout.index)
    if found.title is None:
        return -100.0
    height = template.height
    # A title box decorations cross in part is a poor place for a title; one wholly on a
    # band is the designer's title band.
    crossed = found.title_covered if found.title_covered < 0.9 else 0.0
    tie = 3.0 * (layout.type == TYPE_FOR_ROLE[role]) - 40 * crossed
    used = min(layout.sample_uses, 5) * 2.0
    centred = found.title.kind == "ctrTitle"
    if role in ("title", "closing"):
        return _title_score(found, layout, height, centred, tie)
    if role == "section":
        return _section_score(found, layout, template, centred, tie)
    if centred or layout.type == "title":
        return -1.0
    below = [b for b in found.bodies if _below(found.title.box, b.box)]
    room = 30 * found.free_share
    if role == "content":
        return _content_score(found, below, template) + room + used + tie
    if role in ("two_content", "comparison"):
        pair = _side_by_side(found.title.box, below, height)
        if pair is None:
            return -1.0
        heads = role == "comparison" and _headed_pair(found.title.box, below, height)
        return room + 35 + 15 * heads - 10 * len(found.pictures) + used / 2 + tie
    if role == "picture":
        picture = max(found.pictures, key=lambda p: p.box.area, default=None)
        if picture is None:
            return -1.0
        share = picture.box.area / (template.width * height)
        return 20 + 40 * min(share / 0.3, 1.0) + 5 * bool(found.bodies) + tie
    if role == "title_only":
        if found.title.box.y > 0.3 * height:
            return -1.0
        return (room + 25 - 12 * len(found.bodies) - 10 * len(found.pictures)
                - 10 * (found.subtitle is not None) + used / 2 + tie)
    return -100.0


def _title_score(found: Features, layout: Layout, height: float, centred: bool,
                 tie: float) -> float:
    """Return how well a layout serves the title (or closing) slide."""
    assert found.title is not None
    middle = 0.2 * height <= found.title.box.y + found.title.box.h / 2 <= 0.75 * height
    subtitle = found.subtitle is not None
    value = (40 * centred + 25 * (layout.type == "title") + 25 * subtitle + 15 * middle
             + 5 * bool(found.bodies) + 15 * layout.first_sample + tie
             - 10 * len(found.pictures))
    return value if centred or layout.type == "title" or subtitle or middle else value - 30


def _section_score(found: Features, layout: Layout, template: Template, centred: bool,
                   tie: float) -> float:
    """Return how well a layout serves a part divider: a prominent title, little else."""
    assert found.title is not None
    height = template.height
    low_title = found.title.box.y > 0.15 * height
    tall = [b for b in found.bodies if b.box.h >= 0.35 * height
            and b.box.w >= 0.5 * template.width]
    return (20 + 15 * (layout.type == "secHead") + 10 * low_title - 20 * bool(tall)
            - 8 * max(0, len(found.bodies) - 1) - 10 * len(found.pictures) - 5 * centred
            - 10 * layout.first_sample + tie)


def _content_score(found: Features, below: list[Placeholder], template: Template) -> float:
    """Return how well a layout holds a title over one main body (room and uses aside)."""
    assert found.title is not None
    wide = [b for b in below if b.box.w > 0.5 * template.width]
    main = found.region.area > 1.5 * found.title.box.area
    high_title = found.title.box.y < 0.25 * template.height
    if not (wide and main and high_title):
        return -60.0
    return 30 - 15 * max(0, len(below) - 1) - 10 * len(found.pictures)


def _below(title: Box, body: Box) -> bool:
    """Return whether ``body`` starts below the middle of ``title``."""
    return body.y >= title.y + title.h / 2


def _side_by_side(title: Box, bodies: list[Placeholder],
                  height: float) -> tuple[Placeholder, Placeholder] | None:
    """Return the largest two similar bodies next to each other under the title, if any."""
    tall = sorted(bodies, key=lambda p: -p.box.area)[:2]
    if len(tall) != 2:
        return None
    left, right = sorted(tall, key=lambda p: p.box.x)
    similar = min(left.box.w, right.box.w) > 0.7 * max(left.box.w, right.box.w)
    level = abs(left.box.bottom - right.box.bottom) < 0.05 * height
    if similar and level and left.box.right <= right.box.x + 1:
        return left, right
    return None


def _headed_pair(title: Box, bodies: list[Placeholder], height: float) -> bool:
    """Return whether two small heading bodies sit above the two main bodies."""
    pair = _side_by_side(title, bodies, height)
    if pair is None:
        return False
    heads = [b for b in bodies if b not in pair and b.box.bottom <= pair[0].box.y + 4
             and b.box.h < 0.2 * height]
    return len(heads) == 2


def column_heads(template: Template, layout: Layout) -> tuple[Placeholder, Placeholder] | None:
    """Return the two heading placeholders over a comparison layout's columns, if any."""
    found = _features(template, layout.index)
    if found.title is None:
        return None
    below = [b for b in found.bodies if _below(found.title.box, b.box)]
    pair = _side_by_side(found.title.box, below, template.height)
    if pair is None:
        return None
    heads = sorted((b for b in below if b not in pair and b.box.bottom <= pair[0].box.y + 4
                    and b.box.h < 0.2 * template.height), key=lambda p: p.box.x)
    return (heads[0], heads[1]) if len(heads) == 2 else None


def columns(template: Template, layout: Layout) -> tuple[Placeholder, Placeholder] | None:
    """Return the two main side-by-side bodies of ``layout``, if any."""
    found = _features(template, layout.index)
    if found.title is None:
        return None
    below = [b for b in found.bodies if _below(found.title.box, b.box)]
    return _side_by_side(found.title.box, below, template.height)
