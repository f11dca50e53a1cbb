"""The pipeline in one place: load, plan, lay out, render, write."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from briefing.errors import FontError, StrictError, TemplateError
from briefing.layout.boxes import Page
from briefing.layout.frames import Typesetter
from briefing.layout.geometry import SlideGeometry, builtin_geometry
from briefing.layout.plan import plan_slides
from briefing.layout.slides import layout_deck
from briefing.layout.summary import Paper
from briefing.media import check_images
from briefing.outline.clean import drop_uncovered
from briefing.outline.validate import LoadedOutline, load_outline
from briefing.output import prepare_folder, write_all
from briefing.render.pptx import Base, DeckInfo, render_pptx
from briefing.report import BuildReport, Warnings
from briefing.text.fonts import FontFile, Measurer, resolve_font
from briefing.theme.template import (
    Template,
    choose_layouts,
    geometry_of,
    read_template,
    theme_from,
)
from briefing.theme.tokens import Theme, load_theme

DEFAULT_THEME = "default"


@dataclass(frozen=True)
class Options:
    """How to build: where to write, which theme or template, and what to produce."""

    out_dir: Path = Path("output")
    theme: str | None = None
    template: Path | None = None
    strict: bool = False
    deck: bool = True
    summary: bool = True
    paper: Paper = "a4"
    landscape: bool = False


def build(outline_path: Path, options: Options) -> BuildReport:
    """Return the report of building the deck and one-page summary of one outline."""
    loaded = validate_outline(outline_path)
    warnings = Warnings()
    warnings.extend(loaded.warnings)
    theme = load_theme(options.theme or loaded.outline.theme or DEFAULT_THEME, loaded.folder)
    template = _template_path(loaded, options)
    deck_base = _deck_base(loaded, template, theme, warnings)
    theme = deck_base.theme
    fonts = theme_fonts(theme)
    measurer = Measurer(*fonts, line_spacing=theme.line_spacing)
    outline, dropped = drop_uncovered(loaded.outline, measurer.covers, outline_path)
    loaded = replace(loaded, outline=outline)
    for message in dropped:
        warnings.warn(message, "cleaned", where=str(outline_path))
    typesetter = Typesetter(theme, measurer, loaded.outline.language, warnings)
    files: dict[Path, bytes] = {}
    pages: list[Page] = []
    stem = output_stem(outline_path)
    if options.deck:
        pages = layout_deck(loaded, typesetter, plan_slides(loaded.outline), deck_base.geometry)
        files[options.out_dir / f"{stem}.pptx"] = render_pptx(
            pages, theme, deck_info(loaded), deck_base.base)
    if options.summary:
        files.update(summary_files(loaded, theme, fonts, measurer, warnings, options, stem))
    must_fix = [warning for warning in warnings.items if warning.must_fix]
    if options.strict and must_fix:
        raise StrictError(must_fix)
    prepare_folder(options.out_dir)
    written = write_all(files)
    return BuildReport(outline_path, tuple(written), len(pages), tuple(warnings.items))


def validate_outline(outline_path: Path, options: Options | None = None) -> LoadedOutline:
    """Return the outline at ``outline_path`` once it and every image it names check out."""
    loaded = load_outline(outline_path)
    check_images(loaded)
    return loaded


def output_stem(outline_path: Path) -> str:
    """Return the name results of ``outline_path`` are written under."""
    return outline_path.name.removesuffix(".yaml").removesuffix(".yml")


def summary_files(loaded: LoadedOutline, theme: Theme, fonts: tuple[FontFile, FontFile],
                  measurer: Measurer, warnings: Warnings, options: Options,
                  stem: str) -> dict[Path, bytes]:
    """Return the one-page summary as PDF and PNG, keyed by output path."""
    from briefing.layout.summary import layout_summary
    from briefing.render.pdf import render_pdf
    from briefing.render.png import render_png

    sheet = layout_summary(loaded, theme, measurer, warnings, options.paper, options.landscape)
    outline = loaded.outline
    pdf = render_pdf(sheet, theme, fonts, outline.date, outline.author)
    png = render_png(sheet, theme, fonts)
    return {options.out_dir / f"{stem}-summary.pdf": pdf,
            options.out_dir / f"{stem}-summary.png": png}


@dataclass(frozen=True)
class DeckBase:
    """The deck to draw on, with the theme and geometry that go with it."""

    base: Base
    theme: Theme
    geometry: SlideGeometry


def _template_path(loaded: LoadedOutline, options: Options) -> Path | None:
    """Return the template to use: the option's, else the outline's (relative to it)."""
    if options.template is not None:
        return options.template
    if loaded.outline.template:
        return loaded.resolve(loaded.outline.template)
    return None


def _deck_base(loaded: LoadedOutline, template_path: Path | None, theme: Theme,
               warnings: Warnings) -> DeckBase:
    """Return the built-in base deck, or the user's template with its colours and geometry."""
    path = template_path or base_template()
    template = read_template(path)
    check_layout_names(loaded, template)
    chosen, notes = choose_layouts(template)
    layouts = {role: layout.index for role, layout in chosen.items()}
    if template_path is None:
        return DeckBase(Base(template.data, layouts, True), theme,
                        builtin_geometry(theme.margin))
    for note in notes:
        warnings.warn(note, "template")
    font_found = _template_font_found(template, warnings)
    themed = theme_from(template, theme, font_found)
    return DeckBase(Base(template.data, layouts, False), themed, geometry_of(template, chosen))


