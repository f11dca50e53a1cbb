"""The check report as text for a terminal: a line of totals, a table of the slides, where
the time goes by section, then every problem and suggestion.

Columns are aligned by display width: East Asian wide and full-width characters take two
cells (Unicode Standard Annex #11), so Japanese titles line up with Latin ones.
"""

from __future__ import annotations

import unicodedata

from briefing.check.budget import clock
from briefing.check.report import CheckReport
from briefing.check.slides import SlideCheck

TITLE_CELLS = 28
BAR_CELLS = 30
HEADER = ("#", "kind", "title", "words", "chars", "lines", "min pt", "talk", "from", "notes")
RIGHT = {0, 3, 4, 5, 6, 7}


def cells(text: str) -> int:
    """Return how many terminal cells ``text`` takes."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else
               0 if unicodedata.combining(c) else 1 for c in text)


def clip(text: str, width: int) -> str:
    """Return ``text`` cut to ``width`` cells, with an ellipsis when cut."""
    if cells(text) <= width:
        return text
    kept = ""
    for char in text:
        if cells(kept + char) > width - 1:
            break
        kept += char
    return kept + "…"


def pad(text: str, width: int, right: bool = False) -> str:
    """Return ``text`` padded with spaces to ``width`` cells."""
    space = " " * max(width - cells(text), 0)
    return space + text if right else text + space


def table_lines(report: CheckReport) -> list[str]:
    """Return the report as lines of text."""
    lines = [totals_line(report), ""]
    rows = [HEADER, *(_row(slide) for slide in report.slides)]
    widths = [max(cells(row[i]) for row in rows) for i in range(len(HEADER))]
    for row in rows:
        lines.append("  ".join(pad(value, widths[i], i in RIGHT)
                               for i, value in enumerate(row)).rstrip())
    lines += ["", *section_lines(report)]
    listed = problem_lines(report)  # a problem on several slides is one line
    if listed:
        lines += ["", f"problems ({len(listed)}):", *listed]
    if report.suggestions:
        lines += ["", "suggestions, largest gain first:"]
        lines += [f"  {n}. {s.message}" for n, s in enumerate(report.suggestions, start=1)]
    return lines


def problem_lines(report: CheckReport) -> list[str]:
    """Return one line per problem, the same problem on several slides once, naming them."""
    slides: dict[tuple[str, str], list[int]] = {}
    for problem in report.problems:
        slides.setdefault((problem.kind, problem.message), [])
        if problem.slide is not None:
            slides[(problem.kind, problem.message)].append(problem.slide)
    lines = []
    for (kind, message), numbers in slides.items():
        where = ""
        if numbers:
            where = ("slide " if len(numbers) == 1 else "slides ") + _ranges(numbers) + ", "
        lines.append(f"  {where}{kind}: {message}")
    return lines


def _ranges(numbers: list[int]) -> str:
    """Return slide numbers as ranges: 1-3, 7, 9-10."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)


def totals_line(report: CheckReport) -> str:
    """Return the one line a presenter reads first: slides, talk time, budget."""
    text = (f"{report.outline}: {len(report.slides)} slides, about "
            f"{clock(report.talk_seconds)} to present")
    budget, over = report.budget_seconds, report.over_by_seconds
    if budget is None or over is None:
        return text + " (no budget: give --minutes or a duration in the outline)"
    if over > 0:
        return text + f", {clock(over)} over the budget of {clock(budget)}"
    return text + f", within the budget of {clock(budget)} ({clock(budget - report.talk_seconds)}" \
                  " to spare)"


def _row(slide: SlideCheck) -> tuple[str, ...]:
    """Return one slide's cells."""
    smallest = "" if slide.smallest_pt is None else f"{slide.smallest_pt:g}"
    return (str(slide.number), slide.kind, clip(slide.title, TITLE_CELLS),
            str(slide.text.words), str(slide.text.characters), str(slide.lines), smallest,
            clock(slide.talk.seconds), slide.talk.source, ", ".join(_flags(slide)))


def _flags(slide: SlideCheck) -> list[str]:
    """Return short words for what the check found on a slide."""
    flags = []
    for shrink in slide.shrunk:
        mark = "!" if shrink.below_minimum else ""
        flags.append(f"shrunk {shrink.size_from:g}→{shrink.size_to:g}{mark}")
    if slide.continued:
        flags.append("continued")
    if slide.density_problems:
        flags.append("dense")
    if slide.contrast_problems:
        flags.append("contrast")
    if slide.alt_text_missing:
        flags.append("no alt text")
    if any(w.kind == "overflow" for w in slide.warnings):
        flags.append("overflow")
    return flags


def section_lines(report: CheckReport) -> list[str]:
    """Return where the time goes: each section's time as a bar, scaled to the longest."""
    longest = max((part.seconds for part in report.sections), default=0.0) or 1.0
    width = min(max((cells(part.title) for part in report.sections), default=0), TITLE_CELLS)
    lines = ["time by section:"]
    for part in report.sections:
        bar = "█" * max(round(BAR_CELLS * part.seconds / longest), 1 if part.seconds else 0)
        share = part.seconds / report.talk_seconds if report.talk_seconds else 0.0
        lines.append(f"  {pad(clip(part.title, width), width)}  {clock(part.seconds):>5}  "
                     f"{share:4.0%}  {bar}")
    return lines
