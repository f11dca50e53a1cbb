"""`briefing draft` on the command line: files written, standard output, refusals, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import main
from briefing.outline.validate import load_outline

from .conftest import ARTICLES


def test_writes_the_outline_and_its_schema(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "talks" / "river.yaml"
    result = runner.invoke(main, ["draft", str(ARTICLES["markdown"]), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert f"wrote {target}" in result.output
    assert (tmp_path / "talks" / "outline.schema.json").is_file()
    assert load_outline(target).outline.title == "Riverside's Flood Barrier"


def test_refuses_to_overwrite_without_force(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "night.yaml"
    target.write_text("keep me", encoding="utf-8")
    result = runner.invoke(main, ["draft", str(ARTICLES["html"]), "-o", str(target)])
    assert result.exit_code == 1
    assert "already exists; pass --force" in result.output
    assert target.read_text(encoding="utf-8") == "keep me"
    forced = runner.invoke(main, ["draft", str(ARTICLES["html"]), "-o", str(target), "--force"])
    assert forced.exit_code == 0 and target.read_text(encoding="utf-8").startswith("# yaml")


def test_standard_output_lang_and_max_sections(runner: CliRunner) -> None:
    result = runner.invoke(main, ["draft", str(ARTICLES["html"]), "-o", "-", "--lang", "en",
                                  "--max-sections", "4"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# yaml-language-server: $schema=outline.schema.json")
    assert result.output.split("sources:")[0].count("\n  - title: ") == 4
    assert "lang: en" in result.output


def test_default_name_is_the_article_stem(runner: CliRunner, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    article = tmp_path / "story.md"
    article.write_text("# A Story: Told Briefly\n\n## One\n\nThe first part of it.\n\n"
                       "## Two\n\nThe second part of it.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["draft", "story.md"])
    assert result.exit_code == 0, result.output
    assert "wrote story.yaml" in result.output
    assert load_outline(tmp_path / "story.yaml").outline.sections[1].title == "Two"


def test_errors_are_one_line(runner: CliRunner, tmp_path: Path) -> None:
    missing = runner.invoke(main, ["draft", str(tmp_path / "none.txt")])
    assert missing.exit_code == 1
    assert "no such article file" in missing.output and "Traceback" not in missing.output
    usage = runner.invoke(main, ["draft", str(ARTICLES["html"]), "--lang", "fr"])
    assert usage.exit_code == 2
    help_text = runner.invoke(main, ["draft", "--help"]).output
    assert "Examples:" in help_text and "--max-sections" in help_text


def test_a_project_schema_folder_is_named(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "outline.schema.json").write_text("{}", encoding="utf-8")
    target = tmp_path / "outlines" / "river.yaml"
    result = runner.invoke(main, ["draft", str(ARTICLES["markdown"]), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schema/outline.schema.json\n")
    assert not (tmp_path / "outlines" / "outline.schema.json").exists()


def test_an_article_without_text_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    for name, content in (("empty.txt", ""), ("menu.html", "<html><body><nav><p>Home</p>"
                                                          "</nav></body></html>")):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        result = runner.invoke(main, ["draft", str(path), "-o", "-"])
        assert result.exit_code == 1
        assert "no article text found" in result.output and "Traceback" not in result.output
