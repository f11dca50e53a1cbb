"""Pictures resampled for the renderers: right size and pixels, kept on disk between runs."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from briefing.render import resample


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Use an empty cache folder, with the process's memo emptied before and after."""
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    resample.print_copy.cache_clear()
    resample.rgba_at.cache_clear()
    yield tmp_path / "cache"
    resample.print_copy.cache_clear()
    resample.rgba_at.cache_clear()


def picture(size: tuple[int, int], color: tuple[int, int, int], form: str = "PNG") -> bytes:
    """Return an encoded picture of ``size``: its left half ``color``, its right half white."""
    image = Image.new("RGB", size, "white")
    image.paste(color, (0, 0, size[0] // 2, size[1]))
    buffer = io.BytesIO()
    image.save(buffer, format=form)
    return buffer.getvalue()


def no_resampling(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any resampling fail, as a new process that must read the disk would notice."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("resampled again")
    monkeypatch.setattr(Image.Image, "resize", refuse)
    resample.print_copy.cache_clear()
    resample.rgba_at.cache_clear()


def test_a_large_picture_is_cut_down_to_the_size_in_its_format() -> None:
    for form in ("PNG", "JPEG"):
        data = picture((1600, 900), (200, 30, 30), form)
        smaller = Image.open(io.BytesIO(resample.print_copy(data, (400, 225))))
        assert (smaller.format, smaller.size) == (form, (400, 225))
        left, right = smaller.convert("RGB").getpixel((50, 100)), smaller.getpixel((350, 100))
        assert left == pytest.approx((200, 30, 30), abs=6)
        assert right == pytest.approx((255, 255, 255), abs=6)


def test_a_picture_not_much_larger_than_needed_is_kept_as_it_is(
        monkeypatch: pytest.MonkeyPatch) -> None:
    data = picture((460, 260), (0, 0, 255))  # 1.15 times 400 x 225
    assert resample.print_copy(data, (400, 225)) == data
    no_resampling(monkeypatch)
    assert resample.print_copy(data, (400, 225)) == data


def test_a_second_run_reads_the_print_copy_from_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    data = picture((1600, 900), (10, 120, 10))
    first = resample.print_copy(data, (400, 225))
    no_resampling(monkeypatch)
    assert resample.print_copy(data, (400, 225)) == first


def test_rgba_pixels_have_the_exact_size(monkeypatch: pytest.MonkeyPatch) -> None:
    data = picture((1600, 900), (200, 30, 30))
    pixels = resample.rgba_at(data, (333, 187))
    assert (pixels.mode, pixels.size) == ("RGBA", (333, 187))
    assert pixels.getpixel((20, 90)) == pytest.approx((200, 30, 30, 255), abs=6)
    no_resampling(monkeypatch)
    again = resample.rgba_at(data, (333, 187))
    assert again.tobytes() == pixels.tobytes()


def test_entries_are_keyed_by_the_picture_not_its_size_alone() -> None:
    red, blue = picture((1600, 900), (220, 0, 0)), picture((1600, 900), (0, 0, 220))
    resample.rgba_at(red, (160, 90))
    resample.rgba_at.cache_clear()
    assert resample.rgba_at(blue, (160, 90)).getpixel((10, 45)) == pytest.approx(
        (0, 0, 220, 255), abs=6)
    resample.print_copy(red, (400, 225))
    resample.print_copy.cache_clear()
    shown = Image.open(io.BytesIO(resample.print_copy(blue, (400, 225)))).convert("RGB")
    assert shown.getpixel((50, 100)) == pytest.approx((0, 0, 220), abs=6)
