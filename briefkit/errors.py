"""One exception root, and the `Problem` record that every check reports.

Campaigners fix their own data, so each problem says where (file and line),
what is wrong, and how to fix it. Checks collect problems instead of raising
on the first one, so a user sees the whole list in one run.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

# The one debug switch: `briefkit --debug` sets it, so that worker processes see it too.
DEBUG_VARIABLE = "BRIEFKIT_DEBUG"


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
    """The input has problems; nothing was written. `warnings` are what else the check found."""

    def __init__(self, problems: list[Problem], warnings: Iterable[Problem] = (), hint: str | None = None) -> None:
        self.problems = sorted(problems, key=_order)
        self.warnings = sorted(warnings, key=_order)
        count = len(self.problems)
        # `hint`: one way to fix them all, said once after the count (one command that rebuilds them).
        super().__init__(f"{count} problem{'s' if count != 1 else ''} found", hint=hint)


def _order(problem: Problem) -> tuple:
    return (problem.path, problem.line or 0, problem.message)


def as_errors(warnings: Iterable[Problem]) -> list[Problem]:
    """Warnings made errors (--strict)."""
    return [replace(w, severity="error") for w in warnings]


def debugging() -> bool:
    """Whether to show tracebacks (`briefkit --debug`, or BRIEFKIT_DEBUG=1)."""
    return os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


class UsageProblem(BriefkitError):
    """A command-line argument or option that names nothing the campaign has (a mistyped kind,
    audience or format): a usage error, which the command line reports with exit status 2, as
    click does its own; a problem in the campaign's files exits 1."""


class TemplateProblem(BriefkitError):
    """A template failed to load or render, or produced markup outside the vocabulary."""


class WriterError(BriefkitError):
    """A writer could not turn the intermediate HTML into its format."""


def closest(name: str, known: Iterable[str]) -> str | None:
    """The known name nearest to a mistyped one, if any is near (case aside)."""
    known = list(known)
    folded = {k.lower(): k for k in known}
    if name.lower() in folded:
        return folded[name.lower()]
    close = difflib.get_close_matches(name.lower(), list(folded), n=1)
    return folded[close[0]] if close else None


def suggest(name: str, known: Iterable[str], listing: str = "choose from") -> str:
    """The one hint for an unknown name: the closest known one, then every choice (if few)."""
    known = sorted(known)
    near = closest(name, known)
    if near and len(known) > 6:  # a long list after the right answer is noise
        return f"did you mean {near!r}?"
    prefix = f"did you mean {near!r}? " if near else ""
    return prefix + f"{listing}: " + ", ".join(known)
