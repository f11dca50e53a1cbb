"""Slide layout reused between builds of one process (as watch rebuilds): pages laid out and
made readable by an earlier build give the deck and the warnings of a build from scratch."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.api import Options, build
from briefing.kept import Kept
from briefing.layout import readability, slides
from briefing.render import pptx as renderer
from briefing.report import BuildReport

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "outlines" / "nato-japan.yaml"


def forget() -> None:
    """Forget every page an earlier build laid out, made readable or drew."""
    for store in (slides.KEPT_PAGES, readability.READABLE, renderer.DRAWN):
        store.clear()


def keeping_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Have builds keep no page at all, not even within one build (the oracle)."""
    for module, name in ((slides, "KEPT_PAGES"), (readability, "READABLE"),
                         (renderer, "DRAWN")):
        monkeypatch.setattr(module, name, Kept(0))


def built(outline: Path, out: Path) -> tuple[bytes, BuildReport]:
    """Return the deck ``outline`` builds into ``out``, and the build's report."""
    report = build(outline, Options(out_dir=out, summary=False))
    return next(p for p in report.written if p.suffix == ".pptx").read_bytes(), report


def counting(monkeypatch: pytest.MonkeyPatch, store: Kept[tuple[object, ...], object],
             found: list[bool]) -> None:
    """Record in ``found`` whether each lookup in ``store`` found something."""
    get: Callable[[tuple[object, ...]], object] = store.get

    def looked_up(key: tuple[object, ...]) -> object:
        value = get(key)
        found.append(value is not None)
        return value

    monkeypatch.setattr(store, "get", looked_up)


def test_a_rebuild_after_an_edit_is_the_deck_and_report_made_afresh(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = SEED.read_text("utf-8").replace("../assets/", f"{ROOT / 'assets'}/")
    outline = tmp_path / SEED.name
    outline.write_text(text, "utf-8")
    forget()
    built(outline, tmp_path / "first")
    pages: list[bool] = []
    readable: list[bool] = []
    counting(monkeypatch, slides.KEPT_PAGES, pages)
    counting(monkeypatch, readability.READABLE, readable)
    outline.write_text(text.replace("NATOの基本と目的", "NATOの基本と目的(改訂)"), "utf-8")
    again, again_report = built(outline, tmp_path / "again")
    monkeypatch.undo()
    keeping_nothing(monkeypatch)
    afresh, afresh_report = built(outline, tmp_path / "afresh")
    assert again == afresh
    assert again_report.warnings == afresh_report.warnings
    # The seed's figures slide shrinks its labels: a warning told again from the kept pages.
    assert any(w.what == "figure labels" for w in again_report.warnings)
    assert sum(pages) >= len(pages) - 2 and sum(readable) >= len(readable) - 3


def test_pages_are_kept_per_design_and_language(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    english = ROOT / "outlines" / "nato-japan.en.yaml"
    wild = ROOT.parent / "shared" / "templates-wild" / "ceplan__template-slides.pptx"
    builds = [(SEED, None), (SEED, wild), (english, None), (english, wild)]
    forget()
    one_after_another = [built_with(outline, tmp_path / f"kept{n}", template)[0]
                         for n, (outline, template) in enumerate(builds)]
    keeping_nothing(monkeypatch)
    for n, (outline, template) in enumerate(builds):
        fresh, _ = built_with(outline, tmp_path / f"fresh{n}", template)
        assert one_after_another[n] == fresh, (outline.name, template)


def built_with(outline: Path, out: Path, template: Path | None) -> tuple[bytes, BuildReport]:
    """Return the deck and report of ``outline`` built into ``out`` on ``template``."""
    report = build(outline, Options(out_dir=out, summary=False, template=template))
    return next(p for p in report.written if p.suffix == ".pptx").read_bytes(), report


def test_a_cover_title_too_long_for_its_box_grows_into_the_free_space_under_it(
        tmp_path: Path) -> None:
    """ceplan's cover title box holds one line of 36 pt; a third of the slide lies empty
    under it, above the subtitle. The seed's English title is set there at the template's
    own 36 pt over two lines, not at 20 pt in the box, and stays clear of the subtitle."""
    from pptx import Presentation

    wild = Path(__file__).resolve().parents[2].parent / "shared" / "templates-wild"
    seed = Path(__file__).resolve().parents[2] / "outlines" / "nato-japan.en.yaml"
    report = build(seed, Options(out_dir=tmp_path, template=wild / "ceplan__template-slides.potm",
                                 summary=False))
    assert not [w for w in report.warnings if w.what and w.what.startswith("title 'The Str")]
    cover = Presentation(str(tmp_path / "nato-japan.en.pptx")).slides[0]
    title, subtitle = cover.shapes.title, next(s for s in cover.placeholders
                                               if s.placeholder_format.type == 4)  # SUBTITLE
    sizes = {run.font.size.pt for p in title.text_frame.paragraphs for run in p.runs
             if run.font.size is not None}
    assert sizes == {36.0}
    assert (title.top + title.height) / 12700 <= subtitle.top / 12700 - 12 + 0.01


@pytest.mark.parametrize(("lang", "expected"), [
    # Written out by hand: full-width brackets and the ideographic comma in Japanese, as the
    # one-pager sets them; ASCII ones with spaces otherwise.
    ("ja", "1. 防災計画（市危機管理局、2024年、第3章） https://example.org/plan"),
    ("en", "1. Plan (City office, 2024, chapter 3) https://example.org/plan"),
])
def test_a_source_on_the_sources_slide_takes_its_language_s_brackets(
        lang: str, expected: str) -> None:
    from briefing.outline.model import Source
    from briefing.text.markup import text_of

    title = "防災計画" if lang == "ja" else "Plan"
    publisher = "市危機管理局" if lang == "ja" else "City office"
    note = "第3章" if lang == "ja" else "chapter 3"
    source = Source(title=title, publisher=publisher, date="2024年" if lang == "ja" else "2024",
                    note=note, url="https://example.org/plan")
    assert text_of(slides._source_spans(source, 1, lang)) == expected
