"""One language's catalogue: every campaign text its documents print, as a translator receives it.

Format-neutral (po.py and xliff.py write it): each message has its stable
context (file and field), the source text, the current translation if any,
the previous source when the translation is stale (so that the translator's
tool shows exactly what changed), where it is written, and a note: what the
text is, which documents print it, a length budget where the one-page fact
sheet prints it, and what must stay as it is.

The labels of the campaign's own templates follow its texts (labels.py).

Which texts: those a document in the language prints for an audience that
reads it (talking points for its audiences' stances, an audience's own words
in its own languages), and any text already translated into it. A language
no audience reads yet gets every text of the campaign's own files, so that a
coalition can have a language ready before it writes to anyone in it.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefkit.campaign.fields import slug_for
from briefkit.campaign.layout import translation_file
from briefkit.campaign.localtext import shown
from briefkit.campaign.model import Campaign
from briefkit.campaign.pofiles import PoCatalogue, read_catalogue
from briefkit.campaign.texts import CampaignText, campaign_texts
from briefkit.campaign.translations import LABELS
from briefkit.errors import BriefkitError
from briefkit.filerule import CATALOGUE, read_campaign_file
from briefkit.render import i18n
from briefkit.translate.labels import labels_for
from briefkit.translate.markers import markers, verbatim_of
from briefkit.translate.printed import description, kinds_named, kinds_printing, length_budget, printed_anywhere


@dataclass(frozen=True)
class Message:
    """One text to translate."""

    context: str  # positions/05-limit-surveillance.yaml:demand
    source: str
    translation: str  # "" when there is none yet
    previous: str | None  # the source text a stale translation was made from
    locations: tuple[tuple[str, int | None], ...]
    notes: tuple[str, ...]
    max_length: int | None = None
    keep: tuple[str, ...] = ()

    @property
    def label(self) -> bool:
        """A label of the campaign's own templates (looked up by its words, not by a field)."""
        return self.context.startswith(LABELS)

    @property
    def fuzzy(self) -> bool:
        """A translation to review: made from an earlier source text."""
        return self.previous is not None


@dataclass(frozen=True)
class Catalogue:
    """A language's messages and what a catalogue's header says about them."""

    campaign: str  # the campaign's id (its title in its language, as a slug): a catalogue names it
    title: str
    coalition: str
    version: str
    source_language: str
    language: str
    messages: tuple[Message, ...]
    last_translator: str | None = None
    language_team: str | None = None
    revision_date: str | None = None


def campaign_id(campaign: Campaign) -> str:
    """The name a catalogue gives its campaign, to refuse one made for another campaign."""
    main = campaign.config.settings.language
    return slug_for(shown(campaign.config.title, main)) or "campaign"


def check_language(campaign: Campaign, lang: str) -> None:
    """A language a catalogue can be made for: one Babel knows, not the campaign's own."""
    main = campaign.config.settings.language
    if lang == main:
        raise BriefkitError(f"{lang!r} is the campaign's own language (settings.language): its text is the "
                            "source that translators translate", hint="export another language, such as fr")
    if not i18n.known(lang):
        raise BriefkitError(f"{lang!r} is not a language code briefkit knows",
                            hint="use a code such as fr, es, ru, ar or zh")


def build_catalogue(campaign: Campaign, lang: str) -> Catalogue:
    """Every text documents in `lang` print, with its translation, state and note."""
    check_language(campaign, lang)
    readers = [a for a in campaign.audiences.values() if lang in campaign.languages_of(a)]
    state = campaign.translations
    verbatim = verbatim_of(campaign)
    messages = []
    for text in campaign_texts(campaign):
        translation = state.of(text.context, lang)
        if translation is None and not printed_anywhere(campaign, text, readers):
            continue
        stale = translation is not None and translation.state == "stale"
        keep = tuple(markers(text.source, verbatim))
        budget = length_budget(campaign, text)
        messages.append(Message(
            text.context, text.source, translation.text if translation else "",
            translation.made_from if stale else None, (_location(campaign, text),),
            _notes(text, keep, budget, len(text.source)), budget, keep))
    labels = campaign.translations.labels.get(lang, {})
    for label in labels_for(campaign, lang):
        keep = tuple(markers(label.msgid))
        notes = (f"A label of the campaign's own template {label.path}.",
                 f"Printed in: {kinds_named(label.kinds)}.") + (
            ("Keep as they are: " + "; ".join(f"«{k}»" for k in keep) + " (filled in when printed).",)
            if keep else ())
        messages.append(Message(label.context, label.msgid, labels.get(label.msgid, ""), None, label.lines,
                                notes, None, keep))
    stored = stored_header(campaign, lang)
    config = campaign.config
    main = config.settings.language
    return Catalogue(campaign_id(campaign), shown(config.title, main), shown(config.coalition, main),
                     config.date.isoformat() if config.date else "draft", main, lang, tuple(messages),
                     stored.last_translator if stored else None, stored.language_team if stored else None,
                     stored.revision_date if stored else None)


def _location(campaign: Campaign, text: CampaignText) -> tuple[str, int | None]:
    main = campaign.config.settings.language
    loc = text.loc if text.quote else text.loc + (main,)
    return text.path, campaign.provenance.line(text.path, loc)


def _notes(text: CampaignText, keep: tuple[str, ...], budget: int | None, length: int) -> tuple[str, ...]:
    notes = [description(text), f"Printed in: {kinds_named(kinds_printing(text))}."]
    if text.quote:
        notes.append("Optional: without a translation, documents print the quote in its own words only.")
    if budget:
        notes.append(f"The fact sheet holds one page: keep to {budget} characters at most "
                     f"(the source has {length}).")
    if keep:
        notes.append("Keep as they are, untranslated: " + "; ".join(f"«{k}»" for k in keep) + ".")
    return tuple(notes)


def stored_header(campaign: Campaign, lang: str) -> PoCatalogue | None:
    """The header of the campaign's stored catalogue for `lang` (who translated it last), if any."""
    path = campaign.root / translation_file(lang)
    if not path.is_file():
        return None
    try:
        return read_catalogue(read_campaign_file(campaign.root, path, CATALOGUE, translation_file(lang)),
                              translation_file(lang))
    except BriefkitError:
        return None  # the loader reported it
