"""One-pager text on the stress outlines: paragraph ends, whole numbers and words, bullets on
the deck's levels, and a timeline placed by date."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from briefing.layout.boxes import Rect, TextFrame
from briefing.layout.sheet import Sheet
from briefing.layout.summary import layout_summary
from briefing.layout.summary.timeline import event_places
from briefing.outline.model import Section
from briefing.outline.validate import load_outline
from briefing.report import Warnings
from briefing.text.fonts import Measurer, resolve_font
from briefing.theme.tokens import Theme, load_theme

ROOT = Path(__file__).resolve().parents[2]
STRESS = {lang: ROOT / "tests" / "outlines" / f"stress.{lang}.yaml" for lang in ("ja", "en")}
# Numbers as written in the stress outlines: separators, decimals, ranges, units.
NUMBERS = ["1,234,567,890円", "3.14159%", "1,234,567,890", "2〜3ポイント"]
HEADINGS = {"Title", "Section title", "Event", "Column title"}
KATAKANA = ["インターオペラビリティ", "サイバーセキュリティ", "アーティフィシャルインテリジェンス",
            "クアンタムコンピューティング"]


@pytest.fixture(scope="module")
def theme() -> Theme:
    """Return the default theme."""
    return load_theme("default")


@pytest.fixture(scope="module")
def sheets(theme: Theme) -> dict[tuple[str, bool], Sheet]:
    """Return the stress sheets by (language, landscape)."""
    fonts = (resolve_font(theme.fonts.latin, theme.fonts.latin_file),
             resolve_font(theme.fonts.east_asian, theme.fonts.east_asian_file))
    measurer = Measurer(*fonts, theme.line_spacing)
    return {(lang, landscape): layout_summary(load_outline(path), theme, measurer, Warnings(),
                                              landscape=landscape)
            for lang, path in STRESS.items() for landscape in (False, True)}


def paragraphs(sheet: Sheet) -> list[tuple[str, tuple[str, ...]]]:
    """Return (frame name, lines) of every paragraph of ``sheet``."""
    return [(shape.name, p.lines) for shape in sheet.shapes if isinstance(shape, TextFrame)
            for p in shape.paragraphs]


@pytest.mark.parametrize("landscape", [False, True])
def test_no_japanese_paragraph_ends_on_two_characters_or_fewer(
        sheets: dict[tuple[str, bool], Sheet], landscape: bool) -> None:
    # Running text; headings (section and event titles) break between phrases, balanced.
    found = [(name, lines) for name, lines in paragraphs(sheets["ja", landscape])
             if name not in HEADINGS]
    several = [(name, lines) for name, lines in found if len(lines) > 1]
    assert len(several) >= 8  # the check has paragraphs to look at
    stubs = [(name, lines) for name, lines in several if len(lines[-1].strip()) <= 2]
    assert not stubs


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("landscape", [False, True])
def test_numbers_and_katakana_words_stay_on_one_line(sheets: dict[tuple[str, bool], Sheet],
                                                     lang: str, landscape: bool) -> None:
    found = paragraphs(sheets[lang, landscape])
    whole = [w for w in (NUMBERS + KATAKANA)
             if any(w in "".join(lines) for _, lines in found)]
    assert len(whole) >= 2
    for word in whole:
        for _, lines in found:
            if word in "".join(lines):
                assert any(word in line for line in lines), (word, lines)


@pytest.mark.parametrize("landscape", [False, True])
def test_english_words_are_never_cut(sheets: dict[tuple[str, bool], Sheet],
                                     landscape: bool) -> None:
    for name, lines in paragraphs(sheets["en", landscape]):
        text = " ".join(line.strip() for line in lines)
        words = set(text.split())
        for line in lines:
            for token in line.split():
                assert token in words or re.fullmatch(r"\W+", token), (name, line)
        assert "".join(text.split()) == "".join("".join(lines).split())


def test_bullets_are_the_decks_characters_at_the_decks_indents(
        sheets: dict[tuple[str, bool], Sheet]) -> None:
    points = [p for shape in sheets["ja", False].shapes if isinstance(shape, TextFrame)
              and shape.name == "Points" for p in shape.paragraphs]
    top = next(p for p in points if p.level == 0)
    sub = next(p for p in points if p.level == 1)
    base = top.size
    assert (top.bullet, sub.bullet) == ("•", "–")
    # the deck's levels: text 1.1 em in; sub-points 0.85 the size, 1.1 x 0.85 + 1.2 em in
    # (ems of the body size, which a paragraph's size rounds to 0.1 pt: 9.75 is set at 9.8)
    rounding = 0.05 * 2.2
    assert top.indent == pytest.approx(1.1 * base, abs=rounding)
    assert sub.size == pytest.approx(round(0.85 * base, 1), abs=0.1)
    assert sub.indent == pytest.approx((1.1 * 0.85 + 1.2) * base, abs=rounding)
    assert top.bullet_run is not None and sub.bullet_run is not None
    assert top.bullet_run.x == pytest.approx(0.0)
    assert sub.bullet_run.x == pytest.approx(sub.indent - 1.1 * sub.size)


def test_time_scale_places_events_by_date_hand_worked() -> None:
    section = Section.model_validate({"title": "T", "scale": "time", "events": [
        {"date": "2000", "title": "a"}, {"date": "2001", "title": "b"},
        {"date": "2010", "title": "c"}]})
    dots, labels, cell = event_places(section, 523.28)
    # years at their middles: 2000.5, 2001.5, 2010.5 -> 0, 0.1, 1 of the axis less the dot
    assert dots == pytest.approx([0.0, 0.1 * 517.28, 517.28])
    # labels 0.7 of an even cell ((523.28 - 2 x 10) / 3 = 167.76): 117.432, wanted at their
    # dots but no further right than 523.28 - 117.432 = 405.848, starts at least
    # 117.432 + 10 = 127.432 apart: the second is pushed from 51.728 to 127.432
    assert cell == pytest.approx(117.432)
    assert labels == pytest.approx([0.0, 127.432, 405.848], abs=0.01)
    assert all(b - a >= cell + 10 - 1e-6 for a, b in itertools.pairwise(labels))


def test_time_scale_labels_start_at_their_dots_when_there_is_room() -> None:
    section = Section.model_validate({"title": "T", "scale": "time", "events": [
        {"date": "2000", "title": "a"}, {"date": "2005", "title": "b"},
        {"date": "2010", "title": "c"}]})
    dots, labels, _ = event_places(section, 523.28)
    # 2005.5 is half way: 0.5 x 517.28 = 258.64; the last label stops at 405.848
    assert dots == pytest.approx([0.0, 258.64, 517.28])
    assert labels == pytest.approx([0.0, 258.64, 405.848])


def strip(theme: Theme, dates: list[str], width: float) -> list[object]:
    """Return the shapes of a time-scaled strip of events at ``dates``, ``width`` wide."""
    from briefing.layout.summary.kit import Kit
    from briefing.layout.summary.timeline import strip_block

    fonts = (resolve_font(theme.fonts.latin, theme.fonts.latin_file),
             resolve_font(theme.fonts.east_asian, theme.fonts.east_asian_file))
    kit = Kit(Measurer(*fonts, theme.line_spacing), theme, "en", 10.0)
    section = Section.model_validate({"title": "T", "scale": "time", "events": [
        {"date": date, "title": f"Event {date}"} for date in dates]})
    return list(strip_block(kit, section, width).shapes)


def test_a_label_near_the_strips_end_ends_at_its_dot(theme: Theme) -> None:
    shapes = strip(theme, ["2000", "2005", "2010"], 523.28)
    dots = [s for s in shapes if isinstance(s, Rect) and s.name == "Event"]
    dates = [s for s in shapes if isinstance(s, TextFrame) and s.name == "Event date"]
    # the last dot ends the strip (517.28 + 6); a label 117.432 wide cannot start there, so
    # it ends there, its text set flush right; the others start at their dots, flush left
    assert [d.paragraphs[0].align for d in dates] == ["l", "l", "r"]
    assert dates[-1].box.right == pytest.approx(dots[-1].box.right)
    assert [d.box.x for d in dates[:2]] == pytest.approx([dots[0].box.x, dots[1].box.x])
    assert not [s for s in shapes if getattr(s, "name", "") == "Event leader"]


def test_a_moved_label_is_joined_to_its_dot_by_a_leader_that_rises_to_its_date(
        theme: Theme) -> None:
    # 2000 and 2001 are a tenth of the axis apart: the second label moves right
    shapes = strip(theme, ["2000", "2001", "2010"], 523.28)
    dots = [s for s in shapes if isinstance(s, Rect) and s.name == "Event"]
    dates = [s for s in shapes if isinstance(s, TextFrame) and s.name == "Event date"]
    (leader,) = [s for s in shapes if getattr(s, "name", "") == "Event leader"]
    low, high = sorted([(leader.y1, leader.x1), (leader.y2, leader.x2)], reverse=True)
    dot = dots[1].box
    assert low[1] == pytest.approx(dot.x + dot.w / 2)  # from the middle of the second dot
    assert dot.y <= low[0] <= dot.y + dot.h
    label = dates[1].box
    assert label.x <= high[1] <= label.right  # to the second date, just under it
    assert label.bottom <= high[0] <= label.bottom + 2.0
    assert low[0] - high[0] >= 8.0  # it rises: it does not lie along the axis


def test_even_scale_keeps_even_cells() -> None:
    section = Section.model_validate({"title": "T", "events": [
        {"date": "2000", "title": "a"}, {"date": "2001", "title": "b"},
        {"date": "2010", "title": "c"}]})
    dots, labels, cell = event_places(section, 320.0)
    assert cell == pytest.approx(100.0)
    assert dots == labels == pytest.approx([0.0, 110.0, 220.0])


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_time_scale_labels_never_overlap_on_the_sheet(sheets: dict[tuple[str, bool], Sheet],
                                                      lang: str) -> None:
    for landscape in (False, True):
        dates = sorted((s.box.x, s.box.right) for s in sheets[lang, landscape].shapes
                       if isinstance(s, TextFrame) and s.name == "Event date")
        assert len(dates) == 5
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(dates))
        dots = [s.box.x for s in sheets[lang, landscape].shapes
                if getattr(s, "name", "") == "Event"]
        # 1949, 1952, 1995 (1990s), 2014, 2023: the gaps between dots follow the dates
        gaps = [b - a for a, b in itertools.pairwise(dots)]
        assert gaps[2] > gaps[1] > gaps[0]


def test_a_paragraph_whose_phrases_end_on_two_characters_is_rewrapped(theme: Theme) -> None:
    from briefing.layout.summary.kit import Kit
    from briefing.layout.summary.text import lines_of

    fonts = (resolve_font(theme.fonts.latin, theme.fonts.latin_file),
             resolve_font(theme.fonts.east_asian, theme.fonts.east_asian_file))
    kit = Kit(Measurer(*fonts, 1.0, autospace=0.0), theme, "ja", 9.0)
    # At 60 pt, phrase by phrase, this ends on 合意 alone (seen with the wrapper's own widow
    # pass, which keeps the line count); the last phrase must have company.
    text = "日本とNATOは相互の信頼を深めるため定期的な協議を重ねて合意"
    lines = lines_of(kit, text, 9.0, 60.0)
    assert "".join(lines) == text
    assert len(lines[-1]) > 2 and lines[-1].endswith("合意")


def test_one_pager_dots_of_days_in_a_row_do_not_overlap(theme: Theme) -> None:
    shapes = strip(theme, ["2027-02-01", "2027-02-02", "2027-02-03", "2027-12-31"], 523.28)
    dots = sorted((s.box for s in shapes if isinstance(s, Rect) and s.name == "Event"),
                  key=lambda box: box.x)
    assert all(b.x >= a.right + 1.99 for a, b in itertools.pairwise(dots)), dots
