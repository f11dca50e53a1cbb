"""The command line: turns options into arguments for the api and prints its reports.

Results go to standard output, warnings, progress and errors to standard error. Exit status:
0 success, 1 bad input or a failed build, 2 a usage error, 130 an interrupt (Ctrl-C). A
closed standard output (``briefing build *.yaml | head -1``) never stops a build.

An interrupt that lands while Python runs code made from a string (a dataclass being created
by a module imported mid-build) makes CPython end the process by SIGINT itself once it has
exited (3.8 and later), which shells report as status 130 too.
"""

from __future__ import annotations

import errno
import functools
import json
import logging
import os
import re
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import IO, Any, TypeVar

import click

from briefing import __version__
from briefing.errors import BriefingError, OutlineError

T = TypeVar("T")

EXAMPLES = {
    "build": "\b\nExamples:\n  briefing build outlines/nato-japan.yaml\n"
             "  briefing build outlines/*.yaml --out-dir dist --theme dark --jobs 4\n"
             "  briefing build talk.yaml --template corp.pptx --strict --report-json report.json",
    "validate": "\b\nExamples:\n  briefing validate outlines/*.yaml\n"
                "  briefing validate talk.yaml --template corp.pptx",
    "init": "\b\nExamples:\n  briefing init\n  briefing init talks/q3\n"
            "  briefing init talks/q3-ja.yaml --lang ja",
    "schema": "\b\nExamples:\n  briefing schema > outline.schema.json",
    "summary": "\b\nExamples:\n  briefing summary outlines/nato-japan.yaml --paper letter",
    "themes": "\b\nExamples:\n  briefing themes",
    "check": "\b\nExamples:\n  briefing check outlines/nato-japan.yaml --minutes 10\n"
             "  briefing check talk.yaml --template corp.pptx --plot time.png\n"
             "  briefing check outlines/*.yaml --json --strict",
    "preview": "\b\nExamples:\n  briefing preview outlines/nato-japan.yaml\n"
               "  briefing preview talk.yaml --slides 3-5,8 --template corp.pptx",
    "watch": "\b\nExamples:\n  briefing watch outlines/nato-japan.yaml\n"
             "  briefing watch talk.yaml --preview --out-dir dist",
}
DEBUG_VARIABLE = "BRIEFING_DEBUG"
INTERRUPTED = 130  # 128 + SIGINT, as shells report it


class Context:
    """Options shared by every command."""

    def __init__(self, debug: bool) -> None:
        self.debug = debug


# --- writing to the terminal -------------------------------------------------------------------

class _Streams:
    """Standard output and error that a closed reader never breaks.

    When the reader of a stream goes away (``| head``), later writes to it are dropped and
    the command goes on; the exit status still comes from the work itself. A stream that
    cannot be written for another reason (a full device, ``> /dev/full``) is dropped too,
    and standard error says so once when it is standard output that failed.
    """

    def __init__(self) -> None:
        self.closed: set[bool] = set()

    def echo(self, message: str = "", err: bool = False, nl: bool = True) -> None:
        """Write ``message`` to standard output, or to standard error when ``err``."""
        if err in self.closed:
            return
        try:
            click.echo(message, err=err, nl=nl)
        except OSError as exc:
            self._drop(err)
            if exc.errno not in (errno.EPIPE, errno.EINVAL) and not err:
                self.echo(f"warning: standard output could not be written "
                          f"({os.strerror(exc.errno or errno.EIO)}); what follows on it is "
                          "left out", err=True)

    def _drop(self, err: bool) -> None:
        """Stop writing to the stream whose reader has gone, and keep its flush from failing."""
        self.closed.add(err)
        stream = sys.stderr if err else sys.stdout
        try:
            descriptor = os.open(os.devnull, os.O_WRONLY)
            os.dup2(descriptor, stream.fileno())
            os.close(descriptor)
        except (OSError, ValueError, AttributeError):  # not a real file (a test runner's)
            pass


STREAMS = _Streams()


def _say(message: str = "", nl: bool = True) -> None:
    """Write a result line to standard output."""
    STREAMS.echo(message, nl=nl)