def _template_font_found(template: Template, warnings: Warnings) -> bool:
    """Return whether the template's fonts can be measured here; warn when they cannot."""
    try:
        resolve_font(template.latin_font)
        if template.east_asian_font:
            resolve_font(template.east_asian_font)
    except FontError:
        names = " / ".join(n for n in (template.latin_font, template.east_asian_font) if n)
        warnings.warn(f"template font {names} is not installed here, so its text cannot be "
                      "measured; the deck uses the theme's measured fonts instead (install "
                      "the template's fonts to keep them)", "font_missing", what=names)
        return False
    return bool(template.latin_font)


def check_layout_names(loaded: LoadedOutline, template: Template) -> None:
    """Raise TemplateError when a section names a layout the deck does not have."""
    names = [layout.name for layout in template.layouts]
    for index, section in enumerate(loaded.outline.sections):
        if section.layout and template.layout_named(section.layout) is None:
            close = difflib.get_close_matches(section.layout, names, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise TemplateError(
                f"{loaded.path}: sections[{index}].layout: no layout named "
                f"'{section.layout}'; {hint}the layouts are: {', '.join(names)}")


def theme_fonts(theme: Theme) -> tuple[FontFile, FontFile]:
    """Return the (Latin, East Asian) font files the theme names."""
    return (resolve_font(theme.fonts.latin, theme.fonts.latin_file),
            resolve_font(theme.fonts.east_asian, theme.fonts.east_asian_file))


def deck_info(loaded: LoadedOutline) -> DeckInfo:
    """Return the document properties of the deck, taken from the outline."""
    outline = loaded.outline
    day = outline.date or dt.date(2000, 1, 1)
    return DeckInfo(title=outline.title, subject=outline.subtitle or "",
                    author=outline.author or "", lang=outline.language,
                    created=dt.datetime(day.year, day.month, day.day),
                    category=outline.classification or "")


def base_template() -> Path:
    """Return the path of the built-in base deck."""
    return Path(str(resources.files("briefing.theme").joinpath("base.pptx")))


def export_template(path: Path, theme_name: str = DEFAULT_THEME) -> Path:
    """Write the built-in base deck, styled with ``theme_name``, for restyling in PowerPoint."""
    theme = load_theme(theme_name, Path.cwd())
    template = read_template(base_template())
    chosen, _ = choose_layouts(template)
    layouts = {role: layout.index for role, layout in chosen.items()}
    info = DeckInfo(title="", subject="", author="", lang="en",
                    created=dt.datetime(2000, 1, 1))
    data = render_pptx([], theme, info, Base(template.data, layouts, True))
    if path.parent != Path(""):
        prepare_folder(path.parent)
    write_all({path: data})
    return path


def describe_template(path: Path) -> list[str]:
    """Return lines describing a template: size, layouts, placeholders, roles they serve."""
    template = read_template(path)
    chosen, notes = choose_layouts(template)
    serves: dict[int, list[str]] = {}
    for role, layout in chosen.items():
        serves.setdefault(layout.index, []).append(role.replace("_", " "))
    ratio = template.width / template.height
    shape = min(("16:9", 16 / 9), ("4:3", 4 / 3), ("16:10", 16 / 10),
                key=lambda item: abs(item[1] - ratio))[0]
    lines = [f"{path}: {shape}, {template.width:g} x {template.height:g} pt, "
             f"{len(template.layouts)} layouts, fonts {template.latin_font or '-'} / "
             f"{template.east_asian_font or '-'}, {template.slide_count} sample slide(s) "
             "(not copied into decks)"]
    for layout in template.layouts:
        kinds = ", ".join(f"{p.kind}@{p.box.x:.0f},{p.box.y:.0f} {p.box.w:.0f}x{p.box.h:.0f}"
                          for p in layout.placeholders)
        role = ", ".join(serves.get(layout.index, [])) or "-"
        lines.append(f"  [{layout.index}] {layout.name}\n      placeholders: {kinds or 'none'}"
                     f"\n      serves: {role}")
    lines.extend(f"  note: {note}" for note in notes)
    return lines
