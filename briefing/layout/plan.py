"""Plan the deck: which slides, of which kind, in which order (before any measuring)."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.outline.model import Outline, Section

AGENDA_MIN_SECTIONS = 3


@dataclass(frozen=True)
class SlideSpec:
    """One planned slide (layout may continue it onto more slides).

    A section slide's ``section`` holds only what this slide shows (see ``Section.only``);
    ``continues`` marks a slide after the first of its section, titled as a continuation.
    """

    kind: str
    title: str
    section: Section | None = None
    part_number: int = 0
    continues: bool = False


def plan_slides(outline: Outline) -> list[SlideSpec]:
    """Return the slides of the deck in order."""
    specs = [SlideSpec("cover", outline.title)]
    if outline.summary:
        specs.append(SlideSpec("bottom_line", outline.title))
    if len(outline.sections) >= AGENDA_MIN_SECTIONS:
        specs.append(SlideSpec("agenda", outline.title))
    part_number = 0
    for section in outline.sections:
        if section.part:
            part_number += 1
            specs.append(SlideSpec("divider", section.part, part_number=part_number))
        specs.extend(section_slides(section, part_number))
    if outline.sources:
        specs.append(SlideSpec("sources", outline.title))
    specs.append(SlideSpec("closing", outline.title))
    return specs


def section_slides(section: Section, part_number: int = 0) -> list[SlideSpec]:
    """Return the slides of one section: one per kind of content it holds, in the order
    ``Section.slide_kinds`` gives, the later ones continuing the first under its title; a
    section with nothing but a title is one title slide."""
    kinds = section.slide_kinds
    if not kinds:
        return [SlideSpec("title_only", section.title, section, part_number)]
    return [SlideSpec(kind, section.title, section.only(kind), part_number, index > 0)
            for index, kind in enumerate(kinds)]


def agenda_entries(outline: Outline) -> list[tuple[str, list[str]]]:
    """Return the agenda: each part with its section titles, or each section alone."""
    if not any(section.part for section in outline.sections):
        return [(section.title, []) for section in outline.sections]
    entries: list[tuple[str, list[str]]] = []
    for section in outline.sections:
        if section.part or not entries:
            entries.append((section.part or section.title, []))
        entries[-1][1].append(section.title)
    return entries
