"""One exception tree for everything a user can get wrong; the CLI turns it into exit codes.

Nothing here knows about the command line: ``briefing.cli`` maps BriefingError (and every
subclass) to exit status 1, usage errors to 2 and an interrupt to 130.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.report import BuildWarning


@dataclass(frozen=True)
class Where:
    """A place in an input file: path, 1-based line and column."""

    path: Path
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        text = str(self.path)
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where, which field, what and what to do."""

    where: Where
    message: str
    field: str = ""

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        return f"{self.where}:{field} {self.message}"


class BriefingError(Exception):
    """Base of every error the tool reports to its user (exit status 1)."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message

    def format_message(self) -> str:
        """Return the message as printed after ``Error:``."""
        return self.message


class OutlineError(BriefingError):
    """An outline could not be read or does not match the format; carries every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class AssetError(BriefingError):
    """An image or other referenced file is missing, unsafe or unreadable."""


class TemplateError(BriefingError):
    """A .pptx template is unusable."""


class ThemeError(OutlineError):
    """A theme name or theme file is unusable; carries every problem, each where it is."""


class FontError(BriefingError):
    """A font could not be found or loaded."""


class OutputError(BriefingError):
    """Results could not be written."""


class StrictError(BriefingError):
    """``--strict`` was on and the build raised warnings a presenter must fix."""

    def __init__(self, warnings: Sequence[BuildWarning]) -> None:
        self.warnings = tuple(warnings)
        count = len(self.warnings)
        lines = "".join(f"\n  {warning}" for warning in self.warnings)
        super().__init__(f"--strict: {count} problem{'s' if count > 1 else ''} to fix before "
                         f"presenting:{lines}")


def outline_error(path: Path, message: str, line: int | None = None,
                  column: int | None = None, field: str = "") -> OutlineError:
    """Return an OutlineError with a single problem."""
    return OutlineError([Problem(Where(path, line, column), message, field)])


class RenderError(BriefingError):
    """Slides could not be rendered to images (LibreOffice missing, failed or too slow)."""
