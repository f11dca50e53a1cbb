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


def pdf_faces(data: bytes) -> set[str]:
    """Return the base font names of every page of a PDF, subset tags dropped."""
    import io

    import pypdf

    names = set()
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    return names


def test_libreoffice_sets_text_in_the_fonts_it_is_given_when_none_is_installed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_outlines: dict[str, Path]) -> None:
    """A user who has not run install-font: LibreOffice finds no Noto Sans JP in their
    folders (HOME emptied here) and, without the font given, draws the Japanese text in a
    font without Japanese (empty boxes on the slide); given the font file, it sets the text
    in it. Faces read back from the PDF with pypdf."""
    from briefing.api import Options, build
    from briefing.text.fonts import bundled_font_path

    report = build(seed_outlines["ja"], Options(out_dir=tmp_path / "out", summary=False))
    deck = next(path for path in report.written if path.suffix == ".pptx").read_bytes()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home" / "cache"))
    without = pdf_faces(office.deck_to_pdf(deck, "talk"))
    assert not any(name.startswith("NotoSansJP") for name in without), without
    given = pdf_faces(office.deck_to_pdf(deck, "talk", fonts=[bundled_font_path()]))
    assert any(name.startswith("NotoSansJP") for name in given), given


def test_the_fonts_given_are_added_to_the_system_configuration(tmp_path: Path) -> None:
    from lxml import etree

    font = tmp_path / "Face.otf"
    font.write_bytes(b"face")
    (tmp_path / "run").mkdir()
    settings = office._font_settings(tmp_path / "run", [font, font])
    config = etree.parse(settings["FONTCONFIG_FILE"]).getroot()
    assert [element.tag for element in config] == ["include", "dir", "cachedir"]
    assert config[0].text == os.environ.get("FONTCONFIG_FILE", "/etc/fonts/fonts.conf")
    linked = list(Path(config[1].text or "").iterdir())
    assert [path.resolve() for path in linked] == [font.resolve()]  # each file once
    assert office._font_settings(tmp_path / "none", []) == {}
