"""Find a quotation in its source, forgiving only typography.

A quote passes if it appears in the source once whitespace and line breaks,
typographic quotes and apostrophes, and dashes are normalised. Nothing else is
forgiven: one changed word fails, and the nearest passage (within one
paragraph) is reported with a word-level diff so a curator sees what drifted.
A quote that marks an omission (… or […]) is found piece by piece, in order,
within one paragraph.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_CHAR_MAP = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-",
})
_OPENERS = "([{\"'-"
# Words for the similarity search; a double quote separates words, since
# normalising drops the space next to it.
_WORD = re.compile(r'[^\s"]+')
_CLOSERS = ")]}\"'-"


# An omission marked inside a quote: "…", "...", "[…]" or "[...]".
OMISSION = re.compile(r"\s*(?:\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.)\s*")


@dataclass(frozen=True)
class Location:
    """Where words stand in a source: 1-based line and paragraph; `start` and `end` are offsets
    in the source's text (of the first piece's start and the last piece's end)."""

    line: int
    paragraph: int
    start: int = 0
    end: int = 0


class SourceText:
    """A source's text, normalised once, with a map back to original offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.normal, self._offsets = _normalise_with_offsets(text)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._paragraph_of_line = _paragraph_numbers(text)
        self.words = [(m.group(), m.start()) for m in _WORD.finditer(self.normal)]

    def find(self, quote: str) -> Location | None:
        """Where `quote` stands; its pieces around an omission mark must stand in order in one paragraph."""
        pieces = [normalise(piece) for piece in OMISSION.split(quote)]
        pieces = [piece for piece in pieces if piece]
        if not pieces:
            return None
        index = self.normal.find(pieces[0])
        while index >= 0:
            end = self._pieces_from(index + len(pieces[0]), pieces[1:], self._paragraph_at(index))
            if end is not None:
                location = self.location_at(self._offsets[index])
                return Location(location.line, location.paragraph, self._offsets[index],
                                self._offsets[end - 1] + 1)
            index = self.normal.find(pieces[0], index + 1)
        return None

    def _pieces_from(self, position: int, pieces: list[str], paragraph: int) -> int | None:
        """The end of the last of `pieces`, each found after the one before, all in `paragraph`."""
        for piece in pieces:
            index = self.normal.find(piece, position)
            if index < 0 or self._paragraph_at(index + len(piece) - 1) != paragraph:
                return None
            position = index + len(piece)
        return position

    def _paragraph_at(self, normal_index: int) -> int:
        return self.location_at(self._offsets[normal_index]).paragraph

    def location_at(self, offset: int) -> Location:
        line = _bisect(self._line_starts, offset) + 1
        return Location(line=line, paragraph=self._paragraph_of_line[line - 1], start=offset, end=offset)

    def closest(self, quote: str) -> tuple[Location, str, float] | None:
        """The passage most like `quote` (as many words, within one paragraph), where it starts, and
        how alike the two are."""
        target = [_key(w) for w in _WORD.findall(normalise(" ".join(OMISSION.split(quote))))]
        if not target or not self.words:
            return None
        size = len(target)
        keys = [_key(w) for w, _ in self.words]
        paragraph = [self._paragraph_at(offset) for _, offset in self.words]
        best, best_start, best_end = -1.0, 0, 0
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(target)
        for start in range(len(keys)):
            if start and paragraph[start] == paragraph[start - 1] and len(keys) - start < size:
                break  # every later window is shorter than the quote and inside a paragraph seen
            end = start
            while end < len(keys) and end - start < size and paragraph[end] == paragraph[start]:
                end += 1
            matcher.set_seq1(keys[start:end])
            if matcher.real_quick_ratio() <= best or matcher.quick_ratio() <= best:
                continue
            ratio = matcher.ratio()
            if ratio > best:
                best, best_start, best_end = ratio, start, end
        passage = _cut_like(" ".join(w for w, _ in self.words[best_start:best_end]), normalise(quote))
        location = self.location_at(self._offsets[self.words[best_start][1]])
        return location, passage, best


def normalise(text: str) -> str:
    return _normalise_with_offsets(text)[0]


def word_ops(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level changes from `old` to `new`: ("equal" | "delete" | "insert", text) in order.

    Words and punctuation marks are compared as tokens of their own, so a
    changed word does not drag the comma after it into the change, and a
    changed comma is a change of the comma alone. Each piece carries the space
    that stands before it (none before the first piece, none before a comma
    that hugs its word): joining the pieces gives the text back, whitespace
    collapsed. `marked()` joins them with [-…-] and {+…+}.
    """
    a, b = _tokens(old), _tokens(new)
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=[t for t, _ in a], b=[t for t, _ in b],
                                                      autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("equal", _joined(b[j1:j2])))
            continue
        if i2 > i1:
            out.append(("delete", _joined(a[i1:i2])))
        if j2 > j1:
            out.append(("insert", _joined(b[j1:j2])))
    if out:
        out[0] = (out[0][0], out[0][1].lstrip(" "))
    return out


