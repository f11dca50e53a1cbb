"""The ``briefing`` program: its process set up before the command line is imported, then run.

Both ``python -m briefing`` and the installed ``briefing`` command start here. This module
imports nothing of the command line until ``run``, so the settings below are in force while
its modules load.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import os
import sys
from typing import NoReturn

# Allocations between young collections (see ``program_settings``).
GC_YOUNG_THRESHOLD = 250_000


def run() -> NoReturn:
    """Set up this process (``program_settings``), run the command line, then end the process
    with its exit status at once (``leave``).

    The interpreter's own exit walks and frees every object a build made: its final garbage
    collections took 0.4 s of a 2 s build of the seed, and freeing the objects one by one
    31 ms of a 0.86 s cold build after the objects were frozen (``gc.freeze``; process time,
    medians of 12 runs each way with os._exit as the reference). The process ends right
    after, so neither loses anything. ``briefing.cli.main`` itself stays side-effect free for
    callers that go on running, such as tests.
    """
    program_settings()
    from briefing.cli import main

    try:
        status = main(prog_name="briefing", standalone_mode=False)
    finally:
        gc.freeze()
    leave(status if isinstance(status, int) else 0)


def leave(status: int) -> NoReturn:
    """End the process with ``status`` without tearing the interpreter down: what was
    registered to run at exit runs (``atexit``: logging's flush, temporary folders), the
    standard streams are flushed (a reader that has gone is ignored), then ``os._exit``.
    mypy ends its runs the same way (``mypy.util.hard_exit``)."""
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:  # None: started with the stream closed (``>&-``)
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
    os._exit(status)


def program_settings() -> None:
    """Set up this process as the ``briefing`` program runs: its garbage collector and
    pydantic's plugin lookup. Benchmarks of commands run in-process call it too.

    The collector's youngest generation is collected after GC_YOUNG_THRESHOLD allocations
    instead of CPython's 700: a build allocates mostly objects that live until it ends
    (modules, fonts, slide trees), so young collections find little garbage. Measured with
    ``gc.callbacks`` on a cold build of the seed:
    - CPython's 700: 273 collections, 0.2 s of 1.9 s of CPU time;
    - 100,000: one collection, 65 to 95 ms for 1,453 objects found;
    - 250,000: none, peak memory the same (100 MiB). The seed's build leaves about 165,000
      objects tracked; twenty outlines built in one process collect once (0.2 s, against
      three collections and 0.35 s at 100,000), and a one-pager of 600 sections not at all.
    Set before the command line is imported, it also spares the 20 collections its imports
    made (10 ms). mypy raises the threshold for the same reason.

    Pydantic's plugins are turned off unless PYDANTIC_DISABLE_PLUGINS says otherwise
    (docs.pydantic.dev, "Plugins"): looking them up reads the metadata of every installed
    distribution, 0.02 s of a cold build, and no plugin has a part in reading an outline.
    """
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
