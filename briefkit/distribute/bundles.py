"""One zip per audience: its documents (the PDFs, or what --attach names) and a SHA256SUMS file, for a delegation's shared drive or a USB stick.

SHA256SUMS is in the format `sha256sum -c` reads, so anyone can prove the
files are the ones the coalition built. The zip is reproducible: entries in
a fixed order, dated the campaign's date, with fixed permissions, so the same
PDFs always make the same bundle.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from briefkit.build.plan import bundle_path
from briefkit.distribute.freshness import CurrentFile
from briefkit.fsutil import atomic_write, inside

SUMS = "SHA256SUMS"


def sha256sums(pdfs: list[CurrentFile]) -> str:
    """`<hash>  <file name>` lines, as sha256sum writes them."""
    return "".join(f"{pdf.sha256}  {pdf.filename}\n" for pdf in pdfs)


def write_bundle(out_dir: Path, audience: str, pdfs: list[CurrentFile], date: dt.date) -> Path:
    """Write out/bundles/<audience>.zip holding the documents `pdfs` and SHA256SUMS; return its path."""
    dest = inside(out_dir, out_dir / bundle_path(audience))
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)  # zip dates start in 1980

    def produce(tmp: Path) -> None:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
            for name, data in [*((p.filename, p.data) for p in pdfs),
                               (SUMS, sha256sums(pdfs).encode())]:
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                bundle.writestr(info, data)

    atomic_write(dest, produce)
    return dest
