"""The command line: turns options into arguments for the api and prints its reports."""

from __future__ import annotations

import functools
import logging
import sys
import time
import traceback
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import click

from briefing import __version__
from briefing.errors import BriefingError, OutlineError

EXAMPLES = {
    "build": "\b\nExamples:\n  briefing build outlines/nato-japan.yaml\n"
             "  briefing build outlines/*.yaml --out-dir dist --theme dark\n"
             "  briefing build talk.yaml --template corp.pptx --strict",
    "validate": "\b\nExamples:\n  briefing validate outlines/*.yaml",
    "init": "\b\nExamples:\n  briefing init\n  briefing init talks/q3.yaml",
    "schema": "\b\nExamples:\n  briefing schema > outline.schema.json",
    "summary": "\b\nExamples:\n  briefing summary outlines/nato-japan.yaml --paper letter",
    "themes": "\b\nExamples:\n  briefing themes",
    "preview": "\b\nExamples:\n  briefing preview outlines/nato-japan.yaml\n"
               "  briefing preview talk.yaml --slides 3-5,8 --template corp.pptx",
    "watch": "\b\nExamples:\n  briefing watch outlines/nato-japan.yaml\n"
             "  briefing watch talk.yaml --preview --out-dir dist",
}


class Context:
    """Options shared by every command."""

    def __init__(self, debug: bool) -> None:
        self.debug = debug


def _run(ctx: click.Context, action: Callable[[], Any]) -> Any:
    """Return ``action()``; a BriefingError becomes its message, others a short failure."""
    settings = ctx.find_object(Context)
    debug = settings.debug if settings is not None else False
    try:
        return action()
    except BriefingError:
        if debug:
            traceback.print_exc()
        raise
    except (KeyboardInterrupt, click.exceptions.Exit, click.ClickException):
        raise
    except Exception as exc:
        if debug:
            traceback.print_exc()
        raise BriefingError(f"internal error: {type(exc).__name__}: {exc} "
                            "(run with --debug for the traceback)") from None


class _Group(click.Group):
    """The command group: an unexpected failure anywhere becomes one message, not a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:
            if "--debug" in sys.argv:
                raise
            raise BriefingError(f"internal error: {type(exc).__name__}: {exc} "
                                "(run with --debug for the traceback)") from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Turn a YAML outline of an article into a PowerPoint briefing deck and a one-page PDF."""
    ctx.obj = Context(debug)
    logging.basicConfig(level=logging.ERROR, format="%(message)s")


def run() -> None:
    """Run the command line as the ``briefing`` program, then leave without the interpreter's
    final garbage collections.

    Those walk every object a build made and took 0.4 s of a 2 s build of the seed (measured
    with os._exit as the reference); the process ends right after, so freezing the objects
    (``gc.freeze``) loses nothing. ``main`` itself stays side-effect free for callers that
    go on running, such as tests.
    """
    import gc

    try:
        main(prog_name="briefing")
    finally:
        gc.freeze()


