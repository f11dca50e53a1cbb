"""Broken and malicious input through the command line: one clear message, nothing lost."""

from __future__ import annotations

import contextlib
import io
import os
import re
import struct
import subprocess
import threading
import time
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import pptx_checks as checks
import pytest
from click.testing import CliRunner, Result
from PIL import Image
from pypdf import PdfReader

from briefing.api import Options, build
from briefing.cli import main

LOCATED = re.compile(r"^Error: (?P<path>.+\.yaml):(?P<line>\d+):(?P<column>\d+): ")
REMOVED = ("\x00", "\x07", "\x08", "\x1b", "\ufffe", "\uffff", "\ufdd0", "\u202e", "\u202c",
           "\u2066", "\u200f", "\u061c", "\u200b", "\ufeff", "😀", "🚀", "🎌", "\U0001f468")
GOOD_SECTION = "  - title: Fine\n    points: [one, two]\n"




def invoke(*args: str | Path, seconds: float = 10) -> Result:
    """Return the result of ``briefing args``; fail if it takes longer than ``seconds``."""
    outcome: list[Result] = []
    thread = threading.Thread(target=lambda: outcome.append(
        CliRunner().invoke(main, [str(arg) for arg in args])), daemon=True)
    started = time.perf_counter()
    thread.start()
    thread.join(seconds)
    assert outcome, f"briefing {' '.join(map(str, args))} gave no answer within {seconds} s"
    assert time.perf_counter() - started < seconds
    return outcome[0]


def assert_refused(result: Result, *fragments: str) -> str:
    """Assert a clean failure: exit 1, one message naming ``fragments``; return the message."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    assert result.stdout == ""
    message = result.stderr
    assert message.startswith("Error: ")
    for fragment in fragments:
        assert fragment in message, message
    return message


def write_outline(folder: Path, body: str, name: str = "talk.yaml") -> Path:
    """Return an outline file ``name`` in ``folder`` with a title and ``body``."""
    path = folder / name
    path.write_text("title: Hostile input\n" + body, encoding="utf-8")
    return path


def with_image(folder: Path, image: str) -> Path:
    """Return an outline whose second section shows ``image`` (line 7, column 13)."""
    return write_outline(folder, "sections:\n" + GOOD_SECTION
                         + f"  - title: Picture\n    image:\n      path: {image}\n")


@contextlib.contextmanager
def fifo(path: Path) -> Iterator[Path]:
    """Yield a named pipe at ``path``, releasing any reader stuck on it afterwards."""
    os.mkfifo(path)
    try:
        yield path
    finally:
        with contextlib.suppress(OSError):
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))


def deck_texts(deck: Path) -> tuple[list[str], str]:
    """Return the runs of text on the slides of ``deck``, in order, and its notes' text."""
    parts = checks.read_parts(deck)
    slides = checks.slide_names(parts)
    runs = [t.text or "" for name in slides
            for t in checks.parse(parts[name]).iter(f"{{{checks.A}}}t")]
    return runs, "\n".join(checks.notes_text(parts, name) for name in slides)


def spelled_out(runs: list[str], text: str) -> str:
    """Return the runs made only of ``text``'s characters, joined without white space."""
    alphabet = set(text)
    squeezed = ("".join(run.split()) for run in runs)
    return "".join(run for run in squeezed if run and set(run) <= alphabet)


def assert_valid_deck(deck: Path) -> None:
    """Assert that every XML part of ``deck`` parses and matches the OOXML schemas."""
    parts = checks.read_parts(deck)
    problems = checks.schema_errors(parts)
    assert not problems, "\n".join(problems)


# --- outlines that cannot be read -------------------------------------------------------------


def test_a_10_mb_outline_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    line = "  - title: Section\n    points: [" + ", ".join(["a point of text"] * 20) + "]\n"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("title: Huge\nsections:\n")
        while handle.tell() < 10 * 1024 * 1024:
            handle.write(line)
    result = invoke("build", path, "--out-dir", tmp_path / "out", seconds=5)
    assert_refused(result, f"{path}: the file is 10.5 MB; outlines are limited to 5 MB")
    assert not (tmp_path / "out").exists()


