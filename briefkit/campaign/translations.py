"""Translations over the campaign's text: the stored catalogues read as an overlay, and what each was made from.

Two places hold translations. Text written inline in the YAML (`{en: …, fr:
…}`) is the developer's; translations/<lang>.po holds what translators sent
back (`briefkit translate import`), and wins over the inline text of the same
field. Each stored entry's msgid *is* the source text it was translated
from. For inline translations, translations/inline.json records the source
text each was made from (`briefkit translate accept`, export and import
write it). Comparing either with the source text of today tells whether a
translation is current or stale (campaign/tracking.py).

Loading applies the overlay to the models (a field with a catalogue
translation, or a stale one, becomes a `Texts` mapping that knows its stale
languages) and records every translation's state in `Campaign.translations`.
Nothing is written here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from briefkit.campaign import layout
from briefkit.campaign.fields import check_text, is_language
from briefkit.campaign.layout import INLINE_RECORD, TEMPLATES, TRANSLATIONS
from briefkit.campaign.model import Campaign
from briefkit.campaign.pofiles import Entry, read_catalogue
from briefkit.campaign.texts import CampaignText, campaign_texts
from briefkit.campaign.tracking import Orphan, Texts, Translation, TranslationState
from briefkit.campaign.yamlio import Loc
from briefkit.errors import BriefkitError, Problem
from briefkit.filerule import CATALOGUE, present, read_campaign_file, read_campaign_text

RECORD_VERSION = 1
LABELS = TEMPLATES + "/"  # contexts of the labels of the campaign's own templates start so


def apply_translations(campaign: Campaign, problems: list[Problem]) -> Campaign:
    """The campaign with its stored translations laid over its text, and every translation's state.

    A catalogue or record that cannot be read is a problem (appended to `problems`);
    the campaign is then taken without it.
    """
    root = campaign.root
    main = campaign.config.settings.language
    state = TranslationState(tracking=(root / TRANSLATIONS).is_dir())
    texts = {text.context: text for text in campaign_texts(campaign)}
    record = read_record(root, main, problems)
    lines = campaign.provenance
    for text in texts.values():
        for lang, words in text.translations(main).items():
            line = lines.line(text.path, text.loc + (lang,))
            state.translations[text.context, lang] = Translation(
                text.context, lang, words, text.source, record.get(text.context, {}).get(lang), text.path, line)
    for lang, (path, entries) in read_stores(root, problems).items():
        for entry in entries:
            if entry.context and entry.context.startswith(LABELS):
                state.labels.setdefault(lang, {})[entry.msgid] = entry.msgstr
                continue
            text = texts.get(entry.context or "")
            if text is None:
                state.orphans.append(Orphan(path, entry.line, entry.context or "", lang))
                continue
            state.translations[text.context, lang] = Translation(
                text.context, lang, entry.msgstr, text.source, entry.msgid, path, entry.line)
    return _overlaid(campaign, texts, state)


def read_record(root: Path, main: str, problems: list[Problem]) -> dict[str, dict[str, str]]:
    """translations/inline.json as {context: {language: the source text it was made from}}."""
    path = root / INLINE_RECORD
    if not present(path):
        return {}
    try:
        data = json.loads(read_campaign_text(root, path, CATALOGUE, INLINE_RECORD))
    except BriefkitError as exc:
        problems.append(exc.as_problem())
        return {}
    except json.JSONDecodeError as exc:
        problems.append(Problem(INLINE_RECORD, exc.lineno, f"not valid JSON: {exc.msg}",
                                "restore it from version control, or delete it and run "
                                "`briefkit translate accept LANG` for each language that is up to date"))
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("made_from"), dict):
        problems.append(Problem(INLINE_RECORD, 1, "expected {\"made_from\": {…}}, as briefkit writes it",
                                "restore it from version control"))
        return {}
    if data.get("source_language", main) != main:
        return {}  # made from texts in another language than the campaign's of today: none applies
    record: dict[str, dict[str, str]] = {}
    for context, versions in data["made_from"].items():
        if not isinstance(versions, dict):
            continue
        for source, languages in versions.items():
            for lang in languages if isinstance(languages, list) else []:
                record.setdefault(context, {})[lang] = source
    return record


def read_stores(root: Path, problems: list[Problem]) -> dict[str, tuple[str, list[Entry]]]:
    """Each stored catalogue's language, its path and its translated entries (fuzzy and empty ones left out)."""
    folder = root / TRANSLATIONS
    stores: dict[str, tuple[str, list[Entry]]] = {}
    if not folder.is_dir():
        return stores
    for path in sorted(folder.glob("*.po")):
        rel = layout.relative(root, path)
        lang = path.stem
        if not is_language(lang):
            problems.append(Problem(rel, None, f"{path.name} is not named for a language",
                                    "name each catalogue after its language: fr.po, es.po"))
            continue
        try:
            catalogue = read_catalogue(read_campaign_file(root, path, CATALOGUE, rel), rel)
        except BriefkitError as exc:
            problems.append(exc.as_problem())
            continue
        if catalogue.language and catalogue.language.split("_")[0] != lang:
            problems.append(Problem(rel, 1, f"the catalogue's Language header says {catalogue.language!r}, "
                                    f"its name says {lang!r}", "rename the file or correct the header"))
            continue
        entries = []
        for entry in catalogue.entries:
            if entry.fuzzy or not entry.msgstr:
                continue
            try:
                check_text(entry.msgstr)
            except ValueError as exc:
                problems.append(Problem(rel, entry.line, f"the translation of {entry.context}: {exc}"))
                continue
            entries.append(entry)
        stores[lang] = (rel, entries)
    return stores


