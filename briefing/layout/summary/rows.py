"""The one-pager's rows across the page: the marking and title band, the bottom line (with
the featured image), the sources and the footer."""

from __future__ import annotations

from collections.abc import Sequence

from briefing.geometry import Box
from briefing.labels import label
from briefing.layout.boxes import Paragraph, Picture, Rect, Rule, Shape
from briefing.layout.summary.keep import Content
from briefing.layout.summary.kinds import picture_block
from briefing.layout.summary.kit import (
    FOOTER_GAP,
    FOOTER_SIZE,
    GUTTER,
    MIN_IMAGE,
    TITLE_SIZES,
    Block,
    Kit,
    beside,
    placed,
    stack,
)
from briefing.layout.summary.text import (
    bullet_list,
    line_block,
    lines_of,
    paragraph,
    text_block,
    wrapped_block,
)
from briefing.outline.model import Outline, Source
from briefing.text.markup import Span, joined, link_spans, parse_inline, plain_spans

META_SIZE = 8.5  # date and organisation in the title band


def header_block(kit: Kit, outline: Outline, width: float) -> Block:
    """Return the classification marking over the title band."""
    band = _band(kit, outline, width)
    if not outline.classification:
        return band
    return stack([_marking(kit, outline.classification, width), band], 5.0)


def _marking(kit: Kit, text: str, width: float) -> Block:
    """Return the classification marking, centred in a thin frame of the marking colour
    (a long marking wraps inside the frame)."""
    lines = wrapped_block(kit, text, FOOTER_SIZE, "marking", "Marking", width - 16.0,
                          bold=True, align="ctr")
    w, h = lines.width + 16.0, lines.height + 3.0
    x = (width - w) / 2
    frame = Rect(Box(x, 0.0, w, h), None, kit.ink("marking", FOOTER_SIZE, bold=True), 0.75,
                 name="Marking frame")
    return Block(width, h, (frame, *placed(lines, x + 8.0, 1.5)))


def _band(kit: Kit, outline: Outline, width: float) -> Block:
    """Return the title band: title and subtitle on the left, date and organisation right
    (right-aligned lines in a frame as wide as the widest)."""
    pad, side = 11.0, 14.0
    meta = [line for text in _meta(kit, outline)
            for line in lines_of(kit, text, META_SIZE, width * 0.3)]
    meta_width = max((kit.width(line, META_SIZE) for line in meta), default=0.0)
    text_width = width - 2 * side - (meta_width + 18.0 if meta else 0.0)
    left = _title(kit, outline, text_width)
    right = text_block(kit, [Paragraph(text, (text,), META_SIZE,
                                       kit.ink("on_accent", META_SIZE, on="band"),
                                       align="r", space_before=1.0)
                             for text in meta], meta_width, "Meta")
    height = max(left.height, right.height if meta else 0.0) + 2 * pad
    band = Rect(Box(0.0, 0.0, width, height), kit.ground("band"), name="Title band")
    shapes = (band, *placed(left, side, pad),
              *(placed(right, width - side - meta_width, height - pad - right.height)
                if meta else ()))
    return Block(width, height, shapes)


def _meta(kit: Kit, outline: Outline) -> list[str]:
    """Return the lines at the right of the title band: date and organisation."""
    lines = [outline.date_text] if outline.date_text else []
    return lines + ([outline.organization] if outline.organization else [])


def _title(kit: Kit, outline: Outline, width: float) -> Block:
    """Return the title (largest size that takes two lines at most) and the subtitle."""
    size, lines = TITLE_SIZES[-1], tuple[str, ...]()
    for size in TITLE_SIZES:
        lines = lines_of(kit, outline.title, size, width, heading=True)
        if len(lines) <= 2:
            break
    paras = [Paragraph(outline.title, lines, size, kit.ink("on_accent", size, True, "band"),
                       bold=True)]
    if outline.subtitle:
        paras.append(paragraph(kit, outline.subtitle, 10.5, width, "surface", heading=True,
                                space=3.0, on="band"))
    return text_block(kit, paras, width, "Title", role="title")


def lead_block(kit: Kit, content: Content, width: float, max_image: float) -> Block | None:
    """Return the bottom line beside the featured image (the image alone goes to the grid)."""
    if not content.summary:
        return None
    if content.image is None:
        return bottom_line_block(kit, content.summary, width, 0.0)
    image = picture_block(kit, *content.image, width * 0.36, max_image)
    bottom = bottom_line_block(kit, content.summary, width - GUTTER - image.width, image.height)
    return beside([bottom, image], GUTTER)


