"""The user cache folder: where it is, atomic entries, least recently used ones pruned."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing import diskcache


def test_the_environment_variable_moves_the_cache(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "c"))
    assert diskcache.cache_folder("fonts") == tmp_path / "c" / "fonts"


def test_without_it_the_platform_user_cache_is_used(monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    monkeypatch.delenv("BRIEFING_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert diskcache.cache_folder("fonts") == tmp_path / "xdg" / "briefing" / "fonts"


def test_an_entry_reads_back_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    entry = tmp_path / "kind" / "abc.bin"
    assert diskcache.read(entry) is None
    assert diskcache.store(entry, b"data", keep=5)
    assert diskcache.read(entry) == b"data"
    assert sorted(p.name for p in entry.parent.iterdir()) == ["abc.bin"]


def test_only_the_most_recently_used_entries_are_kept(tmp_path: Path) -> None:
    for n in range(4):
        path = tmp_path / f"{n}.bin"
        diskcache.store(path, b"x", keep=10)
        os.utime(path, ns=(n * 10**9, n * 10**9))
    diskcache.present(tmp_path / "0.bin")  # used now: the newest
    diskcache.store(tmp_path / "4.bin", b"x", keep=3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["0.bin", "3.bin", "4.bin"]


def test_an_unwritable_folder_is_reported_not_raised(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert not diskcache.store(blocker / "entry.bin", b"x", keep=3)


def test_a_file_hash_is_sha256_and_follows_changes(tmp_path: Path) -> None:
    import hashlib

    path = tmp_path / "f"
    path.write_bytes(b"one")
    assert diskcache.file_hash(path) == hashlib.sha256(b"one").hexdigest()
    path.write_bytes(b"three")
    assert diskcache.file_hash(path) == hashlib.sha256(b"three").hexdigest()


def test_an_entry_is_named_by_its_content_details_and_version(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    # SHA-256 of b"abc", the FIPS 180-2 example: ba7816bf8f01cfea414140de5dae2223...
    assert diskcache.entry("pictures", b"abc", "400x225-print", "1") == (
        tmp_path / "pictures" / "ba7816bf8f01cfea414140de5dae2223b00361a3-400x225-print-v1.bin")
    assert diskcache.entry("glyphs", b"abc", "", "2", ".json") == (
        tmp_path / "glyphs" / "ba7816bf8f01cfea414140de5dae2223b00361a3-v2.json")
