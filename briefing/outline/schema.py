"""The JSON Schema of the outline format, for editors and other tools."""

from __future__ import annotations

import json
from typing import Any

from briefing.outline.model import Outline

SCHEMA_ID = "https://briefing.invalid/schema/outline.schema.json"
SHORTHANDS = {"Point": "text", "ImageRef": "path", "Quote": "text", "Source": "title"}


def outline_schema() -> dict[str, Any]:
    """Return the outline format as a JSON Schema (draft 2020-12)."""
    schema: dict[str, Any] = _allow_shorthands(Outline.model_json_schema())
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "briefing outline"
    return schema


def schema_text() -> str:
    """Return the schema as stable, pretty-printed JSON."""
    return json.dumps(outline_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _allow_shorthands(node: Any) -> Any:
    """Return ``node`` where references to Point, ImageRef, Quote and Source also accept a
    string."""
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        name = ref.rsplit("/", 1)[-1] if isinstance(ref, str) else ""
        if name in SHORTHANDS:
            return {"anyOf": [{"type": "string", "description": f"short for {{{SHORTHANDS[name]}"
                                                                f": ...}}"}, dict(node)]}
        return {key: _allow_shorthands(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_allow_shorthands(item) for item in node]
    return node
