"""Sizes a slide's rows share, the hierarchy of title and body, text continued before it
becomes small, and timelines: read from the slide XML of built decks, against values worked
out by hand."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import row_sizes
import yaml
from fontTools.ttLib import TTFont

from briefing.api import Options, build
from briefing.layout.frames import READABLE_BODY, TITLE_RATIO, _level
from briefing.layout.slides import EVENT_GAP, event_places
from briefing.text.fit import Item, Level, layout_items
from briefing.text.fonts import AUTOSPACE, BUNDLED_FAMILY, FontFile, Measurer, bundled_font_path
from briefing.theme.styles import LevelStyle

OUTLINES = Path(__file__).resolve().parents[1] / "outlines"
AREA_W = 864.0  # the built-in theme's content area: 960 pt less two 48 pt margins


def deck(tmp_path: Path, data: dict[str, object], name: str = "deck") -> list[
        list[row_sizes.ShapeText]]:
    """Return the slides of the deck built from outline ``data``."""
    outline = tmp_path / f"{name}.yaml"
    outline.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    build(outline, Options(out_dir=tmp_path, summary=False))
    return row_sizes.slides(tmp_path / f"{name}.pptx")


def built(tmp_path: Path, outline: Path) -> list[list[row_sizes.ShapeText]]:
    """Return the slides of the deck built from the file ``outline``."""
    build(outline, Options(out_dir=tmp_path, summary=False))
    return row_sizes.slides(tmp_path / f"{outline.name.removesuffix('.yaml')}.pptx")


def named(slide: list[row_sizes.ShapeText], name: str) -> list[row_sizes.ShapeText]:
    """Return the shapes of ``slide`` called ``name``."""
    return [shape for shape in slide if shape.name == name]


def bodies(slide: list[row_sizes.ShapeText]) -> list[row_sizes.ShapeText]:
    """Return the body placeholders of ``slide``."""
    return [shape for shape in slide if shape.placeholder in ("body", "obj")]


# --- one size per row ---------------------------------------------------------------------------

def em_width(text: str) -> float:
    """Return the width of ``text`` in em from the bundled font's advance widths, read with
    fontTools, plus LibreOffice's space where Japanese and other text meet."""
    font = TTFont(str(bundled_font_path()))
    cmap, metrics = font.getBestCmap(), font["hmtx"].metrics
    units = font["head"].unitsPerEm
    advances = sum(metrics[cmap[ord(char)]][0] for char in text) / units
    changes = sum(1 for a, b in itertools.pairwise(text)
                  if (ord(a) >= 0x3000) != (ord(b) >= 0x3000))
    return advances + AUTOSPACE * changes


def test_a_long_value_is_set_smaller_on_one_line_and_every_value_with_it(
        tmp_path: Path) -> None:
    values = ["1,234,567,890円", "3.14159%", "¥12,000", "45%"]
    slides = deck(tmp_path, {"title": "数字", "lang": "ja", "sections": [{
        "title": "主要な数字",
        "figures": [{"value": v, "label": "ラベル"} for v in values]}]})
    figures = next(s for s in slides if named(s, "Value"))
    # Four cards across 864 pt with 24 pt gaps are 198 pt wide; a value's box leaves 10 pt
    # each side (178 pt), of which 95 % is measured against (169.1 pt). 1,234,567,890円 is
    # 7.624 em (advances and one change of script), so 22 pt (167.7 pt) is the largest
    # whole size: 23 pt would be 175.4 pt. The build cut it at 31 pt instead.
    card = (AREA_W - 3 * 24) / 4
    width = (card - 20) * 0.95
    expected = int(width / em_width(values[0]))
    assert expected == 22
    shapes = named(figures, "Value")
    assert [s.paragraphs[0][2] for s in shapes] == values  # one line each, no break
    assert {size for s in shapes for size in s.sizes()} == {expected}


