"""Where each campaign text is printed: which kinds of document, for which audiences, and what it is.

A translator works better knowing what a text is for (the demand of a
redline, the salutation of a letter) and where it will stand (a fact sheet
holds one page, so its lines have a length budget); `translate status`
counts, per kind of document, how much of what it prints is translated. Both
follow the built-in templates: `tests/translate/test_printed.py` composes
every kind and proves each text appears in exactly the kinds named here.
"""

from __future__ import annotations

import math

from briefkit.campaign.layout import CAMPAIGN_FILE
from briefkit.campaign.model import Audience, Campaign, Position, Quote
from briefkit.campaign.texts import CampaignText

EVERY_KIND = ("letter", "briefing", "factsheet", "amendments")
KIND_NAMES = {"letter": "the joint letter", "briefing": "the briefing notes", "factsheet": "the fact sheet",
              "amendments": "the proposed amendments"}
FACTSHEET_SLACK = 1.4  # a translation may run this much longer (and 10 characters) on the one-page fact sheet

# By the first name of its field: the kinds that print a text of briefkit.yaml, a position or an audience.
_CAMPAIGN = {"title": EVERY_KIND, "coalition": EVERY_KIND, "logo": EVERY_KIND, "default_addressee": ("letter",),
             "letter": ("letter",), "briefing": ("briefing",), "factsheet": ("factsheet",),
             "timeline": ("briefing",), "instrument": ("briefing", "amendments"),
             "instrument.the_name": ("briefing",), "instrument.draft": ("amendments",),
             "instrument.full_name": ("amendments",), "stances": ("factsheet",), "extra_stances": ("factsheet",)}
_POSITION = {"title": EVERY_KIND, "demand": ("letter", "briefing"), "rationale": ("briefing",),
             "articles": ("briefing",), "talking_points": ("briefing",), "quotes": ("briefing", "factsheet"),
             "facts": ("briefing", "factsheet"), "amendments": ("briefing", "amendments")}
_AUDIENCE = {"name": EVERY_KIND, "delegation": (), "addressee": ("letter",), "salutation": ("letter",),
             "context": ("briefing",)}

# What each text is, for the translator's note (by CampaignText.field).
DESCRIPTIONS = {
    "title": "The campaign's name, at the head of every document.",
    "coalition": "The coalition's name, as it signs its documents.",
    "default_addressee.lines": "A line of the letter's address, for a delegation that has none of its own.",
    "default_addressee.salutation": "The salutation that opens the letter (Dear Chair,).",
    "letter.subject": "The subject line of the joint letter.",
    "letter.opening": "A paragraph of the joint letter, before the redlines.",
    "letter.closing": "A paragraph of the joint letter, after the redlines.",
    "letter.sign_off": "The letter's closing formula (Yours sincerely,).",
    "briefing.summary": "A paragraph of the summary of the briefing notes.",
    "factsheet.headline": "The fact sheet's headline.",
    "factsheet.call_to_action": "What the fact sheet asks its reader to do.",
    "timeline.when": "When an event of the timeline happened.",
    "timeline.event": "An event of the timeline.",
    "logo.alt": "The description of the coalition's logo, read out by screen readers.",
    "instrument.name": "The short name of what the campaign is about (Convention, Regulations).",
    "instrument.full_name": "The official title of the instrument.",
    "instrument.the_name": "The instrument's name with its article, as it stands in a sentence (the Convention).",
    "instrument.draft": "The text under negotiation, as it stands in a sentence (the draft Convention).",
    "instrument.parts": "The word for the instrument's numbered parts (article, regulation).",
    "stances.call_to_action": "What the fact sheet asks of the delegations of one stance.",
    "extra_stances.call_to_action": "What the fact sheet asks of the delegations of one stance.",
    "position.title": "The title of a redline: a demand the coalition will not trade away.",
    "position.demand": "The demand of a redline, in the coalition's own words.",
    "position.rationale": "Why the redline matters.",
    "position.articles": "A provision of the draft that the redline concerns.",
    "position.talking_points": "A talking point for the delegates who read the briefing.",
    "position.quotes.speaker": "Who is quoted.",
    "position.quotes.role": "The role of the person quoted.",
    "position.quotes.translations": "The coalition's unofficial translation of a quote, printed as such beside "
                                    "the original words: translate it faithfully.",
    "position.facts.value": "A figure, as the source gives it.",
    "position.facts.label": "What the figure counts: keep every number as the source gives it.",
    "position.amendments.article": "The provision an amendment changes.",
    "position.amendments.current": "The draft's current wording, which the amendment changes.",
    "position.amendments.proposed": "The wording the coalition proposes.",
    "position.amendments.where": "Where an inserted text goes.",
    "position.amendments.rationale": "Why the coalition proposes the amendment.",
    "audience.name": "The name of the delegation the documents are for.",
    "audience.delegation": "The delegation's own name for itself.",
    "audience.addressee": "A line of the letter's address.",
    "audience.salutation": "The salutation that opens the letter.",
    "audience.context.text": "What the sources say of where the delegation stands.",
}


