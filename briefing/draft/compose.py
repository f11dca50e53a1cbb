"""Compose the draft: sections of the right kinds in article order, each with its key points
and its paragraphs as speaker notes, a bottom line from the lead and the conclusion, and
the article as the source.

How much text a slide gets is a budget per section (points and characters, or words in
English) that the caller can tighten section by section (``Settings.tight``) until the
deck builds without shrinking or continuing text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from briefing.draft.article import Article, Block
from briefing.draft.furniture import LeftOut
from briefing.draft.kinds import (
    Pair,
    Timeline,
    figures_of,
    find_pairs,
    find_timeline,
    quote_of,
)
from briefing.draft.language import Language
from briefing.draft.model import (
    Draft,
    DraftColumn,
    DraftEvent,
    DraftFigure,
    DraftPoint,
    DraftQuote,
    DraftSection,
    DraftSource,
)
from briefing.draft.points import Sentence, Weights, choose, ranked, sentences_of
from briefing.draft.shorten import briefing_en, briefing_ja
from briefing.draft.structure import Body, Part, Passage, body_of
from briefing.labels import label

# (points, characters) per bullet slide at each tightening level; English counts words.
# Measured on the built-in theme: five two-line points fill the 864 x 358 pt body at 22 pt.
BUDGETS = {"ja": ((5, 240), (4, 190), (3, 150), (2, 100)),
           "en": ((5, 80), (4, 64), (3, 48), (2, 32))}
COLUMN_BUDGETS = {"ja": ((3, 170), (3, 130), (2, 100), (2, 70)),
                  "en": ((3, 48), (3, 40), (2, 30), (2, 24))}
SUMMARY_BUDGET = {"ja": (2, 150), "en": (2, 50)}
EVENT_LIMITS = (7, 6, 5, 4)
# The agenda lists four parts with their sections on a slide (layout/slides.py), or up to
# fourteen sections when there are no parts.
MAX_PARTS = 4
MAX_FLAT_SECTIONS = 14
FIGURE_LIMITS = (4, 4, 3, 2)
MAX_TITLE = {"ja": 36, "en": 64}
# A quotation fits the quote slide's six lines at its smallest size (18 pt on 792 pt).
MAX_QUOTE_CHARS = {"ja": 140, "en": 360}
MAX_FIGURE_LABEL = {"ja": 30, "en": 12}
EXTRA_LABELS = {"ja": {"figures": "主要な数字", "more": "ほか"},
                "en": {"figures": "Key figures", "more": " and more"}}
EXPANSION = re.compile(r"(?P<short>[A-Z][A-Z0-9&]{1,9})\s?[(（](?P<long>[^()（）]{2,40})[)）]")


@dataclass(frozen=True)
class Settings:
    """How to draft: the language, the most sections, and per-section tightening levels
    (0 to 3) keyed by the section's index in the draft."""

    lang: str
    max_sections: int
    tight: Mapping[int, int] = field(default_factory=dict)


@dataclass
class Entry:
    """A planned section: its kind and the article sections it draws on."""

    kind: str
    passages: list[int]
    part: int
    pair: Pair | None = None
    quote: tuple[str, str, Sentence] | None = None
    figures: list[tuple[str, Sentence]] = field(default_factory=list)


def compose(article: Article, left_out: Sequence[LeftOut], language: Language,
            settings: Settings) -> Draft:
    """Return the draft outline of ``article`` (furniture already taken out)."""
    return _Composer(article, language, settings).draft(left_out)


