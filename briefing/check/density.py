"""Slides that hold more than an audience takes in while listening.

Two limits, by slide kind:

- Points: at most ``MAX_POINTS`` first-level points on a bullet slide (and in each column of
  a comparison), sub-points counted with their point: the "six by six" rule of thumb of
  presentation guides (six points a slide).
- Text: no more than an audience reads silently in ``READING_SECONDS``, so that most of a
  slide's time is left for listening. English readers read non-fiction silently at 238 words
  a minute (Brysbaert, "How many words do we read per minute? A review and meta-analysis of
  reading rate", Journal of Memory and Language 109, 2019, 104047): 20 seconds are about 80
  words. Japanese is read at the same pace of content: 238 words a minute scaled by the
  ratio of the default speaking rates (300 characters to 140 words), 510 characters a
  minute, about 170 characters in 20 seconds. 20 seconds is this project's choice.

Title, cover, divider, sources and closing slides are not judged: they are not read as
content.
"""

from __future__ import annotations

from briefing.check.speech import (
    EN_WORDS_PER_MINUTE,
    JA_CHARACTERS_PER_MINUTE,
    SpeakingRates,
    TextCount,
)
from briefing.layout.boxes import Page, TextFrame

MAX_POINTS = 6
READING_SECONDS = 20.0
READING_WORDS_PER_MINUTE = 238.0
READING = SpeakingRates(READING_WORDS_PER_MINUTE * JA_CHARACTERS_PER_MINUTE
                        / EN_WORDS_PER_MINUTE, READING_WORDS_PER_MINUTE)
NOT_JUDGED = frozenset({"cover", "divider", "sources", "closing"})
POINT_FRAMES = ("Text", "Column")  # the frames layout sets points in (layout.slides)


def reading_seconds(text: TextCount) -> float:
    """Return the seconds an audience takes to read ``text`` silently."""
    return READING.seconds(text)


def points_per_frame(page: Page) -> list[int]:
    """Return the number of first-level points in each bullet frame of ``page``."""
    return [sum(1 for p in shape.paragraphs if p.level == 0) for shape in page.shapes
            if isinstance(shape, TextFrame) and shape.name in POINT_FRAMES]


def density_problems(page: Page, text: TextCount) -> list[str]:
    """Return what makes ``page`` (showing ``text``) too dense for its kind, if anything."""
    if page.kind in NOT_JUDGED:
        return []
    problems = []
    most = max(points_per_frame(page), default=0)
    if most > MAX_POINTS:
        where = " in a column" if page.kind == "comparison" else ""
        problems.append(f"{most} points{where}; at most {MAX_POINTS} read at a glance")
    seconds = reading_seconds(text)
    if seconds > READING_SECONDS:
        amount = _amount(text)
        problems.append(f"{amount} of text take {seconds:.0f} s to read; keep it under "
                        f"{READING_SECONDS:.0f} s (move detail to the notes)")
    return problems


def _amount(text: TextCount) -> str:
    """Return how much text there is, in the units it is written in."""
    parts = []
    if text.characters:
        parts.append(f"{text.characters} characters")
    if text.words:
        parts.append(f"{text.words} words")
    return " and ".join(parts) or "no text"
