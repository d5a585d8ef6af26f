"""Every piece of the campaign's own text that a translator translates, each named by file and field.

A translation must say which text it translates, in a way that survives
being sent out in a catalogue and coming back: the file and the field path,
`positions/05-limit-surveillance.yaml:demand`, is that name (a catalogue's
msgctxt). The source of each text is its version in the campaign's language
(`settings.language`); a text with none (an audience's words written only in
its own language) has nothing to translate from and is left out, and so is
a text that reads the same in every language (a figure, an address, `zxx`).

Quotes are not here: their words stay verbatim. Their unofficial
translations (`translations:` of a quote in the campaign's language) are,
with the quote's words as their source.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from briefkit.campaign.fields import NEUTRAL_LANGUAGE
from briefkit.campaign.layout import CAMPAIGN_FILE
from briefkit.campaign.localtext import Resolver, local_fields
from briefkit.campaign.model import Campaign
from briefkit.campaign.yamlio import Loc, dotted

QUOTE_TRANSLATIONS = "translations"  # the field of a quote that holds its unofficial translations


@dataclass(frozen=True)
class CampaignText:
    """One translatable text: where it is written, its value there, and its source text."""

    path: str  # the file, as problems name it: positions/05-limit-surveillance.yaml
    loc: Loc  # the field in it: ("talking_points", "all", 0)
    value: str | dict[str, str]  # as the file gives it (a LocalText, or a quote's translations)
    plain: str  # the language of the value when it is a plain string
    source: str  # the text in the campaign's language: what translators translate
    audience: str | None = None  # the audience whose file it is in, if any
    quote: bool = False  # an unofficial translation of a quote (the source is the quote's words)

    @property
    def context(self) -> str:
        return context_of(self.path, self.loc)

    @property
    def field(self) -> str:
        """The field's name without list positions or stance keys: `talking_points`, `facts.label`."""
        names = [part for part in self.loc if isinstance(part, str)]
        if names and names[0] == "talking_points":
            return "talking_points"
        return ".".join(names)

    def translations(self, main: str) -> dict[str, str]:
        """The translations the file itself gives: every language but the source's."""
        if self.quote:
            return {lang: text for lang, text in dict(self.value).items() if lang != main}
        texts = Resolver(main, self.plain).texts(self.value)
        return {lang: text for lang, text in texts.items() if lang not in (main, NEUTRAL_LANGUAGE)}


def context_of(path: str, loc: Loc) -> str:
    """The stable name of a text: its file and field path."""
    return f"{path}:{dotted(loc)}"


def campaign_texts(campaign: Campaign) -> Iterator[CampaignText]:
    """Every translatable text of briefkit.yaml, the positions and the audiences, in file order.

    A stance's label is left out: documents never print it.
    """
    main = campaign.config.settings.language
    for loc, value in local_fields(campaign.config):
        if loc[0] in ("stances", "extra_stances") and loc[2] == "label":
            continue
        if (text := _text(CAMPAIGN_FILE, loc, value, main, main)) is not None:
            yield text
    for position, path in zip(campaign.positions, campaign.provenance.position_files):
        for loc, value in local_fields(position):
            if (text := _text(path, loc, value, main, main)) is not None:
                yield text
        for index, quote in enumerate(position.quotes):
            own = quote.language or _source_language(campaign, quote.source)
            if own == main:
                yield CampaignText(path, ("quotes", index, QUOTE_TRANSLATIONS), quote.translations, main,
                                   quote.text, quote=True)
    for audience in campaign.audiences.values():
        path = campaign.provenance.audience_file(audience.id)
        plain = campaign.languages_of(audience)[0]
        for loc, value in local_fields(audience):
            if (text := _text(path, loc, value, plain, main, audience.id)) is not None:
                yield text


def _text(path: str, loc: Loc, value: str | dict[str, str], plain: str, main: str,
          audience: str | None = None) -> CampaignText | None:
    texts = Resolver(main, plain).texts(value)
    if NEUTRAL_LANGUAGE in texts or main not in texts:
        return None
    return CampaignText(path, loc, value, plain, texts[main], audience)


def _source_language(campaign: Campaign, source_id: str) -> str:
    source = campaign.sources.get(source_id)
    return (source.language if source else None) or campaign.config.settings.language