def test_key_figure_labels_share_one_size_on_the_seed(tmp_path: Path,
                                                      seed_outlines: dict[str, Path]) -> None:
    for lang, outline in seed_outlines.items():
        slides = built(tmp_path / lang, outline)
        figures = next(s for s in slides if named(s, "Label"))
        assert len({size for s in named(figures, "Label") for size in s.sizes()}) == 1, lang
        assert len({size for s in named(figures, "Value") for size in s.sizes()}) == 1, lang


def test_every_row_of_the_stress_decks_has_one_size(tmp_path: Path) -> None:
    for lang in ("ja", "en"):
        slides = built(tmp_path / lang, OUTLINES / f"rows.{lang}.yaml")
        mixed = [(number, row) for number, slide in enumerate(slides, start=1)
                 for row in row_sizes.mixed_rows(slide)]
        assert not mixed, (lang, mixed)


def test_comparison_heads_are_at_least_their_bullets(tmp_path: Path,
                                                      seed_outlines: dict[str, Path]) -> None:
    for outline in (*seed_outlines.values(), OUTLINES / "rows.ja.yaml",
                    OUTLINES / "rows.en.yaml"):
        slides = built(tmp_path / outline.stem, outline)
        slide = next(s for s in slides if named(s, "Header text"))
        heads = {size for s in named(slide, "Header text") for size in s.sizes()}
        bullets = {size for s in bodies(slide) for size in s.sizes(0)}
        assert len(heads) == 1 and len(bullets) == 1, (outline.name, heads, bullets)
        assert heads.pop() >= bullets.pop(), outline.name


# --- hierarchy ----------------------------------------------------------------------------------

def test_body_text_is_set_for_the_title_over_it(tmp_path: Path) -> None:
    # The built-in title is 30 pt: body text at most 30 / 1.2 = 25 pt, though its
    # placeholder's own size is 28 pt and two short points would fit at 28.
    slides = deck(tmp_path, {"title": "T", "sections": [
        {"title": "Short", "points": ["One", "Two"]}]})
    slide = next(s for s in slides if bodies(s))
    assert row_sizes.title_size(slide) == 30
    assert {size for s in bodies(slide) for size in s.sizes(0)} == {25}


def test_every_slide_title_is_at_least_its_body_times_the_ratio(
        tmp_path: Path, seed_outlines: dict[str, Path]) -> None:
    for outline in (*seed_outlines.values(), OUTLINES / "rows.ja.yaml",
                    OUTLINES / "rows.en.yaml"):
        for number, slide in enumerate(built(tmp_path / outline.stem, outline), start=1):
            title, body = row_sizes.title_size(slide), row_sizes.body_sizes(slide)
            if title is None or not body:
                continue
            assert title >= TITLE_RATIO * max(body) - 1e-6, (outline.name, number, title,
                                                              sorted(body))


# --- continue before small ----------------------------------------------------------------------

def test_long_points_continue_at_a_readable_size_shared_evenly(tmp_path: Path) -> None:
    slides = built(tmp_path, OUTLINES / "rows.ja.yaml")
    section = [s for s in slides if any(shape.placeholder == "title"
                                        and shape.paragraphs[0][2].startswith("現状の整理")
                                        for shape in s)]
    # Eleven points of two lines each: one slide would need 14 pt, two slides 18 pt (six
    # points on one), both below the readable 20 pt; three slides hold 4, 4 and 3 at 25 pt,
    # the most the 30 pt title allows.
    counts = [sum(len(s.paragraphs) for s in bodies(slide)) for slide in section]
    assert counts == [4, 4, 3]
    sizes = {size for slide in section for s in bodies(slide) for size in s.sizes(0)}
    assert sizes == {25}
    assert min(sizes) >= READABLE_BODY


def test_a_section_that_fits_at_a_readable_size_is_not_continued(tmp_path: Path) -> None:
    points = [f"Point {n} with a few more words to read" for n in range(6)]
    slides = deck(tmp_path, {"title": "T", "sections": [{"title": "Six", "points": points}]})
    assert sum(1 for s in slides if bodies(s)) == 1


# --- timelines ----------------------------------------------------------------------------------

