"""Interrupting ``briefing`` at a known step, for tests of Ctrl-C that do not race the clock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

# An interrupted build exits with 130, or ends by SIGINT itself (see briefing.cli).
INTERRUPTED_STATUSES = (130, -signal.SIGINT)

# Runs ``briefing`` with MODULE.FUNCTION made to wait, at its CALL-th call in a process, until
# that process is interrupted; it first creates a file in the folder READY names, so the test
# knows the build is there. Pool workers are forked, so they wait alike.
WAIT_AT = """
import importlib, os, pathlib, sys, time
module = importlib.import_module(os.environ["MODULE"])
original = getattr(module, os.environ["FUNCTION"])
calls = []
def waiting(*args, **kwargs):
    calls.append(None)
    if len(calls) == int(os.environ["CALL"]):
        (pathlib.Path(os.environ["READY"]) / str(os.getpid())).touch()
        time.sleep(120)
    return original(*args, **kwargs)
setattr(module, os.environ["FUNCTION"], waiting)
from briefing.program import run
sys.argv[0] = "briefing"
run()
"""


def interrupted_at(function: str, call: int, args: list[str], folder: Path,
                   waiting: int = 1) -> tuple[subprocess.Popen[str], str, float]:
    """Return the process of ``briefing ARGS`` run in ``folder``, its standard error and the
    seconds it took to end, after SIGINT was sent to it once ``waiting`` of its processes
    waited at the ``call``-th call of ``function`` (a dotted name: module, then attribute).

    Raises AssertionError when no process got there within a minute, and
    subprocess.TimeoutExpired when it did not end within a minute of the signal.
    """
    module, name = function.rsplit(".", 1)
    ready = folder / "ready"
    ready.mkdir()
    environment = {**os.environ, "MODULE": module, "FUNCTION": name, "CALL": str(call),
                   "READY": str(ready)}
    process = subprocess.Popen([sys.executable, "-c", WAIT_AT, *args], cwd=folder,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=environment)
    deadline = time.monotonic() + 60
    while (len(list(ready.iterdir())) < waiting and process.poll() is None
           and time.monotonic() < deadline):
        time.sleep(0.05)
    assert len(list(ready.iterdir())) >= waiting, process.communicate()[1]
    started = time.monotonic()
    process.send_signal(signal.SIGINT)  # to the main process only, as kill -INT does
    try:
        _, errors = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()  # with its workers, which end when their pipe to it closes
        raise
    return process, errors, time.monotonic() - started
