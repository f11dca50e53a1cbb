"""Key points: the article's sentences, scored, and the best of each section chosen.

Extractive and deterministic, in the tradition of Edmundson ("New methods in automatic
extracting", J. ACM 16(2), 1969): a sentence scores for its position (a section's first
sentence states its topic, a paragraph's first sentence comes next, unless it only restates
its heading with the article's common words), for its terms (tf-idf
over the article's sections, after Salton & Buckley 1988, plus the terms of its own heading),
for the numbers, dates and rare names it holds, and loses for speaking about the article
itself ("この記事では…"). Ties fall to article order, so the same text always gives the same
choice.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from briefing.draft.article import Block
from briefing.draft.language import Date, Language

FIRST_OF_SECTION = 1.0
FIRST_OF_PARAGRAPH = 0.5
FACT_BONUS = 0.8
NAME_BONUS = 0.3
HEADING_BONUS = 0.5
SELF_REFERENCE = -5.0
# An enumeration opens the first of listed points, as a section's first sentence opens it
# (第一に、 / First, / Secondly,).
ORDINAL = re.compile(r"^(?:第[一二三四五六七八九十0-9０-９]+に|(?:First|Second|Third|Fourth|"
                     r"Firstly|Secondly|Thirdly)\b)[、，,]")
SHORT_PENALTY = -1.0
SKIP_RATIO = 0.6
TERM_SCALE = 4.0  # brings a sentence of eight rare terms to about the first-sentence bonus


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article, with what scoring reads off it.

    ``paragraph`` and ``position`` count from 0 within its section; ``order`` is its place
    in the whole article; ``kind`` is the block it came from (paragraph, item or quote).
    """

    text: str
    paragraph: int
    position: int
    order: int
    kind: str
    terms: tuple[str, ...]
    names: tuple[str, ...]
    dates: tuple[Date, ...]
    quantities: tuple[str, ...]
    about_itself: bool
    by: str | None = None

    @property
    def has_fact(self) -> bool:
        """Return whether the sentence holds a date or a quantity."""
        return bool(self.dates or self.quantities)


def sentences_of(blocks: Sequence[Block], language: Language, start: int) -> list[Sentence]:
    """Return the sentences of a section's blocks, numbered in article order from ``start``.

    Headings inside a section are not sentences; a list item is one sentence or more; a
    quotation stays whole.
    """
    found: list[Sentence] = []
    paragraph = -1
    for block in blocks:
        if block.kind == "heading":
            continue
        paragraph += 1
        texts = [block.text] if block.kind == "quote" else language.sentences(block.text)
        for position, text in enumerate(texts):
            found.append(Sentence(
                text, paragraph, position, start + len(found), block.kind,
                tuple(language.terms(text)), tuple(language.names(text)),
                tuple(language.dates(text)), tuple(language.quantities(text)),
                language.refers_to_itself(text), block.by))
    return found


@dataclass(frozen=True)
class Weights:
    """Inverse document frequencies of the article's terms over its sections."""

    idf: dict[str, float]
    sections: int

    @classmethod
    def of(cls, sections: Sequence[Sequence[Sentence]]) -> Weights:
        """Return the weights of terms over ``sections`` (each a list of sentences)."""
        frequency: Counter[str] = Counter()
        for sentences in sections:
            frequency.update({term for s in sentences for term in s.terms})
        count = max(len(sections), 1)
        idf = {term: math.log((count + 1) / (df + 0.5)) for term, df in frequency.items()}
        return cls(idf, count)

    def rare(self, term: str) -> bool:
        """Return whether ``term`` occurs in at most a third of the sections."""
        return self.idf.get(term, 0.0) > math.log((self.sections + 1) / (self.sections / 3 + 0.5))


def score(sentence: Sentence, section: Sequence[Sentence], heading_terms: set[str],
          weights: Weights) -> float:
    """Return the score of ``sentence`` within its ``section`` (higher is more central)."""
    frequency = Counter(term for s in section for term in s.terms)
    distinct = sorted(set(sentence.terms))
    terms = sum((1 + math.log(frequency[t])) * weights.idf.get(t, 0.0) for t in distinct)
    terms /= math.sqrt(len(distinct) + 1) * TERM_SCALE
    value = terms
    informative = sentence.has_fact or sum(
        1 for t in distinct if weights.rare(t) and t not in heading_terms) >= 2
    if informative and ((sentence.paragraph == 0 and sentence.position == 0)
                        or ORDINAL.match(sentence.text)):
        value += FIRST_OF_SECTION
    elif informative and sentence.position == 0:
        value += FIRST_OF_PARAGRAPH
    if sentence.has_fact:
        value += FACT_BONUS
    rare_names = {n for n in sentence.names if weights.rare(n)}
    value += NAME_BONUS * min(len(rare_names), 3)
    value += HEADING_BONUS * min(len(heading_terms & set(sentence.terms)), 2)
    if sentence.about_itself:
        value += SELF_REFERENCE
    if len(sentence.terms) < 2:
        value += SHORT_PENALTY
    return value


def ranked(section: Sequence[Sentence], heading_terms: set[str], weights: Weights,
           ) -> list[tuple[float, Sentence]]:
    """Return the section's sentences with their scores, best first (ties in article
    order), leaving out those about the article itself."""
    scored = [(score(s, section, heading_terms, weights), s) for s in section
              if not s.about_itself]
    scored.sort(key=lambda pair: (-pair[0], pair[1].order))
    return scored


def choose(candidates: Sequence[tuple[float, Sentence]], size: int, budget: int,
           length: Callable[[Sentence], int]) -> list[Sentence]:
    """Return up to ``size`` of the scored ``candidates`` (best first) whose lengths add up
    to at most ``budget``, in article order. The best is always taken; once one does not
    fit, later ones are taken only if they score at least ``SKIP_RATIO`` of the best, so a
    long point is not traded for small talk."""
    chosen: list[Sentence] = []
    used = 0
    best = candidates[0][0] if candidates else 0.0
    passed_over = False
    for value, sentence in candidates:
        if len(chosen) >= size:
            break
        cost = length(sentence)
        if chosen and (used + cost > budget or (passed_over and value < best * SKIP_RATIO)):
            passed_over = True
            continue
        chosen.append(sentence)
        used += cost
    return sorted(chosen, key=lambda s: s.order)
