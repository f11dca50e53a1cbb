"""Read an article file of any supported format into one Article."""

from __future__ import annotations

import re
from pathlib import Path

from briefing.draft.article import Article
from briefing.draft.read_html import read_html
from briefing.draft.read_markdown import read_markdown
from briefing.draft.read_text import read_text
from briefing.errors import BriefingError

MAX_BYTES = 5_000_000
ENCODINGS = ("utf-8-sig", "cp932", "euc_jp")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+\S", re.MULTILINE)


def read_article(path: Path) -> Article:
    """Return the article in the file at ``path``: HTML by its suffix or its first tag,
    Markdown by its suffix or ``#`` headings, plain text otherwise.

    Raises BriefingError when the file cannot be read, is too large (5 MB) or is not text.
    """
    data = _read_bytes(path)
    head = data[:512].lstrip().lower()
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES or head.startswith((b"<!doctype html", b"<html")):
        return read_html(data, path.name)
    text = _decode(data, path)
    if suffix in MARKDOWN_SUFFIXES or (suffix != ".txt" and MARKDOWN_HEADING.search(text)):
        return read_markdown(text, path.name)
    return read_text(text, path.name)


def _read_bytes(path: Path) -> bytes:
    """Return the file's bytes, or raise BriefingError saying what is wrong with it."""
    if not path.is_file():
        raise BriefingError(f"{path}: no such article file")
    if path.stat().st_size > MAX_BYTES:
        raise BriefingError(f"{path}: the article is larger than {MAX_BYTES // 1_000_000} MB; "
                            "pass the article's text only")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise BriefingError(f"{path}: cannot read the article: {exc.strerror}") from None


def _decode(data: bytes, path: Path) -> str:
    """Return the file's text: UTF-8, else Shift_JIS (cp932) or EUC-JP as Japanese editors
    save them."""
    if b"\x00" in data:
        raise BriefingError(f"{path}: not a text file; pass plain text, Markdown or HTML")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BriefingError(f"{path}: not UTF-8, Shift_JIS or EUC-JP text; save it as UTF-8")
