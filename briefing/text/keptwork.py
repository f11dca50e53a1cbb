"""Text work kept on disk for each outline, so that a new process starts warm: the break and
phrase units of its texts, and the lines they were wrapped into.

A cold build of the seed cuts about 600 texts into units (UAX #14 through uniseg, phrases
through BudouX): 31 to 40 ms of its 0.76 s, and importing the two libraries 10 ms more. It
then wraps texts about 1,100 times while fitting (the same text at several sizes and
widths): 31 ms of 0.70 s (process time, measured). Units depend only on the text, its
language and the code that cut them; lines on those, the faces' advances and the measuring
settings (``Measurer.stamp``) and the size and width. So what an outline's build worked out
is kept in the user cache folder (``briefing.diskcache``): one file per outline file,
named by the outline's path, this program's code stamp and the installed files of uniseg and
BudouX. A build reads it before it lays out (``read_kept``) and writes it after its first
build of the outline in this process when it worked out something new (``keep_made``);
``watch`` therefore writes once, and a later process works out again only what was edited
since.

A file holds the pickled pair of tables, the units by (kind, text) and the lines (``Wrapped``)
by ``LinesKey``; like every entry it is sealed (``diskcache``), and its name holds the code
stamp, so only the code that wrote it reads it. A file that is damaged or holds anything else
reads as none, so it costs the work it would have saved, nothing more. (As JSON checked entry
by entry, reading the seed's tables took 14 ms; pickled, 1 to 2 ms.)
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import pickle
from pathlib import Path

from briefing import diskcache
from briefing.text.breaking import KNOWN_UNITS, MADE_UNITS
from briefing.text.wrapping import KNOWN_LINES, MADE_LINES, LinesKey, Wrapped

FORMAT = "3"  # bump when the file's layout changes
MAX_ROWS = 8192  # units and lines kept per outline, each: the most recently worked out last
KEPT_OUTLINES = 256  # outline files whose work is kept; the least recently used go first
LIBRARIES = ("uniseg", "budoux")  # what cuts the units besides this program's own code

UnitsKey = tuple[str, str]
Units = tuple[str, ...]


class _Tables:
    """The units and lines kept for one outline file."""

    def __init__(self, units: dict[UnitsKey, Units], lines: dict[LinesKey, Wrapped]) -> None:
        self.units = units
        self.lines = lines


READ_KEPT = 8  # outline files whose work a process keeps as read (watch may watch several)

_READ: dict[Path, _Tables] = {}  # the work read for the last outline files built
_WRITTEN: set[Path] = set()  # outline files whose first build in this process is done


def read_kept(outline: Path) -> None:
    """Have ``briefing.text.breaking`` and ``briefing.text.wrapping`` take the units and lines
    kept for ``outline`` (read from disk once per process) and start counting what its build
    works out: what those modules hold is this build's, so a process that builds thousands of
    outlines holds the work of one at a time (builds in threads of one process cost each
    other only the work of cutting or wrapping a text again)."""
    key = outline.resolve()
    tables = _READ.pop(key, None)
    if tables is None:
        tables = _parsed(diskcache.read(_entry(key)))
    _READ[key] = tables
    while len(_READ) > READ_KEPT:
        del _READ[next(iter(_READ))]
    for known, made, table in ((KNOWN_UNITS, MADE_UNITS, tables.units),
                               (KNOWN_LINES, MADE_LINES, tables.lines)):
        known.clear()
        known.update(table)  # type: ignore[arg-type]  # units with units, lines with lines
        made.clear()


def keep_made(outline: Path) -> None:
    """Write the units and lines of ``outline`` (those read for it and those worked out since
    its build began, at most MAX_ROWS of each) when this is its first build in this process
    and it worked out something new; nothing is written when the cache folder cannot be
    written."""
    key = outline.resolve()
    if key in _WRITTEN:
        return
    _WRITTEN.add(key)
    if not MADE_UNITS and not MADE_LINES:
        return
    read = _READ.get(key) or _Tables({}, {})
    tables = _Tables({**read.units, **MADE_UNITS}, {**read.lines, **MADE_LINES})
    _READ[key] = tables  # what the file holds from now on
    units = dict(list(tables.units.items())[-MAX_ROWS:])
    lines = dict(list(tables.lines.items())[-MAX_ROWS:])
    data = pickle.dumps((units, lines), pickle.HIGHEST_PROTOCOL)
    diskcache.store(_entry(key), data, KEPT_OUTLINES)


def _entry(outline: Path) -> Path:
    """Return the cache entry of the work kept for ``outline`` (a resolved path)."""
    return diskcache.entry("textwork", str(outline).encode(), "", f"{FORMAT}-{_stamp()}",
                           ".pickle")


@functools.cache
def _stamp() -> str:
    """Return what names the code that cuts units: this program's code stamp and the size
    and modification time of each library's module (a new version is a new file)."""
    parts = [diskcache.code_stamp()]
    for name in LIBRARIES:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        info = os.stat(origin) if origin else None
        parts.append(f"{name}-{info.st_size}-{info.st_mtime_ns}" if info else name)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


def _parsed(data: bytes | None) -> _Tables:
    """Return the tables a kept file holds: nothing for a missing one, or one that does not
    unpickle as a pair of dictionaries (the file is the user's own, written by this code:
    see the module's docstring)."""
    try:
        found = pickle.loads(data) if data else None
    except diskcache.UNREADABLE:
        found = None
    if (isinstance(found, tuple) and len(found) == 2
            and isinstance(found[0], dict) and isinstance(found[1], dict)):
        return _Tables(found[0], found[1])
    return _Tables({}, {})
