"""Read an outline file into plain data (strings, lists, dicts) and keep every node's position.

Nothing is constructed from tags, aliases are refused, nesting and size are capped, and every
scalar stays the text the user typed (``NO`` stays "NO", ``1.10`` stays "1.10"); the schema
decides what a value means.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from briefing.errors import OutlineError, Problem, Where, outline_error
from briefing.outline.advice import yaml_problem
from briefing.outline.clean import clean_source, clean_text, dotted
from briefing.report import BuildWarning

# Inline markup for a link: [text](address), the address without spaces.
_LINK_LIKE = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 200_000
MAX_TEXT = 20_000  # characters in one value; longer text cannot be laid out in bounded time
NULLS = {"", "~", "null", "Null", "NULL"}
CORE_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp",
}

Path_ = tuple[str | int, ...]
_READABLE_CONTROLS = str.maketrans("\x0b\x0c", "  ")


@dataclass
class Positions:
    """Line and column (1-based) of every value and every mapping key, by data path."""

    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def find(self, path: Path_, prefer_key: bool = False) -> tuple[int, int] | None:
        """Return the position of ``path`` or of its nearest ancestor that has one."""
        probe = tuple(path)
        while True:
            if prefer_key and probe in self.keys:
                return self.keys[probe]
            if probe in self.values:
                return self.values[probe]
            if not probe:
                return None
            probe = probe[:-1]


@dataclass
class Document:
    """An outline file read into plain data, with positions and its decoded text."""

    path: Path
    data: Any
    positions: Positions
    text: str
    warnings: list[BuildWarning] = field(default_factory=list)


class _Guard(yaml.composer.Composer):
    """A composer that refuses aliases and caps depth and node count."""

    _depth = 0
    _count = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()  # type: ignore[attr-defined]  # the parser's
        if isinstance(event, AliasEvent):
            self._refuse("anchors and aliases (*name) are not supported: write the value out",
                         event)
        self._depth += 1
        self._count += 1
        if self._depth > MAX_DEPTH:
            self._refuse(f"nesting deeper than {MAX_DEPTH} levels", event)
        if self._count > MAX_NODES:
            self._refuse(f"more than {MAX_NODES} values in one outline", event)
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    @staticmethod
    def _refuse(message: str, event: Any) -> None:
        """Raise a YAML error with ``message`` at ``event``."""
        raise yaml.composer.ComposerError(None, None, message, event.start_mark)


class _Loader(_Guard, yaml.SafeLoader):
    """The pure-Python reader, whose errors carry the text around them for advice.

    Besides YAML's printable characters it reads U+000B and U+000C (a PowerPoint soft return
    and a form feed pasted into a value), which text cleaning turns into a line break and a
    space.
    """

    def check_printable(self, data: str) -> None:
        """Raise a ReaderError at the first character YAML cannot read (U+000B, U+000C
        aside)."""
        super().check_printable(data.translate(_READABLE_CONTROLS))


@functools.cache
def _fast_loader() -> Callable[[str], Any] | None:
    """Return a loader of libyaml's scanner and parser under the same guarded composer (the
    same nodes and positions as ``_Loader``, five times faster on the seed outline, measured),
    or None when PyYAML was built without libyaml."""
    try:
        from yaml._yaml import CParser
    except ImportError:
        return None

    class FastLoader(_Guard, CParser, yaml.constructor.SafeConstructor,
                     yaml.resolver.Resolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    return FastLoader


def read_text(path: Path) -> str:
    """Return the file's text, refusing non-regular files, huge files and non-UTF-8 bytes."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise outline_error(path, "file not found; check the path") from None
    except OSError as exc:
        raise outline_error(path, f"cannot read the file: {exc.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise outline_error(path, "is a folder, not an outline file")
    if not stat.S_ISREG(info.st_mode):
        raise outline_error(path, "is not a regular file (a device or pipe?); pass a .yaml file")
    if info.st_size > MAX_BYTES:
        raise outline_error(
            path, f"the file is {info.st_size / 1e6:.1f} MB; outlines are limited to "
            f"{MAX_BYTES // (1024 * 1024)} MB: split it into several outlines")
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise outline_error(path, f"cannot read the file: {exc.strerror}") from None
    if len(raw) > MAX_BYTES:
        raise outline_error(path, f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB; "
                            "split it into several outlines")
    return decode(path, raw)


def decode(path: Path, raw: bytes) -> str:
    """Return ``raw`` decoded as UTF-8 (a BOM is allowed), or raise with where it is not."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise outline_error(path, "the file is UTF-16; save it as UTF-8", 1, 1)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        hint = "save it as UTF-8"
        for name, label, iconv_name in (("cp932", "Shift_JIS", "CP932"),
                                        ("euc_jp", "EUC-JP", "EUC-JP")):
            try:
                raw.decode(name)
            except UnicodeDecodeError:
                continue
            converted = f"{path.stem}-utf8{path.suffix}"
            hint = (f"it looks like {label}; save it as UTF-8 in your editor "
                    f"or run: iconv -f {iconv_name} -t UTF-8 {path.name} > {converted}")
            break
        raise outline_error(path, f"the file is not UTF-8 text: {hint}", line, column) from None


def parse(path: Path, text: str) -> Document:
    """Return the YAML ``text`` as plain data with positions; raise OutlineError on bad YAML.

    Characters YAML cannot read are removed first, and every scalar is cleaned; each change
    is a warning at its file:line:col.
    """
    text, unreadable = clean_source(text)
    warnings = [BuildWarning("cleaned", issue, str(Where(path, line, column)))
                for line, column, issue in unreadable]
    node = _compose(path, text)
    if node is None:
        raise outline_error(path, "the file is empty; run `briefing init` for a starter outline",
                            1, 1)
    positions = Positions()
    problems: list[Problem] = []
    data = _convert(_Context(path, positions, problems, warnings, text.split("\n")), node, ())
    if problems:
        raise OutlineError(problems)
    return Document(path, data, positions, text, warnings)


def _compose(path: Path, text: str) -> Node | None:
    """Return the node tree of ``text`` (None when it holds no document); raise OutlineError
    with advice at the place of the first YAML error.

    libyaml reads the text when it can; on any error the pure-Python reader reads it again,
    since its errors carry the text around them that the advice is drawn from.
    """
    fast = _fast_loader()
    if fast is not None and not any(c in text for c in "\x0b\x0c"):
        with contextlib.suppress(yaml.YAMLError):  # read again below, for the advice
            node: Node | None = fast(text).get_single_node()
            return node
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        message, line, column = yaml_problem(text, exc)
        raise outline_error(path, message, line, column) from None
    except yaml.YAMLError as exc:
        raise outline_error(path, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()


def _where(node: Node) -> tuple[int, int]:
    """Return the 1-based line and column where ``node`` starts."""
    return node.start_mark.line + 1, node.start_mark.column + 1


@dataclass
class _Context:
    """What converting one document needs: its path, the positions and problems found."""

    path: Path
    positions: Positions
    problems: list[Problem]
    warnings: list[BuildWarning]
    lines: list[str]

    def report(self, node: Node, message: str, field: str = "") -> None:
        """Record a problem at ``node``, in ``field`` when given."""
        line, column = _where(node)
        self.problems.append(Problem(Where(self.path, line, column), message, field))

    def clean(self, node: Node, text: str, at: Path_) -> str:
        """Return ``text`` cleaned, with a warning at ``node`` for each kind of change."""
        cleaned, issues = clean_text(text)
        line, column = _where(node)
        self.warnings.extend(BuildWarning("cleaned", issue, str(Where(self.path, line, column)))
                             for issue in issues)
        if len(cleaned) > MAX_TEXT:
            self.report(node, f"the text is {len(cleaned):,} characters long; the limit is "
                        f"{MAX_TEXT:,}: split it into several points or sections", dotted(at))
        return cleaned


def _convert(ctx: _Context, node: Node, at: Path_) -> Any:
    """Return ``node`` as plain data, recording positions below ``at``."""
    ctx.positions.values[at] = _where(node)
    if _is_foreign(node.tag):
        ctx.report(node, f"YAML tags such as {node.tag} are not supported; remove the tag")
        return None
    if isinstance(node, ScalarNode):
        value = _scalar(node)
        _run_on_item(ctx, node)
        _not_links(ctx, node, value)
        return value if value is None else ctx.clean(node, value, at)
    if isinstance(node, SequenceNode):
        _split_numbers(ctx, node)
        return [_convert(ctx, item, (*at, i)) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        return _mapping(ctx, node, at)
    raise AssertionError(f"unknown YAML node {node!r}")  # pragma: no cover


def _split_numbers(ctx: _Context, node: SequenceNode) -> None:
    """Warn when a comma inside ``[ ]`` cut a number in two: in ``[約182,000件, 1,240社]``
    each comma ends an item (YAML 1.2, §7.4: a comma separates flow entries), so the list
    holds four items; a comma with digits on both sides and no space is a number's."""
    if not node.flow_style:
        return
    items = node.value
    for first, second in itertools.pairwise(items):
        if not (isinstance(first, ScalarNode) and isinstance(second, ScalarNode)) \
                or first.style or second.style:
            continue
        joined = second.start_mark.index == first.end_mark.index + 1
        if joined and first.value[-1:].isdigit() and second.value[:1].isdigit():
            whole = f"{first.value},{second.value}"
            line, column = _where(first)
            ctx.warnings.append(BuildWarning(
                "other", f"inside [ ] a comma ends an item, so '{whole}' is read as two items, "
                f"'{first.value}' and '{second.value}'; put the item in quotes: \"{whole}\"",
                str(Where(ctx.path, line, column))))


def _run_on_item(ctx: _Context, node: ScalarNode) -> None:
    """Warn when a plain value runs on over a line that starts with '- ': YAML reads such a
    line, indented past the list's '-', as more of the text above it (``market grows -
    costs``), where its writer meant an item of its own."""
    if node.style:  # quoted or a block: its lines are meant as they are
        return
    for number in range(node.start_mark.line + 1, node.end_mark.line + 1):
        text = ctx.lines[number] if number < len(ctx.lines) else ""
        if text.lstrip().startswith("- "):
            column = len(text) - len(text.lstrip()) + 1
            ctx.warnings.append(BuildWarning(
                "other", "this line starts with '- ' but is read as the rest of the text "
                "above it, its '-' being further right than that list's; if it is an item "
                "of its own, start it in the column of the '-' above", str(Where(
                    ctx.path, number + 1, column))))
            return


def _not_links(ctx: _Context, node: ScalarNode, value: str | None) -> None:
    """Warn of each ``[text](address)`` in ``value`` whose address is no web or mail address:
    inline markup leaves it as the text it is (``briefing.text.markup``), brackets and all."""
    text = value or ""
    for found in _LINK_LIKE.finditer(text):
        from briefing.text.markup import is_link_target

        label, target = found.group(1), found.group(2)
        if is_link_target(target):
            continue
        fix = (f"; write [{label}](https://{target})" if "." in target and ":" not in target
               else "")
        line, column = _where(node)
        if "\n" not in text[:found.start()] and not node.style:
            column += found.start()
        ctx.warnings.append(BuildWarning(
            "other", f"'{found.group(0)}' is not a link and shows as written: a link's address "
            f"starts with https://, http:// or mailto:{fix}", str(Where(ctx.path, line, column))))


def _is_foreign(tag: str) -> bool:
    """Return whether ``tag`` is an explicit tag outside YAML's core types."""
    return tag.startswith("!") or (tag.startswith("tag:") and tag not in CORE_TAGS)


def _scalar(node: ScalarNode) -> str | None:
    """Return a scalar's text, or None for an empty or null plain scalar."""
    if not node.style and node.value in NULLS:  # plain: None, or "" from libyaml
        return None
    return str(node.value)


def _mapping(ctx: _Context, node: MappingNode, at: Path_) -> dict[str, Any]:
    """Return a mapping node as a dict, refusing merge keys, complex and duplicate keys."""
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            ctx.report(key_node, "keys must be plain words, not lists or mappings")
            continue
        if key_node.tag == "tag:yaml.org,2002:merge":
            ctx.report(key_node, "merge keys (<<) are not supported; write the keys out")
            continue
        if _is_foreign(key_node.tag):
            ctx.report(key_node, f"YAML tags such as {key_node.tag} are not supported; "
                       "remove the tag")
            continue
        key = ctx.clean(key_node, str(key_node.value), at)
        if key in result:
            first = ctx.positions.keys[(*at, key)]
            ctx.report(key_node, f"duplicate key '{key}' (first at line {first[0]}); keep one")
            continue
        ctx.positions.keys[(*at, key)] = _where(key_node)
        result[key] = _convert(ctx, value_node, (*at, key))
    return result