def _tell(message: str = "", nl: bool = True) -> None:
    """Write a warning, progress or error line to standard error."""
    STREAMS.echo(message, err=True, nl=nl)


# --- the command group -------------------------------------------------------------------------

class _Interrupted(Exception):
    """Ctrl-C during a command, passed on past click, which would print a blank line for it."""


class _Group(click.Group):
    """The command group: maps the error tree to exit codes and accepts ``--debug`` anywhere."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; Ctrl-C is passed on as _Interrupted (see ``main``)."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as exc:
            raise _Interrupted from exc

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             **extra: Any) -> Any:
        """Run the command line and exit with its status (see the module docstring)."""
        arguments = list(sys.argv[1:] if args is None else args)
        debug = _take_debug_flag(arguments) or os.environ.get(DEBUG_VARIABLE, "") not in (
            "", "0")
        try:
            status = super().main(arguments, prog_name, complete_var, standalone_mode=False,
                                  obj=Context(debug), **extra)
        except click.exceptions.Exit as exc:
            status = exc.exit_code
        except click.ClickException as exc:
            _show_usage_error(exc)
            status = exc.exit_code
        except (click.Abort, KeyboardInterrupt, _Interrupted):
            # On a terminal the line starts below the ^C it echoed; a log gets no blank line.
            _tell(("\n" if _is_terminal(sys.stderr) else "")
                  + "interrupted; nothing was left half-written")
            status = INTERRUPTED
        except BriefingError as exc:
            if debug:
                _tell(traceback.format_exc().rstrip())
            _tell(f"Error: {exc.format_message()}")
            status = exc.exit_code
        except Exception as exc:
            if debug:
                _tell(traceback.format_exc().rstrip())
            _tell(f"Error: internal error: {type(exc).__name__}: {exc} "
                  "(run with --debug for the traceback)")
            status = 1
        if not standalone_mode:
            return status
        sys.exit(status if isinstance(status, int) else 0)


def _take_debug_flag(arguments: list[str]) -> bool:
    """Remove every ``--debug`` before a ``--`` from ``arguments``; return whether one was."""
    end = arguments.index("--") if "--" in arguments else len(arguments)
    found = "--debug" in arguments[:end]
    arguments[:end] = [a for a in arguments[:end] if a != "--debug"]
    return found


def _show_usage_error(exc: click.ClickException) -> None:
    """Print a usage error as click would, to standard error."""
    try:
        exc.show()
    except OSError as error:
        if error.errno != errno.EPIPE:
            raise


def _debugging(ctx: click.Context) -> bool:
    """Return whether tracebacks were asked for."""
    settings = ctx.find_object(Context)
    return settings.debug if settings is not None else False


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
@click.option("--debug", is_flag=True,
              help=f"Show tracebacks for errors (also after the command name, or "
                   f"{DEBUG_VARIABLE}=1).")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Turn a YAML outline of an article into a PowerPoint briefing deck and a one-page PDF."""
    if not isinstance(ctx.obj, Context):
        ctx.obj = Context(debug)
    elif debug:
        ctx.obj.debug = True
    logging.basicConfig(level=logging.ERROR, format="%(message)s")


