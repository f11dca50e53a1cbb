"""Safe loading of outline files: plain data, positions, and refusals with file:line:col."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.errors import OutlineError
from briefing.outline import load
from briefing.outline.load import Document, parse, read_text
from briefing.outline.validate import load_outline

MINIMAL_SECTIONS = "sections:\n  - title: A\n    points: [one]\n"


def write(folder: Path, text: str | bytes, name: str = "outline.yaml") -> Path:
    """Return the path of a file ``name`` in ``folder`` holding ``text`` (UTF-8 if str)."""
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def read(path: Path) -> Document:
    """Return the document at ``path`` read and parsed the way the validator does."""
    return parse(path, read_text(path))


def problems(action: Callable[[], object]) -> list[str]:
    """Return the lines of the OutlineError that ``action`` raises."""
    with pytest.raises(OutlineError) as caught:
        action()
    return caught.value.format_message().splitlines()


def call_with_timeout(action: Callable[[], object], seconds: float) -> BaseException | object:
    """Return what ``action`` returns or raises; fail the test if it takes over ``seconds``."""
    outcome: list[BaseException | object] = []

    def target() -> None:
        try:
            outcome.append(action())
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"gave no answer within {seconds} s (blocked reading?)")
    return outcome[0]


# YAML 1.1 surprises: every scalar stays the text that was typed.


def test_yaml_11_scalars_stay_text(tmp_path: Path) -> None:
    path = write(tmp_path, (
        "title: NO\n"
        "version: 1.10\n"
        "on: yes\n"
        "off: n\n"
        "octal: 010\n"
        "hex: 0x1F\n"
        "sexagesimal: 1:20\n"
        "infinity: .inf\n"
        "number: 12\n"
        "quoted_date: '2026-11-26'\n"
        "plain_date: 2026-11-26\n"
        "quoted_null: 'null'\n"
        "tilde: ~\n"
        "empty:\n"
    ))
    assert read(path).data == {
        "title": "NO", "version": "1.10", "on": "yes", "off": "n", "octal": "010",
        "hex": "0x1F", "sexagesimal": "1:20", "infinity": ".inf", "number": "12",
        "quoted_date": "2026-11-26", "plain_date": "2026-11-26", "quoted_null": "null",
        "tilde": None, "empty": None,
    }


def test_yaml_11_scalars_in_an_outline_keep_their_meaning(tmp_path: Path) -> None:
    path = write(tmp_path, (
        "title: NO\n"
        "subtitle: 1.10\n"
        "author: on\n"
        "date: '2026-11-26'\n"
        "summary: [yes, off, 3.0]\n"
        "sections:\n"
        "  - title: 1.10\n"
        "    keep: yes\n"
        "    points: [NO, y, 1e3]\n"
    ))
    outline = load_outline(path).outline
    assert outline.title == "NO"
    assert outline.subtitle == "1.10"
    assert outline.author == "on"
    assert outline.date == dt.date(2026, 11, 26)
    assert outline.summary == ["yes", "off", "3.0"]
    section = outline.sections[0]
    assert section.title == "1.10"
    assert section.keep is True
    assert [point.text for point in section.points] == ["NO", "y", "1e3"]


def test_unquoted_date_is_read_as_a_date(tmp_path: Path) -> None:
    path = write(tmp_path, "title: T\ndate: 2026-11-26\n" + MINIMAL_SECTIONS)
    assert load_outline(path).outline.date == dt.date(2026, 11, 26)


def test_positions_of_values_and_keys(tmp_path: Path) -> None:
    path = write(tmp_path, (
        "title: T\n"
        "sections:\n"
        "  - title: A\n"
        "    points:\n"
        "      - one\n"
        "      - text: two\n"
    ))
    positions = read(path).positions
    assert positions.values[("title",)] == (1, 8)
    assert positions.keys[("sections",)] == (2, 1)
    assert positions.values[("sections", 0)] == (3, 5)
    assert positions.keys[("sections", 0, "points")] == (4, 5)
    assert positions.values[("sections", 0, "points", 1, "text")] == (6, 15)
    # An unknown path falls back to its nearest ancestor.
    assert positions.find(("sections", 0, "points", 1, "nope")) == (6, 9)
    assert positions.find(("sections", 0, "points"), prefer_key=True) == (4, 5)


# Aliases, nesting and size caps.


def test_alias_is_refused_with_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "title: &name Briefing\nsubtitle: *name\n")
    assert problems(lambda: read(path)) == [
        f"{path}:2:11: invalid YAML: anchors and aliases (*name) are not supported: "
        "write the value out"]


def test_alias_bomb_fails_fast(tmp_path: Path) -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    path = write(tmp_path, "\n".join(lines) + "\n")
    started = time.perf_counter()
    found = problems(lambda: read(path))
    assert time.perf_counter() - started < 2
    assert found == [f"{path}:2:8: invalid YAML: anchors and aliases (*name) are not "
                     "supported: write the value out"]


def test_deeply_nested_lists_fail_cleanly(tmp_path: Path) -> None:
    path = write(tmp_path, "[" * 10_000 + "]" * 10_000 + "\n")
    assert problems(lambda: read(path)) == [
        f"{path}:1:{load.MAX_DEPTH + 1}: invalid YAML: nesting deeper than "
        f"{load.MAX_DEPTH} levels"]


def test_deeply_nested_mappings_fail_cleanly(tmp_path: Path) -> None:
    text = "".join("  " * level + f"k{level}:\n" for level in range(2_000))
    path = write(tmp_path, text)
    (line,) = problems(lambda: read(path))
    assert line.startswith(f"{path}:")
    assert line.endswith(f"invalid YAML: nesting deeper than {load.MAX_DEPTH} levels")


def test_node_count_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "MAX_NODES", 50)
    path = write(tmp_path, "items: [" + ", ".join(["x"] * 60) + "]\n")
    (line,) = problems(lambda: read(path))
    assert line.startswith(f"{path}:1:")
    assert line.endswith("invalid YAML: more than 50 values in one outline")


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as handle:
        handle.truncate(load.MAX_BYTES + 1)
    started = time.perf_counter()
    (line,) = problems(lambda: read_text(path))
    assert time.perf_counter() - started < 1
    assert line == (f"{path}: the file is 5.2 MB; outlines are limited to 5 MB: "
                    "split it into several outlines")


# Duplicate keys, tags, merge keys and complex keys.


def test_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "title: A\nsubtitle: S\ntitle: B\n")
    assert problems(lambda: read(path)) == [
        f"{path}:3:1: duplicate key 'title' (first at line 1); keep one"]


def test_every_duplicate_key_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, (
        "title: A\n"
        "sections:\n"
        "  - title: One\n"
        "    points: [a]\n"
        "    title: Two\n"
        "title: B\n"
    ))
    assert problems(lambda: read(path)) == [
        f"{path}:5:5: duplicate key 'title' (first at line 3); keep one",
        f"{path}:6:1: duplicate key 'title' (first at line 1); keep one",
    ]


def test_python_tag_is_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    path = write(tmp_path, f"title: !!python/object/apply:os.system ['touch {marker}']\n")
    assert problems(lambda: read(path)) == [
        f"{path}:1:8: YAML tags such as tag:yaml.org,2002:python/object/apply:os.system "
        "are not supported; remove the tag"]
    assert not marker.exists()


@pytest.mark.parametrize(("text", "tag", "column"), [
    ("title: !custom x\n", "!custom", 8),
    ("title: !!binary aGk=\n", "tag:yaml.org,2002:binary", 8),
    ("title: !!set {a}\n", "tag:yaml.org,2002:set", 8),
    ("!!python/name:os.system key: x\n", "tag:yaml.org,2002:python/name:os.system", 1),
    ("!local key: x\n", "!local", 1),
])
def test_tags_are_refused(tmp_path: Path, text: str, tag: str, column: int) -> None:
    path = write(tmp_path, text)
    assert problems(lambda: read(path)) == [
        f"{path}:1:{column}: YAML tags such as {tag} are not supported; remove the tag"]


def test_core_tags_are_allowed(tmp_path: Path) -> None:
    path = write(tmp_path, "title: !!str 12\nsubtitle: !!str NO\n")
    assert read(path).data == {"title": "12", "subtitle": "NO"}


def test_merge_and_complex_keys_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "base: {a: 1}\nother:\n  <<: {b: 2}\n? [x, y]\n: z\n")
    assert problems(lambda: read(path)) == [
        f"{path}:3:3: merge keys (<<) are not supported; write the keys out",
        f"{path}:4:3: keys must be plain words, not lists or mappings",
    ]


def test_several_documents_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "title: A\n---\ntitle: B\n")
    assert problems(lambda: read(path)) == [
        f"{path}:2:1: invalid YAML: expected a single document in the stream "
        "but found another document"]


def test_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "title: A\nsections:\n\t- title: B\n")
    assert problems(lambda: read(path)) == [
        f"{path}:3:1: invalid YAML: a tab is used to indent this line; YAML indents with "
        "spaces only: replace the tab with 2 spaces"]


# Encodings.


def test_shift_jis_file_names_the_encoding_and_the_fix(tmp_path: Path) -> None:
    text = "title: Briefing\nsubtitle: ①日本語の見出し\n" + MINIMAL_SECTIONS
    path = write(tmp_path, text.encode("cp932"))
    assert problems(lambda: read_text(path)) == [
        f"{path}:2:11: the file is not UTF-8 text: it looks like Shift_JIS; save it as UTF-8 "
        "in your editor or run: iconv -f CP932 -t UTF-8 outline.yaml > outline-utf8.yaml"]


@pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv is not installed")
def test_suggested_iconv_command_converts_a_windows_japanese_file(tmp_path: Path) -> None:
    text = "title: ①日本語～の見出し\n"
    path = write(tmp_path, text.encode("cp932"))
    (line,) = problems(lambda: read_text(path))
    command = line.split("run: ", 1)[1]  # run as written, in the outline's folder
    result = subprocess.run(command, shell=True, cwd=tmp_path, capture_output=True,
                            check=False, timeout=10)
    assert result.returncode == 0, result.stderr
    assert read(tmp_path / "outline-utf8.yaml").data == {"title": "①日本語～の見出し"}


def test_euc_jp_file_names_the_encoding(tmp_path: Path) -> None:
    path = write(tmp_path, "title: 日本語のテキスト\n".encode("euc_jp"))
    assert problems(lambda: read_text(path)) == [
        f"{path}:1:8: the file is not UTF-8 text: it looks like EUC-JP; save it as UTF-8 "
        "in your editor or run: iconv -f EUC-JP -t UTF-8 outline.yaml > outline-utf8.yaml"]


def test_other_bytes_ask_for_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, "title: café\n".encode("latin-1"))
    assert problems(lambda: read_text(path)) == [
        f"{path}:1:11: the file is not UTF-8 text: save it as UTF-8"]


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "\ufefftitle: 見出し\n".encode())
    assert read(path).data == {"title": "見出し"}
    assert read(path).positions.values[("title",)] == (1, 8)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_refused(tmp_path: Path, encoding: str) -> None:
    body = "title: x\n".encode(encoding)
    if not body.startswith((b"\xff\xfe", b"\xfe\xff")):
        body = "\ufeff".encode(encoding) + body
    path = write(tmp_path, body)
    assert problems(lambda: read_text(path)) == [
        f"{path}:1:1: the file is UTF-16; save it as UTF-8"]


# Files that are not outlines.


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    assert problems(lambda: read(path)) == [
        f"{path}:1:1: the file is empty; run `briefing init` for a starter outline"]


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    assert problems(lambda: read_text(path)) == [f"{path}: file not found; check the path"]


def test_folder(tmp_path: Path) -> None:
    folder = tmp_path / "outline.yaml"
    folder.mkdir()
    assert problems(lambda: load_outline(folder)) == [
        f"{folder}: is a folder, not an outline file"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "outline.yaml"
    os.mkfifo(fifo)
    try:
        outcome = call_with_timeout(lambda: load_outline(fifo), 5)
    finally:
        # Release a reader stuck in open(), should there be one.
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert isinstance(outcome, OutlineError)
    assert outcome.format_message() == (
        f"{fifo}: is not a regular file (a device or pipe?); pass a .yaml file")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_device_is_refused_without_reading(tmp_path: Path) -> None:
    outcome = call_with_timeout(lambda: load_outline(Path("/dev/zero")), 5)
    assert isinstance(outcome, OutlineError)
    assert "is not a regular file" in outcome.format_message()


@pytest.mark.parametrize(("text", "where"), [
    ("- title: A\n- title: B\n", "1:1"),
    ("just a sentence\n", "1:1"),
    ("\n\n  [a, b]\n", "3:3"),
    ("---\n", "2:1"),
])
def test_top_level_must_be_a_mapping(tmp_path: Path, text: str, where: str) -> None:
    path = write(tmp_path, text)
    assert problems(lambda: load_outline(path)) == [
        f"{path}:{where}: an outline is a mapping of keys such as 'title:' and "
        "'sections:'; run `briefing init` for an example"]


TRICKY = """\
title: "日本とNATO: 新たな段階"
subtitle: 'It''s quoted'
empty:
tilde: ~
quoted_null: "null"
off: NO
version: 1.10
date: 2024-07-10
flow: [一つ, "二つ", {a: 1, b: ~}]
block: |
  一行目
    二行目、字下げ
