"""`briefkit translate accept LANG [CONTEXT]...`: a person says these translations fit today's source.

After the English of a text changes, its translations are stale until
someone has looked at them. A translator does so in a catalogue (a reviewed
fuzzy entry, imported); a bilingual colleague may instead update the French
in the YAML, or judge that it still fits, and then accept it here: the
translation is recorded as made from today's source text. Without CONTEXT,
every stale or untracked translation of the language is accepted, and the
stored catalogue's left-over entries (texts the campaign no longer has) are
dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefkit.campaign.loader import load_campaign
from briefkit.errors import BriefkitError, suggest
from briefkit.translate.catalogue import check_language
from briefkit.translate.store import Changes, write_changes


@dataclass
class Accepted:
    language: str
    accepted: list[str] = field(default_factory=list)  # the contexts now recorded as current
    dropped: int = 0  # left-over catalogue entries removed
    written: list[str] = field(default_factory=list)


def accept_translations(root: Path, lang: str, contexts: list[str] | None = None) -> Accepted:
    """Record the translations of `lang` (all, or those of `contexts`) as made from today's source."""
    campaign = load_campaign(root)
    check_language(campaign, lang)
    state = campaign.translations
    mine = {t.context: t for t in state.translations.values() if t.lang == lang}
    for context in contexts or []:
        if context not in mine:
            raise BriefkitError(f"no {lang} translation of {context}",
                                hint=suggest(context, mine, "translations of it") if mine else
                                f"the campaign has no {lang} translations yet")
    chosen = [mine[c] for c in contexts] if contexts else [t for t in mine.values() if t.state != "current"]
    changes = Changes()
    for translation in chosen:
        if translation.state == "current":
            continue
        if translation.inline:
            changes.recorded[translation.context, lang] = translation.source
        else:
            changes.stored[translation.context, lang] = (translation.source, translation.text)
    result = Accepted(lang, [t.context for t in chosen if t.state != "current"])
    if not contexts:
        result.dropped = sum(1 for o in state.orphans if o.lang == lang)
        if result.dropped:
            changes.pruned.add(lang)
    if changes:
        result.written = write_changes(campaign, changes)
    return result
