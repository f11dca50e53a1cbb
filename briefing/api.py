"""The pipeline in one place: load, plan, lay out, render, write."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from briefing.errors import (
    BriefingError,
    FontError,
    OutlineError,
    Problem,
    StrictError,
    TemplateError,
    Where,
)
from briefing.layout.boxes import Page
from briefing.layout.frames import Typesetter
from briefing.layout.geometry import SlideGeometry, builtin_geometry
from briefing.layout.plan import plan_slides
from briefing.layout.slides import layout_deck
from briefing.layout.summary import Paper
from briefing.media import image_problems
from briefing.outline.clean import drop_uncovered
from briefing.outline.validate import Checked, LoadedOutline, check_outline
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
T = TypeVar("T")


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
    """Return the report of building the deck and one-page summary of one outline.

    Raises OutlineError listing every problem in the input (as ``validate`` does),
    StrictError under ``options.strict`` when a presenter must fix something, and
    OutputError when the results cannot be written; nothing is written then.
    """
    ready = prepare(outline_path, options)
    loaded, theme, warnings = ready.loaded, ready.theme, ready.warnings
    typesetter = Typesetter(theme, ready.measurer, loaded.outline.language, warnings)
    files: dict[Path, bytes] = {}
    pages: list[Page] = []
    stem = output_stem(outline_path)
    if options.deck:
        pages = layout_deck(loaded, typesetter, plan_slides(loaded.outline),
                            ready.deck_base.geometry)
        files[options.out_dir / f"{stem}.pptx"] = render_pptx(
            pages, theme, deck_info(loaded), ready.deck_base.base)
    if options.summary:
        files.update(summary_files(loaded, theme, ready.fonts, ready.measurer, warnings,
                                   options, stem))
    must_fix = [warning for warning in warnings.items if warning.must_fix]
    if options.strict and must_fix:
        raise StrictError(must_fix)
    prepare_folder(options.out_dir)
    written = write_all(files)
    return BuildReport(outline_path, tuple(written), len(pages), tuple(warnings.items))


def validate_outline(outline_path: Path, options: Options | None = None) -> LoadedOutline:
    """Return the outline at ``outline_path`` once everything a build reads checks out.

    Raises OutlineError listing every problem at once: the format, the theme (name or file),
    the template and the layout names, the images, the fonts and text no font can show.
    """
    return prepare(outline_path, options or Options()).loaded


@dataclass(frozen=True)
class Prepared:
    """An outline checked with everything it needs, ready to lay out."""

    loaded: LoadedOutline
    theme: Theme
    deck_base: DeckBase
    fonts: tuple[FontFile, FontFile]
    measurer: Measurer
    warnings: Warnings


def prepare(outline_path: Path, options: Options) -> Prepared:
    """Return the outline with its theme, base deck, fonts and measurer; raise OutlineError
    listing every problem found in any of them."""
    checked = check_outline(outline_path)
    problems = list(checked.problems)
    data = checked.document.data if isinstance(checked.document.data, dict) else {}
    locate = _locator(checked)
    theme = _collect(problems, lambda: _theme(data, options, outline_path, locate))
    template_path = _template_path(data, options, outline_path)
    template = _collect(problems, lambda: _read_template(template_path, options, locate))
    if template is not None:
        problems.extend(layout_name_problems(data, template, locate))
    fonts = None
    if theme is not None:
        fonts = _collect(problems, functools.partial(_theme_fonts_at, theme, data, options,
                                                     locate))
    loaded = None
    if checked.outline is not None:
        loaded = LoadedOutline(checked.outline, outline_path, tuple(checked.document.warnings),
                               checked.document.positions)
        problems.extend(image_problems(loaded))
    warnings = Warnings()
    if loaded is None or theme is None or template is None or fonts is None:
        raise OutlineError(_in_order(problems, outline_path))
    warnings.extend(loaded.warnings)
    deck_base = _deck_base(template, template_path is not None, theme, warnings)
    fonts = theme_fonts(deck_base.theme)
    measurer = Measurer(*fonts, line_spacing=deck_base.theme.line_spacing)
    shown = _collect(problems, functools.partial(
        drop_uncovered, loaded.outline, measurer.covers, outline_path,
        lambda at: loaded.where(*at)))
    if problems or shown is None:
        raise OutlineError(_in_order(problems, outline_path))
    outline, dropped = shown
    for message in dropped:
        warnings.warn(message, "cleaned", where=str(outline_path))
    return Prepared(replace(loaded, outline=outline), deck_base.theme, deck_base, fonts,
                    measurer, warnings)


def _collect(problems: list[Problem], action: Callable[[], T]) -> T | None:
    """Return ``action()``; when it raises a BriefingError, add its problems and return None."""
    try:
        return action()
    except OutlineError as exc:
        problems.extend(exc.problems)
    except BriefingError as exc:
        problems.append(Problem(Where(Path("")), exc.format_message()))
    return None


def _locator(checked: Checked) -> Callable[..., Where]:
    """Return a function from a data path (and ``key=``) to its place in the outline."""
    def locate(*at: str | int, key: bool = False) -> Where:
        line, column = checked.document.positions.find(tuple(at), prefer_key=key) or (None,
                                                                                       None)
        return Where(checked.document.path, line, column)
    return locate


def _in_order(problems: list[Problem], outline_path: Path) -> list[Problem]:
    """Return ``problems`` the outline's first, each file's in line order, without repeats."""
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.where.path != outline_path, str(p.where.path),
                                         p.where.line or 0, p.where.column or 0))


def _theme(data: dict[str, Any], options: Options, outline_path: Path,
           locate: Callable[..., Where]) -> Theme:
    """Return the theme the build uses: the option's, else the outline's, else the default."""
    if options.theme:
        return load_theme(options.theme, Path.cwd(), Where(Path("--theme")))
    name = data.get("theme")
    if isinstance(name, str) and name:
        return load_theme(name, outline_path.parent, locate("theme"))
    return load_theme(DEFAULT_THEME)


def _theme_fonts_at(theme: Theme, data: dict[str, Any], options: Options,
                    locate: Callable[..., Where]) -> tuple[FontFile, FontFile]:
    """Return the theme's font files; a font that cannot be found is a problem where the
    theme was named."""
    try:
        return theme_fonts(theme)
    except FontError as exc:
        where = Where(Path("--theme")) if options.theme else locate("theme")
        raise OutlineError([Problem(where, exc.format_message(),
                                    "" if options.theme else "theme")]) from None


def _read_template(path: Path | None, options: Options,
                   locate: Callable[..., Where]) -> Template:
    """Return the template (the built-in base deck when ``path`` is None)."""
    try:
        return read_template(path or base_template())
    except TemplateError as exc:
        where = Where(Path("--template")) if options.template else locate("template")
        raise OutlineError([Problem(where, exc.format_message(),
                                    "" if options.template else "template")]) from None


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
    pdf = render_pdf(sheet, theme, fonts, document_date(outline.date), outline.author)
    png = render_png(sheet, theme, fonts)
    return {options.out_dir / f"{stem}-summary.pdf": pdf,
            options.out_dir / f"{stem}-summary.png": png}


@dataclass(frozen=True)
class DeckBase:
    """The deck to draw on, with the theme and geometry that go with it."""

    base: Base
    theme: Theme
    geometry: SlideGeometry


def _template_path(data: dict[str, Any], options: Options, outline_path: Path) -> Path | None:
    """Return the template to use: the option's, else the outline's (relative to it)."""
    if options.template is not None:
        return options.template
    written = data.get("template")
    if isinstance(written, str) and written:
        return (outline_path.parent / written).resolve()
    return None


def _deck_base(template: Template, is_users: bool, theme: Theme,
               warnings: Warnings) -> DeckBase:
    """Return the built-in base deck, or the user's template with its colours and geometry."""
    chosen, notes = choose_layouts(template)
    layouts = {role: layout.index for role, layout in chosen.items()}
    if not is_users:
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


