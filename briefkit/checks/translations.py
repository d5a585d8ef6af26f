"""Translations that no longer translate what the campaign says: stale, left over, or untracked.

The worst failure of a multilingual campaign is silent: the English of a
demand changes, and the French letter still makes the old one. Every
translation records the source text it was made from (campaign/tracking.py);
here each one whose record differs from today's source is a warning naming
the field, the languages and what changed in the source, as a word diff.
Warnings, because the documents still build (saying which of their parts
translate an earlier text); `--strict` makes them errors, so CI refuses.

Also warned: entries of a stored catalogue whose text the campaign no longer
has, and, once a campaign keeps translations/, inline translations of which
nobody recorded the source.
"""

from __future__ import annotations

from briefkit.campaign.model import Campaign
from briefkit.campaign.tracking import Translation
from briefkit.campaign.yamlio import dotted, parse_dotted
from briefkit.errors import Problem
from briefkit.sources.textmatch import word_ops

CONTEXT_WORDS = 4  # unchanged words kept on each side of a change in a diff


def translation_warnings(campaign: Campaign) -> list[Problem]:
    """One warning per stale text (all its languages made from one earlier source together), per
    left-over catalogue entry, and per file and language with untracked inline translations."""
    state = campaign.translations
    main = campaign.config.settings.language
    warnings: list[Problem] = []
    stale: dict[tuple[str, str], list[Translation]] = {}
    for translation in state.in_state("stale"):
        stale.setdefault((translation.context, translation.made_from or ""), []).append(translation)
    for (context, made_from), found in stale.items():
        path, loc = split_context(context)
        languages = sorted(t.lang for t in found)
        names = ", ".join(languages)
        stored = sorted({f"{t.path}:{t.line}" for t in found if not t.inline})
        where = f" (stored in {', '.join(stored)})" if stored else ""
        one = languages[0] if len(languages) == 1 else "LANG"
        warnings.append(Problem(
            path, campaign.provenance.line(path, loc), f"{dotted(loc)}: the {names} "
            f"translation{'s' if len(languages) > 1 else ''}{where} translate{'' if len(languages) > 1 else 's'} "
            f"an earlier {main} text, which has changed since: {short_diff(made_from, found[0].source)}",
            f"have it translated again (`briefkit translate export {one}` marks it for review), or, if the "
            f"translation still fits, `briefkit translate accept {one} {context}`", severity="warning"))
    for orphan in state.orphans:
        warnings.append(Problem(orphan.path, orphan.line, f"the {orphan.lang} translation of {orphan.context}: "
                                "the campaign has no such text any more (a field removed, or a file renamed)",
                                f"`briefkit translate accept {orphan.lang}` removes it; a renamed file's "
                                "translations come back with `briefkit translate import`", severity="warning"))
    if state.tracking:
        warnings += _untracked(campaign)
    return warnings


def _untracked(campaign: Campaign) -> list[Problem]:
    """Inline translations nobody recorded the source of: one warning per language, at the first."""
    grouped: dict[str, list[Translation]] = {}
    for translation in campaign.translations.in_state("untracked"):
        grouped.setdefault(translation.lang, []).append(translation)
    main = campaign.config.settings.language
    warnings = []
    for lang, found in sorted(grouped.items()):
        files = list(dict.fromkeys(t.path for t in found))
        shown = ", ".join(files[:3]) + (f" and {len(files) - 3} more files" if len(files) > 3 else "")
        first = found[0]
        count = f"{len(found)} {lang} translation{'s' if len(found) > 1 else ''}"
        many = len(found) > 1
        warnings.append(Problem(first.path, first.line, f"{count} written inline ({shown}) "
                                f"{'have' if many else 'has'} no record of the {main} text "
                                f"{'they were' if many else 'it was'} made from, so nobody would be told when "
                                f"{'it changes' if not many else 'that changes'}",
                                f"once they are checked, `briefkit translate accept {lang}` records it "
                                "(`briefkit translate status` lists them)", severity="warning"))
    return warnings


def split_context(context: str) -> tuple[str, tuple]:
    """A context's file and field location: positions/01-x.yaml:demand -> (positions/01-x.yaml, ("demand",))."""
    path, _, field = context.partition(":")
    return path, parse_dotted(field) or ()


def short_diff(old: str, new: str) -> str:
    """A word diff of `old` to `new` ([-removed-] {+added+}), with long unchanged runs cut to a few
    words around each change."""
    ops = word_ops(old, new)
    out: list[str] = []
    for index, (op, piece) in enumerate(ops):
        space, words = " " * piece.startswith(" "), piece.lstrip(" ")
        if op == "delete":
            out.append(f"{space}[-{words}-]")
        elif op == "insert":
            out.append(f"{space}{{+{words}+}}")
        else:
            split = words.split()
            head = split[:CONTEXT_WORDS] if index > 0 else []
            tail = split[-CONTEXT_WORDS:] if index < len(ops) - 1 else []
            if len(split) <= 2 * CONTEXT_WORDS or (index == 0 and len(split) <= CONTEXT_WORDS) \
                    or (index == len(ops) - 1 and len(split) <= CONTEXT_WORDS):
                out.append(space + words)
            else:
                out.append(space + " ".join([*head, "…", *tail]).strip())
    return "".join(out)
