"""A word-level diff from current to proposed treaty text, the redline both writers print.

Texts are compared as tokens: words, punctuation marks and the whitespace
between them, with whitespace first collapsed so that line breaks and double
spaces never show as changes. A comma that becomes a semicolon is a change
of one token; the words around it stay unchanged. The pieces are exact:
joining the kept and inserted pieces gives the proposed text, joining the
kept and deleted pieces gives the current text (whitespace collapsed).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\s+|\w+(?:['’]\w+)*|[^\w\s]")


@dataclass(frozen=True)
class Piece:
    op: str  # "keep", "insert" or "delete"
    text: str


def normalise(text: str | None) -> str:
    return " ".join((text or "").split())


def redline(current: str | None, proposed: str | None) -> list[Piece]:
    """The pieces that turn `current` into `proposed`."""
    old, new = _TOKEN.findall(normalise(current)), _TOKEN.findall(normalise(proposed))
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            _add(pieces, "keep", "".join(old[i1:i2]))
            continue
        if i2 > i1:
            _add(pieces, "delete", "".join(old[i1:i2]))
        if j2 > j1:
            _add(pieces, "insert", "".join(new[j1:j2]))
    return _absorb_lone_spaces(pieces)


def accepted(pieces: list[Piece]) -> str:
    return "".join(p.text for p in pieces if p.op != "delete")


def rejected(pieces: list[Piece]) -> str:
    return "".join(p.text for p in pieces if p.op != "insert")


def _add(pieces: list[Piece], op: str, text: str) -> None:
    if text:
        if pieces and pieces[-1].op == op:
            pieces[-1] = Piece(op, pieces[-1].text + text)
        else:
            pieces.append(Piece(op, text))


def _absorb_lone_spaces(pieces: list[Piece]) -> list[Piece]:
    """Fold a kept single space between two replacements into them, so "b c" → "x y" reads as one change.

    Without this, [-b-]{+x+} [-c-]{+y+}; with it, [-b c-]{+x y+}. The space is
    added to both the deleted and the inserted text, which keeps accepted() and
    rejected() exact. Only replacements are joined: between two pure insertions
    the space is part of the current text and stays kept.
    """
    out: list[Piece] = []
    for index, piece in enumerate(pieces):
        is_gap = piece.op == "keep" and piece.text.isspace() and 0 < index < len(pieces) - 1
        if is_gap and _replaces(_trailing_changes(out)) and _replaces(_leading_changes(pieces[index + 1:])):
            group = _trailing_changes(out)
            del out[len(out) - len(group):]
            _add(out, "delete", "".join(p.text for p in group if p.op == "delete") + piece.text)
            _add(out, "insert", "".join(p.text for p in group if p.op == "insert") + piece.text)
            continue
        _add(out, piece.op, piece.text)
    return _merge_runs(out)


def _trailing_changes(pieces: list[Piece]) -> list[Piece]:
    group = []
    for piece in reversed(pieces):
        if piece.op == "keep":
            break
        group.insert(0, piece)
    return group


def _leading_changes(pieces: list[Piece]) -> list[Piece]:
    group = []
    for piece in pieces:
        if piece.op == "keep":
            break
        group.append(piece)
    return group


def _replaces(group: list[Piece]) -> bool:
    return {p.op for p in group} == {"delete", "insert"}


def _merge_runs(pieces: list[Piece]) -> list[Piece]:
    """Deletions first, then insertions, within each stretch of changes; neighbours merged."""
    out: list[Piece] = []
    stretch: list[Piece] = []
    for piece in pieces + [Piece("keep", "")]:
        if piece.op == "keep":
            _add(out, "delete", "".join(p.text for p in stretch if p.op == "delete"))
            _add(out, "insert", "".join(p.text for p in stretch if p.op == "insert"))
            stretch = []
            _add(out, "keep", piece.text)
        else:
            stretch.append(piece)
    return out
