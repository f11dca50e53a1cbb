"""Where the time goes: slides grouped into the sections of the talk, the total against the
budget, and what to shorten, cut or move to the notes to fit it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from briefing.check.density import READING_SECONDS, reading_seconds
from briefing.check.slides import SlideCheck
from briefing.check.speech import SpeakingRates

OPENING = frozenset({"cover", "bottom_line", "agenda"})
# What the slides before the first section and after the last are called, by language.
ENDS = {"ja": ("導入", "結び"), "en": ("Opening", "Closing")}

Action = Literal["shorten", "cut", "move_to_notes"]


@dataclass(frozen=True)
class SectionTime:
    """A part of the talk: its title, its slides (numbers) and the seconds they take.

    ``content`` is False for the opening (title, bottom line, agenda) and the closing
    (sources, Q&A), which no suggestion cuts.
    """

    title: str
    slides: tuple[int, ...]
    seconds: float
    content: bool = True

    def as_json(self) -> dict[str, Any]:
        """Return the section as a JSON-ready mapping."""
        return {"title": self.title, "slides": list(self.slides),
                "talk_seconds": round(self.seconds, 1)}


def sections(slides: Sequence[SlideCheck], lang: str) -> list[SectionTime]:
    """Return the talk's sections in order: the opening (title, bottom line, agenda), each
    section of the outline (with its continuation slides, and a part's divider counted with
    the section after it), the closing (sources, Q&A)."""
    opening, closing = ENDS.get(lang, ENDS["en"])
    groups: list[tuple[str, list[SlideCheck], bool]] = []
    keys: list[object] = []
    waiting: list[SlideCheck] = []  # dividers, until their section comes
    started = False
    for slide in slides:
        if slide.kind == "divider":
            waiting.append(slide)
            continue
        if slide.section is not None:
            started = True
            # A section's later kinds of content are planned as slides of their own.
            follows = slide.follows and bool(keys) and isinstance(keys[-1], tuple)
            key: object = keys[-1] if follows else ("section", slide.planned)
            title, content = slide.section, True
        else:
            key = "closing" if started else "opening"
            title, content = (closing if started else opening), False
        if not keys or keys[-1] != key:
            keys.append(key)
            groups.append((title, [], content))
        groups[-1][1].extend([*waiting, slide] if content else [slide])
        if content:
            waiting = []
    if waiting:
        groups.append((closing, waiting, False))
    return [SectionTime(title, tuple(s.number for s in members),
                        sum(s.talk.seconds for s in members), content)
            for title, members, content in groups]


@dataclass(frozen=True)
class Suggestion:
    """A change that brings the talk nearer its budget or a slide nearer readable."""

    action: Action
    section: str
    slides: tuple[int, ...]
    gain_seconds: float
    message: str

    def as_json(self) -> dict[str, Any]:
        """Return the suggestion as a JSON-ready mapping."""
        return {"action": self.action, "section": self.section, "slides": list(self.slides),
                "gain_seconds": round(self.gain_seconds, 1), "message": self.message}


def over_by(talk_seconds: float, budget_seconds: float | None) -> float | None:
    """Return how far the talk runs over its budget (0 when it fits; None without one)."""
    if budget_seconds is None:
        return None
    return max(0.0, talk_seconds - budget_seconds)


def suggestions(parts: Sequence[SectionTime], slides: Sequence[SlideCheck],
                budget_seconds: float | None, rates: SpeakingRates) -> list[Suggestion]:
    """Return what to change, largest gain first: time suggestions when the talk runs over
    its budget (seconds saved), then dense slides to move detail off (reading seconds).

    The opening, the closing and part dividers keep their time; what the budget leaves after
    them is shared evenly among the content slides. A section that takes more than its
    slides' share is shortened to it, the largest excess first, until the overrun is saved
    (the last may save more than is left).
    Cutting is suggested for the shortest section that alone saves the overrun.
    """
    total = sum(part.seconds for part in parts)
    over = over_by(total, budget_seconds)
    timed: list[Suggestion] = []
    if over and budget_seconds is not None:
        timed = _time_suggestions(parts, slides, budget_seconds, over, rates)
    return [*sorted(timed, key=lambda s: -s.gain_seconds), *_density_suggestions(slides)]


def _time_suggestions(parts: Sequence[SectionTime], slides: Sequence[SlideCheck],
                      budget: float, over: float, rates: SpeakingRates) -> list[Suggestion]:
    """Return the sections to shorten until the overrun is saved, and one to cut."""
    by_number = {slide.number: slide for slide in slides}
    content = [part for part in parts if part.content]
    per_slide = _per_content_slide(parts, by_number, budget)
    excess = sorted(((part.seconds - per_slide * _content_slides(part, by_number), part)
                     for part in content), key=lambda item: -item[0])
    found: list[Suggestion] = []
    saved = 0.0
    for extra, part in excess:
        if extra <= 0 or saved >= over:
            break
        saved += extra
        found.append(Suggestion(
            "shorten", part.title, part.slides, extra,
            f"shorten '{part.title}' ({_slides(part.slides)}) to its share of the budget, "
            f"{clock(part.seconds - extra)} instead of {clock(part.seconds)}: saying "
            f"{_amount(extra, part, by_number, rates)} less saves {clock(extra)}"))
    enough = [part for part in content if part.seconds >= over]
    if enough:
        part = min(enough, key=lambda p: p.seconds)
        found.append(Suggestion(
            "cut", part.title, part.slides, part.seconds,
            f"cut '{part.title}' ({_slides(part.slides)}): saves {clock(part.seconds)}, "
            "enough on its own"))
    return found


def _content_slides(part: SectionTime, by_number: dict[int, SlideCheck]) -> int:
    """Return how many of a section's slides carry its content (dividers left out)."""
    return sum(1 for n in part.slides if by_number[n].kind != "divider")


