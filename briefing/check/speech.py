"""How long text takes to say: words and Japanese characters counted, at speaking rates.

Default rates come from published figures:

- Japanese: 300 characters a minute, the pace NHK writes and reads its news at (NHK's
  standard as described by its former announcer Kaori Yano, "NHK式+心理学 一分で一生の信頼を
  勝ち取る法", Diamond, 2015; commercial broadcasters write for about 350).
- English (and any text in Latin script): 140 words a minute, the rate of lectures in
  Tauroza and Allison's measurements of British English speech ("Speech rates in British
  English", Applied Linguistics 11(1), 1990, 90-105; conversation runs at about 210).

Japanese characters are kana, kanji and the iteration marks (々 〆 〇), counted after NFKC
normalisation so that half-width katakana count once; punctuation, symbols and spaces are
not said and not counted. A word is a run of letters or digits in any other script, with
inner apostrophes, hyphens, points or commas (``don't``, ``co-operation``, ``U.S``,
``1,000``). Mixed text takes the time of its characters plus that of its words.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from briefing.layout.boxes import Page, TextFrame

JA_CHARACTERS_PER_MINUTE = 300.0
EN_WORDS_PER_MINUTE = 140.0
# Frames that furniture draws when a layout has no footer placeholders (layout.furniture).
FURNITURE = frozenset({"Footer", "Slide number"})

_JAPANESE = re.compile(
    "[\u3005-\u3007\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_WORD = re.compile(r"[^\W_]+(?:['’.,\-][^\W_]+)*")

Source = Literal["notes", "slide"]


@dataclass(frozen=True)
class SpeakingRates:
    """How fast the presenter speaks: Japanese characters and Latin-script words a minute.

    Raises ValueError when a rate is not a positive number.
    """

    characters_per_minute: float = JA_CHARACTERS_PER_MINUTE
    words_per_minute: float = EN_WORDS_PER_MINUTE

    def __post_init__(self) -> None:
        if not (self.characters_per_minute > 0 and self.words_per_minute > 0):
            raise ValueError("speaking rates must be positive numbers")

    def seconds(self, count: TextCount) -> float:
        """Return the seconds it takes to say text of ``count``."""
        return (count.characters * 60.0 / self.characters_per_minute
                + count.words * 60.0 / self.words_per_minute)


@dataclass(frozen=True)
class TextCount:
    """How much there is to say: Latin-script ``words`` and Japanese ``characters``."""

    words: int = 0
    characters: int = 0

    def __add__(self, other: TextCount) -> TextCount:
        return TextCount(self.words + other.words, self.characters + other.characters)


@functools.lru_cache(maxsize=16_384)
def count(text: str) -> TextCount:
    """Return the words and Japanese characters of ``text`` (see the module docstring).

    Kept per text: every build counts its slides' texts for the talk time, and a rebuild in
    ``watch`` counted the seed's unchanged ones again in 1.3 to 2 ms (process time)."""
    normal = unicodedata.normalize("NFKC", text)
    characters = len(_JAPANESE.findall(normal))
    words = len(_WORD.findall(_JAPANESE.sub(" ", normal)))
    return TextCount(words, characters)


def count_all(texts: Iterable[str]) -> TextCount:
    """Return the sum of the counts of ``texts``."""
    total = TextCount()
    for text in texts:
        total += count(text)
    return total


def shown_texts(page: Page) -> list[str]:
    """Return the texts a page shows as its content: its title and every text frame's
    paragraphs, in order; footers, dates, slide numbers and markings left out."""
    frames = [page.title] if page.title is not None else []
    frames += [shape for shape in page.shapes
               if isinstance(shape, TextFrame) and shape.name not in FURNITURE]
    return [paragraph.text for frame in frames for paragraph in frame.paragraphs]


@dataclass(frozen=True)
class Talk:
    """The estimated time one slide takes to present, and what it was estimated from."""

    seconds: float
    source: Source


def talk(pages: Sequence[Page], rates: SpeakingRates) -> list[Talk]:
    """Return the time each of ``pages`` takes to present, in order.

    A slide with speaker notes takes the time of saying them; one without, the time of
    saying what it shows. Consecutive slides with the same notes (a section continued over
    several slides carries its notes on each) say them once, shared between them in
    proportion to what each shows (evenly when none shows any text).
    """
    found: list[Talk] = []
    index = 0
    while index < len(pages):
        notes = (pages[index].notes or "").strip()
        end = index + 1
        if not notes:
            found.append(Talk(rates.seconds(count_all(shown_texts(pages[index]))), "slide"))
            index = end
            continue
        while end < len(pages) and (pages[end].notes or "").strip() == notes:
            end += 1
        total = rates.seconds(count(notes))
        weights = [rates.seconds(count_all(shown_texts(page))) for page in pages[index:end]]
        share = [w / sum(weights) if sum(weights) else 1 / len(weights) for w in weights]
        found.extend(Talk(total * part, "notes") for part in share)
        index = end
    return found


def total_seconds(pages: Sequence[Page], rates: SpeakingRates) -> float:
    """Return the time the whole deck takes to present."""
    return sum(item.seconds for item in talk(pages, rates))
