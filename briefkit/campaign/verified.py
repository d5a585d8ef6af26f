"""A campaign that passed its checks, with where each passage it cites stands in its source.

Documents cite a quote by its source's line and paragraph; the check that
locates each quote is the one place that knows them, so it hands them on
here, with the warnings it found, to everything that composes documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefkit.campaign.model import Campaign
from briefkit.errors import Problem
from briefkit.sources.textmatch import Location


@dataclass
class Verified:
    """A checked campaign, the location of each cited passage by item id, and the check's warnings."""

    campaign: Campaign
    locations: dict[str, Location] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
