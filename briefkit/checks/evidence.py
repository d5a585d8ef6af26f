"""Verify a loaded campaign: references resolve, sources are unchanged, every quote is found.

`verify` collects every problem before reporting, and returns the located
evidence (line and paragraph of each quote, fact and timeline entry) that
documents cite.
"""

from __future__ import annotations

import hashlib
import re

from briefkit.campaign import layout, signoff
from briefkit.campaign.layout import CAMPAIGN_FILE, SIGNATORIES_FILE, SOURCES_FILE
from briefkit.campaign.loader import dotted
from briefkit.campaign.localtext import Resolver, local_fields
from briefkit.campaign.model import Audience, Campaign, Fact, Provenance
from briefkit.campaign.verified import Verified
from briefkit.errors import BriefkitError, Problem, ProblemsFound, suggest
from briefkit.fsutil import decode
from briefkit.render import i18n
from briefkit.sources.textmatch import SourceText, normalise, word_diff

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
                _check_figures(fact, rel, lines.line(rel, loc + ("value",)), problems,
                               campaign.config.settings.language)
    for index, entry in enumerate(campaign.config.timeline):
        locate(f"timeline-{index}", f"evidence of timeline entry {entry.when!r}", entry.source,
               entry.evidence, CAMPAIGN_FILE, ("timeline", index), "evidence")

    _check_audiences(campaign, lines, problems)
    _check_languages(campaign, lines, problems, verified.warnings)
    verified.warnings.extend(signoff.status(campaign).warnings())
    for signatory in campaign.signatories:
        if signatory.basis and signatory.basis not in campaign.sources and campaign.provenance.all_read(SOURCES_FILE):
            problems.append(Problem(SIGNATORIES_FILE, signatory.row,
                                    f"basis {signatory.basis!r} is not a source id",
                                    "use an id from seeds/sources.yaml, or leave the cell empty"))
    if problems:
        raise ProblemsFound(problems)
    return verified


def _check_figures(fact: Fact, rel: str, line: int | None, problems: list[Problem], language: str) -> None:
    """Every number the fact prints, in every language, must stand in the passage it cites.

    In a translation, a month written as a number in a CJK date (8月9日) is not a figure.
    """
    evidence_numbers = set(_NUMBER.findall(normalise(fact.evidence)))
    values = fact.value if isinstance(fact.value, dict) else {language: fact.value}
    labels = fact.label if isinstance(fact.label, dict) else {language: fact.label}
    for lang in sorted(set(values) | set(labels), key=lambda x: (x != language, x)):
        text = f"{values.get(lang, '')} {labels.get(lang, '')}"
        if lang != language:
            text = _CJK_MONTH.sub("", text)
        for figure in _NUMBER.findall(text):
            if figure not in evidence_numbers:
                where = "" if lang == language else f" in its {lang} text"
                problems.append(Problem(rel, line, f"fact {fact.id!r} states {figure!r}{where}, which its "
                                        "evidence does not contain",
                                        "quote the passage of the source that gives this figure"))


def _check_sources(campaign: Campaign, lines: Provenance, problems: list[Problem],
                   accept: frozenset[str]) -> dict[str, SourceText]:
    texts: dict[str, SourceText] = {}
    for index, source in enumerate(campaign.sources.values()):
        path = layout.seed(campaign.root, source.file)
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
                f"source {source.id!r} ({layout.seed_name(source.file)}) has changed since it was recorded; "
                f"cited by: {', '.join(citing) or 'nothing'}",
                f"run `briefkit accept {source.id}` to locate them in the new text and record it"))
        try:
            texts[source.id] = SourceText(decode(raw, layout.seed_name(source.file)))
        except BriefkitError as exc:
            problems.append(exc.as_problem())
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
        rel = campaign.provenance.audience_file(audience.id)
        for i, pid in enumerate(audience.lead_with):
            if pid not in position_ids and campaign.provenance.all_read(layout.POSITIONS):
                problems.append(Problem(rel, lines.line(rel, ("lead_with", i)),
                                        f"lead_with names unknown position {pid!r}",
                                        suggest(pid, position_ids, "known positions")))
        if audience.context:
            for i, sid in enumerate(audience.context.sources):
                _known_source(campaign, sid, rel, lines.line(rel, ("context", "sources", i)), problems)


