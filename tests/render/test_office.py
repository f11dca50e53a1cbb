"""Driving LibreOffice: found or explained, a private profile per run, a timeout that ends it."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from briefing.errors import RenderError
from briefing.render import office


def fake_soffice(folder: Path, body: str) -> Path:
    """Return an executable shell script standing in for soffice."""
    script = folder / "soffice"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def test_missing_libreoffice_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_SOFFICE", "")
    with pytest.raises(RenderError) as caught:
        office.deck_to_pdf(b"deck", "talk")
    message = caught.value.format_message()
    assert "apt-get install libreoffice-impress" in message
    assert "brew install --cask libreoffice" in message
    assert "'briefing build' works without it" in message


def test_a_program_on_path_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRIEFING_SOFFICE", raising=False)
    script = fake_soffice(tmp_path, "exit 0")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert office.find_soffice() == str(script)


def test_each_run_gets_its_own_profile_and_the_pdf_comes_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "log"
    # Writes its arguments, then a PDF named after the input into --outdir, as soffice does.
    body = (f'echo "$@" >> {log}\n'
            'while [ "$1" != "--outdir" ]; do shift; done\n'
            'mkdir -p "$2"; echo "%PDF-fake" > "$2/talk.pdf"')
    monkeypatch.setenv("BRIEFING_SOFFICE", str(fake_soffice(tmp_path, body)))
    assert office.deck_to_pdf(b"deck", "talk") == b"%PDF-fake\n"
    assert office.deck_to_pdf(b"deck", "talk") == b"%PDF-fake\n"
    profiles = [word for line in log.read_text().splitlines() for word in line.split()
                if word.startswith("-env:UserInstallation=")]
    assert len(profiles) == 2 and profiles[0] != profiles[1]
    assert "--headless" in log.read_text()
    assert not any(Path(p.split("file://", 1)[1]).exists() for p in profiles)


def test_a_failure_is_reported_with_its_message(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    script = fake_soffice(tmp_path, "echo 'source file could not be loaded' >&2; exit 3")
    monkeypatch.setenv("BRIEFING_SOFFICE", str(script))
    with pytest.raises(RenderError, match=r"exit 3.*could not be loaded"):
        office.deck_to_pdf(b"deck", "talk")


def test_no_pdf_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_SOFFICE", str(fake_soffice(tmp_path, "exit 0")))
    with pytest.raises(RenderError, match=r"did not convert talk\.pptx"):
        office.deck_to_pdf(b"deck", "talk")


def test_a_run_past_the_timeout_is_killed_with_its_children(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pids = tmp_path / "pids"
    # A parent that starts a child, both sleeping far longer than the timeout.
    body = f"sleep 60 & echo $! >> {pids}; echo $$ >> {pids}; wait"
    monkeypatch.setenv("BRIEFING_SOFFICE", str(fake_soffice(tmp_path, body)))
    start = time.monotonic()
    with pytest.raises(RenderError, match="did not finish within 1 s"):
        office.deck_to_pdf(b"deck", "talk", timeout=1.0)
    assert time.monotonic() - start < 10
    for pid in map(int, pids.read_text().split()):
        assert not _alive(pid), pid


def _alive(pid: int) -> bool:
    """Return whether process ``pid`` still runs (a zombie counts as ended)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split()[2] == "Z")
