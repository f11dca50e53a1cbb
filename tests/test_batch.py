"""Batch builds: many outlines, in a process pool, each outcome as it ends."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing import cli
from briefing.api import Options
from briefing.batch import run_builds
from tests.interrupting import INTERRUPTED_STATUSES, interrupted_at


def outline(folder: Path, name: str, title: str = "A talk") -> Path:
    """Return a small outline ``name`` in ``folder``."""
    path = folder / name
    path.write_text(f"title: {title}\nlang: en\nsections:\n  - title: One\n"
                    "    points: [a point, another point]\n", encoding="utf-8")
    return path


def test_a_pool_builds_what_one_process_builds(tmp_path: Path) -> None:
    paths = [outline(tmp_path, f"talk{n}.yaml", f"Talk number {n}") for n in range(3)]
    one = {o.outline: o for o in run_builds(paths, Options(out_dir=tmp_path / "one"))}
    pool = {o.outline: o for o in run_builds(paths, Options(out_dir=tmp_path / "pool"),
                                             jobs=2)}
    assert set(one) == set(pool) == set(paths)
    for path in paths:
        assert one[path].ok and pool[path].ok
        assert one[path].report.warnings == pool[path].report.warnings  # type: ignore[union-attr]
        for name in (f"{path.stem}.pptx", f"{path.stem}-summary.pdf"):
            assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "pool" / name
                                                              ).read_bytes()


def test_jobs_builds_the_good_names_the_bad_and_sums_up(tmp_path: Path) -> None:
    good = [outline(tmp_path, f"talk{n}.yaml") for n in range(3)]
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [unclosed\n", encoding="utf-8")
    missing = tmp_path / "missing.yaml"
    out = tmp_path / "out"
    result = CliRunner().invoke(cli.main, ["build", *map(str, [*good, bad, missing]),
                                           "--out-dir", str(out), "--jobs", "2"])
    assert result.exit_code == 1
    for path in good:
        assert (out / f"{path.stem}.pptx").is_file()
        assert f"wrote {out / (path.stem + '.pptx')}" in result.stdout
    lines = result.stderr.splitlines()
    progress = [line for line in lines if line.startswith("[")]
    assert sorted(line.split("]")[0] for line in progress) == [f"[{n}/5" for n in range(1, 6)]
    assert sum(line.endswith(")") and ": failed (" in line for line in progress) == 2
    assert lines[-1] in (f"2 of 5 outlines failed: {bad}, {missing}",
                         f"2 of 5 outlines failed: {missing}, {bad}")
    assert any(line.startswith(f"Error: {bad}:") for line in lines)


def test_a_batch_that_succeeds_closes_with_a_summary(tmp_path: Path) -> None:
    paths = [outline(tmp_path, f"talk{n}.yaml") for n in range(2)]
    result = CliRunner().invoke(cli.main, ["build", *map(str, paths), "--out-dir",
                                           str(tmp_path / "out"), "-j", "2"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1].startswith("built 2 outlines in ")


def test_an_interactive_batch_draws_a_progress_bar(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_is_terminal", lambda stream: True)
    paths = [outline(tmp_path, f"talk{n}.yaml") for n in range(2)]
    result = CliRunner().invoke(cli.main, ["build", *map(str, paths), "--out-dir",
                                           str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    # (click leaves out the erase-line code when the stream is not a real terminal)
    assert "\r[" + "-" * 24 + "] 0/2" in result.stderr
    assert "\r[" + "#" * 24 + "] 2/2 talk" in result.stderr
    assert "[1/2]" not in result.stderr  # a bar, not lines


def test_the_same_outline_twice_is_built_once(tmp_path: Path) -> None:
    path = outline(tmp_path, "talk.yaml")
    outcomes = list(run_builds([path, path], Options(out_dir=tmp_path / "out")))
    assert len(outcomes) == 1 and outcomes[0].ok


def test_an_interrupted_pool_stops_its_builds_and_writes_nothing(tmp_path: Path) -> None:
    paths = [str(outline(tmp_path, f"talk{n}.yaml")) for n in range(4)]
    # Both workers wait while laying out their first outline when the interrupt comes.
    process, errors, seconds = interrupted_at(
        "briefing.api.layout_deck", 1, ["build", *paths, "--out-dir", "out", "--jobs", "2"],
        tmp_path, waiting=2)
    assert process.returncode in INTERRUPTED_STATUSES, errors
    assert seconds < 10  # the workers stop too, not only after their builds (120 s)
    assert "Traceback" not in errors
    out = tmp_path / "out"
    assert not out.exists() or list(out.iterdir()) == []


def test_an_interrupt_reported_by_pydantic_is_an_interrupt(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C inside a pydantic serializer reaches the build as pydantic's own error; it is
    still an interrupt (exit 130), not an internal error."""
    from pydantic import BaseModel, model_serializer

    from briefing import api, batch

    class Slow(BaseModel):
        value: int = 0

        @model_serializer(mode="plain")
        def _interrupted(self) -> int:
            raise KeyboardInterrupt

    def build(*args: object) -> None:
        Slow().model_dump()

    monkeypatch.setattr(api, "build", build)
    with pytest.raises(KeyboardInterrupt):
        batch.build_one(tmp_path / "talk.yaml", api.Options(out_dir=tmp_path))
