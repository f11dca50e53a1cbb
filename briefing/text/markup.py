"""The inline markup outlines may use in points, notes and sources, parsed into styled spans.

The documented subset, read by markdown-it-py (CommonMark) with every other rule switched off:

- ``**bold**`` and ``*italic*`` (``__`` and ``_`` too, as CommonMark has them),
- ``[text](https://...)`` links (http, https and mailto addresses; others stay text),
- a backslash before ASCII punctuation writes it literally (``\\*``, ``\\[``, ``\\\\``),
- a line break ("\\n", kept from the outline) is a break inside the paragraph.

Nothing else is markup: ``# heading``, ``1. item``, ``<b>``, ``&amp;`` and backticks stay the
text they are. A marker that opens nothing (``5 * 3``) stays text.

Emphasis next to Japanese brackets and punctuation (``**「重要」**です``) works: CommonMark's
flanking rules treat a run between punctuation and a letter as unable to open or close, so a
CJK character next to the run counts as the space or punctuation that allows it, as the
"CJK-friendly" amendment to CommonMark proposes (github.com/tats-u/markdown-cjk-friendly).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.parser_inline import ParserInline
from markdown_it.rules_inline.state_inline import Scanned, StateInline
from markdown_it.token import Token

from briefing.evolve import evolve

LINK_SCHEMES = ("http://", "https://", "mailto:")
RULES = ["text", "escape", "emphasis", "link", "newline"]
POST_RULES = ["balance_pairs", "emphasis", "fragments_join"]


@dataclass(frozen=True)
class Span:
    """A run of text in one style: ``href`` is the link target, or None.

    A line break is a span of its own whose text is "\\n" (no style); no other span holds
    a "\\n".
    """

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None

    @property
    def is_break(self) -> bool:
        """Return whether this span is a line break."""
        return self.text == "\n"


def parse_inline(text: str) -> tuple[Span, ...]:
    """Return ``text`` as styled spans, neighbours of one style merged, none empty."""
    return _parse(text)


def plain_text(text: str) -> str:
    """Return what a reader sees of ``text``: the markup removed, breaks as "\\n"."""
    return "".join(span.text for span in _parse(text))


def lines_of(spans: tuple[Span, ...]) -> list[tuple[Span, ...]]:
    """Return ``spans`` cut at their line breaks: one tuple of spans per line."""
    lines: list[tuple[Span, ...]] = [()]
    for span in spans:
        if span.is_break:
            lines.append(())
        else:
            lines[-1] = (*lines[-1], span)
    return lines


def plain_spans(text: str) -> tuple[Span, ...]:
    """Return ``text`` read as it is (no markup) as spans: one per line, breaks between."""
    spans: list[Span] = []
    for index, line in enumerate(text.split("\n")):
        if index:
            spans.append(Span("\n"))
        if line:
            spans.append(Span(line))
    return tuple(spans)


def text_of(spans: tuple[Span, ...]) -> str:
    """Return what a reader sees of ``spans``: their text, breaks as "\n"."""
    return "".join(span.text for span in spans)


def slice_spans(spans: tuple[Span, ...], start: int, end: int) -> tuple[Span, ...]:
    """Return the part of ``spans`` between the offsets ``start`` and ``end`` of their text,
    each piece in the style of the span it comes from."""
    pieces: list[Span] = []
    offset = 0
    for span in spans:
        low, high = max(start, offset), min(end, offset + len(span.text))
        if low < high:
            pieces.append(evolve(span, text=span.text[low - offset:high - offset]))
        offset += len(span.text)
    return tuple(pieces)


def spans_of_lines(spans: tuple[Span, ...], lines: Sequence[str]) -> list[tuple[Span, ...]]:
    """Return the spans each of ``lines`` shows, ``lines`` being the text of ``spans`` broken
    into lines in order (spaces at the ends of lines and the breaks dropped, as line
    breaking does).

    Raises ValueError when a line is not found in order in the text.
    """
    text = text_of(spans)
    found: list[tuple[Span, ...]] = []
    position = 0
    for line in lines:
        start = text.find(line, position)
        if start < 0:
            raise ValueError(f"line {line!r} is not in the text after offset {position}")
        found.append(slice_spans(spans, start, start + len(line)))
        position = start + len(line)
    return found


def strip_spans(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """Return ``spans`` without the spaces and line breaks at their start and end."""
    text = text_of(spans)
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    return slice_spans(spans, start, end) if start < end else ()


@functools.lru_cache(maxsize=16_384)
def _parse(text: str) -> tuple[Span, ...]:
    """Return the (cached) spans of ``text``."""
    if not any(char in text for char in "*_[\\\n"):
        return (Span(text),) if text else ()
    tokens = _markdown().parseInline(text)
    children = tokens[0].children or [] if tokens else []
    return _merged(_spans(children))


def _spans(tokens: list[Token]) -> list[Span]:
    """Return the spans the inline ``tokens`` describe."""
    spans: list[Span] = []
    bold = italic = 0
    links: list[str | None] = []
    for token in tokens:
        kind = token.type
        if kind == "text":
            spans.append(Span(token.content, bold > 0, italic > 0,
                              next((h for h in reversed(links) if h), None)))
        elif kind in ("softbreak", "hardbreak"):
            spans.append(Span("\n"))
        elif kind in ("strong_open", "strong_close"):
            bold += 1 if kind == "strong_open" else -1
        elif kind in ("em_open", "em_close"):
            italic += 1 if kind == "em_open" else -1
        elif kind == "link_open":
            links.append(str(token.attrs.get("href", "")) or None)
        elif kind == "link_close" and links:
            links.pop()
    return spans


def is_link_target(url: str) -> bool:
    """Return whether ``url`` may be a link: a web or mail address (others stay text)."""
    return url.strip().lower().startswith(LINK_SCHEMES)


def link_spans(url: str) -> tuple[Span, ...]:
    """Return an address written out as a span that links to it (plain text when it is no
    web or mail address)."""
    return (Span(url, href=url.strip() if is_link_target(url) else None),)


def joined(*parts: tuple[Span, ...] | str) -> tuple[Span, ...]:
    """Return ``parts`` (spans, or plain text) as one run of spans, neighbours of one style
    merged."""
    spans = [span for part in parts
             for span in (plain_spans(part) if isinstance(part, str) else part)]
    return _merged(spans)


def _merged(spans: list[Span]) -> tuple[Span, ...]:
    """Return ``spans`` without empty ones, neighbours of one style joined."""
    merged: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        last = merged[-1] if merged else None
        if (last is not None and not last.is_break and not span.is_break
                and (last.bold, last.italic, last.href) == (span.bold, span.italic, span.href)):
            merged[-1] = replace(last, text=last.text + span.text)
        else:
            merged.append(span)
    return tuple(merged)


# --- the parser ------------------------------------------------------------------------------


class _CjkFriendlyState(StateInline):
    """Inline state whose emphasis delimiters treat a neighbouring CJK character as the
    space or punctuation CommonMark's flanking rules ask for."""

    def scanDelims(self, start: int, canSplitWord: bool) -> Scanned:
        """Return whether the run of markers at ``start`` can open or close emphasis.

        CommonMark's definition (spec 0.31, 6.2), with "or a CJK character" added where it
        accepts whitespace or punctuation on the far side of the run.
        """
        count = super().scanDelims(start, canSplitWord).length
        last = self.src[start - 1] if start > 0 else " "
        end = start + count
        after = self.src[end] if end < self.posMax else " "
        last_punct = isMdAsciiPunct(ord(last)) or isPunctChar(last)
        next_punct = isMdAsciiPunct(ord(after)) or isPunctChar(after)
        last_space, next_space = isWhiteSpace(ord(last)), isWhiteSpace(ord(after))
        left = not next_space and (not next_punct or last_space or last_punct
                                   or _is_cjk(last))
        right = not last_space and (not last_punct or next_space or next_punct
                                    or _is_cjk(after))
        return Scanned(can_open=left and (canSplitWord or not right or last_punct),
                       can_close=right and (canSplitWord or not left or next_punct),
                       length=count)


class _CjkFriendlyInline(ParserInline):
    """The inline parser, run on the CJK-friendly state."""

    def parse(self, src: str, md: MarkdownIt, env: dict[str, object],  # type: ignore[override]
              tokens: list[Token]) -> list[Token]:
        state = _CjkFriendlyState(src, md, env, tokens)
        self.tokenize(state)
        for rule in self.ruler2.getRules(""):
            rule(state)
        return state.tokens


def _is_cjk(char: str) -> bool:
    """Return whether ``char`` is a wide East Asian character (kana, kanji, full-width
    punctuation and brackets)."""
    return unicodedata.east_asian_width(char) in ("W", "F")


@functools.cache
def _markdown() -> MarkdownIt:
    """Return the parser for the documented subset (built once)."""
    md = MarkdownIt("zero")
    md.inline = _CjkFriendlyInline()
    md.inline.ruler.enableOnly(RULES)
    md.inline.ruler2.enableOnly(POST_RULES)
    md.validateLink = is_link_target  # type: ignore[method-assign]
    return md
