"""The one-page summary layout: geometry, typography, and what is left out when space runs short."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path
from typing import Any

import pytest

from briefing.color import Color
from briefing.layout.boxes import Box, Paragraph, Picture, Rect, TextFrame
from briefing.layout.summary import Sheet, compose, layout_summary, paper_size, search, sheet_lines
from briefing.layout.summary.compose import KEPT_BLOCKS
from briefing.layout.summary.keep import omission_words
from briefing.media import prepare_image
from briefing.outline.model import Outline
from briefing.outline.validate import LoadedOutline, load_outline
from briefing.report import Warnings
from briefing.text.breaking import breaks_kinsoku
from briefing.text.fonts import Measurer, resolve_font
from briefing.theme.tokens import Theme, load_theme

ROOT = Path(__file__).resolve().parents[2]
SEEDS = {"ja": ROOT / "outlines" / "nato-japan.yaml",
         "en": ROOT / "outlines" / "nato-japan.en.yaml"}
MARGIN = 36.0
EPSILON = 0.01


@pytest.fixture(scope="module")
def theme() -> Theme:
    """Return the default theme."""
    return load_theme("default")


@pytest.fixture(scope="module")
def measurer(theme: Theme) -> Measurer:
    """Return a measurer over the theme's fonts, as the one-pager's PDF sets them (nothing
    added between scripts)."""
    latin = resolve_font(theme.fonts.latin, theme.fonts.latin_file)
    east_asian = resolve_font(theme.fonts.east_asian, theme.fonts.east_asian_file)
    return Measurer(latin, east_asian, theme.line_spacing, autospace=0.0)


@pytest.fixture(scope="module")
def seeds(theme: Theme, measurer: Measurer) -> dict[str, tuple[LoadedOutline, Sheet, Warnings]]:
    """Return each seed outline with its sheet and the warnings raised, by language."""
    built = {}
    for lang, path in SEEDS.items():
        loaded = load_outline(path)
        warnings = Warnings()
        built[lang] = (loaded, layout_summary(loaded, theme, measurer, warnings), warnings)
    return built


def frames(sheet: Sheet) -> list[TextFrame]:
    """Return the text frames of ``sheet``."""
    return [s for s in sheet.shapes if isinstance(s, TextFrame)]


def texts(sheet: Sheet) -> list[str]:
    """Return the text of every paragraph of ``sheet``."""
    return [p.text for f in frames(sheet) for p in f.paragraphs]


def overlap(a: Box, b: Box) -> float:
    """Return the area two boxes share."""
    width = min(a.right, b.right) - max(a.x, b.x)
    height = min(a.bottom, b.bottom) - max(a.y, b.y)
    return max(0.0, width) * max(0.0, height)


def kept_titles(loaded: LoadedOutline, sheet: Sheet) -> list[str]:
    """Return the titles of the sections the sheet did not leave out."""
    return [s.title for s in loaded.outline.sections
            if f"section '{s.title}'" not in sheet.omitted]


def build(data: dict[str, Any], theme: Theme, measurer: Measurer, tmp_path: Path,
          **options: Any) -> tuple[Sheet, Warnings]:
    """Return the sheet of an outline given as data, and the warnings raised."""
    loaded = LoadedOutline(Outline.model_validate(data), tmp_path / "outline.yaml")
    warnings = Warnings()
    return layout_summary(loaded, theme, measurer, warnings, **options), warnings


def overlong(sections: int = 20, points: int = 8) -> dict[str, Any]:
    """Return an outline far too long for one page; sections 3 and 17 are marked keep."""
    return {
        "title": "An overlong briefing for testing the summary", "lang": "en",
        "summary": ["The first takeaway of this long briefing.", "A second takeaway."],
        "sections": [{
            "title": f"Section number {s + 1}", "keep": s in (3, 17),
            "points": [{"text": f"Point {p + 1} of section {s + 1}, with a few more words",
                        "keep": s == 0 and p == points - 1,
                        "points": [f"Sub-point {p + 1}.{q + 1} of section {s + 1}"
                                   for q in range(2)]}
                       for p in range(points)]}
            for s in range(sections)],
    }


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_seed_sheet_is_one_a4_page_in_the_outline_language(seeds: Any, lang: str) -> None:
    loaded, sheet, _ = seeds[lang]
    assert (sheet.width, sheet.height) == pytest.approx((595.28, 841.89))
    assert sheet.lang == lang
    assert sheet.title == loaded.outline.title


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_predicted_line_fits_its_frame(seeds: Any, lang: str,
                                             measurer: Measurer) -> None:
    _, sheet, _ = seeds[lang]
    for frame in frames(sheet):
        assert frame.text_height <= frame.box.h + EPSILON, frame.name
        for paragraph in frame.paragraphs:
            for line in paragraph.lines:
                width = measurer.width(line, paragraph.size) + paragraph.indent
                assert width <= frame.box.w + EPSILON, (frame.name, line)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_text_stays_inside_the_margins(seeds: Any, lang: str) -> None:
    _, sheet, _ = seeds[lang]
    for frame in frames(sheet):
        box = frame.box
        assert box.x >= MARGIN - EPSILON and box.right <= sheet.width - MARGIN + EPSILON
        assert box.y >= MARGIN - EPSILON and box.bottom <= sheet.height - MARGIN + EPSILON


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_two_text_frames_overlap(seeds: Any, lang: str) -> None:
    _, sheet, _ = seeds[lang]
    for a, b in itertools.combinations(frames(sheet), 2):
        assert overlap(a.box, b.box) < 0.5, (a.name, a.paragraphs[0].text,
                                              b.name, b.paragraphs[0].text)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_predicted_lines_respect_kinsoku(seeds: Any, lang: str) -> None:
    _, sheet, _ = seeds[lang]
    for frame in frames(sheet):
        for paragraph in frame.paragraphs:
            assert breaks_kinsoku(paragraph.lines) == [], paragraph.lines


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_body_text_is_set_between_8_5_and_10_points(seeds: Any, lang: str) -> None:
    _, sheet, _ = seeds[lang]
    sizes = {p.size for f in frames(sheet) if f.name == "Points"
             for p in f.paragraphs if p.level == 0}
    assert sizes and all(8.5 <= size <= 10.0 for size in sizes)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_title_block_bottom_line_and_sources_are_on_the_sheet(seeds: Any, lang: str) -> None:
    loaded, sheet, _ = seeds[lang]
    outline = loaded.outline
    shown = texts(sheet)
    assert outline.title in shown and outline.subtitle in shown
    assert outline.organization in shown and outline.classification in shown
    assert all(item in shown for item in outline.summary)
    assert any(outline.sources[0].title in text for text in shown)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_marking_uses_the_marking_colour(seeds: Any, lang: str, theme: Theme) -> None:
    loaded, sheet, _ = seeds[lang]
    markings = [p for f in frames(sheet) for p in f.paragraphs
                if p.text == loaded.outline.classification]
    assert markings and all(p.color == theme.color("marking") for p in markings)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_point_is_on_the_sheet_or_reported_left_out(seeds: Any, lang: str) -> None:
    loaded, sheet, warnings = seeds[lang]
    shown = set(texts(sheet))
    said = [w.what for w in warnings.items if w.kind in ("omitted", "keep_dropped")]
    for section in loaded.outline.sections:
        where = f"'{section.title}'"
        if section.keep:
            assert section.title in shown
        if section.title not in shown and not section.events:
            assert f"section {where}" in said
            continue
        points = [*section.points, *(p for c in section.columns for p in c.points)]
        for point in points:
            assert point.text in shown or any(
                w.endswith(f"point of {where}") or w.endswith(f"points of {where}")
                for w in said), point.text
            for sub in point.points:
                assert sub in shown or any("sub-point" in w and w.endswith(where)
                                           for w in said), sub
    assert sorted(said) == sorted(sheet.omitted)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_first_section_image_is_fitted_with_caption_and_credit(seeds: Any, lang: str) -> None:
    loaded, sheet, _ = seeds[lang]
    ref = loaded.outline.sections[0].image
    prepared = prepare_image(loaded.resolve(ref.path))
    pictures = [s for s in sheet.shapes if isinstance(s, Picture)]
    assert len(pictures) == 1
    box = pictures[0].box
    assert box.w / box.h == pytest.approx(prepared.aspect, rel=1e-6)
    assert pictures[0].alt == ref.alt
    shown = texts(sheet)
    credit = {"ja": f"提供：{ref.credit}", "en": f"Credit: {ref.credit}"}[lang]
    assert ref.caption in shown and credit in shown


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_timeline_strip_shows_each_event_date_with_a_marker(seeds: Any, lang: str) -> None:
    loaded, sheet, _ = seeds[lang]
    events = next(s for s in loaded.outline.sections if s.events).events
    dates = [p.text for f in frames(sheet) if f.name == "Event date" for p in f.paragraphs]
    assert dates == [e.date for e in events]
    dots = [s for s in sheet.shapes if isinstance(s, Rect) and s.shape == "ellipse"]
    assert len(dots) == len(events)


def test_short_outline_keeps_everything_at_the_largest_size(theme: Theme, measurer: Measurer,
                                                            tmp_path: Path) -> None:
    data = {"title": "A short briefing", "summary": ["One takeaway."],
            "sections": [{"title": "First", "points": ["Alpha", {"text": "Beta",
                                                                 "points": ["Detail"]}]},
                         {"title": "Second", "points": ["Gamma"]}]}
    sheet, warnings = build(data, theme, measurer, tmp_path)
    assert sheet.omitted == () and warnings.items == []
    assert "Detail" in texts(sheet)
    assert {p.size for f in frames(sheet) if f.name == "Points" for p in f.paragraphs
            if p.level == 0} == {10.0}


def test_sub_points_go_first(theme: Theme, measurer: Measurer, tmp_path: Path) -> None:
    data = overlong(sections=8, points=3)
    data["sections"] = [{**s, "points": [{**p, "keep": False,
                                          "points": [f"{t} with a longer tail of words"
                                                     for t in p["points"] * 3]}
                                         for p in s["points"]]}
                        for s in data["sections"]]
    sheet, _ = build(data, theme, measurer, tmp_path)
    assert sheet.omitted
    assert all("sub-point" in item for item in sheet.omitted), sheet.omitted
    assert all(p.level == 0 for f in frames(sheet) for p in f.paragraphs)


def test_overlong_outline_still_fits_one_page(theme: Theme, measurer: Measurer,
                                              tmp_path: Path) -> None:
    data = overlong()
    sheet, warnings = build(data, theme, measurer, tmp_path)
    shown = texts(sheet)
    assert any("sub-point" in item for item in sheet.omitted)
    assert any(item.startswith("section ") for item in sheet.omitted)
    assert len([w for w in warnings.items if w.kind in ("omitted", "keep_dropped")]) == len(
        sheet.omitted)
    kept_point = data["sections"][0]["points"][-1]
    assert kept_point["text"] in shown
    subs = {p.text for f in frames(sheet) for p in f.paragraphs if p.level == 1}
    assert subs == set(kept_point["points"])  # only a kept point keeps its sub-points
    assert "Section number 4" in shown and "Section number 18" in shown
    for frame in frames(sheet):
        assert frame.box.y >= MARGIN - EPSILON
        assert frame.box.bottom <= sheet.height - MARGIN + EPSILON
    for a, b in itertools.combinations(frames(sheet), 2):
        assert overlap(a.box, b.box) < 0.5


def test_sections_are_left_out_from_the_end(theme: Theme, measurer: Measurer,
                                            tmp_path: Path) -> None:
    data = overlong()
    sheet, _ = build(data, theme, measurer, tmp_path)
    titles = [s["title"] for s in data["sections"] if not s["keep"]]
    shown = [title in texts(sheet) for title in titles]
    assert shown == sorted(shown, reverse=True)  # a run of shown ones, then the left-out ones
    assert not all(shown)


def test_a_short_section_dropped_first_comes_back_when_a_long_one_makes_room(
        theme: Theme, measurer: Measurer, tmp_path: Path) -> None:
    # Twelve sections fill the page. Sections are left out from the end, so the short last
    # one goes first, then the long one before it; that frees far more room than the short
    # one takes, and it comes back.
    data = overlong(sections=12, points=3)
    long_point = "A point that runs on " + "and on " * 40 + "to the end."
    data["sections"].append({"title": "A long section", "points": [long_point] * 3})
    data["sections"].append({"title": "A short last word", "points": ["Brief."]})
    sheet, _ = build(data, theme, measurer, tmp_path)
    assert "section 'A long section'" in sheet.omitted
    assert "section 'A short last word'" not in sheet.omitted
    assert "A short last word" in texts(sheet)


def test_points_come_back_where_a_column_has_room(theme: Theme, measurer: Measurer,
                                                  tmp_path: Path, monkeypatch: Any) -> None:
    # Trimming takes one point at a time off the longest section, so the first cut that fits
    # can leave a column short; the refill gives points back while the page still fits. The
    # report counts what the sheet shows.
    data = overlong(sections=9, points=8)

    def shown(sheet: Sheet) -> list[int]:
        return [sum(1 for text in texts(sheet)
                    if text.endswith(f"of section {s + 1}, with a few more words"))
                for s in range(9)]

    sheet, _ = build(data, theme, measurer, tmp_path)
    monkeypatch.setattr(search, "refill", lambda outline, cut, fits: cut)
    unfilled, _ = build(data, theme, measurer, tmp_path)
    assert all(a >= b for a, b in zip(shown(sheet), shown(unfilled), strict=True))
    assert sum(shown(sheet)) > sum(shown(unfilled))
    for index, count in enumerate(shown(sheet)):
        left_out = [item for item in sheet.omitted
                    if item.endswith(f"later points of 'Section number {index + 1}'")
                    or item.endswith(f"later point of 'Section number {index + 1}'")]
        assert left_out == ([f"{8 - count} later point{'s' if 8 - count > 1 else ''} of "
                             f"'Section number {index + 1}'"] if count < 8 else [])


def test_later_points_go_before_whole_sections(theme: Theme, measurer: Measurer,
                                               tmp_path: Path) -> None:
    sheet, _ = build(overlong(sections=9, points=8), theme, measurer, tmp_path)
    assert any("later point" in item for item in sheet.omitted)
    assert not any(item.startswith("section ") for item in sheet.omitted)


@pytest.mark.parametrize(("paper", "landscape", "size"), [
    ("a4", False, (595.28, 841.89)), ("letter", False, (612.0, 792.0)),
    ("a4", True, (841.89, 595.28)), ("letter", True, (792.0, 612.0))])
def test_paper_and_orientation(seeds: Any, theme: Theme, measurer: Measurer, paper: Any,
                               landscape: bool, size: tuple[float, float]) -> None:
    assert paper_size(paper, landscape) == size
    loaded, _, _ = seeds["en"]
    sheet = layout_summary(loaded, theme, measurer, Warnings(), paper, landscape)
    assert (sheet.width, sheet.height) == size
    for frame in frames(sheet):
        assert frame.box.right <= size[0] - MARGIN + EPSILON
        assert frame.box.bottom <= size[1] - MARGIN + EPSILON


def test_placed_lines_follow_the_frames(seeds: Any) -> None:
    _, sheet, _ = seeds["en"]
    placed = list(sheet_lines(sheet))
    predicted = [line for f in frames(sheet) for p in f.paragraphs for line in p.lines]
    assert [p.text for p in placed] == predicted
    for line in placed:
        assert line.x >= MARGIN and line.y <= sheet.height - MARGIN


def test_layout_is_repeatable(seeds: Any, theme: Theme, measurer: Measurer) -> None:
    loaded, sheet, _ = seeds["ja"]
    assert layout_summary(loaded, theme, measurer, Warnings()) == sheet


def test_bold_is_for_headings_only(seeds: Any) -> None:
    _, sheet, _ = seeds["en"]
    bold = {f.name for f in frames(sheet) for p in f.paragraphs if p.bold}
    assert "Points" not in bold and "Section title" in bold


def paragraphs_named(sheet: Sheet, name: str) -> list[Paragraph]:
    """Return the paragraphs of the frames called ``name``."""
    return [p for f in frames(sheet) if f.name == name for p in f.paragraphs]


def test_comparison_columns_sit_side_by_side(seeds: Any) -> None:
    loaded, sheet, _ = seeds["ja"]
    section = next(s for s in loaded.outline.sections if s.columns)
    titles = [f for f in frames(sheet) if f.name == "Column title"]
    assert [f.paragraphs[0].text for f in titles] == [c.title for c in section.columns]
    assert titles[0].box.y == pytest.approx(titles[1].box.y)
    assert titles[0].box.right < titles[1].box.x


def test_a_long_author_organization_and_marking_stay_on_the_page(
        theme: Theme, measurer: Measurer, tmp_path: Path) -> None:
    data = {"title": "防衛協力の現状と課題", "date": "2026-11-26",
            "author": "国際安全保障研究チーム（" + "、".join(["山田太郎", "佐藤花子"] * 12) + "）",
            "organization": "Policy Research Department, " * 6,
            "classification": "社内限り・取扱注意・複製禁止 " * 8,
            "sections": [{"title": "背景", "points": ["一つ目の論点"]}]}
    sheet, _ = build(data, theme, measurer, tmp_path)
    for frame in frames(sheet):
        for paragraph in frame.paragraphs:
            for line in paragraph.lines:
                right = frame.box.x + measurer.width(line, paragraph.size)
                assert right <= sheet.width - MARGIN + EPSILON, (frame.name, line)
        assert frame.box.x >= MARGIN - EPSILON and frame.box.bottom <= sheet.height - MARGIN
    for a, b in itertools.combinations(frames(sheet), 2):
        assert overlap(a.box, b.box) < 0.5, (a.name, b.name)
    shown = "".join(p.text for f in frames(sheet) for p in f.paragraphs)
    assert data["author"] in shown.replace("\n", "")
    assert "2026年11月26日" in shown


def test_the_date_follows_date_format(theme: Theme, measurer: Measurer,
                                      tmp_path: Path) -> None:
    data = {"title": "A briefing", "lang": "en", "date": "2026-11-26",
            "date_format": "%B %-d, %Y", "sections": [{"title": "A", "points": ["a"]}]}
    sheet, _ = build(data, theme, measurer, tmp_path)
    assert "November 26, 2026" in texts(sheet)


def test_keep_items_left_off_are_a_warning_each(theme: Theme, measurer: Measurer,
                                               tmp_path: Path) -> None:
    data = overlong(sections=40, points=6)
    for section in data["sections"]:
        section["keep"] = True
    sheet, warnings = build(data, theme, measurer, tmp_path)
    dropped = [w for w in warnings.items if w.kind == "keep_dropped"]
    sections = [item for item in sheet.omitted if item.startswith("section ")]
    assert sections and [w.what for w in dropped] == sections
    assert all(w.must_fix for w in dropped)
    assert not any(w.kind == "omitted" and w.what in sections for w in warnings.items)


WORDS = ("Allied", "navies", "trained", "together", "near", "the", "coast", "several", "times",
         "this", "year", "and", "agreed", "to", "share", "more", "of", "what", "they", "saw",
         "at", "sea", "with", "partners", "in", "the", "region")


def test_paragraphs_on_the_sheet_end_without_a_stub(theme: Theme, measurer: Measurer,
                                                    tmp_path: Path) -> None:
    points = [" ".join(WORDS[:n]) for n in range(14, len(WORDS) + 1)]
    data = {"title": "Widows", "lang": "en",
            "sections": [{"title": "Points", "points": points}]}
    sheet, _ = build(data, theme, measurer, tmp_path)
    checked = 0
    for frame in frames(sheet):
        if frame.name != "Points":
            continue
        for paragraph in frame.paragraphs:
            width = frame.box.w - paragraph.indent
            # the oracle: the same text broken greedily, a word at a time, by hand
            greedy: list[str] = []
            for word in paragraph.text.split():
                line = f"{greedy[-1]} {word}" if greedy else word
                if greedy and measurer.width(line, paragraph.size) <= width * 0.95:
                    greedy[-1] = line
                else:
                    greedy.append(word)
            if len(greedy) < 2 or " " in greedy[-1]:
                continue  # no stub to avoid here
            checked += 1
            assert " " in paragraph.lines[-1].strip(), paragraph.lines
            assert len(paragraph.lines) == len(greedy)
    assert checked  # some paragraph would have ended with one word alone


# Sections that combine kinds: the sheet shows all of it, in the order of the deck's slides.

MAP = str(ROOT / "assets" / "nato-japan-map.png")


def reading_order(sheet: Sheet, wanted: list[str]) -> list[str]:
    """Return those of ``wanted`` found at the start of a paragraph on ``sheet``, top to
    bottom (left to right on one row)."""
    found = []
    for frame in frames(sheet):
        for index, paragraph in enumerate(frame.paragraphs):
            for text in wanted:
                if paragraph.text.lstrip("\u201c\u300c").startswith(text):
                    found.append((round(frame.box.y, 1), frame.box.x, index, text))
    return [text for *_, text in sorted(found)]


def combined(sections: list[dict[str, Any]]) -> dict[str, Any]:
    """Return an English outline of ``sections``."""
    return {"title": "Budget review", "lang": "en", "sections": sections}


def test_a_section_shows_every_kind_in_the_order_written(
        theme: Theme, measurer: Measurer, tmp_path: Path) -> None:
    data = combined([
        {"title": "Risks", "quote": {"text": "Quoted words", "by": "A minister"},
         "points": ["Point one", "Point two"]},
        {"title": "Money", "points": ["Defence rises"],
         "figures": [{"value": "4%", "label": "real growth"}],
         "events": [{"date": "2024", "title": "Cap"}, {"date": "2026", "title": "Grants"}]},
        {"title": "Later", "events": [{"date": "2030", "title": "Review"}],
         "points": ["After the review"]}])
    sheet, warnings = build(data, theme, measurer, tmp_path)
    assert not sheet.omitted, warnings.messages
    assert reading_order(sheet, ["Risks", "Quoted words", "— A minister", "Point one",
                                 "Point two"]) == [
        "Risks", "Quoted words", "— A minister", "Point one", "Point two"]
    # The first section with events spans the page: its points, figures and strip in order.
    assert reading_order(sheet, ["Money", "Defence rises", "4%", "real growth", "2024",
                                 "2026", "Cap", "Grants"]) == [
        "Money", "Defence rises", "4%", "real growth", "2024", "2026", "Cap", "Grants"]
    strip = [f for f in frames(sheet) if f.name == "Event date"]
    assert [f.paragraphs[0].text for f in strip] == ["2024", "2026"]
    # A later section with events keeps them in the grid, as a list, before its points.
    assert reading_order(sheet, ["Later", "2030", "After the review"]) == [
        "Later", "2030", "After the review"]


def test_a_point_of_a_comparison_section_is_under_no_column(
        theme: Theme, measurer: Measurer, tmp_path: Path) -> None:
    data = combined([{
        "title": "Options", "points": ["A point about both options"],
        "columns": [{"title": "Grants", "points": ["Targeted"]},
                    {"title": "Cap", "points": ["Simple"]}],
        "events": [{"date": "2027", "title": "Decision", "text": "Cabinet decides"}]}])
    sheet, _ = build(data, theme, measurer, tmp_path)
    assert reading_order(sheet, ["Options", "A point about", "Grants", "Cap", "Targeted",
                                 "Simple", "2027", "Decision", "Cabinet decides"]) == [
        "Options", "A point about", "Grants", "Cap", "Targeted", "Simple", "2027",
        "Decision", "Cabinet decides"]
    columns = [f for f in frames(sheet) if f.name == "Column title"]
    width = sheet.width - 2 * MARGIN
    points = next(f for f in frames(sheet) if f.name == "Points"
                  and f.paragraphs[0].text.startswith("A point"))
    # The section's own points span both columns; the event is on the strip, in no column.
    assert points.box.x == pytest.approx(MARGIN) and points.box.w == pytest.approx(width)
    assert columns[1].box.x > MARGIN + width / 2
    event = next(f for f in frames(sheet) if f.name == "Event")
    column_frames = [f for f in frames(sheet) if f.name in ("Column title", "Points")
                     and f is not points]
    assert all(event.box.y >= f.box.bottom for f in column_frames)
    assert not [f for f in frames(sheet) if f.name == "Events"]


def test_an_image_with_a_slide_of_its_own_is_on_the_sheet(
        theme: Theme, measurer: Measurer, tmp_path: Path) -> None:
    data = combined([
        {"title": "First", "image": MAP, "points": ["Beside the map"]},
        {"title": "Second", "columns": [{"title": "A", "points": ["a"]},
                                        {"title": "B", "points": ["b"]}],
         "image": {"path": MAP, "caption": "The second map"}},
        {"title": "Third", "image": MAP, "points": ["Only beside"]}])
    sheet, _ = build(data, theme, measurer, tmp_path)
    pictures = [s for s in sheet.shapes if isinstance(s, Picture)]
    # The first image leads the sheet, the second has its own slide: both shown; the third
    # sits beside points, so the sheet leaves it out and says so.
    assert len(pictures) == 2
    assert "The second map" in texts(sheet)
    assert sheet.omitted == ("image of 'Third'",)


def test_the_first_image_with_a_slide_of_its_own_leads_the_sheet_once(
        theme: Theme, measurer: Measurer, tmp_path: Path) -> None:
    # kind: image gives the picture a slide of its own; as the outline's first image it leads
    # the sheet, and its section keeps the points (the picture is not drawn a second time).
    data = combined([{"title": "Map", "kind": "image", "image": MAP, "points": ["Beside"]},
                     {"title": "Quote", "kind": "image", "quote": {"text": "Said"},
                      "image": {"path": MAP, "caption": "Again"}}])
    sheet, _ = build(data, theme, measurer, tmp_path)
    pictures = [s for s in sheet.shapes if isinstance(s, Picture)]
    assert len(pictures) == 2
    assert {"Beside", "“Said”", "Again"} <= set(texts(sheet))


def test_sections_alike_but_written_in_another_order_keep_their_own_order(
        tmp_path: Path, theme: Theme, measurer: Measurer) -> None:
    """Two sections with the same fields, their points and quote written in opposite orders:
    each shows its content in the order it was written (the fit search builds each section's
    block once, so two sections must never pass for one another)."""
    body = ("  - title: Same\n    points: [First point]\n    quote: A quoted line\n"
            "  - title: Same\n    quote: A quoted line\n    points: [First point]\n")
    path = tmp_path / "order.yaml"
    path.write_text(f"title: Order\nlang: en\nsections:\n{body}", "utf-8")
    sheet = layout_summary(load_outline(path), theme, measurer, Warnings())
    shown = [t for t in texts(sheet) if "First point" in t or "quoted" in t]
    assert len(shown) == 4
    assert "First point" in shown[0] and "quoted" in shown[1]
    assert "quoted" in shown[2] and "First point" in shown[3]


def _fresh(loaded: LoadedOutline, theme: Theme, measurer: Measurer) -> Sheet:
    """Return the sheet of ``loaded`` laid out with no block kept from an earlier layout."""
    KEPT_BLOCKS.clear()
    return layout_summary(loaded, theme, measurer, Warnings())


def _retitled(loaded: LoadedOutline, index: int, title: str) -> LoadedOutline:
    """Return ``loaded`` with section ``index`` renamed ``title``."""
    sections = list(loaded.outline.sections)
    sections[index] = sections[index].model_copy(update={"title": title})
    return LoadedOutline(loaded.outline.model_copy(update={"sections": sections}), loaded.path)


def test_a_later_layout_builds_again_only_the_sections_that_changed(
        theme: Theme, measurer: Measurer, monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks are kept across layouts in one process (watch): laying out the seed again
    builds no block but those of sections with an image, and after one section's title
    changes, that section's; the sheets are those of layouts with nothing kept."""
    loaded = load_outline(SEEDS["en"])
    built: list[str] = []
    for name in ("section_block", "wide_block"):
        original = getattr(compose, name)

        def counting(kit: Any, section: Any, width: float, original: Any = original) -> Any:
            built.append(section.title)
            return original(kit, section, width)
        monkeypatch.setattr(compose, name, counting)
    first = _fresh(loaded, theme, measurer)
    assert built  # the counting reached the builders
    pictured = {s.title for s in loaded.outline.sections if s.image is not None}
    built.clear()
    assert layout_summary(loaded, theme, measurer, Warnings()) == first
    assert set(built) <= pictured
    edited = _retitled(loaded, 3, "A title written again")
    built.clear()
    again = layout_summary(edited, theme, measurer, Warnings())
    assert set(built) - pictured == {"A title written again"}
    assert again == _fresh(edited, theme, measurer)


