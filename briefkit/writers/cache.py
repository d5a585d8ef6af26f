"""PDFs laid out before their build asks for them, kept so that nothing is rendered twice.

`briefkit check` lays out every document with a page budget (the PDF is the
measure); the PDF it made is the PDF the build would make from the same HTML
and stylesheets, so the build takes it instead of laying the document out
again. An entry is a PDF and its PageMap, named by the PDF writer's key (a
hash of everything the layout reads).

Entries are written first to a folder of the running command's own (the
worker pool's temporary folder), so that a check that fails leaves out/ as it
was; a check that passes moves them into out/.briefkit/cache/ (`commit`), where the
next build takes them (out/.briefkit/cache/, build/plan.py). A build moves each entry it uses into place and
removes what is left at its end: the folder never outgrows one check's worth.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from briefkit.writers.pagemap import PageMap

# An entry's files, named by the PDF writer's key (40 hex digits): only these are ever removed.
_ENTRY = re.compile(r"[0-9a-f]{40}\.(pdf|json)|\.[0-9a-f]{40}\.pdf\.tmp")


@dataclass
class LayoutCache:
    """`folders`: where entries are looked for, the first being where new ones are written."""

    folders: list[Path] = field(default_factory=list)

    def put(self, key: str, pdf: Path, page_map: PageMap) -> None:
        """Keep a copy of the PDF at `pdf` and its map, under `key`."""
        if not self.folders:
            return
        folder = self.folders[0]
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f".{key}.pdf.tmp"
        shutil.copyfile(pdf, partial)
        (folder / f"{key}.json").write_text(page_map.to_json(), encoding="utf-8")
        os.replace(partial, folder / f"{key}.pdf")

    def page_map(self, key: str) -> PageMap | None:
        for folder in self.folders:
            try:
                return PageMap.from_json((folder / f"{key}.json").read_text(encoding="utf-8"))
            except (OSError, ValueError, KeyError, TypeError):
                continue
        return None

    def take(self, key: str, dest: Path) -> PageMap | None:
        """Move the PDF kept under `key` to `dest`, and return its map; None if there is none."""
        for folder in self.folders:
            page_map = self.page_map_in(folder, key)
            if page_map is None:
                continue
            try:
                os.replace(folder / f"{key}.pdf", dest)
            except OSError:
                try:
                    shutil.copyfile(folder / f"{key}.pdf", dest)  # another file system
                except OSError:
                    continue
            (folder / f"{key}.json").unlink(missing_ok=True)
            return page_map
        return None

    @staticmethod
    def page_map_in(folder: Path, key: str) -> PageMap | None:
        try:
            if not (folder / f"{key}.pdf").is_file():
                return None
            return PageMap.from_json((folder / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError):
            return None


def commit(source: Path, target: Path) -> None:
    """Replace what `target` holds with the entries in `source` (a passing check's)."""
    clear(target)
    entries = sorted(source.glob("*.json")) if source.is_dir() else []
    if not entries:
        return
    target.mkdir(parents=True, exist_ok=True)
    for meta in entries:
        pdf = meta.with_suffix(".pdf")
        if pdf.is_file():
            shutil.move(str(pdf), target / pdf.name)
            shutil.move(str(meta), target / meta.name)


def clear(folder: Path) -> None:
    """Remove a cache folder briefkit made (only its own entries; then the folder if empty)."""
    if not folder.is_dir() or folder.is_symlink():
        return
    for entry in folder.iterdir():
        if _ENTRY.fullmatch(entry.name) and entry.is_file() and not entry.is_symlink():
            entry.unlink(missing_ok=True)
    try:
        folder.rmdir()
    except OSError:
        pass
