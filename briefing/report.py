"""The build report: files written, slide count, and every warning raised on the way."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger("briefing")


@dataclass
class Warnings:
    """Collects non-fatal problems (text shrunk, content moved or left out) and logs them."""

    items: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        """Record and log ``message`` (once: the same warning again adds nothing)."""
        if message in self.items:
            return
        logger.warning(message)
        self.items.append(message)


@dataclass(frozen=True)
class BuildReport:
    """What one build produced."""

    outline: Path
    written: tuple[Path, ...]
    slides: int
    warnings: tuple[str, ...]
