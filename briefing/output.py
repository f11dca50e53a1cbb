"""Atomic, collision-free writes: a temporary file in the target folder, then a rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from briefing.errors import OutputError


def prepare_folder(folder: Path) -> None:
    """Create ``folder`` if needed; raise OutputError when it cannot hold results."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"output folder {folder} is a file; pass another --out-dir")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create output folder {folder}: {exc.strerror}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"output folder {folder} is not writable; pass another --out-dir")


def write_all(files: dict[Path, bytes]) -> list[Path]:
    """Write every file atomically; when any write fails, none of the targets is changed."""
    staged: list[tuple[str, Path]] = []
    try:
        for target, data in files.items():
            staged.append((_stage(target, data), target))
        for temporary, target in staged:
            os.replace(temporary, target)
    except OSError as exc:
        for temporary, _ in staged:
            _remove_quietly(temporary)
        raise OutputError(f"cannot write results: {exc.strerror or exc}") from None
    return [target for _, target in staged]


def _stage(target: Path, data: bytes) -> str:
    """Return the path of a temporary file next to ``target`` holding ``data``."""
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                         dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
    except OSError:
        _remove_quietly(temporary)
        raise
    return temporary


def _remove_quietly(path: str) -> None:
    """Delete ``path``, ignoring a file that is already gone."""
    with contextlib.suppress(OSError):
        os.remove(path)
