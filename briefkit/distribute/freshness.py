"""Which built documents are current, so that only those leave the building.

A document is current when out/manifest.json lists it, the file's sha256 is
the one the manifest recorded, and the manifest's input hash equals what
InputIndex.key computes now for the same options (the data, templates, fonts
and libraries have not changed since it was built). Anything else is stale or
missing, and distribution stops and names each such file, with one command
that rebuilds them all (one per set of build options they were built with),
so a user builds first rather than sending yesterday's words.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from briefkit.build import manifest, plan
from briefkit.build.inputs import InputIndex
from briefkit.build.plan import attachment_name
from briefkit.campaign.model import Campaign
from briefkit.errors import Problem, ProblemsFound
from briefkit.writers.variants import DEFAULT_PDF_VARIANT

# The command-line options that stand for what manifest entries record in `options`.
_OPTIONS = {"confirmed-only": "--confirmed-only", "clean": "--clean",
            "redline-marked": "--redline marked", "redline-tracked": "--redline tracked"}


@dataclass(frozen=True)
class CurrentFile:
    """A built document checked current: where it is, what it is called when sent, and its hash.

    `data` holds the bytes that were hashed, so the bundle and the messages carry
    exactly what was checked even if out/ changes meanwhile.
    """

    audience: str
    kind: str
    path: Path
    rel: str  # as in the manifest: <audience>/<kind>.pdf, or <audience>/<kind>.<lang>.docx
    sha256: str
    bytes: int
    pages: int | None
    pdf_variant: str | None
    data: bytes = field(repr=False, compare=False, default=b"")
    lang: str = ""  # when the audience reads several languages: this document's
    format: str = "pdf"

    @property
    def filename(self) -> str:
        """The name a recipient sees: canada-letter.pdf, not one of twelve letter.pdf files."""
        return attachment_name(self.audience, self.kind, self.lang, self.format)


def current_files(out_dir: Path, campaign: Campaign, audiences: list[str], kinds: list[str],
                  display: str = "out", formats: tuple[str, ...] = ("pdf",)) -> dict[str, list[CurrentFile]]:
    """Each audience's current documents, by kind then format; ProblemsFound naming every stale or
    missing one, its hint the command that rebuilds them all."""
    entries = {e.path: e for e in manifest.load(out_dir)}
    found: dict[str, list[CurrentFile]] = {}
    problems: list[Problem] = []
    rebuild: dict[tuple[str, str], list[tuple[str, str, str]]] = {}  # (options, variant) -> what
    index = InputIndex.scan(campaign)
    languages = plan.languages(campaign, audiences)
    for audience in audiences:
        several = len(languages[audience]) > 1  # then each file's name carries its language
        for kind, lang, fmt in ((k, lang, f) for k in kinds for lang in languages[audience] for f in formats):
            rel = plan.document_path(audience, kind, lang, fmt, several)
            shown = f"{display}/{rel}"
            entry = entries.get(rel)
            options = entry.options if entry is not None else ""
            variant = (entry.pdf_variant if entry is not None else None) or DEFAULT_PDF_VARIANT
            stale = rebuild.setdefault((options, variant if fmt == "pdf" else DEFAULT_PDF_VARIANT), [])
            if entry is None:
                problems.append(Problem(shown, None, "missing: it has not been built"))
                stale.append((audience, kind, fmt))
                continue
            try:
                data = (out_dir / rel).read_bytes()
            except OSError:
                problems.append(Problem(shown, None, "missing: the manifest lists it but the file is gone"))
                stale.append((audience, kind, fmt))
                continue
            digest = hashlib.sha256(data).hexdigest()
            if digest != entry.sha256:
                problems.append(Problem(shown, None, "changed since it was built: its sha256 is not "
                                                     "the one out/manifest.json recorded"))
                stale.append((audience, kind, fmt))
            elif entry.input_hash != index.key(audience, kind, fmt, entry.options, pdf_variant=variant, lang=lang):
                problems.append(Problem(shown, None, "stale: the campaign, its templates or the "
                                                     "software changed since it was built"))
                stale.append((audience, kind, fmt))
            else:
                found.setdefault(audience, []).append(CurrentFile(
                    audience, kind, out_dir / rel, rel, digest, len(data), entry.pages,
                    entry.pdf_variant if fmt == "pdf" else None, data, lang if several else "", fmt))
    if problems:
        commands = [rebuild_command(campaign, what, options, variant, display)
                    for (options, variant), what in rebuild.items() if what]
        lead = "rebuild them all with one command: " if len(commands) == 1 else "rebuild them all with: "
        raise ProblemsFound(problems, hint=lead + "; then ".join(commands))
    return found


def rebuild_command(campaign: Campaign, what: list[tuple[str, str, str]], options: str, variant: str,
                    display: str = "out") -> str:
    """The one `briefkit build` that rebuilds `what` ((audience, kind, format) triples), and only
    builds what else it names if that is out of date too (a build skips what is current)."""
    kinds = [k for k in campaign.kinds() if k in {kind for _, kind, _ in what}]
    audiences = list(dict.fromkeys(audience for audience, _, _ in what))
    formats = [f for f in ("pdf", "docx", "html") if f in {fmt for _, _, fmt in what}]
    words = ["briefkit", "build"]
    if set(kinds) != set(campaign.kinds()):
        words += kinds
    if set(audiences) != set(campaign.audiences):
        words += [part for audience in audiences for part in ("-a", audience)]
    if formats != list(campaign.config.settings.formats):
        words += [part for fmt in formats for part in ("-f", fmt)]
    words += [_OPTIONS[option] for option in options.split() if option in _OPTIONS]
    if variant != DEFAULT_PDF_VARIANT and "pdf" in formats:
        words += ["--pdf-variant", variant]
    if display != "out":
        words += ["--out", display]
    return " ".join(words)
