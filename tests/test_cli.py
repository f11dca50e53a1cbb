"""The command line: exit codes, messages users can act on, and the files it writes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from briefing import __version__, api
from briefing.cli import main
from briefing.outline.validate import load_outline
from tests.interrupting import INTERRUPTED_STATUSES, interrupted_at

COMMANDS = ["build", "summary", "validate", "init", "schema", "themes"]
LOCATED = re.compile(r"^(?P<path>.+\.yaml):(?P<line>\d+):(?P<column>\d+): ")
BROKEN = (
    "title: Broken\n"
    "subtitel: typo\n"
    "sections:\n"
    "  - title: A\n"
    "    kind: timeline\n"
)


def invoke(runner: CliRunner, *args: str | Path) -> Result:
    """Return the result of running ``briefing`` with ``args``."""
    return runner.invoke(main, [str(arg) for arg in args])


def starter(runner: CliRunner, folder: Path) -> Path:
    """Return the path of a starter outline written by ``briefing init`` into ``folder``."""
    path = folder / "outline.yaml"
    result = invoke(runner, "init", path)
    assert result.exit_code == 0, result.output
    return path


def test_version(runner: CliRunner) -> None:
    result = invoke(runner, "--version")
    assert result.exit_code == 0
    assert result.output == f"briefing, version {__version__}\n"


def test_group_help_lists_every_command(runner: CliRunner) -> None:
    result = invoke(runner, "--help")
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output
    assert invoke(runner, "-h").output == result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_has_examples(runner: CliRunner, command: str) -> None:
    result = invoke(runner, command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.output
    assert f"briefing {command}" in result.output


@pytest.mark.parametrize("args", [
    ["build"],
    ["validate"],
    ["nonsense"],
    ["build", "--paper", "a5", "x.yaml"],
    ["build", "--no-such-option", "x.yaml"],
    ["init", "a.yaml", "b.yaml"],
])
def test_usage_errors_exit_2(runner: CliRunner, args: list[str]) -> None:
    result = invoke(runner, *args)
    assert result.exit_code == 2
    assert "Usage:" in result.output
    assert "Traceback" not in result.output


# validate


def test_validate_seed_outlines(runner: CliRunner, seed_outlines: dict[str, Path]) -> None:
    paths = sorted(seed_outlines.values())
    result = invoke(runner, "validate", *paths)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"{path}: ok" for path in paths]


def test_validate_warns_of_the_outline_s_own_text_where_it_is(
        runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "talk.yaml"
    path.write_text("title: Bell\x07 T\nsections:\n  - title: A\n    points:\n"
                    "    - market grows\n     - costs\n", encoding="utf-8")
    result = invoke(runner, "validate", path)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{path}: ok\n"
    assert result.stderr.splitlines() == [
        f"{path}:1:12: warning: removed 1 control character (U+0007)",
        f"{path}:6:6: warning: this line starts with '- ' but is read as the rest of the text "
        "above it, its '-' being further right than that list's; if it is an item of its own, "
        "start it in the column of the '-' above"]


def test_validate_broken_outline_lists_located_problems(
        runner: CliRunner, tmp_path: Path, seed_outlines: dict[str, Path]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    result = invoke(runner, "validate", seed_outlines["en"], broken)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stdout == f"{seed_outlines['en']}: ok\n"
    assert result.stderr.splitlines() == [
        f"{broken}:2:1: (top level): unknown key 'subtitel'; did you mean 'subtitle'?",
        f"{broken}:4:5: sections[0]: a timeline section needs 'events'",
    ]


def test_validate_unreadable_inputs(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "folder.yaml").mkdir()
    (tmp_path / "bad.yaml").write_bytes("title: 日本語\n".encode("cp932"))
    result = invoke(runner, "validate", tmp_path / "missing.yaml", tmp_path / "folder.yaml",
                    tmp_path / "bad.yaml")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert lines[0] == f"{tmp_path / 'missing.yaml'}: file not found; check the path"
    assert lines[1] == f"{tmp_path / 'folder.yaml'}: is a folder, not an outline file"
    assert lines[2].startswith(f"{tmp_path / 'bad.yaml'}:1:8: the file is not UTF-8 text")
    assert "Shift_JIS" in lines[2]
    assert "iconv" in lines[2]


# init


def test_init_writes_a_starter_that_validates_and_builds(
        runner: CliRunner, tmp_path: Path) -> None:
    path = starter(runner, tmp_path)
    assert (tmp_path / "outline.schema.json").is_file()
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=outline.schema.json\n")
    assert load_outline(path).outline.title
    assert invoke(runner, "validate", path).exit_code == 0
    out = tmp_path / "out"
    result = invoke(runner, "build", path, "--out-dir", out)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    deck = out / "outline.pptx"
    assert deck.is_file()
    assert deck.read_bytes()[:2] == b"PK"
    assert f"wrote {deck}" in result.output
    assert (out / "outline-summary.pdf").read_bytes().startswith(b"%PDF")
    assert (out / "outline-summary.png").read_bytes().startswith(b"\x89PNG")


def test_init_defaults_to_outline_yaml_in_the_working_folder(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "init")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "outline.yaml").is_file()
    assert "briefing build outline.yaml" in result.output


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_starter_tells_how_to_build_the_file_it_is_written_to(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke(runner, "init", "start.yaml", "--lang", lang).exit_code == 0
    comment = (tmp_path / "start.yaml").read_text("utf-8").splitlines()[1]
    assert comment.endswith("briefing build start.yaml") and "outline.yaml" not in comment


def test_init_creates_missing_folders(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "talks" / "q3.yaml"
    assert invoke(runner, "init", path).exit_code == 0
    assert path.is_file()
    assert (path.parent / "outline.schema.json").is_file()


def test_init_refuses_to_overwrite_without_force(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "outline.yaml"
    path.write_text("mine\n", encoding="utf-8")
    result = invoke(runner, "init", path)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {path} already exists; pass --force to overwrite it\n"
    assert path.read_text(encoding="utf-8") == "mine\n"
    forced = invoke(runner, "init", path, "--force")
    assert forced.exit_code == 0, forced.output
    assert path.read_text(encoding="utf-8") != "mine\n"


def test_init_keeps_an_existing_schema_file(runner: CliRunner, tmp_path: Path) -> None:
    schema = tmp_path / "outline.schema.json"
    schema.write_text("{}\n", encoding="utf-8")
    assert invoke(runner, "init", tmp_path / "outline.yaml").exit_code == 0
    assert schema.read_text(encoding="utf-8") == "{}\n"


# build


def test_build_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    result = invoke(runner, "build", missing, "--out-dir", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {missing}: file not found; check the path\n"
    assert not (tmp_path / "out").exists()


def test_build_broken_outline_reports_located_problems(
        runner: CliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    result = invoke(runner, "build", broken, "--out-dir", tmp_path / "out")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    located = [line for line in result.stderr.splitlines() if LOCATED.match(line.removeprefix(
        "Error: "))]
    assert len(located) == 2
    assert not (tmp_path / "out").exists()


def test_batch_build_builds_the_good_and_names_the_bad(
        runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BROKEN, encoding="utf-8")
    good = starter(runner, tmp_path)
    out = tmp_path / "out"
    result = invoke(runner, "build", bad, good, "--out-dir", out)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert (out / "outline.pptx").is_file()
    assert not (out / "bad.pptx").exists()
    assert result.stderr.splitlines()[-1] == f"1 of 2 outlines failed: {bad}"
    assert f"{bad}:2:1:" in result.stderr
    assert f"wrote {out / 'outline.pptx'}" in result.stdout


def test_build_into_a_file_is_refused(
        runner: CliRunner, tmp_path: Path) -> None:
    good = starter(runner, tmp_path)
    target = tmp_path / "taken"
    target.write_text("not a folder\n", encoding="utf-8")
    result = invoke(runner, "build", good, "--out-dir", target)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr == f"Error: output folder {target} is a file; pass another --out-dir\n"
    assert target.read_text(encoding="utf-8") == "not a folder\n"


def test_build_with_an_unknown_theme(runner: CliRunner, tmp_path: Path) -> None:
    good = starter(runner, tmp_path)
    result = invoke(runner, "build", good, "--theme", "no-such-theme", "--out-dir",
                    tmp_path / "out")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "no-such-theme" in result.stderr


# schema and themes


def test_schema_prints_json(runner: CliRunner) -> None:
    result = invoke(runner, "schema")
    assert result.exit_code == 0
    assert result.output.startswith("{")
    assert '"title": "briefing outline"' in result.output


def test_themes_lists_the_built_in_themes(runner: CliRunner) -> None:
    result = invoke(runner, "themes")
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.output.splitlines()]
    assert "default" in names
    assert "dark" in names
    assert all(len(line.split(maxsplit=1)) == 2 for line in result.output.splitlines())


def test_batch_refuses_two_outlines_with_one_output_name(
        runner: CliRunner, tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "talk.yaml", tmp_path / "b" / "talk.yaml"
    for path in (first, second):
        path.parent.mkdir()
        path.write_text("title: T\nsections:\n  - title: S\n    points: [p]\n", "utf-8")
    result = invoke(runner, "build", first, second, "--out-dir", tmp_path / "out")
    assert result.exit_code == 1
    assert f"{second} would overwrite the results of {first}" in result.output
    assert (tmp_path / "out" / "talk.pptx").is_file()


def test_validate_checks_the_images_too(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    outline = tmp_path / "talk.yaml"
    outline.write_text("title: T\nsections:\n  - title: S\n    points: [p]\n"
                       "    image: broken.png\n", "utf-8")
    result = invoke(runner, "validate", outline)
    assert result.exit_code == 1
    assert "broken.png" in result.output
    assert "Traceback" not in result.output


def test_an_unexpected_failure_is_one_message(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*_: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(api, "build", explode)
    outline = tmp_path / "talk.yaml"
    outline.write_text("title: T\nsections:\n  - title: S\n    points: [p]\n", "utf-8")
    result = invoke(runner, "build", outline, "--out-dir", tmp_path / "out")
    assert result.exit_code == 1
    assert "internal error: RuntimeError: boom" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("given", "written"), [
    ("talks/q3", "talks/q3.yaml"), ("talks/q3.yaml", "talks/q3.yaml"),
    ("q3.yml", "q3.yml"), ("notes.v2", "notes.v2.yaml")])
def test_init_adds_yaml_when_missing(runner: CliRunner, tmp_path: Path, given: str,
                                     written: str) -> None:
    result = invoke(runner, "init", tmp_path / given)
    assert result.exit_code == 0, result.output
    assert (tmp_path / written).is_file()
    assert f"briefing build {tmp_path / written}" in result.stdout


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_init_starters_show_every_kind_and_build_cleanly(
        runner: CliRunner, tmp_path: Path, lang: str) -> None:
    path = tmp_path / f"talk-{lang}.yaml"
    assert invoke(runner, "init", path, "--lang", lang).exit_code == 0
    outline = load_outline(path).outline
    assert outline.language == lang
    kinds = {section.resolved_kind for section in outline.sections}
    assert kinds == {"bullets", "timeline", "comparison", "quote", "figures", "title_only"}
    assert "image:" in path.read_text("utf-8")  # shown, commented out: it needs a picture
    assert any(section.part for section in outline.sections)
    if lang == "ja":
        assert all(any("\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" for c in s.title)
                   for s in outline.sections)
    result = invoke(runner, "build", path, "--out-dir", tmp_path / "out", "--strict")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


# shell conventions


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None,
        close_stdout: bool = False, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Return the finished ``python -m briefing args`` run in ``cwd``; with ``close_stdout``
    its standard output is a pipe whose reader has gone before anything is written."""
    command = [sys.executable, "-m", "briefing", *map(str, args)]
    environment = {**os.environ, **(env or {})}
    if not close_stdout:
        return subprocess.run(command, cwd=cwd, env=environment, capture_output=True,
                              text=True, timeout=timeout, check=False)
    reader, writer = os.pipe()
    os.close(reader)
    try:
        return subprocess.run(command, cwd=cwd, env=environment, stdout=writer,
                              stderr=subprocess.PIPE, text=True, timeout=timeout, check=False)
    finally:
        os.close(writer)


