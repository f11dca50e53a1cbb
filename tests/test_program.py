"""The briefing program's process: it ends itself with the command's status, its exit handlers
run and its output flushed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Runs ``briefing validate OUTLINE`` as the installed command does, with an exit handler that
# leaves a file behind (as the font cache's clean-up and logging's flush are registered).
VALIDATE = """
import atexit, pathlib, sys
marker, outline = sys.argv[1:]
atexit.register(pathlib.Path(marker).write_text, "ran")
atexit.register(print, "the exit handlers ran")  # buffered: written if the program flushes
sys.argv = ["briefing", "validate", outline]
from briefing.program import run
run()
"""


@pytest.mark.parametrize(("outline", "status", "said"), [
    (ROOT / "outlines" / "nato-japan.yaml", 0, "nato-japan.yaml: ok"),
    (Path("no-such-outline.yaml"), 1, "no-such-outline.yaml: file not found")])
def test_the_program_ends_with_its_status_after_the_exit_handlers_and_flushed_output(
        tmp_path: Path, outline: Path, status: int, said: str) -> None:
    # Oracle: the exit status, the file the handler writes, and the lines read from pipes
    # (block-buffered: a line not flushed would be lost).
    marker = tmp_path / "marker"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    done = subprocess.run([sys.executable, "-c", VALIDATE, str(marker), str(outline)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120, env=env)
    assert done.returncode == status, done.stderr
    assert said in done.stdout + done.stderr
    assert marker.read_text() == "ran"
    assert done.stdout.splitlines()[-1] == "the exit handlers ran"
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("closed", [">&-", "2>&-", ">&- 2>&-"])
def test_the_program_started_with_a_stream_closed_ends_with_its_status(
        tmp_path: Path, closed: str) -> None:
    # Oracle: the status the shell reports for the command run with the stream closed.
    outline = ROOT / "outlines" / "nato-japan.yaml"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(["bash", "-c", f'"$0" -m briefing validate "$1" {closed}; '
                           'echo "status $?"', sys.executable, str(outline)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120, env=env)
    assert done.stdout.splitlines()[-1] == "status 0", done.stderr
    assert "Traceback" not in done.stderr
