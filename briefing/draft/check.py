"""Try a draft the way its user will: validate and build its deck, and find what would be
shrunk below the theme's smallest sizes or continued on another slide."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from briefing.api import Options, build
from briefing.draft.model import DraftSection

# The kinds of build warning about text that does not fit where it goes: set below the
# theme's smallest size, cut, or continued on another slide (shrinking within the theme's
# range is how fitting works, not a problem).
FIT_KINDS = frozenset({"below_minimum", "overflow", "continued"})


def fit_problems(outline_text: str) -> list[str]:
    """Return the build warnings about text that does not fit, for the outline text given.

    The deck is built in a temporary folder (no one-page summary: it always fits by leaving
    content out). Raises OutlineError when the text does not validate.
    """
    with tempfile.TemporaryDirectory(prefix="briefing-draft-") as folder:
        path = Path(folder) / "draft.yaml"
        path.write_text(outline_text, encoding="utf-8")
        report = build(path, Options(out_dir=Path(folder) / "out", summary=False))
    return [str(w) for w in report.warnings if w.kind in FIT_KINDS]


def sections_named(sections: Sequence[DraftSection], problems: Sequence[str]) -> list[int]:
    """Return the indexes of the sections the warnings speak of (by a title, a column or
    figure label, a quotation or an event date they quote, whole or cut to 29 characters)."""
    hits = []
    for index, section in enumerate(sections):
        names = [section.title, *(c.title for c in section.columns),
                 *(f.label for f in section.figures), *(f.value for f in section.figures)]
        if section.quote:
            names.append(section.quote.text)
        quoted = [f"'{name}'" for name in names] + [f"'{name[:29]}…'" for name in names
                                                    if len(name) > 30]
        if section.events:
            quoted.extend(f"event '{event.date}'" for event in section.events)
        if any(q in problem for q in quoted for problem in problems):
            hits.append(index)
    return hits
