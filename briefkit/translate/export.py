"""`briefkit translate export LANG`: one file to hand a translator, in PO or XLIFF.

The catalogue goes to out/translations/<lang>.po (or .xlf), or wherever
`--out` says inside the campaign folder, or to standard output (`-`). It is
written only if its bytes change, so exporting twice leaves the file (and its
date) alone.

The first export of a language also starts tracking it: translations of it
written inline, which nobody has recorded the source of yet, are recorded as
made from today's source text (translations/inline.json), since the
translator now receives them as current. From then on a change to the
source makes them stale. The command says when it does this.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefkit.campaign import layout
from briefkit.campaign.loader import load_campaign
from briefkit.errors import BriefkitError
from briefkit.fsutil import atomic_write, inside
from briefkit.translate.catalogue import Catalogue, build_catalogue
from briefkit.translate.po import po_bytes
from briefkit.translate.store import Changes, write_changes
from briefkit.translate.xliff import xliff_bytes

FORMATS = {"po": ("po", po_bytes), "xliff": ("xlf", xliff_bytes)}
STDOUT = Path("-")


@dataclass
class Exported:
    """The catalogue written, and how much of it there is to do."""

    catalogue: Catalogue
    data: bytes
    path: str | None  # as the user should see it; None when written to standard output
    changed: bool  # the file's bytes changed (or it is new)
    recorded: list[str]  # the campaign's files written to start tracking the language

    @property
    def counts(self) -> dict[str, int]:
        messages = self.catalogue.messages
        return {"texts": len(messages), "translated": sum(1 for m in messages if m.translation and not m.fuzzy),
                "fuzzy": sum(1 for m in messages if m.fuzzy),
                "untranslated": sum(1 for m in messages if not m.translation)}


def export_catalogue(root: Path, lang: str, fmt: str = "po", out: Path | None = None) -> Exported:
    """Write the catalogue of `lang` (see the module's docstring); return what was written."""
    if fmt not in FORMATS:
        raise BriefkitError(f"unknown format {fmt!r}", hint="choose po or xliff")
    campaign = load_campaign(root)
    suffix, write = FORMATS[fmt]
    untracked = [t for t in campaign.translations.in_state("untracked") if t.lang == lang]
    catalogue = build_catalogue(campaign, lang)
    data = write(catalogue)
    dest = None
    if out != STDOUT:
        dest = out if out is not None else campaign.root / layout.export_file(lang, suffix)
        dest = dest if dest.is_absolute() else Path.cwd() / dest
        try:
            inside(campaign.root, dest)
        except BriefkitError as exc:
            raise BriefkitError(f"{dest} is outside the campaign folder", hint="give a path inside it, or - "
                                "to print the catalogue (and redirect it where you like)") from exc
    recorded = write_changes(campaign, Changes(recorded={(t.context, lang): t.source for t in untracked}))
    if dest is None:
        return Exported(catalogue, data, None, True, recorded)
    changed = not dest.is_file() or dest.read_bytes() != data
    if changed:
        try:
            atomic_write(dest, lambda tmp: tmp.write_bytes(data))
        except OSError as exc:
            raise BriefkitError(f"cannot write {dest}: {exc.strerror or exc}") from exc
    return Exported(catalogue, data, layout.relative(campaign.root, dest), changed, recorded)
