"""The pipeline in one place: load, plan, lay out, render, write."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from briefing.errors import StrictError, TemplateError
from briefing.layout.boxes import Page
from briefing.layout.frames import Typesetter
from briefing.layout.geometry import builtin_geometry
from briefing.layout.plan import plan_slides
from briefing.layout.slides import layout_deck
from briefing.outline.validate import LoadedOutline, load_outline
from briefing.output import prepare_folder, write_all
from briefing.render.pptx import DeckInfo, render_pptx
from briefing.report import BuildReport, Warnings
from briefing.text.fonts import FontFile, Measurer, resolve_font
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
    paper: str = "a4"
    landscape: bool = False


def build(outline_path: Path, options: Options) -> BuildReport:
    """Return the report of building the deck and one-page summary of one outline."""
    loaded = load_outline(outline_path)
    if options.template or loaded.outline.template:
        raise TemplateError("corporate templates are not supported in this version; build with "
                            "a built-in theme (briefing themes) or a theme file instead")
    warnings = Warnings(list(loaded.warnings))
    theme = load_theme(options.theme or loaded.outline.theme or DEFAULT_THEME, loaded.folder)
    fonts = theme_fonts(theme)
    measurer = Measurer(*fonts, line_spacing=theme.line_spacing)
    typesetter = Typesetter(theme, measurer, loaded.outline.language, warnings)
    files: dict[Path, bytes] = {}
    pages: list[Page] = []
    stem = outline_path.name.removesuffix(".yaml").removesuffix(".yml")
    if options.deck:
        pages = layout_deck(loaded, typesetter, plan_slides(loaded.outline),
                            builtin_geometry(theme.margin))
        files[options.out_dir / f"{stem}.pptx"] = render_pptx(
            pages, theme, deck_info(loaded), base_template())
    if options.summary:
        files.update(summary_files(loaded, theme, fonts, measurer, warnings, options, stem))
    if options.strict and warnings.items:
        raise StrictError("--strict: " + "; ".join(warnings.items))
    prepare_folder(options.out_dir)
    written = write_all(files)
    return BuildReport(outline_path, tuple(written), len(pages), tuple(warnings.items))


def summary_files(loaded: LoadedOutline, theme: Theme, fonts: tuple[FontFile, FontFile],
                  measurer: Measurer, warnings: Warnings, options: Options,
                  stem: str) -> dict[Path, bytes]:
    """Return the one-page summary as PDF and PNG, keyed by output path."""
    from briefing.layout.summary import layout_summary
    from briefing.render.pdf import render_pdf
    from briefing.render.png import render_png

    sheet = layout_summary(loaded, theme, measurer, warnings, options.paper,  # type: ignore[arg-type]
                           options.landscape)
    outline = loaded.outline
    pdf = render_pdf(sheet, theme, fonts, outline.date, outline.author)
    png = render_png(sheet, theme, fonts)
    return {options.out_dir / f"{stem}-summary.pdf": pdf,
            options.out_dir / f"{stem}-summary.png": png}


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
