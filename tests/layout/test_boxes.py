"""Line placement in the box model: alignment, indent, insets, anchor and bullets."""

from __future__ import annotations

import pytest

from briefing.color import Color
from briefing.geometry import Box, Insets
from briefing.layout.boxes import Align, Paragraph, Run, TextFrame, frame_lines

INK = Color.of("112233")


def frame(align: Align, insets: Insets | None = None, bullet: str | None = None) -> TextFrame:
    """Return a frame 200 pt wide at x = 50 holding one paragraph of two set lines, 40 and
    100 pt wide, indented 20 pt."""
    lines = (("abcd", 40.0), ("efghijklmn", 100.0))
    runs = tuple((Run(text, 0.0, width, False),) for text, width in lines)
    paragraph = Paragraph("abcd efghijklmn", tuple(t for t, _ in lines), 10.0, INK,
                          indent=20.0, align=align, runs=runs, bullet=bullet,
                          bullet_run=Run(bullet, 5.0, 4.0, False) if bullet else None)
    return TextFrame(Box(50.0, 100.0, 200.0, 24.0), (paragraph,), 1.2, insets=insets)


@pytest.mark.parametrize(("align", "starts"), [
    # text area from 50 + 20 = 70 to 250, 180 pt wide
    ("l", [70.0, 70.0]),
    ("ctr", [70.0 + (180 - 40) / 2, 70.0 + (180 - 100) / 2]),  # 140, 110
    ("r", [250.0 - 40, 250.0 - 100]),  # 210, 150
])
def test_lines_are_placed_as_their_paragraph_is_aligned(align: Align,
                                                        starts: list[float]) -> None:
    lines = list(frame_lines(frame(align), 1.0))
    assert [line.x for line in lines] == pytest.approx(starts)
    assert [line.runs[0].x for line in lines] == pytest.approx(starts)
    # baselines: top 100, one em (10 pt) down, then 1.2 x 10 pt a line
    assert [line.y for line in lines] == pytest.approx([110.0, 122.0])


def test_insets_narrow_the_area_lines_are_aligned_in() -> None:
    lines = list(frame_lines(frame("r", Insets(5.0, 0.0, 15.0, 0.0)), 1.0))
    # area from 55 to 235: right-aligned 40 pt line starts at 195
    assert lines[0].x == pytest.approx(235.0 - 40.0)


def test_a_bullet_is_its_own_line_at_its_place_on_the_first_baseline() -> None:
    lines = list(frame_lines(frame("l", bullet="•"), 1.0))
    assert next((line.text, line.bullet) for line in lines) == ("•", True)
    assert (lines[0].x, lines[0].y) == pytest.approx((55.0, 110.0))


def test_a_paragraph_not_set_is_refused() -> None:
    unset = TextFrame(Box(0, 0, 100, 20), (Paragraph("a", ("a",), 10.0, INK),), 1.2)
    with pytest.raises(ValueError, match="was not set"):
        list(frame_lines(unset, 1.0))


def test_a_page_key_tells_pages_apart_by_every_field() -> None:
    from briefing.layout.boxes import Page

    page = Page("bullets", None, (), "notes", 2, {"ftr": "Team"}, {}, {"ftr": 10.0})
    assert page.key() == Page("bullets", None, (), "notes", 2, {"ftr": "Team"}, {},
                              {"ftr": 10.0}).key()
    hash(page.key())
    for changed in (Page("bullets", None, (), "notes", 2, {"ftr": "Other"}, {}, {"ftr": 10.0}),
                    Page("bullets", None, (), "notes", 2, {"ftr": "Team"}, {}, {"ftr": 9.0}),
                    Page("bullets", None, (), "other", 2, {"ftr": "Team"}, {}, {"ftr": 10.0}),
                    Page("bullets", None, (), "notes", 3, {"ftr": "Team"}, {}, {"ftr": 10.0})):
        assert changed.key() != page.key()
