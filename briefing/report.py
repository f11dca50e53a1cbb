"""The build report: files written, slide count, and every warning raised on the way.

Warning policy: every warning has a kind, so the command line can decide how to show it and
``--strict`` can tell what a presenter must fix from what is only worth knowing.

- must fix (``--strict`` fails): ``below_minimum`` (text set smaller than the theme's
  smallest size), ``overflow`` (text that does not fit even there, or had to be cut),
  ``continued`` (content continued on another slide), ``keep_dropped`` (an item marked
  ``keep: true`` left off the one-pager), ``font_missing`` (a font the deck names cannot be
  measured here).
- worth knowing: ``shrunk`` (set smaller than the largest size, within the theme's range),
  ``omitted`` (left off the one-pager to keep it on one page; shown as one summary line),
  ``cleaned`` (characters removed from the input), ``template`` (how a template was used),
  ``other``.

The same warning is recorded once, however often layout reaches it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

logger = logging.getLogger("briefing")

Kind = Literal["shrunk", "below_minimum", "overflow", "continued", "omitted", "keep_dropped",
               "font_missing", "cleaned", "template", "other"]
MUST_FIX: frozenset[str] = frozenset(
    {"below_minimum", "overflow", "continued", "keep_dropped", "font_missing"})


@dataclass(frozen=True)
class BuildWarning:
    """One non-fatal problem: its kind, the message, and where or what it concerns.

    ``where`` is ``file:line:col`` (or ``file``) when the warning points into an input;
    ``what`` names the text concerned; ``size_from`` and ``size_to`` (points) are set for
    size reductions.
    """

    kind: Kind
    message: str
    where: str | None = None
    what: str | None = None
    size_from: float | None = None
    size_to: float | None = None

    @property
    def must_fix(self) -> bool:
        """Return whether ``--strict`` fails on this warning."""
        return self.kind in MUST_FIX

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message

    def as_json(self) -> dict[str, Any]:
        """Return the warning as a JSON-ready mapping (absent details left out)."""
        data: dict[str, Any] = {"kind": self.kind, "message": self.message,
                                "must_fix": self.must_fix}
        for key, value in (("where", self.where), ("what", self.what),
                           ("from", self.size_from), ("to", self.size_to)):
            if value is not None:
                data[key] = value
        return data


@dataclass
class Warnings:
    """Collects the warnings of one build, each once, and logs them."""

    items: list[BuildWarning] = field(default_factory=list)
    _seen: set[BuildWarning] = field(default_factory=set, repr=False, compare=False)

    def warn(self, message: str, kind: Kind = "other", *, where: str | None = None,
             what: str | None = None) -> None:
        """Record ``message`` of ``kind`` unless the same warning was recorded already."""
        self.add(BuildWarning(kind, message, where, what))

    def shrunk(self, what: str, size_from: float, size_to: float, minimum: float) -> None:
        """Record that ``what`` is set at ``size_to`` instead of ``size_from`` points.

        Below ``minimum`` (the theme's smallest size for that text) it is a must-fix warning.
        """
        below = size_to < minimum
        message = (f"{what} set at {size_to:g} pt instead of {size_from:g} pt"
                   + (f", below the theme's smallest {minimum:g} pt" if below else ""))
        self.add(BuildWarning("below_minimum" if below else "shrunk", message, None, what,
                              size_from, size_to))

    def add(self, warning: BuildWarning) -> None:
        """Record ``warning`` unless an equal one was recorded already."""
        if warning in self._seen:
            return
        logger.warning("%s", warning)
        self._seen.add(warning)
        self.items.append(warning)

    def extend(self, warnings: tuple[BuildWarning, ...] | list[BuildWarning]) -> None:
        """Record each of ``warnings``."""
        for warning in warnings:
            self.add(warning)

    @property
    def messages(self) -> list[str]:
        """Return every warning as text (``where: message``)."""
        return [str(warning) for warning in self.items]


class KeptWarnings(Warnings):
    """Warnings collected to be kept with what made them and told by each build that reuses
    it (``Warnings.extend``): collected as they come, neither logged nor merged."""

    def add(self, warning: BuildWarning) -> None:
        """Collect ``warning``."""
        self.items.append(warning)


@dataclass(frozen=True)
class BuildReport:
    """What one build produced; ``talk_seconds`` is the estimated time the deck takes to
    present (None when no deck was built)."""

    outline: Path
    written: tuple[Path, ...]
    slides: int
    warnings: tuple[BuildWarning, ...]
    talk_seconds: float | None = None

    def as_json(self) -> dict[str, Any]:
        """Return the report as a JSON-ready mapping."""
        talk = None if self.talk_seconds is None else round(self.talk_seconds, 1)
        return {"outline": str(self.outline), "ok": True,
                "written": [str(path) for path in self.written], "slides": self.slides,
                "talk_seconds": talk,
                "warnings": [warning.as_json() for warning in self.warnings]}
