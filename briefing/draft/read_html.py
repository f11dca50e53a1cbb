"""Read an HTML article with lxml: headings h1-h6, paragraphs, list items and quotations of
the page's article (its ``<article>``, else ``<main>``, else ``<body>``).

Scripts, styles, comments, navigation, asides, footers, forms and hidden elements are left
out before the walk; the page's address, site name and date come from its ``<link
rel=canonical>`` and Open Graph ``<meta>`` tags (https://ogp.me).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.html

from briefing.draft.article import Article, Block, join_lines, split_title

DROPPED = ("script", "style", "noscript", "template", "nav", "aside", "footer", "form",
           "iframe", "svg", "button", "select", "object", "canvas", "dialog")
DROPPED_ROLES = ("navigation", "complementary", "contentinfo", "search", "menu", "dialog")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
BLOCKS = (*HEADINGS, "p", "li", "blockquote", "dd", "dt")
INNER_BLOCKS = ("p", "div", "ul", "ol", "li", "blockquote", "table", "section", "article",
                *HEADINGS)
LINK_SHARE = 0.9
LINK = "a link to another page"
BYLINE = "a byline or label in the article's header"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def read_html(data: bytes, source: str) -> Article:
    """Return the article in the HTML document ``data`` (bytes; the page's own ``<meta
    charset>`` decides the encoding, else UTF-8) read from file ``source``."""
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True)
    document = lxml.html.document_fromstring(_as_text(data), parser=parser)
    meta = _meta(document)
    _drop_furniture(document)
    root = _article_root(document)
    blocks = list(_walk(root))
    return _with_title(blocks, source, meta, _page_title(document))


def _as_text(data: bytes) -> bytes | str:
    """Return the page as text when it declares no encoding and is valid UTF-8 (the
    encoding of nearly every page today), else its bytes for lxml to decode as declared."""
    if re.search(rb"<meta[^>]+charset", data[:4096], re.IGNORECASE):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data


def _meta(document: lxml.html.HtmlElement) -> dict[str, str]:
    """Return the page's address, site name and date from its head."""
    found: dict[str, str] = {}
    for element in document.iter("meta", "link", "time"):
        key = element.get("property") or element.get("name") or ""
        value = (element.get("content") or "").strip()
        if element.tag == "link" and "canonical" in (element.get("rel") or "").split():
            found.setdefault("url", (element.get("href") or "").strip())
        elif key == "og:url" and value:
            found.setdefault("url", value)
        elif key == "og:site_name" and value:
            found.setdefault("publisher", value)
        elif key in ("article:published_time", "date", "dc.date") and DATE.match(value):
            found.setdefault("published", value[:10])
        elif element.tag == "time" and DATE.match(element.get("datetime") or ""):
            found.setdefault("published", (element.get("datetime") or "")[:10])
    return {key: value for key, value in found.items() if value}


def _page_title(document: lxml.html.HtmlElement) -> str:
    """Return the ``<title>`` of the page without a trailing `` | Site`` part."""
    titles = document.xpath("//title")
    text = _text(titles[0]) if titles else ""
    return re.split(r"\s+[|｜]\s+", text)[0].strip()


