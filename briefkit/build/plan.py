"""What a build makes, and the name of everything briefkit writes into out/, each written once.

A document's file is `<audience>/<kind>.<ext>`, or `<audience>/<kind>.<lang>.<ext>`
when its audience reads several languages (one document per language). The
build writes them, the manifest lists them, distribution sends them, and
problems name them, all through this module. The plan itself comes from the
loaded campaign (the model's one reading of it): which kinds it has, which
languages each audience reads, which formats it asks for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from briefkit.campaign.layout import BUNDLES, OUTBOX
from briefkit.campaign.enums import REDLINES
from briefkit.campaign.model import FORMATS, KINDS, Campaign
from briefkit.errors import BriefkitError, UsageProblem, suggest

MANIFEST = "manifest.json"  # out/manifest.json: every document in out/
DELIVERY_LOG = "deliveries.jsonl"  # out/deliveries.jsonl: every message handed to a mail server
# out/.briefkit/: the one folder of out/ that only briefkit writes into, and the only place where
# it removes files it did not name as documents (a user's `--out ~` has a ~/.cache of its own).
OWN = ".briefkit"
CACHE = f"{OWN}/cache"  # PDFs a passing check laid out, for the next build (writers/cache.py)
# Documents being written, one folder per build (`<pid>-…`), each document's formats moved into
# place together once all are whole; a killed build's folder is swept by the next build.
STAGING = f"{OWN}/tmp"
SUFFIXES = {fmt: f".{fmt}" for fmt in FORMATS}
# <audience>/<kind>.<ext>, or <audience>/<kind>.<lang>.<ext> for an audience that reads several languages.
_DOCUMENT = re.compile(r"^(?P<audience>[a-z0-9-]+)/(?P<kind>[a-z]+)(?:\.(?P<lang>[a-z]{2,3}))?"
                       rf"\.(?P<format>{'|'.join(FORMATS)})$")


def document_path(audience: str, kind: str, lang: str, fmt: str, several: bool) -> str:
    """A document's file in out/; with the language in its name when its audience reads several."""
    stem = f"{audience}/{kind}.{lang}" if several else f"{audience}/{kind}"
    return stem + SUFFIXES[fmt]


@dataclass(frozen=True)
class DocumentName:
    """What a document's file name says: its audience, kind, format, and language if it carries one."""

    audience: str
    kind: str
    lang: str | None
    format: str


def parse_document_path(rel: str) -> DocumentName | None:
    """The parts of a document's path in out/, or None for any other file."""
    match = _DOCUMENT.match(rel)
    if not match or match["kind"] not in KINDS:
        return None
    return DocumentName(match["audience"], match["kind"], match["lang"], match["format"])


def draft_path(audience: str, number: int) -> str:
    """An e-mail draft in out/: outbox/<audience>/<n>.eml."""
    return f"{OUTBOX}/{audience}/{number}.eml"


def bundle_path(audience: str) -> str:
    """An audience's bundle of current PDFs in out/: bundles/<audience>.zip."""
    return f"{BUNDLES}/{audience}.zip"


def attachment_name(audience: str, kind: str, lang: str = "", fmt: str = "pdf") -> str:
    """The name a recipient sees: canada-letter.pdf, not one of twelve letter.pdf files."""
    return f"{audience}-{kind}.{lang}{SUFFIXES[fmt]}" if lang else f"{audience}-{kind}{SUFFIXES[fmt]}"


# -- what to build ----------------------------------------------------------------------------

def kind_names(kinds: Iterable[str]) -> list[str]:
    """The kinds asked for, each a kind of document or 'all' (a usage error otherwise, before any
    file of the campaign is read); nothing means all."""
    wanted = [kind.strip().lower() for kind in kinds] or ["all"]
    for kind in wanted:
        if kind != "all" and kind not in KINDS:
            raise UsageProblem(f"unknown kind {kind!r}", hint=suggest(kind, (*KINDS, "all")))
    return wanted


def resolve_kinds(kinds: Iterable[str], campaign: Campaign) -> list[str]:
    """Kinds in canonical order; 'all' (or nothing) means every kind the campaign has documents of."""
    wanted = kind_names(kinds)
    available = campaign.kinds()
    if "amendments" in wanted and "amendments" not in available:
        raise BriefkitError("the campaign proposes no amendments",
                            hint="add `amendments:` to a position (see docs/data.md, Amendments)")
    return available if "all" in wanted else [k for k in available if k in wanted]


def resolve_audiences(known: Iterable[str], audiences: Iterable[str]) -> list[str]:
    """The audiences asked for, in the order given (default: every one); an unknown one is an error."""
    known = list(known)
    wanted = list(audiences) or known
    for audience in wanted:
        if audience not in known:
            raise UsageProblem(f"unknown audience {audience!r}", hint=suggest(audience, known))
    return list(dict.fromkeys(wanted))


def resolve_formats(formats: Iterable[str], configured: Iterable[str]) -> list[str]:
    """The formats asked for (default: the campaign's settings.formats), each once."""
    wanted = [fmt.strip().lower() for fmt in formats] or list(configured)
    for fmt in wanted:
        if fmt not in FORMATS:
            raise UsageProblem(f"unknown format {fmt!r}", hint=suggest(fmt, FORMATS))
    return list(dict.fromkeys(wanted))


def resolve_redline(redline: str) -> str:
    """How the DOCX carries a redline, as asked on the command line: marked or tracked."""
    wanted = redline.strip().lower()
    if wanted not in REDLINES:
        raise UsageProblem(f"unknown redline {redline!r}", hint=suggest(redline, REDLINES))
    return wanted


@dataclass(frozen=True)
class Output:
    """One file a build may write: a document in one format, and its path in out/."""

    audience: str
    kind: str
    lang: str
    format: str
    path: str


def outputs(campaign: Campaign, kinds: list[str], audiences: list[str], formats: list[str]) -> list[Output]:
    """Every file of these kinds, audiences and formats, in each language its audience reads."""
    found = []
    for audience_id in audiences:
        languages = campaign.languages_of(campaign.audiences[audience_id])
        for kind in kinds:
            for lang in languages:
                for fmt in formats:
                    path = document_path(audience_id, kind, lang, fmt, several=len(languages) > 1)
                    found.append(Output(audience_id, kind, lang, fmt, path))
    return found


def languages(campaign: Campaign, audiences: Iterable[str] | None = None) -> dict[str, list[str]]:
    """The languages each audience reads now (all audiences by default)."""
    chosen = campaign.audiences if audiences is None else audiences
    return {aid: campaign.languages_of(campaign.audiences[aid]) for aid in chosen}
