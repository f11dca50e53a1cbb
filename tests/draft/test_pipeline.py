"""Drafts of the three articles: structure, facts on the slides, no furniture, clean builds,
the same bytes every time.

Every expected value here was written from reading the articles (the seed article in
shared/articles, and the two kept beside this file), not from running the code.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from briefing.api import Options, build
from briefing.outline.validate import load_outline

from .conftest import ARTICLES, ROOT, Drafted, seed_article

# The seed article's key facts (the list in the seed outline's brief), each with the forms
# the article writes it in. A fact counts when one form shows on a slide; notes do not count.
SEED_FACTS: dict[str, str] = {
    "1949": r"1949",
    "1950s": r"1950年代",
    "1990s": r"1990年代",
    "2004": r"2004",
    "2014": r"2014",
    "May 2023 report": r"2023年5月",
    "2024 opening": r"2024",
    "Article 5": r"第5条",
    "collective defence": r"集団防衛",
    "the Balkans": r"バルカン",
    "global partner": r"グローバル・パートナー",
    "the 2014 programme": r"個別パートナーシップ協力計画",
    "Tokyo office": r"東京(?:に連絡)?事務[所局]",
    "ITPP": r"ITPP",
    "cyber defence": r"サイバー防衛",
    "space": r"宇宙",
    "disinformation": r"偽情報",
    "Self-Defense Forces": r"自衛隊",
    "China": r"中国",
    "Russia": r"ロシア",
    "North Korea": r"北朝鮮",
    "AI": r"AI|人工知能",
    "quantum technology": r"量子技術",
    "geographic distance": r"地理的な?距離",
}
SEED_FURNITURE = ("アジア", "台湾有事", "沖縄")
SEED_PARTS = ["NATOの基本と目的", "日本とNATOの関係の歴史", "現在のNATOと日本の関係",
              "NATOと日本の関係の意義と課題"]
MARKDOWN_FACTS = ("6 March 2013", "4.5 metres", "3,000 residents", "£95 million", "2014",
                  "2015", "£210 million", "April 2017", "Northbank Engineering", "2021",
                  "90 minutes", "2.4 kilometres", "40 per cent", "2070", "£6 million",
                  "June 2026", "12,000 homes", "£340 million", "Helen Okafor")
MARKDOWN_FURNITURE = ("Environment", "bus lanes", "Bridge Street")
HTML_FACTS = ("1996", "780 kilometres", "9,500 tickets", "2021", "€48 million",
              "2 February 2026", "212 passengers", "20,000 extra visitors", "2030",
              "Lars Berg", "Northern Sleeper", "a tenth of the carbon")
HTML_FURNITURE = ("Share on Facebook", "Bus fares", "Airport expansion", "Tram extension",
                  "cookies", "dataLayer", "ad slot", "editor: check", "All rights reserved",
                  "Ana Ruiz", "Opinion", "Privacy", "float: right")
# Build warnings about text that does not fit: below the theme's smallest size, cut, or
# continued on another slide (the kinds --strict fails on).
FIT_KINDS = frozenset({"below_minimum", "overflow", "continued"})


def facts_missing(slide_text: str, facts: dict[str, str]) -> list[str]:
    """Return the names of the facts none of whose forms is in ``slide_text`` (Japanese
    text: line breaks and spaces a renderer may put inside a phrase are ignored)."""
    joined = re.sub(r"\s+", "", slide_text)
    return [name for name, pattern in facts.items() if not re.search(pattern, joined)]


def sections_of(drafted: Drafted) -> list[dict[str, object]]:
    """Return the draft's sections as the YAML loader reads them."""
    data = yaml.safe_load(drafted.result.text)
    sections: list[dict[str, object]] = data["sections"]
    return sections


def parts_of(sections: list[dict[str, object]]) -> list[str]:
    """Return the part titles in order."""
    return [str(s["part"]) for s in sections if s.get("part")]


# --- the seed article ---------------------------------------------------------------------------

def test_seed_draft_shows_the_key_facts_on_slides(drafted: dict[str, Drafted]) -> None:
    missing = facts_missing(drafted["seed"].slide_text, SEED_FACTS)
    shown = len(SEED_FACTS) - len(missing)
    assert shown >= 20, f"only {shown} of {len(SEED_FACTS)} key facts on slides: {missing}"
    assert not missing, f"missing from the slides: {missing}"


def test_the_facts_check_does_not_count_notes(drafted: dict[str, Drafted]) -> None:
    """Planted fault: facts that are only in the notes are reported missing."""
    notes_only = drafted["seed"].notes_text
    assert facts_missing(notes_only, SEED_FACTS) == []
    assert len(facts_missing("NATOの目的", SEED_FACTS)) == len(SEED_FACTS)


