"""Every piece of content an outline holds reaches the deck: sections that combine kinds of
content become consecutive slides under one title, in the order the outline writes them."""

from __future__ import annotations

from pathlib import Path

import pptx_checks as checks
import pytest
from pptx_checks import NS

from briefing.api import Options, build

OUTLINES = Path(__file__).resolve().parents[1] / "outlines"
FOOTERS = ("dt", "ftr", "sldNum")

# The slides each outline must give, by hand from the outline: the title, then texts the
# slide shows besides its title (each one paragraph), and whether it holds a picture.
EXPECTED = {
    "combined.en": [
        ("Budget Review 2027", [], False),
        ("Bottom line", ["Spending grows 4% in real terms, led by defence and energy."], False),
        ("Agenda", ["Risks", "Where the money goes", "Options compared", "In their words",
                    "Open discussion"], False),
        ("Risks", ["The energy subsidy ends in March",
                   "Currency swings could add two to three points to import costs"], False),
        ("Risks (cont.)", ["We will not cut research to pay for subsidies.",
                           "— The minister"], False),
        ("Where the money goes", ["Defence rises for the fifth year",
                                  "Energy support is reshaped"], False),
        ("Where the money goes (cont.)", ["2024", "Price cap", "Introduced in the winter crisis",
                                          "2026", "Review", "2027", "Grants"], False),
        ("Where the money goes (cont.)", ["4%", "real growth", "€12bn", "energy support"],
         False),
        ("Options compared", ["Grants", "Targeted", "Cheaper over time", "Price cap",
                              "Simple", "Costly when prices rise"], False),
        ("Options compared (cont.)", ["Regions most affected", "Natural Earth"], True),
        ("In their words", ["Targeted help is fair help.", "— The opposition"], False),
        ("In their words (cont.)", ["Both parties back the grants"], False),
        ("Open discussion", [], False),
        ("Q&A", ["Thank you"], False),
    ],
    "combined.ja": [
        ("2027年度予算の見直し", [], False),
        ("要点", ["実質で4%の増加、防衛とエネルギーが牽引する。"], False),
        ("アジェンダ", ["リスク", "予算の行き先", "選択肢の比較"], False),
        ("リスク", ["補助金のために研究費は削らない。", "— 大臣"], False),
        ("リスク(続き)", ["エネルギー補助金は3月に終了する",
                        "為替変動で輸入コストが2〜3ポイント上昇する可能性"], False),
        ("予算の行き先", ["4%", "実質成長", "120億ユーロ", "エネルギー支援"], False),
        ("予算の行き先(続き)", ["防衛費は5年連続で増加"], False),
        ("予算の行き先(続き)", ["2024年", "価格上限", "冬の危機で導入", "2027年", "給付金"], False),
        ("選択肢の比較", ["両案とも来年度から実施可能", "影響の大きい地域"], True),
        ("選択肢の比較(続き)", ["給付金", "対象を絞る", "長期的に安価", "価格上限", "単純",
                           "価格上昇時に高コスト"], False),
        ("質疑応答", ["ご清聴ありがとうございました"], False),
    ],
}
NOTES = {"combined.en": ("Risks", "Walk through the risks, then read the quote slowly."),
         "combined.ja": ("リスク", "リスクを説明してから引用を読む。")}


def slide_contents(parts: dict[str, bytes]) -> list[tuple[str, list[str], bool, str]]:
    """Return (title, paragraph texts, has a picture, notes) of every slide; footers and
    empty paragraphs left out, line breaks as newlines."""
    found = []
    for name in checks.slide_names(parts):
        slide = checks.parse(parts[name])
        texts = []
        for shape in slide.iterfind(".//p:sp", NS):
            kind = checks.placeholder_type(shape)
            if kind in ("title", "ctrTitle", *FOOTERS):
                continue
            texts += [text for p in shape.iterfind("p:txBody/a:p", NS)
                      if (text := checks.paragraph_text(p))]
        picture = slide.find(".//p:pic", NS) is not None
        title = (checks.title_text(slide) or "").replace("\n", "")
        found.append((title, texts, picture, checks.notes_text(parts, name)))
    return found


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    """Return the parts of the deck built from each test outline."""
    out = tmp_path_factory.mktemp("content")
    built = {}
    for name in EXPECTED:
        report = build(OUTLINES / f"{name}.yaml", Options(out_dir=out, summary=False))
        deck = next(path for path in report.written if path.suffix == ".pptx")
        built[name] = checks.read_parts(deck)
    return built


@pytest.mark.parametrize("name", list(EXPECTED))
def test_every_kind_of_content_is_on_a_slide_in_the_order_written(
        decks: dict[str, dict[str, bytes]], name: str) -> None:
    slides = slide_contents(decks[name])
    assert [title for title, *_ in slides] == [title for title, *_ in EXPECTED[name]]
    for (title, texts, picture, _), (_, wanted, has_picture) in zip(
            slides, EXPECTED[name], strict=True):
        missing = [text for text in wanted if text not in texts]
        assert not missing, f"{title}: {missing} not among {texts}"
        assert picture == has_picture, title


@pytest.mark.parametrize("name", list(EXPECTED))
def test_every_slide_of_a_section_carries_its_notes(decks: dict[str, dict[str, bytes]],
                                                    name: str) -> None:
    title, notes = NOTES[name]
    slides = [s for s in slide_contents(decks[name]) if s[0].startswith(title)]
    assert len(slides) == 2
    assert all(checks.normalise(notes) in checks.normalise(s[3]) for s in slides)


def test_a_continued_part_of_a_section_is_marked_once(tmp_path: Path) -> None:
    points = "".join(f"      - Point number {n} of a long list that needs two slides\n"
                     for n in range(1, 25))
    outline = tmp_path / "long.yaml"
    outline.write_text("title: T\nlang: en\nsections:\n  - title: Risks\n"
                       f"    quote: {{text: Words}}\n    points:\n{points}", encoding="utf-8")
    report = build(outline, Options(out_dir=tmp_path / "out", summary=False))
    slides = slide_contents(checks.read_parts(tmp_path / "out" / "long.pptx"))
    titles = [title for title, *_ in slides if title.startswith("Risks")]
    assert titles[0] == "Risks" and len(titles) >= 3
    assert set(titles[1:]) == {"Risks (cont.)"}
    shown = [text for _, texts, *_ in slides for text in texts if text.startswith("Point")]
    assert shown == [f"Point number {n} of a long list that needs two slides"
                     for n in range(1, 25)]
    assert [w.kind for w in report.warnings if w.kind == "continued"] == ["continued"]