class _Composer:
    """Holds the analysed article while the draft is put together."""

    def __init__(self, article: Article, language: Language, settings: Settings) -> None:
        self.article = article
        self.language = language
        self.settings = settings
        self.lang = settings.lang
        self.body = _with_sections(body_of(article), article)
        self.lead = sentences_of(self.body.lead, language, 0)
        self.sections: list[list[Sentence]] = []
        start = len(self.lead)
        for passage in self.body.passages:
            self.sections.append(sentences_of(passage.blocks, language, start))
            start += len(self.sections[-1])
        self.weights = Weights.of([self.lead, *self.sections])
        self.expanded: set[str] = set()
        self.used: set[int] = set()
        self.timeline: Timeline | None = None
        self.use_parts = _parts_worth_dividers(self.body)

    # --- the whole draft ------------------------------------------------------------------

    def draft(self, left_out: Sequence[LeftOut]) -> Draft:
        """Return the draft."""
        summary = self.summary()
        entries = self.merged(_capped_parts(self.plan()))
        firsts = {entry.part: index for index, entry in reversed(list(enumerate(entries)))}
        sections = [self.section(index, entry, firsts[entry.part] == index)
                    for index, entry in enumerate(entries)]
        if sections and self.body.lead:
            first = sections[0]
            notes = "\n".join(_note_line(b, self.lang) for b in self.body.lead
                              if b.kind != "heading")
            sections[0] = _replace_notes(first, f"{notes}\n\n{first.notes}".strip())
        article = self.article
        source = DraftSource(_full_title(article), article.url, article.publisher,
                             article.published, article.source)
        return Draft(article.title, article.subtitle, self.lang, tuple(summary),
                     tuple(sections), (source,), article.source, tuple(left_out))

    def plan(self) -> list[Entry]:
        """Return the sections in article order, before merging."""
        timeline = find_timeline(self.body, self.sections)
        pairs = {pair.first: pair for pair in find_pairs(self.body, self.language)}
        figures = figures_of([*self.lead, *(s for section in self.sections for s in section)])
        figures_after = max(figures[0][1].order, len(self.lead)) if figures else -1
        entries: list[Entry] = []
        index = 0
        for part_index, part in enumerate(self.body.parts):
            if timeline is not None and timeline.part == part_index:
                entries.append(Entry("timeline", [], part_index))
            skip = -1
            for _ in part.passages:
                if index in pairs:
                    pair = pairs[index]
                    entries.append(Entry("comparison", [pair.first, pair.second], part_index,
                                         pair))
                    skip = pair.second
                elif index != skip:
                    entries.append(Entry("bullets", [index], part_index))
                entries.extend(self.quotes(index, part_index))
                if any(s.order == figures_after for s in self.sections[index]):
                    entries.append(Entry("figures", [index], part_index, figures=figures))
                index += 1
        self.timeline = timeline
        return entries

    def quotes(self, index: int, part: int) -> list[Entry]:
        """Return a quote section for each attributed quotation in section ``index``."""
        found = []
        for sentence in self.sections[index]:
            quoted = quote_of(sentence, self.language)
            if quoted is not None and len(quoted[0]) <= MAX_QUOTE_CHARS[self.lang]:
                self.used.add(sentence.order)
                found.append(Entry("quote", [index], part,
                                   quote=(quoted[0], quoted[1], sentence)))
        return found

    def merged(self, entries: list[Entry]) -> list[Entry]:
        """Return ``entries`` cut down to at most ``max_sections``: neighbouring bullet
        sections of a part are merged (smallest pair first), then extra quote and figure
        sections dropped, then neighbouring bullet sections of different parts merged."""
        entries = list(entries)
        limit = self.settings.max_sections
        if not self.use_parts:
            limit = min(limit, MAX_FLAT_SECTIONS)
        self._merge(entries, limit, same_part=self.use_parts)
        for kind in ("quote", "figures"):
            while len(entries) > limit and any(e.kind == kind for e in entries):
                entries.remove(next(e for e in reversed(entries) if e.kind == kind))
        self._merge(entries, limit, same_part=False)
        return entries

    def _merge(self, entries: list[Entry], limit: int, same_part: bool) -> None:
        """Merge neighbouring bullet entries in place, smallest pair first, down to
        ``limit``; with ``same_part`` only within a part."""
        while len(entries) > limit:
            candidates = [i for i in range(len(entries) - 1)
                          if entries[i].kind == entries[i + 1].kind == "bullets"
                          and (entries[i].part == entries[i + 1].part or not same_part)]
            if not candidates:
                return
            best = min(candidates, key=lambda i: (self._size(entries[i]) +
                                                  self._size(entries[i + 1]), i))
            second = entries.pop(best + 1)
            entries[best].passages = entries[best].passages + second.passages

    def _size(self, entry: Entry) -> int:
        """Return the number of sentences an entry draws on."""
        return sum(len(self.sections[i]) for i in entry.passages)

    # --- one section ----------------------------------------------------------------------

    def section(self, index: int, entry: Entry, first_of_part: bool) -> DraftSection:
        """Return the draft section of planned ``entry`` at position ``index``; the first
        of its part names the part."""
        level = min(self.settings.tight.get(index, 0), 3)
        part = self.body.parts[entry.part]
        made = {"bullets": self.bullets, "comparison": self.comparison,
                "timeline": self.timeline_section, "quote": self.quote_section,
                "figures": self.figures_section}[entry.kind](entry, level)
        named = part.title if first_of_part and self.use_parts else None
        return DraftSection(**{**made.__dict__, "part": named})

    def bullets(self, entry: Entry, level: int) -> DraftSection:
        """Return a bullet section from the article sections of ``entry``."""
        passages = [self.body.passages[i] for i in entry.passages]
        sentences = [s for i in entry.passages for s in self.sections[i]
                     if s.order not in self.used]
        if not sentences:
            sentences = [s for i in entry.passages for s in self.sections[i]]
        size, budget = BUDGETS[self.lang][level]
        points = self.points(sentences, passages, size, budget)
        title = self._title([p.title for p in passages])
        review = [f"from {self._where(passages)}: {len(points)} of {len(sentences)} "
                  "sentences as points; the whole text is in the notes"]
        if len(passages) > 1:
            review.append("review: merged to keep within --max-sections; split it if "
                          "both need a slide")
        return DraftSection(title, "bullets", tuple(points), notes=self._notes(passages),
                            review=tuple(review))

    def points(self, sentences: Sequence[Sentence], passages: Sequence[Passage], size: int,
               budget: int) -> list[DraftPoint]:
        """Return the key points of ``sentences``: the best within the budget, shortened."""
        heading_terms = {t for p in passages for t in self.language.terms(p.title)}
        best = ranked(sentences, heading_terms, self.weights)
        chosen = choose(best, size, budget, lambda s: self._length(self._pieces(s.text)))
        return [self._point(self._pieces(s.text)) for s in chosen]

    def comparison(self, entry: Entry, level: int) -> DraftSection:
        """Return a two-column comparison of a pair of article sections."""
        assert entry.pair is not None
        size, budget = COLUMN_BUDGETS[self.lang][level]
        columns = []
        passages = [self.body.passages[i] for i in entry.passages]
        for title, index in zip(entry.pair.columns, entry.passages, strict=True):
            sentences = self.sections[index]
            chosen = choose(ranked(sentences, set(self.language.terms(title)), self.weights),
                            size, budget, lambda s: self._length(self._pieces(s.text)))
            columns.append(DraftColumn(title, tuple(self._line(s.text) for s in chosen)))
        review = (f"review: a comparison from the paired headings {self._where(passages)}; "
                  "check that each column says what its title says",)
        return DraftSection(self._title([entry.pair.title]), "comparison",
                            columns=tuple(columns), notes=self._notes(passages), keep=True,
                            review=review)

    def timeline_section(self, entry: Entry, level: int) -> DraftSection:
        """Return the timeline of the article's dated statements."""
        timeline: Timeline | None = self.timeline
        assert timeline is not None
        limit = EVENT_LIMITS[level]
        events = list(timeline.events)
        if len(events) > limit:
            events = [*events[:limit - 1], events[-1]]
        drafted = tuple(DraftEvent(e.date.text, _cut(e.section, 60),
                                   self._event_text(e.sentence.text, e.date.text))
                        for e in events)
        part = self.body.parts[timeline.part].title
        title = part or label(self.lang, "timeline")
        notes = "\n".join(e.sentence.text for e in events)
        review = (f"review: a timeline of the article's {len(events)} dated statements; check "
                  "each date and event title (a title is the heading the statement is under)",)
        return DraftSection(self._title([title]), "timeline", events=drafted, notes=notes,
                            keep=True, review=review)

    def quote_section(self, entry: Entry, level: int) -> DraftSection:
        """Return a quotation with its speaker."""
        assert entry.quote is not None
        text, by, sentence = entry.quote
        review = ("review: a quotation the article attributes; check the speaker's name and "
                  "title",)
        name = re.split(r"[,、，(（]", by)[0].strip() or by
        return DraftSection(_cut(name, 60), "quote", quote=DraftQuote(_unquoted(text), by),
                            notes=sentence.text, review=review)

    def figures_section(self, entry: Entry, level: int) -> DraftSection:
        """Return the article's key figures, each labelled with the clause it stands in."""
        figures = []
        for value, sentence in entry.figures[:FIGURE_LIMITS[level]]:
            text = self._figure_label(value, sentence.text)
            if text:
                figures.append(DraftFigure(value, text))
        if len(figures) < 2:
            return self.bullets(Entry("bullets", entry.passages, entry.part), level)
        notes = "\n".join(dict.fromkeys(s.text for _, s in entry.figures))
        review = ("review: numbers with units found in the text; check each label",)
        return DraftSection(EXTRA_LABELS[self.lang]["figures"], "figures",
                            figures=tuple(figures), notes=notes, review=review)

    # --- the bottom line ------------------------------------------------------------------

    def summary(self) -> list[str]:
        """Return two takeaways from the lead and two from the conclusion (the last
        section), shortened; three from the conclusion when there is no lead."""
        size, budget = SUMMARY_BUDGET[self.lang]
        conclusion = self.sections[-1] if self.sections else []
        passage = self.body.passages[-1] if self.body.passages else None
        terms = set(self.language.terms(passage.title)) if passage else set()
        lead = choose(ranked(self.lead, set(), self.weights), size, budget,
                      lambda s: self._length(self._pieces(s.text)))
        closing = choose(ranked(conclusion, terms, self.weights), 4 - len(lead) if lead else 3,
                         budget * 2, lambda s: self._length(self._pieces(s.text)))
        if len([s for s in conclusion if s.order not in {c.order for c in closing}]) >= 2:
            self.used.update(s.order for s in closing)
        return [self._line(s.text) for s in [*lead, *closing]]

    # --- text -----------------------------------------------------------------------------

    def _pieces(self, sentence: str) -> list[str]:
        """Return a sentence in briefing style: one piece in Japanese, one or more in
        English; an acronym's expansion in parentheses is kept only the first time."""
        if self.lang == "ja":
            return [self._compact(briefing_ja(sentence))]
        return [self._compact(piece) for piece in briefing_en(sentence)]

    def _compact(self, text: str) -> str:
        """Return ``text`` without expansions of acronyms already expanded on a slide."""
        def replace(found: re.Match[str]) -> str:
            if found["short"] in self.expanded:
                return found["short"]
            return found.group(0)
        return EXPANSION.sub(replace, text)

    def _point(self, pieces: list[str]) -> DraftPoint:
        """Return a point from a shortened sentence: its first clause, the others below it."""
        self._shown(pieces)
        return DraftPoint(pieces[0], tuple(p[:1].upper() + p[1:] for p in pieces[1:]))

    def _line(self, sentence: str) -> str:
        """Return a sentence in briefing style as one line (English: not split at its
        clause joints)."""
        if self.lang == "ja":
            line = self._pieces(sentence)[0]
        else:
            line = self._compact(" ".join(briefing_en(sentence, words=10_000)))
        self._shown([line])
        return line

    def _shown(self, pieces: Sequence[str]) -> None:
        """Note the acronyms spelled out in text that goes on a slide."""
        for piece in pieces:
            for found in EXPANSION.finditer(piece):
                self.expanded.add(found["short"])

    def _length(self, pieces: Sequence[str]) -> int:
        """Return the length of text as the budgets count it (characters or words)."""
        if self.lang == "ja":
            return sum(len(p) for p in pieces)
        return sum(len(p.split()) for p in pieces)

    def _title(self, titles: Sequence[str]) -> str:
        """Return a section title for one or more headings; a long join becomes the first
        heading and "and more"."""
        joiner = "・" if self.lang == "ja" else " and " if len(titles) == 2 else "; "
        joined = joiner.join(titles)
        if len(joined) <= MAX_TITLE[self.lang] or len(titles) == 1:
            return _cut(joined, 110)
        return _cut(titles[0], 100) + EXTRA_LABELS[self.lang]["more"]

    def _event_text(self, sentence: str, date: str) -> str:
        """Return a dated statement as an event text, without a leading "In 2004," or
        "2004年には、" since the date stands beside it."""
        text = self._line(sentence)
        if self.lang == "ja":
            text = re.sub(rf"^{re.escape(date)}(?:には|に|は|から|まで)*、", "", text)
        else:
            stripped = re.sub(rf"^(?:In|On|By|Since|From|During|Until)\s+(?:the\s+)?"
                              rf"{re.escape(date)},?\s+", "", text)
            text = stripped[:1].upper() + stripped[1:]
        return _cut(text, 190)

    def _figure_label(self, value: str, sentence: str) -> str | None:
        """Return a short label for a figure: the clause of ``sentence`` that holds it, up to
        the figure (its last words when that is long), or None when none is short enough."""
        if self.lang == "ja":
            clauses = re.split(r"[、，]", briefing_ja(sentence))
            clause = next((c for c in clauses if value in c), "")
            return clause if 0 < len(clause) <= MAX_FIGURE_LABEL["ja"] else None
        text = self._line(sentence)
        clause = next((c for c in re.split(r"[;:—–]\s*|,\s+", text) if value in c), "")
        if not clause:
            return None
        head = clause[:clause.index(value) + len(value)].split()
        tail = clause[clause.index(value) + len(value):].split()
        words = head + tail[:1] if value.replace(",", "").replace(".", "").isdigit() else head
        words = words[-MAX_FIGURE_LABEL["en"]:]
        result = " ".join(words).strip(" .")
        return result[:1].upper() + result[1:]

    def _notes(self, passages: Sequence[Passage]) -> str:
        """Return the speaker notes of article sections: their text as written, a paragraph
        a line, with headings when several sections share a slide."""
        lines: list[str] = []
        for passage in passages:
            if len(passages) > 1:
                lines.append(f"【{passage.title}】" if self.lang == "ja" else
                             f"{passage.title}:")
            lines.extend(_note_line(block, self.lang) for block in passage.blocks)
        return "\n".join(lines)

    def _where(self, passages: Sequence[Passage]) -> str:
        """Return the article headings of ``passages`` with their lines, for comments."""
        quote = ("「{}」" if self.lang == "ja" else "\"{}\"")
        return " / ".join(quote.format(p.title) + (f" (line {p.line})" if p.line else "")
                          for p in passages)