def test_seed_draft_structure(drafted: dict[str, Drafted]) -> None:
    sections = sections_of(drafted["seed"])
    assert parts_of(sections) == SEED_PARTS
    kinds = [s["kind"] for s in sections]
    assert kinds.count("timeline") == 1 and kinds.count("comparison") == 1
    assert set(kinds) == {"bullets", "timeline", "comparison"}
    titles = [s["title"] for s in sections]
    assert titles[0] == "NATOの成立背景" and titles[-1] == "まとめ"
    for heading in ("NATOの目的", "NATOの主な活動", "NATOと日本", "初期の接触", "冷戦後の発展",
                    "NATOの東京事務局設置計画", "協力の新次元"):
        assert heading in titles
    assert len(sections) <= 16
    timeline = next(s for s in sections if s["kind"] == "timeline")
    dates = [e["date"] for e in timeline["events"]]  # type: ignore[index]
    assert dates == ["1949年", "1950年代", "1990年代", "2004年", "2014年", "2023年5月"]
    comparison = next(s for s in sections if s["kind"] == "comparison")
    assert [c["title"] for c in comparison["columns"]] == ["意義", "課題"]  # type: ignore[index]
    assert sections[titles.index("まとめ")]["notes"]


def test_seed_draft_title_summary_and_source(drafted: dict[str, Drafted]) -> None:
    data = yaml.safe_load(drafted["seed"].result.text)
    assert data["title"] == "NATOと日本の強化される関係"
    assert data["subtitle"] == "安全保障の新たな地平を開く"
    assert data["lang"] == "ja"
    assert 2 <= len(data["summary"]) <= 4
    assert any("地理的距離" in item for item in data["summary"])
    assert data["sources"] == [{"title": "NATOと日本の強化される関係:安全保障の新たな地平を開く",
                                "note": "nato-japan.ja.txt"}]


def test_seed_points_are_in_briefing_style(drafted: dict[str, Drafted]) -> None:
    points = [p if isinstance(p, str) else p["text"] for s in sections_of(drafted["seed"])
              for p in s.get("points", [])]  # type: ignore[attr-defined]
    assert "NATOは1949年に成立" in points  # spelled out once, in the bottom line
    assert not [p for p in points if p.endswith(("。", "ます", "ました", "です"))]
    assert not [p for p in points if p.startswith(("しかし", "また、", "特に、", "さらに"))]


def test_seed_draft_has_no_page_furniture(drafted: dict[str, Drafted]) -> None:
    draft = drafted["seed"]
    # アジア also starts アジア太平洋 in the article's own text: as furniture it is a line alone.
    assert "アジア" not in draft.slide_text.splitlines()
    assert not draft.notes_text.startswith("アジア")
    for text in SEED_FURNITURE[1:]:
        assert text not in draft.slide_text
        assert text not in draft.notes_text
    header = draft.result.text.split("title:")[0]
    assert "アジア" in header and "台湾有事" in header


def test_every_section_has_notes_from_the_article(drafted: dict[str, Drafted]) -> None:
    article = seed_article().read_text(encoding="utf-8")
    for section in sections_of(drafted["seed"]):
        notes = str(section["notes"])
        assert notes.strip()
        for line in notes.splitlines():
            assert line in article or line.startswith("【"), line


# --- the Markdown and HTML articles -------------------------------------------------------------

def test_markdown_draft_structure_and_facts(drafted: dict[str, Drafted]) -> None:
    draft = drafted["markdown"]
    data = yaml.safe_load(draft.result.text)
    assert (data["title"], data["subtitle"], data["lang"]) == (
        "Riverside's Flood Barrier", "A Decade of Building a Safer Waterfront", "en")
    sections = data["sections"]
    assert parts_of(sections) == ["How the barrier came about", "Building the barrier",
                                  "Benefits and risks", "What comes next"]
    kinds = {s["kind"] for s in sections}
    assert kinds == {"timeline", "bullets", "figures", "comparison", "quote"}
    comparison = next(s for s in sections if s["kind"] == "comparison")
    assert [c["title"] for c in comparison["columns"]] == ["Benefits", "Risks"]
    quote = next(s for s in sections if s["kind"] == "quote")["quote"]
    assert quote["text"] == ("The barrier has already paid for itself twice over in damage "
                             "that never happened.")
    assert quote["by"] == "Helen Okafor, chief engineer of Riverside City Council"
    timeline = next(s for s in sections if s["kind"] == "timeline")
    assert [e["date"] for e in timeline["events"]][:5] == [
        "6 March 2013", "2014", "2015", "April 2017", "2021"]
    missing = [fact for fact in MARKDOWN_FACTS if fact not in draft.slide_text]
    assert not missing
    for text in MARKDOWN_FURNITURE:
        assert text not in draft.slide_text and text not in draft.notes_text


