"""`briefkit confirm QUOTE_ID…`: a curator's word that a quote's speaker is right, where the source's
attribution is not one briefkit can read.

The record (seeds/confirmations.yaml) is a digest of the quote's words, its
speaker and its source's checksum (checks/quotes.py), so a change to any of
them brings the warning back until someone looks again.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from briefkit.campaign.layout import CONFIRMATIONS_FILE
from briefkit.campaign.loader import load_campaign
from briefkit.checks.evidence import verify
from briefkit.checks.quotes import confirmation
from briefkit.errors import BriefkitError, suggest
from briefkit.fsutil import atomic_write

_HEADER = ("# Speakers a curator confirmed where briefkit cannot read the source's attribution.\n"
           "# Written by `briefkit confirm QUOTE_ID`; a change to the quote, its speaker or its source\n"
           "# undoes a confirmation.\n")


def confirm_quotes(root: Path, quote_ids: list[str]) -> list[str]:
    """Record each quote's confirmation; the quotes must exist and stand verbatim in their sources."""
    campaign = load_campaign(root, partial=True)
    quotes = {quote.id: quote for _, quote in campaign.quotes()}
    for quote_id in quote_ids:
        if quote_id not in quotes:
            raise BriefkitError(f"unknown quote {quote_id!r}", hint=suggest(quote_id, quotes, "the quotes"))
    verify(campaign)  # raises if a quote is not found, or anything else is wrong
    confirmed = dict(campaign.confirmations)
    for quote_id in quote_ids:
        quote = quotes[quote_id]
        confirmed[quote_id] = confirmation(quote, campaign.sources[quote.source])
    text = _HEADER + yaml.safe_dump({"confirmed": dict(sorted(confirmed.items()))}, allow_unicode=True,
                                    sort_keys=False)
    atomic_write(campaign.root / CONFIRMATIONS_FILE, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return quote_ids
