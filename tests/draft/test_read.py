"""Choosing the reader and decoding the file; clear errors for files that cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.draft.read import read_article
from briefing.errors import BriefingError


def test_formats_by_suffix_and_by_content(tmp_path: Path) -> None:
    markdown = tmp_path / "notes.txt"
    markdown.write_text("# Heading\n\nText.\n", encoding="utf-8")
    assert read_article(markdown).title == "# Heading"  # .txt is plain text, whatever it holds
    sniffed = tmp_path / "page"
    sniffed.write_text("<!DOCTYPE html><html><body><h1>Page title</h1><p>Text.</p></body>"
                       "</html>", encoding="utf-8")
    assert read_article(sniffed).title == "Page title"
    md = tmp_path / "story"
    md.write_text("Label\n\n# Story title\n\nText here.\n", encoding="utf-8")
    assert read_article(md).title == "Story title"


def test_shift_jis_text_is_read(tmp_path: Path) -> None:
    article = tmp_path / "sjis.txt"
    article.write_bytes("日本の題名\n\n本文です。\n".encode("cp932"))
    assert read_article(article).title == "日本の題名"


@pytest.mark.parametrize(("content", "message"), [
    (None, "no such article file"),
    (b"\x00\x01\x02binary", "not a text file"),
])
def test_unreadable_files(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(BriefingError, match=message):
        read_article(path)
