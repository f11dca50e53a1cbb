"""The .pptx package: schema-valid, internally consistent, clean metadata, fonts, determinism."""

from __future__ import annotations

import datetime as dt
import re
import struct
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

import budoux
import pptx_checks as checks
import pytest
import yaml
from lxml import etree
from openxml_audit import ValidationSeverity, validate_pptx
from pptx_checks import NS

from briefing.api import Options, build

DECKS = ("ja", "en", "dark")
SLIDE_16_9 = (12192000, 6858000)
RUN_LANG = {"ja": "ja-JP", "en": "en-US"}
LOCAL_PATHS = (b"/work", b"/tmp", b"/home", b"C:\\", b"C:/")


class Deck(NamedTuple):
    """A built deck: which one, where it is, the outline it came from and its parts."""

    name: str
    path: Path
    outline: dict[str, Any]
    parts: dict[str, bytes]

    @property
    def lang(self) -> str:
        """Return the outline's language code."""
        return str(self.outline.get("lang", "en"))

    def xml(self, name: str) -> etree._Element:
        """Return the root element of the part ``name``."""
        return checks.parse(self.parts[name])

    def slides(self) -> list[tuple[int, str, etree._Element]]:
        """Return (number, part name, root) for every slide in presentation order."""
        return [(number, name, self.xml(name))
                for number, name in enumerate(checks.slide_names(self.parts), start=1)]


def outline_of(deck_name: str, seeds: dict[str, Path]) -> Path:
    """Return the outline a deck is built from (the dark deck is the Japanese outline)."""
    return seeds["en" if deck_name == "en" else "ja"]


def options_for(deck_name: str, out_dir: Path) -> Options:
    """Return the build options of a deck (the dark deck forces the dark theme)."""
    return Options(out_dir=out_dir, summary=False, theme="dark" if deck_name == "dark" else None)


def build_deck(deck_name: str, seeds: dict[str, Path], out_dir: Path) -> Path:
    """Return the path of a freshly built deck."""
    report = build(outline_of(deck_name, seeds), options_for(deck_name, out_dir))
    return next(path for path in report.written if path.suffix == ".pptx")


