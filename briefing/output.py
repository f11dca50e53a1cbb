"""Atomic, collision-free writes: a temporary file in the target folder, then a rename.

Every result is staged next to its target first; only when all are staged are they renamed
into place. When anything fails, files already replaced are restored from hard-linked
backups, files that did not exist are removed again, and no temporary file stays behind.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from pathlib import Path

from briefing.errors import OutputError

FILE_MODE = 0o644


def prepare_folder(folder: Path) -> None:
    """Create ``folder`` if needed; raise OutputError when it cannot hold results."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"output folder {folder} is a file; pass another --out-dir")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create output folder {folder}: {exc.strerror}; "
                          "pass another --out-dir") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"output folder {folder} is not writable; pass another --out-dir")


def write_all(files: dict[Path, bytes]) -> list[Path]:
    """Return the targets written; when any write fails, none of them is left changed."""
    staged: list[tuple[str, Path]] = []
    backups: list[tuple[Path, str | None]] = []
    try:
        for target, data in files.items():
            staged.append((_stage(target, data), target))
        for temporary, target in staged:
            backups.append((target, _replace(temporary, target)))
    except BaseException as exc:
        _roll_back(backups)
        for temporary, _ in staged:
            _remove_quietly(temporary)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write results: {exc.strerror or exc}; earlier results "
                              "were left as they were") from None
        raise
    for _, backup in backups:
        if backup:
            _remove_quietly(backup)
    for folder in {target.parent for target in files}:
        _sync_folder(folder)
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
        os.chmod(temporary, FILE_MODE)
    except BaseException:
        _remove_quietly(temporary)
        raise
    return temporary


def _replace(temporary: str, target: Path) -> str | None:
    """Return the backup of ``target`` after moving ``temporary`` onto it (see ``_backup``)."""
    backup = _backup(target)
    try:
        os.replace(temporary, target)
    except BaseException:
        if backup:
            _remove_quietly(backup)
        raise
    return backup


def _backup(target: Path) -> str | None:
    """Return a hard link to the file at ``target``; None when there is none, "" if unsaved."""
    if not os.path.lexists(target) or os.path.isdir(target):
        return None
    while True:
        backup = str(target.parent / f".{target.name}.{secrets.token_hex(6)}.bak")
        try:
            os.link(target, backup, follow_symlinks=False)
        except FileExistsError:
            continue
        except OSError:
            return _copy_backup(target)
        return backup


def _copy_backup(target: Path) -> str:
    """Return a staged copy of ``target`` where hard links are not possible; "" if unreadable."""
    try:
        return _stage(target, target.read_bytes())
    except OSError:
        return ""


def _roll_back(backups: list[tuple[Path, str | None]]) -> None:
    """Put back what ``backups`` kept, and remove targets that did not exist before."""
    for target, backup in reversed(backups):
        if backup is None:
            _remove_quietly(str(target))
        if not backup:
            continue
        try:
            os.replace(backup, target)
        except OSError:
            _remove_quietly(backup)


def _sync_folder(folder: Path) -> None:
    """Flush ``folder``'s entries to disk where the system allows it."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _remove_quietly(path: str) -> None:
    """Delete ``path``, ignoring a file that is already gone."""
    with contextlib.suppress(OSError):
        os.remove(path)