def _check_languages(campaign: Campaign, lines: Provenance, problems: list[Problem],
                     warnings: list[Problem]) -> None:
    """Every language is one Babel knows, and every text a document prints exists in its language.

    Text is needed in a language when an audience reads it: the campaign's and
    positions' words (talking points only for the stances of the audiences that
    read that language, the default addressee only if one of them has none of
    its own), and each audience's own words in its own languages. A fallback
    language, when the campaign allows one, stands in for a missing text.
    """
    settings = campaign.config.settings
    readers: dict[str, list[Audience]] = {}
    for audience in campaign.audiences.values():
        rel = campaign.provenance.audience_file(audience.id)
        for index, lang in enumerate(campaign.languages_of(audience)):
            loc = ("languages", index) if audience.languages else ("language",)
            if not i18n.known(lang):
                problems.append(Problem(rel, lines.line(rel, loc), f"language {lang!r} is not a language "
                                        "code briefkit knows", "use a code such as en, fr, es, ru, ar or zh"))
                continue
            if not i18n.has_catalogue(lang):
                warnings.append(Problem(rel, lines.line(rel, loc), f"briefkit has no labels in {lang!r}: "
                                        "headings and other labels will be in English",
                                        "add a catalogue (see README, Languages)", severity="warning"))
            readers.setdefault(lang, []).append(audience)
    for name, fallback in _fallbacks(settings.fallback_language):
        if not i18n.known(fallback):
            problems.append(Problem(CAMPAIGN_FILE, lines.line(CAMPAIGN_FILE, ("settings", "fallback_language", *name)),
                                    f"fallback_language: {fallback!r} is not a language code briefkit knows"))

    for lang, audiences in sorted(readers.items()):
        resolver = Resolver(lang, settings.language, settings.fallback_for(lang))
        stances = {a.stance for a in audiences}
        default_used = any(a.addressee is None or a.salutation is None for a in audiences)
        who = ", ".join(a.id for a in audiences)
        for loc, value in local_fields(campaign.config):
            if loc[0] != "default_addressee" or default_used:
                _need(resolver, value, CAMPAIGN_FILE, loc, lines, problems, who)
        for position, rel in zip(campaign.positions, campaign.provenance.position_files):
            for loc, value in local_fields(position):
                if loc[0] != "talking_points" or loc[1] in ("all", *stances):
                    _need(resolver, value, rel, loc, lines, problems, who)
    for audience in campaign.audiences.values():
        languages = [lang for lang in campaign.languages_of(audience) if lang in readers]
        for lang in languages:
            resolver = Resolver(lang, campaign.languages_of(audience)[0], settings.fallback_for(lang))
            for loc, value in local_fields(audience):
                _need(resolver, value, campaign.provenance.audience_file(audience.id), loc, lines, problems,
                      audience.id)


def _fallbacks(setting) -> list[tuple[tuple, str]]:
    if isinstance(setting, dict):
        return [((lang,), fallback) for lang, fallback in setting.items()]
    return [((), setting)] if setting else []


def _need(resolver: Resolver, value, rel: str, loc: tuple, lines: Provenance, problems: list[Problem],
          who: str) -> None:
    """A problem naming file, line, field and language when `value` has no text in the resolver's language."""
    if resolver.available(value):
        return
    lang = resolver.language
    message = f'{dotted(loc)}: no "{lang}" text'
    if resolver.fallback:
        message += f' (nor "{resolver.fallback}", the fallback)'
    shape = (f"write it as {{{resolver.plain}: …, {lang}: …}}" if isinstance(value, str)
             else f"add {lang}: …")
    hint = f"{shape} ({who} read{'s' if ',' not in who else ''} {lang})"
    problems.append(Problem(rel, lines.line(rel, loc), message,
                            hint + ("" if resolver.fallback else ", or allow a fallback (settings.fallback_language)")))


def _known_source(campaign: Campaign, source_id: str, rel: str, line: int | None,
                  problems: list[Problem]) -> bool:
    if source_id in campaign.sources:
        return True
    if not campaign.provenance.all_read(SOURCES_FILE):
        return False  # the source may be in a file that failed to load; that is reported already
    problems.append(Problem(rel, line, f"unknown source {source_id!r}",
                            suggest(source_id, campaign.sources, "known sources")))
    return False




def _not_found(campaign: Campaign, label: str, source_id: str, words: str, rel: str,
               line: int | None, closest: tuple | None) -> Problem:
    source = campaign.sources[source_id]
    message = f"{label} is not found verbatim in {layout.seed_name(source.file)}"
    if closest:
        location, passage, _ratio = closest
        message += (f"; closest passage at line {location.line}: "
                    f"{word_diff(passage, normalise(words))}")
    return Problem(rel, line, message, "copy the words exactly as the source gives them "
                   "([-source-] {+yours+})")