def test_markdown_points_are_at_most_about_twenty_words(drafted: dict[str, Drafted]) -> None:
    for section in sections_of(drafted["markdown"]):
        for point in section.get("points", []):  # type: ignore[attr-defined]
            text = point if isinstance(point, str) else point["text"]
            assert len(text.split()) <= 24, text


def test_html_draft_structure_and_facts(drafted: dict[str, Drafted]) -> None:
    draft = drafted["html"]
    data = yaml.safe_load(draft.result.text)
    assert data["title"] == "Night Trains Return to the Northern Line"
    assert data["subtitle"] == "Sleepers Are Back After 30 Years"
    assert data["sources"][0] == {
        "title": "Night Trains Return to the Northern Line: Sleepers Are Back After 30 Years",
        "url": "https://courier.example/transport/night-trains-return",
        "publisher": "The Valley Courier", "date": "2026-03-12",
        "note": "night-train.en.html"}
    sections = data["sections"]
    titles = [s["title"] for s in sections]
    for heading in ("Why the trains stopped", "A plan from the regions", "The first journeys",
                    "What it means for the region", "Conclusion"):
        assert heading in titles
    assert "Related articles" not in titles
    quote = next(s for s in sections if s["kind"] == "quote")["quote"]
    assert quote["by"] == "Lars Berg, chief executive of Northern Sleeper"
    assert quote["text"].startswith("People told us nobody would sleep on a train any more.")
    first_journeys = next(s for s in sections if s["title"] == "The first journeys")
    assert "Cabins sleep one, two or four people" in first_journeys["points"]
    missing = [fact for fact in HTML_FACTS if fact not in draft.slide_text]
    assert not missing
    for text in HTML_FURNITURE:
        assert text not in draft.slide_text and text not in draft.notes_text, text


# --- every draft --------------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(ARTICLES))
def test_draft_validates_and_builds_without_fit_warnings(drafted: dict[str, Drafted],
                                                         name: str) -> None:
    draft = drafted[name]
    load_outline(draft.outline)
    assert draft.result.warnings == ()
    fit = [w for w in draft.warnings if w.kind in FIT_KINDS]
    assert not fit, fit
    assert draft.outline.with_name("out").joinpath(f"{name}-summary.pdf").is_file()


@pytest.mark.parametrize("name", list(ARTICLES))
def test_draft_follows_the_seed_outline_style(drafted: dict[str, Drafted], name: str) -> None:
    lines = drafted[name].result.text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=outline.schema.json"
    assert any("review" in line for line in lines if line.lstrip().startswith("#"))
    assert re.search(r"^sections:$", "\n".join(lines), re.MULTILINE)


def test_a_fit_check_can_fail(tmp_path: Path) -> None:
    """Planted fault: an outline with too much text on a slide gets the warnings the draft
    tests look for."""
    long_points = "\n".join(f"      - {'安全保障の協力を深める取り組みが進んでいる。' * 4}"
                            for _ in range(24))
    outline = tmp_path / "long.yaml"
    outline.write_text(f"title: 試験\nsections:\n  - title: 長い節\n    points:\n{long_points}\n",
                       encoding="utf-8")
    report = build(outline, Options(out_dir=tmp_path / "out", summary=False))
    assert [w for w in report.warnings if w.kind in FIT_KINDS]


@pytest.mark.parametrize("name", list(ARTICLES))
def test_the_same_article_gives_the_same_bytes(drafted: dict[str, Drafted], name: str,
                                               tmp_path: Path) -> None:
    """In a fresh process with another hash seed (set order differs), the bytes are equal."""
    article = ARTICLES[name]
    target = tmp_path / "again.yaml"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-m", "briefing", "draft", str(article), "-o", str(target)],
                   check=True, env=env, cwd=ROOT, capture_output=True)
    assert target.read_bytes() == drafted[name].result.text.encode("utf-8")


@pytest.mark.parametrize(("text", "lang", "told"), [
    ("東京事務所\n\n北大西洋条約機構は日本との協力を深めている。東京に連絡事務所を開く計画がある。\n",
     "en", "the article reads as Japanese (by its script) but --lang en drafts it by English"),
    ("Tokyo office\n\nThe alliance plans a liaison office in Tokyo. Japan welcomes the plan.\n",
     "ja", "the article reads as English (by its script) but --lang ja drafts it by Japanese"),
    ("Tokyo office\n\nThe alliance plans a liaison office in Tokyo. Japan welcomes the plan.\n",
     "auto", None),
])
def test_a_language_that_is_not_the_article_s_is_told(tmp_path: Path, text: str, lang: str,
                                                      told: str | None) -> None:
    from briefing.draft.pipeline import draft_article

    article = tmp_path / "article.txt"
    article.write_text(text, "utf-8")
    warnings = draft_article(article, lang).warnings
    if told is None:
        assert not any("reads as" in warning for warning in warnings)
    else:
        assert any(warning.startswith(told) for warning in warnings), warnings