def _outlines() -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Return the decorator for the OUTLINE... argument."""
    return click.argument("outlines", nargs=-1, required=True,
                          type=click.Path(path_type=Path, dir_okay=True))


def _input_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """Return ``function`` with the options that choose the theme and the template."""
    for option in reversed([
        click.option("--theme", help="Built-in theme name or theme .yaml file."),
        click.option("--template", type=click.Path(path_type=Path),
                     help="Corporate .pptx template whose layouts to use."),
    ]):
        function = option(function)
    return function


def _build_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """Return ``function`` with the options that build and summary share."""
    function = _input_options(function)
    for option in reversed([
        click.option("--out-dir", type=click.Path(path_type=Path), default=Path("output"),
                     show_default=True, help="Folder for the results."),
        click.option("--strict", is_flag=True,
                     help="Fail on what a presenter must fix: text below the theme's smallest "
                          "size, content continued on another slide, keep items left off the "
                          "one-pager, missing fonts."),
        click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4",
                     show_default=True, help="Paper size of the one-page summary."),
        click.option("--landscape", is_flag=True, help="Landscape one-page summary."),
        click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
                     help="Build this many outlines at once, each in its own process."),
        click.option("--report-json", type=click.Path(path_type=Path, dir_okay=False),
                     help="Also write the report (files, warnings, errors) as JSON to FILE "
                          "('-' for standard output)."),
        click.option("--quiet", "-q", is_flag=True,
                     help="Print errors only (the exit status and --report-json tell the rest)."),
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
    _build_command(ctx, outlines, deck=True, **options)


@main.command(epilog=EXAMPLES["summary"])
@_outlines()
@_build_options
@click.pass_context
def summary(ctx: click.Context, /, outlines: tuple[Path, ...], **options: Any) -> None:
    """Write only the one-page summary (PDF and PNG) of OUTLINE(s)."""
    _build_command(ctx, outlines, deck=False, **options)


def _build_command(ctx: click.Context, outlines: tuple[Path, ...], deck: bool,
                   **options: Any) -> None:
    """Build every outline and report; exit 1 when any failed."""
    from briefing.api import Options

    settings = Options(out_dir=options["out_dir"], theme=options["theme"],
                       template=options["template"], strict=options["strict"], deck=deck,
                       paper=options["paper"], landscape=options["landscape"],
                       handout=options.get("handout", False),
                       preview=options.get("preview", False), slides=options.get("slides"))
    failed = build_and_report(outlines, settings, jobs=options["jobs"],
                              debug=_debugging(ctx), quiet=options["quiet"],
                              report_json=options["report_json"])
    if failed:
        ctx.exit(1)


def build_and_report(outlines: Sequence[Path], options: Any, *, jobs: int = 1,
                     debug: bool = False, quiet: bool = False,
                     report_json: Path | None = None) -> list[Path]:
    """Build ``outlines`` with ``options`` (an ``api.Options``), print each outcome as it
    ends, a progress bar or lines for a batch and a closing summary; return the outlines
    that failed. Every outline is built whatever happens to the others or to the output."""
    from briefing.batch import run_builds

    progress = _Progress(len(outlines), enabled=not quiet and len(outlines) > 1,
                         lines=jobs > 1)
    started = time.perf_counter()
    outcomes = []
    json_out = report_json is not None and str(report_json) == "-"
    for outcome in run_builds(outlines, options, jobs=jobs, debug=debug):
        outcomes.append(outcome)
        progress.clear()
        _print_outcome(outcome, quiet, results=_tell if json_out else _say)
        progress.advance(outcome.outline, outcome.ok, outcome.seconds)
    progress.clear()
    failed = [outcome.outline for outcome in outcomes if not outcome.ok]
    if len(outlines) > 1:
        _print_closing(len(outlines), failed, time.perf_counter() - started, quiet)
    if report_json is not None:
        _write_report(report_json, [outcome.as_json() for outcome in outcomes])
    return failed


def _print_outcome(outcome: Any, quiet: bool,
                   results: Callable[[str], None] = _say) -> None:
    """Print one outline's results (with ``results``: standard output, or standard error
    when the JSON report takes standard output) and warnings or error (stderr)."""
    if outcome.detail:
        _tell(outcome.detail.rstrip())
    if outcome.report is None:
        _tell(f"Error: {outcome.error}")
        return
    if quiet:
        return
    report = outcome.report
    slides = f" ({report.slides} slides)" if report.slides else ""
    results(f"{report.outline}{slides}")
    for line in written_lines(report.written):
        results(line)
    if report.talk_seconds is not None:
        results(f"  {report.slides} slides, about {_clock(report.talk_seconds)} to present "
                "(briefing check shows where the time goes)")
    for line in warning_lines(report.outline, report.warnings):
        _tell(line)


def written_lines(written: Sequence[Path]) -> list[str]:
    """Return a line for each file written, the slide images of a preview counted on one line
    for their folder (where the first of them would be)."""
    from briefing.preview import SLIDE_NAME

    images: dict[Path, list[str]] = {}  # by the folder of a preview's slide images
    order: list[Path] = []  # files written, and each such folder in its first image's place
    for path in written:
        if path.parent.name.endswith("-slides") and SLIDE_NAME.fullmatch(path.name):
            if path.parent not in images:
                order.append(path.parent)
            images.setdefault(path.parent, []).append(path.name)
        else:
            order.append(path)
    lines = []
    for entry in order:
        names = sorted(images.get(entry, ()))
        if not names:
            lines.append(f"  wrote {entry}")
            continue
        span = names[0] if len(names) == 1 else f"{names[0]} to {names[-1]}"
        count = f"{len(names)} slide image{'s' if len(names) > 1 else ''}"
        lines.append(f"  wrote {count} in {entry}{os.sep} ({span})")
    return lines


def _clock(seconds: float) -> str:
    """Return ``seconds`` as minutes and seconds (``9:17``)."""
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def warning_lines(outline: Path, warnings: Iterable[Any]) -> list[str]:
    """Return the warning lines of one build: one each, one-pager omissions summed up, and
    warnings that say the same of ALIKE or more things of one kind named on one line (titles
    set at one smaller size on a template whose title box is small, layouts whose footers
    change colour alike)."""
    warnings = list(warnings)
    alike = _alike(warnings, outline)
    lines = []
    omitted = []
    for warning in warnings:
        if warning.kind == "omitted":
            omitted.append(warning.what)
            continue
        group = alike.get(id(warning))
        if group is not None:
            if warning is group[0]:
                lines.append(f"{_file_of(warning.where) or outline}: warning: "
                             f"{_summed(group)}")
            continue
        lines.append(f"{warning.where or outline}: warning: {warning.message}")
    if omitted:
        from briefing.layout.summary.keep import omission_words

        lines.append(f"{outline}: warning: the one-page summary leaves out "
                     f"{omission_words(omitted)} to stay on one page (mark what must stay "
                     "with keep: true; --report-json lists them)")
    return lines


ALIKE = 3  # warnings alike about this many things of one kind or more share a line
_NAMED = re.compile(r"(?P<noun>[^']+) '(?P<name>.*)'")


def _alike(warnings: list[Any], outline: Path) -> dict[int, list[Any]]:
    """Return, by the id of each warning in it, every group of ALIKE or more warnings of one
    kind that say the same of things of one kind in one file (a warning with no place is
    about ``outline``): their message is what they concern ("title '...'", "layout '...'")
    followed by the same words."""
    groups: dict[tuple[object, ...], list[Any]] = {}
    for warning in warnings:
        named = _NAMED.fullmatch(warning.what or "")
        if named and warning.message.startswith(warning.what):
            key = (warning.kind, named["noun"], warning.message[len(warning.what):],
                   _file_of(warning.where) or str(outline))
            groups.setdefault(key, []).append(warning)
    return {id(warning): group for group in groups.values() if len(group) >= ALIKE
            for warning in group}


def _file_of(where: str | None) -> str | None:
    """Return the file of a ``file:line:col`` place (warnings alike about several places in
    one file share a line that names the file)."""
    return None if where is None else _PLACE.sub("", where)


_PLACE = re.compile(r":\d+(:\d+)?$")


def _summed(group: list[Any]) -> str:
    """Return one message for warnings alike: the kind of thing (plural), the first names,
    how many more, and what each says of them."""
    named = [_NAMED.fullmatch(warning.what) for warning in group]
    names = ", ".join(f"'{found['name']}'" for found in named[:ALIKE] if found)
    noun = named[0]["noun"] if named[0] else "text"
    more = f" and {len(group) - ALIKE} more" if len(group) > ALIKE else ""
    return (f"{_plural(noun)} {names}{more}{group[0].message[len(group[0].what):]} "
            "(--report-json lists them)")


def _plural(noun: str) -> str:
    """Return the plural of a kind of text as warnings name it ("title", "agenda entry");
    one naming its place ("body text of") stays as it is."""
    if noun.endswith((" of", " from")):
        return noun
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"


def _print_closing(total: int, failed: list[Path], seconds: float, quiet: bool) -> None:
    """Print the closing summary of a batch: how many built, and each that failed."""
    if failed:
        _tell(f"{len(failed)} of {total} outlines failed: {', '.join(str(p) for p in failed)}")
    elif not quiet:
        _tell(f"built {total} outlines in {seconds:.1f} s")


class _Progress:
    """A progress bar on an interactive standard error; otherwise plain lines when ``lines``
    (builds in parallel), else nothing beyond the results themselves."""

    WIDTH = 24

    def __init__(self, total: int, enabled: bool, lines: bool) -> None:
        self.total = total
        self.done = 0
        self.bar = enabled and _is_terminal(sys.stderr)
        self.enabled = self.bar or (enabled and lines)
        self._draw("")

    def advance(self, outline: Path, ok: bool, seconds: float) -> None:
        """Count one more outline built (or failed)."""
        self.done += 1
        if not self.enabled:
            return
        if self.bar:
            self._draw(outline.name)
        else:
            _tell(f"[{self.done}/{self.total}] {outline}: {'ok' if ok else 'failed'} "
                  f"({seconds:.1f} s)")

    def clear(self) -> None:
        """Erase the bar so that a line can be printed in its place."""
        if self.bar:
            _tell("\r\x1b[K", nl=False)

    def _draw(self, name: str) -> None:
        """Draw the bar: filled in proportion to the outlines done."""
        if not self.bar:
            return
        filled = self.WIDTH * self.done // max(self.total, 1)
        _tell(f"\r\x1b[K[{'#' * filled}{'-' * (self.WIDTH - filled)}] "
              f"{self.done}/{self.total} {name}", nl=False)


def _is_terminal(stream: IO[str]) -> bool:
    """Return whether ``stream`` is an interactive terminal."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _write_report(target: Path, outcomes: list[dict[str, Any]]) -> None:
    """Write the JSON report of every outcome to ``target`` ('-' for standard output)."""
    from briefing.output import write_all

    data = {"ok": all(item["ok"] for item in outcomes), "outlines": outcomes}
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if str(target) == "-":
        _say(text, nl=False)
        return
    try:
        write_all({target: text.encode("utf-8")})
    except BriefingError as exc:
        _tell(f"Error: --report-json: {exc.format_message()}")


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
@click.option("--handout", is_flag=True,
              help="Also write DIR/<stem>-handout.pdf, as build --handout does.")
