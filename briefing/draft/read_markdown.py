"""Read a Markdown article with markdown-it-py (CommonMark): headings, paragraphs, lists,
quotations; HTML blocks (comments, scripts) and code are left out."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from briefing.draft.article import Article, Block, join_lines, split_title
from briefing.draft.read_text import ATTRIBUTION

LINK = "a link to another page"

# "… the end of the quotation.” — Name, title": a dash after the closing mark on the same
# paragraph (a ``>`` block whose attribution line follows without a blank line).
TRAILING_ATTRIBUTION = re.compile(r"(?<=[”\"’'.!?。」』])\s+(?:—|―|──|--|–)\s*(?P<by>[^—―–]+)$")


@dataclass
class _State:
    """Where the walk over the token stream is: list depth, quotation nesting, blocks."""

    blocks: list[Block] = field(default_factory=list)
    list_depth: int = -1
    in_item: int = 0
    quote: list[Block] | None = None
    quote_line: int = 0


def read_markdown(text: str, source: str) -> Article:
    """Return the article in Markdown ``text`` read from file ``source``."""
    tokens = MarkdownIt("commonmark").parse(text)
    state = _State()
    for index, token in enumerate(tokens):
        _visit(tokens, index, token, state)
    return _with_title(state.blocks, source)


def _visit(tokens: Sequence[Token], index: int, token: Token, state: _State) -> None:
    """Update ``state`` with one block-level token."""
    line = token.map[0] + 1 if token.map else 0
    if token.type in ("bullet_list_open", "ordered_list_open"):
        state.list_depth += 1
    elif token.type in ("bullet_list_close", "ordered_list_close"):
        state.list_depth -= 1
    elif token.type == "list_item_open":
        state.in_item += 1
    elif token.type == "list_item_close":
        state.in_item -= 1
    elif token.type == "blockquote_open":
        state.quote, state.quote_line = [], line
    elif token.type == "blockquote_close" and state.quote is not None:
        state.blocks.append(_quote(state.quote, state.quote_line))
        state.quote = None
    elif token.type == "inline" and index > 0:
        _inline(tokens[index - 1], token, state)


def _inline(opening: Token, inline: Token, state: _State) -> None:
    """Add the block an inline token's text belongs to (heading, item, quote or paragraph)."""
    text, link_only = _plain(inline.children or [])
    if not text:
        return
    line = inline.map[0] + 1 if inline.map else 0
    furniture = LINK if link_only else None
    if opening.type == "heading_open":
        block = Block("heading", text, int(opening.tag[1]), line)
    elif state.in_item:
        block = Block("item", text, max(state.list_depth, 0), line, furniture=furniture)
    else:
        block = Block("paragraph", text, 0, line, furniture=furniture)
    if state.quote is not None:
        state.quote.append(block)
    else:
        state.blocks.append(block)


def _plain(children: Sequence[Token]) -> tuple[str, bool]:
    """Return the plain text of inline tokens and whether all of it sits inside links."""
    lines: list[str] = [""]
    depth = 0
    outside = False
    for child in children:
        if child.type == "link_open":
            depth += 1
        elif child.type == "link_close":
            depth -= 1
        elif child.type in ("softbreak", "hardbreak"):
            lines.append("")
        elif child.type in ("text", "code_inline") or child.type == "image":
            content = child.content
            lines[-1] += content
            if content.strip() and depth == 0:
                outside = True
    text = join_lines(lines)
    return text, bool(text) and not outside


def _quote(blocks: list[Block], line: int) -> Block:
    """Return a quotation block from the blocks inside ``>``; a last ``— Name`` paragraph or
    line is its attribution."""
    by = None
    if len(blocks) > 1:
        found = ATTRIBUTION.match(blocks[-1].text)
        if found:
            by = found["by"].strip()
            blocks = blocks[:-1]
    text = join_lines([block.text for block in blocks])
    if by is None:
        found = TRAILING_ATTRIBUTION.search(text)
        if found:
            by, text = found["by"].strip(), text[:found.start()].strip()
    return Block("quote", text, 0, line, by=by)


def _with_title(blocks: list[Block], source: str) -> Article:
    """Return the article: the first level-1 heading (else the first heading) is the title;
    short paragraphs above it are its labels."""
    headings = [i for i, block in enumerate(blocks) if block.kind == "heading"]
    if not headings:
        first = blocks[0].text if blocks else source
        return Article(first[:80], tuple(blocks), source)
    top = [i for i in headings if blocks[i].level == 1]
    at = top[0] if top else headings[0]
    labels = tuple(block.text for block in blocks[:at] if block.kind != "quote")
    title, subtitle = split_title(blocks[at].text)
    return Article(title, tuple(blocks[at + 1:]), source, labels, subtitle)
