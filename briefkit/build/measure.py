"""The page-budget check's layouts, by the build's worker pool; and `briefkit check` itself.

checks/budgets.py asks for documents to be laid out; this answers through a
worker pool (writers/workers.py), naming each document by its file in out/
as the build will. `check` is the command's library: the check pipeline with
the stylesheets and the budgets read by the PDF writer in workers, and the
PDFs laid out for the budgets kept in out/.briefkit/cache/ when the check passes, so
that the build right after it renders none of them again.
"""

from __future__ import annotations

from pathlib import Path

from briefkit.build import plan
from briefkit.campaign import layout
from briefkit.campaign.loader import load_campaign
from briefkit.campaign.model import Campaign
from briefkit.checks import Checked, check_campaign
from briefkit.checks.budgets import Measure
from briefkit.render.document import Document
from briefkit.writers import workers
from briefkit.writers.pagemap import PageMap


def measurer(pool: workers.Pool, campaign: Campaign) -> Measure:
    """The budgets' `measure`, answered by `pool`."""
    several = {audience_id: len(campaign.languages_of(audience)) > 1
               for audience_id, audience in campaign.audiences.items()}

    def measure(documents: list[Document]) -> list[PageMap | str]:
        named = [(document, plan.document_path(document.audience, document.kind, document.lang, "pdf",
                                               several.get(document.audience, False))) for document in documents]
        return [outcome.page_map if outcome.page_map is not None
                else outcome.errors.get("pdf", "it was not laid out") for outcome in pool.measure(named)]

    return measure


def check(campaign_dir: Path, strict: bool = False, jobs: int | None = None) -> Checked:
    """`briefkit check`: every check, the page budgets laid out in workers that start while the
    rest is checked."""
    campaign = load_campaign(campaign_dir, partial=True)
    # A worker per job, up to one per audience (fact sheets are the budgeted documents most campaigns have).
    limits = workers.Limits(jobs=jobs or workers.default_jobs(), strict=strict)
    with workers.Pool(limits, ["pdf"], max(1, len(campaign.audiences)), isolated=True, warm_up=False,
                      cache_dir=campaign.root / layout.OUT / plan.CACHE) as pool:
        checked = check_campaign(campaign.root, campaign=campaign, stylesheets=pool.check,
                                 measure=measurer(pool, campaign), strict=strict)
        if (campaign.root / layout.OUT).is_dir():
            pool.commit()
    return checked
