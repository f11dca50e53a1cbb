"""Break and phrase units kept on disk for each outline, so that a new process starts warm.

A cold build of the seed cuts about 600 texts into units (UAX #14 through uniseg, phrases
through BudouX): 31 to 40 ms of its 0.76 s, and importing the two libraries 10 ms more
(process time, measured). The units of a text depend only on the text, its language and the
code that cut it, so the units an outline's build worked out are kept in the user cache folder
(``briefing.diskcache``): one JSON file per outline file, named by the outline's path, this
program's code stamp and the installed files of uniseg and BudouX. A build reads them before
it lays out (``read_units``) and writes them after its first build of the outline in this
process when it worked out new ones (``keep_units``); ``watch`` therefore writes once, and a
later process works out again only what was edited since.

A file holds ``[[kind, text, [unit, ...]], ...]``; an entry whose units do not make up its
text is left out, so a damaged or foreign file costs the work it would have saved, nothing
more.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import os
from pathlib import Path

from briefing import diskcache
from briefing.text.breaking import KNOWN_UNITS, MADE_UNITS

FORMAT = "1"  # bump when the file's layout changes
MAX_UNITS = 8192  # units kept per outline, the most recently worked out last
KEPT_OUTLINES = 256  # outline files whose units are kept; the least recently used go first
LIBRARIES = ("uniseg", "budoux")  # what cuts the units besides this program's own code

Key = tuple[str, str]
Units = tuple[str, ...]

READ_KEPT = 8  # outline files whose units a process keeps as read (watch may watch several)

_READ: dict[Path, dict[Key, Units]] = {}  # the units read for the last outline files built
_WRITTEN: set[Path] = set()  # outline files whose first build in this process is done


def read_units(outline: Path) -> None:
    """Have ``briefing.text.breaking`` take the units kept for ``outline`` (read from disk
    once per process) and start counting the units its build works out: what the breaking
    module holds is this build's, so a process that builds thousands of outlines holds the
    units of one at a time (builds in threads of one process cost each other only the work
    of cutting a text again)."""
    key = outline.resolve()
    table = _READ.pop(key, None)
    if table is None:
        table = _parsed(diskcache.read(_entry(key)))
    _READ[key] = table
    while len(_READ) > READ_KEPT:
        del _READ[next(iter(_READ))]
    KNOWN_UNITS.clear()
    KNOWN_UNITS.update(table)
    MADE_UNITS.clear()


def keep_units(outline: Path) -> None:
    """Write the units of ``outline`` (those read for it and those worked out since its build
    began, at most MAX_UNITS) when this is its first build in this process and it worked out
    new ones; nothing is written when the cache folder cannot be written."""
    key = outline.resolve()
    if key in _WRITTEN:
        return
    _WRITTEN.add(key)
    if not MADE_UNITS:
        return
    table = {**_READ.get(key, {}), **MADE_UNITS}
    _READ[key] = table  # what the file holds from now on
    rows = [[kind, text, list(units)] for (kind, text), units in list(table.items())[-MAX_UNITS:]]
    data = json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode()
    diskcache.store(_entry(key), data, KEPT_OUTLINES)


def _entry(outline: Path) -> Path:
    """Return the cache entry of the units of ``outline`` (a resolved path)."""
    return diskcache.entry("units", str(outline).encode(), "", f"{FORMAT}-{_stamp()}", ".json")


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


def _parsed(data: bytes | None) -> dict[Key, Units]:
    """Return the units a kept file holds, leaving out every entry that is not a kind, a text
    and units making up that text (none for a missing or unreadable file)."""
    try:
        rows = json.loads(data) if data else []
    except ValueError:
        return {}
    table: dict[Key, Units] = {}
    for row in rows if isinstance(rows, list) else []:
        if (isinstance(row, list) and len(row) == 3 and isinstance(row[0], str)
                and isinstance(row[1], str) and isinstance(row[2], list)
                and all(isinstance(unit, str) and unit for unit in row[2])
                and "".join(row[2]) == row[1]):
            table[(row[0], row[1])] = tuple(row[2])
    return table
