"""The user cache folder: derived data (font subsets, font metrics) kept between runs.

Entries are named by content hashes, written atomically (a temporary file in the same folder,
then a rename), so two runs at once never see half a file, and a folder holds at most a
fixed number of entries, the least recently used going first. ``BRIEFING_CACHE_DIR`` moves
the cache (the default is the platform's user cache folder, e.g. ``~/.cache/briefing``).

An entry ``store`` writes ends in a seal (``sealed``): SEAL_MARK and a BLAKE2b digest of its
file name and what comes before. ``read`` returns an entry whose seal does not match as
missing, so an entry cut short by a full disk, overwritten, edited by hand or moved to another
entry's name is made again instead of read. Entries other programs read by their path (font
subsets) are stored as they are (``sealed=False``) beside a file holding their seal
(``store_beside``/``present_beside``).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar, cast

from isal import isal_zlib

CACHE_ENV = "BRIEFING_CACHE_DIR"
OBJECT_FORMAT = "1"  # bump when how objects are stored changes
# Stored objects are zlib streams written and read by ISA-L (the ``isal`` package). The seed's
# analysed template (mostly rasterised backdrops, 3.9 MB pickled) took 6.9 ms to deflate with
# zlib at level 1 and 0.7 ms with ISA-L at its level 1 (26 KB against 37 KB), and 2.8 ms
# against 0.8 ms to inflate (measured, CPU time, best of seven).
OBJECT_COMPRESSION = 1
# (isal's stubs declare its error an instance of Exception; it is the class.)
UNREADABLE = (cast(type[Exception], isal_zlib.error), pickle.UnpicklingError, EOFError,
              AttributeError, ImportError, IndexError, TypeError, ValueError)
T = TypeVar("T")


def cache_folder(kind: str) -> Path:
    """Return the folder for entries of ``kind`` (e.g. ``fonts``); it may not exist yet."""
    base = os.environ.get(CACHE_ENV)
    if base:
        return Path(base) / kind
    import platformdirs

    return Path(platformdirs.user_cache_dir("briefing", appauthor=False)) / kind


def entry(kind: str, content: bytes, details: str, version: str, suffix: str = ".bin") -> Path:
    """Return the entry of ``kind`` for data derived from ``content``: named by the first 40
    hex digits of the SHA-256 of ``content``, then ``details`` (what else the data depends on,
    such as a size; may be empty) and ``version`` (bumped when the derivation changes, so
    stale entries are not read), with ``suffix``."""
    digest = hashlib.sha256(content).hexdigest()[:40]
    middle = f"-{details}" if details else ""
    return cache_folder(kind) / f"{digest}{middle}-v{version}{suffix}"


def file_hash(path: Path) -> str:
    """Return the SHA-256 (hex) of the file at ``path``, memoised while it is unchanged.

    Raises OSError when the file cannot be read.
    """
    return _hash_of(path, file_state(path.stat()))


FileState = tuple[int, int, int, int, int]


def file_state(info: os.stat_result) -> FileState:
    """Return what tells a file's content from what it held before, from its ``stat``: its
    size, modification and change times (ns), inode and device. A file rewritten keeping its
    size and modification time (``cp -p``, ``rsync -t``, ``tar x``) has a new change time,
    which no program can set back; one replaced by another file, a new inode."""
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


# Files at least this large have their hash memoised on disk too: hashing the bundled font
# (4.5 MB) took 3.6 to 7 ms of every cold build, reading its memo 0.1 ms (measured).
HASH_MEMO_SIZE = 1 << 20
HASH_MEMOS_KEPT = 64
_HEX = frozenset("0123456789abcdef")


@functools.lru_cache(maxsize=32)
def _hash_of(path: Path, state: FileState) -> str:
    """Return the SHA-256 of ``path``; ``state`` (``file_state``) keys the memo to the file
    as it is. A large file's hash is memoised in the cache folder under that state too, so a
    file written since is hashed again."""
    memo = (entry("hashes", f"{path.resolve()}\0{state}".encode(), "", "1", ".txt")
            if state[0] >= HASH_MEMO_SIZE else None)
    kept = read(memo) if memo is not None else None
    if kept is not None and len(kept) == 64 and set(kept.decode("ascii", "replace")) <= _HEX:
        return kept.decode("ascii")
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    found = digest.hexdigest()
    if memo is not None:
        store(memo, found.encode("ascii"), HASH_MEMOS_KEPT)
    return found


def read(path: Path) -> bytes | None:
    """Return the entry at ``path`` without its seal (marking it recently used), or None when
    there is none, it is not a regular file, or its seal does not match what it holds (see
    the module's docstring)."""
    data = _entry_bytes(path)
    if data is None:
        return None
    with contextlib.suppress(OSError):
        os.utime(path)
    return unsealed(data, path.name)


ENTRY_MAX_BYTES = 1 << 30  # larger than any entry this program writes (a template: megabytes)
NONBLOCKING = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def _entry_bytes(path: Path) -> bytes | None:
    """Return the bytes of the entry file at ``path``, or None when it cannot be read or is not
    a regular file (a pipe put in its place would block a read forever, a device such as
    /dev/zero never end) or is larger than ENTRY_MAX_BYTES."""
    try:
        descriptor = os.open(path, os.O_RDONLY | NONBLOCKING)
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > ENTRY_MAX_BYTES:
            return None
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            data = stream.read(ENTRY_MAX_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    return data if len(data) <= ENTRY_MAX_BYTES else None


SEAL_MARK = b"\0briefing-seal-2"
SEAL_DIGEST = 16  # bytes of BLAKE2b


def sealed(data: bytes, name: str) -> bytes:
    """Return ``data`` followed by its seal for the entry file ``name``: SEAL_MARK, then the
    BLAKE2b digest of the name and ``data`` (``_seal``)."""
    return data + SEAL_MARK + _seal(data, name)


def unsealed(data: bytes, name: str) -> bytes | None:
    """Return what ``sealed`` sealed for the entry file ``name``, or None when ``data`` does
    not end in the seal of its own bytes under that name: cut short, overwritten, or another
    entry's file moved to this name."""
    size = len(SEAL_MARK) + SEAL_DIGEST
    body = data[:-size]
    if len(data) < size or data[-size:-SEAL_DIGEST] != SEAL_MARK:
        return None
    if _seal(body, name) != data[-SEAL_DIGEST:]:
        return None
    return body


def _seal(data: bytes, name: str) -> bytes:
    """Return the BLAKE2b digest (SEAL_DIGEST bytes) of the file name ``name``, a NUL, then
    ``data``. The name is what the entry was made from (see ``entry``), so the seal ties the
    bytes to it."""
    digest = hashlib.blake2b(name.encode(), digest_size=SEAL_DIGEST)
    digest.update(b"\0")
    digest.update(data)
    return digest.digest()


def store(path: Path, data: bytes, keep: int, seal: bool = True) -> bool:
    """Write entry ``path`` atomically (``sealed`` unless ``seal`` is False) and keep at most
    ``keep`` entries with its suffix in its folder; return False (nothing written) when the
    folder cannot be written."""
    if seal:
        data = sealed(data, path.name)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".entry-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.remove(temporary)
            raise
    except OSError:
        return False
    _prune(path.parent, path.suffix, keep)
    return True


SEAL_SUFFIX = ".seal"  # the file beside an entry stored as it is, holding its seal


def store_beside(path: Path, data: bytes, keep: int) -> bool:
    """Write entry ``path`` as it is, for programs that read it by its path (a font subset
    fpdf2 embeds), then its seal in a file beside it (``path`` + SEAL_SUFFIX: SEAL_MARK and
    the digest ``sealed`` would append); return False when either cannot be written."""
    return (store(path, data, keep, seal=False)
            and store(_beside(path), SEAL_MARK + _seal(data, path.name), keep, seal=False))


def present_beside(path: Path) -> bool:
    """Return whether entry ``path`` (stored by ``store_beside``) exists and matches the seal
    beside it, marking both recently used: an entry cut short, overwritten or moved to another
    entry's name, or without its seal, is not."""
    data, seal = _entry_bytes(path), _entry_bytes(_beside(path))
    if data is None or seal is None:
        return False
    for used in (path, _beside(path)):
        with contextlib.suppress(OSError):
            os.utime(used)
    return seal == SEAL_MARK + _seal(data, path.name)


def _beside(path: Path) -> Path:
    """Return the file that holds the seal of entry ``path``."""
    return path.with_name(path.name + SEAL_SUFFIX)


def _prune(folder: Path, suffix: str, keep: int) -> None:
    """Remove the least recently used entries beyond ``keep`` (another run may race us)."""
    entries = []
    for entry in folder.glob(f"*{suffix}"):
        with contextlib.suppress(OSError):
            entries.append((entry.stat().st_mtime_ns, entry))
    entries.sort()
    for _, stale in entries[:max(0, len(entries) - keep)]:
        with contextlib.suppress(OSError):
            stale.unlink()


def kept_object(kind: str, made_from: bytes, make: Callable[[], T], expected: type[T],
                keep: int) -> T:
    """Return the object ``make`` returns, from the entry of ``kind`` this code stored for
    the same ``made_from`` (every byte the object depends on) when there is one, else made
    and stored (deflated at OBJECT_COMPRESSION, see above).

    An entry is a pickle: its name holds the SHA-256 of ``made_from`` and ``code_stamp()``, so
    only the code that wrote it reads it, and an entry that cannot be read as an
    ``expected`` is made again. Entries come from the user's own runs, in the user's own
    cache folder. Errors ``make`` raises pass through; nothing is stored then.
    """
    path = entry(kind, made_from, "", f"{OBJECT_FORMAT}-{code_stamp()}", ".pickle.z")
    data = read(path)
    if data is not None:
        found = _unpickled(data)
        if isinstance(found, expected):
            return found
    made = make()
    store(path, isal_zlib.compress(pickle.dumps(made, pickle.HIGHEST_PROTOCOL),
                                  OBJECT_COMPRESSION), keep)
    return made


def _unpickled(data: bytes) -> object:
    """Return the object a stored entry holds, or None when it cannot be read."""
    try:
        return pickle.loads(isal_zlib.decompress(data))  # the user's own entries
    except UNREADABLE:
        return None


@functools.cache
def code_stamp() -> str:
    """Return 16 hex digits naming this program's code: the name, size and modification time
    of each of its modules, with the Python and Pillow versions (objects may hold images)."""
    import PIL

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{sys.version_info[:2]}\0{PIL.__version__}".encode())
    for name, info in sorted(_modules(str(package), "")):
        digest.update(f"\0{name}\0{info.st_size}\0{info.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def _modules(folder: str, prefix: str) -> Iterator[tuple[str, os.stat_result]]:
    """Yield the path below the package (``/``-separated) and the state of every ``.py``
    file in ``folder``, at any depth (os.scandir: a third of the time of Path.rglob with a
    stat each, measured on this package)."""
    with os.scandir(folder) as found:
        for item in found:
            if item.is_dir(follow_symlinks=False) and item.name != "__pycache__":
                yield from _modules(item.path, f"{prefix}{item.name}/")
            elif item.name.endswith(".py") and item.is_file():
                yield f"{prefix}{item.name}", item.stat()