def _outlines() -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Return the decorator for the OUTLINE... argument."""
    return click.argument("outlines", nargs=-1, required=True,
                          type=click.Path(path_type=Path, dir_okay=True))


def _build_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """Return ``function`` with the options that build and summary share."""
    for option in reversed([
        click.option("--out-dir", type=click.Path(path_type=Path), default=Path("output"),
                     show_default=True, help="Folder for the results."),
        click.option("--theme", help="Built-in theme name or theme .yaml file."),
        click.option("--template", type=click.Path(path_type=Path),
                     help="Corporate .pptx template whose layouts to use."),
        click.option("--strict", is_flag=True, help="Treat warnings as errors."),
        click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4",
                     show_default=True, help="Paper size of the one-page summary."),
        click.option("--landscape", is_flag=True, help="Landscape one-page summary."),
    ]):
        function = option(function)
    return function


@main.command(epilog=EXAMPLES["build"])
@_outlines()
@_build_options
@click.option("--handout", is_flag=True,
              help="Also write DIR/<stem>-handout.pdf: three slides a page beside their notes "
                   "(needs LibreOffice).")
@click.pass_context
def build(ctx: click.Context, /, outlines: tuple[Path, ...], **options: Any) -> None:
    """Build OUTLINE(s) into DIR/<stem>.pptx and DIR/<stem>-summary.pdf (and .png)."""
    _build_many(ctx, outlines, deck=True, **options)


@main.command(epilog=EXAMPLES["summary"])
@_outlines()
@_build_options
@click.pass_context
def summary(ctx: click.Context, /, outlines: tuple[Path, ...], **options: Any) -> None:
    """Write only the one-page summary (PDF and PNG) of OUTLINE(s)."""
    _build_many(ctx, outlines, deck=False, **options)


def _build_many(ctx: click.Context, outlines: tuple[Path, ...], deck: bool,
                **options: Any) -> None:
    """Build each outline; one failure does not stop the others; exit 1 if any failed."""
    from briefing.api import build as build_one
    from briefing.api import output_stem

    settings = _settings(deck, **options)
    failed = []
    stems: dict[str, Path] = {}
    for path in outlines:
        earlier = stems.setdefault(output_stem(path), path)
        if earlier != path:
            failed.append(path)
            click.echo(f"Error: {path} would overwrite the results of {earlier} (same name); "
                       "build it into another --out-dir", err=True)
            continue
        try:
            report = _run(ctx, functools.partial(build_one, path, settings))
        except BriefingError as exc:
            failed.append(path)
            click.echo(f"Error: {exc.format_message()}", err=True)
            continue
        _print_report(report)
    if failed:
        if len(outlines) > 1:
            names = ", ".join(str(p) for p in failed)
            click.echo(f"{len(failed)} of {len(outlines)} outlines failed: {names}", err=True)
        ctx.exit(1)


def _settings(deck: bool = True, **options: Any) -> Any:
    """Return the api's build options from the command-line options."""
    from briefing.api import Options

    return Options(out_dir=options["out_dir"], theme=options["theme"],
                   template=options["template"], strict=options["strict"], deck=deck,
                   paper=options["paper"], landscape=options["landscape"],
                   handout=options.get("handout", False), preview=options.get("preview", False),
                   slides=options.get("slides"))


