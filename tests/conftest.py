"""Shared fixtures: the repository, the seed outlines and decks built from them once."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.api import Options, build
from briefing.text.fonts import FontFile, resolve_font
from briefing.theme.tokens import Theme, load_theme

ROOT = Path(__file__).resolve().parent.parent
# The .pptx checking helpers live beside the render tests; every test may import them.
sys.path.insert(0, str(ROOT / "tests" / "render"))
SEEDS = {"ja": ROOT / "outlines" / "nato-japan.yaml",
         "en": ROOT / "outlines" / "nato-japan.en.yaml"}


@pytest.fixture(autouse=True)
def slides_drawn_afresh() -> None:
    """Start every test with nothing kept from another test's builds (slides, notes, pages,
    one-pager blocks and fit hints, parsed pictures, relationship parts, the PNG's run
    masks): a test sees its own work; the tests of reuse check the reuse itself."""
    from briefing.layout.readability import READABLE
    from briefing.layout.slides import KEPT_PAGES
    from briefing.layout.summary.compose import KEPT_BLOCKS
    from briefing.layout.summary.search import FIT_HINTS
    from briefing.render.pdf import PARSED
    from briefing.render.png import RUN_MASKS
    from briefing.render.pptx import BLANK_SLIDES, DRAWN, SERIALISED_RELATIONSHIPS, WRITTEN_NOTES

    for store in (BLANK_SLIDES, DRAWN, KEPT_BLOCKS, READABLE, KEPT_PAGES, PARSED,
                  SERIALISED_RELATIONSHIPS, RUN_MASKS, WRITTEN_NOTES, FIT_HINTS):
        store.clear()


@pytest.fixture(scope="session")
def root() -> Path:
    """Return the repository root."""
    return ROOT


@pytest.fixture(scope="session")
def seed_outlines() -> dict[str, Path]:
    """Return the seed outlines by language."""
    return SEEDS


@pytest.fixture(scope="session")
def built_decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Return the .pptx built once from each seed outline, by language."""
    out = tmp_path_factory.mktemp("decks")
    decks = {}
    for lang, outline in SEEDS.items():
        build(outline, Options(out_dir=out, summary=False))
        decks[lang] = out / (outline.name.removesuffix(".yaml") + ".pptx")
    return decks


@pytest.fixture(scope="session")
def theme() -> Theme:
    """Return the default theme."""
    return load_theme("default")


@pytest.fixture(scope="session")
def fonts(theme: Theme) -> tuple[FontFile, FontFile]:
    """Return the default theme's Latin and East Asian font files."""
    return (resolve_font(theme.fonts.latin, theme.fonts.latin_file),
            resolve_font(theme.fonts.east_asian, theme.fonts.east_asian_file))


@pytest.fixture()
def runner() -> CliRunner:
    """Return a click test runner."""
    return CliRunner()


@pytest.fixture()
def libreoffice() -> None:
    """Skip a test that needs LibreOffice when it is missing; in CI, fail it instead."""
    import pptx_checks  # on the path once this module is loaded

    pptx_checks.need_libreoffice()