@click.pass_context
def preview(ctx: click.Context, /, outlines: tuple[Path, ...], **options: Any) -> None:
    """Build OUTLINE(s), then render each deck with LibreOffice to DIR/<stem>.pdf,
    DIR/<stem>-slides/slide-NN.png and a numbered contact sheet DIR/<stem>-contact.png."""
    _build_command(ctx, outlines, deck=True, preview=True, **options)


@main.command(epilog=EXAMPLES["watch"])
@_outlines()
@_input_options
@click.option("--out-dir", type=click.Path(path_type=Path), default=Path("output"),
              show_default=True, help="Folder for the results.")
@click.option("--strict", is_flag=True, help="Fail a build on what a presenter must fix.")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4",
              show_default=True, help="Paper size of the one-page summary and the handout.")
@click.option("--landscape", is_flag=True, help="Landscape one-page summary.")
@click.option("--handout", is_flag=True, help="Also write the handout on every build.")
@click.option("--preview", is_flag=True,
              help="Also render the slides (as the preview command) on every build.")
@_slides_option
@click.option("--quiet", "-q", is_flag=True,
              help="Print one line a build and errors only (no files, no warnings).")
@click.pass_context
def watch(ctx: click.Context, /, outlines: tuple[Path, ...], **options: Any) -> None:
    """Build OUTLINE(s), then rebuild whenever an outline, an image it uses, the theme file
    or the template changes; a broken edit prints its error and watching goes on. Ctrl-C
    stops (exit status 0)."""
    from briefing.api import Options
    from briefing.watch import watch as watch_outlines

    settings = Options(out_dir=options["out_dir"], theme=options["theme"],
                       template=options["template"], strict=options["strict"],
                       paper=options["paper"], landscape=options["landscape"],
                       handout=options["handout"], preview=options["preview"],
                       slides=options["slides"])
    _tell(f"watching {len(outlines)} outline(s); Ctrl-C stops")
    try:
        watch_outlines(list(outlines), settings, watch_printer(options["quiet"]),
                       debug=_debugging(ctx))
    except KeyboardInterrupt:
        _tell("stopped watching")


