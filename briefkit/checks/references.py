"""References between a campaign's files: ids unique, positions, sources and stances that exist.

A reference to something another file would define is called unknown only
when that file loaded: if a position file failed, an audience's lead_with
naming it is not reported a second time (the loader keeps the id the failed
file gives: campaign/salvage.py); a position file that gives no id at all is
named in the hint of an unknown lead_with. Stances are checked against
briefkit.yaml only when its stances were read.
"""

from __future__ import annotations

from briefkit.campaign import layout
from briefkit.campaign.config import builtin_stances
from briefkit.campaign.layout import CAMPAIGN_FILE, SIGNATORIES_FILE, SOURCES_FILE
from briefkit.campaign.model import Campaign
from briefkit.errors import Problem, suggest


def check_references(campaign: Campaign, problems: list[Problem]) -> None:
    """Every reference of every audience, position and signatory, and the stances themselves."""
    _check_stances(campaign, problems)
    _check_audiences(campaign, problems)
    lines = campaign.provenance
    for signatory in campaign.signatories:
        if signatory.basis and signatory.basis not in campaign.sources and lines.all_read(SOURCES_FILE):
            problems.append(Problem(SIGNATORIES_FILE, signatory.row,
                                    f"basis {signatory.basis!r} is not a source id",
                                    "use an id from seeds/sources.yaml, or leave the cell empty"))


def check_ids(campaign: Campaign, problems: list[Problem]) -> None:
    """Position, quote and fact ids are unique across the campaign: documents cite them by id."""
    seen: dict[str, str] = {}
    lines = campaign.provenance
    for position, rel in zip(campaign.positions, campaign.provenance.position_files):
        items = [("position", position.id, ("id",))]
        items += [("quote", q.id, ("quotes", i, "id")) for i, q in enumerate(position.quotes)]
        items += [("fact", f.id, ("facts", i, "id")) for i, f in enumerate(position.facts)]
        for what, ident, loc in items:
            key = f"{what}:{ident}"
            if key in seen:
                problems.append(Problem(rel, lines.line(rel, loc), f"{what} id {ident!r} is already used in "
                                        f"{seen[key]}", "give each one its own id"))
            else:
                seen[key] = rel


def _check_stances(campaign: Campaign, problems: list[Problem]) -> None:
    """A stance is declared once; a position's talking points are for a stance the campaign has."""
    lines = campaign.provenance
    config = campaign.config
    seen: set[str] = set() if config.stances else {stance.id for stance in builtin_stances()}
    for name, stances in (("stances", config.stances or []), ("extra_stances", config.extra_stances)):
        for index, stance in enumerate(stances):
            if stance.id in seen:
                problems.append(Problem(CAMPAIGN_FILE, lines.line(CAMPAIGN_FILE, (name, index, "id")),
                                        f"the stance {stance.id!r} is declared twice",
                                        "give each stance its own id"))
            seen.add(stance.id)
    if not lines.intact(CAMPAIGN_FILE, "stances", "extra_stances"):
        return  # briefkit.yaml's stances have errors of their own: nothing to check against
    known = campaign.stances()
    for position, rel in zip(campaign.positions, lines.position_files):
        for stance in position.talking_points:
            if stance != "all" and stance not in known:
                problems.append(Problem(rel, lines.line(rel, ("talking_points", stance)),
                                        f"talking_points.{stance}: {stance!r} is not one of the campaign's stances",
                                        _stance_hint(stance, known)))


def _stance_hint(stance: str, known: dict) -> str:
    return (suggest(stance, known, "the campaign's stances")
            + f"; or declare it under `stances:` (or `extra_stances:`) in {CAMPAIGN_FILE}")


def _check_audiences(campaign: Campaign, problems: list[Problem]) -> None:
    lines = campaign.provenance
    position_ids = {p.id for p in campaign.positions}
    unread_ids, unread_files = lines.unread(layout.POSITIONS)
    stances = campaign.stances()
    stances_read = lines.intact(CAMPAIGN_FILE, "stances", "extra_stances")
    for audience in campaign.audiences.values():
        rel = lines.audience_file(audience.id)
        if audience.stance not in stances and stances_read and lines.intact(rel, "stance"):
            problems.append(Problem(rel, lines.line(rel, ("stance",)),
                                    f"stance: {audience.stance!r} is not one of the campaign's stances",
                                    _stance_hint(audience.stance, stances)))
        for i, pid in enumerate(audience.lead_with):
            if pid not in position_ids and pid not in unread_ids:
                hint = suggest(pid, position_ids | unread_ids, "known positions")
                if unread_files:
                    hint += (f"; or it is the id of {', '.join(unread_files)}, which could not be read: "
                             "fix the errors reported there first")
                problems.append(Problem(rel, lines.line(rel, ("lead_with", i)),
                                        f"lead_with names unknown position {pid!r}", hint))
        if audience.context:
            for i, sid in enumerate(audience.context.sources):
                known_source(campaign, sid, rel, lines.line(rel, ("context", "sources", i)), problems)


def known_source(campaign: Campaign, source_id: str, rel: str, line: int | None,
                  problems: list[Problem]) -> bool:
    if source_id in campaign.sources:
        return True
    if not campaign.provenance.all_read(SOURCES_FILE):
        return False  # the source may be in a file that failed to load; that is reported already
    problems.append(Problem(rel, line, f"unknown source {source_id!r}",
                            suggest(source_id, campaign.sources, "known sources")))
    return False




