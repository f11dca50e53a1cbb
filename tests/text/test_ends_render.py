"""Paragraph ends as LibreOffice renders them: a right margin chosen by ``end_margin`` (on the
paragraph, ``marR``, or on the box, ``rIns``) keeps wrapped Japanese paragraphs from ending on
two characters or fewer, while word wrap stays on.

Without the margin the same paragraphs end short in the render: that is the planted fault,
and it shows both that the check can fail and that layout predicted the renderer's lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.text.ends import end_margin, is_short_end, renderer_lines
from briefing.text.fonts import Measurer

from .office_text import Rendered, TextBox, render

pytestmark = pytest.mark.render

SIZE = 20.0
WIDTHS = (300.0, 420.0, 560.0, 700.0)
ARTICLE = Path(__file__).resolve().parents[3] / "shared" / "articles" / "nato-japan.ja.txt"


def made_cases() -> list[tuple[str, float]]:
    """Return paragraphs made to end on two characters at a width a third of an em over a
    whole number of ems (so that no rounding decides): n characters a line, 2n + 2 in all."""
    return [(("日本は" * 12)[:2 * n] + "む。", n * SIZE + SIZE / 3) for n in (12, 15, 18)]


def cases(measurer: Measurer) -> list[tuple[str, float, float]]:
    """Return (paragraph, width, margin) for every article paragraph and width at which a
    renderer's lines end short and a margin helps."""
    paragraphs = [line.strip() for line in ARTICLE.read_text("utf-8").splitlines()
                  if len(line.strip()) > 30]
    found = [(text, width, end_margin(measurer, text, SIZE, width) or 0.0)
             for text, width in made_cases()]
    for width in WIDTHS:
        for text in paragraphs:
            if not is_short_end(renderer_lines(measurer, text, SIZE, width)):
                continue
            margin = end_margin(measurer, text, SIZE, width)
            if margin:
                found.append((text, width, margin))
    return found


@pytest.fixture(scope="module")
def rendered(measurer: Measurer, tmp_path_factory: pytest.TempPathFactory,
             ) -> tuple[list[tuple[str, float, float]], dict[str, list[Rendered]]]:
    """Return the cases and their renders: plain, with ``marR`` and with ``rIns``."""
    found = cases(measurer)
    assert all(margin > 0 for _, _, margin in found[:len(made_cases())]), found
    assert len(found) >= 8, "the article gives too few short ends to test"
    kinds = {
        "plain": [TextBox(text, SIZE, width) for text, width, _ in found],
        "margin": [TextBox(text, SIZE, width, margin_right=margin)
                   for text, width, margin in found],
        "inset": [TextBox(text, SIZE, width, inset_right=margin)
                  for text, width, margin in found],
    }
    folder = tmp_path_factory.mktemp("ends")
    boxes = [box for kind in kinds.values() for box in kind]
    pages = iter(render(boxes, folder, "ends"))
    return found, {kind: [next(pages) for _ in group] for kind, group in kinds.items()}


def test_without_the_margin_the_render_ends_short(
        rendered: tuple[list[tuple[str, float, float]], dict[str, list[Rendered]]],
        measurer: Measurer) -> None:
    found, pages = rendered
    made = [(text, width) for text, width in made_cases()]
    short = [is_short_end(page.texts) for page in pages["plain"]]
    for (text, width, _), page, ends_short in zip(found, pages["plain"], short, strict=True):
        # The paragraphs made to end short do so in the render, every one.
        assert ends_short or (text, width) not in made, (width, text, page.texts)
    # Most of the article's predicted short ends show too (the rest sit within a renderer's
    # rounding of a full line; the margin covers them all the same).
    assert sum(short) >= len(found) * 0.6, sum(short)


@pytest.mark.parametrize("kind", ["margin", "inset"])
def test_with_the_margin_no_paragraph_ends_short(
        rendered: tuple[list[tuple[str, float, float]], dict[str, list[Rendered]]],
        measurer: Measurer, kind: str) -> None:
    found, pages = rendered
    for (text, width, margin), page in zip(found, pages[kind], strict=True):
        assert "".join(page.texts) == text.replace(" ", ""), page.texts
        assert not is_short_end(page.texts), (width, margin, page.texts)
        predicted = renderer_lines(measurer, text, SIZE, width - margin)
        assert len(page.texts) == len(predicted), (page.texts, predicted)
        assert len(page.texts) <= len(renderer_lines(measurer, text, SIZE, width))
