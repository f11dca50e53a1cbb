"""Leave out page furniture: what a page shows around an article that is not the article.

- Labels above the title (a category such as アジア, a kicker): the readers hand them over
  apart from the blocks; they are listed here so the draft can say what it left out.
- Blocks the reader marked: a block that is a link and nothing else (on a web page, a
  pointer to another page), a byline or date line in an HTML article's header.
- Headings with no text of their own: nothing follows them before the next heading of the
  same or a higher rank (a related-articles list without its links, a trailing headline).
- Headlines of other articles placed between paragraphs: a headline-shaped heading (long,
  or with a title–subtitle colon) none of whose content terms occurs in the text that
  follows it. Its text is joined to what came before it, since it is not the headline's.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from briefing.draft.article import Article, Block, is_cjk
from briefing.draft.language import Language

MIN_HEADLINE_TERMS = 3
HEADLINE_CJK_CHARS = 18
HEADLINE_WORDS = 7
HEADLINE_MARKS = (":", "：", "|", "｜", " — ", " - ")


@dataclass(frozen=True)
class LeftOut:
    """A piece of page furniture: its text, why it is not part of the article, its line."""

    text: str
    reason: str
    line: int = 0


def strip_furniture(article: Article, language: Language) -> tuple[Article, list[LeftOut]]:
    """Return the article without its page furniture, and what was left out."""
    left_out = [LeftOut(label, "a label above the title") for label in article.labels]
    blocks = list(article.blocks)
    kept = []
    for block in blocks:
        if block.furniture:
            left_out.append(LeftOut(block.text, block.furniture, block.line))
        else:
            kept.append(block)
    kept, headlines = _other_headlines(kept, language)
    left_out.extend(headlines)
    kept, empty = _empty_headings(kept)
    left_out.extend(empty)
    return replace(article, blocks=tuple(kept), labels=()), left_out


def _empty_headings(blocks: list[Block]) -> tuple[list[Block], list[LeftOut]]:
    """Return ``blocks`` without headings that have no text of their own, and those."""
    kept: list[Block] = []
    left_out: list[LeftOut] = []
    for index, block in enumerate(blocks):
        if block.kind == "heading" and _has_no_body(blocks, index):
            left_out.append(LeftOut(block.text, "a heading with no text of its own",
                                    block.line))
        else:
            kept.append(block)
    return kept, left_out


def _has_no_body(blocks: list[Block], index: int) -> bool:
    """Return whether no text follows heading ``index`` before a heading of its rank or
    higher (or the end)."""
    level = blocks[index].level
    for block in blocks[index + 1:]:
        if block.kind != "heading":
            return False
        if block.level <= level:
            return True
    return True


def _other_headlines(blocks: list[Block], language: Language) -> tuple[list[Block],
                                                                        list[LeftOut]]:
    """Return ``blocks`` without headlines of other articles, and those."""
    kept: list[Block] = []
    left_out: list[LeftOut] = []
    for index, block in enumerate(blocks):
        if block.kind == "heading" and is_other_headline(block.text, _body(blocks, index),
                                                         language):
            left_out.append(LeftOut(block.text, "a headline of another article (no word of "
                                    "it recurs in the text below it)", block.line))
        else:
            kept.append(block)
    return kept, left_out


def _body(blocks: list[Block], index: int) -> str:
    """Return the text between heading ``index`` and the next heading."""
    texts = []
    for block in blocks[index + 1:]:
        if block.kind == "heading":
            break
        texts.append(block.text)
    return "\n".join(texts)


def is_other_headline(heading: str, body: str, language: Language) -> bool:
    """Return whether ``heading`` is shaped like a headline and shares no content term with
    the ``body`` that follows it."""
    terms = set(language.terms(heading))
    if len(terms) < MIN_HEADLINE_TERMS or not _headline_shaped(heading):
        return False
    return not terms & set(language.terms(body))


def _headline_shaped(text: str) -> bool:
    """Return whether ``text`` is long for a heading or has a title–subtitle mark."""
    if any(mark in text for mark in HEADLINE_MARKS):
        return True
    cjk = sum(is_cjk(char) for char in text)
    if cjk * 2 >= len(text):
        return len(text) >= HEADLINE_CJK_CHARS
    return len(text.split()) >= HEADLINE_WORDS
