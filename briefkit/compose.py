"""Compose one document: campaign data + layered template -> checked semantic HTML.

This is the single intermediate of the pipeline. Everything a writer needs
(the words, the page geometry, the metadata) is in the HTML it returns, so
the PDF and the DOCX cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.dates import format_date
from lxml import etree

from briefkit.check import Verified
from briefkit.errors import BriefkitError
from briefkit.model import KINDS, Audience, Campaign, Source
from briefkit.redline import redline
from briefkit.signoff import confirmed_signatories
from briefkit.templating import TemplateLayers
from briefkit.textmatch import Location
from briefkit import vocabulary

DEFAULT_LOCALES = {"en": "en_GB", "fr": "fr_FR", "es": "es_ES", "ru": "ru_RU", "ar": "ar", "zh": "zh_Hans_CN"}


@dataclass(frozen=True)
class Reference:
    """A cited source and its number in the document; line and paragraph when a passage is cited."""

    source: Source
    number: int
    line: int | None = None
    paragraph: int | None = None


@dataclass(frozen=True)
class AudienceView:
    """An audience with the campaign's defaults filled in, as templates see it."""

    id: str
    name: str
    delegation: str | None
    stance: str
    addressee: list[str]
    salutation: str
    language: str
    locale: str
    paper: str
    context: Any
    context_refs: list[Reference]


@dataclass
class Document:
    """One composed document: its identity and its HTML.

    It crosses to worker processes by pickling, so it holds the HTML text and
    parses the tree again on demand (a few milliseconds) rather than pickling it.
    """

    kind: str
    audience: str
    lang: str
    title: str
    html: str
    stylesheets: list[Path]
    campaign_root: Path
    _tree: etree._Element | None = field(default=None, repr=False, compare=False)

    @property
    def tree(self) -> etree._Element:
        if self._tree is None:
            self._tree = vocabulary.parse(self.html)
        return self._tree

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_tree": None}

    def meta(self, name: str, default: str = "") -> str:
        found = self.tree.find(f".//meta[@name='{name}']")
        return found.get("content", default) if found is not None else default


def audience_view(campaign: Campaign, audience: Audience, refs: list[Reference]) -> AudienceView:
    config = campaign.config
    language = audience.language or config.settings.language
    return AudienceView(
        id=audience.id, name=audience.name, delegation=audience.delegation, stance=audience.stance,
        addressee=list(audience.addressee or config.default_addressee.lines),
        salutation=audience.salutation or config.default_addressee.salutation,
        language=language, locale=audience.locale or DEFAULT_LOCALES.get(language, language),
        paper=audience.paper or config.settings.paper, context=audience.context, context_refs=refs)


class Composer:
    """Composes documents for a verified campaign; one instance serves every audience."""

    def __init__(self, verified: Verified, confirmed_only: bool = False, clean: bool = False) -> None:
        self.verified = verified
        campaign = verified.campaign
        self.campaign = campaign
        # With confirmed_only, documents list only organisations that confirmed the current text.
        self.signatories = confirmed_signatories(campaign) if confirmed_only else campaign.signatories
        self.clean = clean  # amendments as consolidated proposed text, not a redline
        self.redlines = {a.id: redline(a.current, a.proposed) for _, a in campaign.amendments()}
        self.sources = list(campaign.sources.values())
        self.source_number = {s.id: i for i, s in enumerate(self.sources, 1)}
        self.refs = {item_id: self._ref(source_id, verified.locations[item_id])
                     for item_id, source_id in self._cited_items()}
        self._layers: dict[str | None, TemplateLayers] = {}

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

    def compose(self, kind: str, audience_id: str, audience_layer: bool = True) -> Document:
        """Compose one document; without `audience_layer`, as if the audience had no template overrides."""
        if kind not in KINDS:
            raise BriefkitError(f"unknown kind {kind!r}", hint="choose from " + ", ".join(KINDS))
        campaign = self.campaign
        audience = campaign.audiences[audience_id]
        context_refs = []
        if audience.context:
            context_refs = [self._ref(sid) for sid in audience.context.sources]
        view = audience_view(campaign, audience, context_refs)
        layers = self._layers_for(audience.id, own_layer=audience_layer)
        html = layers.render(f"{kind}.html.j2", self._context(kind, view))
        tree = vocabulary.parse(html)
        vocabulary.check(tree, lambda: self._template_files(layers), layers.display)
        title = (tree.findtext(".//title") or "").strip()
        stylesheets = [found for name in ("css/base.css", f"css/{kind}.css")
                       if (found := layers.find(name)) is not None]
        return Document(kind=kind, audience=audience.id, lang=view.language, title=title,
                        html=html, stylesheets=stylesheets, campaign_root=campaign.root, _tree=tree)

    def _layers_for(self, audience_id: str, own_layer: bool = True) -> TemplateLayers:
        """One template environment for every audience without overrides of its own.

        Building a Jinja2 environment compiles its templates again; sharing it
        keeps composing at a millisecond or two per document.
        """
        own = own_layer and (self.campaign.root / "templates" / "audiences" / audience_id).is_dir()
        key = audience_id if own else None
        if key not in self._layers:
            self._layers[key] = TemplateLayers(self.campaign.root, key)
        return self._layers[key]

    def _context(self, kind: str, audience: AudienceView) -> dict[str, Any]:
        config = self.campaign.config
        date = document_date(self.campaign.config.date)
        timeline = [{"when": e.when, "event": e.event, "ref": self.refs[f"timeline-{i}"]}
                    for i, e in enumerate(config.timeline)]
        positions = self.campaign.positions_for(self.campaign.audiences[audience.id])
        key_facts = [f for p in positions for f in p.facts if f.key]
        return {
            "kind": kind,
            "campaign": config,
            "date": date,
            "audience": audience,
            "positions": positions,
            "signatories": self.signatories,
            "sources": self.sources,
            "refs": self.refs,
            "timeline": timeline,
            "key_facts": key_facts,
            "amendments": [(p, a) for p in positions for a in p.amendments],
            "redlines": self.redlines,
            "clean": self.clean,
            "keywords": [config.title, config.coalition, kind],
            "format_date": lambda value, fmt="long": localized_date(value, fmt, audience.locale),
        }

    @staticmethod
    def _template_files(layers: TemplateLayers) -> list:
        files = []
        for layer in layers.layers:
            if layer.path.is_dir():
                files.extend(sorted(layer.path.rglob("*.j2")))
        return files


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