def test_blocks_kept_from_another_theme_font_or_language_are_not_used(
        theme: Theme, measurer: Measurer) -> None:
    """A kept block is known by the theme, the faces measured and the language too: after a
    layout with one, a layout with another equals one made with nothing kept."""
    loaded = load_outline(SEEDS["en"])
    accent = dataclasses.replace(theme, colors={**theme.colors,
                                                "text": Color.of("7A1F3D")})
    serif = Measurer(resolve_font("Liberation Serif", None), measurer.east_asian.font,
                     measurer.line_spacing, autospace=0.0)
    japanese = LoadedOutline(loaded.outline.model_copy(update={"lang": "ja"}), loaded.path)
    for other_theme, other_measurer, other in ((accent, measurer, loaded),
                                               (theme, serif, loaded),
                                               (theme, measurer, japanese)):
        _fresh(loaded, theme, measurer)
        kept = layout_summary(other, other_theme, other_measurer, Warnings())
        assert kept == _fresh(other, other_theme, other_measurer)


def test_a_picture_changed_under_the_same_path_is_laid_out_again(
        theme: Theme, measurer: Measurer, tmp_path: Path) -> None:
    """Sections with an image are not kept across layouts: the file may change between
    builds under the same name (the first image leads the sheet; the second is in the grid)."""
    from PIL import Image

    picture = tmp_path / "picture.png"
    Image.new("RGB", (400, 200), "navy").save(picture)
    Image.new("RGB", (300, 200), "gray").save(tmp_path / "lead.png")
    path = tmp_path / "outline.yaml"
    path.write_text("title: Pictures\nlang: en\nsections:\n"
                    "  - title: Intro\n    kind: image\n    image: {path: lead.png}\n"
                    "  - title: Map\n    kind: image\n    image: {path: picture.png, "
                    "caption: The map}\n    points: [A point beside it]\n", "utf-8")
    loaded = load_outline(path)
    _fresh(loaded, theme, measurer)
    Image.new("RGB", (200, 400), "darkred").save(picture)
    kept = layout_summary(loaded, theme, measurer, Warnings())
    assert kept == _fresh(loaded, theme, measurer)


