"""Text work kept on disk per outline (break and phrase units, wrapped lines): a new process
takes it instead of working it out."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing import diskcache
from briefing.text import breaking, ends, fit, keptwork, wrapping
from briefing.text.breaking import break_units, phrase_units
from briefing.text.fonts import Measurer

ROOT = Path(__file__).resolve().parents[2]
JAPANESE = "日本とNATOは2023年に新たな協力計画を結んだ。"
ENGLISH = "Interoperability, e.g. cyber-defence (2024–2027)."


def forget() -> None:
    """Forget what this process worked out or read, as a new process starts."""
    for cached in (breaking._break_units, breaking._phrase_units, breaking._typeset_units,
                   fit._lines, ends._renderer_lines):
        cached.cache_clear()
    for table in (breaking.KNOWN_UNITS, breaking.MADE_UNITS, wrapping.KNOWN_LINES,
                  wrapping.MADE_LINES):
        table.clear()
    keptwork._READ.clear()
    keptwork._WRITTEN.clear()


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Use an empty cache folder, and start and end as a new process."""
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    forget()
    yield tmp_path / "cache"
    forget()


def refuse_to_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make working units out fail: UAX #14 pieces and BudouX phrases."""
    def refuse(*args: object) -> None:
        raise AssertionError("worked the units out again")
    monkeypatch.setattr(breaking, "_pieces", refuse)
    monkeypatch.setattr(breaking, "_budoux_parser", refuse)


def test_a_new_process_takes_the_units_an_earlier_build_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outline = tmp_path / "talk.yaml"
    keptwork.read_kept(outline)
    first = (break_units(JAPANESE), break_units(ENGLISH), phrase_units(JAPANESE, "ja"))
    keptwork.keep_made(outline)
    forget()
    refuse_to_cut(monkeypatch)
    keptwork.read_kept(outline)
    assert (break_units(JAPANESE), break_units(ENGLISH), phrase_units(JAPANESE, "ja")) == first
    # Units as worked out by hand: UAX #14 with kinsoku, BudouX's phrases.
    assert first[1] == ["Interoperability, ", "e.g. ", "cyber-", "defence ", "(2024–",
                        "2027)."]
    assert first[2] == ["日本と", "NATOは", "2023年に", "新たな", "協力計画を", "結んだ。"]


