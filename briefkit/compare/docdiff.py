"""How two audiences' versions of a document differ, paragraph by paragraph.

A coalition needs to know what each delegation receives. Both documents are
composed to the one intermediate HTML and cut into blocks (headings,
paragraphs, list items, table cells), which difflib aligns; a changed
paragraph carries a word-level diff. The same blocks serve `briefkit check`'s
tailored-text warning (see tailoring.py).
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from briefkit.build.plan import resolve_audiences
from briefkit.campaign.loader import load_campaign
from briefkit.campaign.model import KINDS
from briefkit.checks.evidence import verify
from briefkit.errors import UsageProblem, suggest
from briefkit.render.compose import compose_all
from briefkit.render.document import Block, Document, blocks
from briefkit.sources.textmatch import word_ops

# Two paragraphs at least this alike are one paragraph changed, not one removed and one added.
SAME_PARAGRAPH = 0.5


@dataclass(frozen=True)
class Change:
    """One step of the alignment: `same`, `changed`, `only_a`, `only_b`, or `moved` (the same
    block at another place: shown where B has it)."""

    op: str
    a: Block | None = None
    b: Block | None = None
    # for `changed`: ("equal"|"delete"|"insert", words), each with the space before it (textmatch.word_ops)
    words: tuple[tuple[str, str], ...] = ()


@dataclass
class DocDiff:
    kind: str
    audience_a: str
    audience_b: str
    changes: list[Change] = field(default_factory=list)

    def count(self, op: str) -> int:
        return sum(1 for change in self.changes if change.op == op)

    @property
    def identical(self) -> bool:
        return all(change.op == "same" for change in self.changes)

    def summary(self) -> str:
        """How many blocks changed, moved, or stand in one document only."""
        a, b = self.audience_a, self.audience_b
        return (f"{self.count('changed')} changed, {self.count('only_a')} only in {a}, "
                f"{self.count('only_b')} only in {b}, {self.count('moved')} moved, {self.count('same')} the same")


def diff_documents(a: Document, b: Document) -> DocDiff:
    """Align the blocks of two documents of one kind and describe every difference."""
    result = DocDiff(a.kind, a.audience, b.audience)
    left, right = blocks(a.tree), blocks(b.tree)
    matcher = difflib.SequenceMatcher(a=[x.text for x in left], b=[x.text for x in right], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            result.changes += [Change("same", x, y) for x, y in zip(left[i1:i2], right[j1:j2])]
        else:
            result.changes += _pair(left[i1:i2], right[j1:j2])
    result.changes = _moves(result.changes)
    return result


def diff_audiences(campaign_dir: Path, audience_a: str, audience_b: str, kind: str = "letter") -> DocDiff:
    """Load and check the campaign, compose `kind` for both audiences, and diff them."""
    if kind not in KINDS:
        raise UsageProblem(f"unknown kind {kind!r}", hint=suggest(kind, KINDS))
    verified = verify(load_campaign(campaign_dir, partial=True))
    audiences = resolve_audiences(verified.campaign.audiences, [audience_a, audience_b])
    if len(audiences) == 1:
        raise UsageProblem(f"both sides of the diff are {audience_a!r}", hint="name two different audiences")
    a, b = compose_all(verified, [kind], audiences, all_languages=False)
    return diff_documents(a, b)


def _moves(changes: list[Change]) -> list[Change]:
    """A block only A has at one place and only B has at another was moved (positions reordered)."""
    only_a = Counter(c.a.text for c in changes if c.op == "only_a")
    only_b = Counter(c.b.text for c in changes if c.op == "only_b")
    drop = only_a & only_b  # texts on both sides: each pair is one move
    convert = Counter(drop)
    out = []
    for change in changes:
        if change.op == "only_a" and drop[change.a.text] > 0:
            drop[change.a.text] -= 1
            continue
        if change.op == "only_b" and convert[change.b.text] > 0:
            convert[change.b.text] -= 1
            change = Change("moved", change.b, change.b)
        out.append(change)
    return out


def _pair(left: list[Block], right: list[Block]) -> list[Change]:
    """Within a run that differs, pair the most alike blocks as changed (as difflib.Differ does)."""
    if not left or not right:
        return [Change("only_a", a=x) for x in left] + [Change("only_b", b=y) for y in right]
    best, best_i, best_j = SAME_PARAGRAPH - 1e-9, -1, -1
    matcher = difflib.SequenceMatcher(autojunk=False)
    for j, y in enumerate(right):
        matcher.set_seq2(y.text.split())
        for i, x in enumerate(left):
            matcher.set_seq1(x.text.split())
            if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best and matcher.ratio() > best:
                best, best_i, best_j = matcher.ratio(), i, j
    if best_i < 0:
        return [Change("only_a", a=x) for x in left] + [Change("only_b", b=y) for y in right]
    x, y = left[best_i], right[best_j]
    changed = Change("changed", x, y, tuple(word_ops(x.text, y.text)))
    return _pair(left[:best_i], right[:best_j]) + [changed] + _pair(left[best_i + 1:], right[best_j + 1:])
