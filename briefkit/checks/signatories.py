"""The same organisation twice in signatories.csv, perhaps typed two ways, is caught before it is
printed twice in a letter.

Names are compared folded: case, accents, punctuation and spacing aside
("Access Now", "ACCESS NOW.", "Accèss  Now"). The same folded name twice is an
error naming both lines; two names one letter apart ("Article 19" and
"Article 91" differ in digits, which are never a typo here; "Amnesty
Internatonal" is one letter from the right name) is a warning, found
through their one-letter deletions so that a list of thousands stays fast.
"""

from __future__ import annotations

import re
import unicodedata

from briefkit.campaign.layout import SIGNATORIES_FILE
from briefkit.campaign.model import Signatory
from briefkit.errors import Problem

_MIN_NEAR = 6  # shorter names one letter apart are as often two organisations (ICJ, ICC)


def check_signatories(signatories: list[Signatory], problems: list[Problem], warnings: list[Problem]) -> None:
    first: dict[str, Signatory] = {}
    for signatory in signatories:
        key = fold(signatory.name)
        if key in first:
            earlier = first[key]
            problems.append(Problem(SIGNATORIES_FILE, signatory.row, f"{signatory.name!r} is listed twice: "
                                    f"line {earlier.row} has {earlier.name!r}",
                                    "keep one row per organisation (the letter would print it twice)"))
        else:
            first[key] = signatory
    by_deletion: dict[str, list[str]] = {}
    for key in first:
        for variant in _deletions(key) | {key}:
            by_deletion.setdefault(variant, []).append(key)
    reported: set[tuple[str, str]] = set()
    for key, signatory in first.items():
        if len(key) < _MIN_NEAR:
            continue
        near = {other for variant in _deletions(key) | {key} for other in by_deletion.get(variant, [])}
        for other in sorted(near - {key}):
            pair = tuple(sorted((key, other)))
            if pair in reported or len(other) < _MIN_NEAR or _distance(key, other) != 1:
                continue
            reported.add(pair)
            a, b = sorted((signatory, first[other]), key=lambda s: s.row)
            warnings.append(Problem(SIGNATORIES_FILE, b.row, f"{b.name!r} is one letter from {a.name!r} "
                                    f"(line {a.row}): the same organisation typed twice?",
                                    "if it is, keep one row; if not, nothing to do", severity="warning"))


def fold(name: str) -> str:
    """A name as compared: no case, accents, punctuation or repeated spaces."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]|_", " ", letters).split())


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _distance(a: str, b: str) -> int:
    """Edit distance, stopping at 2 (only 0, 1 or "more" matters here); a different digit is never a
    typo ("Network 12" and "Network 13" are two organisations)."""
    if abs(len(a) - len(b)) > 1:
        return 2
    if len(a) == len(b):
        differences = [(x, y) for x, y in zip(a, b) if x != y]
        return 1 if len(differences) == 1 and not any(c.isdigit() for c in differences[0]) else 2
    short, long = (a, b) if len(a) < len(b) else (b, a)
    for i in range(len(long)):
        if long[:i] + long[i + 1:] == short and not long[i].isdigit():
            return 1
    return 2
