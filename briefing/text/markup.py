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
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from briefing.evolve import evolve

LINK_SCHEMES = ("http://", "https://", "mailto:")


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


MARKERS = "*_[\\"  # the characters that may start markup: emphasis, links, escapes
# What CommonMark normalises before parsing (spec 0.31, 2.1 and 2.3): line endings, NUL.
LINE_ENDING = re.compile(r"\r\n?")


@functools.lru_cache(maxsize=16_384)
def _parse(text: str) -> tuple[Span, ...]:
    """Return the (cached) spans of ``text``: markdown-it-py reads a text holding a marker
    (``briefing.text.markdown``, imported only then); a text without one is at most cut into
    lines and normalised, as the parser would do."""
    if any(char in text for char in MARKERS):
        from briefing.text.markdown import inline_spans

        return _merged(inline_spans(text))
    if any(char in text for char in "\n\r\0"):
        return _merged(_broken_lines(text))
    return (Span(text),) if text else ()


def _broken_lines(text: str) -> list[Span]:
    """Return ``text`` (no marker in it) cut at its line breaks, as CommonMark's inline
    parser cuts it (spec 0.31, 6.7 and 6.8): line endings and NUL normalised; the spaces that
    end a line before a break dropped (two or more make it a hard break, one a soft break,
    both a "\\n" here); the spaces and tabs that start the next line skipped."""
    text = LINE_ENDING.sub("\n", text).replace("\0", "\ufffd")
    spans: list[Span] = []
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if index:
            spans.append(Span("\n"))
            line = line.lstrip(" \t")
        if index < len(lines) - 1:
            line = line.rstrip(" ") if line.endswith("  ") else line.removesuffix(" ")
        spans.append(Span(line))
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
