"""The outline format: a pydantic model of what a briefing holds.

Short forms are accepted where a hand-written outline wants them: a point, an image or a source
may be a plain string instead of a mapping.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from briefing.labels import check_date_format, format_date

SectionKind = Literal["bullets", "timeline", "comparison", "quote", "figures", "image"]
SECTION_KINDS: tuple[str, ...] = SectionKind.__args__  # type: ignore[attr-defined]


class _Model(BaseModel):
    """Common settings: unknown keys are errors, values are frozen once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _shorthand(data: Any, key: str) -> Any:
    """Return ``{key: data}`` when ``data`` is a plain string, else ``data`` unchanged."""
    return {key: data} if isinstance(data, str) else data


Text = str


class Point(_Model):
    """A key point: its text and optional second-level points."""

    text: Text = Field(min_length=1, description="The point, one sentence or phrase.")
    points: list[Text] = Field(default_factory=list, description="Sub-points (second level).")
    keep: bool = Field(False, description="Keep this point on the one-page summary.")

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        return _shorthand(data, "text")


class ImageRef(_Model):
    """An image, with the path relative to the outline file."""

    path: str = Field(min_length=1, description="Image file, relative to the outline file.")
    caption: Text | None = None
    credit: Text | None = None
    alt: Text | None = Field(None, description="Alternative text; defaults to the caption.")

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        return _shorthand(data, "path")


class Event(_Model):
    """A dated event on a timeline."""

    date: Text = Field(min_length=1, description='When: "1949", "1990年代", "2023-05"…')
    title: Text = Field(min_length=1)
    text: Text | None = None


class Column(_Model):
    """One side of a two-column comparison."""

    title: Text = Field(min_length=1)
    points: list[Point] = Field(min_length=1)


class Quote(_Model):
    """A quotation or callout."""

    text: Text = Field(min_length=1)
    by: Text | None = Field(None, description="Attribution.")


class Figure(_Model):
    """A key figure: a short value and what it means."""

    value: Text = Field(min_length=1, description='A short value: "32", "1949", "2倍".')
    label: Text = Field(min_length=1)


class Source(_Model):
    """A source the briefing cites."""

    title: Text = Field(min_length=1)
    url: str | None = None
    publisher: Text | None = None
    date: Text | None = None
    note: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        return _shorthand(data, "title")


class Section(_Model):
    """A section of the briefing; its kind is inferred from what it holds unless given."""

    title: Text = Field(min_length=1)
    kind: SectionKind | None = Field(None, description="Slide kind; inferred when omitted.")
    points: list[Point] = Field(default_factory=list)
    notes: Text | None = Field(None, description="Speaker notes.")
    image: ImageRef | None = None
    events: list[Event] = Field(default_factory=list)
    columns: list[Column] = Field(default_factory=list)
    quote: Quote | None = None
    figures: list[Figure] = Field(default_factory=list)
    keep: bool = Field(False, description="Keep this section on the one-page summary.")
    layout: str | None = Field(None, description="Template layout name to use.")
    part: Text | None = Field(
        None, description="Starts a new part of the briefing: a divider slide with this title.")

    @model_validator(mode="after")
    def _content_matches_kind(self) -> Section:
        kind = self.resolved_kind
        needs = {"timeline": ("events", self.events), "comparison": ("columns", self.columns),
                 "quote": ("quote", self.quote), "figures": ("figures", self.figures),
                 "image": ("image", self.image), "bullets": ("points", self.points)}
        if kind in needs and not needs[kind][1]:
            raise ValueError(f"a {kind} section needs '{needs[kind][0]}'")
        if self.columns and len(self.columns) != 2:
            raise ValueError("a comparison has exactly two columns")
        if len(self.figures) > 4:
            raise ValueError("at most four key figures per section; split them")
        return self

    @property
    def resolved_kind(self) -> str:
        """Return the slide kind: the given one, else the one its content implies.

        A section with nothing but a title (and perhaps notes) is a ``title_only`` slide:
        a discussion slide that shows its title and carries its notes.
        """
        if self.kind:
            return self.kind
        if not self.has_content:
            return "title_only"
        for kind, present in (("timeline", self.events), ("comparison", self.columns),
                              ("quote", self.quote), ("figures", self.figures)):
            if present:
                return kind
        if self.image and not self.points:
            return "image"
        return "bullets"

    @property
    def has_content(self) -> bool:
        """Return whether the section shows anything besides its title."""
        return bool(self.points or self.events or self.columns or self.quote or self.figures
                    or self.image)


class Outline(_Model):
    """A briefing: title block, bottom line, sections and sources."""

    title: Text = Field(min_length=1)
    subtitle: Text | None = None
    lang: Literal["ja", "en"] | None = Field(
        None, description="Language of labels and typography; detected from the title if omitted.")
    date: dt.date | None = Field(
        None, description="YYYY-MM-DD: shown on the slides and the one-pager, and the "
                          "document date of the deck and the PDF.")
    date_format: str | None = Field(
        None, description="How dates are shown, e.g. '%-d %B %Y' or '%Y年%-m月%-d日'; "
                          "the language's own format when omitted.")
    author: Text | None = None
    organization: Text | None = None
    classification: Text | None = Field(None, description="Marking shown on every page.")
    theme: str | None = Field(None, description="Built-in theme name or theme file.")
    template: str | None = Field(None, description="Corporate .pptx template, relative path.")
    duration: float | None = Field(
        None, gt=0, allow_inf_nan=False,
        description="Minutes the talk may take: the budget 'briefing check' times it against.")
    summary: list[Text] = Field(default_factory=list, max_length=6,
                                description="Bottom line up front: 2-4 key takeaways.")
    sections: list[Section] = Field(min_length=1)
    sources: list[Source] = Field(default_factory=list)

    @field_validator("date_format")
    @classmethod
    def _known_directives(cls, value: str | None) -> str | None:
        return None if value is None else check_date_format(value)

    @property
    def date_text(self) -> str | None:
        """Return the outline's date as the deck and the one-pager show it, or None."""
        if self.date is None:
            return None
        return format_date(self.date, self.language, self.date_format)

    @property
    def language(self) -> str:
        """Return the outline's language, detecting Japanese from the title when not given."""
        if self.lang:
            return self.lang
        return "ja" if any(_is_japanese(c) for c in self.title) else "en"


def _is_japanese(char: str) -> bool:
    """Return whether ``char`` is kana or a CJK ideograph."""
    code = ord(char)
    return 0x3040 <= code <= 0x30FF or 0x4E00 <= code <= 0x9FFF