def _per_content_slide(parts: Sequence[SectionTime], by_number: dict[int, SlideCheck],
                       budget: float) -> float:
    """Return each content slide's share of the budget: what the opening, the closing and
    the dividers take (kept as they are) taken off, the rest shared evenly."""
    fixed = sum(part.seconds for part in parts if not part.content)
    fixed += sum(by_number[n].talk.seconds for part in parts if part.content
                 for n in part.slides if by_number[n].kind == "divider")
    count = sum(_content_slides(part, by_number) for part in parts if part.content)
    return max(budget - fixed, 0.0) / max(count, 1)


def _density_suggestions(slides: Sequence[SlideCheck]) -> list[Suggestion]:
    """Return a suggestion for each slide with too much text, the longest to read first."""
    found = []
    for slide in slides:
        reading = reading_seconds(slide.text)
        if not slide.density_problems or reading <= READING_SECONDS:
            continue
        found.append((reading, Suggestion(
            "move_to_notes", slide.section or slide.title, (slide.number,), 0.0,
            f"move detail of '{slide.title}' (slide {slide.number}) to its notes: its text "
            f"takes {reading:.0f} s to read, {reading - READING_SECONDS:.0f} s too long")))
    return [suggestion for _, suggestion in sorted(found, key=lambda item: -item[0])]


def _amount(seconds: float, part: SectionTime, by_number: dict[int, SlideCheck],
            rates: SpeakingRates) -> str:
    """Return how much text takes ``seconds`` to say, in the section's own script."""
    members = [by_number[n] for n in part.slides if n in by_number]
    characters = sum(s.text.characters for s in members)
    words = sum(s.text.words for s in members)
    if characters * 60 / rates.characters_per_minute >= words * 60 / rates.words_per_minute:
        return f"about {round(seconds * rates.characters_per_minute / 60)} characters"
    return f"about {round(seconds * rates.words_per_minute / 60)} words"


def clock(seconds: float) -> str:
    """Return ``seconds`` as minutes and seconds (``12:05``), rounded to the second."""
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def _slides(numbers: Sequence[int]) -> str:
    """Return slide numbers as 'slide 5' or 'slides 5-7'."""
    if len(numbers) == 1:
        return f"slide {numbers[0]}"
    return f"slides {numbers[0]}-{numbers[-1]}"


def _count(n: int, noun: str) -> str:
    """Return ``n noun`` with the plural when needed."""
    return f"{n} {noun}{'' if n == 1 else 's'}"
