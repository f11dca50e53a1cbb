"""briefing check from the command line: the seed outlines, the JSON contract, the budget,
--strict, a picture without alternative text and text colours too pale to read."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pptx
import pytest
import yaml
from click.testing import CliRunner, Result

from briefing.cli import main

MAP = Path(__file__).resolve().parents[2] / "assets" / "nato-japan-map.png"
SLIDE_FIELDS = {"number", "title", "kind", "words", "characters", "lines", "smallest_pt",
                "shrunk", "continued", "talk_seconds", "alt_text_missing",
                "contrast_problems", "density_problems"}
TOP_FIELDS = {"outline", "slides", "talk_seconds", "budget_seconds", "over_by_seconds",
              "problems"}


def check(*args: str | Path) -> Result:
    """Return the result of ``briefing check`` with ``args``."""
    return CliRunner().invoke(main, ["check", *(str(arg) for arg in args)])


def report(*args: str | Path) -> dict[str, Any]:
    """Return the JSON report ``briefing check --json`` prints: exactly one object."""
    result = check(*args, "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def outline(folder: Path, text: str, name: str = "talk.yaml") -> Path:
    """Return an outline holding ``text`` in ``folder``, beside a copy of the seed map."""
    (folder / "map.png").write_bytes(MAP.read_bytes())
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


PLAIN = """\
title: Harbour report
duration: 2
sections:
  - title: Traffic
    points: [Ships come and go, The harbour is busy]
    notes: {notes}
