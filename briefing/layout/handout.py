"""The handout: slide images beside their speaker notes, three slides a page, the title and
page numbers in the margins. Unit: points; notes are broken into lines here (phrases, kinsoku)."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from briefing.color import Color
from briefing.geometry import Box
from briefing.labels import continued, label
from briefing.layout.boxes import Paragraph, Picture, Rect, Rule, Shape, TextFrame
from briefing.layout.sheet import Paper, Sheet, paper_size
from briefing.layout.typeset import set_frame
from briefing.text.fit import wrap_phrases, wrap_text
from briefing.text.fonts import Measurer
from briefing.text.markup import Span, joined, lines_of, parse_inline, spans_of_lines, text_of

SLOTS = 3  # slides a page
MARGIN_X = 42.0
HEADER = 54.0  # top margin: the title sits in it
FOOTER = 44.0  # bottom margin: the page number sits in it
SLOT_GAP = 14.0
COLUMN_GAP = 16.0
IMAGE_SHARE = 0.5  # of the width between the side margins
NOTE_SIZE = 8.5
LEADING = 1.55  # baseline to baseline, in ems: room for a reader's marks between lines
MARGIN_SIZE = 8.0  # title and page numbers
LABEL_SIZE = 7.5  # the slide number under each image
WRITING_LINES = 6  # ruled lines beside a slide that has no notes
TEXT = Color.of("1F2933")  # print colours, whatever the deck's theme: dark ink on white
MUTED = Color.of("6B7785")
HAIRLINE = Color.of("C9D2DC")
BASELINE = 1.16  # ems from a line's top to its baseline (as the one-pager)


@dataclass(frozen=True)
class HandoutSlide:
    """One slide for the handout: its image (PNG) and pixel size, number and speaker notes."""

    number: int
    image: bytes
    width: int
    height: int
    notes: str | None
    notes_of: int | None = None  # the slide these notes are printed beside, when another's


# A predicted line of notes: its text and its styled spans (bold, italic, links).
Line = tuple[str, tuple[Span, ...]]


@dataclass(frozen=True)
class _Entry:
    """A slide (or the continuation of its notes) placed in ``slots`` consecutive slots."""

    slide: HandoutSlide
    lines: tuple[tuple[Line, ...], ...]  # the notes' paragraphs, broken into lines
    slots: int
    first: bool


@dataclass(frozen=True)
class _Frame:
    """The page geometry every handout page shares."""

    width: float
    height: float
    slot: float  # height of one slot
    image_width: float
    notes_x: float
    notes_width: float


def layout_handout(slides: Sequence[HandoutSlide], title: str, lang: str, measurer: Measurer,
                   paper: Paper = "a4") -> list[Sheet]:
    """Return the handout pages of ``slides`` on ``paper`` (portrait).

    Each slide takes one of the three slots of a page; notes longer than a slot take the
    next slots of the same page, and notes longer than a page continue on the next page
    under a continuation label, so nothing is cut. Notes the slide before has too are
    printed once (``notes_once``).
    """
    frame = _frame(paper)
    pages = _paginate(list(_entries(notes_once(slides), frame, measurer, lang)))
    return [Sheet(frame.width, frame.height,
                  tuple(set_frame(measurer, s) if isinstance(s, TextFrame) else s
                        for s in _page_shapes(page, index, len(pages), title, lang, frame,
                                              measurer)),
                  (), title, lang, BASELINE)
            for index, page in enumerate(pages)]


def _frame(paper: Paper) -> _Frame:
    """Return the geometry of a portrait page of ``paper``."""
    width, height = paper_size(paper, False)
    inner = width - 2 * MARGIN_X
    slot = (height - HEADER - FOOTER - (SLOTS - 1) * SLOT_GAP) / SLOTS
    image_width = inner * IMAGE_SHARE
    notes_x = MARGIN_X + image_width + COLUMN_GAP
    return _Frame(width, height, slot, image_width, notes_x, width - MARGIN_X - notes_x)


def _entries(slides: Sequence[HandoutSlide], frame: _Frame, measurer: Measurer,
             lang: str) -> Iterator[_Entry]:
    """Return each slide as entries: its notes in lines, split where they pass a page.

    Heights are counted in half lines: a line is two, the gap between paragraphs one.
    """
    half = NOTE_SIZE * LEADING / 2
    per_slot = max(2, int((frame.slot + SLOT_GAP) // half))
    per_page = max(2, int((SLOTS * frame.slot + (SLOTS - 1) * SLOT_GAP) // half))
    for slide in slides:
        shown = slide.notes if slide.notes_of is None else None
        paragraphs = [_lines(spans, measurer, frame.notes_width, lang)
                      for spans in lines_of(parse_inline((shown or "").strip()))
                      if text_of(spans).strip()]
        first = True
        while True:
            room = max(2, per_page - (0 if first else 2))  # a label takes a line
            taken, paragraphs = _take(paragraphs, room)
            used = _halves(taken) + (0 if first else 2)
            yield _Entry(slide, tuple(taken), max(1, math.ceil(used / per_slot)), first)
            if not paragraphs:
                break
            first = False


def notes_once(slides: Sequence[HandoutSlide]) -> list[HandoutSlide]:
    """Return ``slides`` with notes that repeat the slide before's (a section continued over
    slides carries its notes on each) printed once: each later slide refers to the first."""
    marked: list[HandoutSlide] = []
    for slide in slides:
        before = marked[-1] if marked else None
        notes = (slide.notes or "").strip()
        if before is not None and notes and notes == (before.notes or "").strip():
            slide = replace(slide, notes_of=before.notes_of or before.number)
        marked.append(slide)
    return marked


def _lines(spans: tuple[Span, ...], measurer: Measurer, width: float,
           lang: str) -> tuple[Line, ...]:
    """Return a notes paragraph (its inline markup read) broken into lines within
    ``width`` as the one-pager breaks its text (phrases, whole words and numbers, kinsoku,
    no stub last line), each line with its spans."""
    lines = wrap_phrases(measurer, text_of(spans), NOTE_SIZE, width, lang)
    return tuple(zip(lines, spans_of_lines(spans, lines), strict=True))


def _halves(paragraphs: Sequence[tuple[Line, ...]]) -> int:
    """Return the height of ``paragraphs`` in half lines."""
    return 2 * sum(len(p) for p in paragraphs) + max(0, len(paragraphs) - 1)


def _take(paragraphs: list[tuple[Line, ...]], room: int,
          ) -> tuple[list[tuple[Line, ...]], list[tuple[Line, ...]]]:
    """Return the paragraphs that fit ``room`` half lines (the last one split if need be),
    and the rest."""
    taken: list[tuple[Line, ...]] = []
    for index, paragraph in enumerate(paragraphs):
        left = room - _halves(taken) - (1 if taken else 0)
        if 2 * len(paragraph) > left:
            if left >= 2:
                taken.append(paragraph[:left // 2])
                return taken, [paragraph[left // 2:], *paragraphs[index + 1:]]
            return taken, paragraphs[index:]
        taken.append(paragraph)
    return taken, []


def _paginate(entries: list[_Entry]) -> list[list[tuple[_Entry, int]]]:
    """Return pages of (entry, first slot) pairs: entries in order, a page holding SLOTS."""
    pages: list[list[tuple[_Entry, int]]] = [[]]
    used = 0
    for entry in entries:
        if used + entry.slots > SLOTS and pages[-1]:
            pages.append([])
            used = 0
        pages[-1].append((entry, used))
        used += entry.slots
    return pages


def _page_shapes(page: list[tuple[_Entry, int]], index: int, count: int, title: str,
                 lang: str, frame: _Frame, measurer: Measurer) -> tuple[Shape, ...]:
    """Return the shapes of one page: margins, then each entry in its slots."""
    shapes: list[Shape] = list(_margins(index, count, title, frame, measurer))
    for entry, slot in page:
        top = HEADER + slot * (frame.slot + SLOT_GAP)
        shapes.extend(_entry_shapes(entry, top, lang, frame, measurer))
    return tuple(shapes)


def _margins(index: int, count: int, title: str, frame: _Frame,
             measurer: Measurer) -> Iterator[Shape]:
    """Return the title in the top margin, a hairline under it and the page number below."""
    size = MARGIN_SIZE
    height = size * LEADING
    inner = frame.width - 2 * MARGIN_X
    lines = wrap_text(measurer, title, size, inner)
    shown = lines[0] + ("…" if len(lines) > 1 else "")
    yield _text(Box(MARGIN_X, HEADER - 18 - height, inner, height), (shown,), size, MUTED,
                "Title")
    yield Rule(MARGIN_X, HEADER - 12, frame.width - MARGIN_X, HEADER - 12, HAIRLINE, 0.5,
               name="Header rule")
    number = f"{index + 1} / {count}"
    width = measurer.width(number, size)
    yield _text(Box(frame.width - MARGIN_X - width, frame.height - FOOTER + 14, width, height),
                (number,), size, MUTED, "Page number")


def _entry_shapes(entry: _Entry, top: float, lang: str, frame: _Frame,
                  measurer: Measurer) -> Iterator[Shape]:
    """Return the image, its number and the notes (or writing lines) of one entry."""
    slide = entry.slide
    notes_top = top
    if entry.first:
        height = frame.image_width * slide.height / slide.width
        box = Box(MARGIN_X, top, frame.image_width, height)
        yield Picture(box, slide.image, "image/png", label(lang, "slide", n=slide.number),
                      name=f"Slide {slide.number}")
        yield Rect(box, None, HAIRLINE, 0.5, name="Slide frame")
        yield _text(Box(MARGIN_X, box.bottom + 3, frame.image_width, LABEL_SIZE * LEADING),
                    (label(lang, "slide", n=slide.number),), LABEL_SIZE, MUTED, "Slide number")
    else:
        mark = continued(lang, label(lang, "slide", n=slide.number))
        yield _text(Box(frame.notes_x, top, frame.notes_width, NOTE_SIZE * LEADING), (mark,),
                    NOTE_SIZE, MUTED, "Continued")
        notes_top += NOTE_SIZE * LEADING
    if entry.lines:
        yield _notes(entry.lines, Box(frame.notes_x, notes_top, frame.notes_width,
                                      entry.slots * (frame.slot + SLOT_GAP)))
    elif entry.first and slide.notes_of is not None:
        yield _text(Box(frame.notes_x, top, frame.notes_width, NOTE_SIZE * LEADING),
                    (label(lang, "same_notes", n=slide.notes_of),), NOTE_SIZE, MUTED,
                    "Same notes")
    elif entry.first:
        yield from _writing_lines(top, frame)


def _notes(paragraphs: Sequence[tuple[Line, ...]], box: Box) -> TextFrame:
    """Return the notes frame: a paragraph a notes paragraph, a little space between them;
    each keeps the styles of its lines (the lines joined by spaces, to be found again)."""
    return TextFrame(box, tuple(
        Paragraph(" ".join(text for text, _ in lines), tuple(text for text, _ in lines),
                  NOTE_SIZE, TEXT, space_before=NOTE_SIZE * LEADING / 2 if index else 0.0,
                  spans=joined(*(part for i, (_, spans) in enumerate(lines)
                                 for part in ((" ", spans) if i else (spans,)))))
        for index, lines in enumerate(paragraphs)), LEADING, "text", name="Notes")


def _writing_lines(top: float, frame: _Frame) -> Iterator[Rule]:
    """Return light ruled lines beside a slide without notes, for the reader's own."""
    pitch = frame.slot / (WRITING_LINES + 1)
    for n in range(1, WRITING_LINES + 1):
        y = top + n * pitch
        yield Rule(frame.notes_x, y, frame.notes_x + frame.notes_width, y, HAIRLINE, 0.5,
                   name="Writing line")


def _text(box: Box, lines: tuple[str, ...], size: float, color: Color,
          name: str) -> TextFrame:
    """Return a one-paragraph text frame of predicted ``lines``."""
    return TextFrame(box, (Paragraph(" ".join(lines), lines, size, color),), LEADING, "text",
                     name=name)