def test_event_places_evenly_and_by_date() -> None:
    # Three events on 864 pt: texts alternate, so each may be (2 x 864 - 2 x 16) / 4 = 424,
    # capped at 250 pt; centres run from 125 to 864 - 125 = 739 pt, evenly: 125, 432, 739.
    centres, width = event_places(3, AREA_W)
    assert width == 250
    assert centres == pytest.approx([125, 432, 739])
    # By date (2020, 2021, 2030 are mid-years: 0, 0.1, 1 of the run of 614 pt). The second
    # sits 61.4 pt from the first, on the other side of the axis: it stays at its date, as
    # do the others (the texts above are 614 pt apart, more than 250 + 16).
    centres, _ = event_places(3, AREA_W, ["2020", "2021", "2030"])
    assert centres == pytest.approx([125, 186.4, 739])


def test_a_text_below_stays_at_its_date_when_the_texts_above_move() -> None:
    # 1991 to 2023 by mid-years: 0, 11/32, 26/32, 31/32 and 1 of the 614 pt run. Above the
    # axis 2017 and 2023 need 266 pt (0.433 of the run) between them: 2017 moves back to
    # 1 - 0.433. Below, 2002 and 2022 are 0.625 apart: both stay at their dates, so 2022's
    # text is not pushed under 2017's dot.
    centres, _ = event_places(5, AREA_W, ["1991", "2002", "2017", "2022", "2023"])
    run = AREA_W - 250
    assert centres == pytest.approx([125, 125 + 11 / 32 * run, 125 + (1 - 266 / run) * run,
                                     125 + 31 / 32 * run, 125 + run])


def test_texts_on_one_side_never_overlap_for_any_count() -> None:
    dates = ["2011", "2012", "2012年3月", "2016", "2018", "2020", "2021", "2030"]
    for count in range(2, 9):
        for chosen in (None, dates[:count]):
            centres, width = event_places(count, AREA_W, chosen)
            assert all(b - a >= width + EVENT_GAP - 1e-6
                       for a, b in zip(centres, centres[2:], strict=False)), (count, chosen)
            assert centres[0] - width / 2 >= -1e-6 and centres[-1] + width / 2 <= AREA_W + 1e-6


@pytest.mark.parametrize("count", [2, 3, 4, 5, 8])
def test_events_alternate_above_and_below_the_axis(tmp_path: Path, count: int) -> None:
    events = [{"date": str(2000 + n), "title": f"Event {n}"} for n in range(count)]
    slides = deck(tmp_path, {"title": "T", "sections": [{"title": "Line", "events": events}]})
    slide = next(s for s in slides if named(s, "Date"))
    # Dates above the axis sit at one height, those below at another, lower one.
    tops = [s.top or 0.0 for s in named(slide, "Date")]
    assert len({round(top) for top in tops}) == 2, tops
    assert [top < min(tops) + 1 for top in tops] == [n % 2 == 0 for n in range(count)], tops


def test_scale_time_sorts_events_by_date(tmp_path: Path) -> None:
    events = [{"date": d, "title": t} for d, t in
              (("2030", "Target"), ("2020", "Start"), ("May 2021", "Plan"))]
    slides = deck(tmp_path, {"title": "T", "sections": [
        {"title": "Line", "scale": "time", "events": events}]})
    slide = next(s for s in slides if named(s, "Date"))
    assert [s.paragraphs[0][2] for s in named(slide, "Date")] == ["2020", "May 2021", "2030"]


# --- letter spacing -----------------------------------------------------------------------------

