"""Units kept on disk per outline: a new process takes them instead of working them out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing import diskcache
from briefing.text import breaking, keptunits
from briefing.text.breaking import break_units, phrase_units

ROOT = Path(__file__).resolve().parents[2]
JAPANESE = "日本とNATOは2023年に新たな協力計画を結んだ。"
ENGLISH = "Interoperability, e.g. cyber-defence (2024–2027)."


def forget() -> None:
    """Forget what this process worked out or read, as a new process starts."""
    for cached in (breaking._break_units, breaking._phrase_units, breaking._typeset_units):
        cached.cache_clear()
    breaking.KNOWN_UNITS.clear()
    breaking.MADE_UNITS.clear()
    keptunits._READ.clear()
    keptunits._WRITTEN.clear()


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
    keptunits.read_units(outline)
    first = (break_units(JAPANESE), break_units(ENGLISH), phrase_units(JAPANESE, "ja"))
    keptunits.keep_units(outline)
    forget()
    refuse_to_cut(monkeypatch)
    keptunits.read_units(outline)
    assert (break_units(JAPANESE), break_units(ENGLISH), phrase_units(JAPANESE, "ja")) == first
    # Units as worked out by hand: UAX #14 with kinsoku, BudouX's phrases.
    assert first[1] == ["Interoperability, ", "e.g. ", "cyber-", "defence ", "(2024–",
                        "2027)."]
    assert first[2] == ["日本と", "NATOは", "2023年に", "新たな", "協力計画を", "結んだ。"]


def test_units_kept_for_one_outline_are_not_read_for_another(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    keptunits.read_units(tmp_path / "one.yaml")
    break_units(JAPANESE)
    keptunits.keep_units(tmp_path / "one.yaml")
    forget()
    refuse_to_cut(monkeypatch)
    keptunits.read_units(tmp_path / "two.yaml")
    with pytest.raises(AssertionError, match="again"):
        break_units(JAPANESE)


def test_a_damaged_or_foreign_file_is_read_for_what_holds_together(tmp_path: Path) -> None:
    outline = tmp_path / "talk.yaml"
    entry = keptunits._entry(outline.resolve())
    entry.parent.mkdir(parents=True)
    rows = [["b", "日本語です", ["日本語", "です!"]],  # not its text
            ["b", "これは", ["これ", "は"]],  # taken as it is
            "not a row", ["b", 1, []], ["b", "x", ["", "x"]]]
    entry.write_bytes(diskcache.sealed(json.dumps(rows).encode()))  # (the seal: diskcache's)
    keptunits.read_units(outline)
    assert break_units("日本語です") == ["日", "本", "語", "で", "す"]  # worked out
    assert break_units("これは") == ["これ", "は"]  # what the file says
    forget()
    entry.write_bytes(b"\x00not json")
    keptunits.read_units(outline)
    assert break_units("これは") == ["こ", "れ", "は"]


def test_only_the_first_build_of_an_outline_in_a_process_writes(tmp_path: Path) -> None:
    outline = tmp_path / "talk.yaml"
    keptunits.read_units(outline)
    break_units(JAPANESE)
    keptunits.keep_units(outline)
    entry = keptunits._entry(outline.resolve())
    written = entry.read_bytes()
    assert [row[1] for row in json.loads(diskcache.unsealed(written) or b"")] == [JAPANESE]
    keptunits.read_units(outline)  # a rebuild in watch after an edit
    break_units(ENGLISH)
    keptunits.keep_units(outline)
    assert entry.read_bytes() == written


def test_a_build_in_a_new_process_makes_the_same_files_without_the_segmenters(
        tmp_path: Path, cache: Path) -> None:
    # Oracle: the files of a build that worked every unit out, and the modules the second
    # process imported (neither uniseg nor BudouX).
    outline = ROOT / "outlines" / "nato-japan.yaml"
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    script = ("import atexit, sys; from briefing.program import run; sys.argv = ['briefing', "
              f"'build', {str(outline)!r}, '--out-dir', sys.argv[1], '-q']\n"
              "atexit.register(lambda: print(sorted(m for m in sys.modules\n"
              "                                     if m.startswith(('uniseg', 'budoux')))))\n"
              "run()")
    runs = [subprocess.run([sys.executable, "-c", script, str(tmp_path / name)], env=env,
                           capture_output=True, text=True, check=True)
            for name in ("first", "second")]
    assert runs[0].stdout.strip() != "[]"  # the first build worked the units out
    assert runs[1].stdout.strip() == "[]"
    for name in ("nato-japan.pptx", "nato-japan-summary.pdf", "nato-japan-summary.png"):
        assert (tmp_path / "second" / name).read_bytes() == (tmp_path / "first" / name).read_bytes()


def test_a_process_holds_the_units_of_one_build_at_a_time(tmp_path: Path) -> None:
    # A process that builds many outlines in turn (briefing build *.yaml) would otherwise
    # hold every text of every outline it built.
    keptunits.read_units(tmp_path / "one.yaml")
    break_units(JAPANESE)
    keptunits.keep_units(tmp_path / "one.yaml")
    keptunits.read_units(tmp_path / "two.yaml")
    assert breaking.KNOWN_UNITS == {} and breaking.MADE_UNITS == {}
    break_units(ENGLISH)
    keptunits.keep_units(tmp_path / "two.yaml")
    written = diskcache.unsealed(keptunits._entry((tmp_path / "two.yaml").resolve())
                                 .read_bytes())
    assert [row[1] for row in json.loads(written or b"")] == [ENGLISH]
    keptunits.read_units(tmp_path / "one.yaml")  # its units as kept
    assert set(breaking.KNOWN_UNITS) == {(breaking.BREAK, JAPANESE)}
