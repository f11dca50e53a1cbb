"""Minutes per section against the budget, as a PNG chart drawn with Pillow.

Each section of the talk is a row: its bar runs from the minute the section starts to the
minute it ends on one time axis, so the bar's length is the time it takes and its position
says when it is reached. A vertical line marks the budget; what lies beyond it is red. The
opening and the closing are grey. The chart is drawn at ``SCALE`` pixels per point of a
layout measured in points, in the bundled Noto Sans JP, which shows Japanese and Latin text.
"""

from __future__ import annotations

import io
import math

from PIL import Image, ImageDraw, ImageFont

from briefing.check.budget import SectionTime, clock
from briefing.check.report import CheckReport
from briefing.text.fonts import bundled_font_path

SCALE = 2.0
WIDTH = 800.0  # points
LABEL_W = 230.0
MARGIN = 24.0
ROW_H = 26.0
BAR_H = 16.0
HEAD_H = 64.0
AXIS_H = 40.0
LEGEND_H = 28.0
INK = "#1F2933"
MUTED = "#52606D"
GRID = "#E4E7EB"
WITHIN = "#1F4E79"
BEYOND = "#C62828"
ENDS = "#9AA5B1"
BUDGET = "#C62828"


def plot_png(report: CheckReport) -> bytes:
    """Return the chart of ``report``'s minutes per section against its budget, as PNG."""
    rows = report.sections
    height = HEAD_H + ROW_H * len(rows) + AXIS_H + LEGEND_H + MARGIN
    image = Image.new("RGB", (_px(WIDTH), _px(height)), "white")
    draw = ImageDraw.Draw(image)
    total, budget = report.talk_seconds, report.budget_seconds
    span = _span(max(total, budget or 0.0))
    chart = (MARGIN + LABEL_W, WIDTH - MARGIN - 40.0)  # left and right of the time axis
    _heading(draw, report)
    top = HEAD_H
    words = _words(report.lang)
    _grid(draw, span, chart, top, top + ROW_H * len(rows), words["min"])
    start = 0.0
    for index, part in enumerate(rows):
        _row(draw, part, start, budget, span, chart, top + ROW_H * index)
        start += part.seconds
    if budget is not None:
        _budget_line(draw, budget, span, chart, top, top + ROW_H * len(rows),
                     words["budget"].format(budget=clock(budget)))
    _legend(draw, top + ROW_H * len(rows) + AXIS_H, budget is not None, words)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


# The chart's words in the outline's language (English for any other).
WORDS = {
    "en": {"slides": "{n} slides, {time} to present",
           "over": ": {over} over the budget of {budget}",
           "within": ": within the budget of {budget}", "none": " (no budget given)",
           "min": "min", "budget": "budget {budget}", "section": "section",
           "ends": "opening and closing", "beyond": "beyond the budget"},
    "ja": {"slides": "スライド{n}枚、発表{time}", "over": "：予算{budget}を{over}超過",
           "within": "：予算{budget}以内", "none": "（予算の指定なし）", "min": "分",
           "budget": "予算 {budget}", "section": "セクション", "ends": "導入と結び",
           "beyond": "予算超過"},
}


def _words(lang: str) -> dict[str, str]:
    """Return the chart's words in ``lang``."""
    return WORDS.get(lang, WORDS["en"])


def _px(points: float) -> int:
    """Return ``points`` in pixels."""
    return round(points * SCALE)


def _font(size: float) -> ImageFont.FreeTypeFont:
    """Return the chart's typeface at ``size`` points."""
    return ImageFont.truetype(str(bundled_font_path()), _px(size))


def _span(seconds: float) -> float:
    """Return the length of the time axis: ``seconds`` and a little room, rounded up to a
    whole tick of the axis it makes (``_tick`` of the result)."""
    span = max(seconds * 1.04, 30.0)
    while True:
        step = _tick(span)
        whole = math.ceil(span / step - 1e-9) * step
        if _tick(whole) == step:
            return whole
        span = whole


def _tick(seconds: float) -> float:
    """Return the spacing of the axis ticks, in seconds: 1, 2, 5, 10... minutes."""
    minutes = seconds / 60
    for step in (0.5, 1, 2, 5, 10, 15, 30, 60):
        if minutes / step <= 10:
            return step * 60.0
    return 120 * 60.0


def _x(seconds: float, span: float, chart: tuple[float, float]) -> float:
    """Return the x of ``seconds`` on the time axis, in points."""
    return chart[0] + (chart[1] - chart[0]) * seconds / span


