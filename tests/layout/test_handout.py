"""Handout layout: three slides a page, notes beside them broken with kinsoku and never cut,
the title and page numbers in the margins."""

from __future__ import annotations

import io
import itertools

import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from briefing.layout.boxes import Picture, TextFrame
from briefing.layout.handout import HandoutSlide, layout_handout
from briefing.layout.summary import Sheet, sheet_lines
from briefing.text.fonts import FontFile, Measurer

# JIS X 4051 / JLREQ, written out here: what may not start a line, and what may not end one.
NOT_AT_START = set("、。，．・：；？！ー」』）】〕〉》"
                   "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々")
NOT_AT_END = set("「『（【〔〈《")
A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)
NOTE = ("NATOは1949年に設立された。主な目的は、加盟国の共同防衛と政治的統合を通じて"
        "北大西洋地域の平和と安全を維持することにある。「集団防衛」の原則が核心である。")


def png(width: int = 160, height: int = 90) -> bytes:
    """Return a small slide-shaped PNG."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#1F4E79").save(buffer, format="PNG")
    return buffer.getvalue()


def slides(count: int, notes: str | None = NOTE) -> list[HandoutSlide]:
    """Return ``count`` slides, each with ``notes`` ended by its number (notes alike on
    neighbouring slides are printed once)."""
    return [HandoutSlide(n, png(), 160, 90, None if notes is None else f"{notes}（{n}）")
            for n in range(1, count + 1)]


@pytest.fixture(scope="module")
def measurer(fonts: tuple[FontFile, FontFile]) -> Measurer:
    """Return a measurer over the default theme's fonts."""
    return Measurer(*fonts)


@pytest.fixture(scope="module")
def advances(fonts: tuple[FontFile, FontFile]) -> dict[int, float]:
    """Return the East Asian face's advances in em, read with fontTools (independent)."""
    face = TTFont(str(fonts[1].path), fontNumber=fonts[1].index, lazy=True)
    upem = face["head"].unitsPerEm
    widths = face["hmtx"].metrics
    return {code: widths[name][0] / upem for code, name in face.getBestCmap().items()}


def pictures(sheet: Sheet) -> list[Picture]:
    """Return the pictures of a page."""
    return [s for s in sheet.shapes if isinstance(s, Picture)]


def notes_text(sheets: list[Sheet]) -> str:
    """Return the text of every notes frame, in order, lines joined."""
    return "".join(line for sheet in sheets for shape in sheet.shapes
                   if isinstance(shape, TextFrame) and shape.name == "Notes"
                   for paragraph in shape.paragraphs for line in paragraph.lines)


def test_three_slides_a_page(measurer: Measurer) -> None:
    sheets = layout_handout(slides(7), "Title", "ja", measurer)
    assert [len(pictures(s)) for s in sheets] == [3, 3, 1]
    assert all((s.width, s.height) == pytest.approx(A4) for s in sheets)


def test_letter_paper(measurer: Measurer) -> None:
    sheets = layout_handout(slides(2), "Title", "en", measurer, "letter")
    assert (sheets[0].width, sheets[0].height) == pytest.approx(LETTER)


def test_images_keep_their_shape_and_stay_inside_the_margins(measurer: Measurer) -> None:
    for sheet in layout_handout(slides(6), "Title", "ja", measurer):
        boxes = [p.box for p in pictures(sheet)]
        for box in boxes:
            assert box.w / box.h == pytest.approx(16 / 9)
            assert box.x >= 36 and box.right <= sheet.width - 36
            assert box.y >= 36 and box.bottom <= sheet.height - 36
        assert all(a.bottom < b.y for a, b in itertools.pairwise(boxes))


def test_notes_sit_beside_their_slide_within_the_page(measurer: Measurer) -> None:
    sheet = layout_handout(slides(3), "Title", "ja", measurer)[0]
    notes = [s for s in sheet.shapes if isinstance(s, TextFrame) and s.name == "Notes"]
    for picture, frame in zip(pictures(sheet), notes, strict=True):
        assert frame.box.x > picture.box.right
        assert frame.box.y == pytest.approx(picture.box.y)
    for line in sheet_lines(sheet):
        assert 18 <= line.y <= sheet.height - 18


def test_note_lines_fit_their_column_and_respect_kinsoku(measurer: Measurer,
                                                         advances: dict[int, float]) -> None:
    dense = "「はい」、「いいえ」。（注）ちょっと、ショッピング。" * 12  # a break chance every few
    long_note = "\n".join([NOTE, dense, NOTE])
    sheets = layout_handout(slides(3, long_note), "Title", "ja", measurer)
    frames = [s for sheet in sheets for s in sheet.shapes
              if isinstance(s, TextFrame) and s.name == "Notes"]
    lines = [line for frame in frames for p in frame.paragraphs for line in p.lines]
    assert len(lines) > 10
    for frame in frames:
        for paragraph in frame.paragraphs:
            for line in paragraph.lines:
                width = sum(advances.get(ord(c), 0.6) for c in line) * paragraph.size
                assert width <= frame.box.w + 0.01, line
    assert not [line for line in lines[1:] if line[0] in NOT_AT_START]
    assert not [line for line in lines if line[-1] in NOT_AT_END]


