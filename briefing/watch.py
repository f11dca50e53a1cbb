"""Watch outlines and every file they use; rebuild an outline when one of its files changes.

Rebuilds run in this process, so fonts, measurements, wrapped lines, prepared images and
font subsets loaded by earlier builds are reused (their caches live for the process).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefing.api import Options
from briefing.batch import Outcome, build_one
from briefing.diskcache import FileState, file_state
from briefing.errors import BriefingError

STEP_MS = 120  # changes closer together than this are one edit (an editor's save is several)
DEBOUNCE_MS = 1500  # at most this long is spent gathering one batch of changes
TICK_MS = 500  # how soon after watching (re)starts the files are compared with their stamps


def rebuild(outline: Path, options: Options, debug: bool = False) -> Outcome:
    """Return the outcome of building ``outline`` (with the preview or handout ``options``
    ask for), as every command that builds gets it: any failure is in the outcome, only an
    interrupt is raised."""
    return build_one(outline, options, debug)


def dependencies(outline: Path, options: Options) -> frozenset[Path]:
    """Return the files a build of ``outline`` reads: the outline, its images, the theme file
    (and the files it extends, its logo and font files) and the template.

    An outline that cannot be read as YAML depends on itself alone until it is fixed; one
    that reads but breaks the format depends on the images it names as well (a missing image
    is watched for, so adding it rebuilds).
    """
    from briefing.outline.validate import check_outline, image_paths

    found = {outline}
    try:
        checked = check_outline(outline)
    except BriefingError:
        return _resolved(found)
    folder = checked.document.path.parent
    found.update(folder / written for _, written in image_paths(checked.document.data))
    data = checked.outline
    if data is None:
        return _resolved(found)
    # A theme file given on the command line is found from the current folder, one named in
    # the outline from the outline's folder (as the build reads them).
    theme, theme_folder = ((options.theme, Path.cwd()) if options.theme
                           else (data.theme, folder))
    if theme and theme.endswith((".yaml", ".yml")):
        found.update(_theme_files(theme_folder / theme))
    template = options.template or (folder / data.template if data.template else None)
    if template is not None:
        found.add(template)
    return _resolved(found)


def _theme_files(path: Path, depth: int = 0) -> set[Path]:
    """Return a theme file and what it names: the theme it extends, its logo, its fonts."""
    found = {path}
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, UnicodeError, yaml.YAMLError):
        return found
    if not isinstance(data, dict):
        return found
    fonts = data.get("fonts")
    fonts = fonts if isinstance(fonts, dict) else {}
    named = [data.get("logo"), fonts.get("latin_file"), fonts.get("east_asian_file")]
    found.update(path.parent / str(name) for name in named if name)
    parent = data.get("extends")
    if isinstance(parent, str) and parent.endswith((".yaml", ".yml")) and depth < 5:
        found.update(_theme_files(path.parent / parent, depth + 1))
    return found


def _resolved(paths: Iterable[Path]) -> frozenset[Path]:
    """Return ``paths`` made absolute, symbolic links followed."""
    return frozenset(path.resolve() for path in paths)


Stamps = dict[Path, FileState | None]


@dataclass
class _Watched:
    """An outline's files, and their stamps as they were when its last build started."""

    files: frozenset[Path]
    stamps: Stamps


def _stamps(files: Iterable[Path]) -> Stamps:
    """Return the state of each file (``diskcache.file_state``), None for a missing one."""
    found: Stamps = {}
    for path in files:
        try:
            found[path] = file_state(path.stat())
        except OSError:
            found[path] = None
    return found


def watch(outlines: Sequence[Path], options: Options, show: Callable[[Outcome], None],
          stop: threading.Event | None = None, debug: bool = False) -> None:
    """Build each outline, then rebuild it whenever a file it depends on changes, calling
    ``show`` with every outcome, until ``stop`` is set (or KeyboardInterrupt, which propagates).

    A failed build is shown and watching goes on; the files of an outline are found again
    after each of its builds, so a newly named image is watched from then on (after a failed
    build, the files watched before it are kept: an image moved away and back rebuilds).
    Change events only wake the watcher: what is rebuilt is decided by comparing each file's
    stamp with the one it had when the outline's last build started, so an edit saved during
    a build, or before watching began, is not missed.
    """
    import watchfiles

    watched: dict[Path, _Watched] = {}

    def build(outline: Path) -> None:
        known = watched[outline].files if outline in watched else _resolved([outline])
        before = _stamps(known)
        outcome = rebuild(outline, options, debug)
        show(outcome)
        files = dependencies(outline, options)
        if not outcome.ok:  # a broken outline names fewer files: keep watching the last ones
            files |= known
        stamps = {**_stamps(files - known), **before}
        watched[outline] = _Watched(files, {path: stamps[path] for path in files})

    for outline in outlines:
        build(outline)
    while stop is None or not stop.is_set():
        folders = _folders(watched.values())
        if not folders:
            raise BriefingError("nothing to watch: the folders of "
                                f"{', '.join(map(str, outlines))} do not exist")
        checked = False
        for changes in watchfiles.watch(*folders, recursive=False, step=STEP_MS,
                                        debounce=DEBOUNCE_MS, stop_event=stop,
                                        rust_timeout=TICK_MS, yield_on_timeout=True):
            if not changes and checked:
                continue
            checked = True
            for outline in outlines:
                if _stamps(watched[outline].files) != watched[outline].stamps:
                    build(outline)
            if _folders(watched.values()) != folders:
                break  # watch the new set of folders
        else:
            return


def _folders(watched: Iterable[_Watched]) -> list[Path]:
    """Return the existing folders that hold the watched files."""
    return sorted({path.parent for entry in watched for path in entry.files
                   if path.parent.is_dir()})
