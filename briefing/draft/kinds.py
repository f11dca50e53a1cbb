"""Choose section kinds beyond bullets from what the article holds.

- Timeline: three or more dated statements (sentences with a year, decade or month) in the
  article, one event per date, in date order; a decade drops out when a dated event inside
  it is on the line (2000年代 beside 2004年).
- Comparison: two neighbouring sections whose headings are a pair, either because their
  part's heading names both ("…の意義と課題" over "関係の意義" and "直面する課題", "Benefits
  and risks" over "The benefits" and "The risks") or because the headings hold one of the
  usual contrast pairs (意義/課題, メリット/デメリット, benefits/risks, pros/cons …).
- Quote: a quotation with its speaker: a ``>`` or ``<blockquote>`` with an attribution, or a
  sentence that quotes someone it names (X は「…」と述べた; "…," said X).
- Key figures: two or more numbers with units (32 members, 2%, $4.2 billion, 3,000人) that
  are not dates or ordinals.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.draft.japanese import analyse
from briefing.draft.language import Date, Language
from briefing.draft.points import Sentence
from briefing.draft.structure import Body

MIN_EVENTS = 3
MAX_EVENTS = 7
MIN_FIGURES = 2
MAX_FIGURES = 4
MAX_FIGURE_VALUE = 16
CONTRAST_PAIRS = (
    ("意義", "課題"), ("利点", "欠点"), ("メリット", "デメリット"), ("長所", "短所"),
    ("機会", "リスク"), ("強み", "弱み"), ("成果", "課題"), ("賛成", "反対"),
    ("benefits", "risks"), ("benefits", "costs"), ("pros", "cons"),
    ("advantages", "disadvantages"), ("strengths", "weaknesses"), ("opportunities", "risks"),
    ("opportunities", "threats"), ("opportunities", "challenges"), ("gains", "risks"))
JOINS = re.compile(r"と|・|／|/|\s+and\s+|\s+vs\.?\s+|\s+versus\s+|\s*&\s*", re.IGNORECASE)
MIN_QUOTE_CHARS = 10
MIN_QUOTE_WORDS = 6


@dataclass(frozen=True)
class Event:
    """A timeline event: its date, the sentence that dates it and its section's title."""

    date: Date
    sentence: Sentence
    section: str


@dataclass(frozen=True)
class Timeline:
    """The article's timeline and the part it belongs to (the one with most events)."""

    events: tuple[Event, ...]
    part: int


def find_timeline(body: Body, sentences: Sequence[Sequence[Sentence]]) -> Timeline | None:
    """Return the timeline of the article's dated statements, or None when it has fewer than
    three dates. ``sentences`` holds each section's sentences, in ``body.passages`` order."""
    titles = [passage.title for passage in body.passages]
    parts = [index for index, part in enumerate(body.parts) for _ in part.passages]
    first: dict[str, tuple[Event, int]] = {}
    for section, found in enumerate(sentences):
        for sentence in found:
            if sentence.dates and not sentence.about_itself and sentence.kind != "quote":
                date = sentence.dates[0]
                first.setdefault(date.text, (Event(date, sentence, titles[section]),
                                             parts[section]))
    events = [pair for pair in first.values() if not _covered_decade(pair[0].date, first)]
    if len(events) < MIN_EVENTS:
        return None
    events.sort(key=lambda pair: (pair[0].date.key, pair[0].sentence.order))
    if len(events) > MAX_EVENTS:
        events = [*events[:MAX_EVENTS - 1], events[-1]]
    counts = [sum(1 for _, part in events if part == index) for index in range(len(body.parts))]
    home = max(range(len(counts)), key=lambda index: (counts[index], -index))
    return Timeline(tuple(event for event, _ in events), home)


def _covered_decade(date: Date, dates: dict[str, tuple[Event, int]]) -> bool:
    """Return whether ``date`` is a decade that a more precise date inside it stands for."""
    if not date.decade:
        return False
    return any(not other.date.decade and date.key <= other.date.key < date.key + 10
               for other, _ in dates.values())


@dataclass(frozen=True)
class Pair:
    """Two neighbouring sections to compare: their indexes in ``body.passages``, the column
    titles, and the comparison's title."""

    first: int
    second: int
    columns: tuple[str, str]
    title: str


def find_pairs(body: Body, language: Language) -> list[Pair]:
    """Return the pairs of neighbouring sections whose headings contrast."""
    pairs: list[Pair] = []
    start = 0
    for part in body.parts:
        for offset in range(len(part.passages) - 1):
            first, second = part.passages[offset], part.passages[offset + 1]
            if pairs and pairs[-1].second == start + offset:
                continue
            found = (_named_by_part(part.title, first.title, second.title, language)
                     or _contrast(first.title, second.title, language))
            if found is not None:
                columns, title = found
                pairs.append(Pair(start + offset, start + offset + 1, columns,
                                  title or part.title or f"{columns[0]} / {columns[1]}"))
        start += len(part.passages)
    return pairs


