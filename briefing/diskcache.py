"""The user cache folder: derived data (font subsets, font metrics) kept between runs.

Entries are named by content hashes, written atomically (a temporary file in the same folder,
then a rename), so two runs at once never see half a file, and a folder holds at most a
fixed number of entries, the least recently used going first. ``BRIEFING_CACHE_DIR`` moves
the cache (the default is the platform's user cache folder, e.g. ``~/.cache/briefing``).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import tempfile
from pathlib import Path

CACHE_ENV = "BRIEFING_CACHE_DIR"


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
    """Return the SHA-256 (hex) of the file at ``path``, memoised while it is unchanged."""
    info = path.stat()
    return _hash_of(path, info.st_size, info.st_mtime_ns)


@functools.lru_cache(maxsize=32)
def _hash_of(path: Path, size: int, mtime_ns: int) -> str:
    """Return the SHA-256 of ``path``; ``size`` and ``mtime_ns`` key the memo to its state."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def present(path: Path) -> bool:
    """Return whether entry ``path`` exists, marking it recently used."""
    try:
        os.utime(path)
    except OSError:
        return False
    return path.is_file()


def read(path: Path) -> bytes | None:
    """Return the entry at ``path`` (marking it recently used), or None when there is none."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    with contextlib.suppress(OSError):
        os.utime(path)
    return data


def store(path: Path, data: bytes, keep: int) -> bool:
    """Write entry ``path`` atomically and keep at most ``keep`` entries with its suffix in its
    folder; return False (nothing written) when the folder cannot be written."""
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
