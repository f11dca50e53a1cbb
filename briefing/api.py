"""The pipeline in one place: load, plan, lay out, render, write."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from briefing.errors import StrictError, TemplateError
from briefing.layout.boxes import Page
from briefing.layout.frames import Typesetter
from briefing.layout.plan import plan_slides
from briefing.layout.slides import layout_deck
from briefing.layout.summary import Paper
from briefing.media import check_images
from briefing.outline.clean import drop_uncovered
from briefing.outline.validate import LoadedOutline, load_outline
from briefing.output import prepare_folder, write_all
from briefing.preview import remove_stale_slides, rendered_files
from briefing.render.pptx import DeckInfo, render_pptx
from briefing.render.restyle import restyle
from briefing.report import BuildReport, Warnings
from briefing.text.fonts import FontFile, Measurer
from briefing.theme.design import Design, design_of
from briefing.theme.template import Template, read_template, read_template_data
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
    handout: bool = False
    preview: bool = False
    slides: frozenset[int] | None = None  # the slides the preview writes as PNG (None: all)


def build(outline_path: Path, options: Options) -> BuildReport:
    """Return the report of building the deck and one-page summary of one outline."""
    loaded = validate_outline(outline_path)
    warnings = Warnings(list(loaded.warnings))
    theme = load_theme(options.theme or loaded.outline.theme or DEFAULT_THEME, loaded.folder)
    design = deck_design(loaded, _template_path(loaded, options), theme, warnings)
    theme = design.theme
    fonts = (design.minor.latin_file, design.minor.east_asian_file)
    measurer = Measurer(*fonts, line_spacing=theme.line_spacing)
    outline, dropped = drop_uncovered(loaded.outline, measurer.covers, outline_path)
    loaded = replace(loaded, outline=outline)
    for message in dropped:
        warnings.warn(f"{outline_path}: {message}")
    typesetter = Typesetter(design, loaded.outline.language, warnings)
    files: dict[Path, bytes] = {}
    pages: list[Page] = []
    stem = output_stem(outline_path)
    if options.deck:
        pages = layout_deck(loaded, typesetter, plan_slides(loaded.outline))
        deck = render_pptx(pages, design.template.data, deck_info(loaded))
        files[options.out_dir / f"{stem}.pptx"] = deck
        files.update(rendered_files(deck, stem, pages, loaded, fonts, measurer, options))
    if options.summary:
        files.update(summary_files(loaded, theme, fonts, measurer, warnings, options, stem))
    if options.strict and warnings.items:
        raise StrictError("--strict: " + "; ".join(warnings.items))
    for folder in sorted({path.parent for path in files}):
        prepare_folder(folder)
    written = write_all(files)
    if options.deck and options.preview:
        remove_stale_slides(options.out_dir, stem, written)
    return BuildReport(outline_path, tuple(written), len(pages), tuple(warnings.items))


def validate_outline(outline_path: Path) -> LoadedOutline:
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


def _template_path(loaded: LoadedOutline, options: Options) -> Path | None:
    """Return the template to use: the option's, else the outline's (relative to it)."""
    if options.template is not None:
        return options.template
    if loaded.outline.template:
        return loaded.resolve(loaded.outline.template)
    return None


def deck_design(loaded: LoadedOutline, template_path: Path | None, theme: Theme,
                warnings: Warnings) -> Design:
    """Return the design the deck is drawn with: the user's template, else the built-in
    base deck styled with ``theme``. What the template loses and stands in for is reported."""
    if template_path is None:
        return design_of(builtin_template(theme), theme, builtin=True)
    template = read_template(template_path)
    check_layout_names(loaded, template)
    package = template.package
    if package.macros:
        warnings.warn(f"template {template_path.name}: its macros are left out (a .pptx never "
                      "carries macros)")
    if package.left_out:
        warnings.warn(f"template {template_path.name}: left out {', '.join(package.left_out)}")
    design = design_of(template, theme, builtin=False)
    for note in design.notes:
        warnings.warn(f"template {template_path.name}: {note}")
    return design


def builtin_template(theme: Theme) -> Template:
    """Return the built-in base deck styled with ``theme``, read as a template."""
    return read_template_data(restyle(base_template().read_bytes(), theme), base_template())


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


def deck_info(loaded: LoadedOutline) -> DeckInfo:
    """Return the document properties of the deck, taken from the outline."""
    outline = loaded.outline
    day = outline.date
    return DeckInfo(title=outline.title, subject=outline.subtitle or "",
                    author=outline.author or "", lang=outline.language,
                    created=dt.datetime(day.year, day.month, day.day) if day else None,
                    category=outline.classification or "")


def base_template() -> Path:
    """Return the path of the built-in base deck."""
    return Path(str(resources.files("briefing.theme").joinpath("base.pptx")))


def export_template(path: Path, theme_name: str = DEFAULT_THEME, force: bool = False) -> Path:
    """Write the built-in base deck, styled with ``theme_name``, for restyling in PowerPoint.

    Raises BriefingError when ``path`` exists and ``force`` is not set.
    """
    from briefing.errors import BriefingError

    if path.exists() and not force:
        raise BriefingError(f"{path} already exists; pass --force to overwrite it")
    theme = load_theme(theme_name, Path.cwd())
    data = restyle(base_template().read_bytes(), theme)
    if path.parent != Path(""):
        prepare_folder(path.parent)
    write_all({path: data})
    return path


def describe_template(path: Path) -> list[str]:
    """Return lines describing a template: what each layout serves and holds, its free area,
    decorations, colours and contrast problems, and what a deck on it leaves out."""
    from briefing.theme.describe import describe

    template = read_template(path)
    return describe(template, load_theme(DEFAULT_THEME))