"""
# 70 words of notes: 30 s at 140 words a minute
NOTES = " ".join(["word"] * 70)


# --- the seed outlines ----------------------------------------------------------------------


def japanese_characters(text: str) -> int:
    """Return the kana and kanji in ``text`` (an independent count: Unicode blocks)."""
    return len(re.findall("[\u3041-\u3096\u30a1-\u30fa\u30fc\u4e00-\u9fff]", text))


@pytest.fixture(scope="module")
def seed_reports(seed_outlines: dict[str, Path]) -> dict[str, dict[str, Any]]:
    """Return the JSON report of each seed outline."""
    return {lang: report(path) for lang, path in seed_outlines.items()}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_one_entry_per_slide_of_the_built_deck(lang: str, built_decks: dict[str, Path],
                                               seed_reports: dict[str, dict[str, Any]]) -> None:
    deck = pptx.Presentation(str(built_decks[lang]))
    slides = seed_reports[lang]["slides"]
    assert [s["number"] for s in slides] == list(range(1, len(deck.slides) + 1))
    def bare(text: str) -> str:
        return re.sub(r"\s+", "", text)

    titled = [(number, bare(slide.shapes.title.text_frame.text))
              for number, slide in enumerate(deck.slides) if slide.shapes.title is not None]
    assert len(titled) >= 20
    assert [(n, bare(slides[n]["title"])) for n, _ in titled] == titled


def test_the_japanese_seed_is_timed_at_a_plausible_rate(
        seed_outlines: dict[str, Path], seed_reports: dict[str, dict[str, Any]]) -> None:
    data = yaml.safe_load(seed_outlines["ja"].read_text("utf-8"))
    characters = sum(japanese_characters(s.get("notes") or "") for s in data["sections"])
    from_notes = [s for s in seed_reports["ja"]["slides"] if s["talk_from"] == "notes"]
    minutes = sum(s["talk_seconds"] for s in from_notes) / 60
    assert 250 <= characters / minutes <= 450
    assert 5 * 60 <= seed_reports["ja"]["talk_seconds"] <= 20 * 60


def test_the_english_seed_is_timed_at_a_plausible_rate(
        seed_outlines: dict[str, Path], seed_reports: dict[str, dict[str, Any]]) -> None:
    data = yaml.safe_load(seed_outlines["en"].read_text("utf-8"))
    words = sum(len((s.get("notes") or "").split()) for s in data["sections"])
    from_notes = [s for s in seed_reports["en"]["slides"] if s["talk_from"] == "notes"]
    minutes = sum(s["talk_seconds"] for s in from_notes) / 60
    assert 110 <= words / minutes <= 180
    # the same briefing in two languages takes about as long
    ja, en = seed_reports["ja"]["talk_seconds"], seed_reports["en"]["talk_seconds"]
    assert 0.8 <= ja / en <= 1.25


def test_the_seed_table(seed_outlines: dict[str, Path]) -> None:
    result = check(seed_outlines["ja"], "--minutes", "8")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert re.fullmatch(rf"{re.escape(str(seed_outlines['ja']))}: 23 slides, about \d+:\d\d to "
                        r"present, \d+:\d\d over the budget of 8:00", lines[0])
    assert lines[2].split() == ["#", "kind", "title", "words", "chars", "lines", "min", "pt",
                                "talk", "from", "notes"]
    assert "time by section:" in lines and "suggestions, largest gain first:" in lines


# --- the JSON contract ------------------------------------------------------------------------


def test_json_is_one_object_with_the_contract_fields(tmp_path: Path) -> None:
    path = outline(tmp_path, PLAIN.format(notes=NOTES))
    data = report(path)
    assert set(data) >= TOP_FIELDS
    assert data["outline"] == str(path)
    assert [set(s) >= SLIDE_FIELDS for s in data["slides"]] == [True, True, True]
    cover, traffic, closing = data["slides"]
    assert (cover["kind"], traffic["kind"], closing["kind"]) == ("cover", "bullets", "closing")
    assert traffic == {**traffic, "number": 2, "title": "Traffic", "words": 9, "characters": 0,
                       "shrunk": [], "continued": False, "talk_seconds": 30.0,
                       "alt_text_missing": [], "contrast_problems": [],
                       "density_problems": []}
    assert traffic["lines"] >= 3 and isinstance(traffic["smallest_pt"], float)
    assert data["problems"] == [] and data["slide_count"] == 3


def test_json_for_several_outlines_is_one_object_a_line(tmp_path: Path) -> None:
    first = outline(tmp_path, PLAIN.format(notes=NOTES), "first.yaml")
    second = outline(tmp_path, PLAIN.format(notes="short"), "second.yaml")
    result = check(first, second, "--json")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [json.loads(line)["outline"] for line in lines] == [str(first), str(second)]


# --- the budget -------------------------------------------------------------------------------


def test_the_budget_comes_from_the_outline_or_minutes(tmp_path: Path) -> None:
    path = outline(tmp_path, PLAIN.format(notes=NOTES))
    data = report(path)
    # cover 'Harbour report' (2 words) and Q&A 'Q&A', 'Thank you' (4): 6 words read, 30 s
    # of notes: 30 + 6 x 60 / 140 s
    talk = 30 + 6 * 60 / 140
    assert data["talk_seconds"] == pytest.approx(talk, abs=0.05)
    assert (data["budget_seconds"], data["over_by_seconds"]) == (120, 0)
    tight = report(path, "--minutes", "0.5")
    assert tight["budget_seconds"] == 30
    assert tight["over_by_seconds"] == pytest.approx(talk - 30, abs=0.05)
    assert tight["talk_seconds"] - tight["budget_seconds"] == pytest.approx(
        tight["over_by_seconds"], abs=0.1)
    none = report(outline(tmp_path, PLAIN.format(notes=NOTES).replace("duration: 2\n", "")))
    assert (none["budget_seconds"], none["over_by_seconds"]) == (None, None)


def test_rates_are_configurable(tmp_path: Path) -> None:
    path = outline(tmp_path, PLAIN.format(notes=NOTES))
    # 70 words of notes at 70 words a minute: 60 s; 6 more words shown on the cover and
    # the closing slide: 6 x 60 / 70 s
    data = report(path, "--words-per-minute", "70")
    assert data["talk_seconds"] == pytest.approx(60 + 6 * 60 / 70, abs=0.05)
    assert data["rates"] == {"characters_per_minute": 300.0, "words_per_minute": 70.0}
    japanese = outline(tmp_path, "title: 港の報告\nsections:\n  - title: 交通\n"
                                 "    points: [船が行き来する]\n    notes: " + "あ" * 100 + "\n",
                       "ja.yaml")
    fast = report(japanese, "--chars-per-minute", "600")
    assert fast["slides"][1]["talk_seconds"] == pytest.approx(10.0)  # 100 at 600 a minute
    assert check(path, "--words-per-minute", "0").exit_code == 2


def test_over_budget_suggests_what_to_shorten_largest_gain_first(tmp_path: Path) -> None:
    text = PLAIN.format(notes=NOTES) + (
        "  - title: Berths\n    points: [Ten berths]\n    notes: short\n"
        "  - title: Cranes\n    points: [Four cranes]\n    notes: " + " ".join(["w"] * 140)
        + "\n")
    data = report(outline(tmp_path, text), "--minutes", "1")
    assert data["over_by_seconds"] > 0
    gains = [s["gain_seconds"] for s in data["suggestions"]]
    assert gains == sorted(gains, reverse=True) and gains[0] > 0
    assert data["suggestions"][0]["section"] == "Cranes"  # 60 s of notes, the longest


# --- problems ---------------------------------------------------------------------------------


PALE = "extends: default\ncolors: {text: \"BBBBBB\"}\n"
PICTURE = """\
title: Harbour report
theme: pale.yaml
sections:
  - title: Traffic
    points: [Ships come and go, The harbour is busy]
    image: map.png
