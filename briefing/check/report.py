"""The check report: every slide, where the time goes against the budget, every problem and
what to change; as data for scripts (``as_json``) and for the table and the plot."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.check.budget import SectionTime, Suggestion, over_by
from briefing.check.slides import SlideCheck
from briefing.check.speech import SpeakingRates
from briefing.report import BuildWarning

# The build's must-fix warnings a check reports as problems (the one-pager's are not checked).
SLIDE_PROBLEMS = frozenset({"below_minimum", "overflow", "continued", "font_missing"})


@dataclass(frozen=True)
class Problem:
    """Something a presenter should fix: its kind, the slide it is on (None for the whole
    deck) and what it is."""

    kind: str
    slide: int | None
    message: str

    def as_json(self) -> dict[str, Any]:
        """Return the problem as a JSON-ready mapping."""
        return {"kind": self.kind, "slide": self.slide, "message": self.message}


@dataclass(frozen=True)
class CheckReport:
    """What checking one outline found (``title`` is the outline's). Times are seconds.

    ``budget_seconds`` is None when neither ``--minutes`` nor the outline's ``duration``
    gives one; ``warnings`` are the build's warnings (those of every slide among them).
    """

    outline: Path
    title: str
    lang: str
    slides: tuple[SlideCheck, ...]
    sections: tuple[SectionTime, ...]
    budget_seconds: float | None
    rates: SpeakingRates
    suggestions: tuple[Suggestion, ...]
    warnings: tuple[BuildWarning, ...]

    @property
    def talk_seconds(self) -> float:
        """Return the time the whole deck takes to present."""
        return sum(slide.talk.seconds for slide in self.slides)

    @property
    def over_by_seconds(self) -> float | None:
        """Return how far the talk runs over its budget (0 when it fits; None without one)."""
        return over_by(self.talk_seconds, self.budget_seconds)

    @property
    def problems(self) -> list[Problem]:
        """Return every problem found, slide by slide (the build's must-fix warnings on the
        first slide that raised them), then the deck's own."""
        found: list[Problem] = []
        seen: set[BuildWarning] = set()
        for slide in self.slides:
            found += [Problem("alt_text", slide.number, f"picture {name} has no alternative "
                              "text; give the image an alt (or a caption)")
                      for name in slide.alt_text_missing]
            found += [Problem("contrast", slide.number, problem.message)
                      for problem in slide.contrast_problems]
            found += [Problem("density", slide.number, message)
                      for message in slide.density_problems]
            for warning in slide.warnings:
                if warning.kind in SLIDE_PROBLEMS and warning not in seen:
                    seen.add(warning)
                    found.append(Problem(warning.kind, slide.number, warning.message))
        found += [Problem(warning.kind, None, warning.message) for warning in self.warnings
                  if warning.kind in SLIDE_PROBLEMS and warning not in seen]
        return found

    @property
    def failed(self) -> bool:
        """Return whether ``--strict`` fails: over budget, or any problem found."""
        return bool(self.over_by_seconds) or bool(self.problems)

    def as_json(self) -> dict[str, Any]:
        """Return the report as one JSON-ready mapping (the contract scripts rely on)."""
        budget, over = self.budget_seconds, self.over_by_seconds
        return {
            "outline": str(self.outline),
            "slide_count": len(self.slides),
            "talk_seconds": round(self.talk_seconds, 1),
            "budget_seconds": None if budget is None else round(budget, 1),
            "over_by_seconds": None if over is None else round(over, 1),
            "rates": {"characters_per_minute": self.rates.characters_per_minute,
                      "words_per_minute": self.rates.words_per_minute},
            "slides": [slide.as_json() for slide in self.slides],
            "sections": [section.as_json() for section in self.sections],
            "problems": [problem.as_json() for problem in self.problems],
            "suggestions": [suggestion.as_json() for suggestion in self.suggestions],
        }
