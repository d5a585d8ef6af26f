"""`briefkit translate import FILE`: a translated catalogue taken back into the campaign, all or nothing.

Everything is checked before anything is written, and every problem is
reported with the catalogue's file and line: the catalogue must be for this
campaign and a language it can hold; each translated entry must name a text
the campaign still has (its msgctxt), translate a source text the campaign
knows (today's, or the one its current translation was made from); keep the
quotes, names, addresses and placeholders of its source; and hold only
characters documents can print. A quote's own words are never translatable.

Then, for each entry that changes something: a translation that differs
from the campaign's goes into translations/<lang>.po (msgid: the source it
was made from); one that confirms an inline translation as it stands, for
today's source, only records that source in translations/inline.json.
Entries left fuzzy or empty are not taken: they are the translator's work in
progress. An import that changes nothing writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefkit.campaign.fields import check_text
from briefkit.campaign.loader import load_campaign
from briefkit.campaign.model import Campaign
from briefkit.campaign.pofiles import MAX_BYTES, Entry, PoCatalogue, read_catalogue
from briefkit.campaign.texts import campaign_texts
from briefkit.campaign.translations import LABELS
from briefkit.campaign.yamlio import parse_dotted
from briefkit.checks.translations import short_diff
from briefkit.errors import BriefkitError, Problem, ProblemsFound
from briefkit.fsutil import read_bytes
from briefkit.translate.catalogue import campaign_id, check_language
from briefkit.translate.labels import labels_for
from briefkit.translate.markers import lost_markers, verbatim_of
from briefkit.translate.store import Changes, write_changes
from briefkit.translate.xliff import read_xliff

XLIFF_SUFFIXES = (".xlf", ".xliff")
_VERBATIM_FIELDS = {"text": "a quote's words", "evidence": "the passage of a source that gives a figure"}


@dataclass
class Imported:
    """What an import took in, and what it left for the translator to finish."""

    language: str
    changed: int = 0  # translations new or different
    confirmed: int = 0  # inline translations confirmed as translating today's source
    unchanged: int = 0
    fuzzy: int = 0  # left for review
    untranslated: int = 0
    written: list[str] = field(default_factory=list)


def import_catalogue(root: Path, file: Path) -> Imported:
    """Check a translated catalogue against the campaign, then take it in; ProblemsFound if anything is wrong."""
    campaign = load_campaign(root)
    display = str(file)
    raw = read_bytes(file, display, MAX_BYTES, "send one language's catalogue at a time")
    xliff = file.suffix.lower() in XLIFF_SUFFIXES or raw.lstrip().startswith(b"<")
    catalogue = read_xliff(raw, display) if xliff else read_catalogue(raw, display)
    lang = _language(campaign, catalogue, display)
    changes, result, problems = _check(campaign, catalogue, lang, display)
    if problems:
        raise ProblemsFound(problems)
    changes.header[lang] = {"last_translator": catalogue.last_translator,
                            "language_team": catalogue.language_team, "revision_date": catalogue.revision_date}
    if changes:
        result.written = write_changes(campaign, changes)
    return result


def _language(campaign: Campaign, catalogue: PoCatalogue, display: str) -> str:
    """The catalogue's language, once it is shown to be for this campaign and a language it can hold."""
    expected = campaign_id(campaign)
    if catalogue.project != expected:
        raise BriefkitError(f"this catalogue is for the campaign {catalogue.project or '(none named)'!r}, not "
                            f"{expected!r}", path=display, line=1,
                            hint="import it into the campaign it was exported from; its Project-Id-Version "
                                 "(XLIFF: product-name) names that campaign")
    if not catalogue.language:
        raise BriefkitError("the catalogue does not say its language", path=display, line=1,
                            hint="set its Language header (XLIFF: target-language), as the export wrote it")
    lang = catalogue.language.replace("-", "_").split("_")[0].lower()
    try:
        check_language(campaign, lang)
    except BriefkitError as exc:
        raise BriefkitError(exc.message, path=display, line=1, hint=exc.hint) from exc
    return lang


