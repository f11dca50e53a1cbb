"""The built-in themes written into the base deck: links read on each theme's background."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from briefing.api import Options, build
from tests.wcag import contrast_ratio


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
        assert contrast_ratio(found.group(1), background) >= 4.5
    assert f'val="{background}"' in scheme
