"""Read a plain-text article: paragraphs between blank lines, headings as short lone lines.

The shape is the one news sites give when an article is copied as text: a category label,
the title, paragraphs, and headings as short lines of their own. A heading's rank comes from
the headings around it: a heading followed at once by another heading (no text between) is
the higher of the two, so a part heading and its first section heading come out as levels 2
and 3, a lone section heading as level 3.
"""

from __future__ import annotations

import re

from briefing.draft.article import Article, Block, is_cjk, join_lines, split_title

SENTENCE_END = tuple("。．.!?！？:：;；、,")
MAX_HEADING_CJK = 40
MAX_HEADING_WORDS = 14
LIST_MARKER = re.compile(r"^\s*(?:[-*•・●◦▪]|\d{1,3}[.)）]|[（(]\d{1,3}[)）])\s*")
QUOTE_MARKER = re.compile(r"^\s*>\s?")
ATTRIBUTION = re.compile(r"^\s*(?:—|―|──|--|–)\s*(?P<by>\S.*)$")


def read_text(text: str, source: str) -> Article:
    """Return the article in plain ``text`` (the file's contents) read from file ``source``."""
    chunks = _chunks(text)
    blocks: list[Block] = []
    for line, lines in chunks:
        blocks.extend(_blocks(line, lines))
    return _with_title(blocks, source)


def _chunks(text: str) -> list[tuple[int, list[str]]]:
    """Return the runs of non-blank lines, each with its first line number (1-based)."""
    chunks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            chunks.append((start, current))
            current = []
    if current:
        chunks.append((start, current))
    return chunks


def _blocks(line: int, lines: list[str]) -> list[Block]:
    """Return the blocks of one chunk: list items, a quotation, a heading or a paragraph."""
    if all(LIST_MARKER.match(text) for text in lines):
        return [Block("item", LIST_MARKER.sub("", text).strip(), 0, line + offset)
                for offset, text in enumerate(lines)]
    if QUOTE_MARKER.match(lines[0]):
        return [_quote(line, lines)]
    if len(lines) == 1 and looks_like_heading(lines[0]):
        return [Block("heading", lines[0].strip(), 3, line)]
    return [Block("paragraph", join_lines(lines), 0, line)]


def _quote(line: int, lines: list[str]) -> Block:
    """Return a ``>`` quotation, with a closing ``— Name`` line as its attribution."""
    body = [QUOTE_MARKER.sub("", text) for text in lines]
    by = None
    found = ATTRIBUTION.match(body[-1])
    if found and len(body) > 1:
        by = found["by"].strip()
        body = body[:-1]
    return Block("quote", join_lines(body), 0, line, by=by)


def looks_like_heading(text: str) -> bool:
    """Return whether a lone line reads as a heading: short, and not ending like a sentence
    or an introduction to a list."""
    text = text.strip()
    if not text or text.endswith(SENTENCE_END) or LIST_MARKER.match(text):
        return False
    cjk = sum(is_cjk(char) for char in text)
    if cjk * 2 >= len(text):
        return len(text) <= MAX_HEADING_CJK
    return len(text.split()) <= MAX_HEADING_WORDS


def _with_title(blocks: list[Block], source: str) -> Article:
    """Return the article: the longest heading before the first paragraph is the title, the
    lines above it its labels, the lines below it its subtitle; the rest ranked."""
    head = 0
    while head < len(blocks) and blocks[head].kind == "heading":
        head += 1
    leading = blocks[:head]
    if not leading:
        first = blocks[0].text if blocks else source
        return Article(first[:80], tuple(_ranked(blocks)), source)
    at = max(range(len(leading)), key=lambda i: (len(leading[i].text), -i))
    labels = tuple(block.text for block in leading[:at])
    title, subtitle = split_title(leading[at].text)
    below = [block.text for block in leading[at + 1:]]
    if below:
        subtitle = " ".join([subtitle, *below] if subtitle else below)
    return Article(title, tuple(_ranked(blocks[head:])), source, labels, subtitle)


def _ranked(blocks: list[Block]) -> list[Block]:
    """Return ``blocks`` with heading ranks set from runs of consecutive headings: the last
    heading of a run is level 3, the one before it 2, any earlier one 1."""
    ranked = list(blocks)
    index = 0
    while index < len(ranked):
        if ranked[index].kind != "heading":
            index += 1
            continue
        end = index
        while end + 1 < len(ranked) and ranked[end + 1].kind == "heading":
            end += 1
        for position in range(index, end + 1):
            level = max(1, 3 - (end - position))
            block = ranked[position]
            ranked[position] = Block("heading", block.text, level, block.line)
        index = end + 1
    return ranked
