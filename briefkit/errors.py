"""One exception root, and the `Problem` record that every check reports.

Campaigners fix their own data, so each problem says where (file and line),
what is wrong, and how to fix it. Checks collect problems instead of raising
on the first one, so a user sees the whole list in one run.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can."""

    path: str
    line: int | None
    message: str
    hint: str | None = None
    severity: str = "error"

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        label = "warning: " if self.severity == "warning" else ""
        text = f"{where}: {label}{self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text


class BriefkitError(Exception):
    """Root of every error briefkit reports to a user."""

    def __init__(self, message: str, *, path: str | Path | None = None,
                 line: int | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.hint = hint

    def as_problem(self) -> Problem:
        return Problem(self.path or "briefkit", self.line, self.message, self.hint)

    def __str__(self) -> str:
        if self.path is None:
            return self.message + (f" (hint: {self.hint})" if self.hint else "")
        return self.as_problem().format()


class ProblemsFound(BriefkitError):
    """The input has problems; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} found")


class TemplateProblem(BriefkitError):
    """A template failed to load or render, or produced markup outside the vocabulary."""


class WriterError(BriefkitError):
    """A writer could not turn the intermediate HTML into its format."""


def suggest(name: str, known: Iterable[str]) -> str:
    """A hint for an unknown name: the closest known one, then every choice."""
    known = sorted(known)
    close = difflib.get_close_matches(name, known, n=1)
    prefix = f"did you mean {close[0]!r}? " if close else ""
    return prefix + "choose from: " + ", ".join(known)