def kinds_printing(text: CampaignText) -> tuple[str, ...]:
    """The kinds of document that may print this text (for some audience)."""
    head = next(part for part in text.loc if isinstance(part, str))
    table = _CAMPAIGN if text.path == CAMPAIGN_FILE else _AUDIENCE if text.audience else _POSITION
    return table.get(text.field, table.get(head, ()))


def description(text: CampaignText) -> str:
    prefix = "" if text.path == CAMPAIGN_FILE else "audience." if text.audience else "position."
    return DESCRIPTIONS.get(prefix + text.field, f"The {text.field.replace('_', ' ')} of the campaign.")


def printed_for(campaign: Campaign, text: CampaignText, kind: str, audience: Audience) -> bool:
    """Whether the document of `kind` for `audience` prints this text."""
    if kind not in kinds_printing(text) or (kind == "amendments" and not campaign.amendments()):
        return False
    loc = text.loc
    if text.audience is not None:
        return text.audience == audience.id
    if text.path == CAMPAIGN_FILE:
        if loc[0] == "default_addressee":
            return audience.addressee is None if loc[1] == "lines" else audience.salutation is None
        if loc[0] in ("stances", "extra_stances"):
            stances = campaign.config.stances if loc[0] == "stances" else campaign.config.extra_stances
            return stances[loc[1]].id == audience.stance
        if loc == ("factsheet", "call_to_action"):  # unless the audience's stance has its own
            return campaign.stances()[audience.stance].call_to_action is None
        return True
    position = _position(campaign, text.path)
    if kind == "amendments" and loc[0] == "title":  # the redline each amendment serves
        return bool(position.amendments)
    if loc[0] == "talking_points":
        return loc[1] in ("all", audience.stance)
    if kind == "factsheet" and loc[0] == "facts":
        return position.facts[loc[1]].key
    if loc[0] == "quotes":
        quote = position.quotes[loc[1]]
        if kind == "factsheet":
            return loc[2] != "translations" and quote is _first_supporting(campaign, audience)
        return quote.use in ("support", "counter")
    return True


def printed_anywhere(campaign: Campaign, text: CampaignText, audiences: list[Audience]) -> bool:
    """Whether any document for these audiences prints the text; with no audiences, whether one could."""
    if not audiences:
        return text.audience is None and bool(kinds_printing(text))
    return any(printed_for(campaign, text, kind, audience) for audience in audiences
               for kind in campaign.kinds())


def kinds_named(kinds: tuple[str, ...]) -> str:
    """The kinds as a translator's note names them: the joint letter, the fact sheet."""
    return ", ".join(KIND_NAMES.get(kind, kind) for kind in kinds) or "no document (kept for the record)"


def length_budget(campaign: Campaign, text: CampaignText) -> int | None:
    """The most characters a translation should take, for the texts that fill the one-page fact sheet:
    its own words, the stances' calls to action, the redlines' titles and the key figures."""
    fits = {"factsheet.headline", "factsheet.call_to_action", "stances.call_to_action",
            "extra_stances.call_to_action"} if text.path == CAMPAIGN_FILE else \
        set() if text.audience else {"title", "facts.value", "facts.label"}
    if text.field not in fits:
        return None
    if text.loc[0] == "facts" and not _position(campaign, text.path).facts[text.loc[1]].key:
        return None
    return int(math.ceil((len(text.source) * FACTSHEET_SLACK + 10) / 5) * 5)


def _position(campaign: Campaign, path: str) -> Position:
    return campaign.positions[campaign.provenance.position_files.index(path)]


def _first_supporting(campaign: Campaign, audience: Audience) -> Quote | None:
    quotes = [q for p in campaign.positions_for(audience) for q in p.supporting_quotes]
    return quotes[0] if quotes else None
