"""The YAML writer: every scalar loads back as the same text, in the seed outlines' style."""

from __future__ import annotations

import yaml
from hypothesis import given
from hypothesis import strategies as st

from briefing.draft.model import Draft, DraftPoint, DraftSection, DraftSource
from briefing.draft.write import literal, scalar, to_yaml
from briefing.outline.load import parse


@given(st.text(min_size=1, max_size=60))
def test_scalars_load_back_as_written(text: str) -> None:
    loaded = yaml.safe_load(f"key: {scalar(text)}\n")
    assert loaded == {"key": text}


def test_the_project_loader_reads_tricky_scalars_as_text(tmp_path: object) -> None:
    for text in ("NO", "1.10", "2004", "1949年", "a: b", "# not a comment", "- dash", "~",
                 "2023-05-01", "'quoted'", "on", "yes: no"):
        document = parse(__file__, f"key: {scalar(text)}\n")  # type: ignore[arg-type]
        assert document.data == {"key": text}


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
                        min_size=1, max_size=30).map(str.strip).filter(bool),
                min_size=1, max_size=4))
def test_notes_blocks_load_back(lines: list[str]) -> None:
    text = "\n".join(lines)
    loaded = yaml.safe_load(f"notes: {literal(text, '  ')}\n")
    assert loaded["notes"].rstrip("\n") == text


def test_outline_text_in_the_seed_style() -> None:
    draft = Draft("題名", "副題", "ja", ("要点",), (DraftSection(
        "節", "bullets", (DraftPoint("点", ("下位",)),), notes="本文。", part="部",
        review=("review: check",)),), (DraftSource("題名:副題", note="a.txt"),), "a.txt")
    text = to_yaml(draft, "../schema/outline.schema.json")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schema/outline.schema.json"
    assert "  # review: check\n  - title: 節\n    part: 部\n    kind: bullets\n" in text
    data = yaml.safe_load(text)
    assert data["sections"][0]["points"] == [{"text": "点", "points": ["下位"]}]
    assert data["sources"] == [{"title": "題名:副題", "note": "a.txt"}]
    assert data["summary"] == ["要点"]