def bottom_line_block(kit: Kit, summary: Sequence[str], width: float,
                       min_height: float) -> Block:
    """Return the key takeaways in a tinted box with an accent bar, at least ``min_height``."""
    pad, bar = 9.0, 3.0
    inner = width - bar - 2 * pad
    title = text_block(kit, [paragraph(kit, label(kit.lang, "bottom_line"), kit.body, inner,
                                         "accent", bold=True, on="surface")], inner,
                       "Bottom line label")
    items = bullet_list(kit, [(text, 0) for text in summary], inner, kit.body, "Bottom line",
                         marked=True, on="surface")
    body = stack([title, items], 3.0)
    height = max(body.height + 2 * pad, min_height)
    shapes = (Rect(Box(0.0, 0.0, width, height), kit.color("surface"), name="Bottom line box"),
              Rect(Box(0.0, 0.0, bar, height), kit.color("accent"), name="Bottom line bar"),
              *placed(body, bar + pad, (height - body.height) / 2))
    return Block(width, height, shapes)




def sources_block(kit: Kit, sources: Sequence[Source], width: float) -> Block | None:
    """Return the sources: a hairline, the label at the left and one entry per source."""
    if not sources:
        return None
    name = label(kit.lang, "sources")
    head = line_block(kit, name, kit.small, "muted", "Sources label", bold=True)
    inner = width - head.width - 10.0
    entries = [paragraph(kit, "", kit.small, inner, "muted", space=1.0 if i else 0.0,
                          spans=_source_spans(kit.lang, s, i + 1, len(sources)))
               for i, s in enumerate(sources)]
    body = text_block(kit, entries, inner, "Sources")
    rule = Rule(0.0, 0.0, width, 0.0, kit.color("line"), 0.5, name="Sources rule")
    return Block(width, body.height + 5.0,
                 (rule, *placed(head, 0.0, 5.0), *placed(body, head.width + 10.0, 5.0)))


def _source_spans(lang: str, source: Source, number: int, total: int) -> tuple[Span, ...]:
    """Return one source as a line of text: title, then publisher, date, note and address
    (a link); the title and note in the inline markup."""
    rest = [plain_spans(t) for t in (source.publisher, source.date) if t]
    rest += [parse_inline(source.note)] if source.note else []
    rest += [link_spans(source.url)] if source.url else []
    prefix = f"{number}. " if total > 1 else ""
    if not rest:
        return joined(prefix, parse_inline(source.title))
    separator = "、" if lang == "ja" else ", "
    listed = [piece for index, spans in enumerate(rest)
              for piece in ((separator, spans) if index else (spans,))]
    if lang == "ja":
        return joined(prefix, parse_inline(source.title), "（", *listed, "）")
    return joined(prefix, parse_inline(source.title), " \u2014 ", *listed)


def footer_block(kit: Kit, outline: Outline, width: float) -> Block | None:
    """Return the footer: author at the left, classification marking centred; each wraps
    within its share of the width rather than running into the other or off the page."""
    shapes: list[Shape] = []
    height = 0.0
    mark = None
    if outline.classification:
        share = width * 0.4 if outline.author else width
        mark = wrapped_block(kit, outline.classification, FOOTER_SIZE, "marking", "Marking",
                             share, bold=True, align="ctr")
        shapes += placed(mark, (width - mark.width) / 2, 0.0)
        height = mark.height
    if outline.author:
        room = (width - mark.width) / 2 - FOOTER_GAP if mark else width
        author = wrapped_block(kit, outline.author, FOOTER_SIZE, "muted", "Author", room)
        shapes += placed(author, 0.0, 0.0)
        height = max(height, author.height)
    return Block(width, height, tuple(shapes)) if shapes else None



def lead_column(kit: Kit, content: Content, width: float, room: float,
                 gap: float) -> list[Block]:
    """Return the bottom line and the featured image, sized to fill the first grid column.

    When the image would be too small under the bottom line, the bottom line box fills the
    column and the image starts the next one.
    """
    summary = content.summary
    bottom = bottom_line_block(kit, summary, width, 0.0) if summary else None
    if content.image is None:
        return [bottom] if bottom else []
    spare = room - (bottom.height + gap if bottom else room * 0.4)
    picture = picture_block(kit, *content.image, width, spare)
    image_height = next(s.box.h for s in picture.shapes if isinstance(s, Picture))
    picture = picture_block(kit, *content.image, width, spare - (picture.height - image_height))
    if bottom is None:
        return [picture]
    if picture.height <= spare and image_height >= MIN_IMAGE:
        return [bottom, picture]
    return [bottom_line_block(kit, summary, width, room),
            picture_block(kit, *content.image, width, room * 0.5)]

