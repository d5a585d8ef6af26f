"""The one check pipeline: what `briefkit check`, `build` and `preview` all run, in one order.

Load the campaign (every file, every field), verify it (sources, quotes,
facts, references, languages), report translations made from an earlier
version of their source text, compose the documents in scope (templates and
the HTML vocabulary), then check what the composed documents show: a glyph
for every character, tailored text that names another audience, sections left
out for want of content, the stylesheets as the PDF writer reads them, and the
pages of every document with a page budget, laid out (budgets.py). Every
problem and warning is collected; if there is any problem (or, with `strict`, any warning) the
pipeline raises ProblemsFound carrying all of them, so the three commands
report the same list for the same campaign. Nothing here writes a file in the
campaign or its out/ (the PDFs laid out for the budgets wait in the worker
pool's own folder: writers/cache.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from briefkit.campaign.loader import load_campaign
from briefkit.campaign.model import Campaign
from briefkit.campaign.verified import Verified
from briefkit.checks.budgets import Measure, fit_budgets
from briefkit.checks.evidence import verify
from briefkit.checks.glyphs import FontCoverage
from briefkit.checks.sections import empty_section_warnings
from briefkit.checks.tailoring import tailored_text_warnings
from briefkit.checks.translations import translation_warnings
from briefkit.errors import BriefkitError, Problem, ProblemsFound, as_errors, debugging
from briefkit.render.compose import Composer
from briefkit.render.document import Document

# What the stylesheet check is given: the documents, and it answers with the writer's findings.
StylesheetCheck = Callable[[list[Document]], list[Problem]]


@dataclass(frozen=True)
class Scope:
    """Which documents to compose and check: (kind, audience, language) triples; None means all."""

    documents: tuple[tuple[str, str, str], ...] | None = None

    def triples(self, campaign: Campaign) -> list[tuple[str, str, str]]:
        if self.documents is not None:
            return list(self.documents)
        return [(kind, audience.id, lang) for audience in campaign.audiences.values()
                for lang in campaign.languages_of(audience) for kind in campaign.kinds()]


@dataclass
class Checked:
    """A campaign that passed: its verified data, the documents composed, and the warnings."""

    verified: Verified
    documents: list[Document] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def campaign(self) -> Campaign:
        return self.verified.campaign


def check_campaign(root: Path, *, campaign: Campaign | None = None, scope: Scope = Scope(),
                   confirmed_only: bool = False, clean: bool = False,
                   stylesheets: StylesheetCheck | None = None, measure: Measure | None = None,
                   strict: bool = False) -> Checked:
    """Run every check; return the composed documents, or raise ProblemsFound with everything found.

    `campaign` is the campaign as already loaded (partially, with its problems), so that a
    caller which planned from it does not read the files twice. `stylesheets` parses the
    documents' stylesheets as the PDF writer will (in a worker process: see writers/workers.py);
    `measure` lays out the documents with a page budget (budgets.py); without it (the preview,
    which shows pages of its own) budgets are not checked.
    """
    campaign = campaign or load_campaign(root, partial=True)
    verified = verify(campaign)  # raises with the loading and cross-file problems
    warnings = list(verified.warnings) + translation_warnings(campaign)
    composer = Composer(verified, confirmed_only=confirmed_only, clean=clean)
    documents, problems = _compose(composer, scope.triples(campaign))
    if documents:
        problems += FontCoverage().check(verified, documents)
        warnings += tailored_text_warnings(verified, documents)
        warnings += empty_section_warnings(documents)
    if stylesheets is not None and documents:
        for found in stylesheets(documents):
            (problems if found.severity == "error" else warnings).append(found)
    if measure is not None and documents:
        documents, over = fit_budgets(composer, documents, measure)
        problems += over
    if strict:
        problems += as_errors(warnings)
        warnings = []
    if problems:
        raise ProblemsFound(problems, warnings)
    return Checked(verified, documents, _unique(warnings))


def _compose(composer: Composer, triples: Iterable[tuple[str, str, str]]) -> tuple[list[Document], list[Problem]]:
    """Every document of the scope; a template's problem once, however many documents it breaks."""
    documents: list[Document] = []
    problems: list[Problem] = []
    for kind, audience, lang in triples:
        try:
            documents.append(composer.compose(kind, audience, lang=lang))
        except BriefkitError as exc:  # a template's error, most often: the same for every audience
            if debugging():
                raise
            if (found := exc.as_problem()) not in problems:
                problems.append(found)
    return documents, problems


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))
