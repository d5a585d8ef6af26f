"""Draw candidates for a campaign's data out of a source text: pure functions, no files.

A curator building positions reads each source looking for the same things:
who said what, the coalition's listed demands, the treaty articles named, and
the figures and dates that make a fact sheet. `extract` finds them all, each
with its line and, for everything but quotes, the whole sentence around it,
cut from the source as it stands so that `briefkit check` locates it.
Quotes and their speakers are found by `briefkit.attribution`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefkit.sources.attribution import QuoteCandidate, find_quotes
from briefkit.sources.prose import (
    BULLET,
    Paragraph,
    collapse,
    paragraphs,
    sentence_at,
    sentences,
)

# --- articles --------------------------------------------------------------
# One article number: 28, 28.4, 12(3), 5(1)(a).
_REF = r"\d+(?:\.\d+)*(?:\s?\([0-9a-z]{1,4}\))*"
# "Article 28.4", "article 12(3)", "Art. 5", "Articles 5 and 6", "Articles 5, 6 or 7", "Articles 5-7".
# All-capital "ARTICLE 19" is the rights organisation, not a provision, so the word is matched
# case-sensitively in its two usual spellings.
_ARTICLES = re.compile(rf"""\b(?P<word>[Aa]rticles?|Arts?\.)\s+
    (?P<refs>{_REF}(?:\s*(?:,\s*(?:and\s+|or\s+)?|\band\b|\bor\b|\bto\b|[-–])\s*{_REF})*)""", re.X)
_RANGE = re.compile(rf"{_REF}\s*(?:\bto\b|[-–])\s*{_REF}")

# --- dates -----------------------------------------------------------------
_MONTH = (r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?:\.|\b))")
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"
_YEAR = r"(?:19|20)\d{2}\b"
_DATE = re.compile(rf"""(?<![\w.])(?:
    {_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?          # Jan. 23 | September 1, 2022 | May 23rd
  | {_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?   # 29th July | 8 August 2024
  | {_MONTH}\s+{_YEAR}                          # January 2024
  | {_YEAR}                                     # 2022
)(?!\d|,\d)""", re.X)

# --- figures ---------------------------------------------------------------
_NUM = r"\d+(?:[.,]\d+)*"  # as `briefkit check` reads numbers: 110, 1,000, 2.5
_UNIT = r"(?:year|day|week|month|hour|minute|percent|per\s+cent)s?"
# One number with what clings to it: 78th, 3+, 40%, 10-day, 3+ year.
_FIGURE_ONE = rf"{_NUM}(?:st|nd|rd|th)?\+?%?(?:(?:-|\s+)(?:{_UNIT})\b|-[a-z]+)?"
_FIGURE = re.compile(rf"""(?<![\w.,:/\[-])
    {_FIGURE_ONE}(?:\s*(?:\bor\b|\bto\b|[-–])\s*{_FIGURE_ONE})?   # and a range: 3 or 4-year
    (?![\w:/]|[.,]\d)""", re.X)
_SPELLED = re.compile(r"""(?i)\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|
    fifteen|twenty|thirty|forty|fifty|hundred)
    (?:\s+or\s+more|\s+and\s+a\s+half)?          # three or more years, two and a half years
    [\s-](?:year|week|day|month|hour|third)s?\b  # four years, two-week, two-third""", re.X)
# Not figures: clock times (01:01), bracketed reference ids ([1bf2aef0]) and a number that
# ends a name in capitals (ARTICLE 19, the rights organisation).
_NOT_FIGURES = re.compile(r"\b\d{1,2}:\d{2}\b|\[[0-9a-f]{6,}\]|\b[A-Z]{2,}\s\d+\b")

DEMAND_INTRO_WORDS = 8  # an introduction this short ("These include:") takes the sentence before too


@dataclass(frozen=True)
class Figure:
    """A number or a date, with the sentence that holds it."""

    value: str
    kind: str  # "number" or "date"
    line: int
    sentence: str
    following: str  # the words after the value, to name the candidate


@dataclass(frozen=True)
class ArticleRef:
    """A treaty article as the source names it, split into single articles where it lists several."""

    as_written: str
    articles: tuple[str, ...]
    line: int
    sentence: str


@dataclass(frozen=True)
class DemandItem:
    """One bullet of a list, without its bullet."""

    text: str
    line: int


@dataclass(frozen=True)
class DemandList:
    """A bulleted list and the sentence(s) that introduce it."""

    intro: str | None
    intro_line: int | None
    items: tuple[DemandItem, ...]


@dataclass
class Extraction:
    """Everything drawn from one source text."""

    quotes: list[QuoteCandidate] = field(default_factory=list)
    demands: list[DemandList] = field(default_factory=list)
    articles: list[ArticleRef] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    @property
    def numbers(self) -> list[Figure]:
        return [f for f in self.figures if f.kind == "number"]

    @property
    def dates(self) -> list[Figure]:
        return [f for f in self.figures if f.kind == "date"]


def extract(text: str) -> Extraction:
    """All candidates in `text`, each kind in source order."""
    blocks = paragraphs(text)
    return Extraction(quotes=find_quotes(blocks), demands=find_demands(blocks),
                      articles=[a for p in blocks for a in find_articles(p)],
                      figures=[f for p in blocks for f in find_figures(p)])


def find_demands(blocks: list[Paragraph]) -> list[DemandList]:
    """Runs of two or more bullet paragraphs, each with the paragraph that introduces it."""
    found: list[DemandList] = []
    run: list[Paragraph] = []
    for index, block in enumerate([*blocks, None]):
        if block is not None and block.is_bullet:
            run.append(block)
            continue
        if len(run) >= 2:
            before = blocks[index - len(run) - 1] if index - len(run) > 0 else None
            found.append(_demand_list(before, run))
        run = []
    return found


def find_articles(paragraph: Paragraph) -> list[ArticleRef]:
    """Every article reference in the paragraph, with its sentence."""
    found: list[ArticleRef] = []
    said = sentences(paragraph)
    for match in _ARTICLES.finditer(paragraph.text):
        refs = collapse(match.group("refs"))
        if _RANGE.fullmatch(refs):
            single: tuple[str, ...] = (f"Articles {refs}",)
        else:
            parts = re.split(r"\s*(?:,\s*(?:and|or)?|\band\b|\bor\b)\s*", refs)
            single = tuple(f"Article {part}" for part in parts if part)
        found.append(ArticleRef(collapse(match.group()), single, paragraph.line_at(match.start()),
                                sentence_at(said, match.start()).text))
    return found


def find_figures(paragraph: Paragraph) -> list[Figure]:
    """Dates first; then numbers standing outside dates, article numbers, times and ids."""
    text = paragraph.text
    said = sentences(paragraph)
    taken = bytearray(len(text))  # 1 where a character already belongs to something found
    for match in [*_ARTICLES.finditer(text), *_NOT_FIGURES.finditer(text)]:
        taken[match.start():match.end()] = b"\1" * (match.end() - match.start())
    found: list[tuple[int, Figure]] = []
    for kind, pattern in (("date", _DATE), ("number", _FIGURE), ("number", _SPELLED)):
        for match in pattern.finditer(text):
            if any(taken[match.start():match.end()]):
                continue
            taken[match.start():match.end()] = b"\1" * (match.end() - match.start())
            sentence = sentence_at(said, match.start())
            following = " ".join(re.findall(r"[^\W\d_]+", text[match.end():sentence.end])[:2])
            found.append((match.start(), Figure(collapse(match.group()), kind, paragraph.line_at(match.start()),
                                                sentence.text, following)))
    return [figure for _, figure in sorted(found, key=lambda pair: pair[0])]


def _demand_list(before: Paragraph | None, run: list[Paragraph]) -> DemandList:
    items = tuple(DemandItem(collapse(BULLET.sub("", p.text, count=1)), p.first_line) for p in run)
    if before is None or before.is_bullet:
        return DemandList(None, None, items)
    said = sentences(before)
    last = said[-1]
    start = said[-2].start if len(last.text.split()) < DEMAND_INTRO_WORDS and len(said) > 1 else last.start
    return DemandList(collapse(before.text[start:last.end]), before.line_at(start), items)
