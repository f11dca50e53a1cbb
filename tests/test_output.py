"""Writing results: atomic, all or nothing, no temporary files left, safe when run in parallel."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from briefing import api, output
from briefing.api import Options, build
from briefing.cli import main
from briefing.errors import OutputError
from briefing.output import prepare_folder, write_all

ROOT = Path(__file__).resolve().parent.parent


def listing(folder: Path) -> list[str]:
    """Return the names in ``folder``, sorted (hidden files included)."""
    return sorted(path.name for path in folder.iterdir())


def failing_on(call: int, real: Callable[..., Any], error: BaseException,
               within: Path | None = None) -> Callable[..., Any]:
    """Return ``real`` wrapped to raise ``error`` on its ``call``-th call (1-based); with
    ``within``, only calls whose last path argument lies in that folder count (a build also
    writes its cache folder)."""
    calls = [0]

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if within is None or Path(args[-1]).parent == within:
            calls[0] += 1
            if calls[0] == call:
                raise error
        return real(*args, **kwargs)

    return wrapper


@pytest.fixture()
def earlier(tmp_path: Path) -> dict[Path, bytes]:
    """Return the results of an earlier build, already on disk, by path."""
    files = {tmp_path / "talk.pptx": b"old deck", tmp_path / "talk-summary.pdf": b"old pdf"}
    for path, data in files.items():
        path.write_bytes(data)
    return files


def new_results(folder: Path) -> dict[Path, bytes]:
    """Return a new build's results for ``folder``: two replacements and one new file."""
    return {folder / "talk.pptx": b"new deck", folder / "talk-summary.pdf": b"new pdf",
            folder / "talk-summary.png": b"new png"}


def assert_untouched(folder: Path, earlier: dict[Path, bytes]) -> None:
    """Assert that ``folder`` holds exactly the earlier results, unchanged."""
    assert listing(folder) == sorted(path.name for path in earlier)
    for path, data in earlier.items():
        assert path.read_bytes() == data


# --- prepare_folder ---------------------------------------------------------------------------


def test_missing_folders_are_created(tmp_path: Path) -> None:
    prepare_folder(tmp_path / "a" / "b")
    assert (tmp_path / "a" / "b").is_dir()


def test_a_file_is_not_a_folder(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="is a file; pass another --out-dir"):
        prepare_folder(tmp_path / "taken")


