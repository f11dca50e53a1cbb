"""Build many outlines, one after another or in a pool of processes, each outcome as it ends.

A build is stateless (its inputs are the outline, the files it names and the options), so
outlines can be built in any order, in any process, on any machine. ``run_builds`` is the loop
every command that builds calls; it never raises for a failed outline, only for an interrupt.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from briefing import api
from briefing.errors import BriefingError, StrictError
from briefing.report import BuildReport, BuildWarning

if TYPE_CHECKING:
    from multiprocessing.synchronize import Event as EventType

_building = False
_stop: EventType | None = None
_interrupted = False


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
    except StrictError as exc:  # its warnings may name no file: the line names the outline
        return Outcome(path, error=f"{path}: {exc.format_message()}", warnings=exc.warnings,
                       seconds=time.perf_counter() - start)
    except BriefingError as exc:
        return Outcome(path, error=exc.format_message(), seconds=time.perf_counter() - start)
    except Exception as exc:
        if _interrupt_inside(exc):
            raise KeyboardInterrupt from exc
        return Outcome(path, error=f"{path}: internal error: {type(exc).__name__}: {exc} "
                       "(run with --debug for the traceback)",
                       detail=traceback.format_exc() if debug else None,
                       seconds=time.perf_counter() - start)
    finally:
        _building = False
    return Outcome(path, report, seconds=time.perf_counter() - start)


def _interrupt_inside(exc: Exception) -> bool:
    """Return whether ``exc`` is an interrupt (Ctrl-C) that a library reported as its own
    error: pydantic-core turns any exception raised in a Python serializer, KeyboardInterrupt
    included, into a PydanticSerializationError whose message names it."""
    return type(exc).__name__ == "PydanticSerializationError" and "KeyboardInterrupt" in str(exc)


def run_builds(paths: Iterable[Path], options: api.Options, jobs: int = 1,
               debug: bool = False) -> Iterator[Outcome]:
    """Yield the outcome of building each of ``paths``, in the order the builds end.

    With ``jobs`` above 1 the builds run in that many worker processes. Two outlines that
    would write the same results fail (the later one) before anything is built. The process
    pool's modules are imported only then (a twentieth of a one-outline build's time).
    """
    todo, clashes = _without_clashes(list(paths), options)
    yield from clashes
    if jobs <= 1 or len(todo) <= 1:
        for path in todo:
            yield build_one(path, options, debug)
        return
    yield from _pooled(todo, options, jobs, debug)


def _pooled(todo: list[Path], options: api.Options, jobs: int, debug: bool,
            ) -> Iterator[Outcome]:
    """Yield the outcome of building each of ``todo`` in a pool of ``jobs`` processes."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    stop = multiprocessing.Event()
    with ProcessPoolExecutor(max_workers=min(jobs, len(todo)), initializer=_start_worker,
                             initargs=(stop,)) as pool:
        futures = [pool.submit(_build_unless_stopped, path, options, debug) for path in todo]
        try:
            for future in as_completed(futures):
                yield future.result()
        except BaseException:
            stop.set()  # builds already handed to a worker end at once, unbuilt
            _interrupt_workers()
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


def _start_worker(stop: EventType) -> None:
    """Prepare a worker process: Ctrl-C stops its build (which then cleans up) but not the
    idle worker, and ``stop`` tells it the batch was interrupted."""
    global _stop
    _stop = stop
    signal.signal(signal.SIGINT, _on_interrupt)


def _interrupt_workers() -> None:
    """Pass an interrupt on to this process's workers (a terminal's Ctrl-C reaches them
    anyway; ``kill -INT`` reaches only this process), so running builds stop and clean up."""
    import multiprocessing

    for child in multiprocessing.active_children():
        if child.pid is not None:
            with contextlib.suppress(OSError):
                os.kill(child.pid, signal.SIGINT)


def _build_unless_stopped(path: Path, options: api.Options, debug: bool) -> Outcome:
    """Return the outcome of building ``path``, or of not building it after an interrupt."""
    if _interrupted or (_stop is not None and _stop.is_set()):
        return Outcome(path, error=f"{path}: not built: interrupted")
    return build_one(path, options, debug)


def _on_interrupt(signum: int, frame: FrameType | None) -> None:
    """Raise KeyboardInterrupt in a worker that is building; an idle one waits to be shut.

    Either way the worker builds nothing more.
    """
    global _interrupted
    _interrupted = True
    if _building:
        raise KeyboardInterrupt
