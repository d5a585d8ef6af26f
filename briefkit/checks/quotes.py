"""Quotes as a careful reader checks them: the right words, the right speaker, the whole thought.

Finding a quote's words in its source (evidence.py) is the floor. Here each
located quote is read in its source (sources/reading.py):

- inside quotation marks, the source names a speaker: it must be the one the
  campaign names, or the words are given to the wrong person;
- not inside quotation marks: the words are the source's own narration, a
  quotation only of its author or publisher; given to anyone else they are
  an error, unless the campaign marks the quote `form: reported` (the
  documents then credit the source, reporting the speaker);
- inside quotation marks with no speaker briefkit can read: a warning, which a
  curator settles once with `briefkit confirm QUOTE_ID` (a record tied to the
  quote's words, its speaker and the source's checksum);
- the sentence goes on, past the quote, with a word that changes its force
  ("unless", "without", "sauf", "除非"…): a warning that prints the rest.

A quote not found in its cited source is looked for in every other source, so
that a wrong citation is named as such.
"""

from __future__ import annotations

import hashlib

from briefkit.campaign import layout
from briefkit.campaign.model import Campaign, Quote, Source
from briefkit.errors import Problem
from briefkit.sources.reading import SourceReading, name_words, qualifier, same_speaker
from briefkit.sources.textmatch import Location, SourceText


def confirmation(quote: Quote, source: Source) -> str:
    """The record `briefkit confirm` keeps for a quote whose speaker a curator confirmed."""
    speaker = quote.speaker if isinstance(quote.speaker, str) else "|".join(sorted(quote.speaker.values()))
    return hashlib.sha256("\n".join((quote.id, quote.text, speaker, source.sha256)).encode()).hexdigest()[:12]


class QuoteChecks:
    """Reads each source once, then checks each located quote against it."""

    def __init__(self, campaign: Campaign, texts: dict[str, SourceText]) -> None:
        self.campaign = campaign
        self.texts = texts
        self._readings: dict[str, SourceReading] = {}

    def reading(self, source_id: str) -> SourceReading:
        if source_id not in self._readings:
            self._readings[source_id] = SourceReading(self.texts[source_id].text)
        return self._readings[source_id]

    def check(self, quote: Quote, found: Location, rel: str, line: int | None, text_line: int | None,
              problems: list[Problem], warnings: list[Problem]) -> None:
        """The speaker (reported at `line`, its field's) and the rest of the sentence (at `text_line`)
        of a quote found at `found` in its source."""
        source = self.campaign.sources[quote.source]
        reading = self.reading(quote.source)
        seen = reading.reading(found.start, found.end)
        named = _names(quote)
        seed = layout.seed_name(source.file)
        if quote.form == "reported":
            pass  # the source's own words, reporting the speaker: the documents credit the source
        elif not seen.quoted:
            if not _is_publisher(named, source):
                problems.append(Problem(rel, line, f"quote {quote.id!r}: these words are the source's narration "
                                        f"({seed}, line {seen.line}), not a quotation of {named[0]}",
                                        "quote only words the source puts in quotation marks and gives to this "
                                        "speaker; or mark it `form: reported`, and the documents credit the "
                                        "source, reporting the speaker"))
        elif seen.speaker is not None:
            if not same_speaker(named, seen.speaker) and not _is_publisher(named, source):
                problems.append(Problem(rel, line, f"quote {quote.id!r}: {seed} gives these words to "
                                        f"{seen.speaker.name} (line {seen.speaker.line}), not to {named[0]}",
                                        f"give the speaker as the source does ({seen.speaker.name}), or quote "
                                        f"what {named[0]} said"))
        elif not _is_publisher(named, source) and \
                self.campaign.confirmations.get(quote.id) != confirmation(quote, source):
            warnings.append(Problem(rel, line, f"quote {quote.id!r}: {seed} does not say in a way briefkit can "
                                    f"read who spoke these words (line {seen.line}); check that it was "
                                    f"{named[0]}", f"then run `briefkit confirm {quote.id}`, which records it "
                                    "until the quote or the source changes", severity="warning"))
        rest = reading.rest_of_sentence(found.end)
        language = quote.language or source.language or self.campaign.config.settings.language
        if rest and (word := qualifier(rest, language)):
            warnings.append(Problem(rel, text_line, f"quote {quote.id!r} stops before “{word}”, which changes what "
                                    f"it says: the source goes on “… {rest}”",
                                    "quote the sentence to its end, or say in your own words what the "
                                    "condition is", severity="warning"))

    def elsewhere(self, words: str, cited: str) -> tuple[str, Location] | None:
        """Another source of the campaign that holds `words` verbatim, and where."""
        for source_id, text in self.texts.items():
            if source_id != cited and (found := text.find(words)):
                return source_id, found
        return None


def _names(quote: Quote) -> list[str]:
    """The speaker in every language the campaign gives, with its role where the source may use it."""
    names = [quote.speaker] if isinstance(quote.speaker, str) else list(quote.speaker.values())
    if quote.role:
        roles = [quote.role] if isinstance(quote.role, str) else list(quote.role.values())
        names += [f"{name} {role}" for name in names for role in roles]
    return names


def _is_publisher(named: list[str], source: Source) -> bool:
    """Whether the campaign gives the words to the source's own author or publisher."""
    publishers = [source.publisher] if isinstance(source.publisher, str) else list(source.publisher.values())
    ours = [name_words(name) for name in named]
    return any(name and name <= name_words(publisher) or name_words(publisher) <= name
               for name in ours for publisher in publishers if name_words(publisher))