def test_no_note_text_is_lost(measurer: Measurer) -> None:
    note = "\n".join(f"{n}: {NOTE}" for n in range(40))  # longer than a page
    sheets = layout_handout(slides(2, note), "Title", "ja", measurer)
    expected = "".join(f"{note}（{n}）".replace(" ", "").replace("\n", "") for n in (1, 2))
    assert "".join(notes_text(sheets).split()) == expected


def test_notes_longer_than_a_page_continue_under_a_label(measurer: Measurer) -> None:
    note = "\n".join([NOTE] * 40)
    sheets = layout_handout(slides(1, note), "Title", "ja", measurer)
    assert len(sheets) >= 2
    assert len(pictures(sheets[0])) == 1 and not pictures(sheets[1])
    labels = [line.text for line in sheet_lines(sheets[1])]
    assert "スライド 1（続き）" in labels


def test_long_notes_take_more_slots_not_a_smaller_size(measurer: Measurer) -> None:
    note = "\n".join([NOTE] * 9)
    sheets = layout_handout(slides(3, note), "Title", "ja", measurer)
    assert len(pictures(sheets[0])) < 3
    sizes = {p.size for sheet in sheets for s in sheet.shapes
             if isinstance(s, TextFrame) and s.name == "Notes" for p in s.paragraphs}
    assert sizes == {8.5}


def test_a_slide_without_notes_gets_writing_lines(measurer: Measurer) -> None:
    sheet = layout_handout(slides(1, None), "Title", "en", measurer)[0]
    assert sum(1 for s in sheet.shapes if getattr(s, "name", "") == "Writing line") == 6


def test_title_and_page_numbers_in_the_margins(measurer: Measurer) -> None:
    sheets = layout_handout(slides(7), "NATOと日本の強化される関係", "ja", measurer)
    for number, sheet in enumerate(sheets, start=1):
        texts = {line.text: line for line in sheet_lines(sheet)}
        title = texts["NATOと日本の強化される関係"]
        page = texts[f"{number} / {len(sheets)}"]
        first_picture = min(p.box.y for p in pictures(sheet))
        assert title.y < first_picture
        assert page.y > max(p.box.bottom for p in pictures(sheet))
        assert page.y > sheet.height - 44


def test_the_slide_number_labels_each_image(measurer: Measurer) -> None:
    sheets = layout_handout(slides(4), "Title", "en", measurer)
    labels = [line.text for sheet in sheets for line in sheet_lines(sheet)
              if line.text.startswith("Slide ")]
    assert labels == ["Slide 1", "Slide 2", "Slide 3", "Slide 4"]
    assert [p.alt for sheet in sheets for p in pictures(sheet)] == labels




@pytest.mark.parametrize("repeat", [1, 5, 9, 40])
def test_notes_stay_in_the_content_area_and_clear_the_next_slide(measurer: Measurer,
                                                                  repeat: int) -> None:
    note = "\n".join([NOTE] * repeat)
    for sheet in layout_handout(slides(4, note), "Title", "ja", measurer):
        tops = sorted(p.box.y for p in pictures(sheet))
        for shape in sheet.shapes:
            if isinstance(shape, TextFrame) and shape.name == "Notes":
                bottom = shape.box.y + shape.text_height
                assert bottom <= sheet.height - 44 + 0.01
                later = [top for top in tops if top > shape.box.y]
                assert not later or bottom <= later[0], "notes run into the next slide"


def test_notes_show_their_markup_as_styles(measurer: Measurer) -> None:
    notes = ("Stress the **date**: 1 April.\n"
             + "Details are in *the rules*, [online](https://example.org/rules). " * 12)
    sheets = layout_handout(slides(1, notes), "Title", "en", measurer)
    lines = list(sheet_lines(sheets[0]))
    text = " ".join(line.text for line in lines)
    assert "**" not in text and "](" not in text and "*the" not in text
    styled = [(span.text, span.bold, span.italic, span.href) for line in lines
              for span in line.spans if span.bold or span.italic or span.href]
    assert styled[0] == ("date", True, False, None)
    # "the rules" may break across two lines: each piece stays italic.
    italic = [text for text, _, slanted, _ in styled if slanted]
    assert " ".join(italic).split() == ["the", "rules"] * 12
    assert styled.count(("online", False, False, "https://example.org/rules")) == 12


def test_notes_alike_on_neighbouring_slides_are_printed_once(measurer: Measurer) -> None:
    """A section continued over slides carries its notes on each; the handout prints them
    beside the first and refers to it beside the others."""
    alike = [HandoutSlide(n, png(), 160, 90, NOTE) for n in (1, 2, 3)]
    other = HandoutSlide(4, png(), 160, 90, "別のノート。")
    sheets = layout_handout([*alike, other], "Title", "ja", measurer)
    frames = [s for sheet in sheets for s in sheet.shapes if isinstance(s, TextFrame)]
    notes = ["".join(p.text for p in f.paragraphs).replace(" ", "") for f in frames
             if f.name == "Notes"]
    assert notes == [NOTE, "別のノート。"]
    same = [f.paragraphs[0].text for f in frames if f.name == "Same notes"]
    assert same == ["ノートはスライド 1 と同じ", "ノートはスライド 1 と同じ"]
