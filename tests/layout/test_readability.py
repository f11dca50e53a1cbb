"""Text colours checked against what lies under them: what is replaced and what the report
says. Ratios are computed here from the WCAG 2.x relative-luminance formula by hand."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PIL import Image
from pptx import Presentation

from briefing.color import Color
from briefing.geometry import Box
from briefing.layout.boxes import Paragraph, TextFrame
from briefing.layout.readability import _readable
from briefing.report import Warnings
from briefing.theme.backdrop import SCALE, Backdrop
from briefing.theme.template import Layout, read_template
from tests.wcag import contrast_ratio

WIDTH, HEIGHT = 720.0, 540.0
BOX = Box(100, 100, 300, 60)


_ratio = contrast_ratio


@pytest.fixture(scope="module")
def layout(tmp_path_factory: pytest.TempPathFactory) -> Layout:
    """Return the title-and-content layout of python-pptx's default template (tx1 black,
    bg1 white)."""
    path = tmp_path_factory.mktemp("readable") / "base.pptx"
    Presentation().save(str(path))
    return read_template(path).layouts[1]


def _ground(rgb: str) -> Backdrop:
    size = (round(WIDTH * SCALE), round(HEIGHT * SCALE))
    return Backdrop(WIDTH, HEIGHT, Image.new("RGB", size, f"#{rgb}"), Image.new("L", size, 0))


def _frame(color: Color, name: str = "Title") -> TextFrame:
    paragraph = Paragraph("Heading", ("Heading",), 18.0, color)
    return TextFrame(BOX, (paragraph,), 1.2, "title", name=name, placeholder=("title", 0))


def test_a_pairing_that_reads_and_has_no_better_colour_is_kept_quietly(layout: Layout) -> None:
    # White on #757575 reads at 4.61:1 (WCAG passes, not by the 4% margin); black at 4.56:1.
    ground = "757575"
    assert 4.5 <= _ratio("FFFFFF", ground) < 4.5 * 1.04
    assert _ratio("000000", ground) < _ratio("FFFFFF", ground)
    warnings = Warnings()
    white = layout.palette.color("bg1")
    frame = _readable(None, layout, _ground(ground), _frame(white), [], warnings)  # type: ignore[arg-type]
    assert frame.paragraphs[0].color == white
    assert not warnings.items, warnings.messages


def test_a_pairing_just_over_wcag_changed_for_the_margin_says_why(layout: Layout) -> None:
    text = "757575"  # 4.61:1 on white: reaches 4.5:1, not the 4% margin
    assert 4.5 <= _ratio(text, "FFFFFF") < 4.5 * 1.04
    warnings = Warnings()
    frame = _readable(None, layout, _ground("FFFFFF"), _frame(Color.of(text)), [], warnings)  # type: ignore[arg-type]
    assert frame.paragraphs[0].color is not None
    assert frame.paragraphs[0].color.rgb == "000000"
    [message] = warnings.messages
    assert "reads at 4.6:1" in message and "within 4% of the 4.5:1 WCAG asks" in message, message


def test_a_ratio_below_a_threshold_is_never_shown_at_it(layout: Layout) -> None:
    text = "777777"  # 4.48:1 on white: rounds to 4.5 but falls short of it
    assert 4.45 <= _ratio(text, "FFFFFF") < 4.5
    warnings = Warnings()
    _readable(None, layout, _ground("FFFFFF"), _frame(Color.of(text)), [], warnings)  # type: ignore[arg-type]
    [message] = warnings.messages
    assert "reads at 4.4:1" in message and "within" not in message, message


def test_the_frame_is_named_once(layout: Layout) -> None:
    warnings = Warnings()
    _readable(None, layout, _ground("FFFFFF"), _frame(Color.of("EEEEEE"), "Header text"), [],  # type: ignore[arg-type]
              warnings)
    [message] = warnings.messages
    assert "column title text colour" in message and "text text" not in message, message


@pytest.mark.parametrize(("mods", "expected"), [
    ((), "tx1 (#898989)"),
    ((("lumMod", 50000), ("lumOff", 50000)), "tx1 lighter 50% (#898989)"),
    ((("lumMod", 75000),), "tx1 darker 25% (#898989)"),
    ((("tint", 75000),), "tx1 75% tint (#898989)"),
    ((("shade", 50000),), "tx1 50% shade (#898989)"),
    ((("satMod", 120000),), "tx1 changed (#898989)"),
])
def test_a_scheme_colour_is_named_with_the_change_made_to_it(
        mods: tuple[tuple[str, int], ...], expected: str) -> None:
    """The same slot changed two ways reads as two colours (PowerPoint's picker words a
    luminance offset as "Lighter", a modulation alone as "Darker")."""
    from briefing.layout.readability import _name

    assert _name(Color("898989", "tx1", mods)) == expected


@pytest.mark.parametrize(("ground", "warned"), [("FFFFFF", False), ("1D1D30", True)])
def test_links_the_template_colours_so_they_cannot_be_read_are_reported(
        layout: Layout, ground: str, warned: bool) -> None:
    """Renderers draw a link in the scheme's hlink colour (python-pptx's default template:
    0000FF), whatever its run says: on a dark ground (jmablog's) that reads at 1.9:1."""
    from briefing.text.markup import parse_inline

    link = layout.palette.color("hlink").rgb
    assert link == "0000FF"
    spans = parse_inline("See [the dashboard](https://example.com) today")
    paragraph = Paragraph("See the dashboard today", ("See the dashboard today",), 18.0,
                          layout.palette.color("bg1"), spans=spans)
    frame = TextFrame(BOX, (paragraph,), 1.2, "body", name="Text", placeholder=("body", 1))
    warnings = Warnings()
    design = SimpleNamespace(links=None)  # the template's own link colour: none chosen
    _readable(design, layout, _ground(ground), frame, [], warnings)  # type: ignore[arg-type]
    found = [m for m in warnings.messages if "links are drawn" in m]
    if not warned:
        assert _ratio(link, ground) >= 4.5 and not found
        return
    shown = f"{int(_ratio(link, ground) * 10) / 10:.1f}"
    assert shown == "1.9"
    [message] = found
    assert f"hlink (#0000FF), which reads at {shown}:1" in message and "4.5:1" in message
