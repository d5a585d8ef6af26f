"""Page budgets: every document with one is laid out during the check, so that a check that passes
means a build that writes every document within its budget.

A kind may have a budget (the fact sheet's template says 1), and a campaign
may set one for any kind (settings.page_budgets). The PDF is the measure: the
PDF writer lays the document out in a worker (`measure`, which keeps the PDF
for the build: writers/cache.py). A document over its budget is composed
again with the kind's fit steps (render/fit.py), one more each time, until it
fits; the document that fits is the one the build writes, and the manifest
records its steps. One that never fits is a problem that says how long it
runs, what takes the room, and what to change.
"""

from __future__ import annotations

from collections.abc import Callable

from briefkit.errors import BriefkitError, Problem
from briefkit.render import fit
from briefkit.render.compose import Composer
from briefkit.render.document import Document
from briefkit.writers.geometry import page_setup
from briefkit.writers.pagemap import PageMap

# Lays documents out; answers each with its PageMap, or with the writer's error.
Measure = Callable[[list[Document]], list[PageMap | str]]
_SHOWN_PARTS = 3  # how many parts an over-budget problem names


def fit_budgets(composer: Composer, documents: list[Document],
                measure: Measure) -> tuple[list[Document], list[Problem]]:
    """The documents, each replaced by the version that fits its budget; and the problems of those
    that do not fit, or could not be laid out."""
    problems: list[Problem] = []
    budgeted = {index: document for index, document in enumerate(documents) if _budget(document)}
    tried: dict[int, int] = dict.fromkeys(budgeted, 0)  # how many fit steps each has now
    pending = dict(budgeted)
    fitted = list(documents)
    while pending:
        answers = measure(list(pending.values()))
        again: dict[int, Document] = {}
        for (index, document), answer in zip(pending.items(), answers):
            if isinstance(answer, str):
                problems.append(_failed(composer, document, answer))
                continue
            fitted[index] = document
            budget = _budget(document)
            if answer.pages <= budget:
                continue
            steps = _declared(document)
            if tried[index] < len(steps):
                tried[index] += 1
                try:
                    again[index] = composer.compose(document.kind, document.audience, lang=document.lang,
                                                    fit_steps=steps[:tried[index]])
                except BriefkitError as exc:
                    problems.append(exc.as_problem())
            else:
                problems.append(_over_budget(composer, document, answer, budget))
        pending = again
    return fitted, problems


def _budget(document: Document) -> int:
    return page_setup(document).page_budget


def _declared(document: Document) -> tuple[str, ...]:
    return fit.parse(document.meta("briefkit-fit-steps"), document.template or document.kind)


def _where(composer: Composer, document: Document) -> str:
    return composer.campaign.provenance.audience_file(document.audience)


def _failed(composer: Composer, document: Document, message: str) -> Problem:
    """What the PDF writer refused while laying out a budgeted document: its template's (or a
    stylesheet's) doing, so the problem names the template."""
    return Problem(document.template or document.kind, None,
                   f"the {document.kind} for {document.audience} ({document.lang}) cannot be laid out: {message}",
                   hint="the build would fail on it too; fix what the message names")


def _over_budget(composer: Composer, document: Document, laid: PageMap, budget: int) -> Problem:
    parts = [(label, share) for label, share in laid.room if share >= 0.05][:_SHOWN_PARTS]
    room = "; ".join(f"{_part(label)} takes {share:.1f} page{'s' if share >= 1.05 else ''}"
                     for label, share in parts)
    steps = document.fit
    tried = f" even with its fit steps ({', '.join(steps)})" if steps else ""
    kind = document.kind
    return Problem(_where(composer, document), None,
                   f"the {kind} for {document.audience} ({document.lang}) runs to {laid.pages} pages{tried}; "
                   f"it must fit on {budget}" + (f": {room}" if room else ""),
                   hint=f"shorten what the longest part prints, or allow more pages with settings.page_budgets "
                        f"({kind}: {laid.pages}) in briefkit.yaml")


def _part(label: str) -> str:
    return f"the part headed {label!r}" if label else "the text before its first heading"
