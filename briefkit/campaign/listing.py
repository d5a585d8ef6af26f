"""What `briefkit list` shows: the campaign's audiences, positions and kinds of document, as rows."""

from __future__ import annotations

from briefkit.campaign.localtext import shown
from briefkit.campaign.model import KIND_DESCRIPTIONS, Campaign


def kind_rows() -> list[dict]:
    return [{"kind": kind, "description": description} for kind, description in KIND_DESCRIPTIONS.items()]


def audience_rows(campaign: Campaign) -> list[dict]:
    settings = campaign.config.settings
    return [{"id": a.id, "name": shown(a.name, campaign.languages_of(a)[0]), "stance": a.stance,
             "language": ", ".join(campaign.languages_of(a)), "paper": a.paper or settings.paper,
             "lead_with": list(a.lead_with)} for a in campaign.audiences.values()]


def position_rows(campaign: Campaign) -> list[dict]:
    language = campaign.config.settings.language
    return [{"id": p.id, "title": shown(p.title, language), "priority": p.priority,
             "articles": [shown(a, language) for a in p.articles], "quotes": len(p.quotes),
             "facts": len(p.facts)} for p in campaign.positions]
