"""Fit steps: what a kind may do, in order, to keep a document within its page budget.

A kind's template declares its steps (`{% block fit_steps %}`, written to the
document's <meta name="briefkit-fit-steps">). A step is either a word the
template itself reads from `fit` (the fact sheet's "signatory-count", the
letter's "more-columns"), or "smaller:<scale>", which sets everything on the
page that much smaller; both writers read the scale from the document
(writers/geometry.py). Steps are applied cumulatively: the second try has the
first two steps, and so on. checks/budgets.py runs them; the manifest records
which a document needed.
"""

from __future__ import annotations

import re

from briefkit.errors import BriefkitError

_SMALLER = re.compile(r"^smaller:(\d(?:\.\d+)?)$")
_WORD = re.compile(r"^[a-z][a-z0-9-]*$")
SMALLEST = 0.8  # the floor: type below 8 pt on a 10 pt design stops being readable on paper


def parse(text: str, template: str = "") -> tuple[str, ...]:
    """The steps a kind declares, checked: words, or smaller:<scale> no smaller than SMALLEST."""
    steps = tuple(text.split())
    for step in steps:
        match = _SMALLER.match(step)
        if match and not SMALLEST <= float(match.group(1)) < 1:
            raise BriefkitError(f"{template}: the fit step {step!r} sets the page smaller than briefkit allows",
                                hint=f"a scale lies between {SMALLEST} and 1 (smaller:0.95, smaller:0.9)")
        if not match and not _WORD.match(step):
            raise BriefkitError(f"{template}: cannot read the fit step {step!r}",
                                hint="write words such as signatory-count, or smaller:0.95")
    return steps


def scale(steps: tuple[str, ...]) -> float:
    """The scale the applied steps set: the smallest of their smaller:<scale>, else 1."""
    scales = [float(m.group(1)) for step in steps if (m := _SMALLER.match(step))]
    return min(scales, default=1.0)


def words(steps: tuple[str, ...]) -> frozenset[str]:
    """The applied steps a template reads from `fit`."""
    return frozenset(step for step in steps if not _SMALLER.match(step))