class _SlideList(click.ParamType):  # type: ignore[type-arg]
    """Slide numbers and ranges counted from 1, like ``3-5,8``."""

    name = "LIST"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> frozenset[int]:
        from briefing.preview import parse_slides

        if isinstance(value, frozenset):
            return value
        try:
            return parse_slides(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def _slides_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """Return ``function`` with the --slides option."""
    return click.option("--slides", type=_SlideList(), default=None,
                        help="Slides to write as PNG, like 3-5,8 (default: all); the PDF and "
                             "the contact sheet always show every slide.")(function)


@main.command(epilog=EXAMPLES["preview"])
@_outlines()
@_build_options
@_slides_option
@click.pass_context
def preview(ctx: click.Context, /, outlines: tuple[Path, ...], slides: frozenset[int] | None,
            **options: Any) -> None:
    """Build OUTLINE(s), then render each deck with LibreOffice to DIR/<stem>.pdf,
    DIR/<stem>-slides/slide-NN.png and a numbered contact sheet DIR/<stem>-contact.png."""
    _build_many(ctx, outlines, deck=True, preview=True, slides=slides, **options)


@main.command(epilog=EXAMPLES["watch"])
@_outlines()
@_build_options
@click.option("--handout", is_flag=True, help="Also write the handout on every build.")
@click.option("--preview", is_flag=True,
              help="Also render the slides (as the preview command) on every build.")
@_slides_option
@click.pass_context
def watch(ctx: click.Context, /, outlines: tuple[Path, ...], **options: Any) -> None:
    """Build OUTLINE(s), then rebuild whenever an outline, an image it uses, the theme file
    or the template changes; a broken edit prints its error and watching goes on. Ctrl-C
    stops."""
    from briefing.watch import watch as watch_outlines

    settings = _settings(**options)
    first: set[Path] = set()

    def show(result: Any) -> None:
        if result.outline not in first:
            first.add(result.outline)
            _print_first(result)
        else:
            _print_rebuild(result)

    try:
        click.echo(f"watching {len(outlines)} outline(s); Ctrl-C stops", err=True)
        _run(ctx, functools.partial(watch_outlines, list(outlines), settings, show))
    except KeyboardInterrupt:
        click.echo("stopped watching", err=True)


def _print_first(result: Any) -> None:
    """Print the first build of a watched outline in full (or its error)."""
    if result.error is not None:
        click.echo(f"Error: {result.error}", err=True)
        return
    _print_report(result.report)


def _print_rebuild(result: Any) -> None:
    """Print one line for a rebuild: the time, the outline and what came of it."""
    now = time.strftime("%H:%M:%S")
    if result.error is not None:
        click.echo(f"{now} {result.outline}: failed after {result.seconds:.2f} s; still "
                   f"watching\nError: {result.error}", err=True)
        return
    report = result.report
    warned = f", {len(report.warnings)} warning(s)" if report.warnings else ""
    click.echo(f"{now} {result.outline}: rebuilt in {result.seconds:.2f} s "
               f"({report.slides} slides{warned})")


def _print_report(report: Any) -> None:
    """Print the files written, the slide count and the warnings of one build."""
    slides = f" ({report.slides} slides)" if report.slides else ""
    click.echo(f"{report.outline}{slides}")
    for path in report.written:
        click.echo(f"  wrote {path}")
    for warning in report.warnings:
        click.echo(f"  warning: {warning}")


@main.command(epilog=EXAMPLES["validate"])
@_outlines()
@click.pass_context
def validate(ctx: click.Context, outlines: tuple[Path, ...]) -> None:
    """Check OUTLINE(s) against the format; print every problem as file:line:col."""
    from briefing.api import validate_outline

    bad = 0
    for path in outlines:
        try:
            _run(ctx, functools.partial(validate_outline, path))
        except OutlineError as exc:
            bad += 1
            click.echo(exc.format_message(), err=True)
            continue
        except BriefingError as exc:
            bad += 1
            click.echo(f"{path}: {exc.format_message()}", err=True)
            continue
        click.echo(f"{path}: ok")
    if bad:
        ctx.exit(1)


@main.command(epilog=EXAMPLES["init"])
@click.argument("path", type=click.Path(path_type=Path), default=Path("outline.yaml"))
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(path: Path, force: bool) -> None:
    """Write a commented starter outline to PATH (default outline.yaml)."""
    if path.exists() and not force:
        raise BriefingError(f"{path} already exists; pass --force to overwrite it")
    text = resources.files("briefing.outline").joinpath("starter.yaml").read_text("utf-8")
    from briefing.outline.schema import schema_text

    schema_path = path.parent / "outline.schema.json"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if not schema_path.exists():
            schema_path.write_text(schema_text(), encoding="utf-8")
    except OSError as exc:
        raise BriefingError(f"cannot write {path}: {exc.strerror}") from None
    click.echo(f"wrote {path} (and {schema_path.name} for editors that validate YAML); "
               f"edit it, then run: briefing build {path}")


@main.command(epilog=EXAMPLES["schema"])
def schema() -> None:
    """Print the JSON Schema of the outline format."""
    from briefing.outline.schema import schema_text

    sys.stdout.write(schema_text())


@main.command(epilog=EXAMPLES["themes"])
def themes() -> None:
    """List the built-in themes."""
    from briefing.theme.tokens import describe_builtins

    for name, description in describe_builtins():
        click.echo(f"{name:10} {description}")


@main.command("install-font")
def install_font() -> None:
    """Install the bundled Noto Sans JP for this user, so LibreOffice and others show decks
    with the font they were laid out with (PowerPoint users install it the usual way)."""
    from briefing.text.fonts import install_bundled_font

    click.echo(f"installed {install_bundled_font()}")


@main.group()
def template() -> None:
    """Inspect corporate templates, or export the built-in one to restyle."""


@template.command("inspect", epilog="\b\nExamples:\n  briefing template inspect corp.pptx")
@click.argument("file", type=click.Path(path_type=Path))
@click.pass_context
def template_inspect(ctx: click.Context, /, file: Path) -> None:
    """List FILE's layouts, their placeholders and which slide kind each serves."""
    from briefing.api import describe_template

    for line in _run(ctx, functools.partial(describe_template, file)):
        click.echo(line)


@template.command("export", epilog="\b\nExamples:\n  briefing template export\n"
                                   "  briefing template export corp-base.pptx --theme dark")
@click.argument("path", type=click.Path(path_type=Path), default=Path("briefing-base.pptx"))
@click.option("--theme", default="default", show_default=True, help="Built-in theme to apply.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.pass_context
def template_export(ctx: click.Context, /, path: Path, theme: str, force: bool) -> None:
    """Write the built-in base template to PATH, to restyle in PowerPoint and pass back."""
    from briefing.api import export_template

    written = _run(ctx, functools.partial(export_template, path, theme, force))
    click.echo(f"wrote {written}; restyle it, then: briefing build OUTLINE --template {written}")
