"""The article structure's helpers: titles split at their separator, lines joined, language."""

from __future__ import annotations

import pytest

from briefing.draft.article import detect_language, join_lines, split_title


@pytest.mark.parametrize(("text", "expected"), [
    ("NATOと日本の強化される関係:安全保障の新たな地平を開く",
     ("NATOと日本の強化される関係", "安全保障の新たな地平を開く")),
    ("Night Trains Return: Sleepers Are Back", ("Night Trains Return", "Sleepers Are Back")),
    ("Budget 2026 — what changes", ("Budget 2026", "what changes")),
    ("Q3: results", ("Q3: results", None)),
    ("A plain title", ("A plain title", None)),
])
def test_split_title(text: str, expected: tuple[str, str | None]) -> None:
    assert split_title(text) == expected


def test_join_lines_keeps_cjk_together_and_spaces_latin() -> None:
    assert join_lines(["日本は", "NATOの", "加盟国"]) == "日本はNATOの加盟国"
    assert join_lines(["wrapped  ", "line", "", "ends"]) == "wrapped line ends"
    assert join_lines(["NATO", "and Japan"]) == "NATO and Japan"


def test_detect_language_by_script() -> None:
    assert detect_language(["NATOと日本は、ITPPを通じて連携している。"]) == "ja"
    assert detect_language(["NATO and Japan (日本) work together on cyber defence."]) == "en"
    assert detect_language([]) == "en"
