"""What a source says about a passage of it: whether it is quoted, who said it, and what follows.

`briefkit check` locates each quote (textmatch.py); this reads the source
around it, the way a careful reader would: are the words inside quotation
marks, and whose quotation is it (attribution.py's reading, as `briefkit
extract` uses it); or are they the source's own narration; and does the
sentence go on, past the quote, with words that change its force ("… unless",
"… without")?
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from briefkit.sources.attribution import Speaker, attributed
from briefkit.sources.prose import paragraphs, sentence_at, sentences

# Words that, right after a quote, qualify what it says, in the six UN languages.
QUALIFIERS = {
    "en": ("unless", "without", "except", "excepting", "if", "provided that", "provided", "but", "only",
           "so long as", "as long as", "until", "save"),
    "fr": ("sauf", "sans", "à moins", "excepté", "si", "pourvu que", "à condition", "mais", "seulement",
           "uniquement", "tant que", "hormis"),
    "es": ("salvo", "sin", "a menos que", "excepto", "si", "siempre que", "siempre y cuando", "pero", "solo",
           "sólo", "únicamente", "con tal de que", "a no ser que"),
    "ru": ("если", "кроме", "без", "только", "но", "при условии", "за исключением", "пока", "лишь"),
    "ar": ("إلا", "ما لم", "بدون", "دون", "إذا", "إن", "شريطة", "بشرط", "لكن", "ولكن", "فقط", "باستثناء"),
    "zh": ("除非", "除了", "如果", "若", "只要", "但是", "但", "仅", "只有", "没有", "无", "除"),
}
_CLOSING = "\"”’'»」』)"
_NOT_NAMES = {"the", "a", "an", "of", "for", "and", "s", "delegate", "delegation", "representative",
              "le", "la", "les", "de", "du", "des", "el", "los", "las", "del"}


@dataclass(frozen=True)
class Reading:
    """A located passage as its source presents it."""

    quoted: bool  # inside quotation marks
    speaker: Speaker | None  # whose quotation, when the source says so in a way briefkit can read
    line: int  # where the quotation (or the passage) starts


class SourceReading:
    """A source's paragraphs and quotations, read once, to answer questions about located passages."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.paragraphs = paragraphs(text)
        line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._starts = [line_starts[p.first_line - 1] for p in self.paragraphs]
        self._quotations: list[tuple[int, int, int, Speaker | None, int]] = []  # start, end, close, ...
        for paragraph, span, quote in attributed(self.paragraphs):
            base = self._starts[self.paragraphs.index(paragraph)]
            close = base + span.close if span.close is not None else base + span.end
            self._quotations.append((base + span.open, base + span.end, close,
                                     quote.speaker if quote else None, paragraph.line_at(span.open)))

    def reading(self, start: int, end: int) -> Reading:
        """How the source presents the passage from `start` to `end` (offsets in its text)."""
        for open_at, words_end, _, speaker, line in self._quotations:
            if open_at < start and end <= words_end + 1:
                return Reading(True, speaker, line)
        return Reading(False, None, self._line_of(start))

    def rest_of_sentence(self, end: int) -> str:
        """What follows `end` to the end of its sentence, or of its quotation when it is quoted."""
        index = max(i for i, start in enumerate(self._starts) if start <= end) if self._starts else 0
        paragraph, base = self.paragraphs[index], self._starts[index]
        local = end - base
        stop = sentence_at(sentences(paragraph), max(local - 1, 0)).end
        for open_at, _, close, _, _ in self._quotations:
            if open_at < end <= close + 1:
                stop = min(stop, close - base)
        return " ".join(paragraph.text[local:max(stop, local)].split())

    def _line_of(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1


def qualifier(rest: str, language: str) -> str | None:
    """The qualifying word that opens `rest` (what follows a quote), if it opens with one."""
    opening = rest.lstrip(_CLOSING + ",;:— -").lower()
    for word in sorted(QUALIFIERS.get(language, ()) + QUALIFIERS["en"], key=len, reverse=True):
        if opening.startswith(word) and (language in ("zh",) or not opening[len(word):len(word) + 1].isalpha()):
            return word
    return None


def same_speaker(named: list[str], found: Speaker) -> bool:
    """Whether the speaker a campaign names (in any of its languages) is the one the source names."""
    theirs = name_words(" ".join(filter(None, (found.name, found.role, found.evidence))))
    return any(ours and (ours <= theirs or name_words(found.name) <= ours) for ours in map(name_words, named))


def name_words(text: str) -> set[str]:
    """The words that make a name, folded: no case, accents, possessive or small words."""
    folded = unicodedata.normalize("NFKD", text.replace("’", "'")).encode("ascii", "ignore").decode().lower()
    folded = re.sub(r"'s\b", "", folded)
    return {word for word in re.findall(r"[a-z0-9]+", folded) if word not in _NOT_NAMES} or \
        ({text.strip().lower()} if text.strip() else set())
