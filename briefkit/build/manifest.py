"""out/manifest.json: one entry for every document in the output folder.

Rewritten after each build so that it describes everything in out/, not
only what the last build touched: entries for files built earlier are kept
when their bytes still match, and re-read when they do not.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from briefkit.build.plan import MANIFEST, parse_document_path
from briefkit.fsutil import atomic_write

_PAGE_COUNT = re.compile(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", re.DOTALL)


@dataclass
class Entry:
    audience: str
    kind: str
    format: str
    lang: str
    path: str
    sha256: str
    bytes: int
    pages: int | None
    input_hash: str | None = None  # what the output was built from (see inputs.py)
    options: str = ""  # build options that shaped it (--confirmed-only, --clean)
    pdf_variant: str | None = None  # how a PDF was written (writers/variants.py); None if unknown
    fit: list[str] = field(default_factory=list)  # the fit steps it took to keep within its page budget


def entry_for(out_dir: Path, rel: str, audience: str, kind: str, fmt: str, lang: str,
              pages: int | None) -> Entry:
    data = (out_dir / rel).read_bytes()
    return Entry(audience, kind, fmt, lang, rel, hashlib.sha256(data).hexdigest(), len(data), pages)


def update(out_dir: Path, fresh: list[Entry], languages: dict[str, list[str]]) -> list[Entry]:
    """Merge this build's entries with what out/ already holds, and rewrite the manifest.

    `languages` are those each audience reads now; a file's `lang` is the one
    its name carries, else its audience's only language, else what the
    manifest said when it was built.
    """
    old = {e.path: e for e in load(out_dir)}
    new = {e.path: e for e in fresh}
    entries: list[Entry] = []
    for path in sorted(out_dir.rglob("*")):
        rel = path.relative_to(out_dir).as_posix()
        name = parse_document_path(rel)
        if not path.is_file() or name is None:
            continue
        if rel in new:
            entries.append(new[rel])
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if rel in old and old[rel].sha256 == digest:
            entries.append(old[rel])
            continue
        pages = None
        if name.format == "pdf" and (count := _PAGE_COUNT.search(data)):
            pages = int(count.group(1))
        known = languages.get(name.audience, [])
        lang = (name.lang or (known[0] if len(known) == 1 else None)
                or (old[rel].lang if rel in old else "und"))
        entries.append(Entry(name.audience, name.kind, name.format, lang, rel, digest, len(data), pages))
    text = json.dumps({"documents": [asdict(e) for e in entries]}, indent=2, ensure_ascii=False) + "\n"
    target = out_dir / MANIFEST
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        atomic_write(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return entries


def load(out_dir: Path) -> list[Entry]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        return [Entry(**item) for item in data["documents"]]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def leftovers(entries: list[Entry], languages: dict[str, list[str]]) -> dict[str, list[str]]:
    """Files of these audiences named for languages they no longer read, by audience.

    An audience that reads one language has `<kind>.<ext>`; one that reads
    several has `<kind>.<lang>.<ext>` for each. When that changes, the files
    of the old naming stay in out/ (briefkit never deletes a user's files)
    and are never distributed; the build says which they are.
    """
    found: dict[str, list[str]] = {}
    for entry in entries:
        if entry.audience not in languages or not (name := parse_document_path(entry.path)):
            continue
        reads = languages[entry.audience]
        labelled = name.lang is not None
        if labelled != (len(reads) > 1) or (labelled and name.lang not in reads):
            found.setdefault(entry.audience, []).append(entry.path)
    return found