def _parts_worth_dividers(body: Body) -> bool:
    """Return whether the article's parts should become parts of the deck (with divider
    slides): they have titles and at least half of them hold two sections or more; parts of
    one section each would only put a divider before every slide."""
    parts = body.parts
    if not any(part.title for part in parts):
        return False
    return 2 * sum(1 for part in parts if len(part.passages) >= 2) >= len(parts)


def _capped_parts(entries: list[Entry]) -> list[Entry]:
    """Return ``entries`` with at most ``MAX_PARTS`` parts: the part with the fewest
    sections (the later one on a tie) joins the part before it, as many times as needed."""
    while len({entry.part for entry in entries}) > MAX_PARTS:
        parts = sorted({entry.part for entry in entries})
        sizes = {part: sum(1 for e in entries if e.part == part) for part in parts[1:]}
        smallest = min(parts[1:], key=lambda part: (sizes[part], -part))
        before = parts[parts.index(smallest) - 1]
        for entry in entries:
            if entry.part == smallest:
                entry.part = before
    return entries


def _note_line(block: Block, lang: str) -> str:
    """Return one block as a line of speaker notes."""
    if block.kind == "item":
        return ("・" if lang == "ja" else "- ") + block.text
    if block.kind == "quote":
        quoted = f"「{block.text}」" if lang == "ja" else f"“{block.text}”"
        return quoted + (f"({block.by})" if lang == "ja" and block.by else
                         f" ({block.by})" if block.by else "")
    return block.text


