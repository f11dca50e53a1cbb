"""Check a laid-out deck: each slide measured, timed and judged, then the totals."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from briefing.check.budget import sections, suggestions
from briefing.check.contrast import contrast_problems
from briefing.check.deck import LaidOut
from briefing.check.density import density_problems
from briefing.check.report import CheckReport
from briefing.check.slides import SlideCheck, measure
from briefing.check.speech import SpeakingRates, talk
from briefing.report import BuildWarning
from briefing.theme.design import Design


def check_slides(laid_out: Sequence[LaidOut], design: Design,
                 rates: SpeakingRates) -> list[SlideCheck]:
    """Return what the check finds on each slide, in order."""
    times = talk([slide.page for slide in laid_out], rates)
    found = []
    for number, (slide, time) in enumerate(zip(laid_out, times, strict=True), start=1):
        measured = measure(number, slide, time,
                           contrast_problems(design, slide.styled, slide.page))
        dense = density_problems(slide.page, measured.text)
        found.append(replace(measured, density_problems=tuple(dense)))
    return found


def report_of(outline: Path, title: str, lang: str, laid_out: Sequence[LaidOut], design: Design,
              rates: SpeakingRates, budget_seconds: float | None,
              warnings: Sequence[BuildWarning]) -> CheckReport:
    """Return the check report of a deck laid out from ``outline``."""
    slides = check_slides(laid_out, design, rates)
    parts = sections(slides, lang)
    advice = suggestions(parts, slides, budget_seconds, rates)
    return CheckReport(outline, title, lang, tuple(slides), tuple(parts), budget_seconds, rates,
                       tuple(advice), tuple(warnings))
