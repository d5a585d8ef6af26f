"""Compose one document: campaign data + layered template -> checked semantic HTML.

This is the single intermediate of the pipeline. Everything a writer needs
(the words, the page geometry, the metadata) is in the HTML it returns, so
the PDF and the DOCX cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import lxml.html
from babel.dates import format_date
from lxml import etree

from briefkit.campaign import layout
from briefkit.campaign.fields import XML_FORBIDDEN
from briefkit.campaign.model import (
    KINDS,
    Audience,
)
from briefkit.campaign.signoff import confirmed_signatories
from briefkit.campaign.verified import Verified
from briefkit.errors import BriefkitError, TemplateProblem
from briefkit.filerule import IMAGE, STYLESHEET, TEMPLATE, check_campaign_path
from briefkit.render import fit, i18n, vocabulary
from briefkit.render.document import Document
from briefkit.render.passages import PART_LABELS, Marked, mark_passages
from briefkit.render.scripts import join_scripts
from briefkit.render.localized import (AudienceView, Localized, Reference, audience_view, localized,
                                       stance_view)
from briefkit.render.templating import TemplateLayers
from briefkit.sources.textmatch import Location


class Composer:
    """Composes documents for a verified campaign; one instance serves every audience and language."""

    def __init__(self, verified: Verified, confirmed_only: bool = False, clean: bool = False) -> None:
        self.verified = verified
        campaign = verified.campaign
        self.campaign = campaign
        # With confirmed_only, documents list only organisations that confirmed the current text.
        self.signatories = confirmed_signatories(campaign) if confirmed_only else campaign.signatories
        self.clean = clean  # amendments as consolidated proposed text, not a redline
        self.sources = list(campaign.sources.values())
        self.source_number = {s.id: i for i, s in enumerate(self.sources, 1)}
        self.refs = {item_id: self._ref(source_id, verified.locations[item_id])
                     for item_id, source_id in self._cited_items()}
        self._layers: dict[tuple[str | None, str], TemplateLayers] = {}
        self._localized: dict[str, Localized] = {}

    def _cited_items(self) -> list[tuple[str, str]]:
        items = [(q.id, q.source) for _, q in self.campaign.quotes()]
        items += [(f.id, f.source) for _, f in self.campaign.facts()]
        items += [(f"timeline-{i}", e.source) for i, e in enumerate(self.campaign.config.timeline)]
        return items

    def _ref(self, source_id: str, location: Location | None = None) -> Reference:
        source, number = self.campaign.sources[source_id], self.source_number[source_id]
        if location is None:
            return Reference(source, number)
        return Reference(source, number, location.line, location.paragraph)

    def languages(self, audience_id: str) -> list[str]:
        return self.campaign.languages_of(self.campaign.audiences[audience_id])

    def compose(self, kind: str, audience_id: str, audience_layer: bool = True,
                lang: str | None = None, fit_steps: tuple[str, ...] = ()) -> Document:
        """Compose one document, in `lang` (default: the audience's first language); without
        `audience_layer`, as if the audience had no template overrides; with `fit_steps`
        (render/fit.py), made to take less room."""
        if kind not in KINDS:
            raise BriefkitError(f"unknown kind {kind!r}", hint="choose from " + ", ".join(KINDS))
        campaign = self.campaign
        audience = campaign.audiences[audience_id]
        languages = campaign.languages_of(audience)
        lang = lang or languages[0]
        if lang not in languages:
            raise BriefkitError(f"the documents for {audience_id} are written in {', '.join(languages)}, "
                                f"not {lang!r}",
                                hint=f"add {lang} to `languages` in {campaign.provenance.audience_file(audience_id)}")
        local = self._localized_for(lang)
        view = self._audience_view(audience, local, languages)
        layers = self._layers_for(audience.id, lang, own_layer=audience_layer)
        context = self._context(kind, view, local)
        context.update(fit=fit.words(fit_steps), fit_scale=fit.scale(fit_steps),
                       page_budget=campaign.config.settings.page_budgets.get(kind, 0))
        html, tree, marked = self._render(layers, kind, context, lang)
        if fallback := self._fallback_note(marked, lang, view.locale):
            # The note names the parts the first rendering took from the fallback language.
            context["fallback"] = fallback
            html, tree, marked = self._render(layers, kind, context, lang)
        title = (tree.findtext(".//title") or "").strip()
        stylesheets = [found for name in layout.stylesheet_files(kind) if (found := layers.find(name)) is not None]
        for css in stylesheets:  # the file rule, before any writer or check reads one (filerule.py)
            check_campaign_path(campaign.root, css, STYLESHEET, layers.display(str(css)))
        template = layers.display(str(layers.find(layout.template_file(kind)) or layout.template_file(kind)))
        return Document(kind=kind, audience=audience.id, lang=lang, title=title, html=html,
                        stylesheets=stylesheets, campaign_root=campaign.root, template=template,
                        fit=fit_steps, page_limit=campaign.config.settings.page_limit(kind), _tree=tree)

    def _render(self, layers: TemplateLayers, kind: str, context: dict[str, Any],
                lang: str) -> tuple[str, etree._Element, list[Marked]]:
        html = layers.render(layout.template_file(kind), context)
        if control := XML_FORBIDDEN.search(html):
            # Data cannot hold one (fields.py), so a template wrote it: lxml would read the document
            # one way for the PDF and another for the DOCX.
            raise self._control_character(layers, kind, control.group())
        try:
            tree = vocabulary.parse(html)
        except (etree.LxmlError, ValueError) as exc:  # nothing but whitespace; an XML encoding declaration
            shown = layers.display(str(layers.find(layout.template_file(kind)) or layout.template_file(kind)))
            raise TemplateProblem(f"the template wrote no HTML document that can be read: {exc}", path=shown,
                                  hint='start it with {% extends "builtin/' + layout.template_file(kind)
                                       + '" %} and replace one block') from None
        marked = mark_passages(tree, lang)
        vocabulary.check(tree, lambda: self._template_files(layers), layers.display,
                         lambda src: check_campaign_path(self.campaign.root, src, IMAGE, src))
        if join_scripts(tree, lang) or marked:
            html = lxml.html.tostring(tree, doctype="<!DOCTYPE html>", encoding="unicode")
        return html, tree, marked

    def _control_character(self, layers: TemplateLayers, kind: str, char: str) -> TemplateProblem:
        """The problem of a control character a template wrote, at the first template line holding it."""
        where, line = layers.display(str(layers.find(layout.template_file(kind)) or layout.template_file(kind))), None
        for path in self._template_files(layers):
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            if (at := text.find(char)) >= 0:
                where, line = layers.display(str(path)), text.count("\n", 0, at) + 1
                break
        return TemplateProblem(f"the template writes the control character U+{ord(char):04X}, which documents "
                               "cannot hold", path=where, line=line,
                               hint="delete it: most editors show it as a box, or as NUL")

    def _fallback_note(self, marked: list[Marked], lang: str, locale: str) -> list[dict[str, Any]]:
        """For each fallback language used: its name and the parts of the document in it; then,
        if any translation is stale, the parts that translate text which has changed since."""
        parts: dict[str | None, list[str]] = {}
        for passage in marked:
            key = None if passage.stale else passage.lang
            if passage.part and passage.part not in parts.setdefault(key, []):
                parts[key].append(passage.part)
        gettext = i18n.translations(lang).gettext
        notes = [{"language": i18n.language_name(fallback, lang), "stale": False,
                  "parts": i18n.listing([gettext(PART_LABELS[p]) for p in names], locale)}
                 for fallback, names in parts.items() if names and fallback is not None]
        if parts.get(None):
            notes.append({"language": i18n.language_name(lang, lang), "stale": True,
                          "parts": i18n.listing([gettext(PART_LABELS[p]) for p in parts[None]], locale)})
        return notes

    def _localized_for(self, lang: str) -> Localized:
        """The campaign's words in `lang`, computed once per language."""
        if lang not in self._localized:
            self._localized[lang] = localized(self.campaign, lang, self.refs)
        return self._localized[lang]

    def _audience_view(self, audience: Audience, local: Localized, languages: list[str]) -> AudienceView:
        refs = [replace(self._ref(sid), source=next(s for s in local.sources if s.id == sid))
                for sid in (audience.context.sources if audience.context else [])]
        return audience_view(self.campaign, audience, refs, local.language)

    def _layers_for(self, audience_id: str, lang: str, own_layer: bool = True) -> TemplateLayers:
        """One template environment per language for every audience without overrides of its own.

        Building a Jinja2 environment compiles its templates again; sharing it
        keeps composing at a millisecond or two per document.
        """
        own = own_layer and layout.audience_templates(self.campaign.root, audience_id).is_dir()
        key = (audience_id if own else None, lang)
        if key not in self._layers:
            layers = TemplateLayers(self.campaign.root, key[0], lang, self.campaign.translations.labels.get(lang))
            # Whether the DOCX carries a redline as tracked changes (settings.redline), for the legend
            # macro too (imported macros see no context).
            layers.environment.globals["tracked_changes"] = self.campaign.config.settings.redline == "tracked"
            self._layers[key] = layers
        return self._layers[key]

    def _context(self, kind: str, audience: AudienceView, local: Localized) -> dict[str, Any]:
        config = local.config
        date = document_date(self.campaign.config.date)
        timeline = [{"when": e.when, "event": e.event, "ref": local.refs[f"timeline-{i}"]}
                    for i, e in enumerate(config.timeline)]
        order = self.campaign.positions_for(self.campaign.audiences[audience.id])
        positions = [local.positions[p.id] for p in order]
        key_facts = [f for p in positions for f in p.facts if f.key]
        locale = audience.locale
        return {
            "kind": kind,
            "campaign": config,
            "date": date,
            "audience": audience,
            "lang": audience.language,
            "direction": audience.direction,
            "positions": positions,
            "signatories": self.signatories,
            "sources": local.sources,
            "refs": local.refs,
            "timeline": timeline,
            "key_facts": key_facts,
            "amendments": [(p, a) for p in positions for a in p.amendments],
            "redlines": local.redlines,
            "instrument": local.instrument,
            "stance": stance_view(self.campaign, self.campaign.audiences[audience.id], audience.language),
            "clean": self.clean,
            "fallback": [],
            "keywords": [config.title, config.coalition, kind],
            "format_date": lambda value, fmt="long": localized_date(value, fmt, locale),
            "format_number": lambda value: i18n.number(value, locale),
            "format_list": lambda items: i18n.listing(list(items), locale),
        }

    @staticmethod
    def _template_files(layers: TemplateLayers) -> list:
        """The templates to search for where a tag was written: those the file rule lets be read."""
        files = []
        for layer in layers.layers:
            if layer.path.is_dir():
                files.extend(sorted(path for path in layer.path.rglob("*.j2") if _readable(layers, path)))
        return files


def _readable(layers: TemplateLayers, path: Path) -> bool:
    try:
        check_campaign_path(layers.campaign_root, path, TEMPLATE)
        return True
    except BriefkitError:
        return False


def document_date(configured: dt.date | None) -> dt.date:
    """The date documents carry: the campaign's, else SOURCE_DATE_EPOCH's (reproducible builds), else today."""
    if configured is not None:
        return configured
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def localized_date(value: dt.date, fmt: str, locale: str) -> str:
    """A date as the audience's locale writes it (format_date in templates)."""
    return format_date(value, format=fmt, locale=locale)


def compose_all(verified: Verified, kinds: list[str], audiences: list[str],
                all_languages: bool = True) -> list[Document]:
    """Every document of these kinds for these audiences, in each language they read (or their first)."""
    composer = Composer(verified)
    return [composer.compose(kind, audience, lang=lang) for audience in audiences
            for lang in composer.languages(audience)[:None if all_languages else 1] for kind in kinds]
