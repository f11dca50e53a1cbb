"""Fonts embedded as cached TrueType subsets: CFF faces converted once, TrueType faces subset
once; right glyphs, widths and outlines."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont

from briefing.render import fontcache
from briefing.text.fonts import FontFile, bundled_font_path, find_system_font

TEXT = "日本とNATOの協力、「新たな段階」へ。Abc 123"


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return an empty cache folder in use, with the process's memo of stores emptied."""
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    fontcache._store_of.cache_clear()
    yield tmp_path / "cache"
    fontcache._store_of.cache_clear()


@pytest.fixture(scope="module")
def noto() -> FontFile:
    """Return the bundled CFF font."""
    return FontFile("Noto Sans JP", bundled_font_path())


def test_a_subset_has_truetype_outlines_for_every_character(cache: Path, noto: FontFile) -> None:
    subset = TTFont(str(fontcache.embeddable(noto, TEXT).path))
    assert "glyf" in subset and "CFF " not in subset
    assert set(TEXT) <= {chr(code) for code in subset.getBestCmap()}


def test_widths_and_outlines_match_the_original(cache: Path, noto: FontFile) -> None:
    original = TTFont(str(noto.path))
    subset = TTFont(str(fontcache.embeddable(noto, TEXT).path))
    before, after = original.getBestCmap(), subset.getBestCmap()
    glyphs_before, glyphs_after = original.getGlyphSet(), subset.getGlyphSet()
    for char in set(TEXT) - {" "}:
        name_before, name_after = before[ord(char)], after[ord(char)]
        assert original["hmtx"][name_before][0] == subset["hmtx"][name_after][0], char
        bounds = []
        for glyphs, name in ((glyphs_before, name_before), (glyphs_after, name_after)):
            pen = BoundsPen(glyphs)
            glyphs[name].draw(pen)
            bounds.append(pen.bounds)
        assert bounds[1] == pytest.approx(bounds[0], abs=2), char


def test_the_subset_holds_only_the_characters_asked_for(cache: Path, noto: FontFile) -> None:
    subset = TTFont(str(fontcache.embeddable(noto, "日本").path))
    assert sorted(subset.getBestCmap()) == sorted(map(ord, "日本"))


def test_boxes_and_maxp_counts_are_those_of_the_glyphs(cache: Path, noto: FontFile) -> None:
    path = fontcache.embeddable(noto, TEXT).path
    stored = TTFont(str(path))
    recomputed = TTFont(str(path))  # fontTools recomputes boxes and counts on save
    recomputed["glyf"]
    import io

    buffer = io.BytesIO()
    recomputed.save(buffer)
    fresh = TTFont(io.BytesIO(buffer.getvalue()))
    for tag, fields in (("head", ("xMin", "yMin", "xMax", "yMax")),
                        ("maxp", ("maxPoints", "maxContours", "numGlyphs"))):
        for field in fields:
            assert getattr(stored[tag], field) == getattr(fresh[tag], field), (tag, field)


def test_a_second_build_converts_nothing(cache: Path, noto: FontFile,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    first = fontcache.embeddable(noto, TEXT)
    fontcache._store_of.cache_clear()  # as a new process would
    first.path.unlink()  # the assembled subset is gone, the converted glyphs are not

    def refuse(*_: object) -> None:
        raise AssertionError("converted a glyph again")

    monkeypatch.setattr(fontcache, "_converted_glyph", refuse)
    again = fontcache.embeddable(noto, TEXT)
    assert again.path.is_file()


def test_a_new_character_converts_that_glyph_alone(cache: Path, noto: FontFile,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    fontcache.embeddable(noto, TEXT)
    converted = []
    original = fontcache._converted_glyph

    def counting(glyph: object, advance: int) -> fontcache.Glyph:
        converted.append(glyph)
        return original(glyph, advance)

    monkeypatch.setattr(fontcache, "_converted_glyph", counting)
    fontcache.embeddable(noto, TEXT + "鬱")
    assert len(converted) == 1


def test_an_unwritable_cache_still_gives_a_font(tmp_path: Path, noto: FontFile,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(blocker))
    fontcache._store_of.cache_clear()
    try:
        subset = fontcache.embeddable(noto, "日本")
    finally:
        fontcache._store_of.cache_clear()
    assert subset.path.is_file() and not str(subset.path).startswith(str(blocker))


def test_a_truetype_font_is_subset_with_its_outlines_as_they_are(cache: Path,
                                                                  noto: FontFile) -> None:
    whole = fontcache.embeddable(noto, TEXT)  # a TrueType face of its own
    part = fontcache.embeddable(whole, "日本")
    original, subset = TTFont(str(whole.path)), TTFont(str(part.path))
    assert sorted(subset.getBestCmap()) == sorted(map(ord, "日本"))
    for char in "日本":
        before = original["glyf"][original.getBestCmap()[ord(char)]]
        after = subset["glyf"][subset.getBestCmap()[ord(char)]]
        assert list(after.getCoordinates(subset["glyf"])[0]) == \
            list(before.getCoordinates(original["glyf"])[0])
    assert subset["post"].formatType == 2.0  # glyph names kept (see the test below)


def test_a_truetype_subset_keeps_the_parts_of_composite_glyphs(cache: Path) -> None:
    carlito = find_system_font("Carlito")
    assert carlito is not None, "Carlito is not installed (see .ci/run)"
    original = TTFont(str(carlito.path))
    composite = original.getBestCmap()[ord("é")]
    parts = set(original["glyf"][composite].getComponentNames(original["glyf"]))
    assert parts  # in Carlito, é is made of e and an accent
    subset = TTFont(str(fontcache.embeddable(carlito, "é").path))
    glyph = subset["glyf"][subset.getBestCmap()[ord("é")]]
    assert glyph.isComposite()
    for name in glyph.getComponentNames(subset["glyf"]):
        assert name in subset["glyf"]
    assert len(glyph.getComponentNames(subset["glyf"])) == len(parts)


def test_a_truetype_subset_is_made_once(cache: Path, noto: FontFile,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    whole = fontcache.embeddable(noto, TEXT)
    first = fontcache.embeddable(whole, "日本")

    def refuse(*_: object) -> bytes:
        raise AssertionError("subset again")

    monkeypatch.setattr(fontcache, "_truetype_subset", refuse)
    assert fontcache.embeddable(whole, "日本") == first


def test_a_subset_names_its_glyphs_so_readers_skip_the_glyph_list(cache: Path,
                                                                  noto: FontFile) -> None:
    """fpdf2 reading a subset without glyph names imports and builds fontTools' Adobe Glyph
    List (0.08 s); with the names in post, a fresh interpreter never loads it."""
    import subprocess
    import sys

    path = fontcache.embeddable(noto, TEXT).path
    assert TTFont(str(path))["post"].formatType == 2.0
    script = ("import sys; from fpdf import FPDF; pdf = FPDF(); "
              f"pdf.add_font('face', '', {str(path)!r}); "
              "print('fontTools.agl' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"
