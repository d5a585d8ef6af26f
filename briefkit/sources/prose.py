"""Paragraphs and sentences of a source text, each knowing the lines it stands on.

`briefkit extract` reports every candidate with its line, and hands a curator
whole sentences as evidence. Sentences are cut from the source as they stand
(only whitespace is collapsed), so `briefkit check` finds them verbatim.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

# A list item: optional indentation, a bullet, then at least one space.
BULLET = re.compile(r"^[ \t]*[•\-*–·▪◦‣][ \t]+(?=\S)")

# Sentence-ending punctuation, with any closing quotes or brackets after it,
# followed by whitespace: a candidate end of sentence.
_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s)")
# Words after which a full stop does not end a sentence ("Jan. 23", "U.S. delegation").
_ABBREVIATIONS = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "art", "arts", "para", "vs", "etc",
    "e.g", "i.e", "u.s", "u.k", "u.n", "e.u", "cf", "approx", "amb", "gen", "gov", "rep", "sen",
}
# What may open the next sentence: a capital letter, maybe behind a quote or bracket.
_STARTS = re.compile(r"[\"“”‘'(\[]*[A-Z]")


@dataclass(frozen=True)
class Paragraph:
    """A block of text as it stands in the source, lines joined by newlines."""

    text: str
    first_line: int

    def line_at(self, offset: int) -> int:
        """The 1-based source line of the character at `offset` in this paragraph."""
        return self.first_line + bisect.bisect_left(self._breaks, offset)

    @cached_property
    def _breaks(self) -> list[int]:
        return [m.start() for m in re.finditer("\n", self.text)]

    @property
    def is_bullet(self) -> bool:
        return bool(BULLET.match(self.text))


@dataclass(frozen=True)
class Sentence:
    """A sentence of a paragraph: its offsets there, and its words with whitespace collapsed."""

    start: int
    end: int
    text: str


def paragraphs(text: str) -> list[Paragraph]:
    """Blocks separated by blank lines; every line on its own when the text has no blank line.

    A bullet line always starts a block of its own, so each list item is a paragraph.
    The by-line rule matches how `briefkit check` numbers paragraphs.
    """
    lines = text.split("\n")
    by_line = all(line.strip() for line in lines[:-1])
    found: list[Paragraph] = []
    block: list[str] = []
    first = 0
    for number, line in enumerate(lines, start=1):
        starts_new = by_line or BULLET.match(line) is not None or not line.strip()
        if block and starts_new:
            found.append(Paragraph("\n".join(block), first))
            block = []
        if line.strip():
            first = first if block else number
            block.append(line)
    if block:
        found.append(Paragraph("\n".join(block), first))
    return found


def sentences(paragraph: Paragraph) -> list[Sentence]:
    """The paragraph's sentences in order; they cover all of its text but the whitespace between."""
    text = paragraph.text
    out: list[Sentence] = []
    start = skip_space(text, 0)
    for end in _ends(text):
        if end > start:
            out.append(Sentence(start, end, collapse(text[start:end])))
        start = skip_space(text, end)
    if start < len(text.rstrip()):
        end = len(text.rstrip())
        out.append(Sentence(start, end, collapse(text[start:end])))
    return out


def sentence_at(found: list[Sentence], offset: int) -> Sentence:
    """Of a paragraph's sentences, the one holding the character at `offset`."""
    index = bisect.bisect_right([s.start for s in found], offset) - 1
    return found[max(index, 0)]


def collapse(text: str) -> str:
    """Runs of whitespace (line breaks included) as one space; `check` forgives exactly this."""
    return " ".join(text.split())


def _ends(text: str) -> Iterator[int]:
    """Offsets just after each punctuation mark that really ends a sentence."""
    for match in _END.finditer(text):
        word = _word_before(text, match.start()).lower()
        if match.group().startswith(".") and (word in _ABBREVIATIONS or re.fullmatch(r"[a-z]", word)):
            continue  # an abbreviation or an initial, not the end of a sentence
        if _STARTS.match(text, skip_space(text, match.end())):
            yield match.end()


def _word_before(text: str, end: int) -> str:
    """The word (dots included: "U.S") that ends at `end`."""
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._"):
        start -= 1
    return text[start:end]


def skip_space(text: str, offset: int) -> int:
    while offset < len(text) and text[offset].isspace():
        offset += 1
    return offset
