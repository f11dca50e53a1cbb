"""Validation of outlines: every problem at once, each as path:line:col: field: message."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from briefing.errors import OutlineError
from briefing.outline.load import parse, read_text
from briefing.outline.problems import model_problems
from briefing.outline.validate import LoadedOutline, load_outline

BULLETS = "sections:\n  - title: A\n    points: [one]\n"


def write(folder: Path, text: str, name: str = "outline.yaml") -> Path:
    """Return the path of a UTF-8 file ``name`` in ``folder`` holding ``text``."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    """Return the problem lines load_outline reports for ``path``."""
    with pytest.raises(OutlineError) as caught:
        load_outline(path)
    lines = caught.value.format_message().splitlines()
    assert [str(problem) for problem in caught.value.problems] == lines
    return lines


def test_every_problem_is_reported_at_once_in_file_order(tmp_path: Path) -> None:
    path = write(tmp_path, (
        "title: Briefing\n"                             # 1
        "subtitel: A typo\n"                            # 2
        "lang: fr\n"                                    # 3
        "date: 2026-13-01\n"                            # 4
        "summary: just one line\n"                      # 5
        "sections:\n"                                   # 6
        "  - title: Background\n"                       # 7
        "    pointz: [a]\n"                             # 8
        "  - title: Options\n"                          # 9
        "    columns:\n"                                # 10
        "      - {title: Left, points: [a]}\n"          # 11
        "  - title: Milestones\n"                       # 12
        "    kind: timeline\n"                          # 13
        "  - title: Details\n"                          # 14
        "    points:\n"                                 # 15
        "      - text: [not, text]\n"                   # 16
        "      - {text: fine, keep: maybe}\n"           # 17
        "  - points: [a title is missing]\n"            # 18
        "  - title: \"\"\n"                             # 19
        "    points: [a]\n"                             # 20
        "sources:\n"                                    # 21
        "  - {title: Book, url: [1]}\n"                 # 22
        "  - {titel: Paper}\n"                          # 23
    ))
    p = str(path)
    assert problems(path) == [
        f"{p}:2:1: (top level): unknown key 'subtitel'; did you mean 'subtitle'?",
        f"{p}:3:7: lang: 'fr' is not allowed; use 'ja' or 'en'",
        f"{p}:4:7: date: '2026-13-01' has no month 13: months run from 01 to 12",
        f"{p}:5:10: summary: expected a list (lines starting with -), found text",
        f"{p}:8:5: sections[0]: unknown key 'pointz'; did you mean 'points'?",
        f"{p}:9:5: sections[1]: a comparison has exactly two columns",
        f"{p}:12:5: sections[2]: a timeline section needs 'events'",
        f"{p}:16:15: sections[3].points[0].text: expected text, found a list "
        "(lines starting with -)",
        f"{p}:17:28: sections[3].points[1].keep: 'maybe' is not true or false",
        f"{p}:18:5: sections[4].title: 'title' is required",
        f"{p}:19:12: sections[5].title: must not be empty",
        f"{p}:22:24: sources[0].url: expected text, found a list (lines starting with -)",
        # the key misspelt: "did you mean 'title'?" says that 'title' is missing
        f"{p}:23:6: sources[1]: unknown key 'titel'; did you mean 'title'?",
    ]


def test_missing_title(tmp_path: Path) -> None:
    path = write(tmp_path, "subtitle: No title\n" + BULLETS)
    assert problems(path) == [f"{path}:1:1: title: 'title' is required"]


@pytest.mark.parametrize("value", ['""', "' '", ""])
def test_empty_title(tmp_path: Path, value: str) -> None:
    path = write(tmp_path, f"title: {value}\n" + BULLETS)
    expected = "expected text, found nothing" if not value else "must not be empty"
    assert problems(path) == [f"{path}:1:{8 if value else 7}: title: {expected}"]


# Unknown keys.


def test_unknown_keys_suggest_the_closest_key_at_every_level(tmp_path: Path) -> None:
    path = write(tmp_path, (
        "title: T\n"
        "sections:\n"
        "  - title: A\n"
        "    imgae: a.png\n"
        "    points:\n"
        "      - {txt: one}\n"
        "  - title: B\n"
        "    events:\n"
        "      - {date: '1949', title: Founded, txet: More}\n"
        "  - title: C\n"
        "    columns:\n"
        "      - {title: L, points: [{text: a, kep: true}]}\n"
        "      - {title: R, points: [b]}\n"
        "  - title: D\n"
        "    quote: {text: Hi, bye: Me}\n"
        "    image: {path: a.png, captoin: x}\n"
    ))
    p = str(path)
    assert problems(path) == [
        f"{p}:4:5: sections[0]: unknown key 'imgae'; did you mean 'image'?",
        f"{p}:6:10: sections[0].points[0]: unknown key 'txt'; did you mean 'text'?",
        f"{p}:9:40: sections[1].events[0]: unknown key 'txet'; did you mean 'text'?",
        f"{p}:12:39: sections[2].columns[0].points[0]: unknown key 'kep'; did you mean 'keep'?",
        f"{p}:15:23: sections[3].quote: unknown key 'bye'; did you mean 'by'?",
        f"{p}:16:19: sections[3].image: image 'a.png' was not found: looked for "
        f"{path.parent / 'a.png'} (paths are relative to the outline file)",
        f"{p}:16:26: sections[3].image: unknown key 'captoin'; did you mean 'caption'?",
    ]


def test_unknown_key_without_a_close_match_lists_the_allowed_keys(tmp_path: Path) -> None:
    path = write(tmp_path, "title: T\nsources:\n  - {title: S, zzz: 1}\n" + BULLETS)
    assert problems(path) == [
        f"{path}:3:16: sources[0]: unknown key 'zzz'; "
        "allowed keys: date, note, publisher, title, url"]


# Wrong types.


def test_wrong_types_at_several_levels(tmp_path: Path) -> None:
    path = write(tmp_path, (
        "title: [a, list]\n"
        "summary: {a: b}\n"
        "sections:\n"
        "  - just text\n"
        "  - title: {nested: map}\n"
        "    points: one point\n"
        "  - title: Timeline\n"
        "    events: {date: '1949', title: Founded}\n"
        "  - title: Quote\n"
        "    quote: [Words]\n"
        "  - title: Image\n"
        "    points: [a]\n"
        "    image: [a.png]\n"
        "  - title: Keep\n"
        "    keep: sometimes\n"
        "    points:\n"
        "      -\n"
    ))
    p = str(path)
    assert problems(path) == [
        f"{p}:1:8: title: expected text, found a list (lines starting with -)",
        f"{p}:2:10: summary: expected a list (lines starting with -), found a mapping "
        "(key: value lines)",
        f"{p}:4:5: sections[0]: expected a mapping (key: value lines), found text",
        f"{p}:5:12: sections[1].title: expected text, found a mapping (key: value lines)",
        f"{p}:6:13: sections[1].points: expected a list (lines starting with -), found text",
        f"{p}:8:13: sections[2].events: expected a list (lines starting with -), found a "
        "mapping (key: value lines)",
        f"{p}:10:12: sections[3].quote: expected a mapping (key: value lines), found a list "
        "(lines starting with -)",
        f"{p}:13:12: sections[4].image: expected a mapping (key: value lines), found a list "
        "(lines starting with -)",
        f"{p}:15:11: sections[5].keep: 'sometimes' is not true or false",
        f"{p}:17:8: sections[5].points[0]: this list item is empty (nothing, or '~', after "
        "its '-'): write what it says after the '- ', or remove the line",
    ]


def test_sections_must_not_be_empty(tmp_path: Path) -> None:
    path = write(tmp_path, "title: T\nsections: []\n")
    assert problems(path) == [f"{path}:2:11: sections: needs at least 1 item, found none; add "
                              "each on its own line after '- '"]


def test_unknown_kind_lists_the_kinds(tmp_path: Path) -> None:
    path = write(tmp_path, "title: T\nsections:\n  - title: A\n    kind: chart\n"
                           "    points: [a]\n")
    assert problems(path) == [
        f"{path}:4:11: sections[0].kind: 'chart' is not allowed; use 'bullets', 'timeline', "
        "'comparison', 'quote', 'figures' or 'image'"]


# Section kinds and what they need.


@pytest.mark.parametrize("columns", [
    "[{title: Only, points: [a]}]",
    "[{title: A, points: [a]}, {title: B, points: [b]}, {title: C, points: [c]}]",
])
def test_comparison_needs_exactly_two_columns(tmp_path: Path, columns: str) -> None:
    path = write(tmp_path, f"title: T\nsections:\n  - title: Compare\n    columns: {columns}\n")
    assert problems(path) == [f"{path}:3:5: sections[0]: a comparison has exactly two columns"]


def test_comparison_kind_needs_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "title: T\nsections:\n  - title: C\n    kind: comparison\n"
                           "    points: [a]\n")
    assert problems(path) == [f"{path}:3:5: sections[0]: a comparison section needs 'columns'"]


def test_column_needs_points(tmp_path: Path) -> None:
    path = write(tmp_path, "title: T\nsections:\n  - title: C\n    columns:\n"
                           "      - {title: L, points: []}\n      - {title: R, points: [b]}\n")
    (line,) = problems(path)
    assert line.startswith(f"{path}:5:28: sections[0].columns[0].points: ")
    assert "at least 1 item" in line


@pytest.mark.parametrize("events", ["", "    events: []\n"])
def test_timeline_needs_events(tmp_path: Path, events: str) -> None:
    path = write(tmp_path, "title: T\nsections:\n  - title: History\n    kind: timeline\n"
                 + events)
    assert problems(path) == [f"{path}:3:5: sections[0]: a timeline section needs 'events'"]


def test_event_needs_date_and_title(tmp_path: Path) -> None:
    path = write(tmp_path, "title: T\nsections:\n  - title: History\n    events:\n"
                           "      - {title: Founded}\n      - {date: '1949'}\n")
    p = str(path)
    assert problems(path) == [
        f"{p}:5:9: sections[0].events[0].date: 'date' is required",
        f"{p}:6:9: sections[0].events[1].title: 'title' is required",
    ]


def test_a_section_with_only_a_title_or_notes_is_a_title_slide(tmp_path: Path) -> None:
    path = write(tmp_path, "title: T\nsections:\n  - title: 質疑\n    notes: 自由に議論する\n"
                           "  - title: Break\n")
    sections = load_outline(path).outline.sections
    assert [s.resolved_kind for s in sections] == ["title_only", "title_only"]
    assert sections[0].notes == "自由に議論する"


def test_a_bullets_section_still_needs_points(tmp_path: Path) -> None:
    path = write(tmp_path, "title: T\nsections:\n  - title: Empty\n    kind: bullets\n")
    assert problems(path) == [f"{path}:3:5: sections[0]: a bullets section needs 'points'"]


def test_at_most_four_figures(tmp_path: Path) -> None:
    figures = ", ".join(f"{{value: '{n}', label: L{n}}}" for n in range(5))
    path = write(tmp_path, f"title: T\nsections:\n  - title: F\n    figures: [{figures}]\n")
    assert problems(path) == [
        f"{path}:3:5: sections[0]: at most four key figures per section; split them"]


def test_kinds_are_inferred_from_content(tmp_path: Path) -> None:
    (tmp_path / "map.png").write_bytes(b"png")
    path = write(tmp_path, (
        "title: T\n"
        "sections:\n"
        "  - {title: Bullets, points: [a]}\n"
        "  - {title: Timeline, events: [{date: '1949', title: Founded}]}\n"
        "  - title: Comparison\n"
        "    columns: [{title: L, points: [a]}, {title: R, points: [b]}]\n"
        "  - {title: Quote, quote: {text: Words, by: Someone}}\n"
        "  - {title: Figures, figures: [{value: '32', label: members}]}\n"
        "  - {title: Image, image: map.png}\n"
        "  - {title: Image and points, image: map.png, points: [a]}\n"
    ))
    kinds = [section.resolved_kind for section in load_outline(path).outline.sections]
    assert kinds == ["bullets", "timeline", "comparison", "quote", "figures", "image", "bullets"]


# Images, relative to the outline file.


def test_image_path_is_relative_to_the_outline_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "talks"
    (folder / "img").mkdir(parents=True)
    (folder / "img" / "map.png").write_bytes(b"png")
    write(folder, "title: T\nsections:\n  - title: Map\n    image: img/map.png\n")
    monkeypatch.chdir(tmp_path)
    loaded = load_outline(Path("talks/outline.yaml"))
    image = loaded.outline.sections[0].image
    assert image is not None
    assert loaded.resolve(image.path) == (folder / "img" / "map.png").resolve()
    assert loaded.folder == Path("talks")


def test_image_in_a_parent_folder(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "map.png").write_bytes(b"png")
    path = write(tmp_path / "outlines", "title: T\nsections:\n  - title: Map\n"
                                        "    image: {path: ../assets/map.png, caption: Map}\n")
    assert isinstance(load_outline(path), LoadedOutline)


def test_missing_images_are_reported_at_their_lines(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "map.png").write_bytes(b"png")
    (tmp_path / "pictures").mkdir()
    path = write(tmp_path / "talks", (
        "title: T\n"
        "sections:\n"
        "  - title: Short form\n"
        "    image: map.png\n"
        "  - title: Long form\n"
        "    points: [a]\n"
        "    image:\n"
        "      path: missing/chart.png\n"
        "      caption: Chart\n"
        "  - title: A folder\n"
        "    image: ../pictures\n"
    ))
    # The working folder holds map.png, but the outline's folder does not.
    monkeypatch.chdir(tmp_path)
    p = str(path)
    talks = tmp_path / "talks"  # the full paths worked out by hand
    assert problems(path) == [
        f"{p}:4:12: sections[0].image: image 'map.png' was not found: looked for "
        f"{talks / 'map.png'} (paths are relative to the outline file)",
        f"{p}:8:13: sections[1].image: image 'missing/chart.png' was not found: looked for "
        f"{talks / 'missing' / 'chart.png'} (paths are relative to the outline file)",
        f"{p}:11:12: sections[2].image: image '../pictures' is a folder: looked for "
        f"{tmp_path / 'pictures'} (paths are relative to the outline file)",
    ]


# Short forms.


def test_short_forms_are_accepted(tmp_path: Path) -> None:
    (tmp_path / "map.png").write_bytes(b"png")
    path = write(tmp_path, (
        "title: T\n"
        "sections:\n"
        "  - title: A\n"
        "    image: map.png\n"
        "    points:\n"
        "      - A short point\n"
        "      - text: A long point\n"
        "        points: [Sub one, Sub two]\n"
        "        keep: true\n"
        "  - title: B\n"
        "    columns:\n"
        "      - {title: L, points: [Short, {text: Long}]}\n"
        "      - {title: R, points: [Other]}\n"
        "sources:\n"
        "  - A book, 2020\n"
        "  - {title: A site, url: 'https://example.org/', date: '2024-05'}\n"
    ))
    outline = load_outline(path).outline
    first = outline.sections[0]
    assert first.image is not None
    assert first.image.path == "map.png"
    assert [point.text for point in first.points] == ["A short point", "A long point"]
    assert first.points[1].points == ["Sub one", "Sub two"]
    assert first.points[1].keep is True
    assert first.points[0].keep is False
    assert [p.text for p in outline.sections[1].columns[0].points] == ["Short", "Long"]
    assert [source.title for source in outline.sources] == ["A book, 2020", "A site"]
    assert outline.sources[1].url == "https://example.org/"


def test_text_is_stripped(tmp_path: Path) -> None:
    path = write(tmp_path, "title: '  Spaced  '\nsections:\n  - title: A\n"
                           "    points: ['  one  ']\n")
    outline = load_outline(path).outline
    assert outline.title == "Spaced"
    assert outline.sections[0].points[0].text == "one"


# Language.


@pytest.mark.parametrize(("head", "language"), [
    ("title: NATOと日本\n", "ja"),
    ("title: 安全保障\n", "ja"),
    ("title: カタカナ\n", "ja"),
    ("title: ひらがな\n", "ja"),
    ("title: NATO and Japan\n", "en"),
    ("title: ＮＡＴＯ 2024\n", "en"),
    ("title: NATO and Japan\nlang: ja\n", "ja"),
    ("title: NATOと日本\nlang: en\n", "en"),
])
def test_language_is_given_or_detected_from_the_title(
        tmp_path: Path, head: str, language: str) -> None:
    path = write(tmp_path, head + BULLETS)
    assert load_outline(path).outline.language == language


def test_seed_outlines_validate(seed_outlines: dict[str, Path]) -> None:
    for language, path in seed_outlines.items():
        loaded = load_outline(path)
        assert loaded.outline.language == language
        assert loaded.warnings == ()


def test_long_text_is_not_refused_for_fit(tmp_path: Path) -> None:
    long = "A title that goes on and on about the subject " * 4
    path = write(tmp_path, (
        f"title: {long}\nsubtitle: {'s' * 287}\nauthor: {'Author, ' * 40}\n"
        f"sections:\n  - title: {long}\n    columns:\n"
        f"      - {{title: {long}, points: [a]}}\n      - {{title: R, points: [b]}}\n"
        f"  - title: Q\n    quote: {{text: {'word ' * 200}}}\n"
        f"  - title: F\n    figures: [{{value: '1,234,567,890 yen', label: {long}}}]\n"
        f"  - title: E\n    events: [{{date: 'the late nineteen-nineties', title: {long}, "
        f"text: {'more ' * 80}}}]\n"))
    outline = load_outline(path).outline
    assert outline.sections[0].title == long.strip()
    assert len(outline.subtitle or "") == 287


def test_date_format_is_checked(tmp_path: Path) -> None:
    path = write(tmp_path, "title: T\ndate: 2026-11-26\ndate_format: '%d %Q'\n" + BULLETS)
    assert problems(path) == [
        f"{path}:3:14: date_format: date_format uses %Q, which is not supported; use %Y %y "
        "%m %-m %d %-d %B %b %A %a %%"]
    path = write(tmp_path, "title: T\nlang: en\ndate: 2026-11-26\ndate_format: '%a %-d %b'\n"
                 + BULLETS)
    assert load_outline(path).outline.date_text == "Thu 26 Nov"


# Messages in the user's words: list limits, the quote shorthand, dates on a time scale.


def test_too_many_summary_points_are_counted_in_plain_words(tmp_path: Path) -> None:
    path = write(tmp_path, "title: T\nsummary: [a, b, c, d, e, f, g]\n" + BULLETS)
    assert problems(path) == [
        f"{path}:2:10: summary: at most 6 summary points; this has 7: move some to a section "
        "or to its notes"]


def test_any_list_limit_is_counted_in_plain_words(tmp_path: Path) -> None:
    class Limited(BaseModel):
        model_config = ConfigDict(extra="forbid")
        tags: list[str] = Field(max_length=2)

    path = tmp_path / "limited.yaml"
    path.write_text("tags: [a, b, c]\n", encoding="utf-8")
    document = parse(path, read_text(path))
    with pytest.raises(ValidationError) as caught:
        Limited.model_validate(document.data)
    assert [str(problem) for problem in model_problems(document, caught.value, Limited)] == [
        f"{path}:1:7: tags: at most 2 items in 'tags'; this has 3: remove some or split them"]


def test_a_quote_may_be_written_as_its_text(tmp_path: Path) -> None:
    path = write(tmp_path, "title: T\nsections:\n  - title: A\n    quote: We will win.\n")
    quote = load_outline(path).outline.sections[0].quote
    assert quote is not None
    assert (quote.text, quote.by) == ("We will win.", None)


def test_a_quote_with_a_colon_in_its_text_asks_for_quotes(tmp_path: Path) -> None:
    path = write(tmp_path, "title: T\nsections:\n  - title: A\n    quote:\n"
                           "      Churchill: we shall fight\n")
    assert problems(path) == [
        f"{path}:5:7: sections[0].quote: this line reads as a key 'Churchill' because of the "
        "': ' in it; to write text that contains ': ', put it in quotes: "
        "\"Churchill: we shall fight\""]


def test_an_unreadable_date_on_a_time_scale_points_at_the_date(tmp_path: Path) -> None:
    path = write(tmp_path, (
        "title: T\nsections:\n  - title: A\n    points: [a]\n  - title: History\n"
        "    scale: time\n    events:\n      - {date: '1900', title: Founded}\n"
        "      - {date: '1950', title: Grew}\n      - date: 昔\n        title: Long ago\n"))
    assert problems(path) == [
        f"{path}:10:15: sections[1].events[2].date: 'scale: time' places events by date, and "
        "'昔' is not a date it reads: write 1949, 1990年代, 2023-05, 2023年5月 or May 2023, "
        "or remove 'scale: time'"]


@pytest.mark.parametrize(("written", "expected"), [
    # Days counted by hand: February 2002 has 28 days, 2024 (a leap year) 29; April has 30.
    ("2002-02-30", "'2002-02-30' is not a day: February 2002 has 28 days"),
    ("2024/02/30", "'2024/02/30' is not a day: February 2024 has 29 days"),
    ("2023年4月31日", "'2023年4月31日' is not a day: April 2023 has 30 days"),
    ("２０２３年１３月１日", "'２０２３年１３月１日' has no month 13: months run from 01 to 12"),
])
def test_an_impossible_day_on_a_time_scale_is_named(tmp_path: Path, written: str,
                                                     expected: str) -> None:
    path = write(tmp_path, "title: T\nsections:\n  - title: A\n    scale: time\n"
                           f"    events:\n      - {{date: '{written}', title: X}}\n"
                           "      - {date: '2010', title: Y}\n")
    assert problems(path) == [f"{path}:6:16: sections[0].events[0].date: {expected}"]


@pytest.mark.parametrize(("written", "expected"), [
    ("2026-3-5", "'2026-3-5' is not a date in the form YYYY-MM-DD; write 2026-03-05"),
    ("2026年3月5日", "'2026年3月5日' is not a date in the form YYYY-MM-DD; write 2026-03-05"),
    ("'March 5, 2026'", "'March 5, 2026' is not a date in the form YYYY-MM-DD; write 2026-03-05"),
    # a day the month does not have: February 2026 has 28 days (2028, a leap year, 29)
    ("2026-2-30", "'2026-2-30' is not a day: February 2026 has 28 days"),
    ("2028-02-30", "'2028-02-30' is not a day: February 2028 has 29 days"),
    ("2026-04-31", "'2026-04-31' is not a day: April 2026 has 30 days"),
    ("2026/02/30", "'2026/02/30' is not a day: February 2026 has 28 days"),
    ("2026-13-01", "'2026-13-01' has no month 13: months run from 01 to 12"),
    ("next week", "'next week' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-26"),
])
def test_a_date_written_another_way_is_shown_as_yyyy_mm_dd(tmp_path: Path, written: str,
                                                           expected: str) -> None:
    path = tmp_path / "talk.yaml"
    path.write_text(f"title: T\ndate: {written}\nsections:\n  - title: A\n    points: [a]\n",
                    encoding="utf-8")
    assert problems(path) == [f"{path}:2:7: date: {expected}"]



def test_an_image_path_written_with_backslashes_is_given_with_slashes(tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "chart.png").write_bytes(b"")
    path = write(tmp_path, "title: T\nsections:\n  - title: A\n    image: img\\chart.png\n"
                           "  - title: B\n    image: img\\missing.png\n")
    assert problems(path) == [
        f"{path}:4:12: sections[0].image: image 'img\\chart.png' was not found: looked for "
        f"{tmp_path}/img\\chart.png (paths are relative to the outline file); separate "
        "folders with '/', not '\\': img/chart.png (that file exists)",
        f"{path}:6:12: sections[1].image: image 'img\\missing.png' was not found: looked for "
        f"{tmp_path}/img\\missing.png (paths are relative to the outline file); separate "
        "folders with '/', not '\\': img/missing.png"]


@pytest.mark.parametrize("item", ["~", "", "null"])
def test_an_empty_list_item_is_named_as_one(tmp_path: Path, item: str) -> None:
    path = write(tmp_path, f"title: T\nsections:\n  - title: A\n    points:\n      - {item}\n"
                           "      - Revenue up\n")
    assert [line.split(": ", 1)[1] for line in problems(path)] == [
        "sections[0].points[0]: this list item is empty (nothing, or '~', after its '-'): "
        "write what it says after the '- ', or remove the line"]
