"""The table: columns aligned by display width (Japanese takes two cells), long titles cut,
one line per problem however many slides share it."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.api import Options, check_deck
from briefing.check.table import cells, clip, pad, table_lines


@pytest.mark.parametrize(("text", "width"), [
    ("abc", 3), ("日本", 4), ("NATOと日本", 10), ("ｱｲｳ", 3), ("ＡＢ", 4), ("é", 1), ("", 0)])
def test_display_width(text: str, width: int) -> None:
    assert cells(text) == width


def test_clip_and_pad_by_cells() -> None:
    assert clip("冷戦後の発展と協力強化", 9) == "冷戦後の…"
    assert cells(clip("冷戦後の発展と協力強化", 9)) == 9
    assert clip("short", 9) == "short"
    assert pad("日本", 6) == "日本  " and pad("12", 4, right=True) == "  12"


def test_the_seed_table_lines_up(seed_outlines: dict[str, Path]) -> None:
    lines = table_lines(check_deck(seed_outlines["ja"], Options(), minutes=8))
    header = lines[2]
    rows = lines[3:3 + 23]
    assert header.startswith(" #  kind") and rows[-1].startswith("23  closing")
    # every row's talk time (m:ss) ends where the header's 'talk' ends
    end = cells(header[:header.index("talk") + 4])
    for row in rows:
        time = next(part for part in row.split() if ":" in part and part[0].isdigit())
        assert cells(row[:row.index(time) + len(time)]) == end, row


def test_a_problem_on_several_slides_is_one_line(tmp_path: Path) -> None:
    from tests.check.test_command import PICTURE, outline, pale_template

    template = pale_template(tmp_path / "pale.pptx")
    path = outline(tmp_path, PICTURE.replace("theme: pale.yaml", f"template: {template.name}"))
    lines = table_lines(check_deck(path, Options()))
    footer = [line for line in lines if "slide number footer" in line]
    assert len(footer) == 1 and footer[0].startswith("  slides 1-3, contrast: ")
    start = next(i for i, line in enumerate(lines) if line.startswith("problems ("))
    after = lines[start + 1:]
    listed = after[:next((i for i, line in enumerate(after) if not line.strip()), len(after))]
    assert lines[start] == f"problems ({len(listed)}):"  # the lines listed, counted
