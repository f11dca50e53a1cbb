"""A layout's backdrop: the colours under a box counted once per box, free areas kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from briefing.geometry import Box
from briefing.theme import backdrop as module
from briefing.theme.backdrop import SCALE, Backdrop


def half_and_half() -> Backdrop:
    """Return a 100 x 50 pt backdrop: white on the left half, black on the right."""
    size = (round(100 * SCALE), round(50 * SCALE))
    image = Image.new("RGB", size, "white")
    image.paste((0, 0, 0), (size[0] // 2, 0, size[0], size[1]))
    return Backdrop(100.0, 50.0, image, Image.new("L", size, 0))


def test_the_colours_under_a_box_are_counted_by_luminance() -> None:
    ground = half_and_half()
    box = Box(20.0, 10.0, 60.0, 20.0)  # 30 pt on each side of the middle, 20 pt high
    found = sorted(ground.luminances(box), key=lambda item: item[1])
    pixels = 30 * 20 * SCALE * SCALE  # 150 at half a pixel per point
    assert found == [(pixels, 0.0), (pixels, 1.0)]
    assert ground.contrast("000000", Box(0.0, 0.0, 40.0, 50.0)) == pytest.approx(21.0)


def test_each_box_is_counted_once(monkeypatch: pytest.MonkeyPatch) -> None:
    ground = half_and_half()
    counted: list[Box] = []
    count = Backdrop._count_luminances

    def counting(self: Backdrop, box: Box) -> list[tuple[int, float]]:
        counted.append(box)
        return count(self, box)

    monkeypatch.setattr(Backdrop, "_count_luminances", counting)
    box = Box(10.0, 10.0, 30.0, 10.0)
    ratios = [ground.contrast(rgb, box) for rgb in ("000000", "FFFFFF", "777777", "000000")]
    assert counted == [box]
    assert ratios[0] == ratios[3] == pytest.approx(21.0)
    assert ratios[1] == pytest.approx(1.0)
    painted = ground.with_shapes([(Box(0.0, 0.0, 100.0, 50.0), "000000")])
    assert painted.contrast("000000", box) == pytest.approx(1.0)  # its own pixels, counted anew
    monkeypatch.setattr(module, "COUNTED_BOXES", 2)
    for x in range(5):
        ground.luminances(Box(float(x), 0.0, 5.0, 5.0))
    assert len(ground._luminances) <= 2


def test_the_largest_free_rectangle_is_found_then_read_from_disk(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    # 6 x 4 cells, '#' taken: the largest free rectangle is columns 0-4 of rows 1-3 (15
    # cells; columns 0-5 of rows 1-2 are 12, columns 2-3 of rows 0-3 are 8).
    rows = ["##..##", "......", "......", ".....#"]
    data = bytes(255 if c == "#" else 0 for row in rows for c in row)
    expected = (0, 1, 5, 3)  # x, y, w, h: rows 1-3, columns 0-4
    module._largest_empty_cached.cache_clear()
    assert module._largest_empty_cached(data, (6, 4)) == expected

    def refuse(*args: object) -> None:
        raise AssertionError("searched again")

    monkeypatch.setattr(module, "_largest_empty", refuse)
    module._largest_empty_cached.cache_clear()  # as a new process
    assert module._largest_empty_cached(data, (6, 4)) == expected
    for entry in (tmp_path / "cache" / "free-areas").iterdir():
        entry.write_text("[1, 2]")  # damaged
    monkeypatch.undo()
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    module._largest_empty_cached.cache_clear()
    assert module._largest_empty_cached(data, (6, 4)) == expected
    module._largest_empty_cached.cache_clear()
