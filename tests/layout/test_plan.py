"""The plan: which slides a section becomes, in which order, and how they are titled."""

from __future__ import annotations

from pathlib import Path

import yaml

from briefing.layout.plan import plan_slides, section_slides
from briefing.outline.model import Outline, Section
from briefing.outline.validate import load_outline

COLUMNS = [{"title": "Left", "points": ["l"]}, {"title": "Right", "points": ["r"]}]


def section(text: str) -> Section:
    """Return the section written as YAML in ``text`` (keys in the order written)."""
    return Section.model_validate(yaml.safe_load(text))


def kinds(text: str) -> list[tuple[str, bool]]:
    """Return (kind, continues) for each slide of the section written in ``text``."""
    return [(spec.kind, spec.continues) for spec in section_slides(section(text))]


def test_each_kind_of_content_is_a_slide_in_the_order_written() -> None:
    assert kinds("title: Risks\npoints: [a, b]\nquote: {text: Words}\n") == [
        ("bullets", False), ("quote", True)]
    assert kinds("title: Risks\nquote: {text: Words}\npoints: [a, b]\n") == [
        ("quote", False), ("bullets", True)]
    assert kinds("title: Money\npoints: [a]\nevents: [{date: '2024', title: Cap}]\n"
                 "figures: [{value: '4%', label: growth}]\n") == [
        ("bullets", False), ("timeline", True), ("figures", True)]


def test_kind_puts_its_own_content_first() -> None:
    assert kinds("title: Money\nkind: figures\npoints: [a]\nquote: {text: Q}\n"
                 "figures: [{value: '4%', label: growth}]\n") == [
        ("figures", False), ("bullets", True), ("quote", True)]


def test_points_and_image_share_a_slide_unless_kind_is_image() -> None:
    assert kinds("title: Map\nimage: map.png\nquote: {text: Q}\npoints: [a]\n") == [
        ("bullets", False), ("quote", True)]
    assert kinds("title: Map\nkind: image\npoints: [a]\nimage: map.png\n") == [
        ("image", False), ("bullets", True)]
    assert kinds(f"title: Options\ncolumns: {COLUMNS}\nimage: map.png\n") == [
        ("comparison", False), ("image", True)]


def test_a_slide_shows_only_its_own_content() -> None:
    specs = section_slides(section(
        "title: All\nnotes: Say it\nlayout: Two Content\npoints: [a]\nimage: map.png\n"
        f"columns: {COLUMNS}\nquote: {{text: Q}}\nevents: [{{date: '1', title: E}}]\n"
        "figures: [{value: '4', label: F}]\n"))
    shown = [(spec.kind, [key for key in ("points", "image", "events", "columns", "quote",
                                          "figures") if getattr(spec.section, key)])
             for spec in specs]
    assert shown == [("bullets", ["points", "image"]), ("comparison", ["columns"]),
                     ("quote", ["quote"]), ("timeline", ["events"]),
                     ("figures", ["figures"])]
    for spec in specs:
        assert spec.section is not None
        assert (spec.title, spec.section.title, spec.section.notes, spec.section.layout) == (
            "All", "All", "Say it", "Two Content")


def test_a_section_with_only_a_title_is_one_title_slide() -> None:
    assert kinds("title: Discussion\nnotes: Questions\n") == [("title_only", False)]


def test_the_deck_plan_places_section_slides_between_the_fixed_ones(tmp_path: Path) -> None:
    path = tmp_path / "outline.yaml"
    path.write_text("title: T\nlang: en\nsources: [A book]\nsections:\n"
                    "  - title: One\n    part: First part\n    points: [a]\n"
                    "    quote: {text: Q}\n"
                    "  - title: Two\n    figures: [{value: '1', label: L}]\n    points: [b]\n",
                    encoding="utf-8")
    outline: Outline = load_outline(path).outline
    assert [(s.kind, s.title, s.continues, s.part_number) for s in plan_slides(outline)] == [
        ("cover", "T", False, 0), ("divider", "First part", False, 1),
        ("bullets", "One", False, 1), ("quote", "One", True, 1),
        ("figures", "Two", False, 1), ("bullets", "Two", True, 1),
        ("sources", "T", False, 0), ("closing", "T", False, 0)]
