"""The floor: a bare python-pptx script that writes the given slides and nothing more.

Usage: ``python floor_pptx.py SLIDES.json OUT.pptx``; the JSON holds ``{"slides": [{"title",
"lines": [[text, level], ...], "notes", "image", "cover"}, ...]}``.
"""

from __future__ import annotations

import json
import sys

from pptx import Presentation
from pptx.util import Emu

WIDTH, HEIGHT = 12_192_000, 6_858_000  # EMU, 16:9 like the deck


def main(spec: str, target: str) -> None:
    """Write the slides of ``spec`` to ``target``."""
    with open(spec, encoding="utf-8") as stream:
        slides = json.load(stream)["slides"]
    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(WIDTH), Emu(HEIGHT)
    for slide in slides:
        layout = deck.slide_layouts[0 if slide.get("cover") else 1 if slide["lines"] else 5]
        added = deck.slides.add_slide(layout)
        added.shapes.title.text = slide["title"]
        if slide["lines"]:
            frame = added.placeholders[1].text_frame
            frame.text = slide["lines"][0][0]
            for text, level in slide["lines"][1:]:
                paragraph = frame.add_paragraph()
                paragraph.text, paragraph.level = text, level
        if slide.get("image"):
            added.shapes.add_picture(slide["image"], WIDTH // 2, HEIGHT // 4, width=WIDTH // 3)
        if slide.get("notes"):
            added.notes_slide.notes_text_frame.text = slide["notes"]
    deck.save(target)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
