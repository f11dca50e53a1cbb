"""Fixtures for the text tests: a measurer over the bundled Noto Sans JP."""

from __future__ import annotations

import pytest

from briefing.text.fonts import BUNDLED_FAMILY, FontFile, Measurer, bundled_font_path


@pytest.fixture(scope="session")
def noto() -> FontFile:
    """Return the bundled Noto Sans JP font file."""
    return FontFile(BUNDLED_FAMILY, bundled_font_path())


@pytest.fixture(scope="session")
def measurer(noto: FontFile) -> Measurer:
    """Return a measurer that sets Latin and Japanese text in Noto Sans JP."""
    return Measurer(noto, noto)
