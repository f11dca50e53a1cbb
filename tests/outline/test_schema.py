"""The JSON Schema export: valid, current, and accepting what the loader accepts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from briefing.cli import main
from briefing.errors import OutlineError
from briefing.outline.schema import outline_schema, schema_text
from briefing.outline.validate import load_outline

jsonschema = pytest.importorskip("jsonschema")

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/outline.schema.json"


def schema_from_cli(runner: CliRunner) -> dict[str, Any]:
    """Return the schema that ``briefing schema`` prints."""
    result = runner.invoke(main, ["schema"])
    assert result.exit_code == 0, result.output
    schema: dict[str, Any] = json.loads(result.output)
    return schema


def errors(schema: dict[str, Any], data: Any) -> list[str]:
    """Return the messages of every place where ``data`` does not match ``schema``."""
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{list(error.path)}: {error.message}" for error in validator.iter_errors(data)]


def test_cli_prints_a_valid_draft_2020_12_schema(runner: CliRunner) -> None:
    schema = schema_from_cli(runner)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "briefing outline"
    assert set(schema["required"]) == {"title", "sections"}


def test_cli_output_is_schema_text(runner: CliRunner) -> None:
    assert runner.invoke(main, ["schema"]).output == schema_text()


def test_committed_schema_is_current(root: Path) -> None:
    committed = (root / "schema" / "outline.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), (
        "schema/outline.schema.json is stale: run `briefing schema > schema/outline.schema.json`")


def test_schema_text_is_stable() -> None:
    assert schema_text() == schema_text()
    assert json.loads(schema_text()) == outline_schema()


def test_seed_outlines_match_the_schema(seed_outlines: dict[str, Path],
                                        runner: CliRunner) -> None:
    schema = schema_from_cli(runner)
    for path in seed_outlines.values():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert errors(schema, data) == [], path


def test_seed_outlines_name_the_schema_on_their_first_line(
        seed_outlines: dict[str, Path]) -> None:
    for path in seed_outlines.values():
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == SCHEMA_LINE, path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target.is_file(), target


def test_schema_accepts_short_forms_and_refuses_unknown_keys() -> None:
    schema = outline_schema()
    outline = {
        "title": "T",
        "sections": [
            {"title": "A", "points": ["short", {"text": "long", "points": ["sub"]}],
             "image": "map.png"},
            {"title": "B", "image": {"path": "map.png", "caption": "Map"}},
            {"title": "C", "quote": "We will win."},
            {"title": "D", "quote": {"text": "We will win.", "by": "Someone"}},
        ],
        "sources": ["A book", {"title": "A site", "url": "https://example.org/"}],
    }
    assert errors(schema, outline) == []
    assert errors(schema, {**outline, "subtitel": "typo"}) != []
    assert errors(schema, {"title": "T"}) != []
    assert errors(schema, {**outline, "lang": "fr"}) != []


# Sections that combine kinds of content: the schema and `validate` agree on each (the
# schema is checked by the jsonschema library, `validate` by the model).
COLUMN = "{title: Side, points: [a]}"
SECTIONS = {
    "points and a quote": ("points: [a, b]\nquote: {text: Words, by: Someone}", True),
    "points, events and figures": (
        "points: [a]\nevents: [{date: '2024', title: Cap}]\n"
        "figures: [{value: '4%', label: growth}]", True),
    "columns and an image": (f"columns: [{COLUMN}, {COLUMN}]\nimage: map.png", True),
    "every kind at once": (
        f"points: [a]\nimage: map.png\nevents: [{{date: '1', title: E}}]\n"
        f"columns: [{COLUMN}, {COLUMN}]\nquote: {{text: Q}}\n"
        "figures: [{value: '1', label: L}]", True),
    "a quote written as text": ("kind: quote\nquote: We will win.", True),
    "a quote written as a list": ("quote: [We will win.]", False),
    "kind naming content that is there": ("kind: quote\npoints: [a]\nquote: {text: Q}", True),
    "notes only": ("notes: Discuss", True),
    "kind naming content that is not there": ("kind: quote\npoints: [a]", False),
    "kind bullets beside an image without points": ("kind: bullets\nimage: map.png", False),
    "kind figures with no figures": ("kind: figures\nfigures: []\npoints: [a]", False),
    "one column": (f"columns: [{COLUMN}]\npoints: [a]", False),
    "three columns": (f"columns: [{COLUMN}, {COLUMN}, {COLUMN}]", False),
    "an empty list of columns": ("columns: []\npoints: [a]", True),
    "five figures": ("figures: [" + ", ".join(f"{{value: '{n}', label: L}}" for n in range(5))
                     + "]", False),
}


@pytest.mark.parametrize("name", list(SECTIONS))
def test_schema_and_validate_agree_on_sections_that_combine_kinds(
        name: str, tmp_path: Path) -> None:
    body, valid = SECTIONS[name]
    (tmp_path / "map.png").write_bytes(b"png")
    section = "  - title: S\n" + "".join(f"    {line}\n" for line in body.splitlines())
    path = tmp_path / "outline.yaml"
    path.write_text(f"title: T\nsections:\n{section}", encoding="utf-8")
    schema_ok = errors(outline_schema(), yaml.safe_load(path.read_text(encoding="utf-8"))) == []
    try:
        load_outline(path)
        validate_ok = True
    except OutlineError:
        validate_ok = False
    assert (schema_ok, validate_ok) == (valid, valid)
