"""Which built PDFs are current, so that only those leave the building.

A PDF is current when out/manifest.json lists it, the file's sha256 is the one
the manifest recorded, and the manifest's input hash equals what
InputIndex.key computes now for the same variant (the data, templates,
fonts and libraries have not changed since it was built). Anything else is
stale or missing, and distribution stops and names each such document, so a
user builds first rather than sending yesterday's words.
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


@dataclass(frozen=True)
class CurrentPdf:
    """A built PDF checked current: where it is, what it is called when sent, and its hash.

    `data` holds the bytes that were hashed, so the bundle and the messages carry
    exactly what was checked even if out/ changes meanwhile.
    """

    audience: str
    kind: str
    path: Path
    rel: str  # as in the manifest: <audience>/<kind>.pdf, or <audience>/<kind>.<lang>.pdf
    sha256: str
    bytes: int
    pages: int | None
    pdf_variant: str
    data: bytes = field(repr=False, compare=False, default=b"")
    lang: str = ""  # when the audience reads several languages: this document's

    @property
    def filename(self) -> str:
        """The name a recipient sees: canada-letter.pdf, not one of twelve letter.pdf files."""
        return attachment_name(self.audience, self.kind, self.lang)


def current_pdfs(out_dir: Path, campaign: Campaign, audiences: list[str], kinds: list[str],
                 display: str = "out") -> dict[str, list[CurrentPdf]]:
    """Each audience's current PDFs, in `kinds` order; ProblemsFound naming every stale or missing one."""
    entries = {e.path: e for e in manifest.load(out_dir)}
    found: dict[str, list[CurrentPdf]] = {}
    problems: list[Problem] = []
    index = InputIndex.scan(campaign)
    languages = plan.languages(campaign, audiences)
    for audience in audiences:
        several = len(languages[audience]) > 1  # then each PDF's name carries its language
        for kind, lang in ((k, lang) for k in kinds for lang in languages[audience]):
            rel = plan.document_path(audience, kind, lang, "pdf", several)
            shown = f"{display}/{rel}"
            rebuild = f"run: briefkit build {kind} -a {audience} -f pdf"
            entry = entries.get(rel)
            if entry is None:
                problems.append(Problem(shown, None, "missing: it has not been built", rebuild))
                continue
            try:
                data = (out_dir / rel).read_bytes()
            except OSError:
                problems.append(Problem(shown, None, "missing: the manifest lists it but the file "
                                                     "is gone", rebuild))
                continue
            digest = hashlib.sha256(data).hexdigest()
            variant = entry.pdf_variant or DEFAULT_PDF_VARIANT
            if digest != entry.sha256:
                problems.append(Problem(shown, None, "changed since it was built: its sha256 is not "
                                                     "the one out/manifest.json recorded", rebuild))
            elif entry.input_hash != index.key(audience, kind, "pdf", entry.options, pdf_variant=variant,
                                               lang=lang):
                hint = rebuild + (f" --pdf-variant {variant}" if variant != DEFAULT_PDF_VARIANT else "")
                problems.append(Problem(shown, None, "stale: the campaign, its templates or the "
                                                     "software changed since it was built", hint))
            else:
                found.setdefault(audience, []).append(CurrentPdf(
                    audience, kind, out_dir / rel, rel, digest, len(data), entry.pages, variant, data,
                    lang if several else ""))
    if problems:
        raise ProblemsFound(problems)
    return found
