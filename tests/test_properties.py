"""Generated outlines: every one builds a valid deck or fails with a clean message."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pptx_checks as checks
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from lxml import etree
from openxml_audit import ValidationSeverity, validate_pptx
from PIL import Image

from briefing.api import Options, build
from briefing.errors import BriefingError
from briefing.outline.clean import clean_text

LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
JAPANESE = "あいうえおかきくけこアイウエオカキクケコ日本語安全保障条約東京大阪ー々〆"
PUNCTUATION = " ,.;:!?'\"()[]{}-–—…、。「」『』（）・：；！？“”‘’%&/\\#@*+=<>|~^`$"
EMOJI = ["😀", "🚀", "🇯🇵", "👍🏽", "👨\u200d👩\u200d👧", "❤\ufe0f", "★", "✓", "→"]
HOSTILE = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b", "\t", "\n", "\r", "\ufffe", "\uffff",
           "\ud800", "\udfff", "\u202e", "\u202c", "\u2066", "\u200b", "\u200d", "\u2060",
           "\ufeff", "\u2028", "\U000e0041", "\ufdd0", "e\u0301", "\uf929"]
KINDS = ("bullets", "timeline", "comparison", "quote", "figures", "image")
IMAGE = "picture.png"



words = st.one_of(st.text(alphabet=LATIN, min_size=1, max_size=8),
                  st.text(alphabet=JAPANESE, min_size=1, max_size=6))
pieces = st.one_of(words, st.sampled_from(PUNCTUATION), st.sampled_from(EMOJI),
                   st.sampled_from(HOSTILE),
                   st.characters(categories=["Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Mn"]))
texts = st.tuples(st.lists(pieces, max_size=4), words, st.lists(pieces, max_size=4)).map(
    lambda parts: "".join([*parts[0], parts[1], *parts[2]]))
short = st.tuples(words, st.lists(pieces, max_size=2)).map(
    lambda parts: parts[0] + "".join(parts[1]))
points = st.lists(st.one_of(texts, st.fixed_dictionaries(
    {"text": texts, "points": st.lists(texts, max_size=2)})), min_size=1, max_size=3)


@st.composite
def sections(draw: st.DrawFn) -> dict[str, Any]:
    """Return a section of a random kind with generated text."""
    kind = draw(st.sampled_from(KINDS))
    section: dict[str, Any] = {"title": draw(texts)}
    if kind == "bullets":
        section["points"] = draw(points)
    elif kind == "timeline":
        section["events"] = draw(st.lists(st.fixed_dictionaries(
            {"date": short, "title": texts}), min_size=1, max_size=3))
    elif kind == "comparison":
        section["columns"] = [{"title": draw(texts), "points": draw(points)} for _ in range(2)]
    elif kind == "quote":
        section["quote"] = {"text": draw(texts), "by": draw(short)}
    elif kind == "figures":
        section["figures"] = draw(st.lists(st.fixed_dictionaries(
            {"value": short, "label": texts}), min_size=1, max_size=4))
    else:
        section["image"] = {"path": IMAGE, "caption": draw(texts)}
    if draw(st.booleans()):
        section["notes"] = draw(texts)
    return section


outlines = st.fixed_dictionaries(
    {"title": texts, "sections": st.lists(sections(), min_size=1, max_size=4)},
    optional={"subtitle": texts, "author": short, "lang": st.sampled_from(["ja", "en"]),
              "summary": st.lists(texts, max_size=3),
              "sources": st.lists(st.fixed_dictionaries({"title": texts}), max_size=2)})


def audit_errors(deck: Path) -> list[str]:
    """Return the errors openxml-audit finds in ``deck``."""
    result = validate_pptx(deck)
    return [f"{error.part_uri} {error.path}: {error.description}"
            for error in result.errors if error.severity == ValidationSeverity.ERROR]


def assert_valid(deck: Path) -> None:
    """Assert every XML part parses, matches the schemas and passes openxml-audit."""
    parts = checks.read_parts(deck)
    for name, data in parts.items():
        if checks.is_xml(name):
            etree.fromstring(data)
    problems = checks.schema_errors(parts) + audit_errors(deck)
    assert not problems, "\n".join(problems)
    for name, data in parts.items():
        if name.startswith("ppt/slides/slide") and name.endswith(".xml"):
            text = "".join(checks.parse(data).itertext())
            assert clean_text(text)[1] == [], f"{name} holds characters cleaning removes"


@settings(max_examples=15, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=outlines, escaped=st.booleans())
def test_generated_outlines_build_or_fail_cleanly(data: dict[str, Any], escaped: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        Image.new("RGB", (60, 40), "teal").save(root / IMAGE)
        outline = root / "generated.yaml"
        outline.write_text(yaml.safe_dump(data, allow_unicode=not escaped), encoding="utf-8")
        try:
            report = build(outline, Options(out_dir=root / "out"))
        except BriefingError as exc:
            event(f"refused: {type(exc).__name__}")
            message = exc.format_message()
            assert message.strip() and "Traceback" not in message
            assert not (root / "out").exists()
            return
        event("built")
        deck = root / "out" / "generated.pptx"
        assert deck in report.written
        assert_valid(deck)
        assert (root / "out" / "generated-summary.pdf").read_bytes().startswith(b"%PDF")


@settings(max_examples=200, deadline=None, database=None)
@given(text=st.text(alphabet=st.characters(codec=None)) | texts)
def test_cleaned_text_is_stable_and_fits_in_xml(text: str) -> None:
    cleaned, _ = clean_text(text)
    assert clean_text(cleaned) == (cleaned, [])
    element = etree.Element("t")
    element.text = cleaned
    assert (etree.fromstring(etree.tostring(element)).text or "") == cleaned
