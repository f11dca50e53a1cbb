"""The built-in themes written into the base deck: links read on each theme's background."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from briefing.api import Options, build


def wcag_contrast(first: str, second: str) -> float:
    """Return the WCAG 2.x contrast ratio of two RRGGBB colours (its relative luminance
    formula, written out here)."""
    def luminance(rgb: str) -> float:
        values = []
        for index in (0, 2, 4):
            channel = int(rgb[index:index + 2], 16) / 255
            values.append(channel / 12.92 if channel <= 0.03928
                          else ((channel + 0.055) / 1.055) ** 2.4)
        return 0.2126 * values[0] + 0.7152 * values[1] + 0.0722 * values[2]
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize(("theme", "background", "link"), [
    ("default", "FFFFFF", "1F4E79"),  # the navy accent
    ("dark", "18212B", "F2B134"),  # the amber accent, not the base deck's blue 0000FF
])
def test_links_are_drawn_in_a_colour_that_reads_on_the_background(
        tmp_path: Path, theme: str, background: str, link: str) -> None:
    outline = tmp_path / "talk.yaml"
    outline.write_text("title: Talk\nlang: en\nsections:\n  - title: One\n    points:\n"
                       "      - See [the dashboard](https://example.com/d) today\n", "utf-8")
    report = build(outline, Options(out_dir=tmp_path / "out", theme=theme, summary=False))
    deck = next(path for path in report.written if path.suffix == ".pptx")
    with zipfile.ZipFile(deck) as package:
        scheme = package.read("ppt/theme/theme1.xml").decode()
        slides = [package.read(name).decode() for name in package.namelist()
                  if re.fullmatch(r"ppt/slides/slide\d+\.xml", name)]
    assert any("hlinkClick" in slide for slide in slides)
    for slot in ("hlink", "folHlink"):
        found = re.search(rf"<a:{slot}><a:srgbClr val=\"([0-9A-F]{{6}})\"/></a:{slot}>", scheme)
        assert found is not None and found.group(1) == link
        assert wcag_contrast(found.group(1), background) >= 4.5
    assert f'val="{background}"' in scheme
