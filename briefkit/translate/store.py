"""Writing what the campaign keeps of its translations: translations/<lang>.po and translations/inline.json.

Only `translate import`, `translate accept` and the first `translate export`
write here, each through one call that compares the new bytes with the old:
a file whose contents would not change is not touched, so an import that
changes nothing writes nothing. Each file is written whole or not at all
(fsutil.atomic_write).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from briefkit.campaign.layout import INLINE_RECORD, translation_file
from briefkit.campaign.localtext import shown
from briefkit.campaign.model import Campaign
from briefkit.campaign.texts import campaign_texts
from briefkit.campaign.translations import RECORD_VERSION, read_record
from briefkit.errors import Problem, ProblemsFound
from briefkit.fsutil import atomic_write
from briefkit.translate.catalogue import Catalogue, Message, campaign_id, stored_header
from briefkit.translate.labels import campaign_labels
from briefkit.translate.po import po_bytes

RECORD_ABOUT = ("Written by briefkit: the text in the campaign's language that each translation written "
                "inline in the YAML was made from (briefkit translate accept LANG records it). When that "
                "text changes, briefkit check reports the translation as stale.")


@dataclass
class Changes:
    """What a command decided to record, before anything is written."""

    # (context, language) -> (the source text it was made from, the translation): for the catalogue
    stored: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    # (context, language) -> the source text the inline translation was made from
    recorded: dict[tuple[str, str], str] = field(default_factory=dict)
    # (label, language) -> its translation, for the labels of the campaign's templates
    labels: dict[tuple[str, str], str] = field(default_factory=dict)
    # languages whose left-over catalogue entries (texts the campaign no longer has) are dropped
    pruned: set[str] = field(default_factory=set)
    header: dict[str, dict[str, str | None]] = field(default_factory=dict)  # language -> translator, team, date

    def __bool__(self) -> bool:
        return bool(self.stored or self.recorded or self.labels or self.pruned)


def write_changes(campaign: Campaign, changes: Changes) -> list[str]:
    """Write the catalogues and the record the changes touch; return the files that changed."""
    written = []
    languages = {lang for _, lang in [*changes.stored, *changes.labels]} | changes.pruned
    for lang in sorted(languages):
        if _write_if_changed(campaign.root / translation_file(lang), _store_bytes(campaign, lang, changes)):
            written.append(translation_file(lang))
    if changes.recorded and _write_if_changed(campaign.root / INLINE_RECORD, _record_bytes(campaign, changes)):
        written.append(INLINE_RECORD)
    return written


def _store_bytes(campaign: Campaign, lang: str, changes: Changes) -> bytes | None:
    """The catalogue of `lang` as it will be: what it holds, with the changes, in campaign order."""
    entries: dict[str, tuple[str, str]] = {}
    for (context, other), translation in campaign.translations.translations.items():
        if other == lang and not translation.inline:
            entries[context] = (translation.made_from or translation.source, translation.text)
    entries.update({context: value for (context, other), value in changes.stored.items() if other == lang})
    order = [text.context for text in campaign_texts(campaign)]
    messages = tuple(Message(context, entries[context][0], entries[context][1], None, (), ())
                     for context in order if context in entries)
    labels = {**campaign.translations.labels.get(lang, {}),
              **{msgid: text for (msgid, other), text in changes.labels.items() if other == lang}}
    messages += tuple(Message(label.context, label.msgid, labels[label.msgid], None, (), ())
                      for label in campaign_labels(campaign) if label.msgid in labels)
    if not messages:
        return None
    config = campaign.config
    main = config.settings.language
    header = changes.header.get(lang, {})
    stored = _existing_header(campaign, lang)
    catalogue = Catalogue(campaign_id(campaign), shown(config.title, main), shown(config.coalition, main),
                          config.date.isoformat() if config.date else "draft", main, lang, messages,
                          header.get("last_translator") or stored.get("last_translator"),
                          header.get("language_team") or stored.get("language_team"),
                          header.get("revision_date") or stored.get("revision_date"))
    return po_bytes(catalogue, stored=True)


def _record_bytes(campaign: Campaign, changes: Changes) -> bytes:
    """translations/inline.json as it will be: every inline translation's recorded source, in campaign order."""
    main = campaign.config.settings.language
    record = read_record(campaign.root, main, [])
    for (context, lang), source in changes.recorded.items():
        record.setdefault(context, {})[lang] = source
    made_from: dict[str, dict[str, list[str]]] = {}
    for text in campaign_texts(campaign):
        inline = text.translations(main)
        versions: dict[str, list[str]] = {}
        for lang in sorted(record.get(text.context, {})):
            if lang in inline:
                versions.setdefault(record[text.context][lang], []).append(lang)
        if versions:
            made_from[text.context] = versions
    # One line per text, so that a change to one shows as one line in version control.
    lines = [f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}," for key, value in
             (("about", RECORD_ABOUT), ("version", RECORD_VERSION), ("source_language", main))]
    texts = [f"    {json.dumps(context, ensure_ascii=False)}: {json.dumps(versions, ensure_ascii=False)}"
             for context, versions in made_from.items()]
    body = ",\n".join(texts)
    return ("{\n" + "\n".join(lines) + '\n  "made_from": {' + (f"\n{body}\n  " if texts else "") + "}\n}\n").encode()


def _write_if_changed(path: Path, data: bytes | None) -> bool:
    """Write `data` to `path` (or remove it, for None) unless it already holds exactly that."""
    if data is None:
        if path.is_file():
            path.unlink()
            return True
        return False
    if path.is_file() and path.read_bytes() == data:
        return False
    try:
        atomic_write(path, lambda tmp: tmp.write_bytes(data))
    except OSError as exc:
        raise ProblemsFound([Problem(str(path), None, f"cannot write: {exc.strerror or exc}")]) from exc
    return True


def _existing_header(campaign: Campaign, lang: str) -> dict[str, str | None]:
    stored = stored_header(campaign, lang)
    if stored is None:
        return {}
    return {"last_translator": stored.last_translator, "language_team": stored.language_team,
            "revision_date": stored.revision_date}