def _text(draw: ImageDraw.ImageDraw, x: float, y: float, text: str, size: float,
          fill: str, anchor: str = "la") -> None:
    """Draw ``text`` at (x, y) points."""
    draw.text((_px(x), _px(y)), text, fill=fill, font=_font(size), anchor=anchor)


def _fit(text: str, size: float, width: float) -> str:
    """Return ``text`` cut with an ellipsis to ``width`` points at ``size``."""
    font = _font(size)
    if font.getlength(text) <= _px(width):
        return text
    while text and font.getlength(text + "…") > _px(width):
        text = text[:-1]
    return text + "…"


def _heading(draw: ImageDraw.ImageDraw, report: CheckReport) -> None:
    """Draw the chart's title and its totals line."""
    _text(draw, MARGIN, 14, _fit(report.title, 15, WIDTH - 2 * MARGIN), 15, INK)
    total, budget, over = report.talk_seconds, report.budget_seconds, report.over_by_seconds
    words = _words(report.lang)
    line = words["slides"].format(n=len(report.slides), time=clock(total))
    if budget is not None and over:
        line += words["over"].format(over=clock(over), budget=clock(budget))
    elif budget is not None:
        line += words["within"].format(budget=clock(budget))
    else:
        line += words["none"]
    _text(draw, MARGIN, 38, line, 11, BEYOND if over else MUTED)


def _grid(draw: ImageDraw.ImageDraw, span: float, chart: tuple[float, float], top: float,
          bottom: float, unit: str) -> None:
    """Draw the minute lines and the axis labels under the rows."""
    step = _tick(span)
    count = int(span / step + 0.5)
    for index in range(count + 1):
        x = _x(index * step, span, chart)
        draw.line([(_px(x), _px(top)), (_px(x), _px(bottom))], fill=GRID, width=_px(0.75))
        label = f"{index * step / 60:g}"
        _text(draw, x, bottom + 6, label, 9, MUTED, "ma")
    _text(draw, chart[1] + 8, bottom + 6, unit, 9, MUTED)


def _row(draw: ImageDraw.ImageDraw, part: SectionTime, start: float, budget: float | None,
         span: float, chart: tuple[float, float], top: float) -> None:
    """Draw one section: its title, its bar from start to end, and its minutes."""
    middle = top + ROW_H / 2
    title = _fit(part.title, 10, LABEL_W - 10)
    _text(draw, MARGIN + LABEL_W - 10, middle, title, 10, INK if part.content else MUTED, "rm")
    end = start + part.seconds
    y0, y1 = middle - BAR_H / 2, middle + BAR_H / 2
    color = WITHIN if part.content else ENDS
    cut = end if budget is None else min(max(budget, start), end)
    if cut > start:
        _bar(draw, _x(start, span, chart), _x(cut, span, chart), y0, y1, color)
    if cut < end:
        _bar(draw, _x(cut, span, chart), _x(end, span, chart), y0, y1, BEYOND)
    _text(draw, _x(end, span, chart) + 5, middle, clock(part.seconds), 9, MUTED, "lm")


def _bar(draw: ImageDraw.ImageDraw, left: float, right: float, top: float, bottom: float,
         color: str) -> None:
    """Draw a bar at least a pixel wide."""
    draw.rectangle([(_px(left), _px(top)), (max(_px(right) - 1, _px(left)), _px(bottom))],
                   fill=color)


def _budget_line(draw: ImageDraw.ImageDraw, budget: float, span: float,
                 chart: tuple[float, float], top: float, bottom: float, label: str) -> None:
    """Draw the budget as a dashed vertical line, labelled above the rows."""
    x = _px(_x(budget, span, chart))
    dash, y = _px(4), _px(top - 4)
    while y < _px(bottom + 2):
        draw.line([(x, y), (x, min(y + dash, _px(bottom + 2)))], fill=BUDGET, width=_px(1.5))
        y += 2 * dash
    _text(draw, _x(budget, span, chart), top - 6, label, 9, BUDGET, "md")


def _legend(draw: ImageDraw.ImageDraw, top: float, budgeted: bool,
            words: dict[str, str]) -> None:
    """Draw what the colours mean."""
    entries = [(WITHIN, words["section"]), (ENDS, words["ends"])]
    if budgeted:
        entries.append((BEYOND, words["beyond"]))
    x = MARGIN + LABEL_W
    for color, text in entries:
        draw.rectangle([(_px(x), _px(top + 3)), (_px(x + 14), _px(top + 13))], fill=color)
        _text(draw, x + 19, top + 8, text, 9, MUTED, "lm")
        x += 19 + _font(9).getlength(text) / SCALE + 22