def watch_printer(quiet: bool = False) -> Callable[[Any], None]:
    """Return what ``watch`` calls with each build's outcome (a ``batch.Outcome``): the first
    build of an outline printed as ``build`` prints it, each later one as one line with the
    warnings that are new. ``quiet``: one line for every build and errors, nothing else."""
    warned: dict[Path, list[str]] = {}  # the warning lines of each outline's last build

    def show(outcome: Any) -> None:
        if outcome.outline in warned or quiet:
            _print_rebuild(outcome, warned.get(outcome.outline), quiet)
        else:
            _print_outcome(outcome, quiet=False)
        report = outcome.report
        if report is not None:
            warned[outcome.outline] = warning_lines(report.outline, report.warnings)
        else:
            warned.setdefault(outcome.outline, [])

    return show


def _print_rebuild(outcome: Any, before: list[str] | None, quiet: bool = False) -> None:
    """Print one line for a build (the time, the outline and what came of it), then the
    warnings the last build did not have (``before``: its warning lines; None for a first
    build). ``quiet``: the line and errors only."""
    now = time.strftime("%H:%M:%S")
    if outcome.report is None:
        _tell(f"{now} {outcome.outline}: failed after {outcome.seconds:.2f} s; still watching")
        _print_outcome(outcome, quiet=False)
        return
    line, new = rebuild_lines(outcome.report, outcome.seconds, before or [],
                              first=before is None)
    _say(f"{now} {line}")
    for warning in [] if quiet else new:
        _tell(warning)