def layout_name_problems(data: dict[str, Any], template: Template,
                         locate: Callable[..., Where]) -> list[Problem]:
    """Return a Problem for every section that names a layout the template does not have."""
    names = [layout.name for layout in template.layouts]
    sections = data.get("sections")
    problems = []
    for index, section in enumerate(sections if isinstance(sections, list) else []):
        name = section.get("layout") if isinstance(section, dict) else None
        if not isinstance(name, str) or not name or template.layout_named(name) is not None:
            continue
        close = difflib.get_close_matches(name, names, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        problems.append(Problem(locate("sections", index, "layout"),
                                f"no layout named '{name}'; {hint}the layouts are: "
                                f"{', '.join(names)}", f"sections[{index}].layout"))
    return problems


def theme_fonts(theme: Theme) -> tuple[FontFile, FontFile]:
    """Return the (Latin, East Asian) font files the theme names."""
    return (resolve_font(theme.fonts.latin, theme.fonts.latin_file),
            resolve_font(theme.fonts.east_asian, theme.fonts.east_asian_file))


def deck_info(loaded: LoadedOutline) -> DeckInfo:
    """Return the document properties of the deck, taken from the outline."""
    outline = loaded.outline
    return DeckInfo(title=outline.title, subject=outline.subtitle or "",
                    author=outline.author or "", lang=outline.language,
                    created=document_date(outline.date), category=outline.classification or "")


def document_date(day: dt.date | None) -> dt.datetime | None:
    """Return the date the deck and the PDF carry: the outline's ``date`` (midnight UTC),
    else SOURCE_DATE_EPOCH (reproducible-builds.org), else None, so that no build writes
    the time it ran. Raise BriefingError when SOURCE_DATE_EPOCH is not a number of seconds."""
    if day is not None:
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    if not epoch.isdigit():
        raise BriefingError(f"SOURCE_DATE_EPOCH is '{epoch}'; it must be a whole number of "
                            "seconds since 1970-01-01 (or unset)")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC)


def base_template() -> Path:
    """Return the path of the built-in base deck."""
    return Path(str(resources.files("briefing.theme").joinpath("base.pptx")))


def export_template(path: Path, theme_name: str = DEFAULT_THEME) -> Path:
    """Write the built-in base deck, styled with ``theme_name``, for restyling in PowerPoint."""
    theme = load_theme(theme_name, Path.cwd())
    template = read_template(base_template())
    chosen, _ = choose_layouts(template)
    layouts = {role: layout.index for role, layout in chosen.items()}
    info = DeckInfo(title="", subject="", author="", lang="en", created=None)
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