def test_a_placeholder_level_carries_its_letter_spacing() -> None:
    font = FontFile(BUNDLED_FAMILY, bundled_font_path())
    measurer = Measurer(font, font)
    level = _level(LevelStyle(size=20.0, letter_spacing=1.5), 20.0, measurer)
    assert level.tracking == 1.5
    # "abcdefghij abcdefghij" is 10.046 em (fontTools advances): 200.9 pt at 20 pt, within
    # 95 % of 240 pt (228 pt) on one line; its 21 characters tracked by 1.5 pt gain 31.5 pt,
    # 232.4 pt: two lines.
    text = "abcdefghij abcdefghij"
    assert em_width(text) * 20 < 228 < em_width(text) * 20 + 21 * 1.5
    untracked = layout_items(measurer, [Item(text, 0, False)], 20, 240, [Level()])
    tracked = layout_items(measurer, [Item(text, 0, False)], 20, 240, [level])
    assert len(untracked.items[0].lines) == 1
    assert len(tracked.items[0].lines) == 2


def test_event_titles_break_between_phrases_never_inside_a_word(tmp_path: Path) -> None:
    # Eight events: texts alternate, each (2 x 864 - 7 x 16) / 9 = 179.6 pt wide (170.6 pt
    # measured against). カーボンニュートラル宣言 is 12 em: whole on one line from 14 pt
    # down (14 x 12 = 168), so the row is set at 14 pt at most rather than cut it
    # (the build cut カーボンニュートラル宣 / 言 and 基本方 / 針).
    titles = ["カーボンニュートラル宣言", "エネルギー基本方針", "固定価格買取制度", "発送電分離",
              "小売全面自由化", "グリーントランスフォーメーション", "中間目標", "長期目標"]
    events = [{"date": f"{2010 + 2 * n}年", "title": t} for n, t in enumerate(titles)]
    slides = deck(tmp_path, {"title": "年表", "lang": "ja", "sections": [
        {"title": "歩み", "events": events}]})
    slide = next(s for s in slides if named(s, "Event"))
    width = (2 * AREA_W - 7 * EVENT_GAP) / 9 * 0.95
    assert 14 * em_width(titles[0]) <= width < 15 * em_width(titles[0])
    shapes = named(slide, "Event")
    sizes = {size for s in shapes for size in s.sizes(0)}
    assert len(sizes) == 1 and sizes.pop() <= 14
    words = ("カーボンニュートラル", "グリーントランスフォーメーション", "方針", "宣言")
    for shape, title in zip(shapes, titles, strict=True):
        lines = shape.paragraphs[0][2].split("\n")
        assert "".join(lines) == title
        breaks = list(itertools.accumulate(len(line) for line in lines[:-1]))
        spans = [(title.find(w), title.find(w) + len(w)) for w in words if w in title]
        assert not [b for b in breaks for a, z in spans if a < b < z], lines
    assert shapes[0].paragraphs[0][2] == titles[0]


def test_the_readable_minimum_scales_with_a_template_slide(tmp_path: Path) -> None:
    # Penguin8885's template is 4:3, 720 pt wide: the readable minimum is 20 x 720 / 960
    # = 15 pt, so eleven long points continue rather than shrink below it.
    template = Path(__file__).resolve().parents[3] / "shared" / "templates-wild" / \
        "Penguin8885__PP_template.pptx"
    build(OUTLINES / "rows.en.yaml", Options(out_dir=tmp_path, summary=False,
                                             template=template))
    slides = row_sizes.slides(tmp_path / "rows.en.pptx")
    section = [s for s in slides if any(
        shape.placeholder == "title" and shape.paragraphs[0][2].startswith("Where Things")
        for shape in s)]
    sizes = {size for slide in section for s in bodies(slide) for size in s.sizes(0)}
    assert len(section) >= 2 and sizes and min(sizes) >= 15


def footer_template(path: Path, spacing: int | None) -> Path:
    """Write python-pptx's default deck as a template whose footer placeholder sets letter
    spacing ``spacing`` (``spc``, hundredths of a point), none when None."""
    from pptx import Presentation

    Presentation().save(str(path))
    if spacing is None:
        return path
    import zipfile

    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    master = "ppt/slideMasters/slideMaster1.xml"
    xml = parts[master].decode()
    footer = xml.index('type="ftr"')
    at = xml.index('<a:defRPr sz="1200"', footer)
    parts[master] = (xml[:at] + f'<a:defRPr spc="{spacing}" sz="1200"'
                     + xml[at + len('<a:defRPr sz="1200"'):]).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return path


