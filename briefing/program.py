"""The ``briefing`` program: its process set up before the command line is imported, then run.

Both ``python -m briefing`` and the installed ``briefing`` command start here. This module
imports nothing of the command line until ``run``, so the settings below are in force while
its modules load.
"""

from __future__ import annotations

import gc
import os

# Allocations between young collections (see ``program_settings``).
GC_YOUNG_THRESHOLD = 250_000


def run() -> None:
    """Set up this process (``program_settings``), run the command line, then leave without
    the interpreter's final garbage collections.

    Those walk every object a build made and took 0.4 s of a 2 s build of the seed (measured
    with os._exit as the reference); the process ends right after, so freezing the objects
    (``gc.freeze``) loses nothing. ``briefing.cli.main`` itself stays side-effect free for
    callers that go on running, such as tests.
    """
    program_settings()
    from briefing.cli import main

    try:
        main(prog_name="briefing")
    finally:
        gc.freeze()


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
