"""briefing watch, driven in a subprocess with real file edits: rebuilds on outline and image
changes, survives a broken edit, and Ctrl-C ends it cleanly. Plus the files it watches."""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pptx import Presentation

from briefing.api import Options
from briefing.watch import dependencies

WAIT = 90.0  # seconds any one expected line may take (a cold first build included)


class Watching:
    """A running ``briefing watch`` whose output lines can be waited for."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        for stream in (process.stdout, process.stderr):
            threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float = WAIT) -> list[str]:
        """Return the lines read until one containing ``text``; fail after ``timeout``."""
        deadline = time.monotonic() + timeout
        read = []
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                pytest.fail(f"no line with {text!r} within {timeout:.0f} s; read: {self.seen}")
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                continue
            self.seen.append(line)
            read.append(line)
            if text in line:
                return read


@pytest.fixture()
def talk(tmp_path: Path, root: Path) -> Path:
    """Return an outline in ``tmp_path`` that uses an image beside it."""
    shutil.copyfile(root / "assets" / "nato-japan-map.png", tmp_path / "map.png")
    text = (root / "outlines" / "nato-japan.en.yaml").read_text("utf-8")
    path = tmp_path / "talk.yaml"
    path.write_text(text.replace("../assets/nato-japan-map.png", "map.png"), "utf-8")
    return path


@pytest.fixture()
def watching(talk: Path, tmp_path: Path) -> Iterator[Watching]:
    """Return a ``briefing watch`` of ``talk``; stop it with SIGINT (or kill it) afterwards."""
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", "watch", str(talk), "--out-dir",
         str(tmp_path / "out")], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        yield Watching(process)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in ``path`` (it must be there)."""
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def deck_titles(deck: Path) -> list[str]:
    """Return the title of every slide of ``deck``, read with python-pptx."""
    return [slide.shapes.title.text_frame.text if slide.shapes.title else ""
            for slide in Presentation(str(deck)).slides]


def test_watch_rebuilds_survives_a_broken_edit_and_stops_on_ctrl_c(
        watching: Watching, talk: Path, tmp_path: Path) -> None:
    deck = tmp_path / "out" / "talk.pptx"
    watching.wait_for(f"wrote {deck}")
    time.sleep(1.0)  # let the watcher start before the first edit

    edit(talk, "title: NATO's Main Activities", "title: NATO's Main Activities today")
    watching.wait_for("rebuilt in")
    assert "NATO's Main Activities today" in " ".join(deck_titles(deck))

    good = talk.read_text("utf-8")
    talk.write_text(good + "\nsections: [unclosed\n", "utf-8")
    failed = watching.wait_for("Error:")
    assert any("failed after" in line for line in failed)
    assert str(talk) in failed[-1] and ":" in failed[-1].split(str(talk))[1]
    assert "NATO's Main Activities today" in " ".join(deck_titles(deck)), "good output kept"

    talk.write_text(good.replace("Activities today", "Activities now"), "utf-8")
    watching.wait_for("rebuilt in")
    assert "NATO's Main Activities now" in " ".join(deck_titles(deck))

    with Image.open(tmp_path / "map.png") as image:
        image.transpose(Image.Transpose.FLIP_LEFT_RIGHT).save(tmp_path / "map.png")
    watching.wait_for("rebuilt in")

    watching.process.send_signal(signal.SIGINT)
    assert watching.process.wait(timeout=30) == 0
    watching.wait_for("stopped watching", timeout=10)
    assert not [line for line in watching.seen if "Traceback" in line]


def test_an_outline_broken_from_the_start_is_watched_until_fixed(
        talk: Path, tmp_path: Path) -> None:
    good = talk.read_text("utf-8")
    talk.write_text("title: [unclosed\n", "utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", "watch", str(talk), "--out-dir",
         str(tmp_path / "out")], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        watching = Watching(process)
        watching.wait_for("Error:")
        time.sleep(1.0)
        talk.write_text(good, "utf-8")
        watching.wait_for("rebuilt in")
        assert (tmp_path / "out" / "talk.pptx").is_file()
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0


