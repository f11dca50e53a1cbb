"""The stress outlines and the seed, built on the built-in theme and rendered by
LibreOffice: whole words and numbers on every rendered line, no Japanese paragraph ending on
a line of two characters or fewer (word wrap on), one size per row and titles at least 1.2
times their body text (read from the slide XML)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import NamedTuple

import pptx_checks as checks
import pytest
import row_sizes

from briefing.api import Options, build
from briefing.layout.frames import TITLE_RATIO
from briefing.text.fonts import resolve_font

pytestmark = pytest.mark.render

ROOT = Path(__file__).resolve().parents[2]
OUTLINES = {"rows-ja": ROOT / "tests" / "outlines" / "rows.ja.yaml",
            "rows-en": ROOT / "tests" / "outlines" / "rows.en.yaml",
            "seed-ja": ROOT / "outlines" / "nato-japan.yaml",
            "seed-en": ROOT / "outlines" / "nato-japan.en.yaml",
            "ceplan-ja": ROOT / "tests" / "outlines" / "rows.ja.yaml",
            "penguin-en": ROOT / "tests" / "outlines" / "rows.en.yaml"}
WILD = ROOT.parent / "shared" / "templates-wild"
TEMPLATES = {"ceplan-ja": WILD / "ceplan__template-slides.pptx",
             "penguin-en": WILD / "Penguin8885__PP_template.pptx"}
# Written independently of the code under test: a number with its separators, decimals,
# currency and unit; a Latin word; a katakana word (the middle dot parts words).
NUMBER = re.compile(r"[¥$€£]?[0-9][0-9,.]*[0-9](?:%|円|年|月)?|[0-9](?:%|円)")
WORD = re.compile(r"[A-Za-z][A-Za-z']*")
KATAKANA = re.compile("[\u30a1-\u30fa\u30fc]{2,}")
# Frames whose lines layout breaks itself (explicit breaks): katakana words stay whole there.
LAYOUT_BROKEN = frozenset({"Value", "Label", "Date", "Event", "Header text"})


class Rendered(NamedTuple):
    """A built deck's slides as LibreOffice drew them, and as the slide XML sets them."""

    slides: list[checks.SlideText]
    shapes: list[list[row_sizes.ShapeText]]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    """Return every outline built and rendered in one LibreOffice run, autofit off."""
    checks.need_libreoffice()
    folder = tmp_path_factory.mktemp("rows")
    copies = {}
    for name, outline in OUTLINES.items():
        report = build(outline, Options(out_dir=folder / name, summary=False,
                                        template=TEMPLATES.get(name)))
        deck = next(p for p in report.written if p.suffix == ".pptx")
        parts = checks.switch_off_autofit(checks.read_parts(deck))
        copy = folder / f"{name}.pptx"
        checks.write_parts(parts, copy)
        copies[name] = (parts, copy)
    checks.convert_to_pdf([copy for _, copy in copies.values()], folder)
    font = resolve_font("Noto Sans JP")
    em = checks.em_box_of(font.path, font.index)
    return {name: Rendered(checks.read_rendered(parts, folder / f"{copy.stem}.pdf", em),
                           row_sizes.slides(parts))
            for name, (parts, copy) in copies.items()}


def paragraph_lines(slide: checks.SlideText) -> list[tuple[str, str, list[str]]]:
    """Return (shape name, paragraph, its rendered lines in order) for every paragraph of
    ``slide`` that LibreOffice drew on more than one line."""
    found = []
    for shape in slide.shapes:
        for paragraph in shape.paragraphs:
            flat = checks.normalise(paragraph)
            lines, position = [], 0
            for line in slide.lines:
                key = slide.key(line)
                at = flat.find(key, position) if key else -1
                if at != position or shape not in slide.holders(line):
                    continue
                lines.append(key)
                position += len(key)
            if len(lines) > 1 and position == len(flat):
                found.append((shape.name, paragraph, lines))
    return found


def seams(paragraph: str, lines: list[str]) -> list[int]:
    """Return where in ``paragraph`` (NFKC, spaces kept) each rendered line but the first
    starts."""
    text = unicodedata.normalize("NFKC", paragraph)
    solid = [i for i, char in enumerate(text) if not char.isspace()]
    starts, count = [], 0
    for line in lines[:-1]:
        count += len(line)
        starts.append(solid[count])
    return starts


def cut_inside(name: str, paragraph: str, lines: list[str]) -> list[str]:
    """Return each line break of a paragraph that falls inside a number or a Latin word (or,
    in a frame layout breaks itself, a katakana word)."""
    text = unicodedata.normalize("NFKC", paragraph)
    # A frame layout breaks itself is written with explicit breaks: a break between digits
    # (1,234,567,\n890円) or katakana is taken out, so that a number or word cut there reads
    # as one (a break between Latin letters stands for the space it replaced).
    text = re.sub(r"(?<=[0-9,.])\n(?=[0-9])", "", text)
    text = re.sub("(?<=[\u30a1-\u30fa\u30fc])\n(?=[\u30a1-\u30fa\u30fc])", "", text)
    patterns = [NUMBER, WORD] + ([KATAKANA] if name in LAYOUT_BROKEN else [])
    spans = [m.span() for pattern in patterns for m in pattern.finditer(text)]
    return [f"{name}: {text[max(0, at - 8):at]}|{text[at:at + 8]}"
            for at in seams(text, lines) if any(a < at < b for a, b in spans)]


def test_every_rendered_line_holds_whole_words_and_numbers(
        rendered: dict[str, Rendered]) -> None:
    problems = [f"{name} slide {slide.number}: {cut}"
                for name, deck in rendered.items() for slide in deck.slides
                for shape, paragraph, lines in paragraph_lines(slide)
                for cut in cut_inside(shape, paragraph, lines)]
    assert not problems, problems


def east_asian(text: str) -> bool:
    """Return whether ``text`` holds Japanese characters."""
    return any(unicodedata.east_asian_width(char) in "WF" for char in text)


def test_no_japanese_paragraph_ends_on_two_characters_or_fewer(
        rendered: dict[str, Rendered]) -> None:
    problems = [f"{name} slide {slide.number}: {shape}: {lines[-2:]}"
                for name, deck in rendered.items() for slide in deck.slides
                for shape, paragraph, lines in paragraph_lines(slide)
                if east_asian(paragraph) and len(lines[-1]) <= 2]
    assert not problems, problems
    # The check reads what it should: the Japanese decks wrap paragraphs on many lines.
    wrapped = [p for name in ("rows-ja", "seed-ja") for slide in rendered[name].slides
               for p in paragraph_lines(slide)]
    assert len(wrapped) >= 30, len(wrapped)


def test_one_size_per_row_and_titles_over_their_body(rendered: dict[str, Rendered]) -> None:
    for name, deck in rendered.items():
        for number, shapes in enumerate(deck.shapes, start=1):
            assert not row_sizes.mixed_rows(shapes), (name, number, row_sizes.mixed_rows(shapes))
            title, body = row_sizes.title_size(shapes), row_sizes.body_sizes(shapes)
            if title is not None and body:
                assert title >= TITLE_RATIO * max(body) - 1e-6, (name, number, title, body)
