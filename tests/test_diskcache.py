"""The user cache folder: where it is, atomic entries, least recently used ones pruned."""

from __future__ import annotations

import os
import pickle
import time
import zlib
from collections.abc import Callable
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
    diskcache.read(tmp_path / "0.bin")  # used now: the newest
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


def test_a_large_file_s_hash_is_memoised_until_the_file_is_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Oracle: hashlib on the bytes written. The second content has the size and modification
    # time of the first, set back by hand: only the change time tells them apart.
    import hashlib

    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "font.otf"
    size = diskcache.HASH_MEMO_SIZE
    path.write_bytes(b"a" * size)
    first = os.stat(path)
    assert diskcache.file_hash(path) == hashlib.sha256(b"a" * size).hexdigest()
    [memo] = (tmp_path / "cache" / "hashes").iterdir()
    memo.write_bytes(diskcache.sealed(b"0" * 64, memo.name))  # what a memo says is taken as it is
    diskcache._hash_of.cache_clear()  # as a new process
    assert diskcache.file_hash(path) == "0" * 64
    time.sleep(0.01)
    path.write_bytes(b"b" * size)
    os.utime(path, ns=(first.st_atime_ns, first.st_mtime_ns))
    assert os.stat(path).st_mtime_ns == first.st_mtime_ns
    diskcache._hash_of.cache_clear()
    assert diskcache.file_hash(path) == hashlib.sha256(b"b" * size).hexdigest()
    small = tmp_path / "small"
    small.write_bytes(b"c")
    diskcache.file_hash(small)
    assert len(list((tmp_path / "cache" / "hashes").iterdir())) == 2  # no memo for small