def marked(ops: list[tuple[str, str]], marks: dict[str, str] | None = None) -> str:
    """The pieces of word_ops joined, each change in its marks: `… [-pass-] {+go+} through …`."""
    marks = marks or {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return "".join(" " * text.startswith(" ") + marks[op].format(text.lstrip(" ")) for op, text in ops)


def word_diff(found: str, wanted: str) -> str:
    """Inline word diff: [-source words-] {+quote words+}."""
    return marked(word_ops(found, wanted))


_DIFF_TOKEN = re.compile(r"(\s*)(\d+(?:[.,:]\d+)+|\w+(?:['’]\w+)*|[^\w\s])")


def _tokens(text: str) -> list[tuple[str, bool]]:
    """Words (a number with its decimal point or separators is one) and single punctuation marks,
    each with whether whitespace stands before it."""
    return [(m.group(2), bool(m.group(1))) for m in _DIFF_TOKEN.finditer(text)]


def _joined(tokens: list[tuple[str, bool]]) -> str:
    return "".join((" " if space else "") + token for token, space in tokens)


def _cut_like(passage: str, quote: str) -> str:
    """The passage without the punctuation at its edges that the quote's own edges do not have:
    a quote that stops at "judge" is compared with "… judge", not "… judge,"."""
    cut = passage
    if quote and not _EDGE_MARK.match(quote[-1]):
        cut = cut.rstrip(_EDGE_MARKS)
    if quote and not _EDGE_MARK.match(quote[0]):
        cut = cut.lstrip(_EDGE_MARKS)
    return cut or passage


_EDGE_MARKS = ".,;:!?\"'()[]{}-…"
_EDGE_MARK = re.compile(r"[^\w\s]")


def _key(word: str) -> str:
    """A word as the similarity search compares it: case and edge punctuation ignored."""
    return word.strip(".,;:!?\"'()[]{}-…").lower()


def _normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """Collapse whitespace, unify quotes and dashes; drop spaces hugging brackets and dashes."""
    chars: list[str] = []
    offsets: list[int] = []
    pending_space = -1
    for i, ch in enumerate(text.translate(_CHAR_MAP)):
        if ch.isspace():
            if chars and pending_space < 0:
                pending_space = i
            continue
        if pending_space >= 0:
            if chars[-1] not in _OPENERS and ch not in _CLOSERS:
                chars.append(" ")
                offsets.append(pending_space)
            pending_space = -1
        chars.append(ch)
        offsets.append(i)
    return "".join(chars), offsets


def _paragraph_numbers(text: str) -> list[int]:
    """Paragraph number of each line: blocks split by blank lines, or by line if there are none."""
    lines = text.split("\n")
    by_line = not any(not line.strip() for line in lines[:-1])
    numbers, current, in_paragraph = [], 0, False
    for line in lines:
        if not line.strip():
            in_paragraph = False
            numbers.append(max(current, 1))
            continue
        if by_line or not in_paragraph:
            current += 1
            in_paragraph = True
        numbers.append(current)
    return numbers


def _bisect(starts: list[int], offset: int) -> int:
    lo, hi = 0, len(starts)
    while lo + 1 < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid
    return lo