def test_a_folder_below_a_file_cannot_be_made(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        prepare_folder(tmp_path / "taken" / "out")
    assert caught.value.format_message() == (
        f"cannot create output folder {tmp_path / 'taken' / 'out'}: Not a directory; "
        "pass another --out-dir")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root writes into read-only folders")
def test_a_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(OutputError, match="is not writable; pass another --out-dir"):
            prepare_folder(folder)
    finally:
        folder.chmod(stat.S_IRWXU)


# --- write_all --------------------------------------------------------------------------------


def test_files_are_written_whole_with_ordinary_permissions(tmp_path: Path) -> None:
    files = new_results(tmp_path)
    assert write_all(files) == list(files)
    assert listing(tmp_path) == ["talk-summary.pdf", "talk-summary.png", "talk.pptx"]
    for path, data in files.items():
        assert path.read_bytes() == data
        assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_a_failed_staging_leaves_earlier_results_and_no_temporary_files(
        tmp_path: Path, earlier: dict[Path, bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "fsync", failing_on(2, os.fsync, OSError(errno.ENOSPC,
                                                                     "No space left on device")))
    with pytest.raises(OutputError) as caught:
        write_all(new_results(tmp_path))
    assert caught.value.format_message() == (
        "cannot write results: No space left on device; earlier results were left as they were")
    assert_untouched(tmp_path, earlier)


def test_a_failed_rename_puts_back_what_was_replaced(
        tmp_path: Path, earlier: dict[Path, bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "replace", failing_on(3, os.replace, OSError(errno.EIO,
                                                                         "Input/output error")))
    with pytest.raises(OutputError, match="Input/output error"):
        write_all(new_results(tmp_path))
    assert_untouched(tmp_path, earlier)


def test_roll_back_works_where_hard_links_do_not(
        tmp_path: Path, earlier: dict[Path, bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    monkeypatch.setattr(os, "replace", failing_on(3, os.replace, OSError(errno.EIO, "I/O")))
    with pytest.raises(OutputError):
        write_all(new_results(tmp_path))
    assert_untouched(tmp_path, earlier)


def test_an_interrupted_write_leaves_no_temporary_files(
        tmp_path: Path, earlier: dict[Path, bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "fsync", failing_on(2, os.fsync, KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        write_all(new_results(tmp_path))
    assert_untouched(tmp_path, earlier)


def test_a_folder_in_the_way_of_a_result_fails_cleanly(
        tmp_path: Path, earlier: dict[Path, bytes]) -> None:
    (tmp_path / "talk-summary.png").mkdir()
    with pytest.raises(OutputError):
        write_all(new_results(tmp_path))
    assert listing(tmp_path) == ["talk-summary.pdf", "talk-summary.png", "talk.pptx"]
    assert (tmp_path / "talk.pptx").read_bytes() == b"old deck"
    assert (tmp_path / "talk-summary.pdf").read_bytes() == b"old pdf"


def test_a_symlink_at_a_target_is_replaced_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "talk.pptx").symlink_to(victim)
    write_all({out / "talk.pptx": b"deck"})
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert not (out / "talk.pptx").is_symlink()
    assert (out / "talk.pptx").read_bytes() == b"deck"


def test_threads_writing_the_same_files_leave_whole_files(tmp_path: Path) -> None:
    payloads = [bytes([index]) * 200_000 for index in range(8)]
    errors: list[BaseException] = []

    def writer(data: bytes) -> None:
        try:
            for _ in range(5):
                write_all({tmp_path / "talk.pptx": data, tmp_path / "talk-summary.pdf": data})
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(data,)) for data in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert listing(tmp_path) == ["talk-summary.pdf", "talk.pptx"]
    for name in ("talk.pptx", "talk-summary.pdf"):
        assert (tmp_path / name).read_bytes() in payloads


# --- whole builds -----------------------------------------------------------------------------


def starter(folder: Path, name: str, title: str) -> Path:
    """Return an outline called ``name`` in ``folder`` written by ``briefing init``."""
    path = folder / name
    result = CliRunner().invoke(main, ["init", str(path)])
    assert result.exit_code == 0, result.output
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title:", f"title: {title}\n# was:", 1), encoding="utf-8")
    return path


def test_a_build_that_fails_while_writing_leaves_earlier_output(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outline = starter(tmp_path, "talk.yaml", "First")
    out = tmp_path / "out"
    report = build(outline, Options(out_dir=out))
    before = {path: path.read_bytes() for path in report.written}
    monkeypatch.setattr(os, "replace", failing_on(2, os.replace, OSError(errno.EIO, "I/O"),
                                                  within=out))
    outline.write_text(outline.read_text(encoding="utf-8").replace("First", "Second"),
                       encoding="utf-8")
    with pytest.raises(OutputError):
        build(outline, Options(out_dir=out))
    assert_untouched(out, before)


def test_a_build_that_fails_before_writing_touches_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outline = starter(tmp_path, "talk.yaml", "First")
    out = tmp_path / "out"
    report = build(outline, Options(out_dir=out, summary=False))
    before = {path: path.read_bytes() for path in report.written}

    def broken(*args: Any, **kwargs: Any) -> dict[Path, bytes]:
        raise OSError(errno.EIO, "renderer failed")

    monkeypatch.setattr(api, "summary_files", broken)
    with pytest.raises(OSError):
        build(outline, Options(out_dir=out))
    assert_untouched(out, before)


def test_parallel_builds_into_one_folder(tmp_path: Path) -> None:
    first = starter(tmp_path, "first.yaml", "First")
    second = starter(tmp_path, "second.yaml", "Second")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "briefing", "build", "--out-dir", str(out)]
    jobs = [[*command, str(first)], [*command, str(first)], [*command, str(second)]]
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    processes = [subprocess.Popen(job, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  env=environment) for job in jobs]
    for process in processes:
        _, errors = process.communicate(timeout=120)
        assert process.returncode == 0, errors.decode()
    assert listing(out) == ["first-summary.pdf", "first-summary.png", "first.pptx",
                            "second-summary.pdf", "second-summary.png", "second.pptx"]
    for stem in ("first", "second"):
        with zipfile.ZipFile(out / f"{stem}.pptx") as deck:
            assert deck.testzip() is None
        assert (out / f"{stem}-summary.pdf").read_bytes().rstrip().endswith(b"%%EOF")
        assert (out / f"{stem}-summary.png").read_bytes().startswith(b"\x89PNG")


def test_the_output_module_keeps_its_file_mode() -> None:
    assert output.FILE_MODE == 0o644