@pytest.fixture(scope="module")
def deck_paths(built_decks: dict[str, Path], seed_outlines: dict[str, Path],
               tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Return the decks under test by name: the two seed decks and ja in the dark theme."""
    dark = build_deck("dark", seed_outlines, tmp_path_factory.mktemp("dark"))
    return {**built_decks, "dark": dark}


@pytest.fixture(scope="module", params=DECKS)
def deck(request: pytest.FixtureRequest, deck_paths: dict[str, Path],
         seed_outlines: dict[str, Path]) -> Deck:
    """Return each deck under test with its outline and parts."""
    name: str = request.param
    outline = yaml.safe_load(outline_of(name, seed_outlines).read_text(encoding="utf-8"))
    return Deck(name, deck_paths[name], outline, checks.read_parts(deck_paths[name]))


def listing(problems: list[str]) -> str:
    """Return problems one per line for an assertion message."""
    return f"{len(problems)} problem(s):\n  " + "\n  ".join(problems)


# --- 1, 2: validity ---------------------------------------------------------------------------

def test_xml_parts_match_the_ooxml_schemas(deck: Deck) -> None:
    problems = checks.schema_errors(deck.parts)
    assert not problems, listing(problems)


def planted_error(path: Path) -> tuple[str, dict[str, bytes]]:
    """Return the first slide of a deck and the deck's parts with an unknown element in it."""
    parts = checks.read_parts(path)
    slide = checks.slide_names(parts)[0]
    parts[slide] = parts[slide].replace(b"<a:latin ", b"<a:bogus/><a:latin ", 1)
    return slide, parts


def test_schema_check_reports_a_planted_error(built_decks: dict[str, Path]) -> None:
    slide, broken = planted_error(built_decks["ja"])
    problems = checks.schema_errors(broken)
    assert len(problems) == 1
    assert slide in problems[0] and "bogus" in problems[0]


def test_openxml_audit_reports_no_errors(deck: Deck) -> None:
    result = validate_pptx(deck.path)
    problems = [f"{error.part_uri} {error.path}: {error.description}"
                for error in result.errors if error.severity == ValidationSeverity.ERROR]
    assert result.is_valid and not problems, listing(problems)


def test_openxml_audit_reports_a_planted_error(built_decks: dict[str, Path],
                                               tmp_path: Path) -> None:
    _, broken = planted_error(built_decks["ja"])
    checks.write_parts(broken, tmp_path / "broken.pptx")
    assert not validate_pptx(tmp_path / "broken.pptx").is_valid


# --- 3: integrity -----------------------------------------------------------------------------

def test_shape_ids_are_unique_within_each_slide(deck: Deck) -> None:
    problems: list[str] = []
    for number, name, slide in deck.slides():
        ids = Counter(element.get("id") for element in slide.iter(f"{{{checks.P}}}cNvPr"))
        problems.extend(f"slide {number} ({name}): id {shape_id} used {count} times"
                        for shape_id, count in ids.items() if count > 1)
    assert not problems, listing(problems)


def test_every_internal_relationship_target_exists(deck: Deck) -> None:
    problems = [f"{rel.source or '(package)'} {rel.rid} -> {rel.target} ({rel.type})"
                for rel in checks.relationships(deck.parts)
                if not rel.external and rel.target not in deck.parts]
    assert not problems, listing(problems)


def test_content_types_cover_every_part(deck: Deck) -> None:
    problems = checks.uncovered_parts(deck.parts)
    assert not problems, listing(problems)


# --- 4: metadata ------------------------------------------------------------------------------

def outline_day(outline: dict[str, Any]) -> str:
    """Return the outline's date as YYYY-MM-DD."""
    value = outline["date"]
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def core_of(folder: Path, outline: str, env: dict[str, str] | None = None) -> etree._Element:
    """Return docProps/core.xml of the deck built from ``outline`` (text) in ``folder``."""
    path = folder / "talk.yaml"
    path.write_text(outline, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        for key, value in (env or {}).items():
            patch.setenv(key, value)
        build(path, Options(out_dir=folder / "out", summary=False))
    with zipfile.ZipFile(folder / "out" / "talk.pptx") as package:
        return etree.fromstring(package.read("docProps/core.xml"))


def test_pictures_are_stored_and_other_members_deflated_at_the_chosen_level(
        deck: Deck) -> None:
    """Pictures already compressed are stored as they are; every other member is deflated
    by ISA-L at its level 1 (a seventh of zlib's time for as many bytes)."""
    import zlib

    from isal import isal_zlib

    with zipfile.ZipFile(deck.path) as package:
        for info in package.infolist():
            if info.filename.startswith("ppt/media/"):
                assert info.compress_type == zipfile.ZIP_STORED, info.filename
                continue
            assert info.compress_type == zipfile.ZIP_DEFLATED, info.filename
            with deck.path.open("rb") as raw:  # the member's bytes as written, after its header
                raw.seek(info.header_offset + 26)
                name_length, extra_length = struct.unpack("<HH", raw.read(4))
                raw.seek(name_length + extra_length, 1)
                written = raw.read(info.compress_size)
            deflater = isal_zlib.compressobj(1, isal_zlib.DEFLATED, -15)
            expected = deflater.compress(package.read(info)) + deflater.flush()
            assert written == expected, info.filename
            assert zlib.decompress(written, -15) == package.read(info)  # standard deflate


def test_without_a_date_the_deck_has_no_document_date(tmp_path: Path) -> None:
    core = core_of(tmp_path, "title: T\nsections:\n  - title: A\n    points: [a]\n")
    assert core.find("dcterms:created", namespaces=NS) is None
    assert core.find("dcterms:modified", namespaces=NS) is None


def test_source_date_epoch_stands_in_for_a_missing_date(tmp_path: Path) -> None:
    core = core_of(tmp_path, "title: T\nsections:\n  - title: A\n    points: [a]\n",
                   {"SOURCE_DATE_EPOCH": "1795046400"})  # 20776 days: 2026-11-19
    assert core.findtext("dcterms:created", namespaces=NS) == "2026-11-19T00:00:00Z"


def test_long_properties_are_cut_never_the_content(tmp_path: Path) -> None:
    subtitle, author = "s" * 287, "Author Name, " * 30
    core = core_of(tmp_path, f"title: T\nsubtitle: {subtitle}\nauthor: {author}\n"
                             "sections:\n  - title: A\n    points: [a]\n")
    assert core.findtext("dc:subject", namespaces=NS) == "s" * 254 + "…"
    creator = core.findtext("dc:creator", namespaces=NS)
    assert len(creator) <= 255 and creator.endswith("…")
    assert author.startswith(creator[:-1])
    with zipfile.ZipFile(tmp_path / "out" / "talk.pptx") as package:
        slides = "".join(package.read(n).decode() for n in package.namelist()
                         if n.startswith("ppt/slides/slide"))
    shown = "".join(re.findall(r"<a:t>([^<]*)</a:t>", slides))
    assert subtitle in shown  # the slide keeps the whole subtitle (over several lines)


def test_core_properties_come_from_the_outline(deck: Deck) -> None:
    core = deck.xml("docProps/core.xml")
    author = str(deck.outline["author"])
    midnight = f"{outline_day(deck.outline)}T00:00:00Z"
    assert core.findtext("dc:creator", namespaces=NS) == author
    assert core.findtext("cp:lastModifiedBy", namespaces=NS) == author
    assert core.findtext("dcterms:created", namespaces=NS) == midnight
    assert core.findtext("dcterms:modified", namespaces=NS) == midnight
    text = deck.parts["docProps/core.xml"].decode("utf-8")
    for leftover in ("python-pptx", "Steve Canny"):
        assert leftover not in text


def test_app_properties_name_no_office_vendor(deck: Deck) -> None:
    app = deck.parts["docProps/app.xml"].decode("utf-8")
    assert "Microsoft" not in app
    assert "python-pptx" not in app


def test_package_has_no_thumbnail(deck: Deck) -> None:
    thumbnails = [name for name in deck.parts if "thumbnail" in name.lower()]
    thumbnails += [f"{rel.source or '(package)'} {rel.rid}"
                   for rel in checks.relationships(deck.parts) if rel.type.endswith("/thumbnail")]
    assert not thumbnails


def test_no_part_holds_a_local_path(deck: Deck) -> None:
    problems = [f"{name}: {path.decode()!r}" for name, data in sorted(deck.parts.items())
                for path in LOCAL_PATHS if path in data]
    assert not problems, listing(problems)


def test_pictures_carry_alt_text(deck: Deck) -> None:
    pictures, problems = 0, []
    for number, _, slide in deck.slides():
        for c_nv_pr in slide.iterfind(".//p:pic/p:nvPicPr/p:cNvPr", NS):
            pictures += 1
            if not (c_nv_pr.get("descr") or "").strip():
                problems.append(f"slide {number}: picture {c_nv_pr.get('name')!r} has no descr")
    assert pictures, "the seed outline places an image; the deck should hold a picture"
    assert not problems, listing(problems)


JAPANESE = re.compile("[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")


# --- 5: fonts and language --------------------------------------------------------------------

def test_every_run_carries_its_language_and_named_faces(deck: Deck) -> None:
    """Japanese text is ja-JP in any deck; a run names no typeface (the theme's font scheme
    gives both, see the next test) or names both a Latin and an East Asian one."""
    wanted = RUN_LANG[deck.lang]
    names = [name for name in sorted(deck.parts)
             if re.fullmatch(r"ppt/(slides/slide|notesSlides/notesSlide)\d+\.xml", name)]
    problems, runs = [], 0
    for name in names:
        root = deck.xml(name)
        for run in root.iter(f"{{{checks.A}}}r"):
            runs += 1
            text = "".join(t.text or "" for t in run.iter(f"{{{checks.A}}}t"))
            props = run.find("a:rPr", NS)
            where = f"{name}: {text[:20]!r}"
            if props is None:
                problems.append(f"{where}: no a:rPr")
                continue
            faces = [props.find(f"a:{face}", NS) for face in ("latin", "ea")]
            if any(f is not None for f in faces) and not all(
                    f is not None and f.get("typeface") for f in faces):
                problems.append(f"{where}: names one script's typeface, not both")
            expected = "ja-JP" if JAPANESE.search(text) else wanted
            if props.get("lang") != expected:
                problems.append(f"{where}: lang={props.get('lang')!r}, expected {expected!r}")
    assert runs, "no text runs found"
    assert not problems, listing(problems)


def test_theme_font_scheme_names_latin_and_east_asian_faces(deck: Deck) -> None:
    masters = checks.related(deck.parts, "ppt/presentation.xml", checks.REL_MASTER)
    themes = {theme for master in masters
              for theme in checks.related(deck.parts, master, checks.REL_THEME)}
    assert themes, "the slide master has no theme"
    problems = []
    for theme in sorted(themes):
        scheme = deck.xml(theme).find(".//a:fontScheme", NS)
        assert scheme is not None, f"{theme} has no a:fontScheme"
        for kind in ("majorFont", "minorFont"):
            for face in ("latin", "ea"):
                element = scheme.find(f"a:{kind}/a:{face}", NS)
                if element is None or not element.get("typeface", "").strip():
                    problems.append(f"{theme}: {kind} has no {face} typeface")
    assert not problems, listing(problems)


# --- 6: titles and size -----------------------------------------------------------------------

def test_every_slide_has_a_title_placeholder_with_text(deck: Deck) -> None:
    problems = []
    for number, name, slide in deck.slides():
        title = checks.title_text(slide)
        if title is None:
            problems.append(f"slide {number} ({name}): no title or ctrTitle placeholder")
        elif not title.strip():
            problems.append(f"slide {number} ({name}): the title placeholder is empty")
    assert not problems, listing(problems)


def test_slide_size_is_16_9(deck: Deck) -> None:
    assert checks.slide_size(deck.parts) == SLIDE_16_9


# --- 7: determinism ---------------------------------------------------------------------------

@pytest.mark.parametrize("deck_name", DECKS)
def test_rebuilding_gives_identical_bytes(deck_name: str, deck_paths: dict[str, Path],
                                          seed_outlines: dict[str, Path],
                                          tmp_path: Path) -> None:
    again = build_deck(deck_name, seed_outlines, tmp_path)
    assert again.parent != deck_paths[deck_name].parent
    assert again.read_bytes() == deck_paths[deck_name].read_bytes()


# --- 8: speaker notes -------------------------------------------------------------------------

def test_section_slides_carry_speaker_notes(deck: Deck) -> None:
    sections = deck.outline.get("sections") or []
    slides = [(checks.normalise(checks.title_text(slide) or ""), bool(
        checks.notes_text(deck.parts, name))) for _, name, slide in deck.slides()]
    with_notes = sum(has_notes for _, has_notes in slides)
    assert with_notes >= len(sections), f"{with_notes} slides with notes, {len(sections)} sections"
    missing = []
    for section in sections:
        if not str(section.get("notes") or "").strip():
            continue
        title = checks.normalise(str(section["title"]))
        if not any(has_notes and slide_title.startswith(title)
                   for slide_title, has_notes in slides):
            missing.append(f"section {section['title']!r}: no slide with this title has notes")
    assert not missing, listing(missing)


def test_a_notes_only_section_is_a_title_slide_with_its_notes(tmp_path: Path) -> None:
    outline = tmp_path / "talk.yaml"
    outline.write_text("title: 防衛協力\nsections:\n  - title: 背景\n    points: [一つ目]\n"
                       "  - title: 自由討議\n    notes: 参加者の意見を聞く\n"
                       "  - title: 休憩\n", encoding="utf-8")
    build(outline, Options(out_dir=tmp_path / "out", summary=False))
    with zipfile.ZipFile(tmp_path / "out" / "talk.pptx") as package:
        names = sorted((n for n in package.namelist()
                        if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)),
                       key=lambda n: int(re.findall(r"\d+", n)[0]))
        slides = [package.read(n).decode() for n in names]
        notes = [package.read(n).decode() for n in package.namelist()
                 if re.fullmatch(r"ppt/notesSlides/notesSlide\d+\.xml", n)]
    texts = ["".join(re.findall(r"<a:t>([^<]*)</a:t>", slide)) for slide in slides]
    discussion = next(i for i, text in enumerate(texts) if text.startswith("自由討議"))
    assert texts[discussion + 1].startswith("休憩")
    assert any("参加者の意見を聞く" in note for note in notes)
    assert 'type="title"' in slides[discussion]


HEADINGS = ["日本と北大西洋条約機構の安全保障協力がインド太平洋地域にもたらす戦略的な意義",
            "サイバー防衛と宇宙分野における新たな協力の枠組みと今後の課題について"]


def test_deck_headings_break_between_phrases(tmp_path: Path) -> None:
    sections = "".join(f"  - title: {title}\n    points: [要点]\n" for title in HEADINGS)
    outline = tmp_path / "talk.yaml"
    outline.write_text(f"title: {HEADINGS[0]}\nsections:\n{sections}", encoding="utf-8")
    build(outline, Options(out_dir=tmp_path / "out", summary=False))
    parser = budoux.load_default_japanese_parser()
    with zipfile.ZipFile(tmp_path / "out" / "talk.pptx") as package:
        slides = [etree.fromstring(package.read(n)) for n in package.namelist()
                  if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
    checked = 0
    for slide in slides:
        for shape in slide.iterfind(".//p:sp", NS):
            if shape.find(".//p:ph[@type='title']", NS) is None and shape.find(
                    ".//p:ph[@type='ctrTitle']", NS) is None:
                continue
            for paragraph in shape.iterfind(".//a:p", NS):
                lines = [""]
                for child in paragraph:
                    if child.tag == f"{{{NS['a']}}}br":
                        lines.append("")
                    elif child.tag == f"{{{NS['a']}}}r":
                        lines[-1] += child.findtext("a:t", "", NS)
                text = "".join(lines)
                if text not in HEADINGS or len(lines) < 2:
                    continue
                phrases = parser.parse(text)  # the oracle: BudouX on its own
                bounds = {len("".join(phrases[:i])) for i in range(len(phrases) + 1)}
                ends = [len("".join(lines[:i + 1])) for i in range(len(lines))]
                assert set(ends) <= bounds, lines
                checked += 1
    assert checked >= 2  # the cover title and at least one slide title wrapped


FOOTER_OUTLINE = ("title: {title}\nlang: {lang}\ndate: 2027-02-10\n"
                  "organization: 政策調査部 Policy Unit\nclassification: 社外秘 INTERNAL\n"
                  "sections:\n  - title: {title}\n    points: [{point}]\n")
WILD_TEMPLATE = checks.ROOT.parent / "shared" / "templates-wild" / "ceplan__template-slides.pptx"


def footer_runs(path: Path) -> dict[str, list[tuple[str, str | None, str | None]]]:
    """Return (text, lang, altLang) of every run and field of each footer placeholder type
    on the deck's second slide (a content slide)."""
    parts = checks.read_parts(path)
    slide = checks.parse(parts[checks.slide_names(parts)[1]])
    found: dict[str, list[tuple[str, str | None, str | None]]] = {}
    for shape in slide.iterfind(".//p:sp", NS):
        kind = checks.placeholder_type(shape)
        if kind not in ("dt", "ftr", "sldNum"):
            continue
        for run in shape.iter(f"{{{checks.A}}}r", f"{{{checks.A}}}fld"):
            props = run.find("a:rPr", NS)
            assert props is not None, kind
            found.setdefault(kind, []).append((run.findtext("a:t", "", NS), props.get("lang"),
                                               props.get("altLang")))
    return found


@pytest.mark.parametrize("template", [None, WILD_TEMPLATE], ids=["built-in", "ceplan"])
def test_footer_runs_carry_the_language_of_their_script(template: Path | None,
                                                        tmp_path: Path) -> None:
    english = tmp_path / "english.yaml"
    english.write_text(FOOTER_OUTLINE.format(title="Budget review", lang="en", point="One"),
                       encoding="utf-8")
    build(english, Options(out_dir=tmp_path, template=template, summary=False))
    # In an English deck the footer's Japanese words are ja-JP runs (with en-US as their
    # alternative language), the rest en-US; spaces stay with the run before them.
    runs = footer_runs(tmp_path / "english.pptx")
    assert runs["ftr"] == [("政策調査部 ", "ja-JP", "en-US"), ("Policy Unit · ", "en-US", None),
                           ("社外秘 ", "ja-JP", "en-US"), ("INTERNAL", "en-US", None)]
    assert runs["dt"] == [("10 February 2027", "en-US", None)]
    assert runs["sldNum"] == [("2", "en-US", None)]
    japanese = tmp_path / "japanese.yaml"
    japanese.write_text(FOOTER_OUTLINE.format(title="予算の見直し", lang="ja", point="一"),
                        encoding="utf-8")
    build(japanese, Options(out_dir=tmp_path, template=template, summary=False))
    every = [run for kind, found in footer_runs(tmp_path / "japanese.pptx").items()
             for run in found]
    assert every and {(lang, alt) for _, lang, alt in every} == {("ja-JP", "en-US")}
    assert next(text for text, *_ in every) == "2027年2月10日"


def test_the_deck_shows_dates_as_the_one_pager_does(tmp_path: Path) -> None:
    outline = tmp_path / "dated.yaml"
    outline.write_text("title: T\nlang: en\ndate: 2027-02-10\ndate_format: '%a %-d %b %Y'\n"
                       "author: A\nsections:\n  - title: S\n    points: [p]\n",
                       encoding="utf-8")
    build(outline, Options(out_dir=tmp_path, summary=False))
    parts = checks.read_parts(tmp_path / "dated.pptx")
    cover, content = (checks.parse(parts[name]) for name in checks.slide_names(parts)[:2])
    texts = [checks.paragraph_text(p) for p in cover.iter(f"{{{checks.A}}}p")]
    assert "Wed 10 Feb 2027" in texts  # 10 February 2027 was a Wednesday
    dates = [checks.paragraph_text(p) for shape in content.iterfind(".//p:sp", NS)
             if checks.placeholder_type(shape) == "dt" for p in shape.iter(f"{{{checks.A}}}p")]
    assert dates == ["Wed 10 Feb 2027"]


def test_kept_relationship_parts_are_known_by_their_folder() -> None:
    # Oracle: the same relationships written by python-pptx from parts in two folders; the
    # relative targets differ (OPC, ECMA-376 Part 2, 9.3.2: relative to the source's folder).
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    from briefing.render.pptx import _relationships_xml

    target = Part(PackURI("/ppt/slideLayouts/slideLayout1.xml"), "application/xml", None, b"")
    written = []
    for name in ("/ppt/slides/slide1.xml", "/ppt/extra/deeper/part1.xml"):
        source = Part(PackURI(name), "application/xml", None, b"")
        source.relate_to(target, RT.SLIDE_LAYOUT)
        written.append(_relationships_xml(source))
    assert b'Target="../slideLayouts/slideLayout1.xml"' in written[0]
    assert b'Target="../../slideLayouts/slideLayout1.xml"' in written[1]
