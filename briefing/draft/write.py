"""Write the draft as an outline file in the style of the seed outlines: the schema line on
top, the article's facts as plain YAML, and comments that say what to review."""

from __future__ import annotations

import json
import re

import yaml

from briefing.draft.model import Draft, DraftSection

SCHEMA_LINE = "# yaml-language-server: $schema={schema}"
# Plain scalars that YAML 1.1 or 1.2 would read as something other than text.
NOT_TEXT = re.compile(
    r"(?i)^(?:y|n|yes|no|on|off|true|false|null|~|[-+]?(?:\d[\d_,]*)?\.?\d*(?:e[-+]?\d+)?|"
    r"[-+]?\.(?:inf|nan)|\d{1,4}(?:[-:]\d{1,2})+.*|0[box][\da-f_]+|<<)$")
PLAIN_START = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`]")
UNSAFE_INSIDE = re.compile(r": |:$| #|[\t\n\r\x00-\x1f\x7f\u2028\u2029\ufeff]")
# Outside YAML's printable set (yaml.org/spec/1.2.2 §5.1), or a line break to YAML 1.1 (NEL,
# LS, PS); written as escapes (\t and \n json escapes already).
NOT_PRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
                           r"\u2028\u2029\ufeff]")
CONTROL = re.compile(r"[\t\r\x00-\x08\x0b-\x1f\x7f\u2028\u2029\ufeff]")


def scalar(text: str) -> str:
    """Return ``text`` as a YAML scalar that loads back as the same string: plain when that
    is safe (and PyYAML's own resolver reads it as a string), else double-quoted (JSON string
    syntax, which YAML's double quotes accept)."""
    if (text and text == text.strip() and PLAIN_START.match(text)
            and not UNSAFE_INSIDE.search(text) and not NOT_TEXT.match(text)
            and not NOT_PRINTABLE.search(text) and _resolves_to_text(text)):
        return text
    return quoted(text)


_RESOLVER = yaml.resolver.Resolver()


def _resolves_to_text(text: str) -> bool:
    """Return whether a plain scalar ``text`` resolves to a string (not ``=``, a number...)."""
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return bool(tag == "tag:yaml.org,2002:str")


def quoted(text: str) -> str:
    """Return ``text`` double-quoted, with the characters YAML does not allow raw (controls,
    DEL, C1, surrogates, noncharacters) and the line separators written as escapes."""
    escaped = json.dumps(text, ensure_ascii=False)
    return NOT_PRINTABLE.sub(lambda found: f"\\u{ord(found.group(0)):04x}", escaped)


def literal(text: str, indent: str) -> str:
    """Return ``text`` as a literal block scalar (``|``) indented by ``indent``, or a quoted
    scalar when a literal block cannot hold it as it is (spaces at a line's ends, control
    characters)."""
    lines = text.strip("\n").split("\n")
    if CONTROL.search(text) or NOT_PRINTABLE.search(text) or any(
            line != line.strip() for line in lines):
        return scalar(text)
    return "|\n" + "\n".join(f"{indent}{line}" if line else "" for line in lines)


def to_yaml(draft: Draft, schema: str) -> str:
    """Return the outline text of ``draft``; ``schema`` is the JSON Schema path for the
    first line (relative to the outline)."""
    ja = draft.lang == "ja"
    out = [SCHEMA_LINE.format(schema=schema)]
    out.extend(_header(draft))
    out.append(f"title: {scalar(draft.title)}")
    if draft.subtitle:
        out.append(f"subtitle: {scalar(draft.subtitle)}")
    out.append(f"lang: {draft.lang}")
    out.append("# date: YYYY-MM-DD   # review: the briefing's date (shown on slides)")
    out.append("# author: " + ("発表者名" if ja else "Presenter") + "   # review: who presents")
    out.append("# organization: " + ("組織名" if ja else "Organization"))
    out.append("theme: default")
    if draft.summary:
        out.append("# review: the bottom line, taken from the lead and the conclusion")
        out.append("summary:")
        out.extend(f"  - {scalar(item)}" for item in draft.summary)
    out.append("sections:")
    for section in draft.sections:
        out.extend(_section(section))
    out.append("sources:")
    for source in draft.sources:
        out.append(f"  - title: {scalar(source.title)}")
        for key in ("url", "publisher", "date", "note"):
            value = getattr(source, key)
            if value:
                out.append(f"    {key}: {scalar(value)}")
    return "\n".join(out) + "\n"


def _header(draft: Draft) -> list[str]:
    """Return the comment lines that open the outline: where it came from, what to review,
    what was left out."""
    lines = [f"# Drafted by `briefing draft` from {draft.source_name}: an extract of the",
             "# article's own sentences, shortened. Review every line marked \"review\", check",
             "# the points against the notes (each section's full text), then build it.",
             ]
    if draft.left_out:
        lines.append("# Left out as page furniture (not part of the article):")
        for item in draft.left_out:
            where = f" (line {item.line})" if item.line else ""
            lines.append(f"#   {_one_line(item.text)!s}{where}: {item.reason}")
    return lines


def _section(section: DraftSection) -> list[str]:
    """Return the lines of one section."""
    out = [f"  # {_one_line(line)}" for line in section.review]
    out.append(f"  - title: {scalar(section.title)}")
    if section.part:
        out.append(f"    part: {scalar(section.part)}")
    out.append(f"    kind: {section.kind}")
    if section.keep:
        out.append("    keep: true")
    if section.points:
        out.append("    points:")
        for point in section.points:
            if point.points:
                out.append(f"      - text: {scalar(point.text)}")
                out.append("        points:")
                out.extend(f"          - {scalar(sub)}" for sub in point.points)
            else:
                out.append(f"      - {scalar(point.text)}")
    if section.events:
        out.append("    events:")
        for event in section.events:
            out.append(f"      - date: {scalar(event.date)}")
            out.append(f"        title: {scalar(event.title)}")
            out.append(f"        text: {scalar(event.text)}")
    if section.columns:
        out.append("    columns:")
        for column in section.columns:
            out.append(f"      - title: {scalar(column.title)}")
            out.append("        points:")
            out.extend(f"          - {scalar(point)}" for point in column.points)
    if section.quote:
        out.append("    quote:")
        out.append(f"      text: {scalar(section.quote.text)}")
        if section.quote.by:
            out.append(f"      by: {scalar(section.quote.by)}")
    if section.figures:
        out.append("    figures:")
        for figure in section.figures:
            out.append(f"      - value: {scalar(figure.value)}")
            out.append(f"        label: {scalar(figure.label)}")
    if section.notes:
        out.append(f"    notes: {literal(section.notes, '      ')}")
    return out


def _one_line(text: str) -> str:
    """Return ``text`` on one line, for a comment."""
    return " ".join(text.split())