def footer_text(folder: Path) -> str:
    """Return the footer placeholder's text on the first content slide of the deck."""
    slides = row_sizes.slides(folder / "deck.pptx")
    return next(shape.paragraphs[0][2] for slide in slides for shape in slide
                if shape.placeholder == "ftr")


def test_a_footer_is_measured_with_its_letter_spacing(tmp_path: Path) -> None:
    # The default template's footer is 228 pt wide less 7.2 pt insets each side: 202.9 pt
    # measured against (95 %). "Policy Research Department" (26 characters) at 12 pt is at
    # most 26 x 0.6 em x 12 = 187 pt: it fits. Spaced 10 pt after each character it gains
    # 260 pt, more than the box at any size: it is shortened, with a warning.
    data = {"title": "T", "organization": "Policy Research Department",
            "sections": [{"title": "S", "points": ["p"]}]}
    texts = {}
    for spacing in (None, 1000):
        folder = tmp_path / str(spacing)
        folder.mkdir()
        outline = folder / "deck.yaml"
        outline.write_text(yaml.safe_dump(data), encoding="utf-8")
        build(outline, Options(out_dir=folder, summary=False,
                               template=footer_template(folder / "t.pptx", spacing)))
        texts[spacing] = footer_text(folder)
    assert texts[None] == "Policy Research Department"
    assert texts[1000].endswith("…") and len(texts[1000]) < 26


def test_comparison_columns_continue_rather_than_shrink_below_readable(
        tmp_path: Path, seed_outlines: dict[str, Path]) -> None:
    # The English seed's columns hold four points of two or three lines each: one slide
    # would need 18 pt, below the readable 20 pt, so the comparison continues on a second
    # slide, both heads on each, every point once, all at one size of 20 pt or more.
    slides = built(tmp_path, seed_outlines["en"])
    pages = [s for s in slides if named(s, "Header text")]
    assert len(pages) == 2
    assert all(len(named(page, "Header text")) == 2 for page in pages)
    points = [p[2] for page in pages for s in bodies(page) for p in s.paragraphs]
    assert len(points) == len(set(points)) == 8
    sizes = {size for page in pages for s in bodies(page) for size in s.sizes(0)}
    assert len(sizes) == 1 and sizes.pop() >= READABLE_BODY


def test_scale_time_puts_each_dot_at_its_date_and_leads_moved_labels_to_it(
        tmp_path: Path) -> None:
    import datetime as dt

    from pptx import Presentation

    days = ["2026-09-01", "2026-11-15", "2027-01-20", "2027-02-10", "2027-03-03",
            "2027-06-30"]
    events = [{"date": day, "title": f"Step {n}"} for n, day in enumerate(days)]
    deck(tmp_path, {"title": "T", "sections": [
        {"title": "Line", "scale": "time", "events": events}]})
    slide = next(s for s in Presentation(str(tmp_path / "deck.pptx")).slides
                 if any(shape.name == "Dot" for shape in s.shapes))
    dots = [(s.left + s.width / 2) / 12700 for s in slide.shapes if s.name == "Dot"]
    # the dots' gaps follow the days between the dates (counted here with datetime), though
    # six labels of 235 pt must sit evenly
    when = [dt.date.fromisoformat(day).toordinal() for day in days]
    shares = [(w - when[0]) / (when[-1] - when[0]) for w in when]
    assert [(x - dots[0]) / (dots[-1] - dots[0]) for x in dots] == pytest.approx(shares,
                                                                                abs=0.01)
    leaders = [s for s in slide.shapes if s.name == "Leader"]
    assert leaders
    for leader in leaders:
        ends = (leader.begin_x / 12700, leader.end_x / 12700)
        assert any(min(abs(end - dot) for dot in dots) < 0.5 for end in ends)


