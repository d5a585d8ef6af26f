"""The campaign's words in one document's language, as templates read them.

Every LocalText is resolved (localtext.py), with the campaign's fallback where
it allows one. Words that are not translated keep their own language as a
Passage, which the composed HTML then tags with its `lang` and `dir`: a
quote's words (in its own language, or its source's), and a source's title,
publisher and period where the campaign gives them only in the source's
language. The instrument and the audience's stance come with the defaults
briefkit's labels give them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from briefkit.campaign.config import CampaignFile
from briefkit.campaign.localtext import QUOTE_TRANSLATION_PART, Passage, Resolver, localize, shown
from briefkit.campaign.model import Audience, Campaign, Position, Source
from briefkit.render import i18n
from briefkit.render.i18n import N_
from briefkit.render.redline import Piece, redline

# What the documents call the instrument when the campaign does not say (briefkit.yaml `instrument:`).
DEFAULT_INSTRUMENT = {"name": N_("text"), "the_name": N_("the text"), "draft": N_("the draft text"),
                      "parts": N_("article")}


@dataclass(frozen=True)
class Reference:
    """A cited source and its number in the document; line and paragraph when a passage is cited."""

    source: Source
    number: int
    line: int | None = None
    paragraph: int | None = None


@dataclass(frozen=True)
class AudienceView:
    """An audience with the campaign's defaults filled in, in one document's language, as templates see it."""

    id: str
    name: str
    delegation: str | None
    stance: str
    addressee: list[str]
    salutation: str
    language: str
    locale: str
    direction: str  # "rtl" or "ltr", from the language
    languages: list[str]  # every language this audience's documents are written in
    paper: str
    context: Any
    context_refs: list[Reference]


@dataclass(frozen=True)
class Localized:
    """The campaign's words in one language: positions, sources and references as templates read them."""

    language: str
    config: CampaignFile
    positions: dict[str, Position]
    sources: list[Source]
    refs: dict[str, Reference]
    redlines: dict[str, list[Piece]]
    fallback: str | None
    instrument: InstrumentView | None = None


def audience_view(campaign: Campaign, audience: Audience, refs: list[Reference],
                  lang: str | None = None) -> AudienceView:
    """An audience as templates see it, in `lang` (default: its first language), its words resolved."""
    languages = campaign.languages_of(audience)
    lang = lang or languages[0]
    settings = campaign.config.settings
    own = localize(audience, Resolver(lang, languages[0], settings.fallback_for(lang)))
    default = localized_config(campaign, lang).default_addressee
    return AudienceView(
        id=audience.id, name=own.name, delegation=own.delegation, stance=audience.stance,
        addressee=list(own.addressee or default.lines), salutation=own.salutation or default.salutation,
        language=lang, locale=i18n.locale_for(lang, audience.locale), direction=i18n.direction(lang),
        languages=languages, paper=audience.paper or settings.paper, context=own.context, context_refs=refs)


def localized_config(campaign: Campaign, lang: str) -> CampaignFile:
    """briefkit.yaml's words in `lang` (falling back as the campaign allows)."""
    settings = campaign.config.settings
    return localize(campaign.config, Resolver(lang, settings.language, settings.fallback_for(lang)))


@dataclass(frozen=True)
class InstrumentView:
    """What the campaign is about, named in one language (see config.Instrument)."""

    name: str
    full_name: str | None
    the_name: str
    draft: str
    parts: str


@dataclass(frozen=True)
class StanceView:
    """The audience's stance as templates use it: how its context is titled, its call to action."""

    id: str
    label: str
    context: str
    call_to_action: str | None


def localized(campaign: Campaign, lang: str, refs: dict[str, Reference]) -> Localized:
    """Everything of the campaign a document in `lang` prints, resolved once per language."""
    settings = campaign.config.settings
    fallback = settings.fallback_for(lang)
    resolver = Resolver(lang, settings.language, fallback)
    config = localized_config(campaign, lang)
    positions = {p.id: _verbatim_quotes(campaign, localize(p, resolver), lang) for p in campaign.positions}
    sources = {s.id: _in_reading_language(campaign, s, lang) for s in campaign.sources.values()}
    refs = {item: replace(ref, source=sources[ref.source.id]) for item, ref in refs.items()}
    redlines = {a.id: _redline(a) for p in positions.values() for a in p.amendments}
    return Localized(lang, config, positions, list(sources.values()), refs, redlines, fallback,
                     instrument_view(config, lang))


def instrument_view(config: CampaignFile, lang: str) -> InstrumentView:
    """The instrument's names in `lang`: the campaign's (already resolved in `config`), else briefkit's."""
    gettext = i18n.translations(lang).gettext
    given = config.instrument
    name = given.name if given else gettext(DEFAULT_INSTRUMENT["name"])
    the_name = (given.the_name or given.name) if given else gettext(DEFAULT_INSTRUMENT["the_name"])
    return InstrumentView(name=name, full_name=given.full_name if given else None, the_name=the_name,
                          draft=(given.draft or the_name) if given else gettext(DEFAULT_INSTRUMENT["draft"]),
                          parts=(given.parts if given and given.parts else gettext(DEFAULT_INSTRUMENT["parts"])))


def stance_view(campaign: Campaign, audience: Audience, lang: str) -> StanceView:
    """The audience's stance; its label in the campaign's language (labels are never printed)."""
    stance = campaign.stances()[audience.stance]
    settings = campaign.config.settings
    resolver = Resolver(lang, settings.language, settings.fallback_for(lang))
    call = resolver.text(stance.call_to_action, "call-to-action") if stance.call_to_action else None
    return StanceView(stance.id, shown(stance.label, settings.language), stance.context, call)


def source_language(campaign: Campaign, source_id: str) -> str:
    return campaign.sources[source_id].language or campaign.config.settings.language


def _in_reading_language(campaign: Campaign, source: Source, lang: str) -> Source:
    """A source's title, publisher and period in `lang` where the campaign gives them so, else in
    the source's own language, marked as such."""
    own = source_language(campaign, source.id)
    resolver = Resolver(lang, own)
    updates = {}
    for name in ("title", "publisher", "period"):
        value = getattr(source, name)
        if resolver.available(value):
            updates[name] = resolver.text(value)
        else:
            texts = resolver.texts(value)
            text_lang = own if own in texts else next(iter(texts))
            updates[name] = Passage(texts[text_lang], text_lang)
    return source.model_copy(update=updates)


def _verbatim_quotes(campaign: Campaign, position: Position, lang: str) -> Position:
    """Quotes stay in their own language (or their source's), marked as such in a document in another."""
    quotes = []
    for quote in position.quotes:
        own = quote.language or source_language(campaign, quote.source)
        if lang in getattr(quote.translations, "stale", ()):  # translated from the quote's earlier words
            stale = Passage(quote.translations[lang], lang, QUOTE_TRANSLATION_PART, stale=True)
            quote = quote.model_copy(update={"translations": {**quote.translations, lang: stale}})
        quotes.append(quote if own == lang else quote.model_copy(update={"text": Passage(quote.text, own)}))
    return position.model_copy(update={"quotes": quotes})


def _redline(amendment) -> list[Piece]:
    """The redline of an amendment; pieces of fallback text stay marked as such."""
    pieces = redline(amendment.current, amendment.proposed)
    marked = next((t for t in (amendment.proposed, amendment.current) if isinstance(t, Passage)), None)
    if marked is None:
        return pieces
    return [Piece(p.op, Passage(p.text, marked.lang, marked.part, marked.stale)) for p in pieces]