def test_dependencies_are_the_outline_images_theme_chain_and_template(tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    Image.new("RGB", (20, 10)).save(tmp_path / "img" / "a.png")
    (tmp_path / "themes").mkdir()
    (tmp_path / "themes" / "base.yaml").write_text("extends: default\nlogo: logo.png\n")
    (tmp_path / "themes" / "corp.yaml").write_text(
        "extends: base.yaml\nfonts: {latin: X, latin_file: ../fonts/x.otf}\n")
    outline = tmp_path / "talk.yaml"
    outline.write_text("title: T\ntheme: themes/corp.yaml\ntemplate: corp.pptx\nsections:\n"
                       "  - title: S\n    points: [p]\n    image: img/a.png\n")
    found = dependencies(outline, Options())
    assert found == {outline, tmp_path / "img" / "a.png", tmp_path / "themes" / "corp.yaml",
                     tmp_path / "themes" / "base.yaml", tmp_path / "themes" / "logo.png",
                     tmp_path / "fonts" / "x.otf", tmp_path / "corp.pptx"}


def test_options_override_the_outline_theme_and_template(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A theme file given on the command line is read from the current folder, as the build
    # reads it, not from the outline's.
    (tmp_path / "outlines").mkdir()
    outline = tmp_path / "outlines" / "talk.yaml"
    outline.write_text("title: T\nsections:\n  - title: S\n    points: [p]\n")
    monkeypatch.chdir(tmp_path)
    found = dependencies(outline, Options(theme="other.yaml", template=Path("t.pptx")))
    assert found == {outline, tmp_path / "other.yaml", tmp_path / "t.pptx"}


def test_a_broken_outline_depends_on_itself(tmp_path: Path) -> None:
    outline = tmp_path / "talk.yaml"
    outline.write_text("title: [\n")
    assert dependencies(outline, Options()) == {outline}


def test_an_outline_in_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from briefing.cli import main

    missing = tmp_path / "nowhere" / "talk.yaml"
    result = CliRunner().invoke(main, ["watch", str(missing), "--out-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "nothing to watch" in result.output
    assert "Traceback" not in result.output


def test_an_edit_saved_during_a_build_is_not_missed(talk: Path, tmp_path: Path) -> None:
    started = tmp_path / "started"
    soffice = tmp_path / "soffice"
    # Stands in for LibreOffice: keeps a copy of each deck it is given, says it started,
    # takes its time, then fails (so the build writes nothing).
    soffice.write_text("#!/bin/sh\n"
                       f"n=$(ls {tmp_path}/seen-*.pptx 2>/dev/null | wc -l)\n"
                       "for last; do :; done\n"
                       f'cp "$last" {tmp_path}/seen-$n.pptx\n'
                       f"touch {started}\nsleep 3\nexit 1\n")
    soffice.chmod(0o755)
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", "watch", str(talk), "--out-dir",
         str(tmp_path / "out"), "--preview"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env={**os.environ, "BRIEFING_SOFFICE": str(soffice)})
    try:
        watching = Watching(process)
        deadline = time.monotonic() + WAIT
        while not started.exists():  # the deck is made; its rendering is under way
            assert time.monotonic() < deadline, f"no rendering started; read: {watching.seen}"
            time.sleep(0.05)
        edit(talk, "title: NATO's Main Activities", "title: NATO's Main Activities (edited)")
        watching.wait_for("LibreOffice failed")
        watching.wait_for("LibreOffice failed")  # the rebuild the edit asked for
        assert "NATO's Main Activities (edited)" not in " ".join(
            deck_titles(tmp_path / "seen-0.pptx"))
        assert "NATO's Main Activities (edited)" in " ".join(
            deck_titles(tmp_path / "seen-1.pptx"))
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0


def test_a_rebuild_reuses_fonts_measurements_and_images(talk: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing import media
    from briefing.render import fontcache
    from briefing.text import fonts
    from briefing.watch import rebuild

    options = Options(out_dir=tmp_path / "out")
    assert rebuild(talk, options).error is None
    edit(talk, "title: NATO's Main Activities", "title: NATO's Main Activities again")

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("loaded again on a rebuild")

    monkeypatch.setattr(media, "_prepare_data", refuse)  # decoding and scaling an image
    monkeypatch.setattr(fonts, "_read_table", refuse)  # reading a font's metrics
    monkeypatch.setattr(fonts, "TTFont", refuse)  # opening a font file at all
    monkeypatch.setattr(fontcache, "_converted_glyph", refuse)  # converting a glyph
    monkeypatch.setattr(fontcache, "_skeleton", refuse)
    result = rebuild(talk, options)
    assert result.error is None, result.error
    assert "NATO's Main Activities again" in " ".join(deck_titles(tmp_path / "out" / "talk.pptx"))


@contextlib.contextmanager
def watching_in_a_thread(talk: Path, tmp_path: Path,
                         ) -> Iterator[tuple[list[Any], Callable[[int], None]]]:
    """Watch ``talk`` (deck only) in a thread; yield its outcomes so far and a function that
    waits until there are at least that many; stop watching on the way out."""
    from briefing.watch import watch

    outcomes: list[Any] = []
    stop = threading.Event()
    options = Options(out_dir=tmp_path / "out", summary=False)
    thread = threading.Thread(target=watch, args=([talk], options, outcomes.append, stop))
    thread.start()

    def wait_for(count: int) -> None:
        deadline = time.monotonic() + WAIT
        while len(outcomes) < count:
            assert time.monotonic() < deadline, f"{len(outcomes)} builds, not {count}"
            time.sleep(0.05)

    try:
        yield outcomes, wait_for
    finally:
        stop.set()
        thread.join(timeout=30)


def test_a_save_that_leaves_a_file_out_is_rebuilt_once(talk: Path, tmp_path: Path) -> None:
    """A save that drops a file from the outline's files (a broken outline depends on itself
    alone; an image taken out) rebuilds once, not once more on the next look at the files."""
    with watching_in_a_thread(talk, tmp_path) as (outcomes, wait_for):
        def settle(count: int) -> None:
            wait_for(count)
            time.sleep(2.0)
            (tmp_path / "notes.txt").write_text(str(count), "utf-8")  # wakes the watcher
            time.sleep(3.0)  # six looks at the files at least

        settle(1)
        edit(talk, "title: NATO's Main Activities", "title:\tbroken")
        settle(2)
        assert len(outcomes) == 2
        edit(talk, "title:\tbroken", "title: NATO's Main Activities")
        settle(3)
        assert len(outcomes) == 3
        shutil.copyfile(tmp_path / "map.png", tmp_path / "other.png")
        edit(talk, "path: map.png", "path: other.png")
        settle(4)
        assert len(outcomes) == 4


def test_an_image_moved_away_and_back_is_rebuilt(talk: Path, tmp_path: Path) -> None:
    """A build that fails on a missing image keeps the image watched: moving it back
    rebuilds (the failed outline names fewer files than the good one did)."""
    with watching_in_a_thread(talk, tmp_path) as (outcomes, wait_for):
        wait_for(1)
        time.sleep(1.0)  # the first build has found its files
        (tmp_path / "map.png").rename(tmp_path / "away.png")
        wait_for(2)
        assert not outcomes[1].ok
        time.sleep(1.0)
        (tmp_path / "away.png").rename(tmp_path / "map.png")
        wait_for(3)
        assert outcomes[2].ok


def test_an_image_replaced_keeping_its_size_and_time_is_rebuilt(talk: Path,
                                                                 tmp_path: Path) -> None:
    """A picture replaced by another of the same size whose modification time was kept (as
    cp -p, rsync -t and tar x leave it) rebuilds: its change time and inode are new."""
    with watching_in_a_thread(talk, tmp_path) as (outcomes, wait_for):
        wait_for(1)
        time.sleep(1.0)
        picture = tmp_path / "map.png"
        before = picture.stat()
        staged = tmp_path / "staged.png"
        data = bytearray(picture.read_bytes())
        staged.write_bytes(bytes(data))
        os.utime(staged, ns=(before.st_atime_ns, before.st_mtime_ns))
        os.replace(staged, picture)
        assert (picture.stat().st_mtime_ns, picture.stat().st_size) == (
            before.st_mtime_ns, before.st_size)
        wait_for(2)
        assert outcomes[1].ok


def test_a_missing_image_is_watched_for_and_adding_it_rebuilds(talk: Path,
                                                                 tmp_path: Path) -> None:
    """An outline edited to name an image that does not exist yet fails, and the build runs
    again when the image is added (the fix the error asks for), with no other save."""
    with watching_in_a_thread(talk, tmp_path) as (outcomes, wait_for):
        wait_for(1)
        time.sleep(1.0)
        edit(talk, "path: map.png", "path: later.png")
        wait_for(2)
        assert not outcomes[1].ok
        time.sleep(1.0)
        shutil.copyfile(tmp_path / "map.png", tmp_path / "later.png")
        wait_for(3)
        assert outcomes[2].ok


def test_a_broken_outline_depends_on_the_images_it_names(tmp_path: Path) -> None:
    outline = tmp_path / "talk.yaml"
    outline.write_text("title: T\nsections:\n  - title: S\n    points: [p]\n"
                       "    image: img/not-yet.png\n    colour: blue\n")
    assert dependencies(outline, Options()) == {outline, tmp_path / "img" / "not-yet.png"}
