"""Build many outlines, one after another or in a pool of processes, each outcome as it ends.

A build is stateless (its inputs are the outline, the files it names and the options), so
outlines can be built in any order, in any process, on any machine. ``run_builds`` is the loop
every command that builds calls; it never raises for a failed outline, only for an interrupt.
"""

from __future__ import annotations

import signal
import time
import traceback
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from briefing import api
from briefing.errors import BriefingError, StrictError
from briefing.report import BuildReport, BuildWarning

_building = False


@dataclass(frozen=True)
class Outcome:
    """How building one outline ended: its report, or the error that stopped it.

    ``detail`` holds the traceback of an unexpected failure when debugging; ``warnings``
    holds the warnings that made a ``--strict`` build fail; ``seconds`` is the wall time.
    """

    outline: Path
    report: BuildReport | None = None
    error: str | None = None
    detail: str | None = None
    warnings: tuple[BuildWarning, ...] = field(default_factory=tuple)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """Return whether the build wrote its results."""
        return self.report is not None

    def as_json(self) -> dict[str, Any]:
        """Return the outcome as a JSON-ready mapping."""
        if self.report is not None:
            return {**self.report.as_json(), "seconds": round(self.seconds, 3)}
        return {"outline": str(self.outline), "ok": False, "error": self.error,
                "warnings": [warning.as_json() for warning in self.warnings],
                "seconds": round(self.seconds, 3)}


def build_one(path: Path, options: api.Options, debug: bool = False) -> Outcome:
    """Return the outcome of building ``path``; only an interrupt is raised."""
    global _building
    start = time.perf_counter()
    _building = True
    try:
        report = api.build(path, options)
    except StrictError as exc:
        return Outcome(path, error=exc.format_message(), warnings=exc.warnings,
                       seconds=time.perf_counter() - start)
    except BriefingError as exc:
        return Outcome(path, error=exc.format_message(), seconds=time.perf_counter() - start)
    except Exception as exc:
        return Outcome(path, error=f"{path}: internal error: {type(exc).__name__}: {exc} "
                       "(run with --debug for the traceback)",
                       detail=traceback.format_exc() if debug else None,
                       seconds=time.perf_counter() - start)
    finally:
        _building = False
    return Outcome(path, report, seconds=time.perf_counter() - start)


def run_builds(paths: Iterable[Path], options: api.Options, jobs: int = 1,
               debug: bool = False) -> Iterator[Outcome]:
    """Yield the outcome of building each of ``paths``, in the order the builds end.

    With ``jobs`` above 1 the builds run in that many worker processes. Two outlines that
    would write the same results fail (the later one) before anything is built.
    """
    todo, clashes = _without_clashes(list(paths), options)
    yield from clashes
    if jobs <= 1 or len(todo) <= 1:
        for path in todo:
            yield build_one(path, options, debug)
        return
    with ProcessPoolExecutor(max_workers=min(jobs, len(todo)),
                             initializer=_interruptible_only_while_building) as pool:
        futures = [pool.submit(build_one, path, options, debug) for path in todo]
        try:
            for future in as_completed(futures):
                yield future.result()
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _without_clashes(paths: list[Path], options: api.Options,
                     ) -> tuple[list[Path], list[Outcome]]:
    """Return the outlines to build and a failed outcome for each that would overwrite the
    results of an earlier one."""
    stems: dict[str, Path] = {}
    todo: list[Path] = []
    clashes: list[Outcome] = []
    for path in paths:
        earlier = stems.setdefault(api.output_stem(path), path)
        if earlier == path:
            if len(todo) < len(stems):  # the same outline named twice is built once
                todo.append(path)
            continue
        clashes.append(Outcome(path, error=f"{path} would overwrite the results of {earlier} "
                               f"(same name in {options.out_dir}); build it into another "
                               "--out-dir"))
    return todo, clashes


def _interruptible_only_while_building() -> None:
    """Make Ctrl-C stop a worker's build (which then cleans up) but not an idle worker."""
    signal.signal(signal.SIGINT, _on_interrupt)


def _on_interrupt(signum: int, frame: FrameType | None) -> None:
    """Raise KeyboardInterrupt in a worker that is building; an idle one waits to be shut."""
    if _building:
        raise KeyboardInterrupt
