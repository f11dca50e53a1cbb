"""The pipeline in one place: load, plan, lay out, render, write."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import hashlib
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from briefing import diskcache
from briefing.check.speech import SpeakingRates, total_seconds
from briefing.color import ratio_text
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
from briefing.layout.plan import plan_slides
from briefing.layout.slides import layout_deck
from briefing.layout.summary import Paper
from briefing.media import image_problems
from briefing.outline.clean import drop_uncovered
from briefing.outline.validate import Checked, LoadedOutline, check_outline
from briefing.output import prepare_folder, write_all
from briefing.preview import remove_stale_slides, rendered_files
from briefing.render.pptx import DeckInfo, render_pptx
from briefing.render.restyle import restyle
from briefing.report import BuildReport, BuildWarning, Kind, Warnings
from briefing.text.fonts import FontFile, Measurer
from briefing.text.keptwork import keep_made, read_kept
from briefing.theme.design import JAPANESE_NOTE, Design, analysed, design_of
from briefing.theme.template import (
    STORED_TEMPLATES,
    Template,
    read_template,
    read_template_data,
)
from briefing.theme.tokens import Theme, load_theme

if TYPE_CHECKING:
    from briefing.check.report import CheckReport

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
    handout: bool = False
    preview: bool = False
    slides: frozenset[int] | None = None  # the slides the preview writes as PNG (None: all)


def build(outline_path: Path, options: Options) -> BuildReport:
    """Return the report of building the deck and one-page summary of one outline.

    Raises OutlineError listing every problem in the input (as ``validate`` does),
    StrictError under ``options.strict`` when a presenter must fix something, and
    OutputError when the results cannot be written; nothing is written then.
    """
    ready = prepare(outline_path, options)
    loaded, design, warnings = ready.loaded, ready.design, ready.warnings
    read_kept(outline_path)
    typesetter = Typesetter(design, loaded.outline.language, warnings)
    files: dict[Path, bytes] = {}
    pages: list[Page] = []
    stem = output_stem(outline_path)
    if options.deck:
        pages = layout_deck(loaded, typesetter, plan_slides(loaded.outline))
        deck = render_pptx(pages, design.deck_data, deck_info(loaded))
        files[options.out_dir / f"{stem}.pptx"] = deck
        files.update(rendered_files(deck, stem, pages, loaded, ready.fonts, ready.measurer,
                                    options))
    if options.summary:
        files.update(summary_files(loaded, design.theme, ready.fonts, ready.measurer,
                                   warnings, options, stem))
    keep_made(outline_path)
    items = located(warnings.items, loaded)
    must_fix = [warning for warning in items if warning.must_fix]
    if options.strict and must_fix:
        raise StrictError(must_fix)
    for folder in sorted({path.parent for path in files}):
        prepare_folder(folder)
    written = write_all(files)
    if options.deck and options.preview:
        remove_stale_slides(options.out_dir, stem, written)
    return BuildReport(outline_path, tuple(written), len(pages), items,
                       total_seconds(pages, SpeakingRates()) if pages else None)


# The name a warning is about, where it quotes one: "body text of 'NATO's Basics'" (a name
# may hold quotes of its own, so from the first quote to the last).
_QUOTED = re.compile(r"'(.+)'")


def located(warnings: Sequence[BuildWarning], loaded: LoadedOutline,
            ) -> tuple[BuildWarning, ...]:
    """Return ``warnings`` with the place in the outline of each that is about a section (or
    the outline's title) and had none: layout names what it warns about by its title ("'X'
    continues on 2 slides", "body text of 'X'"), and the title's line and column go with it.
    """
    placed = []
    for warning in warnings:
        if warning.where is None and warning.what:
            quoted = _QUOTED.search(warning.what)
            where = loaded.where_named(quoted.group(1) if quoted else warning.what)
            if where is not None:
                warning = replace(warning, where=str(where))
        placed.append(warning)
    return tuple(placed)


def check_deck(outline_path: Path, options: Options, rates: SpeakingRates | None = None,
               minutes: float | None = None) -> CheckReport:
    """Return the check report of the deck ``outline_path`` builds with ``options``: each
    slide measured, timed at ``rates`` and judged, against a budget of ``minutes`` (else the
    outline's ``duration``). The deck is laid out as a build lays it out; nothing is written.

    Raises OutlineError listing every problem in the input, as ``validate`` does.
    """
    from briefing.check.deck import lay_out  # a build needs none of the checks
    from briefing.check.run import report_of

    ready = prepare(outline_path, options)
    loaded, design = ready.loaded, ready.design
    typesetter = Typesetter(design, loaded.outline.language, ready.warnings)
    slides = lay_out(loaded, typesetter, plan_slides(loaded.outline))
    budget = minutes if minutes is not None else loaded.outline.duration
    return report_of(outline_path, loaded.outline.title, loaded.outline.language, slides, design,
                     rates or SpeakingRates(), None if budget is None else budget * 60,
                     ready.warnings.items)


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
    design: Design
    fonts: tuple[FontFile, FontFile]
    measurer: Measurer
    warnings: Warnings


def prepare(outline_path: Path, options: Options) -> Prepared:
    """Return the outline with its design, fonts and measurer; raise OutlineError listing
    every problem found in any of them."""
    checked = check_outline(outline_path)
    problems = list(checked.problems)
    data = checked.document.data if isinstance(checked.document.data, dict) else {}
    locate = _locator(checked)
    theme = _collect(problems, lambda: _theme(data, options, outline_path, locate))
    template_path = _template_path(data, options, outline_path)
    if template_path is not None:
        template = _collect(problems, lambda: _read_template(template_path, options, locate))
    elif theme is not None:  # the built-in base deck styled with the theme
        template = builtin_template(theme)
    else:  # its layouts are named whatever the theme
        template = read_template(base_template())
    if template is not None:
        problems.extend(layout_name_problems(data, template, locate))
    loaded = None
    if checked.outline is not None:
        loaded = LoadedOutline(checked.outline, outline_path, tuple(checked.document.warnings),
                               checked.document.positions)
        problems.extend(image_problems(loaded))
    warnings = Warnings()
    design = None
    if theme is not None and template is not None:
        drawn_on = template if template_path is not None else builtin_template(theme)
        japanese = loaded is None or _sets_japanese(loaded)
        design = _collect(problems, functools.partial(
            _design, drawn_on, template_path, theme, warnings, options, locate, japanese))
    if loaded is None or design is None:
        raise OutlineError(_in_order(problems, outline_path))
    fonts = (design.minor.latin_file, design.minor.east_asian_file)
    measurer = Measurer(*fonts, line_spacing=design.theme.line_spacing)
    shown = _collect(problems, functools.partial(
        drop_uncovered, loaded.outline, measurer.covers, outline_path,
        lambda at: loaded.where(*at)))
    if problems or shown is None:
        raise OutlineError(_in_order(problems, outline_path))
    outline, dropped = shown
    cleaned = tuple(BuildWarning("cleaned", message, str(loaded.where(*at)))
                    for message, at in dropped)  # the input's own: validate shows them too
    shown_outline = replace(loaded, outline=outline.with_source_dates_shown(),
                            warnings=(*loaded.warnings, *cleaned))
    report = Warnings()  # the input's own warnings first, then the design's
    report.extend(shown_outline.warnings)
    report.extend(warnings.items)
    return Prepared(shown_outline, design, fonts, measurer, report)


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
        found = checked.document.positions.find(tuple(at), prefer_key=key)
        line, column = found or (None, None)
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


def _read_template(path: Path, options: Options, locate: Callable[..., Where]) -> Template:
    """Return the user's template; a problem with it is placed where it was named."""
    try:
        return read_template(path)
    except TemplateError as exc:
        where = Where(Path("--template")) if options.template else locate("template")
        raise OutlineError([Problem(where, exc.format_message(),
                                    "" if options.template else "template")]) from None


def _sets_japanese(loaded: LoadedOutline) -> bool:
    """Return whether a deck of ``loaded`` sets any Japanese text: a Japanese outline, or
    East Asian characters anywhere in what it says."""
    from briefing.text.fonts import has_east_asian

    return loaded.outline.lang == "ja" or has_east_asian(loaded.outline.model_dump_json())


def _design(template: Template, template_path: Path | None, theme: Theme, warnings: Warnings,
            options: Options, locate: Callable[..., Where], japanese: bool = True) -> Design:
    """Return the deck's design; a font that cannot be found is a problem where the theme
    was named. ``japanese``: whether the deck sets Japanese text (else the template's
    Japanese typefaces go unreported)."""
    try:
        return deck_design(template, template_path, theme, warnings, japanese)
    except FontError as exc:
        where = Where(Path("--theme")) if options.theme else locate("theme")
        raise OutlineError([Problem(where, exc.format_message(),
                                    "" if options.theme else "theme")]) from None


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


def _template_path(data: dict[str, Any], options: Options, outline_path: Path) -> Path | None:
    """Return the template to use: the option's, else the outline's (relative to it)."""
    if options.template is not None:
        return options.template
    written = data.get("template")
    if isinstance(written, str) and written:
        return (outline_path.parent / written).resolve()
    return None


def deck_design(template: Template, template_path: Path | None, theme: Theme,
                warnings: Warnings, japanese: bool = True) -> Design:
    """Return the design the deck is drawn with: the user's template (``template_path``),
    else the built-in base deck styled with ``theme``. What the template loses and stands
    in for is reported; what it names for Japanese text only when ``japanese`` (the deck
    sets some)."""
    if template_path is None:
        return design_of(template, theme, builtin=True)
    package = template.package
    if package.left_out:  # macros among them, named once there
        warnings.warn(f"template {template_path.name}: left out {', '.join(package.left_out)}",
                      "template")
    design = design_of(template, theme, builtin=False)
    notes = [note for note in design.notes if japanese or JAPANESE_NOTE not in note]
    for note in _styles_merged(notes):
        kind: Kind = "font_missing" if "is not installed" in note else "template"
        warnings.warn(f"template {template_path.name}: {note}", kind)
    links = design.links
    if links is not None and links.replacement is not None:
        warnings.warn(f"template {template_path.name}: links are drawn in "
                      f"#{links.replacement.rgb}, which reads at "
                      f"{ratio_text(links.replacement_ratio)}:1 or better where the deck sets "
                      f"text, not in its link colour hlink (#{links.template.rgb}), which "
                      f"reads at {ratio_text(links.ratio)}:1 there", "template")
    return design


def _styles_merged(notes: Sequence[str]) -> list[str]:
    """Return ``notes`` with those saying the same of the headings and of the text (a font
    the template names for both) made one: "headings and text: ..."."""
    styles: dict[str, list[str]] = {}
    for note in notes:
        style, _, said = note.partition(": ")
        if style in ("headings", "text") and said:
            styles.setdefault(said, []).append(style)
    merged, told = [], set()
    for note in notes:
        style, _, said = note.partition(": ")
        if said in styles and len(styles[said]) > 1:
            if said not in told:
                told.add(said)
                merged.append(f"{' and '.join(styles[said])}: {said}")
            continue
        merged.append(note)
    return merged


_BUILTIN: dict[tuple[str, bytes | None], Template] = {}


def _logo_stamp(logo: Path | None) -> bytes | None:
    """Return the SHA-256 of the logo file's bytes (None without a readable logo)."""
    if logo is None:
        return None
    try:
        return hashlib.sha256(logo.read_bytes()).digest()
    except OSError:
        return None


def builtin_template(theme: Theme) -> Template:
    """Return the built-in base deck styled with ``theme``, read as a template and analysed
    (once a process for each theme and logo, a logo replaced under the same name drawn anew;
    kept between runs in the user cache folder)."""
    key = (repr(theme), _logo_stamp(theme.logo))
    if key not in _BUILTIN:
        if len(_BUILTIN) >= 4:
            _BUILTIN.pop(next(iter(_BUILTIN)))
        base = base_template().read_bytes()
        _BUILTIN[key] = diskcache.kept_object(
            "templates", b"\0".join((base, key[0].encode(), key[1] or b"")),
            lambda: analysed(read_template_data(restyle(base, theme), base_template())),
            Template, STORED_TEMPLATES)
    return _BUILTIN[key]


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


def export_template(path: Path, theme_name: str = DEFAULT_THEME, force: bool = False) -> Path:
    """Write the built-in base deck, styled with ``theme_name``, for restyling in PowerPoint.

    Raises BriefingError when ``path`` exists and ``force`` is not set.
    """
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
