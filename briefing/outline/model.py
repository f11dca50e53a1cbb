"""The outline format: a pydantic model of what a briefing holds.

Short forms are accepted where a hand-written outline wants them: a point, an image, a quote or
a source may be a plain string instead of a mapping.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    SerializerFunctionWrapHandler,
    ValidatorFunctionWrapHandler,
    field_validator,
    model_serializer,
    model_validator,
)
from pydantic_core import PydanticCustomError

from briefing.labels import check_date_format, format_date
from briefing.outline.dates import full_date, impossible_day, year_of

SectionKind = Literal["bullets", "timeline", "comparison", "quote", "figures", "image"]
SECTION_KINDS: tuple[str, ...] = SectionKind.__args__  # type: ignore[attr-defined]
# The content each kind of slide shows, and the kind each content key makes.
CONTENT_OF_KIND: dict[str, str] = {"bullets": "points", "timeline": "events",
                                   "comparison": "columns", "quote": "quote",
                                   "figures": "figures", "image": "image"}
KIND_OF_CONTENT: dict[str, str] = {key: kind for kind, key in CONTENT_OF_KIND.items()}
CONTENT_KEYS: tuple[str, ...] = ("points", "image", "events", "columns", "quote", "figures")
MAX_FIGURES = 4
# Key of a validation error's context that holds the path, below the model that raised it, of
# the value the error is about (a model validator's own errors point at the whole model).
AT = "at"


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

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        return _shorthand(data, "text")


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
    """A section of the briefing: a title and any of the kinds of content, shown in order.

    Every kind of content the section holds is shown, in the order its key is written (the
    ``kind``'s own content first when ``kind`` is given); ``points`` and ``image`` share a
    slide, the bullets beside the picture, unless ``kind`` is ``image``.
    """

    model_config = ConfigDict(json_schema_extra=lambda schema: _section_schema(schema))

    title: Text = Field(min_length=1)
    kind: SectionKind | None = Field(
        None, description="The kind of slide the section starts with; without it, the "
                          "content shows in the order written.")
    points: list[Point] = Field(default_factory=list)
    notes: Text | None = Field(None, description="Speaker notes.")
    image: ImageRef | None = None
    events: list[Event] = Field(default_factory=list)
    scale: Literal["even", "time"] = Field(
        "even", description="How a timeline spaces its events: evenly, or by their dates "
                            "(time; dates such as 1949, 1990年代, 2023-05, 2023年5月, May 2023).")
    columns: list[Column] = Field(
        default_factory=list, description="A two-column comparison: exactly two columns.")
    quote: Quote | None = None
    figures: list[Figure] = Field(default_factory=list,
                                  description=f"Key figures: at most {MAX_FIGURES}.")
    keep: bool = Field(False, description="Keep this section on the one-page summary.")
    layout: str | None = Field(
        None, description="Template layout name for the section's slides.")
    part: Text | None = Field(
        None, description="Starts a new part of the briefing: a divider slide with this title.")
    _written: tuple[str, ...] = PrivateAttr(default=())

    @model_validator(mode="wrap")
    @classmethod
    def _keep_order(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Section:
        """Validate ``data`` and remember in which order its content keys are written."""
        section = handler(data)
        if isinstance(data, dict):
            section._written = tuple(key for key in data if key in CONTENT_KEYS and data[key])
        return section  # type: ignore[no-any-return]

    @model_validator(mode="after")
    def _content_matches_kind(self) -> Section:
        if self.kind is not None and not self.holds(CONTENT_OF_KIND[self.kind]):
            raise ValueError(f"a {self.kind} section needs '{CONTENT_OF_KIND[self.kind]}'")
        if self.scale == "time":
            _check_time_scale(self.events)
        if self.columns and len(self.columns) != 2:
            raise ValueError("a comparison has exactly two columns")
        if len(self.figures) > MAX_FIGURES:
            raise ValueError("at most four key figures per section; split them")
        return self

    @model_serializer(mode="wrap")
    def _in_written_order(self, handler: SerializerFunctionWrapHandler) -> Any:
        """Return the section's data with its content keys in the order they were written,
        so that validating the data again gives the same slides."""
        data = handler(self)
        if not isinstance(data, dict):
            return data
        first = {key: data[key] for key in self._written if key in data}
        return {**first, **{key: value for key, value in data.items() if key not in first}}

    def holds(self, key: str) -> bool:
        """Return whether the section has content under ``key`` (one of CONTENT_KEYS)."""
        return bool(getattr(self, key))

    @property
    def slide_kinds(self) -> tuple[str, ...]:
        """Return the kinds of the section's slides in order (empty for a title slide).

        Each content key makes one slide kind, in the order the keys are written; ``kind``
        moves its own to the front; an image goes beside the points (the ``bullets`` slide,
        where the first of the two is written) unless ``kind`` is ``image``.
        """
        written = [key for key in (*self._written, *CONTENT_KEYS) if self.holds(key)]
        keys = list(dict.fromkeys(written))
        if self.kind is not None:
            lead = CONTENT_OF_KIND[self.kind]
            keys = [lead, *(key for key in keys if key != lead)]
        if "points" in keys and "image" in keys and self.kind != "image":
            first = min(keys.index("points"), keys.index("image"))
            keys = [key for key in keys if key != "image"]
            keys.remove("points")
            keys.insert(first, "points")
        return tuple(KIND_OF_CONTENT[key] for key in keys)

    @property
    def image_beside_points(self) -> bool:
        """Return whether the image shares the points' slide rather than having its own."""
        return self.image is not None and "image" not in self.slide_kinds

    def only(self, kind: str) -> Section:
        """Return this section with only what its ``kind`` slide shows (title, notes, layout
        and part kept): the points with the image when it goes beside them."""
        shown = {CONTENT_OF_KIND[kind]}
        if kind == "bullets" and self.image_beside_points:
            shown.add("image")
        empty: dict[str, Any] = {"points": [], "image": None, "events": [], "columns": [],
                                 "quote": None, "figures": []}
        update = {key: value for key, value in empty.items() if key not in shown}
        section = self.model_copy(update={**update, "kind": kind})
        section._written = tuple(key for key in self._written if key in shown)
        return section

    @property
    def resolved_kind(self) -> str:
        """Return the kind of the section's first slide.

        A section with nothing but a title (and perhaps notes) is a ``title_only`` slide:
        a discussion slide that shows its title and carries its notes.
        """
        kinds = self.slide_kinds
        return kinds[0] if kinds else "title_only"

    @property
    def has_content(self) -> bool:
        """Return whether the section shows anything besides its title."""
        return any(self.holds(key) for key in CONTENT_KEYS)


def _check_time_scale(events: list[Event]) -> None:
    """Raise ValueError unless ``events`` can be placed by their dates: a date that cannot be
    read, or dates all the same, are refused with what to write instead.

    A date that cannot be read raises a PydanticCustomError whose context names the date's
    path below the section under ``AT``, so that the error points at that date.
    """
    if not events:
        raise ValueError("'scale: time' is for a timeline; this section has no 'events'")
    for index, event in enumerate(events):
        if year_of(event.date) is None:
            where = {AT: ("events", index, "date")}
            why = impossible_day(event.date)
            if why is not None:
                raise PydanticCustomError("time_scale_day", "{date} {why}",
                                          {"date": repr(event.date), "why": why, **where})
            raise PydanticCustomError(
                "time_scale_date", "'scale: time' places events by date, and {date} is not a "
                "date it reads: write 1949, 1990年代, 2023-05, 2023年5月 or May 2023, or remove "
                "'scale: time'", {"date": repr(event.date), **where})
    if len({year_of(event.date) for event in events}) < 2:
        raise ValueError("'scale: time' needs events at two different dates at least")


def _section_schema(schema: dict[str, Any]) -> None:
    """Add to a section's JSON Schema the rules its validator applies: a ``kind`` needs its
    content, a comparison has exactly two columns (an empty list is none), there are at most
    four figures."""
    properties = schema["properties"]
    properties["columns"]["anyOf"] = [{"maxItems": 0}, {"minItems": 2, "maxItems": 2}]
    properties["figures"]["maxItems"] = MAX_FIGURES
    schema["allOf"] = [
        {"if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
         "then": {"required": [key], "properties": {key: _present(key)}}}
        for kind, key in CONTENT_OF_KIND.items()]


def _present(key: str) -> dict[str, Any]:
    """Return the schema of content under ``key`` that is there: a list with an item, or a
    value that is not null."""
    if key in ("image", "quote"):
        return {"not": {"type": "null"}}
    return {"minItems": 1}


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

    def with_source_dates_shown(self) -> Outline:
        """Return this outline with each source's date that names a whole day (``2026-02-28``,
        ``2026年2月28日``, ``28 Feb 2026``: ``dates.full_date``) shown as the outline's own date
        is (``date_text``); a year or a month alone, or other text, stays as written."""
        sources = []
        for source in self.sources:
            day = full_date(source.date) if source.date else None
            shown = format_date(day, self.language, self.date_format) if day else source.date
            sources.append(source if shown == source.date
                           else source.model_copy(update={"date": shown}))
        return self.model_copy(update={"sources": sources})

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
