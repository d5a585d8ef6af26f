"""Verify a loaded campaign: sources are unchanged, every quote and figure is found in its source.

`verify` runs every check that needs more than one file (this module's, and
those of references.py and languages.py), collects every problem before
reporting, and returns the located evidence (line and paragraph of each
quote, fact and timeline entry) that documents cite.
"""

from __future__ import annotations

import hashlib
import re

from briefkit.campaign import layout, signoff
from briefkit.campaign.layout import CAMPAIGN_FILE, SOURCES_FILE
from briefkit.campaign.model import Campaign, Provenance
from briefkit.campaign.verified import Verified
from briefkit.checks.figures import check_figures
from briefkit.checks.languages import check_languages
from briefkit.checks.quotes import QuoteChecks
from briefkit.checks.references import check_ids, check_references, known_source
from briefkit.checks.signatories import check_signatories
from briefkit.errors import BriefkitError, Problem, ProblemsFound
from briefkit.filerule import SEED, present, read_campaign_file
from briefkit.fsutil import decode
from briefkit.sources.textmatch import Location, SourceText, normalise, word_diff

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_CJK_MONTH = re.compile(r"\d{1,2}(?=月)")


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
    check_ids(campaign, problems)

    quotes = QuoteChecks(campaign, texts)

    def locate(item_id: str, label: str, source_id: str, words: str, rel: str, loc: tuple,
               words_field: str) -> Location | None:
        """Find `words` in their source, recording where; report a problem if they are not there."""
        if not known_source(campaign, source_id, rel, lines.line(rel, loc + ("source",)), problems):
            return None
        text = texts.get(source_id)
        if text is None:
            return None  # unreadable source, reported by _check_sources
        if found := text.find(words):
            verified.locations[item_id] = found
            return found
        problems.append(_not_found(campaign, label, source_id, words, rel, lines.line(rel, loc + (words_field,)),
                                   text.closest(words), quotes.elsewhere(words, source_id)))
        return None

    settings = campaign.config.settings
    for position, rel in zip(campaign.positions, campaign.provenance.position_files):
        for index, quote in enumerate(position.quotes):
            loc = ("quotes", index)
            if found := locate(quote.id, f"quote {quote.id!r}", quote.source, quote.text, rel, loc, "text"):
                quotes.check(quote, found, rel, lines.line(rel, loc + ("speaker",)), lines.line(rel, loc + ("text",)),
                             problems, verified.warnings)
        for index, fact in enumerate(position.facts):
            loc = ("facts", index)
            if locate(fact.id, f"evidence of fact {fact.id!r}", fact.source, fact.evidence, rel, loc, "evidence"):
                language = fact.language or campaign.sources[fact.source].language or settings.language
                check_figures(fact, language, settings.language, rel, lines.line(rel, loc + ("value",)),
                              problems, verified.warnings)
    for index, entry in enumerate(campaign.config.timeline):
        locate(f"timeline-{index}", f"evidence of timeline entry {entry.when!r}", entry.source,
               entry.evidence, CAMPAIGN_FILE, ("timeline", index), "evidence")

    check_references(campaign, problems)
    check_signatories(campaign.signatories, problems, verified.warnings)
    check_languages(campaign, problems, verified.warnings)
    verified.warnings.extend(signoff.status(campaign).warnings())
    if problems:
        raise ProblemsFound(problems)
    return verified


def _check_sources(campaign: Campaign, lines: Provenance, problems: list[Problem],
                   accept: frozenset[str]) -> dict[str, SourceText]:
    texts: dict[str, SourceText] = {}
    for index, source in enumerate(campaign.sources.values()):
        path = layout.seed(campaign.root, source.file)
        if not present(path):
            continue  # the loader reported the missing file
        try:
            raw = read_campaign_file(campaign.root, path, SEED, layout.seed_name(source.file))
        except BriefkitError as exc:  # a link out of the campaign, a FIFO, a folder: the file rule's words
            problems.append(exc.as_problem())
            continue
        digest = hashlib.sha256(raw).hexdigest()
        if digest != source.sha256 and source.id not in accept:
            citing = [q.id for _, q in campaign.quotes() if q.source == source.id]
            citing += [f.id for _, f in campaign.facts() if f.source == source.id]
            citing += [f"timeline {e.when!r}" for e in campaign.config.timeline if e.source == source.id]
            problems.append(Problem(
                SOURCES_FILE, lines.line(SOURCES_FILE, ("sources", index, "sha256")),
                f"source {source.id!r} ({layout.seed_name(source.file)}) has changed since it was recorded; "
                f"cited by: {', '.join(citing) or 'nothing'}",
                f"run `briefkit accept {source.id}` to locate them in the new text and record it"))
        try:
            texts[source.id] = SourceText(decode(raw, layout.seed_name(source.file)))
        except BriefkitError as exc:
            problems.append(exc.as_problem())
    return texts


def _not_found(campaign: Campaign, label: str, source_id: str, words: str, rel: str, line: int | None,
               closest: tuple | None, elsewhere: tuple[str, Location] | None) -> Problem:
    source = campaign.sources[source_id]
    message = f"{label} is not found verbatim in {layout.seed_name(source.file)}"
    if elsewhere is not None:
        other, found = elsewhere
        return Problem(rel, line, f"{message}; these words stand verbatim in "
                       f"{layout.seed_name(campaign.sources[other].file)}, line {found.line}",
                       f"cite source {other!r} (source: {other})")
    if closest:
        location, passage, _ratio = closest
        message += (f"; closest passage at line {location.line}: "
                    f"{word_diff(passage, normalise(words))}")
    return Problem(rel, line, message, "copy the words exactly as the source gives them "
                   "([-source-] {+yours+})")
