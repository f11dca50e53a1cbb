"""Headings fitted into their boxes: within the theme's sizes first (on more lines if need
be), then below them, and never beyond the box: a heading too long even there shows its
start, ended by an ellipsis. Worked out by hand with a measurer of round numbers."""

from __future__ import annotations

from briefing.geometry import Box
from briefing.layout.frames import TextSpec, Typesetter
from briefing.report import Warnings

TEXT = "aaaa bbbb cccc dddd eeee ffff gggg hhhh"  # eight 4-letter words


class Grid:
    """A measurer with round numbers: a Latin character is half an em wide and a line 1.2
    ems high."""

    natural_line_height = 1.2
    stamp = "grid"  # names its widths among the lines kept on disk
    line_spacing = 1.0

    def width(self, text: str, size: float) -> float:
        """Return the width of ``text`` at ``size``."""
        return sum(0.5 if ord(char) < 0x3000 else 1.0 for char in text) * size

    def line_height(self, size: float) -> float:
        """Return the line height at ``size``."""
        return 1.2 * size

    def with_spacing(self, spacing: float) -> Grid:
        """Return this measurer (its pitch is already 1.2 ems)."""
        return self


def heading(height: float, sizes: tuple[float, float] = (20, 14)) -> tuple[object, Warnings]:
    """Return TEXT as a heading in a 100 pt wide box ``height`` tall, and the warnings."""
    warnings = Warnings()
    typesetter = Typesetter(None, "en", warnings)  # type: ignore[arg-type]
    spec = TextSpec(sizes, Grid(), 1.2, (), None)  # type: ignore[arg-type]
    frame = typesetter.heading(TEXT, Box(0, 0, 100, height), spec, max_lines=2,
                               name="Title")
    return frame.paragraphs[0], warnings


def test_more_lines_within_the_theme_sizes_before_going_below_them() -> None:
    # 95 of 100 pt are usable. Two lines need four words a line (19 characters, 9.5 ems),
    # so 10 pt at most: below the smallest 14 pt. On more lines: at 20-17 pt two words a
    # line (9 characters, 4.5 ems <= 95 pt; three words are 7 ems > 95 pt), four lines of
    # 24-20.4 pt, too tall for 78.4 of 80 pt; at 16 pt four lines of 19.2 pt, 76.8 pt: fits.
    paragraph, warnings = heading(80)
    assert paragraph.size == 16  # type: ignore[attr-defined]
    assert paragraph.lines == ("aaaa bbbb", "cccc dddd", "eeee ffff", "gggg hhhh")  # type: ignore[attr-defined]
    assert [(w.kind, w.size_from, w.size_to) for w in warnings.items] == [("shrunk", 20, 16)]


def test_below_the_theme_sizes_when_no_number_of_lines_fits_within_them() -> None:
    # 40 pt tall (39.2 usable): within 20-14 pt four lines never fit (4 x 16.8 = 67.2).
    # Below: at 13 pt three words a line (7 ems = 91 pt), three lines of 15.6 pt, 46.8 pt,
    # too tall; at 12 pt, 43.2 pt, too tall; at 11 pt three lines, 39.6 pt, too tall; at
    # 10 pt four words a line (95 pt), two lines, 24 pt: fits.
    paragraph, warnings = heading(40)
    assert paragraph.size == 10  # type: ignore[attr-defined]
    assert paragraph.lines == ("aaaa bbbb cccc dddd", "eeee ffff gggg hhhh")  # type: ignore[attr-defined]
    assert [(w.kind, w.size_from, w.size_to) for w in warnings.items] == [
        ("below_minimum", 20, 10)]


def test_a_heading_too_long_even_below_shows_its_start() -> None:
    # 20 pt tall (19.6 usable) holds one 12 pt line at 10 pt: four words (95 pt) and an
    # ellipsis (5 pt) are too wide, so the line ends after the third word.
    paragraph, warnings = heading(20)
    assert paragraph.size == 10  # type: ignore[attr-defined]
    assert paragraph.text == "aaaa bbbb cccc\u2026"  # type: ignore[attr-defined]
    assert paragraph.lines == ("aaaa bbbb cccc\u2026",)  # type: ignore[attr-defined]
    (warning,) = warnings.items
    assert (warning.kind, warning.must_fix, warning.size_from, warning.size_to) == (
        "overflow", True, 20, 10)
    assert "shows its start" in warning.message