def test_a_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.yaml"
    Image.new("RGB", (40, 40), "red").save(path, format="PNG")
    assert_refused(invoke("build", path, "--out-dir", tmp_path / "out"),
                   f"{path}:1:1: the file is not UTF-8 text")


def test_raw_control_characters_do_not_crash_the_reader(tmp_path: Path) -> None:
    path = tmp_path / "talk.yaml"
    path.write_bytes(b"title: Bell\x07\nsections:\n  - title: A\x1b[0m\n    points: [x]\n")
    result = invoke("validate", path)
    assert result.exit_code == 0, result.output
    result = invoke("build", path, "--out-dir", tmp_path / "out", "--strict")
    assert result.exit_code == 0, result.output  # cleaned input is worth knowing, not fixing
    assert f"{path}:1:12: warning: removed 1 control character (U+0007)" in result.stderr
    assert f"{path}:3:13: warning: removed 1 control character (U+001B)" in result.stderr
    assert "warning" not in result.stdout


# --- images that cannot be used ---------------------------------------------------------------


def bomb(path: Path) -> None:
    """Write a tiny PNG claiming 100000 x 100000 pixels at ``path``."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    path.write_bytes(b"\x89PNG\r\n\x1a\n"
                     + chunk(b"IHDR", struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


def truncated(path: Path) -> None:
    """Write the first half of a JPEG at ``path``."""
    buffer = io.BytesIO()
    Image.effect_noise((300, 200), 60).convert("RGB").save(buffer, format="JPEG")
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])


@pytest.mark.parametrize(("name", "make", "reason"), [
    ("notes.png", lambda p: p.write_text("hello", encoding="utf-8"),
     "is not a PNG, JPEG, WebP, GIF, BMP or TIFF image; export it as PNG or JPEG"),
    ("photo.jpg", truncated, "is truncated or damaged ("),
    ("bomb.png", bomb, "claims an enormous size; refusing to decode it"),
    ("chart.svg", lambda p: p.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>",
                                         encoding="utf-8"),
     "is SVG, which a deck cannot hold; export it as PNG first"),
    ("empty.png", lambda p: p.write_bytes(b""), "is empty; export the image again"),
])
def test_unusable_images_are_refused_where_they_are_named(
        tmp_path: Path, name: str, make: object, reason: str) -> None:
    (tmp_path / "pics").mkdir()
    make(tmp_path / "pics" / name)  # type: ignore[operator]
    outline = with_image(tmp_path, f"pics/{name}")
    message = assert_refused(invoke("build", outline, "--out-dir", tmp_path / "out"),
                             f"{outline}:7:13: sections[1].image: image 'pics/{name}' {reason}")
    assert len(message.splitlines()) == 1
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_as_an_image_does_not_hang(tmp_path: Path) -> None:
    with fifo(tmp_path / "photo.png"):
        outline = with_image(tmp_path, "photo.png")
        result = invoke("build", outline, "--out-dir", tmp_path / "out", seconds=5)
        assert_refused(result, f"{outline}:7:", "'photo.png'")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_as_an_image_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "photo.png").symlink_to("/dev/zero")
    outline = with_image(tmp_path, "photo.png")
    result = invoke("build", outline, "--out-dir", tmp_path / "out", seconds=5)
    assert_refused(result, f"{outline}:7:", "'photo.png'")


def test_a_folder_as_an_image(tmp_path: Path) -> None:
    (tmp_path / "photo.png").mkdir()
    outline = with_image(tmp_path, "photo.png")
    assert_refused(invoke("build", outline, "--out-dir", tmp_path / "out"),
                   f"{outline}:7:", "'photo.png' is a folder")


def test_every_bad_image_is_listed_at_once(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_text("not an image", encoding="utf-8")
    bomb(tmp_path / "b.png")
    outline = write_outline(tmp_path, "sections:\n  - title: A\n    image: a.png\n"
                            "  - title: B\n    image: b.png\n")
    message = assert_refused(invoke("build", outline, "--out-dir", tmp_path / "out"))
    assert [line.split(": image ")[0] for line in message.splitlines()] == [
        f"Error: {outline}:4:12: sections[0].image", f"{outline}:6:12: sections[1].image"]


def test_output_folder_below_a_file(tmp_path: Path) -> None:
    outline = write_outline(tmp_path, "sections:\n" + GOOD_SECTION)
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    assert_refused(invoke("build", outline, "--out-dir", tmp_path / "taken" / "out"),
                   "cannot create output folder", "pass another --out-dir")


# --- hostile text: cleaned with warnings, valid XML ------------------------------------------


def long_url(length: int) -> str:
    """Return a URL of ``length`` characters with no break opportunity."""
    return "https://example.com/" + "a" * (length - 20)


def long_point(length: int) -> str:
    """Return a point of ``length`` characters: short words ending in a full stop."""
    return ("word " * length)[: length - 1] + "."


def hostile_text(url_length: int, point_length: int) -> str:
    """Return an outline body full of unwanted characters, a long URL and a long point."""
    url = long_url(url_length)
    point = long_point(point_length)
    return (
        'subtitle: "Sub\\x1B[31mtitle \\uFFFE"\n'
        'author: "Jane\\u2066 Doe"\n'
        "summary:\n"
        '  - "Takeaway \\U0001F680 with emoji"\n'
        '  - "Takeaway two\\ttabbed"\n'
        "sections:\n"
        '  - title: "Controls \\x00\\x08 and \\uFDD0"\n'
        "    points:\n"
        f'      - "{url}"\n'
        f'      - "{point}"\n'
        '      - text: "nested 👨\\u200D👩\\u200D👧 family"\n'
        '        points: ["sub \\uD800 point", "日本語と絵文字🎌の混在"]\n'
        "  - title: Timeline\n"
        "    events:\n"
        '      - date: "1949\\u200F"\n'
        '        title: "Founded \\u061C"\n'
        "  - title: Quote\n"
        '    notes: "Say \\u202Ethis\\u202C 😀"\n'
        "    quote:\n"
        '      text: "Words \\u2028 with a line separator"\n'
        '      by: "Someone\\uFEFF"\n'
    )


def build_hostile(folder: Path, url_length: int, point_length: int, *options: str) -> Result:
    """Return the result of building the hostile-text outline into ``folder / out``."""
    outline = folder / "text.yaml"
    outline.write_text('title: "Bell\\a and \\u202Erevers\\u202Ced zero\\u200Bwidth 😀"\n'
                       + hostile_text(url_length, point_length), encoding="utf-8")
    return invoke("build", outline, "--out-dir", folder / "out", *options, seconds=60)


def test_hostile_text_is_cleaned_with_located_warnings(tmp_path: Path) -> None:
    result = build_hostile(tmp_path, 3000, 10_000)
    assert result.exit_code == 0, result.output
    outline = tmp_path / "text.yaml"
    warnings = [line.replace(": warning: ", ": ", 1) for line in result.stderr.splitlines()
                if ": warning: " in line]
    assert "warning" not in result.stdout
    assert f"{outline}:1:8: removed 2 bidirectional controls (U+202E, U+202C)" in warnings
    assert f"{outline}:8:12: removed 2 control characters (U+0000, U+0008)" in warnings
    assert f"{outline}:13:18: removed 1 lone surrogate (U+D800)" in warnings
    (glyphs,) = [w for w in warnings if "the fonts cannot show" in w]
    # placed at the first field named: the title, whose value starts at line 1, column 8
    assert glyphs.startswith(f"{outline}:1:8: removed 4 characters the fonts cannot show: "
                             "😀 (U+1F600), 🚀 (U+1F680), ")
    deck = tmp_path / "out" / "text.pptx"
    assert_valid_deck(deck)
    runs, notes = deck_texts(deck)
    slides = "\n".join(runs)
    assert "日本語と絵文字の混在" in slides
    assert notes.strip() == "Say this 😀", "speaker notes keep emoji: PowerPoint shows them"
    for char in REMOVED:
        assert char not in slides, f"U+{ord(char):04X} reached the slides"
    assert spelled_out(runs, long_url(3000)) == long_url(3000), "the URL is kept whole"
    assert spelled_out(runs, long_point(10_000)) == "".join(long_point(10_000).split())
    summary = PdfReader(tmp_path / "out" / "text-summary.pdf")
    pdf_text = "".join(page.extract_text() for page in summary.pages)
    assert "Takeaway with emoji" in pdf_text
    for char in REMOVED:
        assert char not in pdf_text


def test_a_url_split_across_slides_gains_no_space(tmp_path: Path) -> None:
    url = long_url(3000)
    outline = write_outline(tmp_path, f"sections:\n  - title: A\n    points: ['{url}']\n")
    report = build(outline, Options(out_dir=tmp_path / "out", summary=False))
    runs, _ = deck_texts(tmp_path / "out" / "talk.pptx")
    assert report.slides > 2
    pieces = [run for run in runs if run.startswith(("https:", "aaaa"))]
    assert "".join(pieces) == url


@pytest.mark.render
def test_a_deck_of_hostile_text_renders(tmp_path: Path) -> None:
    checks.need_libreoffice()
    result = build_hostile(tmp_path, 200, 200)
    assert result.exit_code == 0, result.output
    deck = tmp_path / "out" / "text.pptx"
    profile = tmp_path / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)],
                   capture_output=True, timeout=120, check=False)
    rendered = PdfReader(tmp_path / "text.pdf")
    slides = len(checks.slide_names(checks.read_parts(deck)))
    assert len(rendered.pages) == slides
    text = "".join(page.extract_text() for page in rendered.pages)
    for words in ("Bell and reversed", "日本語と絵文字の混在", "Founded"):
        assert words in text


def test_hostile_text_under_strict_is_refused_listing_what_to_fix(tmp_path: Path) -> None:
    result = build_hostile(tmp_path, 40, 3000, "--strict")
    message = assert_refused(result, "--strict: ",
                             "point of 'Controls and' was split across slides")
    assert "removed 1 lone surrogate" not in message  # cleaned input is not the presenter's
    assert not (tmp_path / "out").exists()


def test_a_10000_character_point_and_a_3000_character_url_on_the_summary(
        tmp_path: Path) -> None:
    outline = tmp_path / "long.yaml"
    url = "https://example.com/" + "x" * 2980
    point = " ".join(["word"] * 2000)[:10_000]
    outline.write_text(f"title: Long\nsummary: ['{url}', '{point}']\nsections:\n"
                       f"  - title: A\n    keep: true\n    points: ['{point}', '{url}']\n",
                       encoding="utf-8")
    result = invoke("summary", outline, "--out-dir", tmp_path / "out", seconds=30)
    assert result.exit_code == 0, result.output
    assert PdfReader(tmp_path / "out" / "long-summary.pdf").pages


def test_a_text_too_long_to_lay_out_is_refused_where_it_is(tmp_path: Path) -> None:
    outline = write_outline(tmp_path, "sections:\n  - title: A\n    points:\n      - short\n"
                            f"      - {'word ' * 5000}\n")
    result = invoke("build", outline, "--out-dir", tmp_path / "out", seconds=5)
    assert_refused(result, f"{outline}:6:9: sections[0].points[1]: the text is 24,999 "
                   "characters long; the limit is 20,000: split it into several points")


# --- scale -----------------------------------------------------------------------------------


def many_sections(folder: Path, count: int) -> Path:
    """Return an outline with ``count`` bullet sections."""
    body = "summary: [First, Second]\nsections:\n" + "".join(
        f"  - title: Section {index}\n    points: [Point one of {index}, Point two, Three]\n"
        for index in range(count))
    return write_outline(folder, body, "many.yaml")


def test_600_sections_validate_quickly(tmp_path: Path) -> None:
    outline = many_sections(tmp_path, 600)
    result = invoke("validate", outline, seconds=5)
    assert result.exit_code == 0, result.output


def test_600_sections_build_a_deck(tmp_path: Path) -> None:
    outline = many_sections(tmp_path, 600)
    started = time.perf_counter()
    report = build(outline, Options(out_dir=tmp_path / "out", summary=False))
    assert time.perf_counter() - started < 60
    assert report.slides > 600
    with zipfile.ZipFile(tmp_path / "out" / "many.pptx") as deck:
        assert deck.testzip() is None


def test_600_sections_build_deck_and_summary(tmp_path: Path) -> None:
    outline = many_sections(tmp_path, 600)
    result = invoke("build", outline, "--out-dir", tmp_path / "out", seconds=120)
    assert result.exit_code == 0, result.output
    assert_valid_deck(tmp_path / "out" / "many.pptx")


def test_50_images_build(tmp_path: Path) -> None:
    body = ["sections:"]
    for index in range(50):
        Image.new("RGB", (320, 200), (index * 5, 90, 200)).save(tmp_path / f"p{index}.png")
        body.append(f"  - title: Picture {index}\n    image: p{index}.png")
    outline = write_outline(tmp_path, "\n".join(body) + "\n", "images.yaml")
    result = invoke("build", outline, "--out-dir", tmp_path / "out", seconds=30)
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "out" / "images.pptx") as deck:
        media = [name for name in deck.namelist() if name.startswith("ppt/media/")]
    assert len(media) >= 50


# --- nothing leaks ----------------------------------------------------------------------------


def test_nothing_personal_or_local_leaks_into_the_results(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"
    exif[0x013B] = "Jane Doe"
    exif.get_ifd(0x8825)[1] = "N"
    Image.new("RGB", (64, 48), "teal").save(tmp_path / "photo.jpg", exif=exif)
    outline = write_outline(tmp_path, "sections:\n" + GOOD_SECTION
                            + "  - title: Picture\n    image: photo.jpg\n    keep: true\n")
    result = invoke("build", outline, "--out-dir", tmp_path / "out", seconds=30)
    assert result.exit_code == 0, result.output
    local = str(tmp_path).encode()
    out = tmp_path / "out"
    parts = checks.read_parts(out / "talk.pptx")
    for name, data in parts.items():
        for needle in (local, b"SecretCam", b"Jane Doe", b"python-pptx", b"Exif"):
            assert needle not in data, f"{needle!r} in {name}"
    core = checks.parse(parts["docProps/core.xml"])
    assert [element.text for element in core.iter(f"{{{checks.DC}}}creator",
                                                  f"{{{checks.CP}}}lastModifiedBy")
            if element.text] == []
    for name in ("talk-summary.pdf", "talk-summary.png"):
        data = (out / name).read_bytes()
        for needle in (local, b"SecretCam", b"Jane Doe", b"Exif"):
            assert needle not in data, f"{needle!r} in {name}"


# --- batches ---------------------------------------------------------------------------------


def test_one_bad_outline_does_not_stop_a_batch(tmp_path: Path) -> None:
    good = write_outline(tmp_path, "sections:\n" + GOOD_SECTION, "good.yaml")
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("title: [unclosed\n", encoding="utf-8")
    (tmp_path / "broken.png").write_text("no", encoding="utf-8")
    bad_image = with_image(tmp_path, "broken.png")
    missing = tmp_path / "missing.yaml"
    out = tmp_path / "out"
    result = invoke("build", bad_yaml, good, bad_image, missing, "--out-dir", out, seconds=30)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"wrote {out / 'good.pptx'}" in result.stdout
    assert (out / "good.pptx").is_file()
    errors = result.stderr.splitlines()
    assert errors[-1] == f"3 of 4 outlines failed: {bad_yaml}, {bad_image}, {missing}"
    assert [line for line in errors if line.startswith("Error: ")] == [
        errors[0], errors[1], errors[2]]
    assert errors[0].startswith(f"Error: {bad_yaml}:1:8: invalid YAML")  # the open [
    assert errors[1].startswith(f"Error: {bad_image}:7:13: sections[1].image: image "
                                "'broken.png'")
    assert errors[2] == f"Error: {missing}: file not found; check the path"
    assert sorted(path.name for path in out.iterdir()) == [
        "good-summary.pdf", "good-summary.png", "good.pptx"]


def test_a_point_split_across_slides_is_warned_about_at_its_section(tmp_path: Path) -> None:
    # Oracle: the section's title is on line 5, column 12 (counted by hand below).
    point = " ".join(["word"] * 700)
    outline = write_outline(tmp_path, "sections:\n" + GOOD_SECTION
                            + "  - title: Long one\n    points:\n      - " + point + "\n")
    result = invoke("build", outline, "--out-dir", tmp_path / "out", seconds=60)
    assert result.exit_code == 0, result.output
    warned = [line for line in result.stderr.splitlines() if "was split across slides" in line]
    assert warned == [f"{outline}:5:12: warning: a {len(point)}-character point of 'Long one' "
                      "was split across slides"]
