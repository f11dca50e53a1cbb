"""The markdown-it-py parser of the inline markup (the only module that imports it), read
with the rules ``briefing.text.markup`` documents and the CJK-friendly flanking rules.

``briefing.text.markup`` imports this module only for a text holding a marker, so a build
whose texts hold none does not import markdown-it-py (about 20 ms of a cold build's process
time, measured).
"""

from __future__ import annotations

import functools
import unicodedata

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.parser_inline import ParserInline
from markdown_it.rules_inline.state_inline import Scanned, StateInline
from markdown_it.token import Token

from briefing.text.markup import Span, is_link_target

RULES = ["text", "escape", "emphasis", "link", "newline"]
POST_RULES = ["balance_pairs", "emphasis", "fragments_join"]


def inline_spans(text: str) -> list[Span]:
    """Return the styled spans markdown-it-py reads in ``text`` (empty ones and neighbours of
    one style not yet merged): a line break is a span of its own, "\\n"."""
    tokens = _markdown().parseInline(text)
    return _spans(tokens[0].children or [] if tokens else [])


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