def test_sections_cuts_trim_alike_are_one_object() -> None:
    from briefing.layout.summary.keep import cuts, select

    loaded = load_outline(Path(__file__).resolve().parents[2] / "outlines" / "nato-japan.yaml")
    every = list(cuts(loaded.outline))
    trimmed: dict[tuple[object, ...], Any] = {}
    contents = [select(loaded, cut, 8, trimmed) for cut in every]
    assert contents == [select(loaded, cut, 8) for cut in every]  # as trimmed without memo
    shared = [sum(1 for a in one.sections if any(a is b for b in other.sections))
              for one, other in itertools.pairwise(contents)]
    assert sum(shared) > len(contents)  # most neighbouring cuts share most sections


def crowded() -> dict[str, Any]:
    """Return an overlong outline with many takeaways and sources, so that the fit search
    also tries cuts that leave some of them out."""
    data = overlong(sections=30, points=8)
    data["summary"] = [f"Takeaway {n + 1} of this long briefing, which goes on " +
                       "and on about what the reader should keep in mind " * 40
                       for n in range(6)]
    data["sources"] = [{"title": f"Source {n + 1}", "url": f"https://example.org/{n}"}
                       for n in range(8)]
    return data


@pytest.mark.parametrize("outline", ["seed", "crowded"])
def test_rows_across_the_page_are_built_once_per_body_size(
        theme: Theme, measurer: Measurer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        outline: str) -> None:
    from briefing.layout.summary import compose as module

    if outline == "seed":
        loaded = load_outline(Path(__file__).resolve().parents[2] / "outlines" /
                              "nato-japan.yaml")
    else:
        loaded = LoadedOutline(Outline.model_validate(crowded()), tmp_path / "outline.yaml")
    built_for: list[float] = []
    real = module.header_block

    def header(kit: Any, *rest: Any) -> Any:
        built_for.append(kit.body)
        return real(kit, *rest)

    monkeypatch.setattr(module, "header_block", header)
    sheet = layout_summary(loaded, theme, measurer, Warnings())
    assert len(built_for) == len(set(built_for)) > 1
    monkeypatch.setattr(module.Blocks, "row", lambda self, kit, key, build: build())
    assert layout_summary(loaded, theme, measurer, Warnings()) == sheet  # rows made each time


