"""Build measured text frames: headings (phrase-broken, balanced) and bullet bodies."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing.layout.boxes import Align, Anchor, Box, Paragraph, TextFrame
from briefing.outline.model import Point
from briefing.report import Warnings
from briefing.text.fit import Fitted, Item, fit_heading, fit_items, layout_items
from briefing.text.fonts import Measurer
from briefing.theme.tokens import Theme

BULLETS = ("•", "–")
EMERGENCY_MIN_SIZE = 10.0
# What a frame is, in the words of a warning (by frame name; others in lower case).
DESCRIBED = {"Title": "title", "Entry": "agenda entry", "Sections": "agenda list from",
             "Label": "figure label", "Value": "figure value", "Date": "timeline date",
             "Header text": "column title", "Attribution": "quote attribution",
             "Number text": "agenda number", "Part number": "part number"}


@dataclass(frozen=True)
class Typesetter:
    """What measuring and styling text needs: theme, measurer, language and a warnings sink."""

    theme: Theme
    measurer: Measurer
    lang: str
    warnings: Warnings

    def heading(self, text: str, box: Box, role: str, color: str, *, align: Align = "l",
                anchor: Anchor = "t", max_lines: int = 3, frame_role: str = "text",
                name: str = "Heading") -> TextFrame:
        """Return ``text`` as a heading fitted into ``box`` at the largest size of ``role``."""
        sizes = self.theme.size_range(role)
        what = _described(name, text)
        found = fit_heading(self.measurer, text, box.w, box.h, sizes, self.lang, max_lines)
        if found is None:
            emergency = (sizes[1] - 1, min(sizes[1] - 1, EMERGENCY_MIN_SIZE))
            found = fit_heading(self.measurer, text, box.w, box.h, emergency, self.lang, 8)
            if found is None:
                found = fit_heading(self.measurer, text, box.w, 10_000, (EMERGENCY_MIN_SIZE,) * 2,
                                    self.lang, 1000)
                assert found is not None
                self.warnings.warn(f"{what} is too long for its box even at "
                                   f"{EMERGENCY_MIN_SIZE:g} pt; shorten it", "overflow",
                                   what=what)
                return self._heading_frame(text, found, box, color, align, anchor, frame_role,
                                           name)
        if found[0] < sizes[0]:
            self.warnings.shrunk(what, sizes[0], found[0], sizes[1])
        return self._heading_frame(text, found, box, color, align, anchor, frame_role, name)

    def _heading_frame(self, text: str, found: tuple[float, list[str]], box: Box, color: str,
                       align: Align, anchor: Anchor, frame_role: str, name: str) -> TextFrame:
        """Return the frame of a heading set at ``found`` (size, lines)."""
        size, lines = found
        paragraph = Paragraph(text, tuple(lines), size, color, align=align)
        return TextFrame(box, (paragraph,), self.measurer.line_height(1.0), frame_role,  # type: ignore[arg-type]
                         anchor, explicit_breaks=True, lang=self.lang, name=name)

    def body(self, items: Sequence[Item], box: Box, role: str, color: str,
             sub_color: str | None = None, name: str = "Text") -> TextFrame | None:
        """Return ``items`` fitted into ``box`` at the largest size of ``role``, or None."""
        sizes = self.theme.size_range(role)
        fitted = fit_items(self.measurer, items, box.w, box.h, sizes, self.theme.paragraph_space)
        if fitted is None:
            return None
        if fitted.size < sizes[0] and items:
            self.warnings.shrunk(_described(name, items[0].text), sizes[0], fitted.size,
                                 sizes[1])
        return self.frame_from(fitted, box, color, sub_color or color, name)

    def body_at(self, items: Sequence[Item], box: Box, size: float, color: str,
                sub_color: str | None = None, name: str = "Text") -> TextFrame:
        """Return ``items`` laid out at ``size`` in ``box`` (the caller checked it fits)."""
        fitted = layout_items(self.measurer, items, size, box.w, self.theme.paragraph_space)
        return self.frame_from(fitted, box, color, sub_color or color, name)

    def best_size(self, items: Sequence[Item], box: Box, role: str) -> float | None:
        """Return the largest size of ``role`` at which ``items`` fit ``box``, or None."""
        fitted = fit_items(self.measurer, items, box.w, box.h, self.theme.size_range(role),
                           self.theme.paragraph_space)
        return None if fitted is None else fitted.size

    def frame_from(self, fitted: Fitted, box: Box, color: str, sub_color: str,
                   name: str) -> TextFrame:
        """Return a body TextFrame from a fitting result."""
        paragraphs = tuple(
            Paragraph(f.item.text, f.lines, f.size, color if f.item.level == 0 else sub_color,
                      level=f.item.level, bullet=BULLETS[min(f.item.level, 1)] if f.item.bullet
                      else None, indent=f.indent, space_before=f.space_before)
            for f in fitted.items)
        return TextFrame(box, paragraphs, self.measurer.line_height(1.0), "body", "t",
                         lang=self.lang, name=name)

    def line_height(self, size: float) -> float:
        """Return the line height at ``size``."""
        return self.measurer.line_height(size)


def point_items(points: Sequence[Point], bullet: bool = True) -> list[Item]:
    """Return the fitting items for points and their sub-points."""
    items: list[Item] = []
    for point in points:
        items.append(Item(point.text, 0, bullet))
        items.extend(Item(sub, 1, bullet) for sub in point.points)
    return items


def _described(name: str, text: str) -> str:
    """Return what a frame called ``name`` holding ``text`` is, for a warning."""
    return f"{DESCRIBED.get(name, name.lower())} '{_short(text)}'"


def _short(text: str) -> str:
    """Return the start of ``text`` for messages."""
    return text if len(text) <= 30 else text[:29] + "…"