def rebuild_lines(report: Any, seconds: float, before: list[str],
                  first: bool = False) -> tuple[str, list[str]]:
    """Return the line a rebuild prints (outline, time, slides, warnings as a build lists
    them) and the warning lines that ``before`` (the last build's) did not have; ``first``:
    the line of an outline's first build ("built in")."""
    lines = warning_lines(report.outline, report.warnings)
    new = [line for line in lines if line not in before]
    counted = f", {len(lines)} warning{'s' if len(lines) > 1 else ''}" if lines else ""
    counted += f", {len(new)} new" if new and len(new) < len(lines) else ""
    verb = "built" if first else "rebuilt"
    return (f"{report.outline}: {verb} in {seconds:.2f} s ({report.slides} slides{counted})",
            new)


@main.command(epilog=EXAMPLES["validate"])
@_outlines()
@_input_options
@click.pass_context
def validate(ctx: click.Context, /, outlines: tuple[Path, ...], theme: str | None,
             template: Path | None) -> None:
    """Check OUTLINE(s) as build would (format, theme, template, layouts, images, fonts);
    print every problem as file:line:col, and what the outline's own text is warned of
    (characters removed, an item read as the text above it)."""
    from briefing.api import Options, validate_outline

    options = Options(theme=theme, template=template)
    bad = 0
    for path in outlines:
        loaded = _attempt(ctx, path, functools.partial(validate_outline, path, options))
        if loaded is None:
            bad += 1
            continue
        for line in warning_lines(path, loaded.warnings):
            _tell(line)
        _say(f"{path}: ok")
    if bad:
        ctx.exit(1)


def _attempt(ctx: click.Context, path: Path, action: Callable[[], T]) -> T | None:
    """Return what ``action`` returns for outline ``path``, or None once its error is told on
    standard error (file:line:col problems as they are, others after the outline's name)."""
    try:
        return action()
    except OutlineError as exc:
        _tell(exc.format_message())
    except BriefingError as exc:
        _tell(f"{path}: {exc.format_message()}")
    except Exception as exc:
        if _debugging(ctx):
            _tell(traceback.format_exc().rstrip())
        _tell(f"{path}: internal error: {type(exc).__name__}: {exc} "
              "(run with --debug for the traceback)")
    return None


@main.command(epilog=EXAMPLES["check"])
@_outlines()
@_input_options
@click.option("--minutes", type=click.FloatRange(min=0, min_open=True),
              help="The time slot in minutes (else the outline's duration).")
@click.option("--chars-per-minute", type=click.FloatRange(min=0, min_open=True),
              help="Speaking rate for Japanese text.  [default: 300]")