"""


def wcag(rgb: str) -> float:
    """Return the relative luminance of RRGGBB (WCAG 2.x), written out here."""
    values = []
    for i in (0, 2, 4):
        c = int(rgb[i:i + 2], 16) / 255
        values.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * values[0] + 0.7152 * values[1] + 0.0722 * values[2]


def test_a_picture_without_alt_text_and_a_pale_theme_are_reported(tmp_path: Path) -> None:
    (tmp_path / "pale.yaml").write_text(PALE, encoding="utf-8")
    data = report(outline(tmp_path, PICTURE))
    traffic = data["slides"][1]
    assert traffic["alt_text_missing"] == ["map.png"]
    (problem,) = traffic["contrast_problems"]
    assert problem["color"].startswith("#BBBBBB") and problem["background"] == "#FFFFFF"
    assert problem["ratio"] == pytest.approx(1.05 / (wcag("BBBBBB") + 0.05), abs=0.01)
    assert problem["required"] == 3.0 and problem["fixed_in_deck"] is True  # 28 pt bullets
    kinds = [(p["kind"], p["slide"]) for p in data["problems"]]
    assert ("alt_text", 2) in kinds and ("contrast", 2) in kinds


def test_a_caption_stands_in_for_alt_text(tmp_path: Path) -> None:
    text = PICTURE.replace("theme: pale.yaml\n", "").replace(
        "image: map.png", "image: {path: map.png, caption: The port}")
    assert report(outline(tmp_path, text))["slides"][1]["alt_text_missing"] == []


def pale_template(path: Path) -> Path:
    """Write python-pptx's default template with its dark text colour (dk1) made pale grey."""
    buffer = io.BytesIO()
    pptx.Presentation().save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "ppt/theme/theme1.xml":
                data = re.sub(rb"<a:dk1>.*?</a:dk1>", b'<a:dk1><a:srgbClr val="C8C8C8"/></a:dk1>',
                              data, flags=re.S)
            target.writestr(name, data)
    return path


def test_a_template_whose_text_is_too_pale_is_reported(tmp_path: Path) -> None:
    template = pale_template(tmp_path / "pale.pptx")
    text = PICTURE.replace("theme: pale.yaml", f"template: {template.name}")
    data = report(outline(tmp_path, text))
    traffic = data["slides"][1]
    what = {p["what"].split(" '")[0]: p for p in traffic["contrast_problems"]}
    assert {"title", "text"} <= set(what)
    assert what["title"]["ratio"] == pytest.approx(1.05 / (wcag("C8C8C8") + 0.05), abs=0.01)
    # the deck shows the text in a colour of the template that reads
    assert what["text"]["deck_ratio"] >= what["text"]["required"]


def test_exit_status_and_strict(tmp_path: Path) -> None:
    fits = outline(tmp_path, PLAIN.format(notes=NOTES))
    assert check(fits, "--strict").exit_code == 0
    over = check(fits, "--minutes", "0.25", "--strict")
    assert over.exit_code == 1 and "over the budget of 0:15" in over.stdout
    assert check(fits, "--minutes", "0.25").exit_code == 0
    (tmp_path / "pale.yaml").write_text(PALE, encoding="utf-8")
    problems = outline(tmp_path, PICTURE, "problems.yaml")
    assert check(problems).exit_code == 0
    strict = check(problems, "--strict", "--minutes", "60")
    assert strict.exit_code == 1 and "slide 2, alt_text: picture map.png" in strict.stdout
    broken = outline(tmp_path, "title: T\nsections: []\n", "broken.yaml")
    failed = check(broken, fits)
    assert failed.exit_code == 1 and f"{broken}:2:" in failed.stderr
    assert f"{fits}: 3 slides" in failed.stdout


def test_nothing_is_written_but_the_plot(tmp_path: Path) -> None:
    path = outline(tmp_path, PLAIN.format(notes=NOTES))
    before = sorted(p.name for p in tmp_path.iterdir())
    result = CliRunner().invoke(main, ["check", str(path), "--plot",
                                       str(tmp_path / "time.png")])
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*before, "time.png"])


def test_footers_drawn_on_a_template_without_placeholders_are_not_timed(tmp_path: Path) -> None:
    from tests.theme.behaviours import without_footers

    template = without_footers(tmp_path / "bare.pptx")
    text = PLAIN.format(notes=NOTES).replace(
        "duration: 2\n", "organization: Harbour Authority of the Northern Coast\n"
                         f"template: {template.name}\n")
    data = report(outline(tmp_path, text))
    # the closing slide shows 'Q&A' and 'Thank you' (4 words): the footer is not said
    closing = data["slides"][-1]
    assert closing["words"] == 4 and closing["talk_seconds"] == pytest.approx(
        4 * 60 / 140, abs=0.05)


def test_build_reports_the_talk_time_the_check_finds(tmp_path: Path) -> None:
    path = outline(tmp_path, PLAIN.format(notes=NOTES))
    target = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["build", str(path), "--out-dir", str(tmp_path / "out"),
                                       "--report-json", str(target)])
    assert result.exit_code == 0, result.output
    (built,) = json.loads(target.read_text("utf-8"))["outlines"]
    assert built["talk_seconds"] == report(path)["talk_seconds"]
    assert result.stdout.splitlines()[-1] == "  3 slides, about 0:33 to present (briefing " \
                                             "check shows where the time goes)"


def test_several_outlines_get_a_table_and_a_chart_each(tmp_path: Path) -> None:
    first = outline(tmp_path, PLAIN.format(notes=NOTES), "first.yaml")
    second = outline(tmp_path, PLAIN.format(notes="short"), "second.yaml")
    result = check(first, second, "--plot", tmp_path / "time.png")
    assert result.exit_code == 0
    assert "" in result.stdout.splitlines()
    assert (tmp_path / "time-first.png").is_file() and (tmp_path / "time-second.png").is_file()