def _named_by_part(part: str | None, first: str, second: str, language: Language,
                   ) -> tuple[tuple[str, str], str | None] | None:
    """Return the column titles when the part heading names two things joined by と/and
    and the two headings name one each, in order."""
    if not part:
        return None
    pieces = [p for p in JOINS.split(part) if p.strip()]
    if len(pieces) < 2:
        return None
    left, right = language.terms(pieces[-2]), language.terms(pieces[-1])
    if not left or not right:
        return None
    if left[-1] in language.terms(first) and right[-1] in language.terms(second):
        return (_as_written(pieces[-2], left[-1]), _as_written(pieces[-1], right[-1])), part
    return None


def _contrast(first: str, second: str, language: Language,
              ) -> tuple[tuple[str, str], str | None] | None:
    """Return the column titles when the two headings hold a usual contrast pair."""
    terms_a, terms_b = language.terms(first), language.terms(second)
    for a, b in CONTRAST_PAIRS:
        term_a, term_b = language.terms(a), language.terms(b)
        if term_a and term_b and term_a[0] in terms_a and term_b[0] in terms_b:
            return (_as_written(first, term_a[0]), _as_written(second, term_b[0])), None
    return None


def _as_written(text: str, term: str) -> str:
    """Return ``term`` as the heading writes it (its case and plural), else capitalised."""
    found = re.search(rf"\b{re.escape(term)}\w*" if term.isascii() else re.escape(term), text,
                      re.IGNORECASE)
    word = found.group(0) if found else term
    return word[:1].upper() + word[1:]


def quote_of(sentence: Sentence, language: Language) -> tuple[str, str] | None:
    """Return (quotation, speaker) when ``sentence`` quotes someone it names, else None."""
    if sentence.kind == "quote":
        return (sentence.text, sentence.by) if sentence.by else None
    if language.code == "ja":
        return _quote_ja(sentence.text)
    return _quote_en(sentence.text)


def _quote_ja(text: str) -> tuple[str, str] | None:
    """Return the quotation and speaker of "Xは「…」と述べた" shapes."""
    found = re.search(r"「([^「」]+)」と", text)
    if not found or len(found.group(1)) < MIN_QUOTE_CHARS:
        return None
    after = analyse(text[found.end():])
    if not after or after[0].word_class != "動詞":
        return None
    speaker = []
    for m in analyse(text[:found.start()]):
        if m.surface in ("は", "が") and m.word_class == "助詞":
            break
        if m.word_class not in ("名詞", "接尾辞", "補助記号") or m.surface in ("、", "，"):
            return None
        speaker.append(m.surface)
    else:
        return None
    return (found.group(1), "".join(speaker)) if speaker else None


def _quote_en(text: str) -> tuple[str, str] | None:
    """Return the quotation and speaker of '"…," said X' and 'X said: "…"' shapes."""
    found = re.search(r"[“\"]([^”\"]+)[”\"]", text)
    if not found or len(found.group(1).split()) < MIN_QUOTE_WORDS:
        return None
    rest = (text[:found.start()] + " " + text[found.end():]).strip(" ,.:;")
    if len(rest.split()) > 14:
        return None
    name = re.search(r"(?:[A-Z][\w'’.-]*)(?:\s+(?:[A-Z][\w'’.-]*|of|the|de|von))*", rest)
    if not name:
        return None
    by = name.group(0).strip()
    tail = re.match(r",\s+(?:the\s+|then\s+|a\s+)?((?:[A-Z][\w'’.-]*\s*)+)", rest[name.end():])
    if tail:
        by = f"{by}, {tail.group(1).strip()}"
    quotation = found.group(1).strip().rstrip(",")
    return quotation, by


def figures_of(sentences: Sequence[Sentence]) -> list[tuple[str, Sentence]]:
    """Return up to four (number with unit, sentence) pairs, first seen first; none when
    the article has fewer than two."""
    found: list[tuple[str, Sentence]] = []
    seen: set[str] = set()
    for sentence in sentences:
        if sentence.about_itself:
            continue
        for value in sentence.quantities:
            if value not in seen and len(value) <= MAX_FIGURE_VALUE:
                seen.add(value)
                found.append((value, sentence))
    return found[:MAX_FIGURES] if len(found) >= MIN_FIGURES else []