@click.option("--words-per-minute", type=click.FloatRange(min=0, min_open=True),
              help="Speaking rate for English (Latin-script) text.  [default: 140]")
@click.option("--json", "as_json", is_flag=True,
              help="Print the report as JSON: one object per outline, one line each.")
@click.option("--plot", type=click.Path(path_type=Path, dir_okay=False),
              help="Also draw minutes per section against the budget to FILE.png (with "
                   "several outlines, FILE-<outline>.png).")
@click.option("--strict", is_flag=True,
              help="Exit 1 when a talk runs over its budget or any problem is found.")
@click.pass_context
def check(ctx: click.Context, /, outlines: tuple[Path, ...], theme: str | None,
          template: Path | None, minutes: float | None, chars_per_minute: float | None,
          words_per_minute: float | None, as_json: bool, plot: Path | None,
          strict: bool) -> None:
    """Check OUTLINE(s) before a meeting: talk time against the slot, dense slides, text
    colours that read poorly, pictures without alternative text. Nothing is built."""
    from briefing.api import Options, check_deck
    from briefing.check.speech import SpeakingRates

    defaults = SpeakingRates()
    rates = SpeakingRates(chars_per_minute or defaults.characters_per_minute,
                          words_per_minute or defaults.words_per_minute)
    options = Options(theme=theme, template=template)
    bad = failed = shown = 0
    for path in outlines:
        report = _attempt(ctx, path, functools.partial(check_deck, path, options, rates, minutes))
        if report is None:
            bad += 1
            continue
        failed += report.failed
        if shown and not as_json:
            _say()
        shown += 1
        _show_check(report, as_json)
        if plot is not None:
            _write_plot(report, _plot_path(plot, path, len(outlines)))
    if bad or (strict and failed):
        ctx.exit(1)


def _show_check(report: Any, as_json: bool) -> None:
    """Print one outline's check report: JSON on one line, or the table."""
    from briefing.check.table import table_lines

    if as_json:
        _say(json.dumps(report.as_json(), ensure_ascii=False))
        return
    for line in table_lines(report):
        _say(line)


def _plot_path(plot: Path, outline: Path, count: int) -> Path:
    """Return where the plot of ``outline`` goes: ``plot``, or beside it named after the
    outline when several are checked."""
    if count == 1:
        return plot
    from briefing.api import output_stem

    return plot.with_name(f"{plot.stem}-{output_stem(outline)}{plot.suffix or '.png'}")


def _write_plot(report: Any, target: Path) -> None:
    """Draw the report's minutes per section to ``target`` (PNG) and say so."""
    from briefing.check.plot import plot_png
    from briefing.output import prepare_folder, write_all

    if target.parent != Path(""):
        prepare_folder(target.parent)
    write_all({target: plot_png(report)})
    _tell(f"wrote {target}")


