"""Every piece of content an outline holds reaches the deck: sections that combine kinds of
content become consecutive slides under one title, in the order the outline writes them."""

from __future__ import annotations

from pathlib import Path

import pptx_checks as checks
import pytest
from openxml_audit import validate_pptx
from pptx_checks import NS

from briefing.api import Options, build, prepare
from briefing.layout.boxes import Page, Paragraph, TextFrame
from briefing.layout.frames import Typesetter
from briefing.layout.plan import plan_slides
from briefing.layout.slides import layout_deck
from briefing.text.fonts import find_system_font, resolve_font

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
        ("Risks (cont.)", ["\u201cWe will not cut research to pay for subsidies.\u201d",
                           "— The minister"], False),
        ("Where the money goes", ["Defence rises for the fifth year",
                                  "Energy support is reshaped"], False),
        ("Where the money goes (cont.)", ["2024", "Price cap", "Introduced in the winter crisis",
                                          "2026", "Review", "2027", "Grants"], False),
        ("Where the money goes (cont.)", ["4%", "real growth", "€12bn", "energy support"],
         False),
        ("Options compared", ["Grants", "Targeted", "Cheaper over time", "Price cap",
                              "Simple", "Costly when prices rise"], False),
        ("Options compared (cont.)", ["Regions most affected", "Credit: Natural Earth"], True),
        ("In their words", ["\u201cTargeted help is fair help.\u201d", "— The opposition"], False),
        ("In their words (cont.)", ["Both parties back the grants"], False),
        ("Open discussion", [], False),
        ("Q&A", ["Thank you"], False),
    ],
    "combined.ja": [
        ("2027年度予算の見直し", [], False),
        ("要点", ["実質で4%の増加、防衛とエネルギーが牽引する。"], False),
        ("アジェンダ", ["リスク", "予算の行き先", "選択肢の比較"], False),
        ("リスク", ["「補助金のために研究費は削らない。」", "— 大臣"], False),
        ("リスク（続き）", ["エネルギー補助金は3月に終了する",
                        "為替変動で輸入コストが2〜3ポイント上昇する可能性"], False),
        ("予算の行き先", ["4%", "実質成長", "120億ユーロ", "エネルギー支援"], False),
        ("予算の行き先（続き）", ["防衛費は5年連続で増加"], False),
        ("予算の行き先（続き）",
         ["2024年", "価格上限", "冬の危機で導入", "2027年", "給付金"], False),
        ("選択肢の比較", ["両案とも来年度から実施可能", "影響の大きい地域"], True),
        ("選択肢の比較（続き）", ["給付金", "対象を絞る", "長期的に安価", "価格上限", "単純",
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


# Inline markup and line breaks: the deck shows the styled runs, and every line layout
# predicted is a line the rendered deck shows.

MARKUP = ("markup.en", "markup.ja")


def predicted_pages(outline: Path) -> list[Page]:
    """Return the pages layout predicts for ``outline`` (the build's own pipeline)."""
    ready = prepare(outline, Options())
    typesetter = Typesetter(ready.design, ready.loaded.outline.language, ready.warnings)
    return layout_deck(ready.loaded, typesetter, plan_slides(ready.loaded.outline))


def runs_of(parts: dict[str, bytes], text: str,
            lang: bool = False) -> list[tuple[str, ...] | tuple[str, str, str, str | None]]:
    """Return (text, b, i, link target) of each run in the paragraph of the deck's slides
    whose text starts with ``text``; the target is read from the slide's relationships.
    With ``lang``, return (text, lang, b) instead."""
    for name in checks.slide_names(parts):
        slide = checks.parse(parts[name])
        targets = {rel.rid: rel.target for rel in checks.relationships(parts)
                   if rel.source == name}
        for paragraph in slide.iter(f"{{{checks.A}}}p"):
            if not checks.paragraph_text(paragraph).startswith(text):
                continue
            found = []
            for run in paragraph.iterfind("a:r", NS):
                props = run.find("a:rPr", NS)
                assert props is not None
                link = props.find("a:hlinkClick", NS)
                target = targets[link.get(f"{{{checks.R}}}id")] if link is not None else None
                if lang:
                    found.append((run.findtext("a:t", "", NS), props.get("lang", ""),
                                  props.get("b", "0")))
                    continue
                found.append((run.findtext("a:t", "", NS), props.get("b", "0"),
                              props.get("i", "0"), target))
            return found
    raise AssertionError(f"no paragraph starts with {text!r}")


@pytest.fixture(scope="module")
def markup_decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    """Return the parts of the deck built from each markup outline."""
    out = tmp_path_factory.mktemp("markup")
    for name in MARKUP:
        build(OUTLINES / f"{name}.yaml", Options(out_dir=out, summary=False))
    return {name: checks.read_parts(out / f"{name}.pptx") for name in MARKUP}


def test_bold_italic_and_links_are_runs(markup_decks: dict[str, dict[str, bytes]]) -> None:
    parts = markup_decks["markup.en"]
    assert runs_of(parts, "Grants replace") == [
        ("Grants", "1", "0", None), (" replace the cap on ", "0", "0", None),
        ("1 April", "0", "1", None)]
    assert runs_of(parts, "Paid monthly") == [
        ("Paid monthly, see ", "0", "0", None),
        ("the rules", "0", "0", "https://example.org/rules")]
    assert runs_of(parts, "The change saves") == [
        ("The change saves ", "0", "0", None), ("about €3bn", "0", "1", None),
        (" a year; see the ", "0", "0", None),
        ("impact note", "0", "0", "https://example.org/impact"), (".", "0", "0", None)]
    assert runs_of(parts, "Literal marks") == [
        ("Literal marks stay: 5 * 3, *not italic*, snake_case_name and [no link]", "0", "0",
         None)]
    assert runs_of(parts, "1. The") == [
        ("1. The ", "0", "0", None), ("2027", "1", "0", None),
        (" energy support review (Treasury, see ", "0", "0", None),
        ("annex B", "0", "1", None), (") ", "0", "0", None),
        ("https://example.org/review", "0", "0", "https://example.org/review")]


def test_japanese_runs_keep_their_language_inside_styled_spans(
        markup_decks: dict[str, dict[str, bytes]]) -> None:
    assert runs_of(markup_decks["markup.ja"], "給付金が") == [
        ("給付金", "1", "0", None), ("が", "0", "0", None), ("4月1日", "0", "1", None),
        ("に上限に代わる", "0", "0", None)]
    # In an English deck a Japanese phrase inside a bold span is a run of its own, ja-JP.
    assert runs_of(markup_decks["markup.en"], "The report's", lang=True) == [
        ("The report's title is ", "en-US", "0"), ("日本のエネルギー支援", "ja-JP", "1"),
        (", in Japanese", "en-US", "0")]


def test_line_breaks_are_breaks_inside_the_paragraph(
        markup_decks: dict[str, dict[str, bytes]]) -> None:
    texts = [text for _, texts, *_ in slide_contents(markup_decks["markup.en"])
             for text in texts]
    assert "Households on benefits get the full grant:\nothers get half" in texts
    assert "A pasted soft return\nkeeps its line break" in texts
    japanese = [text for _, texts, *_ in slide_contents(markup_decks["markup.ja"])
                for text in texts]
    assert "生活保護世帯は全額を受け取る：\nその他の世帯は半額" in japanese
    assert "「重要」です：貼り付けた改行\nも保たれる" in japanese


def test_notes_keep_their_markup(markup_decks: dict[str, dict[str, bytes]]) -> None:
    parts = markup_decks["markup.en"]
    name = next(n for n in checks.slide_names(parts)
                if checks.title_text(checks.parse(parts[n])) == "What changes")
    notes = next(rel.target for rel in checks.relationships(parts)
                 if rel.source == name and rel.type == checks.REL_NOTES)
    root = checks.parse(parts[notes])
    targets = {rel.rid: rel.target for rel in checks.relationships(parts)
               if rel.source == notes}
    bold = [run.findtext("a:t", "", NS) for run in root.iter(f"{{{checks.A}}}r")
            if run.find("a:rPr[@b='1']", NS) is not None]
    links = [targets[link.get(f"{{{checks.R}}}id")]
             for link in root.iter(f"{{{checks.A}}}hlinkClick")]
    assert bold == ["date"] and links == ["https://example.org/rules"]
    paragraphs = [checks.paragraph_text(p) for p in root.iter(f"{{{checks.A}}}p")
                  if checks.paragraph_text(p)]
    assert "Stress the date: 1 April." in paragraphs
    assert "Details are in the rules." in paragraphs


def line_ends(paragraph: Paragraph) -> tuple[str, set[int]]:
    """Return a paragraph's text as the checks compare it, and the offsets in it where its
    predicted lines start and end."""
    lines = [checks.normalise(line) for line in paragraph.lines]
    return "".join(lines), {sum(map(len, lines[:i])) for i in range(len(lines) + 1)}


def unpredicted_lines(keys: list[str], paragraphs: list[tuple[str, set[int]]]) -> list[str]:
    """Return the rendered lines (``keys``) that are not whole predicted lines of one of
    ``paragraphs``: a renderer may set two predicted lines as one (layout keeps a width
    margin), never break where layout did not."""
    def fits(key: str) -> bool:
        for text, ends in paragraphs:
            for start in ends:
                if text.startswith(key, start) and start + len(key) in ends:
                    return True
        return False
    return [key for key in keys if not fits(key)]


@pytest.mark.render
def test_rendered_lines_break_only_where_layout_predicted(tmp_path: Path) -> None:
    """Each slide of the markup and combined decks, rendered by LibreOffice, breaks its
    lines only where layout predicted a break, and shows all of the text: bold, italic and
    links move no break, and a line break in the outline is a rendered one."""
    checks.need_libreoffice()
    names = [*MARKUP, *EXPECTED]
    decks = []
    for name in names:
        report = build(OUTLINES / f"{name}.yaml", Options(out_dir=tmp_path, summary=False))
        decks.append(next(path for path in report.written if path.suffix == ".pptx"))
    checks.convert_to_pdf(decks, tmp_path)
    problems = []
    for name, deck in zip(names, decks, strict=True):
        parts = checks.read_parts(deck)
        family = checks.east_asian_face(parts)
        font = find_system_font(family) or resolve_font(family)
        slides = checks.read_rendered(parts, tmp_path / f"{deck.stem}.pdf",
                                      checks.em_box_of(font.path, font.index))
        pages = predicted_pages(OUTLINES / f"{name}.yaml")
        for page, slide in zip(pages, slides, strict=True):
            paragraphs = [line_ends(paragraph) for frame in (page.title, *page.shapes)
                          if isinstance(frame, TextFrame) for paragraph in frame.paragraphs]
            footers = {checks.normalise(text) for text in page.footers.values()}
            keys = [key for line in slide.lines if (key := slide.key(line))]
            rendered = [key for key in keys if key not in footers and not key.isdigit()]
            text = [key for key in ("".join(p) for p, _ in paragraphs)
                    if key not in footers and not key.isdigit()]
            where = f"{name} slide {slide.number}"
            problems += [f"{where}: {key!r} breaks where layout did not"
                         for key in unpredicted_lines(rendered, paragraphs)]
            if sorted("".join(rendered)) != sorted("".join(text)):
                problems.append(f"{where}: rendered {rendered}, predicted {text}")
    assert not problems, "\n".join(problems)


def test_a_long_styled_point_split_across_slides_keeps_its_styles(tmp_path: Path) -> None:
    middle = " ".join(f"word{n}" for n in range(400))
    outline = tmp_path / "long.yaml"
    outline.write_text("title: T\nlang: en\nsections:\n  - title: Long\n    points:\n"
                       f"      - '**Bold start** {middle} *italic end*'\n", encoding="utf-8")
    build(outline, Options(out_dir=tmp_path / "out", summary=False))
    parts = checks.read_parts(tmp_path / "out" / "long.pptx")
    runs = []
    slides = 0
    for name in checks.slide_names(parts):
        slide = checks.parse(parts[name])
        if not (checks.title_text(slide) or "").startswith("Long"):
            continue
        slides += 1
        body = [shape for shape in slide.iterfind(".//p:sp", NS)
                if checks.placeholder_type(shape) not in ("title", *FOOTERS)]
        for paragraph in (p for shape in body for p in shape.iter(f"{{{checks.A}}}p")):
            for run in paragraph.iterfind("a:r", NS):
                props = run.find("a:rPr", NS)
                assert props is not None
                runs.append((run.findtext("a:t", "", NS), props.get("b"), props.get("i")))
    assert slides >= 2
    assert runs[0] == ("Bold start", "1", None) and runs[-1] == ("italic end", None, "1")
    words = " ".join(text for text, *_ in runs).split()
    assert words == ["Bold", "start", *middle.split(), "italic", "end"]


@pytest.mark.parametrize("name", [*MARKUP, *EXPECTED])
def test_decks_with_markup_and_combined_sections_are_valid_packages(
        name: str, tmp_path: Path) -> None:
    report = build(OUTLINES / f"{name}.yaml", Options(out_dir=tmp_path, summary=False))
    deck = next(path for path in report.written if path.suffix == ".pptx")
    parts = checks.read_parts(deck)
    assert not checks.schema_errors(parts)
    result = validate_pptx(deck)
    assert result.is_valid, [error.description for error in result.errors]
    links = [rel for rel in checks.relationships(parts) if rel.type.endswith("/hyperlink")]
    assert all(rel.external for rel in links)
    assert not name.startswith("markup") or links


@pytest.mark.parametrize(("lang", "name"), [("ja", "nato-japan"), ("en", "nato-japan.en")])
def test_a_picture_credit_on_a_slide_is_labelled_as_on_the_one_pager(
        tmp_path: Path, lang: str, name: str) -> None:
    """The seed's map credit: 提供：Natural Earth in Japanese (a full-width colon), Credit:
    Natural Earth in English."""
    root = Path(__file__).resolve().parents[2]
    report = build(root / "outlines" / f"{name}.yaml", Options(out_dir=tmp_path, summary=False))
    deck = next(path for path in report.written if path.suffix == ".pptx")
    texts = [text for _, slide_texts, *_ in slide_contents(checks.read_parts(deck))
             for text in slide_texts]
    credit = {"ja": "提供：Natural Earth", "en": "Credit: Natural Earth"}[lang]
    assert credit in texts
    assert "Natural Earth" not in texts  # never shown bare

