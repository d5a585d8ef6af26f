"""WeasyPrint's warnings, caught and turned into Problems that name the stylesheet and line.

WeasyPrint reports CSS it cannot use (an unknown property, a bad value, a
selector it does not support) only as a log warning, and then ignores the
rule: the PDF silently looks wrong. A template author needs the stylesheet,
the line and WeasyPrint's words, so the PDF writer captures the `weasyprint`
logger while it parses each stylesheet and while it renders.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

from briefkit.errors import Problem

_AT = re.compile(r"\bat (\d+):(\d+)\b")
_REFUSED = re.compile(r"briefkit does not fetch (\S+?):? only files")
HINT = "WeasyPrint skips this rule: fix or remove it; `briefkit build --strict` makes this an error"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def captured() -> Iterator[list[logging.LogRecord]]:
    """Collect WeasyPrint's warnings instead of letting them reach stderr."""
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


def as_problems(records: list[logging.LogRecord], path: str, hint: str = HINT,
                refusals_are_errors: bool = False) -> list[Problem]:
    """One warning per record, located at the line WeasyPrint names ("at 12:5"), if it names one.

    A fetch the restricted fetcher refused (a URL outside the campaign) is
    reported as such, and is an error when `refusals_are_errors` (--strict, or CI).
    """
    problems = []
    for record in records:
        message = record.getMessage()
        found = _AT.search(message)
        line = int(found.group(1)) if found else None
        if refused := _REFUSED.search(message):
            problems.append(Problem(path, line, f"refused to fetch {refused.group(1)}: only data: URLs and "
                                    "files inside the campaign folder or briefkit's assets may be used",
                                    "copy the file into the campaign folder and refer to it there",
                                    severity="error" if refusals_are_errors else "warning"))
            continue
        problems.append(Problem(path, line, f"WeasyPrint: {message}", hint, severity="warning"))
    return problems
