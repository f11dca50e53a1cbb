"""The one-pager's building blocks: shapes moved without touching the originals."""

from __future__ import annotations

from dataclasses import replace

from briefing.color import Color
from briefing.geometry import Box
from briefing.layout.boxes import Picture, Rect, Rule, TextFrame
from briefing.layout.summary.kit import Block, shifted, stack

RED = Color("C00000")


def test_each_kind_of_shape_moves_as_replace_would_move_it() -> None:
    box = Box(10.0, 20.0, 30.0, 40.0)
    moved = Box(13.0, 16.0, 30.0, 40.0)
    shapes: list[TextFrame | Rect | Picture] = [
        TextFrame(box, (), 1.2, role="body", lang="ja"), Rect(box, RED, name="Bar"),
        Picture(box, b"png", "image/png", "a map")]
    for shape in shapes:
        assert shifted(shape, 3.0, -4.0) == replace(shape, box=moved)
        assert shape.box == box  # the original stays where it was
    rule = Rule(1.0, 2.0, 5.0, 2.0, RED, width=0.5)
    assert shifted(rule, 3.0, -4.0) == Rule(4.0, -2.0, 8.0, -2.0, RED, width=0.5)
    assert (rule.x1, rule.y1) == (1.0, 2.0)


def test_stacked_blocks_are_moved_down_by_the_heights_above_and_the_gaps() -> None:
    first = Block(50.0, 10.0, (Rect(Box(0.0, 0.0, 50.0, 10.0), RED),))
    second = Block(40.0, 20.0, (Rect(Box(5.0, 1.0, 30.0, 19.0), RED),))
    both = stack([first, second, first], 4.0)
    assert (both.width, both.height) == (50.0, 10.0 + 4.0 + 20.0 + 4.0 + 10.0)
    assert [s.box.y for s in both.shapes if isinstance(s, Rect)] == [0.0, 15.0, 38.0]
    assert [s.box.x for s in both.shapes if isinstance(s, Rect)] == [0.0, 5.0, 0.0]