@pytest.mark.parametrize(("items", "words"), [
    (["section 'A'", "section 'B'", "2 later points of 'C'", "1 later point of 'D'",
      "3 sub-points of 'C'", "event descriptions of 'E'"],
     "2 sections, 3 points, 3 sub-points and the event descriptions of 1 timeline"),
    (["4 events of 'History'", "image 'map.png'", "2 sources of the list of sources"],
     "4 timeline events, 1 image and 2 sources"),
    (["1 item of the bottom line"], "1 bottom-line item"),
    ([None, "something else"], "2 items"),
])
def test_what_is_left_out_is_summed_up_by_kind(items: list[str | None], words: str) -> None:
    assert omission_words(items) == words


def test_the_summed_up_words_count_every_point_the_sheet_leaves_out(
        theme: Theme, measurer: Measurer, tmp_path: Path) -> None:
    data = overlong(sections=9, points=8)
    sheet, _ = build(data, theme, measurer, tmp_path)
    shown = sum(1 for text in texts(sheet) if "with a few more words" in text)
    assert f"{9 * 8 - shown} points" in omission_words(sheet.omitted)


@pytest.mark.parametrize("text", ["「注文から翌日に届くようになった。」",
                                  "注文から翌日に届くようになった。"])
def test_a_quotation_is_set_in_one_pair_of_marks(theme: Theme, measurer: Measurer,
                                                 tmp_path: Path, text: str) -> None:
    data = {"title": "四半期報告", "lang": "ja",
            "sections": [{"title": "顧客の声", "quote": {"text": text, "by": "法人顧客"}}]}
    sheet, _ = build(data, theme, measurer, tmp_path)
    (shown,) = [t for t in texts(sheet) if "注文から" in t]
    assert shown == "「注文から翌日に届くようになった。」"