@main.command(epilog=EXAMPLES["init"])
@click.argument("path", type=click.Path(path_type=Path), default=Path("outline.yaml"))
@click.option("--lang", type=click.Choice(["en", "ja"]), default="en", show_default=True,
              help="Language of the starter outline.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(path: Path, lang: str, force: bool) -> None:
    """Write a commented starter outline to PATH (default outline.yaml; .yaml is added)."""
    if path.suffix.lower() not in (".yaml", ".yml"):
        path = path.with_name(path.name + ".yaml")
    if path.exists() and not force:
        raise BriefingError(f"{path} already exists; pass --force to overwrite it")
    name = "starter.yaml" if lang == "en" else f"starter.{lang}.yaml"
    text = resources.files("briefing.outline").joinpath(name).read_text("utf-8")
    text = text.replace("briefing build outline.yaml", f"briefing build {path}", 1)
    from briefing.outline.schema import schema_text
    from briefing.output import prepare_folder, write_all

    schema_path = path.parent / "outline.schema.json"
    files = {path: text.encode("utf-8")}
    also = ""
    if not schema_path.exists():
        files[schema_path] = schema_text().encode("utf-8")
        also = f" (and {schema_path.name} for editors that validate YAML)"
    prepare_folder(path.parent)
    write_all(files)
    _say(f"wrote {path}{also}; edit it, then run: briefing build {path}")


@main.command(epilog=EXAMPLES["schema"])
def schema() -> None:
    """Print the JSON Schema of the outline format."""
    from briefing.outline.schema import schema_text

    _say(schema_text(), nl=False)


@main.command(epilog=EXAMPLES["themes"])
def themes() -> None:
    """List the built-in themes."""
    from briefing.theme.tokens import describe_builtins

    for name, description in describe_builtins():
        _say(f"{name:10} {description}")


@main.command("install-font")
def install_font() -> None:
    """Install the bundled Noto Sans JP for this user, so LibreOffice and others show decks
    with the font they were laid out with (PowerPoint users install it the usual way)."""
    from briefing.text.fonts import install_bundled_font

    _say(f"installed {install_bundled_font()}")


@main.group()
def template() -> None:
    """Inspect corporate templates, or export the built-in one to restyle."""


@template.command("inspect", epilog="\b\nExamples:\n  briefing template inspect corp.pptx")
@click.argument("file", type=click.Path(path_type=Path))
def template_inspect(file: Path) -> None:
    """List FILE's layouts, their placeholders and which slide kind each serves."""
    from briefing.api import describe_template

    for line in describe_template(file):
        _say(line)


@template.command("export", epilog="\b\nExamples:\n  briefing template export\n"
                                   "  briefing template export corp-base.pptx --theme dark")
@click.argument("path", type=click.Path(path_type=Path), default=Path("briefing-base.pptx"))
@click.option("--theme", default="default", show_default=True, help="Built-in theme to apply.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def template_export(path: Path, theme: str, force: bool) -> None:
    """Write the built-in base template to PATH, to restyle in PowerPoint and pass back."""
    from briefing.api import export_template

    written = export_template(path, theme, force)
    _say(f"wrote {written}; restyle it, then: briefing build OUTLINE --template {written}")


@main.command("draft", epilog="\b\nExamples:\n"
                              "  briefing draft article.txt -o outlines/article.yaml\n"
                              "  briefing draft page.html --lang en --max-sections 10\n"
                              "  briefing draft notes.md -o -")
@click.argument("article", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, allow_dash=True),
              help="Outline to write; - for standard output. [default: <article>.yaml]")
@click.option("--lang", type=click.Choice(["auto", "ja", "en"]), default="auto",
              show_default=True, help="The article's language (auto: by its script).")
@click.option("--max-sections", type=click.IntRange(1, 60), default=16, show_default=True,
              help="Most sections; neighbouring ones of a part are merged beyond it.")
@click.option("--force", is_flag=True, help="Overwrite an existing outline.")
def draft(article: Path, output: Path | None, lang: str, max_sections: int,
          force: bool) -> None:
    """Draft an outline from ARTICLE (plain text, Markdown or HTML), offline: its
    structure, key points, bottom line and notes, marked where to review."""
    from briefing.draft.pipeline import draft_article
    from briefing.outline.schema import schema_text
    from briefing.output import prepare_folder, write_all

    to_stdout = output is not None and str(output) == "-"
    target = output or Path(article.stem + ".yaml")
    if not to_stdout and target.exists() and not force:
        raise BriefingError(f"{target} already exists; pass --force to overwrite it")
    # A project's schema/ folder beside the outline's folder (as for outlines/), else a copy
    # of the schema beside the outline, as `briefing init` writes it.
    schema = "outline.schema.json"
    if not to_stdout and (target.resolve().parent.parent / "schema" / schema).is_file():
        schema = f"../schema/{schema}"
    result = draft_article(article, lang, max_sections, schema)
    if to_stdout:
        _say(result.text, nl=False)
    else:
        files = {target: result.text.encode("utf-8")}
        schema_path = target.parent / schema
        if not schema_path.exists():
            files[schema_path] = schema_text().encode("utf-8")
        if target.parent != Path(""):
            prepare_folder(target.parent)
        write_all(files)
        sections = len(result.draft.sections)
        _say(f"wrote {target} ({sections} sections from {article.name}); review the "
             f"lines marked 'review', then: briefing build {target}")
    for warning in result.warnings:
        _tell(f"{article}: warning: {warning}")
