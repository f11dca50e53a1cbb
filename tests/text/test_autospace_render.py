"""The space LibreOffice puts where Japanese and Latin text meet, measured in its rendering.

Each text is set on one line (no wrap) in Noto Sans JP, or Carlito beside Noto Sans JP; the
PDF's glyph positions, less the glyphs' own advances read from the font files with fontTools,
leave the space the renderer added between each pair of glyphs.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from briefing.text.fonts import (
    AUTOSPACE,
    BUNDLED_FAMILY,
    FontFile,
    Measurer,
    bundled_font_path,
    find_system_font,
    is_east_asian,
)

from .office_text import Rendered, TextBox, render

pytestmark = pytest.mark.render

# Latin without kerning pairs in either face (digits and lower-case m, x), so that what the
# renderer adds is only the inter-script space.
TEXTS = ("日本2023年", "あmmあ", "漢x漢", "「mm」", "100%日本", "日本 mm", "mm 日本", "ア12ア",
         "日本日本", "mmmm", "ＮＡＴＯ日本")
SIZES = (12.0, 28.0, 60.0)
LATIN = (BUNDLED_FAMILY, "Carlito")
TOLERANCE = 0.02  # em: PDF coordinates and the renderer's rounding to 1/100 mm


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, float], Rendered]:
    """Return every text at every size in both Latin faces, rendered by LibreOffice."""
    if find_system_font("Carlito") is None:
        pytest.fail("Carlito (fonts-crosextra-carlito) is needed; .ci/run installs it")
    cases = [(text, latin, size) for latin in LATIN for size in SIZES for text in TEXTS]
    boxes = [TextBox(text, size, 800.0, wrap=False, latin=latin) for text, latin, size in cases]
    pages = render(boxes, tmp_path_factory.mktemp("autospace"), "autospace")
    assert len(pages) == len(cases)
    return dict(zip(cases, pages, strict=True))


def advances(latin: str) -> dict[str, float]:
    """Return the advance in em of every character the texts use, straight from the fonts."""
    found: dict[str, float] = {}
    files = {"latin": _file(latin), "east_asian": _file(BUNDLED_FAMILY)}
    for role, font in files.items():
        face = TTFont(str(font.path), fontNumber=font.index, lazy=True)
        cmap, hmtx, upem = face.getBestCmap(), face["hmtx"], face["head"].unitsPerEm
        for char in set("".join(TEXTS)):
            if (role == "east_asian") == is_east_asian(char) and ord(char) in cmap:
                found[char] = hmtx[cmap[ord(char)]][0] / upem
    return found


def _file(family: str) -> FontFile:
    """Return the font file of ``family``."""
    if family == BUNDLED_FAMILY:
        return FontFile(family, bundled_font_path())
    found = find_system_font(family)
    assert found is not None
    return found


def gaps(text: str, page: Rendered, size: float, em: dict[str, float],
         latin: str) -> list[tuple[str, str, float]]:
    """Return (left, right, added space in em) for each pair of neighbouring glyphs."""
    assert len(page.lines) == 1, page.texts
    glyphs = page.lines[0]
    assert "".join(g.char for g in glyphs) == text.replace(" ", ""), page.texts
    space = _space(latin) if " " in text else 0.0
    positions = [i for i, char in enumerate(text) if char != " "]
    result = []
    for index, (left, right) in enumerate(itertools.pairwise(glyphs)):
        spaces = positions[index + 1] - positions[index] - 1
        added = (right.x - left.x) / size - em[left.char] - spaces * space
        result.append((left.char, right.char, added))
    return result


def _space(latin: str) -> float:
    """Return the advance of a space in ``latin``, in em."""
    font = _file(latin)
    face = TTFont(str(font.path), fontNumber=font.index, lazy=True)
    return float(face["hmtx"][face.getBestCmap()[32]][0] / face["head"].unitsPerEm)


@pytest.mark.parametrize("latin", LATIN)
@pytest.mark.parametrize("size", SIZES)
def test_libreoffice_adds_the_inter_script_space_where_scripts_meet(
        rendered: dict[tuple[str, str, float], Rendered], latin: str, size: float) -> None:
    em = advances(latin)
    for text in TEXTS:
        for left, right, added in gaps(text, rendered[text, latin, size], size, em, latin):
            expected = AUTOSPACE if is_east_asian(left) != is_east_asian(right) else 0.0
            assert added == pytest.approx(expected, abs=TOLERANCE), (text, left, right, size)


@pytest.mark.parametrize("latin", LATIN)
def test_measured_widths_match_the_rendered_lines(
        rendered: dict[tuple[str, str, float], Rendered], latin: str) -> None:
    measurer = Measurer(_file(latin), _file(BUNDLED_FAMILY))
    plain = measurer.with_autospace(0.0)
    for text in TEXTS:
        for size in SIZES:
            glyphs = rendered[text, latin, size].lines[0]
            drawn = glyphs[-1].x - glyphs[0].x  # from the first glyph to the last one's start
            last = text.rstrip()[-1]
            predicted = measurer.width(text, size) - measurer.width(last, size)
            assert predicted == pytest.approx(drawn, abs=TOLERANCE * size * 2), (text, size)
            if any(is_east_asian(c) for c in text) and not all(is_east_asian(c) for c in text):
                # Without the inter-script space, the measure falls short of the render.
                without = plain.width(text, size) - plain.width(last, size)
                assert without < drawn - AUTOSPACE * size / 2, text


def test_the_rendered_deck_is_read_back(tmp_path: Path) -> None:
    # The reading itself: a one-line Japanese text comes back as one line, glyph by glyph.
    page = render([TextBox("日本語", 20.0, 400.0, wrap=False)], tmp_path, "read")[0]
    assert page.texts == ["日本語"]
    assert [round(g.x - page.lines[0][0].x) for g in page.lines[0]] == [0, 20, 40]
