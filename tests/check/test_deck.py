"""The check lays the deck out as a build does: the same pages, the colours before
readability, each slide's own warnings."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.api import Options, prepare
from briefing.check.deck import LaidOut, lay_out
from briefing.layout.boxes import Page
from briefing.layout.frames import Typesetter
from briefing.layout.plan import plan_slides
from briefing.layout.slides import layout_deck
from briefing.report import Warnings
from tests.check.test_command import PALE, PICTURE, outline, pale_template


def both(path: Path, options: Options) -> tuple[list[Page], list[LaidOut], Warnings]:
    """Return the pages ``layout_deck`` gives, the check's laid-out slides, its warnings."""
    ready = prepare(path, options)
    specs = plan_slides(ready.loaded.outline)
    lang = ready.loaded.outline.language
    pages = layout_deck(ready.loaded, Typesetter(ready.design, lang, Warnings()), specs)
    warnings = Warnings()
    slides = lay_out(ready.loaded, Typesetter(ready.design, lang, warnings), specs)
    return pages, slides, warnings


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_pages_are_those_a_build_lays_out(seed_outlines: dict[str, Path],
                                              lang: str) -> None:
    pages, slides, _ = both(seed_outlines[lang], Options())
    assert [slide.page for slide in slides] == pages


def test_on_a_template_too_and_before_readability_the_template_colours(tmp_path: Path) -> None:
    template = pale_template(tmp_path / "pale.pptx")
    path = outline(tmp_path, PICTURE.replace("theme: pale.yaml", f"template: {template.name}"))
    pages, slides, warnings = both(path, Options())
    assert [slide.page for slide in slides] == pages
    changed = [s for s in slides if s.styled != s.page]
    assert changed, "readability replaced the pale template colour on the built pages"
    assert any("reads at" in w.message for w in warnings.items)


def test_each_slide_keeps_the_warnings_it_raised(tmp_path: Path) -> None:
    (tmp_path / "pale.yaml").write_text(PALE, encoding="utf-8")
    long = " ".join(["word"] * 60)
    text = PICTURE.replace("    points: [Ships come and go, The harbour is busy]\n",
                           "    points:\n" + "".join(f"      - {long}\n" for _ in range(6)))
    _, slides, warnings = both(outline(tmp_path, text), Options())
    continued = [s for s in slides if s.group > 1]
    assert len(continued) >= 2
    assert all(any(w.kind == "continued" for w in s.warnings)
               for s in continued)
    cover = slides[0]
    assert not any(w.kind == "continued" for w in cover.warnings)
    assert any(w.kind == "continued" for w in warnings.items)
