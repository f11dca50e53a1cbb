"""The draft outline as plain values, before it is written as YAML.

Field names follow the outline format (briefing/outline/model.py); ``review`` holds the
comments the YAML carries above an entry to say what a person should check.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.draft.furniture import LeftOut


@dataclass(frozen=True)
class DraftPoint:
    """A key point with optional second-level points."""

    text: str
    points: tuple[str, ...] = ()


@dataclass(frozen=True)
class DraftEvent:
    """A dated event of a timeline."""

    date: str
    title: str
    text: str


@dataclass(frozen=True)
class DraftColumn:
    """One side of a comparison."""

    title: str
    points: tuple[str, ...]


@dataclass(frozen=True)
class DraftFigure:
    """A key figure: the number as written and what it counts."""

    value: str
    label: str


@dataclass(frozen=True)
class DraftQuote:
    """A quotation and who said it."""

    text: str
    by: str | None


@dataclass(frozen=True)
class DraftSection:
    """A section of the draft, of one kind, with its speaker notes."""

    title: str
    kind: str
    points: tuple[DraftPoint, ...] = ()
    events: tuple[DraftEvent, ...] = ()
    columns: tuple[DraftColumn, ...] = ()
    quote: DraftQuote | None = None
    figures: tuple[DraftFigure, ...] = ()
    notes: str = ""
    part: str | None = None
    keep: bool = False
    review: tuple[str, ...] = ()


@dataclass(frozen=True)
class DraftSource:
    """Where the article came from."""

    title: str
    url: str | None = None
    publisher: str | None = None
    date: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Draft:
    """A whole draft outline and what it left out of the article."""

    title: str
    subtitle: str | None
    lang: str
    summary: tuple[str, ...]
    sections: tuple[DraftSection, ...]
    sources: tuple[DraftSource, ...]
    source_name: str
    left_out: tuple[LeftOut, ...] = field(default_factory=tuple)