def test_an_entry_is_named_by_its_content_details_and_version(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    # SHA-256 of b"abc", the FIPS 180-2 example: ba7816bf8f01cfea414140de5dae2223...
    assert diskcache.entry("pictures", b"abc", "400x225-print", "1") == (
        tmp_path / "pictures" / "ba7816bf8f01cfea414140de5dae2223b00361a3-400x225-print-v1.bin")
    assert diskcache.entry("glyphs", b"abc", "", "2", ".json") == (
        tmp_path / "glyphs" / "ba7816bf8f01cfea414140de5dae2223b00361a3-v2.json")


def _counting_maker(calls: list[int], value: object) -> Callable[[], object]:
    """Return a maker of ``value`` that counts its calls in ``calls``."""
    def make() -> object:
        calls.append(1)
        return value
    return make


def test_a_kept_object_is_made_once_then_read_back(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    calls: list[int] = []
    made = diskcache.kept_object("things", b"source", _counting_maker(calls, {"a": (1, 2)}),
                                 dict, keep=4)
    again = diskcache.kept_object("things", b"source", _counting_maker(calls, None), dict,
                                  keep=4)
    assert made == again == {"a": (1, 2)}
    assert again is not made  # read from the entry, not this process's memory
    assert len(calls) == 1
    entries = list((tmp_path / "things").iterdir())
    # Stored compressed, as a zlib stream (RFC 1950) that the standard library's zlib reads,
    # then sealed (checked in test_an_entry_ends_in_its_seal).
    assert len(entries) == 1
    stored = entries[0].read_bytes()[:-len(diskcache.SEAL_MARK) - diskcache.SEAL_DIGEST]
    assert pickle.loads(zlib.decompress(stored)) == {"a": (1, 2)}


def test_other_sources_make_other_objects(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    calls: list[int] = []
    one = diskcache.kept_object("things", b"one", _counting_maker(calls, [1]), list, keep=4)
    two = diskcache.kept_object("things", b"two", _counting_maker(calls, [2]), list, keep=4)
    assert (one, two, len(calls)) == ([1], [2], 2)


def test_an_unreadable_or_foreign_entry_is_made_again(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    calls: list[int] = []
    diskcache.kept_object("things", b"src", _counting_maker(calls, [1]), list, keep=4)
    (entry,) = (tmp_path / "things").iterdir()
    entry.write_bytes(b"not zlib at all")
    assert diskcache.kept_object("things", b"src", _counting_maker(calls, [1]), list,
                                 keep=4) == [1]
    entry.write_bytes(diskcache.sealed(zlib.compress(pickle.dumps("a string, not a list")),
                                      entry.name))
    assert diskcache.kept_object("things", b"src", _counting_maker(calls, [1]), list,
                                 keep=4) == [1]
    assert len(calls) == 3


def test_an_error_of_the_maker_passes_through_and_stores_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))

    def fail() -> list[int]:
        raise ValueError("no")

    with pytest.raises(ValueError, match="no"):
        diskcache.kept_object("things", b"src", fail, list, keep=4)
    assert not (tmp_path / "things").exists()


def test_the_code_stamp_follows_any_change_to_a_module(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "briefing"
    (package / "theme").mkdir(parents=True)
    module = package / "theme" / "roles.py"
    module.write_text("A = 1\n")
    (package / "diskcache.py").write_text("")
    monkeypatch.setattr(diskcache, "__file__", str(package / "diskcache.py"))

    def stamp() -> str:
        diskcache.code_stamp.cache_clear()
        return diskcache.code_stamp()

    first = stamp()
    os.utime(module, ns=(10**9, 10**9))
    touched = stamp()
    module.write_text("A = 22\n")
    os.utime(module, ns=(10**9, 10**9))
    resized = stamp()
    diskcache.code_stamp.cache_clear()
    assert len({first, touched, resized}) == 3


def test_an_entry_ends_in_its_seal(tmp_path: Path) -> None:
    # Oracle: the mark, then the BLAKE2b digest of the data, worked out with hashlib.
    import hashlib

    entry = tmp_path / "kind" / "entry.bin"
    assert diskcache.store(entry, b"derived data", keep=4)
    digest = hashlib.blake2b(b"entry.bin\0derived data", digest_size=16).digest()
    assert entry.read_bytes() == b"derived data" + b"\0briefing-seal-2" + digest
    assert diskcache.read(entry) == b"derived data"
    assert diskcache.store(entry, b"a font file", keep=4, seal=False)
    assert entry.read_bytes() == b"a font file"


def test_an_entry_moved_to_another_entry_s_name_reads_as_missing(tmp_path: Path) -> None:
    one, two = tmp_path / "kind" / "one.bin", tmp_path / "kind" / "two.bin"
    diskcache.store(one, b"made from one", keep=4)
    diskcache.store(two, b"made from two", keep=4)
    data = one.read_bytes()
    one.write_bytes(two.read_bytes())
    two.write_bytes(data)
    assert diskcache.read(one) is None and diskcache.read(two) is None


def test_an_entry_stored_as_it_is_keeps_its_seal_beside_it(tmp_path: Path) -> None:
    # Oracle: the bytes as given, and the seal worked out with hashlib.
    import hashlib

    one, two = tmp_path / "fonts" / "one.ttf", tmp_path / "fonts" / "two.ttf"
    assert diskcache.store_beside(one, b"font one", keep=4)
    assert diskcache.store_beside(two, b"font two", keep=4)
    assert one.read_bytes() == b"font one"  # read by its path: nothing appended
    assert (tmp_path / "fonts" / "one.ttf.seal").read_bytes() == (
        b"\0briefing-seal-2" + hashlib.blake2b(b"one.ttf\0font one", digest_size=16).digest())
    assert diskcache.present_beside(one) and diskcache.present_beside(two)
    one.write_bytes(b"font two")  # another entry's bytes
    assert not diskcache.present_beside(one)
    two.write_bytes(b"font")  # cut short
    assert not diskcache.present_beside(two)
    assert diskcache.store_beside(two, b"font two", keep=4)
    (tmp_path / "fonts" / "two.ttf.seal").unlink()
    assert not diskcache.present_beside(two)


@pytest.mark.parametrize("damage", ["cut", "flipped", "unsealed", "empty"])
def test_a_damaged_entry_reads_as_missing(tmp_path: Path, damage: str) -> None:
    entry = tmp_path / "kind" / "entry.json"
    diskcache.store(entry, b'{"upem": 1000, "codes": [65, 66]}', keep=4)
    data = entry.read_bytes()
    entry.write_bytes({"cut": data[:len(data) // 2],
                       "flipped": data[:3] + b"X" + data[4:],
                       "unsealed": b'{"upem": 0}',
                       "empty": b""}[damage])
    assert diskcache.read(entry) is None


@pytest.mark.parametrize("damage", ["halved", "garbage", "swapped"])
def test_a_build_on_a_damaged_cache_writes_what_it_wrote_on_a_whole_one(
        tmp_path: Path, damage: str) -> None:
    # Oracle: the files the same build wrote in a new process before the cache was damaged.
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    cache = tmp_path / "cache"
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(cache), "PYTHONPATH": str(root)}

    def build(out: str) -> dict[str, bytes]:
        subprocess.run([sys.executable, "-m", "briefing", "build",
                        str(root / "outlines" / "nato-japan.en.yaml"), "--out-dir",
                        str(tmp_path / out), "-q"], env=env, check=True, timeout=300)
        return {p.name: p.read_bytes() for p in (tmp_path / out).iterdir()}

    first = build("first")
    damaged = [p for p in cache.rglob("*") if p.is_file()]
    kinds = {p.parent.name for p in damaged}
    assert {"fonts", "metrics", "pictures", "glyphs", "textwork", "hashes"} <= kinds
    if damage == "swapped":  # each entry's bytes moved to the next entry's name in its folder
        for folder in {entry.parent for entry in damaged}:
            entries = sorted(entry for entry in damaged if entry.parent == folder)
            contents = [entry.read_bytes() for entry in entries]
            for entry, data in zip(entries, contents[1:] + contents[:1], strict=True):
                entry.write_bytes(data)
    for entry in damaged if damage != "swapped" else []:
        data = entry.read_bytes()
        entry.write_bytes(data[:len(data) // 2] if damage == "halved"
                          else bytes((b * 7 + 3) % 256 for b in data[:4096]))
    assert build("again") == first


@pytest.mark.parametrize("kind", ["pipe", "device", "folder"])
def test_an_entry_that_is_not_a_regular_file_reads_as_missing(tmp_path: Path, kind: str) -> None:
    # A pipe would block a read forever and /dev/zero never end: each must read as missing,
    # promptly, for a sealed entry and for one kept beside its seal.
    import threading

    entry, font = tmp_path / "kind" / "entry.bin", tmp_path / "fonts" / "face.ttf"
    diskcache.store(entry, b"data", keep=4)
    diskcache.store_beside(font, b"a font", keep=4)
    for path in (entry, font):
        path.unlink()
        if kind == "pipe":
            os.mkfifo(path)
        elif kind == "device":
            path.symlink_to("/dev/zero")
        else:
            path.mkdir()
    import resource

    found: list[object] = []
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    reader = threading.Thread(target=lambda: found.extend(
        [diskcache.read(entry), diskcache.present_beside(font)]), daemon=True)
    reader.start()
    reader.join(5)
    assert found == [None, False]
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KiB: unread
