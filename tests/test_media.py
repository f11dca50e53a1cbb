"""Images from anywhere: refused clearly when unsafe or broken, normalised and stripped when not."""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import resource
import struct
import threading
import time
import warnings
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageCms, ImageFile, PngImagePlugin

from briefing import media
from briefing.errors import AssetError
from briefing.media import MAX_EDGE, ImageError, PreparedImage, check_images, prepare_image
from briefing.outline.validate import load_outline

GPS_IFD = 0x8825
MAKE, ORIENTATION, ARTIST = 0x010F, 0x0112, 0x013B


def outcome_within(action: Callable[[], object], seconds: float) -> object:
    """Return what ``action`` returns or raises; fail the test if it takes over ``seconds``."""
    found: list[object] = []

    def target() -> None:
        try:
            found.append(action())
        except BaseException as exc:
            found.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"no answer within {seconds} s (blocked reading?)")
    return found[0]


def refusal(path: Path, seconds: float = 5) -> str:
    """Return the reason ``prepare_image(path)`` gives for refusing it, within ``seconds``."""
    found = outcome_within(lambda: prepare_image(path), seconds)
    assert isinstance(found, ImageError), f"expected a refusal, got {found!r}"
    assert found.format_message() == f"image {path} {found.reason}"
    return found.reason


def saved(path: Path, image: Image.Image, **params: Any) -> Path:
    """Return ``path`` after saving ``image`` there with ``params``."""
    image.save(path, **params)
    return path


def decoded(prepared: PreparedImage) -> Image.Image:
    """Return the prepared bytes opened with Pillow."""
    image = Image.open(io.BytesIO(prepared.data))
    image.load()
    return image


def exif_with_gps(orientation: int = 1) -> Image.Exif:
    """Return EXIF data with a camera make, an artist, an orientation and a GPS position."""
    exif = Image.Exif()
    exif[MAKE] = "SecretCam"
    exif[ARTIST] = "Jane Doe"
    exif[ORIENTATION] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (35.0, 41.0, 22.0)
    return exif


def png_chunk(kind: bytes, body: bytes) -> bytes:
    """Return one PNG chunk."""
    return (struct.pack(">I", len(body)) + kind + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))


