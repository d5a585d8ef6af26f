"""Quoted statements in a source, and who made each one.

A quotation is worth a curator's time only with its speaker, so this module
finds both, and says how it found the speaker, since that decides how far to
trust it:

- "same sentence": `“…,” said X`, `“…” X said.`, `X said: “…”`,
  `X has stated that '…'`, `As X said, “…”`, and a quote whose closing mark is
  missing before `…, X told delegates.`;
- "same paragraph": a quote that follows another quote of X in its paragraph;
- "paragraph before": a paragraph that is all quotation, introduced by the end
  of the paragraph before (`X emphasized:`, `As X said,`);
- "continues": a paragraph of quotation following another one of X;
- "named earlier": a paragraph of quotation whose speaker is only named, with a
  speech verb, somewhere in the paragraph before. Check these.

Quote marks are read by where they stand (after a space, before a word) as
much as by their shape, so straight quotes and mistyped curly ones work too.
A quote without its closing mark runs to the end of its paragraph.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from briefkit.sources.prose import Paragraph, collapse, sentences, skip_space

_DOUBLE = "\"“”„«»"
_OPENING_SHAPES = "“„«"
_SINGLE_OPEN = "'‘"
_SINGLE_CLOSE = "'’"
_BEFORE_OPEN = "([{—–-/"  # characters after which a quote mark opens, like a space
_AFTER_CLOSE = ".,;:!?)]}—–-…"  # characters before which a quote mark closes

MIN_WORDS = 3  # shorter quoted words are scare quotes ("crime"), not statements
ROLE_TITLES = {
    "researcher", "director", "ambassador", "minister", "president", "chair", "chairman", "chairwoman",
    "chairperson", "head", "representative", "delegate", "spokesperson", "spokesman", "spokeswoman",
    "secretary", "secretary-general", "commissioner", "rapporteur", "counsel", "advocate", "officer",
    "adviser", "advisor", "analyst", "lawyer", "professor", "manager", "coordinator", "fellow",
    "founder", "co-founder", "ceo", "executive", "deputy", "senator", "envoy", "negotiator",
}
# Capitalised words that start a sentence without being part of the speaker's name.
_LEADING_WORDS = {
    "as", "in", "at", "on", "but", "and", "so", "yet", "then", "also", "however", "meanwhile", "today",
    "yesterday", "earlier", "later", "last", "this", "that", "these", "those", "the", "a", "an", "when",
    "while", "after", "before", "finally", "still", "now", "here", "there", "what", "to", "for", "with",
    "some", "many", "both", "instead", "indeed", "moreover", "similarly", "likewise",
}
_PRONOUNS = {"i", "we", "he", "she", "they", "it", "you", "one", "who", "nobody", "everyone", "someone"}

# --- the speaker's phrase --------------------------------------------------
# A capitalised word: "Canada", "EFF", "Ashton-Hart", "O’Brien", or initials "U.S.".
_CAP = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w&-]*(?:['’][A-Z][\w-]*)?)"
# Small words allowed inside a name: "Office of the High Commissioner for Human Rights".
_LINK = r"(?:of|for|the|and|on|de|la|du|van|von|der)"
_NAME = rf"{_CAP}(?:\s+(?:{_LINK}\s+)*{_CAP})*"
_ROLE_WORD = r"(?:" + "|".join(sorted(ROLE_TITLES, key=len, reverse=True)) + r"|delegation|government)\b"
_TITLE_ADJECTIVE = r"(?:(?:senior|chief|deputy|lead|executive|former|acting|legal|policy|press)\s+)?"
_OF = r"\s+(?:of|for|from)\s+(?:the\s+)?"
# "EFF's Katitza Rodriguez", "Burkina Faso’s delegate", "Canada", "the delegate of Examplia",
# "a senior spokesperson for the Example Rights Network".
_SPEAKER = (rf"(?:(?:(?:the|a|an)\s+)?{_TITLE_ADJECTIVE}{_ROLE_WORD}{_OF}{_NAME}"
            rf"|{_NAME}(?:['’]s\s+(?:{_NAME}|(?:[a-z]+\s+)?{_ROLE_WORD}))?)")
# An office and the body it serves, to split "delegate of Examplia" into role and speaker.
_OFFICE = re.compile(rf"(?P<office>{_TITLE_ADJECTIVE}{_ROLE_WORD}){_OF}(?P<body>{_NAME})")
_VERB = (r"(?:said|says|told|tells|warned|warns|stated|added|adds|noted|notes|argued|argues|"
         r"explained|explains|emphasi[sz]ed|emphasi[sz]es|stressed|stresses|underscored|underscores|"
         r"urged|urges|insisted|insists|declared|declares|asked|asks|wrote|writes|remarked|observed|"
         r"cautioned|suggested|suggests|concluded|continued|commented|pointed\s+out|put\s+it|"
         r"highlighted|announced|acknowledged|replied|responded|claimed|recalled|reiterated|affirmed)")
_AUX = r"(?:(?:has|have|had|also|then|later|once|again)\s+)*"
# ", a researcher at the group," between a name and its verb.
_APPOSITIVE = r"(?:\s*,\s*(?P<appositive>[^,“”\"]{1,160}?)\s*,)?"

# After the closing mark: ", said Burkina Faso’s delegate" or " Canada said".
_AFTER = re.compile(rf"""[\s,]*(?:
    {_VERB}\s+(?P<inverted>{_SPEAKER})          # said X
  | (?P<named>{_SPEAKER}){_APPOSITIVE}\s+{_AUX}{_VERB}\b   # X said
)""", re.X)


def _introduction(tail: str) -> re.Pattern:
    """A speaker and speech verb ending a stretch of text, then `tail`, the end of the intro."""
    return re.compile(rf"""(?:
        (?P<named>{_SPEAKER}){_APPOSITIVE}\s+{_AUX}{_VERB}\b{tail}
      | [Aa]ccording\s+to\s+(?P<according>{_SPEAKER})\s*,
    )\s*$""", re.X)


# Before the opening mark, in the same sentence: "X said: ", "X has stated that ",
# "X told delegates ", "As X said, ", "According to X, ".
_BEFORE = _introduction(r"""(?:(?:\s+[^\s“”"]+){0,4}\s*[:,]?     # a few words: "told delegates"
                              |[^“”"]{0,200}?(?:[:,]|\bthat))     # or more, then a colon, comma or "that"
                          """)
# The end of the paragraph before a paragraph of quotation: "… emphasized:", "As Canada said,".
_INTRO = _introduction(r"""[^“”"]{0,200}?[:,]""")
# Inside a quote whose closing mark is missing: "…protected, EFF's Katitza Rodriguez told delegates."
_TRAILING = re.compile(rf",\s+(?P<named>{_SPEAKER})\s+{_AUX}{_VERB}\b[^“”\"]*$")
# Anywhere in a paragraph: "Canada warned delegates".
_NAMED = re.compile(rf"(?P<named>{_SPEAKER}){_APPOSITIVE}\s+{_AUX}{_VERB}\b")


@dataclass(frozen=True)
class Speaker:
    """Who said it, as the text names them, and how that was found."""

    name: str
    role: str | None
    how: str  # one of HOW below
    evidence: str  # the words that name the speaker, for the curator to judge ("" when reused)
    line: int  # where those words stand, or the quote whose speaker is reused
    person: bool = False  # a person's name, split from a title or a possessive

    def describe(self) -> str:
        """How the speaker was found, in a line a curator reads before trusting it."""
        evidence = self.evidence
        if len(evidence) > 80:  # keep both ends, whole words: the speaker's name and the verb
            head, tail = evidence[:45].rsplit(" ", 1)[0], evidence[-30:].split(" ", 1)[-1]
            evidence = f"{head} … {tail}"
        return HOW[self.how].format(line=self.line, evidence=f"“{evidence}”")


# How each rule names its finding, for the comment above a candidate; most trusted first.
HOW = {
    "same sentence": "speaker from the same sentence (line {line}): {evidence}",
    "same paragraph": "speaker of the quote before it in this paragraph (line {line})",
    "paragraph before": "speaker introduced at the end of the paragraph before (line {line}): {evidence}",
    "continues": "speaker continued from the quotation at line {line}",
    "named earlier": "speaker only named in the paragraph before (line {line}): {evidence}; check it",
}


@dataclass(frozen=True)
class QuoteCandidate:
    """Words in quote marks, verbatim (whitespace collapsed), with their speaker."""

    text: str
    line: int
    speaker: Speaker | None
    closed: bool  # False when the source omits the closing quote mark


@dataclass(frozen=True)
class _Span:
    """A quotation inside a paragraph: offsets of its opening mark and of the end of its words."""

    open: int
    end: int
    close: int | None  # offset of the closing mark, if there is one


def find_quotes(paragraphs: list[Paragraph]) -> list[QuoteCandidate]:
    """Every quotation of at least MIN_WORDS words that has a speaker, in source order."""
    return [quote for _, _, quote in attributed(paragraphs)
            if quote is not None and quote.speaker is not None and len(quote.text.split()) >= MIN_WORDS]


def attributed(paragraphs: list[Paragraph]) -> Iterator[tuple[Paragraph, _Span, QuoteCandidate | None]]:
    """Every quotation in the paragraphs, where it stands, and what it says with its speaker (if found)."""
    previous: tuple[Paragraph, list[QuoteCandidate]] | None = None
    for paragraph in paragraphs:
        spans = quote_spans(paragraph.text)
        starts = [s.start for s in sentences(paragraph)]
        quotes: list[QuoteCandidate] = []
        for index, span in enumerate(spans):
            quote = _attribute(paragraph, span, _clause_start(starts, spans, index), quotes, previous)
            if quote is not None:
                quotes.append(quote)
            yield paragraph, span, quote
        previous = (paragraph, quotes)


def quote_spans(text: str) -> list[_Span]:
    """Double-quoted passages, then single-quoted ones outside them."""
    doubles = _double_spans(text)
    inside = bytearray(len(text) + 1)
    for span in doubles:
        inside[span.open:span.end] = b"\1" * (span.end - span.open)
    singles = [s for s in _single_spans(text) if not inside[s.open]]
    return sorted(doubles + singles, key=lambda s: s.open)


def _clause_start(sentence_starts: list[int], spans: list[_Span], index: int) -> int:
    """Where the words that may introduce quote `index` begin: its sentence, or the quote before."""
    start = sentence_starts[max(bisect.bisect_right(sentence_starts, spans[index].open) - 1, 0)] \
        if sentence_starts else 0
    if index > 0:
        before = spans[index - 1]
        start = max(start, before.end + (1 if before.close is not None else 0))
    return start


def split_speaker(phrase: str) -> tuple[str, str | None]:
    """A name and a role when the phrase holds both; else the phrase itself.

    "Human Rights Watch Senior Researcher Deborah Brown" -> ("Deborah Brown", "Human Rights
    Watch Senior Researcher"); "EFF's Katitza Rodriguez" -> ("Katitza Rodriguez", "EFF");
    "delegate of Examplia" -> ("Examplia", "delegate"); "Burkina Faso’s delegate" and
    "Canada" stay whole.
    """
    name, role, _person = _split(phrase)
    return name, role


def _split(phrase: str) -> tuple[str, str | None, bool]:
    """`split_speaker`, and whether the name is a person's (the id then uses the family name)."""
    phrase = collapse(phrase)
    if office := _OFFICE.fullmatch(phrase):
        return office["body"], office["office"], False
    words = phrase.split(" ")
    titles = [i for i, word in enumerate(words) if word.lower() in ROLE_TITLES]
    if titles and _is_person(words[titles[-1] + 1:]):
        return " ".join(words[titles[-1] + 1:]), " ".join(words[:titles[-1] + 1]), True
    possessive = re.fullmatch(r"(?P<owner>.+?)['’]s (?P<rest>.+)", phrase)
    if possessive and _is_person(possessive["rest"].split(" ")):
        return possessive["rest"], possessive["owner"], True
    return phrase, None, False


def _is_person(words: list[str]) -> bool:
    """Two to four capitalised words, none of them a link word or title: a personal name."""
    return (2 <= len(words) <= 4 and all(re.fullmatch(_CAP, w) for w in words)
            and not any(w.lower() in ROLE_TITLES for w in words))


def _double_spans(text: str) -> list[_Span]:
    spans: list[_Span] = []
    opened: int | None = None
    for i, ch in enumerate(text):
        if ch not in _DOUBLE:
            continue
        role = _mark_role(text, i, opened is not None)
        if opened is None and role == "open":
            opened = i
        elif opened is not None and role == "close":
            spans.append(_Span(opened, i, i))
            opened = None
        elif opened is not None and role == "open":  # a new quote: the last one was never closed
            spans.append(_Span(opened, i, None))
            opened = i
    if opened is not None:
        spans.append(_Span(opened, len(text), None))
    return spans


def _mark_role(text: str, i: int, inside: bool) -> str:
    """Whether the quote mark at `i` opens or closes: by its neighbours, else by its shape."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    open_left = before.isspace() or before in _BEFORE_OPEN
    close_right = after.isspace() or after in _AFTER_CLOSE
    if open_left and not close_right:
        return "open"
    if close_right and not open_left:
        return "close"
    if text[i] == '"':
        return "close" if inside else "open"
    return "open" if text[i] in _OPENING_SHAPES else "close"


def _single_spans(text: str) -> list[_Span]:
    """'…' and ‘…’ quotations; an apostrophe (isn't, Country B's) neither opens nor closes."""
    spans: list[_Span] = []
    opened: int | None = None
    for i, ch in enumerate(text):
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if opened is None and ch in _SINGLE_OPEN and (before.isspace() or before in _BEFORE_OPEN) \
                and after.isalnum():
            opened = i
        elif opened is not None and ch in _SINGLE_CLOSE and not before.isspace() \
                and (after.isspace() or after in _AFTER_CLOSE):
            spans.append(_Span(opened, i, i))
            opened = None
    return spans


def _attribute(paragraph: Paragraph, span: _Span, clause_start: int, earlier: list[QuoteCandidate],
               previous: tuple[Paragraph, list[QuoteCandidate]] | None) -> QuoteCandidate | None:
    """The quote at `span` with its speaker, found by the most local rule that applies."""
    text = paragraph.text
    words_start = span.open + 1
    words_end = span.end
    speaker = _after(paragraph, span) or _before(paragraph, span, clause_start)
    if speaker is None and span.close is None:
        speaker, cut = _trailing(paragraph, words_start, words_end)
        words_end = cut if speaker else words_end
    if speaker is None and earlier and earlier[-1].speaker is not None:
        speaker = _reuse(earlier[-1].speaker, "same paragraph", earlier[-1].line)
    if speaker is None and not text[:span.open].strip() and previous is not None:
        speaker = _from_paragraph_before(*previous)
    words = collapse(text[words_start:words_end]).rstrip(",;: ")
    if not words:
        return None
    return QuoteCandidate(words, paragraph.line_at(skip_space(text, words_start)), speaker,
                          span.close is not None)


def _after(paragraph: Paragraph, span: _Span) -> Speaker | None:
    if span.close is None or _last_char(paragraph.text, span.close) == ".":
        return None  # a full stop ended the sentence: what follows starts another
    match = _AFTER.match(paragraph.text, span.close + 1)
    if not match:
        return None
    return _speaker(match.group("inverted") or match.group("named"), "same sentence",
                    match.group().strip(" ,\n"), paragraph.line_at(match.start()))


def _before(paragraph: Paragraph, span: _Span, start: int) -> Speaker | None:
    """A speaker introducing the quote in the words from `start` to its opening mark."""
    match = _BEFORE.search(paragraph.text, start, span.open)
    if not match:
        return None
    return _speaker(match.group("named") or match.group("according"), "same sentence",
                    match.group().strip(" ,\n"), paragraph.line_at(match.start()))


def _last_char(text: str, end: int) -> str:
    """The last character before `end` that is not whitespace."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return text[end - 1] if end else ""


def _trailing(paragraph: Paragraph, start: int, end: int) -> tuple[Speaker | None, int]:
    """For a quote with no closing mark: an attribution that ends it, and where its words end."""
    match = _TRAILING.search(paragraph.text, start, end)
    if not match:
        return None, end
    speaker = _speaker(match.group("named"), "same sentence", match.group().strip(" ,\n"),
                       paragraph.line_at(match.start("named")))
    return speaker, match.start()


def _from_paragraph_before(paragraph: Paragraph, quotes: list[QuoteCandidate]) -> Speaker | None:
    """The speaker of a paragraph that is all quotation, from the paragraph before it."""
    outside = _outside_quotes(paragraph.text)
    last = sentences(paragraph)[-1] if paragraph.text.strip() else None
    if last is not None and (match := _INTRO.search(paragraph.text, last.start)):
        name = match.group("named") or match.group("according")
        return _speaker(name, "paragraph before", match.group().strip(" ,\n"),
                        paragraph.line_at(match.start()))
    if quotes and quotes[-1].speaker is not None and _starts_with_quote(paragraph.text):
        return _reuse(quotes[-1].speaker, "continues", quotes[-1].line)
    named = [m for m in _NAMED.finditer(outside)]
    if named:
        match = named[-1]
        return _speaker(match.group("named"), "named earlier", collapse(match.group()),
                        paragraph.line_at(match.start()))
    return None


def _outside_quotes(text: str) -> str:
    """The paragraph with its quotations blanked out (offsets kept), to look for speakers in."""
    chars = list(text)
    for span in quote_spans(text):
        for i in range(span.open, min(span.end + 1, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def _speaker(phrase: str, how: str, evidence: str, line: int) -> Speaker | None:
    """A Speaker from the phrase a pattern matched, or None when it names nobody (a pronoun)."""
    phrase = _strip_leading(collapse(phrase))
    if not phrase:
        return None
    name, role, person = _split(phrase)
    return Speaker(name, role, how, collapse(evidence), line, person)


def _strip_leading(phrase: str) -> str:
    """Drop sentence-opening words ("As Canada" -> "Canada"); nothing left for a pronoun."""
    words = phrase.split(" ")
    while words and words[0].lower() in _LEADING_WORDS and len(words) > 1:
        words = words[1:]
    if len(words) == 1 and words[0].lower() in _LEADING_WORDS | _PRONOUNS:
        return ""
    return " ".join(words)


def _reuse(speaker: Speaker, how: str, line: int) -> Speaker:
    return Speaker(speaker.name, speaker.role, how, "", line, speaker.person)


def _starts_with_quote(text: str) -> bool:
    spans = quote_spans(text)
    return bool(spans) and not text[:spans[0].open].strip()