def _overlaid(campaign: Campaign, texts: dict[str, CampaignText], state: TranslationState) -> Campaign:
    """The campaign's models with catalogue translations added and stale languages marked."""
    main = campaign.config.settings.language
    by_context: dict[str, dict[str, Translation]] = {}
    for (context, lang), translation in state.translations.items():
        by_context.setdefault(context, {})[lang] = translation
    config = campaign.config
    positions = {path: p for p, path in zip(campaign.positions, campaign.provenance.position_files)}
    audiences = {campaign.provenance.audience_file(a.id): a for a in campaign.audiences.values()}
    for context, found in by_context.items():
        text = texts[context]
        stale = frozenset(lang for lang, t in found.items() if t.state == "stale")
        stored = {lang: t.text for lang, t in found.items() if not t.inline}
        if not stale and not stored:
            continue
        base = dict(text.value) if text.quote else dict(_as_texts(text, main))
        value = Texts({**base, **stored}, stale)
        if text.path == layout.CAMPAIGN_FILE:
            config = _replace_at(config, text.loc, value)
        elif text.path in positions:
            positions[text.path] = _replace_at(positions[text.path], text.loc, value)
        elif text.path in audiences:
            audiences[text.path] = _replace_at(audiences[text.path], text.loc, value)
    return campaign.model_copy(update={
        "config": config, "positions": list(positions.values()),
        "audiences": {a.id: a for a in audiences.values()}, "translations": state})


def _as_texts(text: CampaignText, main: str) -> dict[str, str]:
    if isinstance(text.value, dict):
        return text.value
    return {text.plain: text.value}


def _replace_at(node: Any, loc: Loc, value: Any) -> Any:
    """A copy of `node` (models, lists and mappings) with the value at `loc` replaced."""
    if not loc:
        return value
    head, rest = loc[0], loc[1:]
    if isinstance(node, BaseModel):
        names = {(f.alias or name): name for name, f in type(node).model_fields.items()}
        name = names[head]
        return node.model_copy(update={name: _replace_at(getattr(node, name), rest, value)})
    if isinstance(node, list):
        copy = list(node)
        copy[head] = _replace_at(node[head], rest, value)
        return copy
    copy = dict(node)
    copy[head] = _replace_at(node[head], rest, value)
    return copy
