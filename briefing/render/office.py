"""Render decks to PDF with LibreOffice headless: a private profile and work folder per run
(so two runs at once never meet), a timeout that ends the whole process group, clear errors."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from briefing.errors import RenderError

SOFFICE_ENV = "BRIEFING_SOFFICE"
TIMEOUT = 240.0  # seconds; a cold LibreOffice start renders the seed deck in about 10 s here
INSTALL_HINT = (
    "LibreOffice is needed to render slides but was not found. Install it: "
    "'sudo apt-get install libreoffice-impress' (Debian, Ubuntu), "
    "'sudo dnf install libreoffice-impress' (Fedora), "
    "'brew install --cask libreoffice' (macOS), or from https://www.libreoffice.org; "
    f"or set {SOFFICE_ENV} to its soffice program. 'briefing build' works without it.")
CANDIDATES = ("/Applications/LibreOffice.app/Contents/MacOS/soffice",
              "C:/Program Files/LibreOffice/program/soffice.exe")


def find_soffice() -> str | None:
    """Return the LibreOffice program to run: ``$BRIEFING_SOFFICE`` when set (empty: none),
    else ``soffice`` or ``libreoffice`` on PATH, else the usual install places."""
    if SOFFICE_ENV in os.environ:
        given = os.environ[SOFFICE_ENV]
        return shutil.which(given) if given else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((path for path in CANDIDATES if os.access(path, os.X_OK)), None)


def deck_to_pdf(deck: bytes, name: str, timeout: float = TIMEOUT,
                fonts: Sequence[Path] = ()) -> bytes:
    """Return the PDF LibreOffice makes of ``deck`` (.pptx bytes), a page per slide.

    ``fonts`` are font files the deck's text was laid out with: LibreOffice finds them even
    when they are not installed (through fontconfig, where LibreOffice uses it), instead of
    drawing text it has no font for as empty boxes.

    Raises RenderError when LibreOffice is missing (with how to install it), fails, or takes
    longer than ``timeout`` seconds (its whole process group is then killed).
    """
    soffice = find_soffice()
    if soffice is None:
        raise RenderError(INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="briefing-office-") as work:
        folder = Path(work)
        source = folder / f"{name}.pptx"
        source.write_bytes(deck)
        _convert(soffice, source, folder, timeout, _font_settings(folder, fonts))
        result = folder / "out" / f"{name}.pdf"
        if not result.is_file():
            raise RenderError(f"LibreOffice did not convert {name}.pptx to PDF")
        return result.read_bytes()


def _font_settings(folder: Path, fonts: Sequence[Path]) -> dict[str, str]:
    """Return the environment LibreOffice needs to find ``fonts`` (links to them in
    ``folder/fonts``), by a fontconfig file that adds that folder to the system's
    configuration; nothing where fontconfig is not how fonts are found (macOS, Windows), or
    when there are no fonts."""
    system = os.environ.get("FONTCONFIG_FILE", "/etc/fonts/fonts.conf")
    if not fonts or not sys.platform.startswith("linux") or not Path(system).is_file():
        return {}
    linked = folder / "fonts"
    linked.mkdir()
    for number, font in enumerate(dict.fromkeys(fonts)):
        (linked / f"{number}-{font.name}").symlink_to(font.resolve())
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig>\n  <include ignore_missing=\"yes\">{escape(system)}</include>\n"
        f"  <dir>{escape(str(linked))}</dir>\n"
        f"  <cachedir>{escape(str(folder / 'fontcache'))}</cachedir>\n</fontconfig>\n",
        "utf-8")
    return {"FONTCONFIG_FILE": str(config)}


def _convert(soffice: str, source: Path, folder: Path, timeout: float,
             environment: dict[str, str] | None = None) -> None:
    """Run one headless conversion of ``source`` into ``folder/out``, profile in ``folder``,
    with ``environment`` added to this process's."""
    command = [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
               "--norestore", "--nolockcheck", "--convert-to", "pdf",
               "--outdir", str(folder / "out"), str(source)]
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   stdin=subprocess.DEVNULL, start_new_session=True,
                                   env={**os.environ, **(environment or {})})
    except OSError as exc:
        raise RenderError(f"cannot start LibreOffice ({soffice}): {exc.strerror}") from None
    try:
        _, errors = process.communicate(timeout=timeout)
    except BaseException as exc:
        _kill(process)
        if isinstance(exc, subprocess.TimeoutExpired):
            raise RenderError(f"LibreOffice did not finish within {timeout:.0f} s; "
                              "close other LibreOffice windows and try again") from None
        raise
    if process.returncode:
        detail = errors.decode(errors="replace").strip().splitlines()[-1:] or ["no message"]
        raise RenderError(f"LibreOffice failed (exit {process.returncode}): {detail[0]}")


def _kill(process: subprocess.Popen[bytes]) -> None:
    """End ``process`` and everything it started, and reap it."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (OSError, AttributeError):
        process.kill()
    process.communicate()
