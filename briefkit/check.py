"""Verify a loaded campaign: references resolve, sources are unchanged, every quote is found.

`verify` collects every problem before reporting, and returns the located
evidence (line and paragraph of each quote, fact and timeline entry) that
documents cite.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field

from briefkit import signoff
from briefkit.errors import Problem, ProblemsFound
from briefkit.loader import CAMPAIGN_FILE, SIGNATORIES_FILE, SOURCES_FILE
from briefkit.model import Campaign, Fact, Provenance
from briefkit.textmatch import Location, SourceText, normalise, word_diff

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass
class Verified:
    """A campaign that passed every check, with where each cited passage stands."""

    campaign: Campaign
    locations: dict[str, Location] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)


def verify(campaign: Campaign, accept: frozenset[str] = frozenset()) -> Verified:
    """Check everything that needs more than one file; raise ProblemsFound if anything fails.

    Sources named in `accept` are taken as they are now, whatever checksum was
    recorded: `briefkit accept` uses this to locate every quote again in a new
    version of a source before recording its checksum.
    """
    problems: list[Problem] = list(campaign.provenance.problems)
    lines = campaign.provenance
    texts = _check_sources(campaign, lines, problems, accept)
    verified = Verified(campaign)
    _check_ids(campaign, lines, problems)

    def locate(item_id: str, label: str, source_id: str, words: str, rel: str, loc: tuple,
               words_field: str) -> bool:
        """Find `words` in their source, recording where; report a problem if they are not there."""
        if not _known_source(campaign, source_id, rel, lines.line(rel, loc + ("source",)), problems):
            return False
        text = texts.get(source_id)
        if text is None:
            return False  # unreadable source, reported by _check_sources
        if found := text.find(words):
            verified.locations[item_id] = found
            return True
        problems.append(_not_found(campaign, label, source_id, words, rel,
                                   lines.line(rel, loc + (words_field,)), text.closest(words)))
        return False

    for position, rel in zip(campaign.positions, campaign.provenance.position_files):
        for index, quote in enumerate(position.quotes):
            locate(quote.id, f"quote {quote.id!r}", quote.source, quote.text, rel, ("quotes", index), "text")
        for index, fact in enumerate(position.facts):
            loc = ("facts", index)
            if locate(fact.id, f"evidence of fact {fact.id!r}", fact.source, fact.evidence, rel, loc,
                      "evidence"):
                _check_figures(fact, rel, lines.line(rel, loc + ("value",)), problems)
    for index, entry in enumerate(campaign.config.timeline):
        locate(f"timeline-{index}", f"evidence of timeline entry {entry.when!r}", entry.source,
               entry.evidence, CAMPAIGN_FILE, ("timeline", index), "evidence")

    _check_audiences(campaign, lines, problems)
    verified.warnings.extend(signoff.status(campaign).warnings())
    for signatory in campaign.signatories:
        if signatory.basis and signatory.basis not in campaign.sources and campaign.provenance.complete:
            problems.append(Problem(SIGNATORIES_FILE, signatory.row,
                                    f"basis {signatory.basis!r} is not a source id",
                                    "use an id from seeds/sources.yaml, or leave the cell empty"))
    if problems:
        raise ProblemsFound(problems)
    return verified


def _check_figures(fact: Fact, rel: str, line: int | None, problems: list[Problem]) -> None:
    """Every number the fact prints must stand in the passage it cites."""
    evidence_numbers = set(_NUMBER.findall(normalise(fact.evidence)))
    for figure in _NUMBER.findall(f"{fact.value} {fact.label}"):
        if figure not in evidence_numbers:
            problems.append(Problem(rel, line, f"fact {fact.id!r} states {figure!r}, which its evidence "
                                    "does not contain",
                                    "quote the passage of the source that gives this figure"))


def _check_sources(campaign: Campaign, lines: Provenance, problems: list[Problem],
                   accept: frozenset[str]) -> dict[str, SourceText]:
    texts: dict[str, SourceText] = {}
    for index, source in enumerate(campaign.sources.values()):
        path = campaign.root / "seeds" / source.file
        try:
            raw = path.read_bytes()
        except OSError:
            continue  # the loader reported the missing file
        digest = hashlib.sha256(raw).hexdigest()
        if digest != source.sha256 and source.id not in accept:
            citing = [q.id for _, q in campaign.quotes() if q.source == source.id]
            citing += [f.id for _, f in campaign.facts() if f.source == source.id]
            citing += [f"timeline {e.when!r}" for e in campaign.config.timeline if e.source == source.id]
            problems.append(Problem(
                SOURCES_FILE, lines.line(SOURCES_FILE, ("sources", index, "sha256")),
                f"source {source.id!r} (seeds/{source.file}) has changed since it was recorded; "
                f"cited by: {', '.join(citing) or 'nothing'}",
                f"run `briefkit accept {source.id}` to locate them in the new text and record it"))
        try:
            texts[source.id] = SourceText(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            problems.append(Problem(f"seeds/{source.file}", None, "source is not valid UTF-8 text",
                                    "save it as UTF-8"))
    return texts


def _check_ids(campaign: Campaign, lines: Provenance, problems: list[Problem]) -> None:
    """Position, quote and fact ids are unique across the campaign: documents cite them by id."""
    seen: dict[str, str] = {}
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


def _check_audiences(campaign: Campaign, lines: Provenance, problems: list[Problem]) -> None:
    position_ids = {p.id for p in campaign.positions}
    for audience in campaign.audiences.values():
        rel = f"audiences/{audience.id}.yaml"
        for i, pid in enumerate(audience.lead_with):
            if pid not in position_ids and campaign.provenance.complete:
                problems.append(Problem(rel, lines.line(rel, ("lead_with", i)),
                                        f"lead_with names unknown position {pid!r}",
                                        _closest_hint(pid, position_ids)))
        if audience.context:
            for i, sid in enumerate(audience.context.sources):
                _known_source(campaign, sid, rel, lines.line(rel, ("context", "sources", i)), problems)


def _known_source(campaign: Campaign, source_id: str, rel: str, line: int | None,
                  problems: list[Problem]) -> bool:
    if source_id in campaign.sources:
        return True
    if not campaign.provenance.complete:
        return False  # the source may be in a file that failed to load; that is reported already
    problems.append(Problem(rel, line, f"unknown source {source_id!r}",
                            _closest_hint(source_id, campaign.sources)))
    return False


def _closest_hint(name: str, known) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f"did you mean {close[0]!r}?" if close else "known: " + ", ".join(sorted(known))


def _not_found(campaign: Campaign, label: str, source_id: str, words: str, rel: str,
               line: int | None, closest: tuple | None) -> Problem:
    source = campaign.sources[source_id]
    message = f"{label} is not found verbatim in seeds/{source.file}"
    if closest:
        location, passage, _ratio = closest
        message += (f"; closest passage at line {location.line}: "
                    f"{word_diff(passage, normalise(words))}")
    return Problem(rel, line, message, "copy the words exactly as the source gives them "
                   "([-source-] {+yours+})")
