"""Slides reused between builds of one process (as watch rebuilds): the deck is the same as a
deck drawn from scratch."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.api import Options, build
from briefing.render import pptx as renderer

ROOT = Path(__file__).resolve().parents[2]


def deck_of(outline: Path, out: Path) -> bytes:
    """Return the deck ``outline`` builds into ``out``."""
    report = build(outline, Options(out_dir=out, summary=False))
    return next(p for p in report.written if p.suffix == ".pptx").read_bytes()


@pytest.mark.parametrize(("source", "old", "new"), [
    (ROOT / "outlines" / "nato-japan.yaml", "NATOの基本と目的", "NATOの基本と目的(改訂)"),
    (ROOT / "tests" / "outlines" / "markup.en.yaml", "", ""),
])
def test_a_rebuild_after_an_edit_is_the_deck_drawn_afresh(
        source: Path, old: str, new: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = source.read_text("utf-8").replace("../assets/", f"{ROOT / 'assets'}/")
    outline = tmp_path / source.name
    outline.write_text(text, "utf-8")
    renderer.DRAWN.clear()
    deck_of(outline, tmp_path / "first")
    reused = []
    get = renderer.DRAWN.get

    def counting(key: tuple[object, ...]) -> object:
        found = get(key)
        reused.append(found is not None)
        return found

    monkeypatch.setattr(renderer.DRAWN, "get", counting)
    outline.write_text(text.replace(old, new) if old else text + "\n", "utf-8")
    again = deck_of(outline, tmp_path / "again")
    monkeypatch.undo()
    renderer.DRAWN.clear()
    renderer.WRITTEN_NOTES.clear()
    afresh = deck_of(outline, tmp_path / "afresh")
    assert again == afresh
    assert sum(reused) >= len(reused) // 2  # most pages came from the earlier build


@pytest.mark.parametrize("store", ["SERIALISED_RELATIONSHIPS", "BLANK_SLIDES"])
def test_parts_kept_between_decks_are_those_python_pptx_writes(
        store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Relationship parts, or blank slides on a layout, kept from an earlier deck of the
    process (the English seed's) make the Japanese seed's deck byte for byte the deck built
    keeping none, and most of them were kept."""
    from briefing.kept import Kept

    kept_store = getattr(renderer, store)
    kept_store.clear()
    deck_of(ROOT / "outlines" / "nato-japan.en.yaml", tmp_path / "en")
    kept = []
    get = kept_store.get

    def counting(key: object) -> object:
        found = get(key)
        kept.append(found is not None)
        return found

    monkeypatch.setattr(kept_store, "get", counting)
    reused = deck_of(ROOT / "outlines" / "nato-japan.yaml", tmp_path / "reused")
    monkeypatch.setattr(renderer, store, Kept(0))
    monkeypatch.setattr(renderer, "DRAWN", Kept(0))  # every slide drawn afresh
    assert reused == deck_of(ROOT / "outlines" / "nato-japan.yaml", tmp_path / "afresh")
    assert kept and sum(kept) >= len(kept) // 2


LINKED_NOTES = """\
title: Notes with links
sections:
  - title: Plain
    points: [One point]
    notes: Nothing linked here.
  - title: Linked
    points: [Another point]
    notes: The rules are at [the site](https://example.org/rules).
  - title: Linked again
    points: [A third point]
    notes: See https://example.org/more and [this](https://example.org/this).
  - title: Plain again
    points: [A last point]
    notes: Nothing linked here either.
"""


@pytest.mark.parametrize(("source", "old", "new", "least_kept"), [
    (ROOT / "outlines" / "nato-japan.yaml", "NATOの基本と目的", "NATOの基本と目的(改訂)", 10),
    (None, "", "", 1),  # the second and third notes hold a link
])
def test_notes_kept_from_an_earlier_build_make_the_deck_written_afresh(
        source: Path | None, old: str, new: str, least_kept: int, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Notes slides kept from a build of the outline before an edit (as watch rebuilds) make
    the deck byte for byte the deck whose notes are all written afresh, and the notes of the
    slides the edit left alone were kept; notes with a link are written afresh (a copy would
    point at a relationship its part lacks)."""
    from briefing.kept import Kept

    text = LINKED_NOTES if source is None else source.read_text("utf-8").replace(
        "../assets/", f"{ROOT / 'assets'}/")
    outline = tmp_path / (source.name if source else "linked.yaml")
    outline.write_text(text, "utf-8")
    renderer.WRITTEN_NOTES.clear()
    deck_of(outline, tmp_path / "first")
    kept = []
    get = renderer.WRITTEN_NOTES.get

    def counting(key: tuple[bytes, str, str]) -> object:
        found = get(key)
        kept.append(found is not None)
        return found

    monkeypatch.setattr(renderer.WRITTEN_NOTES, "get", counting)
    monkeypatch.setattr(renderer, "DRAWN", Kept(0))  # slides drawn afresh: notes alone kept
    outline.write_text(text.replace(old, new) if old else text + "\n", "utf-8")
    again = deck_of(outline, tmp_path / "again")
    monkeypatch.setattr(renderer, "WRITTEN_NOTES", Kept(0))
    assert again == deck_of(outline, tmp_path / "afresh")
    assert sum(kept) >= least_kept and sum(kept) >= len(kept) - 2
