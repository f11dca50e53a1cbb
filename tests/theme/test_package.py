"""Untrusted templates: bounded reading, clear refusals, and nothing of the template's own
(preview, private parts, macros, external links, embedded objects) reaching a deck."""

from __future__ import annotations

import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.api import Options, build
from briefing.cli import main
from briefing.errors import TemplateError
from briefing.theme.template import read_template

from . import altered

OUTLINE = """title: Package check
lang: en
date: 2026-11-26
sections:
  - title: Plain points
    points: [First point, Second point]
"""
FORBIDDEN_PARTS = ("docProps/thumbnail.jpeg", "docProps/custom.xml", "ppt/commentAuthors.xml",
                   "ppt/authors.xml", "ppt/revisionInfo.xml", "ppt/vbaProject.bin")


def deck_of(template: Path, folder: Path) -> tuple[Path, tuple[str, ...]]:
    """Build the small outline on ``template``; return the deck and the report's warnings."""
    outline = folder / "talk.yaml"
    outline.write_text(OUTLINE, "utf-8")
    report = build(outline, Options(out_dir=folder / "out", template=template, summary=False))
    return folder / "out" / "talk.pptx", tuple(map(str, report.warnings))


def all_text(path: Path) -> str:
    """Return the bytes of every part of a package, decoded loosely, joined."""
    with zipfile.ZipFile(path) as package:
        return "\n".join(package.read(n).decode("utf-8", "replace") for n in package.namelist())


def relationships(path: Path) -> list[str]:
    """Return every relationship element of a package, as text."""
    with zipfile.ZipFile(path) as package:
        return [line for name in package.namelist() if name.endswith(".rels")
                for line in package.read(name).decode().split("<Relationship ")[1:]]


# --- bounded reading ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a template with a part that inflates to 3 GiB."""
    folder = tmp_path_factory.mktemp("bomb")
    return altered.with_zip_bomb(folder / "source.pptx", folder / "bomb.pptx")


def test_the_zip_bomb_is_small_on_disk_and_huge_inflated(bomb: Path) -> None:
    assert bomb.stat().st_size < 8 * altered.MIB
    with zipfile.ZipFile(bomb) as package:
        assert package.getinfo("ppt/media/unused.bin").file_size == 3072 * altered.MIB


def test_a_zip_bomb_is_refused_quickly_in_bounded_memory(bomb: Path) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(TemplateError) as caught:
        read_template(bomb)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    message = caught.value.format_message()
    assert str(bomb) in message and "ppt/media/unused.bin" in message
    assert "refused for safety" in message
    assert elapsed < 1.0, f"took {elapsed:.2f} s"
    assert peak < 32 * altered.MIB, f"peak {peak / altered.MIB:.0f} MiB"


def test_a_zip_bomb_is_a_clean_command_line_error(bomb: Path, tmp_path: Path) -> None:
    outline = tmp_path / "talk.yaml"
    outline.write_text(OUTLINE, "utf-8")
    result = CliRunner().invoke(main, ["build", str(outline), "--template", str(bomb),
                                       "--out-dir", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "unused.bin" in result.output and "Traceback" not in result.output
    assert "internal error" not in result.output
    assert not (tmp_path / "out").exists()


def test_a_part_declaring_a_dtd_is_refused_as_unsafe(tmp_path: Path) -> None:
    template = altered.with_dtd(tmp_path / "source.pptx", tmp_path / "dtd.pptx")
    with pytest.raises(TemplateError) as caught:
        read_template(template)
    assert caught.value.format_message() == (
        f"template {template}: part {altered.LAYOUT} declares a DTD or entities, which a "
        "template never needs; refused for safety")


# --- what a deck carries -----------------------------------------------------------------------

def test_private_parts_and_the_preview_never_reach_the_deck(tmp_path: Path) -> None:
    template = altered.with_private_parts(tmp_path / "source.pptx", tmp_path / "private.pptx")
    with zipfile.ZipFile(template) as package:  # the planted parts are really there
        assert set(FORBIDDEN_PARTS) <= set(package.namelist())
    deck, warnings = deck_of(template, tmp_path)
    with zipfile.ZipFile(deck) as package:
        names = set(package.namelist())
    assert not names & set(FORBIDDEN_PARTS), names & set(FORBIDDEN_PARTS)
    assert altered.SECRET not in all_text(deck)
    assert "A sample slide of the template" not in all_text(deck)
    left_out = [w for w in warnings if "left out" in w and "preview picture" in w]
    assert len(left_out) == 1, warnings
    for what in ("its custom properties", "comment authors", "revision information", "macros",
                 "its 1 sample slide"):
        assert what in left_out[0], left_out[0]


def test_external_links_are_dropped_with_the_shapes_that_used_them(tmp_path: Path) -> None:
    template = altered.with_external_picture(tmp_path / "source.pptx", tmp_path / "ext.pptx")
    assert any(altered.TRACKER in rel for rel in relationships(template))
    deck, warnings = deck_of(template, tmp_path)
    text = all_text(deck)
    assert altered.TRACKER not in text and altered.SHARE not in text
    assert "example.invalid" not in text
    assert not [rel for rel in relationships(deck) if 'TargetMode="External"' in rel]
    assert "Linked picture" not in text
    assert [w for w in warnings if "3 links to external resources" in w], warnings


def test_an_embedded_object_is_left_out(tmp_path: Path) -> None:
    template = altered.with_ole_object(tmp_path / "source.pptx", tmp_path / "ole.pptx")
    deck, warnings = deck_of(template, tmp_path)
    with zipfile.ZipFile(deck) as package:
        assert not [n for n in package.namelist() if "embeddings" in n]
    assert "Embedded sheet" not in all_text(deck)
    assert [w for w in warnings if "embedded objects" in w], warnings


def test_the_deck_describes_itself_not_the_template(tmp_path: Path) -> None:
    template = altered.with_private_parts(tmp_path / "source.pptx", tmp_path / "private.pptx")
    deck, _ = deck_of(template, tmp_path)
    with zipfile.ZipFile(deck) as package:
        app = package.read("docProps/app.xml").decode()
        core = package.read("docProps/core.xml").decode()
    assert "<Slides>3</Slides>" in app and "A sample slide" not in app
    assert "Package check" in core and "python-pptx" not in core


def test_inspect_lists_what_a_deck_leaves_out(tmp_path: Path) -> None:
    template = altered.with_external_picture(tmp_path / "source.pptx", tmp_path / "ext.pptx")
    result = CliRunner().invoke(main, ["template", "inspect", str(template)])
    assert result.exit_code == 0, result.output
    assert "a deck on this template leaves out:" in result.output
    assert "its 1 sample slide" in result.output
    assert altered.TRACKER in result.output
