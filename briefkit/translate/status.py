"""`briefkit translate status`: per language and kind of document, how much text is translated, stale, missing.

A text counts for a kind in a language when a document of that kind, for an
audience that reads the language, prints it (a language nobody reads yet:
when such a document could). Translated texts are *current* (made from
today's source), *stale* (made from an earlier one: the document says so,
`--strict` refuses it), or *untracked* (nobody recorded the source: run
`briefkit translate accept`). A quote's unofficial translation is optional:
counted when there is one, never missing. The preview shows the same counts
for each document (`document_counts`). The labels of the campaign's own templates
count for the kinds their templates make.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from briefkit.campaign.model import Audience, Campaign
from briefkit.campaign.texts import CampaignText, campaign_texts
from briefkit.translate.labels import Label, labels_for
from briefkit.translate.printed import kinds_printing, printed_for


@dataclass(frozen=True)
class Counts:
    """How many of a set of texts have a translation in each state, and how many have none."""

    texts: int = 0
    current: int = 0
    stale: int = 0
    untracked: int = 0
    missing: int = 0

    @property
    def translated(self) -> int:
        return self.current + self.stale + self.untracked

    def summary(self) -> str:
        """"120 of 124 translated, 3 stale, 1 missing", as the preview shows it."""
        parts = [f"{self.translated} of {self.texts} translated"]
        parts += [f"{n} {what}" for n, what in ((self.stale, "stale"), (self.untracked, "untracked"),
                                                (self.missing, "missing")) if n]
        return ", ".join(parts)


@dataclass(frozen=True)
class Row:
    language: str
    kind: str
    readers: tuple[str, ...]  # the audiences that read the language
    counts: Counts
    fallback: str | None = None  # the language missing text is taken from, if the campaign allows one

    def as_dict(self) -> dict:
        return {"language": self.language, "kind": self.kind, "readers": list(self.readers),
                **asdict(self.counts), "translated": self.counts.translated, "fallback": self.fallback}


def languages(campaign: Campaign) -> list[str]:
    """Every language other than the campaign's that an audience reads or a translation is in."""
    main = campaign.config.settings.language
    found = {lang for audience in campaign.audiences.values() for lang in campaign.languages_of(audience)}
    found |= {lang for _, lang in campaign.translations.translations}
    return sorted(found - {main})


def status(campaign: Campaign) -> list[Row]:
    """One row per language and kind of document."""
    texts = list(campaign_texts(campaign))
    rows = []
    for lang in languages(campaign):
        readers = [a for a in campaign.audiences.values() if lang in campaign.languages_of(a)]
        labels = labels_for(campaign, lang)
        for kind in campaign.kinds():
            chosen = [t for t in texts if _counted(campaign, t, kind, readers)]
            counts = _count(campaign, chosen, lang, [label for label in labels if kind in label.kinds])
            rows.append(Row(lang, kind, tuple(a.id for a in readers), counts,
                            campaign.config.settings.fallback_for(lang)))
    return rows


def document_counts(campaign: Campaign, kind: str, audience: Audience, lang: str,
                    texts: list[CampaignText] | None = None, labels: list[Label] | None = None) -> Counts | None:
    """The counts for one document; None for a document in the campaign's own language. `texts` and
    `labels` (the campaign's, and the language's) may be given when counting many documents."""
    if lang == campaign.config.settings.language:
        return None
    texts = list(campaign_texts(campaign)) if texts is None else texts
    chosen = [t for t in texts if printed_for(campaign, t, kind, audience)]
    labels = [label for label in (labels_for(campaign, lang) if labels is None else labels)
              if kind in label.kinds and label.audience in (None, audience.id)]
    return _count(campaign, chosen, lang, labels)


def _counted(campaign: Campaign, text: CampaignText, kind: str, readers: list[Audience]) -> bool:
    if readers:
        return any(printed_for(campaign, text, kind, audience) for audience in readers)
    return text.audience is None and kind in kinds_printing(text)


def _count(campaign: Campaign, texts: list[CampaignText], lang: str, labels: list[Label]) -> Counts:
    """Texts by the state of their translation; the campaign's labels as current or missing (a
    label's words are its own key: it cannot translate an earlier version of itself)."""
    translated = campaign.translations.labels.get(lang, {})
    tally = {"current": sum(1 for label in labels if label.msgid in translated), "stale": 0, "untracked": 0,
             "missing": sum(1 for label in labels if label.msgid not in translated)}
    total = len(labels)
    for text in texts:
        translation = campaign.translations.of(text.context, lang)
        if translation is None and text.quote:
            continue  # optional: the quote prints in its own words
        total += 1
        tally["missing" if translation is None else translation.state] += 1
    return Counts(total, **tally)


def translation_summaries(campaign: Campaign) -> dict[tuple[str, str, str], str]:
    """For every document in another language than the campaign's, by (audience, language, kind): the
    one line the preview's index shows under it."""
    out: dict[tuple[str, str, str], str] = {}
    texts = list(campaign_texts(campaign))
    labels = {lang: labels_for(campaign, lang) for lang in languages(campaign)}
    for audience in campaign.audiences.values():
        for lang in campaign.languages_of(audience):
            for kind in campaign.kinds():
                if (counts := document_counts(campaign, kind, audience, lang, texts, labels.get(lang))) is not None:
                    out[audience.id, lang, kind] = counts.summary()
    return out
