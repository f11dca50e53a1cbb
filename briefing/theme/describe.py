"""Describe a template the way ``briefing template inspect`` shows it: per layout, the slide
kinds it serves, its placeholders, the free area its decorations leave, its colours and their
contrast, and what a deck on the template leaves out of it."""

from __future__ import annotations

from briefing.color import contrast, required_contrast
from briefing.geometry import Box
from briefing.theme.design import design_of
from briefing.theme.roles import features, layout_backdrop
from briefing.theme.template import FOOTER_KINDS, Layout, Template
from briefing.theme.tokens import Theme

KIND_NAMES = {"cover": "title", "closing": "closing", "divider": "section",
              "bullets": "bullets", "image_text": "bullets with image", "sources": "sources",
              "comparison": "comparison", "image": "image", "timeline": "timeline",
              "figures": "figures", "quote": "quote", "agenda": "agenda",
              "bottom_line": "bottom line"}


def describe(template: Template, theme: Theme) -> list[str]:
    """Return the lines of a template's description."""
    design = design_of(template, theme, builtin=False)
    served: dict[int, list[str]] = {}
    for kind, name in KIND_NAMES.items():
        layout = design.for_kind(kind).layout
        served.setdefault(layout.index, []).append(name)
    ratio = template.width / template.height
    shape = min(("16:9", 16 / 9), ("4:3", 4 / 3), ("16:10", 16 / 10),
                key=lambda item: abs(item[1] - ratio))[0]
    lines = [f"{template.path}: {shape}, {template.width:g} x {template.height:g} pt, "
             f"{len(template.masters)} master(s), {len(template.layouts)} layouts",
             f"  headings: Latin {design.major.described[0]}; Japanese "
             f"{design.major.described[1]}",
             f"  text: Latin {design.minor.described[0]}; Japanese {design.minor.described[1]}"]
    for layout in template.layouts:
        lines.extend(_layout_lines(template, layout, served.get(layout.index, [])))
    lines.extend(f"  note: {note}" for note in design.notes)
    left_out = template.package.left_out
    lines.append("  a deck on this template leaves out: "
                 + (", ".join(left_out) if left_out else "nothing")
                 + " (a deck carries only the masters, layouts, theme and pictures its "
                   "slides use)")
    for link in template.package.external_links:
        lines.append(f"  external link dropped: {link}")
    return lines


def _layout_lines(template: Template, layout: Layout, kinds: list[str]) -> list[str]:
    """Return the lines describing one layout."""
    found = features(template, layout)
    backdrop = layout_backdrop(template, layout)
    holders = ", ".join(f"{p.kind}@{p.box.x:.0f},{p.box.y:.0f} {p.box.w:.0f}x{p.box.h:.0f}"
                        for p in layout.placeholders)
    decorations = [p for p in layout.paints if p.placeholder is None]
    free = backdrop.free_area(found.region)
    kind = f", type {layout.type}" if layout.type else ""
    uses = f", used by {layout.sample_uses} sample slide(s)" if layout.sample_uses else ""
    lines = [f"  [{layout.index}] {layout.name!r} (master {layout.master + 1}{kind}{uses})",
             f"      serves: {', '.join(kinds) if kinds else '-'}",
             f"      placeholders: {holders or 'none'}",
             f"      decorations: {len(decorations)}"
             + (f" ({', '.join(sorted({d.name or d.geometry for d in decorations})[:6])})"
                if decorations else ""),
             f"      free content area: {_box(free)} of {_box(found.region)}"
             f" ({found.free_share:.0%})"]
    lines.append(f"      colours: text {layout.palette.color('tx1').rgb} on background "
                 f"{layout.palette.color('bg1').rgb}, accent {layout.palette.color('accent1').rgb}")
    lines.extend(f"      contrast problem: {problem}" for problem in _contrast(layout, backdrop))
    texts = layout.literal_texts
    if texts:
        lines.append(f"      shows text of its own: {'; '.join(t[:40] for t in texts[:3])}")
    return lines


def _contrast(layout: Layout, backdrop: object) -> list[str]:
    """Return the placeholders whose own text colour reads poorly where they are."""
    problems = []
    for placeholder in layout.placeholders:
        if placeholder.kind in FOOTER_KINDS and placeholder.kind != "ftr":
            continue
        level = placeholder.style.level(0)
        color = level.color or layout.palette.color("tx1")
        size = level.size or 18.0
        ratio = backdrop.contrast(color.rgb, placeholder.box)  # type: ignore[attr-defined]
        if ratio < required_contrast(size):
            problems.append(f"{placeholder.kind} text #{color.rgb} at {size:g} pt reads at "
                            f"{ratio:.1f}:1 (needs {required_contrast(size):g}:1); decks use "
                            "another of the template's text colours there")
    return problems


def _box(box: Box | None) -> str:
    """Return a box as x,y wxh in whole points."""
    if box is None:
        return "none"
    return f"{box.x:.0f},{box.y:.0f} {box.w:.0f}x{box.h:.0f}"


__all__ = ["contrast", "describe"]
