"""Pages made by hand for the check's unit tests: a title, text frames, notes, a picture."""

from __future__ import annotations

from briefing.color import Color
from briefing.geometry import Box
from briefing.layout.boxes import Page, Paragraph, Picture, TextFrame

BOX = Box(40, 120, 600, 300)


def frame(*texts: str, name: str = "Text", levels: tuple[int, ...] = ()) -> TextFrame:
    """Return a body frame of one paragraph per text (levels 0 unless given), at 20 pt."""
    paragraphs = tuple(Paragraph(text, (text,), 20.0, Color.of("000000"),
                                 level=levels[i] if i < len(levels) else 0)
                       for i, text in enumerate(texts))
    return TextFrame(BOX, paragraphs, 1.2, "body", name=name)


def page(title: str, *frames: TextFrame, notes: str | None = None, kind: str = "bullets",
         picture_alt: str | None = None) -> Page:
    """Return a page titled ``title`` holding ``frames`` (and a picture with ``picture_alt``)."""
    head = TextFrame(Box(40, 20, 600, 80), (Paragraph(title, (title,), 30.0, None),), 1.2,
                     "title", name="Title")
    shapes: list[TextFrame | Picture] = list(frames)
    if picture_alt is not None:
        shapes.append(Picture(Box(660, 120, 200, 200), b"", "image/png", picture_alt))
    return Page(kind, head, tuple(shapes), notes)
