"""Shared fixtures: the three articles, their drafts (made once), and the decks built from them."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pptx_checks as checks
import pytest

from briefing.api import Options, build
from briefing.draft.pipeline import DraftResult, draft_article

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SEED_ARTICLE = ROOT.parent / "shared" / "articles" / "nato-japan.ja.txt"
ARTICLES = {"seed": SEED_ARTICLE,
            "markdown": HERE / "articles" / "riverside-barrier.en.md",
            "html": HERE / "articles" / "night-train.en.html"}


@dataclass(frozen=True)
class Drafted:
    """An article's draft, where it was written, and what its built deck shows."""

    result: DraftResult
    outline: Path
    deck: Path
    warnings: tuple[str, ...]
    slide_text: str
    notes_text: str


def seed_article() -> Path:
    """Return the seed article, which CI places in shared/ beside the checkout."""
    if not SEED_ARTICLE.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"CI must have the seed article at {SEED_ARTICLE}")
        pytest.skip(f"the seed article is not at {SEED_ARTICLE}")
    return SEED_ARTICLE


@pytest.fixture(scope="session")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Drafted]:
    """Return each article's draft, written as an outline and built into a deck."""
    seed_article()
    folder = tmp_path_factory.mktemp("drafts")
    found = {}
    for name, article in ARTICLES.items():
        result = draft_article(article)
        outline = folder / f"{name}.yaml"
        outline.write_text(result.text, encoding="utf-8")
        report = build(outline, Options(out_dir=folder / "out"))
        deck = folder / "out" / f"{name}.pptx"
        parts = checks.read_parts(deck)
        slides = checks.slide_names(parts)
        # A heading's explicit line breaks are not part of its text.
        shown = [" ".join(p.split("\n")) for s in slides
                 for shape in checks.text_shapes_of(parts, s) for p in shape.paragraphs]
        notes = [checks.notes_text(parts, s) for s in slides]
        found[name] = Drafted(result, outline, deck, report.warnings, "\n".join(shown),
                              "\n".join(notes))
    return found
