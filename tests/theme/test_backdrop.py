"""A layout's backdrop: the colours under a box, counted once per box."""

from __future__ import annotations

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