def png_claiming(width: int, height: int) -> bytes:
    """Return a tiny PNG whose header claims ``width`` x ``height`` pixels."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header)
            + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + png_chunk(b"IEND", b""))


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    """Start every test with an empty image cache."""
    media._prepare.cache_clear()


# --- what is not an image file ----------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    assert refusal(tmp_path / "nope.png") == "was not found"


def test_folder(tmp_path: Path) -> None:
    (tmp_path / "photo.png").mkdir()
    assert refusal(tmp_path / "photo.png") == "is a folder; name an image file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "photo.png"
    os.mkfifo(fifo)
    try:
        reason = refusal(fifo, seconds=3)
    finally:
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert reason == "is not a regular file (a device or pipe?); name an image file"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_device_and_a_link_to_it_are_refused(tmp_path: Path) -> None:
    link = tmp_path / "photo.png"
    link.symlink_to("/dev/zero")
    for path in (Path("/dev/zero"), link):
        assert refusal(path, seconds=3).startswith("is not a regular file")


def test_a_file_that_turns_into_a_pipe_after_the_check_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("needs named pipes")
    path = saved(tmp_path / "photo.png", Image.new("RGB", (8, 8)))
    stat_of_a_file = os.stat(path)
    path.unlink()
    os.mkfifo(path)
    monkeypatch.setattr(media, "_stat", lambda _: stat_of_a_file)
    try:
        assert refusal(path, seconds=3).startswith("is not a regular file")
    finally:
        with contextlib.suppress(OSError):
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "photo.png").write_bytes(b"")
    assert refusal(tmp_path / "photo.png") == "is empty; export the image again"


def test_file_over_the_size_cap_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    with open(path, "wb") as handle:
        handle.truncate(media.MAX_FILE_BYTES + 1)
    started = time.perf_counter()
    assert refusal(path) == "is 50.0 MB; the limit is 50 MB: export a smaller copy"
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize(("name", "data"), [
    ("notes.png", b"just some text, not an image\n"),
    ("photo.jpg", b"\xff\xd8\xff\xe0 not really a jpeg"),
    ("doc.png", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
    ("figure.eps", b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nshowpage\n"),
    ("archive.png", gzip.compress(b"not an svg at all")),
    ("broken.png", b"\x1f\x8b\x08\x00 not really gzip"),
])
def test_files_that_are_not_images(tmp_path: Path, name: str, data: bytes) -> None:
    (tmp_path / name).write_bytes(data)
    assert refusal(tmp_path / name) == (
        "is not a PNG, JPEG, WebP, GIF, BMP or TIFF image; export it as PNG or JPEG")


def test_other_image_formats_are_refused(tmp_path: Path) -> None:
    path = saved(tmp_path / "icon.ico", Image.new("RGB", (16, 16)), format="ICO")
    assert refusal(path).startswith("is not a PNG, JPEG")


@pytest.mark.parametrize(("name", "data"), [
    ("chart.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
    ("chart.png", b"<?xml version='1.0'?>\n<svg xmlns='http://www.w3.org/2000/svg'/>"),
    ("chart.svgz", zlib.compress(b"<svg/>")),
    ("chart.png", gzip.compress(b"<svg xmlns='http://www.w3.org/2000/svg'/>")),
])
def test_svg_is_refused_with_what_to_do(tmp_path: Path, name: str, data: bytes) -> None:
    (tmp_path / name).write_bytes(data)
    assert refusal(tmp_path / name) == (
        "is SVG, which a deck cannot hold; export it as PNG first")


# --- broken and hostile images ----------------------------------------------------------------


def test_truncated_images_are_refused(tmp_path: Path) -> None:
    noise = Image.effect_noise((400, 300), 60).convert("RGB")
    for name, kind in (("photo.png", "PNG"), ("photo.jpg", "JPEG")):
        whole = io.BytesIO()
        noise.save(whole, format=kind)
        path = tmp_path / name
        path.write_bytes(whole.getvalue()[: len(whole.getvalue()) // 2])
        reason = refusal(path)
        assert reason.startswith("is truncated or damaged (")
        assert reason.endswith("); export it again")
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


@pytest.mark.parametrize(("width", "height", "reason"), [
    (100_000, 100_000, "claims an enormous size; refusing to decode it"),
    (10_000, 10_000, "is 10000x10000 pixels; the limit is 80 megapixels: downscale it"),
    (9_000, 9_000, "is 9000x9000 pixels; the limit is 80 megapixels: downscale it"),
    (0x7FFF_FFFF, 1, "claims an enormous size; refusing to decode it"),
])
def test_decompression_bombs_are_refused_before_decoding(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, width: int, height: int,
        reason: str) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))  # refused afresh
    loaded: list[object] = []
    real_load = ImageFile.ImageFile.load
    monkeypatch.setattr(ImageFile.ImageFile, "load",
                        lambda image: loaded.append(image) or real_load(image))
    path = tmp_path / "bomb.png"
    path.write_bytes(png_claiming(width, height))
    assert path.stat().st_size < 200
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert refusal(path) == reason
    assert not caught
    assert time.perf_counter() - started < 1
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 50_000
    assert loaded == []  # nothing decoded, EXIF (which a PNG may keep after its pixels) too


def test_a_photo_of_more_than_the_limit_is_read_at_a_reduced_scale(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Oracle: the size the photo was saved at (96 megapixels, over the 80 the limit allows in
    # full) scaled by hand to the long edge the deck keeps.
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))  # prepared afresh
    path = saved(tmp_path / "photo.jpg", Image.new("L", (12_000, 8_000), 128), quality=50)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    prepared = prepare_image(path)
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert (prepared.width, prepared.height) == (MAX_EDGE, MAX_EDGE * 2 // 3)
    assert grown_kib < 60_000  # decoded at a quarter: 6 megapixels, not 96


def test_zero_sized_image_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.png"
    path.write_bytes(png_claiming(0, 10))
    reason = refusal(path)
    assert reason.startswith(("has no pixels", "is not a PNG")), reason


def test_damaged_exif_only_loses_the_orientation(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(buffer, format="JPEG")
    data = buffer.getvalue()
    garbage = b"Exif\x00\x00MM\x00\x2a\xff\xff\xff\xff" + b"\x00" * 20
    app1 = b"\xff\xe1" + struct.pack(">H", len(garbage) + 2) + garbage
    path = tmp_path / "odd.jpg"
    path.write_bytes(data[:2] + app1 + data[2:])
    prepared = prepare_image(path)
    assert (prepared.width, prepared.height) == (40, 20)


# --- legitimate images, normalised ------------------------------------------------------------


@pytest.mark.parametrize(("name", "params", "mime"), [
    ("a.png", {}, "image/png"),
    ("a.jpg", {"quality": 90}, "image/jpeg"),
    ("a.webp", {"quality": 80}, "image/jpeg"),
    ("a.gif", {}, "image/png"),
    ("a.bmp", {}, "image/png"),
    ("a.tiff", {}, "image/jpeg"),
])
def test_common_formats_are_prepared(tmp_path: Path, name: str, params: dict[str, Any],
                                     mime: str) -> None:
    path = saved(tmp_path / name, Image.new("RGB", (120, 80), (200, 30, 40)), **params)
    prepared = prepare_image(path)
    assert (prepared.mime, prepared.width, prepared.height) == (mime, 120, 80)
    image = decoded(prepared)
    assert image.mode == "RGB"
    assert all(abs(a - b) < 12 for a, b in zip(image.getpixel((60, 40)),  # type: ignore[arg-type]
                                                (200, 30, 40), strict=True))


def test_a_png_named_jpg_is_read_by_its_content(tmp_path: Path) -> None:
    path = saved(tmp_path / "photo.jpg", Image.new("RGB", (10, 10)), format="PNG")
    assert prepare_image(path).mime == "image/png"


def test_a_huge_photo_is_downscaled_quickly(tmp_path: Path) -> None:
    photo = Image.effect_noise((600, 400), 40).convert("RGB").resize((6000, 4000))
    path = saved(tmp_path / "photo.jpg", photo, quality=80)
    started = time.perf_counter()
    prepared = prepare_image(path)
    elapsed = time.perf_counter() - started
    assert (prepared.width, prepared.height) == (2400, 1600)
    assert prepared.mime == "image/jpeg"
    assert elapsed < 5
    assert len(prepared.data) < 3_000_000


def test_a_tall_png_is_downscaled_on_its_long_edge(tmp_path: Path) -> None:
    path = saved(tmp_path / "tall.png", Image.new("RGB", (1000, 5000), "white"))
    prepared = prepare_image(path)
    assert (prepared.width, prepared.height) == (480, 2400)


def test_cmyk_jpeg_becomes_rgb(tmp_path: Path) -> None:
    path = saved(tmp_path / "print.jpg", Image.new("CMYK", (64, 48), (255, 0, 0, 0)),
                 quality=95)
    prepared = prepare_image(path)
    image = decoded(prepared)
    assert (image.mode, prepared.mime) == ("RGB", "image/jpeg")
    red, green, blue = image.getpixel((32, 24))  # type: ignore[misc]
    assert red < 40 and green > 200 and blue > 200


def test_embedded_colour_profile_is_applied_then_dropped(tmp_path: Path) -> None:
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    path = saved(tmp_path / "photo.jpg", Image.new("RGB", (32, 32), (10, 120, 200)),
                 icc_profile=profile, quality=95)
    image = decoded(prepare_image(path))
    assert "icc_profile" not in image.info
    assert all(abs(a - b) < 8 for a, b in zip(image.getpixel((16, 16)),  # type: ignore[arg-type]
                                               (10, 120, 200), strict=True))


def test_sixteen_bit_greyscale_keeps_its_tones(tmp_path: Path) -> None:
    grey = Image.new("I;16", (3, 1))
    for x, value in enumerate((0, 32768, 65535)):
        grey.putpixel((x, 0), value)
    path = saved(tmp_path / "scan.png", grey)
    assert Image.open(path).mode == "I;16"
    image = decoded(prepare_image(path))
    assert image.mode == "RGB"
    assert [image.getpixel((x, 0)) for x in range(3)] == [(0, 0, 0), (128, 128, 128),
                                                          (255, 255, 255)]


def test_palette_png_with_transparency_keeps_it(tmp_path: Path) -> None:
    palette = Image.new("P", (20, 10), 1)
    palette.putpalette([255, 255, 255, 200, 0, 0] + [0, 0, 0] * 254)
    palette.paste(0, (0, 0, 10, 10))
    path = saved(tmp_path / "logo.png", palette, transparency=0)
    prepared = prepare_image(path)
    image = decoded(prepared)
    assert (prepared.mime, image.mode) == ("image/png", "RGBA")
    assert image.getpixel((2, 2))[3] == 0  # type: ignore[index]
    assert image.getpixel((15, 5)) == (200, 0, 0, 255)


@pytest.mark.parametrize("mode", ["1", "L", "LA", "RGBA", "P"])
def test_other_modes_become_rgb_or_rgba(tmp_path: Path, mode: str) -> None:
    path = saved(tmp_path / "a.png", Image.new(mode, (12, 12)))
    image = decoded(prepare_image(path))
    assert image.mode == ("RGBA" if mode in ("LA", "RGBA") else "RGB")


def test_animated_gif_gives_its_first_frame(tmp_path: Path) -> None:
    frames = [Image.new("RGB", (16, 16), colour) for colour in ("red", "blue")]
    path = tmp_path / "anim.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100, loop=0)
    red, _, blue = decoded(prepare_image(path)).getpixel((8, 8))  # type: ignore[misc]
    assert red > 200 and blue < 50


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    photo = Image.new("RGB", (40, 20), "white")
    photo.paste((255, 0, 0), (0, 0, 4, 4))
    path = saved(tmp_path / "phone.jpg", photo, exif=exif_with_gps(orientation=6), quality=95)
    prepared = prepare_image(path)
    assert (prepared.width, prepared.height) == (20, 40)
    image = decoded(prepared)
    red, _, blue = image.getpixel((18, 1))  # type: ignore[misc]
    assert red > 200 and blue < 80, "orientation 6: the top-left corner turns to the top-right"


@pytest.mark.parametrize(("name", "params"), [
    ("phone.jpg", {"quality": 90}),
    ("phone.png", {}),
    ("phone.webp", {"quality": 90}),
])
def test_metadata_is_stripped(tmp_path: Path, name: str, params: dict[str, Any]) -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jane Doe")
    info.add_text("Comment", "/home/jane/secret/photo.png")
    extra = {"pnginfo": info} if name.endswith(".png") else {}
    path = saved(tmp_path / name, Image.new("RGB", (30, 30), "teal"),
                 exif=exif_with_gps(), **extra, **params)
    assert Image.open(path).getexif().get(MAKE) == "SecretCam"
    prepared = prepare_image(path)
    for needle in (b"Exif", b"SecretCam", b"Jane", b"/home", b"eXIf", b"tEXt", b"iTXt",
                   b"zTXt", b"http://ns.adobe.com"):
        assert needle not in prepared.data, needle
    image = decoded(prepared)
    assert not image.getexif()
    assert set(image.info) <= {"dpi", "jfif", "jfif_version", "jfif_unit", "jfif_density",
                               "progressive", "progression"}


def test_output_is_deterministic(tmp_path: Path) -> None:
    path = saved(tmp_path / "a.jpg", Image.effect_noise((300, 200), 50).convert("RGB"))
    first = prepare_image(path).data
    media._prepare.cache_clear()
    assert prepare_image(path).data == first


def test_a_replaced_file_is_read_again(tmp_path: Path) -> None:
    path = saved(tmp_path / "a.png", Image.new("RGB", (10, 10)))
    assert prepare_image(path).width == 10
    saved(path, Image.new("RGB", (30, 10)))
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 1_000_000_000))
    assert prepare_image(path).width == 30


# --- errors name the image as written and where -----------------------------------------------


def outline_with_image(folder: Path, image: str) -> Path:
    """Return an outline whose second section shows ``image``."""
    path = folder / "talk.yaml"
    path.write_text(
        "title: T\n"
        "sections:\n"
        "  - title: A\n"
        "    points: [one]\n"
        "  - title: B\n"
        "    image:\n"
        f"      path: {image}\n"
        "      caption: C\n", encoding="utf-8")
    return path


def test_check_images_names_the_field_and_the_path_as_written(tmp_path: Path) -> None:
    (tmp_path / "pics").mkdir()
    (tmp_path / "pics" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\nbroken")
    outline = outline_with_image(tmp_path, "pics/broken.png")
    with pytest.raises(AssetError) as caught:
        check_images(load_outline(outline))
    assert caught.value.format_message() == (
        f"{outline}:7:13: sections[1].image: image 'pics/broken.png' is not a PNG, JPEG, "
        "WebP, GIF, BMP or TIFF image; export it as PNG or JPEG")


def test_check_images_accepts_good_images(tmp_path: Path) -> None:
    saved(tmp_path / "fine.png", Image.new("RGB", (10, 10)))
    check_images(load_outline(outline_with_image(tmp_path, "fine.png")))


def test_the_image_module_never_allows_truncated_images() -> None:
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_an_image_rewritten_keeping_its_size_and_time_is_prepared_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Oracle: the colour written. A BMP of one size has one length whatever its colour, and
    # writing in place keeps the inode: only the change time tells the two apart.
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "picture.bmp"
    Image.new("RGB", (40, 30), (200, 0, 0)).save(path)
    before = os.stat(path)
    first = prepare_image(path)
    time.sleep(0.01)
    with path.open("r+b") as stream:  # the same file, rewritten
        stream.write(saved(tmp_path / "blue.bmp", Image.new("RGB", (40, 30), (0, 0, 200)))
                     .read_bytes())
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(path)
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (
        before.st_ino, before.st_size, before.st_mtime_ns)
    with Image.open(io.BytesIO(first.data)) as red, \
            Image.open(io.BytesIO(prepare_image(path).data)) as blue:
        assert red.convert("RGB").getpixel((5, 5)) == (200, 0, 0)
        assert blue.convert("RGB").getpixel((5, 5)) == (0, 0, 200)