def _drop_furniture(document: lxml.html.HtmlElement) -> None:
    """Remove what is never article text: scripts, navigation, asides, hidden elements."""
    doomed = [element for element in document.iter(*DROPPED)]
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        role = (element.get("role") or "").strip()
        if (role in DROPPED_ROLES or element.get("hidden") is not None
                or element.get("aria-hidden") == "true"):
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def _article_root(document: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """Return the element holding the article: the ``<article>`` with the most text, else
    ``<main>``, else ``<body>``, else the document."""
    articles = list(document.iter("article"))
    if articles:
        return max(articles, key=lambda element: len(element.text_content()))
    for tag in ("main", "body"):
        found = next(document.iter(tag), None)
        if found is not None:
            return found
    return document


def _walk(root: lxml.html.HtmlElement) -> Iterator[Block]:
    """Yield the blocks under ``root`` in document order."""
    skip: set[lxml.html.HtmlElement] = set()
    for element in root.iter():
        if not isinstance(element.tag, str) or element in skip:
            continue
        if element.tag in ("blockquote", "li"):
            skip.update(d for d in element.iterdescendants() if d.tag in ("p", "blockquote"))
        block = _block(element)
        if block is not None:
            yield block


def _block(element: lxml.html.HtmlElement) -> Block | None:
    """Return the block ``element`` stands for, or None when it is not a text block."""
    tag = element.tag
    line = element.sourceline or 0
    if tag == "div" and not any(child.tag in INNER_BLOCKS for child in element.iterdescendants()):
        tag = "p"
    if tag not in BLOCKS and tag != "p":
        return None
    if tag == "blockquote":
        return _quote(element, line)
    text = _text(element, skip_lists=tag == "li")
    if not text:
        return None
    furniture = LINK if _link_share(element, text) >= LINK_SHARE else None
    if tag in HEADINGS:
        return Block("heading", text, int(tag[1]), line, furniture=furniture)
    if any(a.tag == "header" for a in element.iterancestors()):
        furniture = furniture or BYLINE
    if tag == "li":
        depth = sum(1 for a in element.iterancestors() if a.tag in ("ul", "ol")) - 1
        return Block("item", text, max(depth, 0), line, furniture=furniture)
    return Block("paragraph", text, 0, line, furniture=furniture)


def _quote(element: lxml.html.HtmlElement, line: int) -> Block | None:
    """Return a quotation: its paragraphs, attributed to its ``<cite>`` or ``<footer>`` or the
    ``<figcaption>`` of the figure around it."""
    inside = list(element.iter("cite", "footer", "figcaption"))
    parent = element.getparent()
    around = list(parent.iter("figcaption")) if parent is not None and parent.tag == "figure" \
        else []
    by = next((_text(e) for e in [*inside, *around] if _text(e)), None)
    text = _text(element, leave_out=frozenset(inside))
    if not text:
        return None
    if by:
        by = re.sub(r"^\s*(?:—|―|--|–)\s*", "", by)
    return Block("quote", text, 0, line, by=by or None)


def _text(element: lxml.html.HtmlElement, skip_lists: bool = False,
          leave_out: frozenset[lxml.html.HtmlElement] = frozenset()) -> str:
    """Return the element's text with wrapped lines joined (nested lists left out when
    ``skip_lists``, and the elements in ``leave_out``)."""
    text = join_lines("".join(_pieces(element, skip_lists, leave_out)).splitlines())
    return re.sub(r"[ \t\u00a0]+", " ", text).strip()


def _pieces(element: lxml.html.HtmlElement, skip_lists: bool,
            leave_out: frozenset[lxml.html.HtmlElement]) -> Iterator[str]:
    """Yield the text of ``element`` and its descendants in order."""
    if element.tag == "br":
        yield "\n"
    if element.text:
        yield element.text
    for child in element:
        if (isinstance(child.tag, str) and child not in leave_out
                and not (skip_lists and child.tag in ("ul", "ol"))):
            yield from _pieces(child, skip_lists, leave_out)
        if child.tail:
            yield child.tail


def _link_share(element: lxml.html.HtmlElement, text: str) -> float:
    """Return the share of ``text`` that sits inside links."""
    linked = sum(len(_text(a)) for a in element.iter("a"))
    return linked / len(text) if text else 0.0


def _with_title(blocks: list[Block], source: str, meta: dict[str, str],
                page_title: str) -> Article:
    """Return the article: the first h1 (else the page title) is the title; text blocks
    above it are its labels."""
    at = next((i for i, block in enumerate(blocks)
               if block.kind == "heading" and block.level == 1), None)
    labels: tuple[str, ...] = ()
    if at is None:
        title_text, rest = page_title or source, blocks
    else:
        title_text, rest = blocks[at].text, blocks[at + 1:]
        labels = tuple(block.text for block in blocks[:at])
    title, subtitle = split_title(title_text)
    return Article(title, tuple(rest), source, labels, subtitle, meta.get("url"),
                   meta.get("publisher"), meta.get("published"))

