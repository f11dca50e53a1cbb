"""Open zip packages (.pptx, .potx, .potm) read from untrusted places, within fixed bounds.

Before a single part is inflated, the zip's central directory is checked: the file size, the
number of parts, each part's declared uncompressed size and compression ratio, and their sum.
Python's ``zipfile`` never inflates more than a part's declared size (a part that lies about it
fails its CRC check), so these checks bound the memory and time any later reading can take.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import TemplateError

MIB = 1024 * 1024


@dataclass(frozen=True)
class ZipLimits:
    """Bounds on a zip package; the defaults fit any real template with a wide margin.

    Measured on the twelve public templates the tests use: at most 2.4 MB on disk, 196 parts,
    the largest part 1.9 MB inflated, and compression ratios of at most 27 (XML parts); a
    template of many full-resolution photographs stays far below these bounds.
    """

    max_file_bytes: int = 200 * MIB
    max_parts: int = 5_000
    max_part_bytes: int = 128 * MIB
    max_total_bytes: int = 512 * MIB
    max_ratio: float = 200.0  # uncompressed / compressed, checked for parts over ratio_floor
    ratio_floor: int = 2 * MIB


DEFAULT_LIMITS = ZipLimits()


def open_bounded(path: Path, what: str = "template",
                 limits: ZipLimits = DEFAULT_LIMITS) -> zipfile.ZipFile:
    """Return ``path`` opened as a zip whose directory passed every bound in ``limits``.

    Raises TemplateError naming the file (and the part, when one part is at fault) when the
    file is missing, not a zip, or over a bound.
    """
    if not path.is_file():
        raise TemplateError(f"{what} {path} was not found (or is not a regular file)")
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise TemplateError(f"{what} {path} is {size / MIB:.0f} MB, more than the "
                            f"{limits.max_file_bytes // MIB} MB a {what} may have")
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise TemplateError(f"{path} is not a PowerPoint file (.pptx or .potx); "
                            "save the template from PowerPoint as .pptx") from None
    try:
        check_directory(package, path, what, limits)
    except TemplateError:
        package.close()
        raise
    return package


def check_directory(package: zipfile.ZipFile, path: Path, what: str,
                    limits: ZipLimits = DEFAULT_LIMITS) -> None:
    """Raise TemplateError when the zip directory of ``package`` breaks a bound."""
    entries = package.infolist()
    if len(entries) > limits.max_parts:
        raise TemplateError(f"{what} {path} has {len(entries)} parts, more than the "
                            f"{limits.max_parts} a {what} may have; refused for safety")
    total = 0
    for entry in entries:
        _check_entry(entry, path, what, limits)
        total += entry.file_size
        if total > limits.max_total_bytes:
            raise TemplateError(
                f"{what} {path} would inflate to more than {limits.max_total_bytes // MIB} MB "
                f"(reached at part {entry.filename}); refused for safety")


def _check_entry(entry: zipfile.ZipInfo, path: Path, what: str, limits: ZipLimits) -> None:
    """Raise TemplateError when one part's declared size or compression ratio is too large."""
    name = entry.filename
    if entry.flag_bits & 0x1:
        raise TemplateError(f"{what} {path}: part {name} is encrypted; save the file without "
                            "a password")
    if entry.file_size > limits.max_part_bytes:
        raise TemplateError(
            f"{what} {path}: part {name} would inflate to {entry.file_size / MIB:,.0f} MB, "
            f"more than the {limits.max_part_bytes // MIB} MB a part may have; refused for "
            "safety")
    if entry.file_size > limits.ratio_floor:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if ratio > limits.max_ratio:
            raise TemplateError(
                f"{what} {path}: part {name} is compressed {ratio:,.0f} to 1 "
                f"({entry.compress_size:,} bytes inflating to {entry.file_size:,}), the mark "
                "of a zip bomb; refused for safety")


def read_part(package: zipfile.ZipFile, name: str, path: Path, what: str = "template") -> bytes:
    """Return the bytes of part ``name``; raise TemplateError when it is missing or damaged."""
    try:
        return package.read(name)
    except (KeyError, zipfile.BadZipFile, OSError, RuntimeError, EOFError,
            NotImplementedError):
        raise TemplateError(f"{what} {path}: part {name} is missing or damaged") from None