def _replace_notes(section: DraftSection, notes: str) -> DraftSection:
    """Return ``section`` with other speaker notes."""
    return DraftSection(**{**section.__dict__, "notes": notes})


def _cut(text: str, limit: int) -> str:
    """Return ``text`` cut to ``limit`` characters at a word or phrase end, marked with …"""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,、") + "…"


def _unquoted(text: str) -> str:
    """Return a quotation without the quotation marks around all of it."""
    pairs = {"“": "”", "\"": "\"", "「": "」", "『": "』", "‘": "’"}
    text = text.strip()
    if len(text) > 2 and pairs.get(text[0]) == text[-1] and text[0] not in text[1:-1]:
        return text[1:-1].strip()
    return text


def _full_title(article: Article) -> str:
    """Return the article's title as the page gives it, with its subtitle."""
    if article.subtitle:
        separator = ":" if not article.title.isascii() else ": "
        return f"{article.title}{separator}{article.subtitle}"
    return article.title


def _with_sections(body: Body, article: Article) -> Body:
    """Return ``body`` unchanged when it has sections; else the lead's paragraphs after the
    first, three to a section, each titled by its first clause (a lone paragraph is a section
    titled as the article)."""
    if body.passages or not body.lead:
        return body
    if len(body.lead) < 2:
        return Body([], [Part(None, [Passage(article.title, list(body.lead))])])
    lead, rest = body.lead[:1], body.lead[1:]
    passages = []
    for start in range(0, len(rest), 3):
        blocks = rest[start:start + 3]
        first = re.split(r"[、，,。.;:：]", blocks[0].text)[0]
        passages.append(Passage(_cut(first.strip(), 40), list(blocks), blocks[0].line))
    return Body(lead, [Part(None, passages)])