def test_units_kept_for_one_outline_are_not_read_for_another(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    keptwork.read_kept(tmp_path / "one.yaml")
    break_units(JAPANESE)
    keptwork.keep_made(tmp_path / "one.yaml")
    forget()
    refuse_to_cut(monkeypatch)
    keptwork.read_kept(tmp_path / "two.yaml")
    with pytest.raises(AssertionError, match="again"):
        break_units(JAPANESE)


@pytest.mark.parametrize("content", [
    b"\x00not a pickle",  # damaged
    pickle.dumps([[("b", "これは"), ("これ", "は")]]),  # another shape
    pickle.dumps(({("b", "これは"): ("これ", "は")}, None)),
    pickle.dumps(({("b", "これは"): ("これ", "は")}, {}, {})),
])
def test_a_file_that_is_not_a_pair_of_tables_reads_as_none(
        tmp_path: Path, content: bytes) -> None:
    outline = tmp_path / "talk.yaml"
    entry = keptwork._entry(outline.resolve())
    entry.parent.mkdir(parents=True)
    entry.write_bytes(diskcache.sealed(content, entry.name))  # (diskcache's seal)
    keptwork.read_kept(outline)
    assert break_units("これは") == ["こ", "れ", "は"]  # worked out
    forget()
    entry.write_bytes(diskcache.sealed(pickle.dumps(({("b", "これは"): ("これ", "は")}, {})),
                                        entry.name))
    keptwork.read_kept(outline)
    assert break_units("これは") == ["これ", "は"]  # what the file says


def kept_tables(entry: Path) -> tuple[dict[object, object], dict[object, object]]:
    """Return the pair of tables a kept file holds."""
    tables = pickle.loads(diskcache.unsealed(entry.read_bytes(), entry.name) or b"")
    assert isinstance(tables, tuple)
    return tables


def test_only_the_first_build_of_an_outline_in_a_process_writes(tmp_path: Path) -> None:
    outline = tmp_path / "talk.yaml"
    keptwork.read_kept(outline)
    break_units(JAPANESE)
    keptwork.keep_made(outline)
    entry = keptwork._entry(outline.resolve())
    written = entry.read_bytes()
    assert [text for _, text in kept_tables(entry)[0]] == [JAPANESE]
    keptwork.read_kept(outline)  # a rebuild in watch after an edit
    break_units(ENGLISH)
    keptwork.keep_made(outline)
    assert entry.read_bytes() == written


def test_a_build_in_a_new_process_makes_the_same_files_without_the_segmenters(
        tmp_path: Path, cache: Path) -> None:
    # Oracle: the files of a build that worked every unit and line out, the modules the
    # second process imported (neither uniseg nor BudouX) and the lines it wrapped (none).
    outline = ROOT / "outlines" / "nato-japan.yaml"
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    script = ("import atexit, sys; from briefing.program import run; sys.argv = ['briefing', "
              f"'build', {str(outline)!r}, '--out-dir', sys.argv[1], '-q']\n"
              "from briefing.text.wrapping import MADE_LINES\n"
              "atexit.register(lambda: print(sorted(m for m in sys.modules\n"
              "                                     if m.startswith(('uniseg', 'budoux'))),\n"
              "                              len(MADE_LINES)))\n"
              "run()")
    runs = [subprocess.run([sys.executable, "-c", script, str(tmp_path / name)], env=env,
                           capture_output=True, text=True, check=True)
            for name in ("first", "second")]
    modules, wrapped = runs[0].stdout.split("] ")
    assert modules != "[" and int(wrapped) > 500  # the first build worked units and lines out
    assert runs[1].stdout.strip() == "[] 0"
    for name in ("nato-japan.pptx", "nato-japan-summary.pdf", "nato-japan-summary.png"):
        assert (tmp_path / "second" / name).read_bytes() == (tmp_path / "first" / name).read_bytes()


def test_a_process_holds_the_units_of_one_build_at_a_time(tmp_path: Path) -> None:
    # A process that builds many outlines in turn (briefing build *.yaml) would otherwise
    # hold every text of every outline it built.
    keptwork.read_kept(tmp_path / "one.yaml")
    break_units(JAPANESE)
    keptwork.keep_made(tmp_path / "one.yaml")
    keptwork.read_kept(tmp_path / "two.yaml")
    assert breaking.KNOWN_UNITS == {} and breaking.MADE_UNITS == {}
    break_units(ENGLISH)
    keptwork.keep_made(tmp_path / "two.yaml")
    units = kept_tables(keptwork._entry((tmp_path / "two.yaml").resolve()))[0]
    assert [text for _, text in units] == [ENGLISH]
    keptwork.read_kept(tmp_path / "one.yaml")  # its units as kept
    assert set(breaking.KNOWN_UNITS) == {(breaking.BREAK, JAPANESE)}


# Wrapped lines.

def refuse_to_wrap(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make wrapping fail, in every mode fitting and paragraph ends use."""
    def refuse(*args: object) -> None:
        raise AssertionError("wrapped the lines again")
    for module in (fit, ends):
        for name in ("wrap_graded", "wrap_without_widow_graded", "balanced_wrap_graded"):
            if hasattr(module, name):
                monkeypatch.setattr(module, name, refuse)


def wrappings(measurer: Measurer) -> tuple[object, ...]:
    """Return the lines of the two texts in every wrapping mode kept."""
    return (fit.wrap_text(measurer, ENGLISH, 18, 120), fit.wrap_text(measurer, JAPANESE, 18, 150,
                                                                      avoid_widow=True),
            fit.wrap_heading(measurer, JAPANESE, 28, 200, "ja"),
            fit.wrap_phrases(measurer, JAPANESE, 10, 90, "ja"),
            fit.phrase_cut(measurer, ENGLISH, 10, 40, "en"),
            ends.renderer_lines(measurer, JAPANESE, 18, 150))


def test_a_new_process_takes_the_lines_an_earlier_build_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, measurer: Measurer) -> None:
    outline = tmp_path / "talk.yaml"
    keptwork.read_kept(outline)
    first = wrappings(measurer)
    keptwork.keep_made(outline)
    forget()
    refuse_to_wrap(monkeypatch)
    keptwork.read_kept(outline)
    assert wrappings(measurer) == first
    # Oracle for one of them, by hand: the text's characters, a line at most 120 pt wide.
    lines = first[0]
    assert isinstance(lines, list) and len(lines) > 1
    assert "".join(lines).replace(" ", "") == ENGLISH.replace(" ", "")


def test_lines_are_taken_only_for_the_same_faces_and_settings(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, measurer: Measurer) -> None:
    outline = tmp_path / "talk.yaml"
    keptwork.read_kept(outline)
    wrappings(measurer)
    keptwork.keep_made(outline)
    forget()
    refuse_to_wrap(monkeypatch)
    keptwork.read_kept(outline)
    for other in (measurer.with_tracking(1.0), measurer.with_capitals(True),
                  measurer.with_autospace(0.0)):
        with pytest.raises(AssertionError, match="again"):
            fit.wrap_text(other, ENGLISH, 18, 120)
    assert measurer.with_spacing(1.5).stamp == measurer.stamp  # line spacing: no width