folded: >-
  a folded
  paragraph
sections:
\t- title: tab in the indentation
"""


@pytest.mark.parametrize("name", ["nato-japan.yaml", "nato-japan.en.yaml", "tricky"])
def test_libyaml_reads_what_the_python_reader_reads(name: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast reader (libyaml) gives the same data and positions as PyYAML's pure-Python
    reader, the oracle, on the seeds and on values of every style."""
    assert load._fast_loader() is not None  # PyYAML's wheels carry libyaml
    if name == "tricky":
        path, text = Path("tricky.yaml"), TRICKY.replace("\t- title: tab in the indentation\n",
                                                         "  - title: 二つ目\n")
    else:
        path = Path(__file__).parents[2] / "outlines" / name
        text = path.read_text("utf-8")
    fast = parse(path, text)
    monkeypatch.setattr(load, "_fast_loader", lambda: None)
    slow = parse(path, text)
    assert fast.data == slow.data
    assert fast.positions == slow.positions
    assert len(fast.positions.values) > 10


def test_an_error_found_by_libyaml_is_told_with_the_python_reader_advice(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A broken outline gives the same message whichever reader found the error first."""
    messages = []
    for fast in (load._fast_loader, lambda: None):
        monkeypatch.setattr(load, "_fast_loader", fast)
        with pytest.raises(OutlineError) as caught:
            parse(tmp_path / "o.yaml", TRICKY)
        messages.append(str(caught.value))
    assert messages[0] == messages[1]
    assert ":17:1:" in messages[0] and "tab" in messages[0].lower()


@pytest.mark.parametrize(("points", "warned"), [
    # one space too far: YAML reads '- costs' as the rest of 'market grows'
    ("    - market grows\n     - costs\n    - third\n", ["6:6"]),
    ("    - market grows\n    - costs\n", []),  # two items
    ('    - "market grows\n       - costs"\n', []),  # quoted over lines on purpose
    ("    - market grows\n      -10% in costs\n", []),  # no space after the '-'
    ("    - |\n      a block\n      - with a dash line\n", []),  # a block keeps its lines
])
def test_an_item_read_as_the_text_above_it_is_warned_where_it_starts(
        tmp_path: Path, points: str, warned: list[str]) -> None:
    path = write(tmp_path, f"title: T\nsections:\n  - title: A\n    points:\n{points}")
    loaded = load_outline(path)
    found = [w for w in loaded.warnings if "read as the rest of the text above it" in w.message]
    assert [str(w.where).removeprefix(f"{path}:") for w in found] == warned
    if warned:
        assert loaded.outline.sections[0].points[0].text == "market grows - costs"


def test_a_link_without_a_web_or_mail_address_is_warned_of_where_it_is(tmp_path: Path) -> None:
    path = write(tmp_path, "title: T\nsections:\n  - title: A\n    points:\n"
                 "      - See [the plan](example.com/plan) and [it](https://example.com)\n"
                 "      - \"[note](javascript:alert(1)) stays text\"\n"
                 "      - 注[1]と(参考)は括弧のまま\n")
    warnings = [(w.where, w.message) for w in read(path).warnings]
    assert warnings == [
        (f"{path}:5:13", "'[the plan](example.com/plan)' is not a link and shows as written: a "
         "link's address starts with https://, http:// or mailto:; write "
         "[the plan](https://example.com/plan)"),
        (f"{path}:6:9", "'[note](javascript:alert(1)' is not a link and shows as written: a "
         "link's address starts with https://, http:// or mailto:")]


def test_a_comma_that_cuts_a_number_inside_brackets_is_warned_of(tmp_path: Path) -> None:
    path = write(tmp_path, "title: T\nsections:\n  - title: A\n"
                 "    points: [約182,000件, 1,240社, 3, 4, '5,6', \"7,8\"]\n")
    loaded = read(path)
    # YAML reads six items where four were meant; "3, 4" has a space and is two items, and
    # quoted items are whole
    assert loaded.data["sections"][0]["points"] == ["約182", "000件", "1", "240社", "3", "4",
                                                    "5,6", "7,8"]
    assert [(w.where, w.message) for w in loaded.warnings] == [
        (f"{path}:4:14", "inside [ ] a comma ends an item, so '約182,000件' is read as two "
         "items, '約182' and '000件'; put the item in quotes: \"約182,000件\""),
        (f"{path}:4:25", "inside [ ] a comma ends an item, so '1,240社' is read as two items, "
         "'1' and '240社'; put the item in quotes: \"1,240社\"")]
