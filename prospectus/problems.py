"""Problems found in content, and the one exception that carries them.

Every message a user sees comes from a :class:`Problem`: the file (relative to the
content folder), the line, what is wrong in plain English and what to do about it.
Nothing else is ever shown to an editor, so there is no path from a content mistake
to a Python traceback.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """An error stops the build; a warning is printed (and stops it only with --strict)."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, at one line (0 when the whole file is meant)."""

    path: str
    line: int
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        """The line printed in the terminal: ``courses/anxiety.md:7: message hint`` (a problem that is
        not about a file, such as a helper program that is missing, has no file name)."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        label = "" if self.is_error else "warning: "
        text = f"{where}: {label}{self.message}" if where else f"{label}{self.message}"
        if self.hint:
            text += f" {self.hint}"
        return text


class ContentError(Exception):
    """Raised when content has errors; carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(sorted(problems))
        super().__init__("\n".join(p.format() for p in self.problems))

    def __reduce__(self) -> tuple[type[ContentError], tuple[tuple[Problem, ...]]]:
        return (ContentError, (self.problems,))


class UsageError(Exception):
    """Wrong use of the command line or of the output folder (exit code 2)."""


class OutputFailed(Exception):
    """An output could not be made for a reason that is not in the content (a helper program failed,
    the disk filled up): the build stops and the site is kept as it was."""

    def __init__(self, message: str, hint: str = ""):
        self.message = message
        self.hint = hint
        super().__init__(f"{message} {hint}".strip())


class TemplateProblem(Exception):
    """A template could not be loaded or rendered; names the template file and line."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.format())

    def __reduce__(self) -> tuple[type[TemplateProblem], tuple[Problem]]:
        return (TemplateProblem, (self.problem,))


def nearest(word: str, choices: Iterable[str]) -> str | None:
    """The known word closest to a misspelt one, or None when nothing is close."""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint sentence suggesting the nearest known word, or an empty string."""
    best = nearest(word, choices)
    return f"Did you mean '{best}'?" if best else ""