def _check(campaign: Campaign, catalogue: PoCatalogue, lang: str,
           display: str) -> tuple[Changes, Imported, list[Problem]]:
    texts = {text.context: text for text in campaign_texts(campaign)}
    state = campaign.translations
    verbatim = verbatim_of(campaign)
    labels = {label.msgid for label in labels_for(campaign, lang)}
    changes, result, problems = Changes(), Imported(lang), []
    seen: dict[str, int | None] = {}
    for entry in catalogue.entries:
        if not entry.msgstr:
            result.untranslated += 1
            continue
        if entry.fuzzy:
            result.fuzzy += 1
            continue
        if entry.context and entry.context.startswith(LABELS):
            _label(entry, labels, state.labels.get(lang, {}), lang, display, changes, result, problems)
            continue
        if (problem := _entry_problem(entry, texts, seen, display)) is not None:
            problems.append(problem)
            continue
        seen[entry.context] = entry.line
        text = texts[entry.context]
        current = state.of(entry.context, lang)
        known = {text.source} | ({current.made_from} if current and current.made_from else set())
        if entry.msgid not in known:
            problems.append(Problem(display, entry.line, f"{entry.context}: this translates a text the campaign "
                                    f"no longer has: {short_diff(entry.msgid, text.source)}",
                                    f"the text changed after the catalogue was exported: export {lang} again "
                                    "and merge the translator's work into it (msgmerge THEIRS.po NEW.po)"))
            continue
        try:
            check_text(entry.msgstr)
        except ValueError as exc:
            problems.append(Problem(display, entry.line, f"{entry.context}: the translation {exc}"))
            continue
        if lost := lost_markers(text.source, entry.msgstr, verbatim):
            problems.append(Problem(display, entry.line, f"{entry.context}: the translation must keep "
                                    + "; ".join(f"«{m}»" for m in lost) + " exactly as the source has it",
                                    "a quote stays in its own words, and names, addresses and placeholders "
                                    "are never translated"))
            continue
        if current is not None and current.text == entry.msgstr:
            if current.made_from == entry.msgid:
                result.unchanged += 1
                continue
            result.confirmed += 1  # the same words, now said to translate this source
            if current.inline:
                changes.recorded[entry.context, lang] = entry.msgid
                continue
        else:
            result.changed += 1
        changes.stored[entry.context, lang] = (entry.msgid, entry.msgstr)
    if changes.stored and state.orphans:
        changes.pruned |= {o.lang for o in state.orphans if o.lang == lang}
    return changes, result, problems


def _label(entry: Entry, labels: set[str], current: dict[str, str], lang: str, display: str,
           changes: Changes, result: Imported, problems: list[Problem]) -> None:
    """A label of the campaign's templates: one they still use, its placeholders kept."""
    if entry.msgid not in labels:
        problems.append(Problem(display, entry.line, f"{entry.context}: no template of the campaign uses the "
                                f"label {entry.msgid[:60]!r} (any more)", f"export {lang} again"))
    elif lost := lost_markers(entry.msgid, entry.msgstr):
        problems.append(Problem(display, entry.line, f"{entry.context}: the translation of the label must keep "
                                + "; ".join(f"«{m}»" for m in lost) + " exactly as it is",
                                "a placeholder is filled in when the document is printed"))
    elif current.get(entry.msgid) == entry.msgstr:
        result.unchanged += 1
    else:
        changes.labels[entry.msgid, lang] = entry.msgstr
        result.changed += 1


def _entry_problem(entry: Entry, texts: dict, seen: dict[str, int | None], display: str) -> Problem | None:
    """Why a translated entry cannot be taken at all, if it cannot: no context, one the campaign does
    not have (or a quote's words), a plural, or a second translation of the same text."""
    if not entry.context:
        return Problem(display, entry.line, f"the translation of {entry.msgid[:60]!r} has no msgctxt, so "
                       "briefkit cannot tell which text it translates",
                       "translate the catalogue briefkit exported; keep each entry's msgctxt as it is")
    if entry.plural:
        return Problem(display, entry.line, f"{entry.context}: campaign text has no plural forms",
                       "translate the catalogue briefkit exported")
    if entry.context in seen:
        return Problem(display, entry.line, f"{entry.context} is translated twice in this catalogue "
                       f"(first at line {seen[entry.context]})", "keep one of the two")
    if entry.context not in texts:
        path, _, field = entry.context.partition(":")
        loc = parse_dotted(field) or ()
        last = loc[-1] if loc else None
        if last in _VERBATIM_FIELDS and "quotes" in loc or last == "evidence":
            return Problem(display, entry.line, f"{entry.context} is {_VERBATIM_FIELDS[last]}: it stays "
                           "verbatim, in the language of its source, and cannot be translated",
                           "a quote's unofficial translation goes in its `translations` (the catalogue's "
                           f"{path}:{field.rsplit('.', 1)[0]}.translations)")
        return Problem(display, entry.line, f"{entry.context}: the campaign has no such text (any more)",
                       "the field was removed or its file renamed since the export: export the language "
                       "again and move the translation over")
    return None