def outline_file(folder: Path, name: str, sections: int = 1) -> Path:
    """Return an outline ``name`` in ``folder`` with ``sections`` sections of points."""
    body = "".join(f"  - title: Section {n}\n    points: [First point {n}, Second point {n}]\n"
                   for n in range(sections))
    path = folder / name
    path.write_text(f"title: Talk {name}\nlang: en\nsections:\n{body}", encoding="utf-8")
    return path


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_full_stdout_never_stops_a_build_and_says_so_once(tmp_path: Path) -> None:
    # Oracle: the exit status, the files on disk, and the lines on standard error.
    first, second = outline_file(tmp_path, "a.yaml"), outline_file(tmp_path, "b.yaml")
    command = [sys.executable, "-m", "briefing", "build", str(first), str(second),
               "--out-dir", "out"]
    with open("/dev/full", "w") as full:
        done = subprocess.run(command, cwd=tmp_path, stdout=full, stderr=subprocess.PIPE,
                              text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert done.stderr.count("standard output could not be written (No space left on "
                             "device)") == 1
    assert (tmp_path / "out" / "a.pptx").is_file() and (tmp_path / "out" / "b.pptx").is_file()


def test_a_closed_stdout_never_stops_a_build(tmp_path: Path) -> None:
    first, second = outline_file(tmp_path, "a.yaml"), outline_file(tmp_path, "b.yaml")
    done = run("build", first, second, "--out-dir", "out", cwd=tmp_path, close_stdout=True)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr
    assert (tmp_path / "out" / "a.pptx").is_file() and (tmp_path / "out" / "b.pptx").is_file()
    inspected = run("template", "inspect", api.base_template(), cwd=tmp_path,
                    close_stdout=True)
    assert inspected.returncode == 0 and inspected.stderr == ""
    failed = run("build", first, tmp_path / "missing.yaml", "--out-dir", "out", cwd=tmp_path,
                 close_stdout=True)
    assert failed.returncode == 1  # the exit status still comes from the builds
    assert "missing.yaml: file not found" in failed.stderr


@pytest.mark.parametrize(("function", "call"), [
    ("briefing.api.layout_deck", 1),  # laying out the slides, nothing written yet
    ("briefing.output._stage", 2),  # the deck staged beside its target, the one-pager not yet
])
def test_ctrl_c_exits_130_and_leaves_nothing_half_written(tmp_path: Path, function: str,
                                                          call: int) -> None:
    outline = outline_file(tmp_path, "talk.yaml", sections=3)
    process, errors, _ = interrupted_at(function, call, ["build", str(outline), "--out-dir", "out"],
                                        tmp_path)
    assert process.returncode in INTERRUPTED_STATUSES, errors
    assert "Traceback" not in errors and "interrupted" in errors
    if process.returncode == 130:  # reported: one line, no blank line before it in a log
        assert errors.endswith("\ninterrupted; nothing was left half-written\n") \
            or errors == "interrupted; nothing was left half-written\n", errors
    out = tmp_path / "out"
    assert not out.exists() or list(out.iterdir()) == []


@pytest.mark.parametrize("args", [["--debug", "build"], ["build", "--debug"]])
def test_debug_before_or_after_the_command(runner: CliRunner, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch,
                                           args: list[str]) -> None:
    def explode(*_: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(api, "build", explode)
    outline = outline_file(tmp_path, "talk.yaml")
    result = invoke(runner, *args, outline, "--out-dir", tmp_path / "out")
    assert result.exit_code == 1
    assert "Traceback" in result.stderr and "RuntimeError: boom" in result.stderr


def test_briefing_debug_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*_: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(api, "build", explode)
    outline = outline_file(tmp_path, "talk.yaml")
    args = ["build", str(outline), "--out-dir", str(tmp_path / "out")]
    quiet = CliRunner(env={"BRIEFING_DEBUG": "0"}).invoke(main, args)
    assert "Traceback" not in quiet.stderr and "run with --debug" in quiet.stderr
    loud = CliRunner(env={"BRIEFING_DEBUG": "1"}).invoke(main, args)
    assert "Traceback" in loud.stderr


# the report


def test_results_go_to_stdout_and_warnings_to_stderr(runner: CliRunner, tmp_path: Path,
                                                     seed_outlines: dict[str, Path]) -> None:
    out = tmp_path / "out"
    result = invoke(runner, "build", seed_outlines["ja"], "--out-dir", out)
    assert result.exit_code == 0, result.output
    *lines, last = result.stdout.splitlines()
    assert lines == [
        f"{seed_outlines['ja']} (23 slides)", f"  wrote {out / 'nato-japan.pptx'}",
        f"  wrote {out / 'nato-japan-summary.pdf'}", f"  wrote {out / 'nato-japan-summary.png'}"]
    # the report ends with the slide count and the talk time (its value: tests/check)
    assert re.fullmatch(r"  23 slides, about \d+:\d\d to present \(briefing check shows "
                        r"where the time goes\)", last)
    warnings = result.stderr.splitlines()
    assert all(line.startswith(f"{seed_outlines['ja']}: warning: ") for line in warnings)
    omissions = [line for line in warnings if "one-page summary leaves out" in line]
    assert len(omissions) == 1 and "left out" not in result.stderr
    shrinks = [line for line in warnings if " set at " in line]
    assert any("one-page summary text set at 9.25 pt instead of 10 pt" in line
               for line in shrinks)


def test_report_json_lists_every_warning_with_its_kind(runner: CliRunner, tmp_path: Path,
                                                       seed_outlines: dict[str, Path]) -> None:
    report = tmp_path / "report.json"
    bad = tmp_path / "bad.yaml"
    bad.write_text(BROKEN, encoding="utf-8")
    result = invoke(runner, "build", seed_outlines["ja"], bad, "--out-dir", tmp_path / "out",
                    "--report-json", report)
    assert result.exit_code == 1
    data = json.loads(report.read_text("utf-8"))
    assert data["ok"] is False
    good, failed = sorted(data["outlines"], key=lambda item: not item["ok"])
    assert good["slides"] == 23 and len(good["written"]) == 3
    omitted = [w for w in good["warnings"] if w["kind"] == "omitted"]
    assert len(omitted) == 15 and all(w["must_fix"] is False for w in omitted)
    assert {"kind": "shrunk", "message": "one-page summary text set at 9.25 pt instead of "
            "10 pt", "must_fix": False, "what": "one-page summary text", "from": 10.0,
            "to": 9.25} in good["warnings"]
    assert failed["outline"] == str(bad) and f"{bad}:2:1:" in failed["error"]


def test_a_report_on_standard_output_is_json_alone(runner: CliRunner, tmp_path: Path) -> None:
    outline = outline_file(tmp_path, "talk.yaml")
    result = invoke(runner, "build", outline, "--out-dir", tmp_path / "out", "--report-json", "-")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)  # nothing else on standard output
    assert data["ok"] is True and len(data["outlines"]) == 1
    assert f"wrote {tmp_path / 'out' / 'talk.pptx'}" in result.stderr  # the results still shown
    plain = invoke(runner, "build", outline, "--out-dir", tmp_path / "out")
    assert "wrote" in plain.stdout and "wrote" not in plain.stderr


def test_quiet_prints_errors_only(runner: CliRunner, tmp_path: Path,
                                  seed_outlines: dict[str, Path]) -> None:
    result = invoke(runner, "build", seed_outlines["ja"], "--out-dir", tmp_path / "out", "-q")
    assert result.exit_code == 0 and result.output == ""
    result = invoke(runner, "build", tmp_path / "missing.yaml", "-q")
    assert result.exit_code == 1 and "file not found" in result.stderr


def keep_outline(folder: Path) -> Path:
    """Return an outline far too long for one page whose last section is marked keep."""
    sections = "".join(
        f"  - title: Section {n}\n    keep: {'true' if n == 29 else 'false'}\n    points:\n"
        + "".join(f"      - Point {p} of section {n} with enough words to wrap a line\n"
                  for p in range(8))
        for n in range(30))
    path = folder / "long.yaml"
    path.write_text(f"title: A long briefing\nlang: en\nsections:\n{sections}", "utf-8")
    return path


def test_strict_fails_only_on_what_a_presenter_must_fix(runner: CliRunner, tmp_path: Path,
                                                        seed_outlines: dict[str, Path]) -> None:
    ja = invoke(runner, "build", seed_outlines["ja"], "--out-dir", tmp_path / "a", "--strict")
    assert ja.exit_code == 0, ja.output  # shrinking within the theme and omissions are fine
    long = keep_outline(tmp_path)
    plain = invoke(runner, "build", long, "--out-dir", tmp_path / "b")
    assert plain.exit_code == 0
    assert "continues on" in plain.stderr
    strict = invoke(runner, "build", long, "--out-dir", tmp_path / "c", "--strict")
    assert strict.exit_code == 1
    assert strict.stderr.startswith(f"Error: {long}: --strict: 1 problem to fix")
    assert "continues on" in strict.stderr
    assert not (tmp_path / "c").exists()


def test_shell_completion_as_the_readme_shows(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "briefing"  # the installed command
    environment = {**os.environ, "_BRIEFING_COMPLETE": "bash_complete",
                   "COMP_WORDS": "briefing build --jo", "COMP_CWORD": "2"}
    done = subprocess.run([str(script)], env=environment, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0 and done.stdout.split() == ["plain,--jobs"]
    environment = {**os.environ, "_BRIEFING_COMPLETE": "bash_source"}
    source = subprocess.run([str(script)], env=environment, capture_output=True, text=True,
                            timeout=60, check=False)
    assert "_briefing_completion" in source.stdout


def _shrunk(what: str, size_from: float, size_to: float, minimum: float = 20.0) -> Any:
    from briefing.report import Warnings

    warnings = Warnings()
    warnings.shrunk(what, size_from, size_to, minimum)
    return warnings.items[0]


def test_texts_of_one_kind_set_alike_smaller_are_named_on_one_line() -> None:
    from briefing.cli import warning_lines
    from briefing.report import BuildWarning

    titles = [_shrunk(f"title '{name}'", 44, 29) for name in ("要点", "背景", "歴史", "展望")]
    entries = [_shrunk(f"agenda entry '{n}'", 20, 12, 14) for n in "ABC"]
    other = BuildWarning("template", "layout 'X' has no footer placeholders")
    lines = warning_lines(Path("talk.yaml"), [titles[0], other, *titles[1:], *entries])
    assert lines == [
        "talk.yaml: warning: titles '要点', '背景', '歴史' and 1 more set at 29 pt instead of "
        "44 pt (--report-json lists them)",
        "talk.yaml: warning: layout 'X' has no footer placeholders",
        "talk.yaml: warning: agenda entries 'A', 'B', 'C' set at 12 pt instead of 20 pt, "
        "below the theme's smallest 14 pt (--report-json lists them)"]


def test_texts_alike_at_places_in_one_file_still_share_a_line() -> None:
    from dataclasses import replace

    from briefing.cli import warning_lines

    placed = [replace(_shrunk(f"title '{name}'", 44, 29), where=f"talk.yaml:{line}:12")
              for line, name in ((4, "A"), (9, "B"), (15, "C"))]
    generated = _shrunk("title 'Agenda'", 44, 29)
    assert warning_lines(Path("talk.yaml"), [generated, *placed]) == [
        "talk.yaml: warning: titles 'Agenda', 'A', 'B' and 1 more set at 29 pt instead of "
        "44 pt (--report-json lists them)"]
    assert warning_lines(Path("talk.yaml"), placed[:1]) == [
        "talk.yaml:4:12: warning: title 'A' set at 29 pt instead of 44 pt"]


def test_layouts_warned_alike_are_named_on_one_line() -> None:
    from briefing.cli import warning_lines
    from briefing.report import BuildWarning

    said = ": footer text colour #898989 reads at 3.1:1 where it is; set in #000000 instead"
    warnings = [BuildWarning("template", f"layout '{name}'{said}", what=f"layout '{name}'")
                for name in ("Title", "Content", "Two", "Blank")]
    other = BuildWarning("template", "layout 'Title': part number text colour #898989 reads "
                         "at 3.1:1", what="layout 'Title'")
    assert warning_lines(Path("talk.yaml"), [*warnings, other]) == [
        f"talk.yaml: warning: layouts 'Title', 'Content', 'Two' and 1 more{said} "
        "(--report-json lists them)", f"talk.yaml: warning: {other.message}"]


def test_size_warnings_fewer_or_unlike_stay_one_a_line() -> None:
    from briefing.cli import warning_lines

    warnings = [_shrunk("title 'A'", 44, 29), _shrunk("title 'B'", 44, 29),
                _shrunk("title 'C'", 44, 32), _shrunk("column title 'D'", 44, 29)]
    assert warning_lines(Path("talk.yaml"), warnings) == [
        f"talk.yaml: warning: {warning.message}" for warning in warnings]


def test_a_rebuild_counts_warnings_as_a_build_lists_them_and_shows_the_new_ones() -> None:
    from briefing.cli import rebuild_lines
    from briefing.report import BuildReport, BuildWarning

    outline = Path("talk.yaml")
    old = BuildWarning("overflow", "title 'A' set at 36 pt instead of 44 pt", "talk.yaml:3:5")
    new = BuildWarning("continued", "'B' continues on 2 slides", "talk.yaml:9:5")
    left_out = [BuildWarning("omitted", f"summary: left out point {n}") for n in range(5)]
    report = BuildReport(outline, (), 12, (old, new, *left_out))
    before = [f"talk.yaml:3:5: warning: {old.message}",
              "talk.yaml: warning: the one-page summary leaves out 5 items to stay on one page "
              "(mark what must stay with keep: true; --report-json lists them)"]
    line, shown = rebuild_lines(report, 0.21, before)
    assert line == "talk.yaml: rebuilt in 0.21 s (12 slides, 3 warnings, 1 new)"
    assert shown == [f"talk.yaml:9:5: warning: {new.message}"]
    line, shown = rebuild_lines(BuildReport(outline, (), 12, ()), 0.2, before)
    assert (line, shown) == ("talk.yaml: rebuilt in 0.20 s (12 slides)", [])
    line, _ = rebuild_lines(BuildReport(outline, (), 12, (old,)), 0.2, before)
    assert line == "talk.yaml: rebuilt in 0.20 s (12 slides, 1 warning)"


@pytest.mark.parametrize("quiet", [False, True])
def test_watch_prints_a_line_a_build_and_quiet_leaves_out_files_and_warnings(
        capsys: pytest.CaptureFixture[str], quiet: bool) -> None:
    from briefing.batch import Outcome
    from briefing.cli import watch_printer
    from briefing.report import BuildReport, BuildWarning

    outline = Path("talk.yaml")
    warned = BuildWarning("overflow", "title 'A' set at 36 pt instead of 44 pt", "talk.yaml:3:5")
    built = Outcome(outline, BuildReport(outline, (Path("out/talk.pptx"),), 12, (warned,)),
                    seconds=1.5)
    broken = Outcome(outline, error="talk.yaml:4:1: invalid YAML: something", seconds=0.1)
    show = watch_printer(quiet)
    for outcome in (built, broken, built):
        show(outcome)
    out, err = capsys.readouterr()
    stamp = re.compile(r"^\d\d:\d\d:\d\d ", re.MULTILINE)
    failed = ["talk.yaml: failed after 0.10 s; still watching",
              "Error: talk.yaml:4:1: invalid YAML: something"]
    if quiet:
        assert stamp.sub("", out).splitlines() == [
            "talk.yaml: built in 1.50 s (12 slides, 1 warning)",
            "talk.yaml: rebuilt in 1.50 s (12 slides, 1 warning)"]
        assert stamp.sub("", err).splitlines() == failed
    else:
        assert "out/talk.pptx" in out and "rebuilt in 1.50 s (12 slides, 1 warning)" in out
        assert stamp.sub("", err).splitlines() == [  # not again: the same as before
            f"talk.yaml:3:5: warning: {warned.message}", *failed]


# The program ends the process itself (briefing.program.leave), running what atexit holds.
_PLUGINS_AFTER_VALIDATE = """
import atexit, sys
sys.argv = ["briefing", "validate", sys.argv[1]]
from briefing.program import run

def looked_up():
    import pydantic.plugin._loader as loader
    print("looked up" if loader._plugins is not None else "not looked up")

atexit.register(looked_up)
run()
"""


@pytest.mark.parametrize(("setting", "expected"), [(None, "not looked up"),
                                                   ("someplugin", "looked up")])
def test_the_program_leaves_pydantic_plugins_alone_unless_asked(
        seed_outlines: dict[str, Path], setting: str | None, expected: str) -> None:
    """The briefing program turns pydantic's plugin lookup off (it reads every installed
    distribution's metadata); a user's own PYDANTIC_DISABLE_PLUGINS is kept."""
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if setting is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = setting
    done = subprocess.run([sys.executable, "-c", _PLUGINS_AFTER_VALIDATE,
                           str(seed_outlines["ja"])], capture_output=True, text=True,
                          env=env, check=True)
    assert done.stdout.strip().splitlines()[-1] == expected


_COLLECTIONS_OF_A_BUILD = """
import atexit, gc, sys
outline, out = sys.argv[1:]
sys.argv = ["briefing", "build", outline, "--out-dir", out, "-q"]
from briefing.program import run
started = []
gc.callbacks.append(lambda phase, info: started.append(info["generation"]) if phase == "start"
                    else None)
atexit.register(lambda: print(len(started)))
run()
"""


def test_the_program_collects_no_garbage_during_a_build_of_the_seed(
        seed_outlines: dict[str, Path], tmp_path: Path) -> None:
    """A cold build of the seed makes about 250 young collections at CPython's threshold of
    700 allocations (counted with gc.callbacks), and one at 100,000 (70 ms, finding 1,453
    objects); the briefing program raises the threshold before the command line is imported,
    and the seed's build, its imports included, makes none."""
    done = subprocess.run([sys.executable, "-c", _COLLECTIONS_OF_A_BUILD,
                           str(seed_outlines["ja"]), str(tmp_path / "out")],
                          capture_output=True, text=True, check=True, timeout=300)
    assert int(done.stdout.split()[-1]) == 0, done.stderr
    assert (tmp_path / "out" / "nato-japan.pptx").is_file()


def test_a_preview_counts_its_slide_images_on_one_line() -> None:
    from briefing.cli import written_lines

    out = Path("out")
    written = [out / "talk.pptx", *(out / "talk-slides" / f"slide-{n:02d}.png" for n in (1, 2, 3)),
               out / "talk-contact.png", out / "other-slides" / "slide-07.png"]
    assert written_lines(written) == [
        f"  wrote {out / 'talk.pptx'}",
        f"  wrote 3 slide images in {out / 'talk-slides'}{os.sep} (slide-01.png to slide-03.png)",
        f"  wrote {out / 'talk-contact.png'}",
        f"  wrote 1 slide image in {out / 'other-slides'}{os.sep} (slide-07.png)"]


def test_validate_and_build_say_where_characters_were_removed(runner: CliRunner,
                                                              tmp_path: Path) -> None:
    outline = tmp_path / "talk.yaml"
    outline.write_text("title: Plan\nlang: en\nsections:\n  - title: A\n"
                       "    points: [Ship it 🚀]\n", encoding="utf-8")
    said = (f"{outline}:5:14: warning: removed 1 character the fonts cannot show: 🚀 (U+1F680) "
            "(in sections[0].points[0].text)")
    result = invoke(runner, "validate", outline)
    assert result.exit_code == 0 and said in result.stderr.splitlines()
    result = invoke(runner, "build", outline, "--out-dir", tmp_path / "out")
    assert result.exit_code == 0 and said in result.stderr.splitlines()