def test_a_point_marked_keep_keeps_its_section_on_the_page(theme: Theme, measurer: Measurer,
                                                           tmp_path: Path) -> None:
    # Sections are left out from the last; the nineteenth holds a point marked keep, so the
    # sections before it that hold nothing marked go first.
    data = overlong()
    data["sections"][18]["points"][0]["keep"] = True
    sheet, _ = build(data, theme, measurer, tmp_path)
    assert "section 'Section number 19'" not in sheet.omitted
    assert "Point 1 of section 19, with a few more words" in texts(sheet)
    assert "section 'Section number 16'" in sheet.omitted


@pytest.mark.parametrize("count", [0, 1, 2, 7, 20])
def test_the_first_fitting_index_is_found_whatever_the_hint(count: int) -> None:
    # Oracle: the threshold the predicate was built from (None when nothing fits); a hint
    # at the answer costs two trials at most.
    for threshold in range(count + 1):
        for hint in (None, -1, *range(count), count + 3):
            calls: list[int] = []

            def fits(index: int, threshold: int = threshold, calls: list[int] = calls) -> bool:
                calls.append(index)
                return index >= threshold

            expected = threshold if threshold < count else None
            assert search.first_fitting(count, fits, hint) == expected, (threshold, hint)
            if hint == threshold and expected is not None:
                assert len(calls) <= 2


def test_a_rebuild_searching_from_the_last_fit_lays_out_the_same_sheet(
        theme: Theme, measurer: Measurer, tmp_path: Path) -> None:
    # Oracle: the sheet of the edited outline laid out with no hint, as a new process does.
    data = overlong()
    build(data, theme, measurer, tmp_path)  # leaves its hint
    edited = dict(data, title="A shorter title")
    edited["sections"] = data["sections"][:-3]
    hinted, _ = build(edited, theme, measurer, tmp_path)
    search.FIT_HINTS.clear()
    KEPT_BLOCKS.clear()
    assert hinted == build(edited, theme, measurer, tmp_path)[0]