def test_dots_of_days_in_a_row_do_not_overlap(tmp_path: Path) -> None:
    from pptx import Presentation

    days = ["2027-02-01", "2027-02-02", "2027-02-03", "2027-02-04", "2027-03-15"]
    events = [{"date": day, "title": f"Step {n}"} for n, day in enumerate(days)]
    deck(tmp_path, {"title": "T", "sections": [
        {"title": "Line", "scale": "time", "events": events}]})
    slide = next(s for s in Presentation(str(tmp_path / "deck.pptx")).slides
                 if any(shape.name == "Dot" for shape in s.shapes))
    dots = sorted((s.left / 12700, (s.left + s.width) / 12700) for s in slide.shapes
                  if s.name == "Dot")
    assert all(b[0] >= a[1] + 3.9 for a, b in itertools.pairwise(dots)), dots


def test_a_figure_value_is_set_smaller_before_it_takes_a_second_line(tmp_path: Path) -> None:
    from pptx import Presentation

    figures = [{"value": "4時間12分", "label": "障害の継続時間"},
               {"value": "38%", "label": "エラー率"}, {"value": "182,000件", "label": "取引"},
               {"value": "約2.1億円", "label": "機会損失"}]
    outline = tmp_path / "deck.yaml"
    outline.write_text(yaml.safe_dump({"title": "T", "lang": "ja", "sections": [
        {"title": "数字", "figures": figures}]}, allow_unicode=True), encoding="utf-8")
    report = build(outline, Options(out_dir=tmp_path, summary=False))
    slide = next(s for s in Presentation(str(tmp_path / "deck.pptx")).slides
                 if any(shape.name == "Value" for shape in s.shapes))
    values = [shape.text_frame.text for shape in slide.shapes if shape.name == "Value"]
    # each value whole on one line (a line break is written as a vertical tab by python-pptx)
    assert values == ["4時間12分", "38%", "182,000件", "約2.1億円"]
    # set below the figure values' smallest size, but not below the labels', which is allowed
    assert not [w for w in report.warnings if w.must_fix]


def test_a_shortened_footer_keeps_its_classification_whole(tmp_path: Path) -> None:
    # The default template's footer holds 202.9 pt (as above). "Directorate for Strategic
    # Planning and Long-Range Assessment · CONFIDENTIAL" is some 62 characters, over 300 pt at
    # 12 pt and at three quarters of it: it is shortened, before the classification.
    data = {"title": "T", "organization": "Directorate for Strategic Planning and Long-Range "
            "Assessment", "classification": "CONFIDENTIAL",
            "sections": [{"title": "S", "points": ["p"]}]}
    outline = tmp_path / "deck.yaml"
    outline.write_text(yaml.safe_dump(data), encoding="utf-8")
    build(outline, Options(out_dir=tmp_path, summary=False,
                           template=footer_template(tmp_path / "t.pptx", None)))
    text = footer_text(tmp_path)
    assert text.endswith("… · CONFIDENTIAL"), text
    assert text.startswith("Directorate for")


class _Counting:
    """A measurer whose every character is one point wide at any size."""

    def width(self, text: str, size: float) -> float:
        return float(len(text))


@pytest.mark.parametrize(("text", "room", "expected"), [
    # 26 characters in 20 points: cut to 19 and an ellipsis
    ("Policy Research Department", 20, "Policy Research Dep…"),
    # " · CONFIDENTIAL" is 15 characters: 4 of the organisation and an ellipsis fit 20
    ("Strategy Office · CONFIDENTIAL", 20, "Stra… · CONFIDENTIAL"),
    # room for the marking alone, not for one character before it with its ellipsis
    ("Strategy Office · CONFIDENTIAL", 16, "CONFIDENTIAL"),
    # not even the marking fits: it is cut itself
    ("Strategy Office · CONFIDENTIAL", 8, "CONFIDE…"),
])
def test_a_footer_is_shortened_before_its_classification(text: str, room: float,
                                                         expected: str) -> None:
    from briefing.layout.furniture import _shortened

    shortened = _shortened(_Counting(), text, "CONFIDENTIAL", 12.0, room)  # type: ignore[arg-type]
    assert shortened == expected and len(shortened) <= room
