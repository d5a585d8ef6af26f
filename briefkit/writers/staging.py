"""A document's formats are written together, or not at all.

Each format is written into a staging folder of the build's own inside out/ (build/plan.py's
STAGING; `.briefkit-…` in out/ when a caller gives none), never beside the documents, so that
a sweep of leftovers touches nothing but briefkit's own files. Once every format of a document
is whole they are moved into place together (fsutil.replace_together); when one fails (an
image WeasyPrint or Word cannot read, a refused fetch under --strict) none is moved: out/ keeps
the previous files, and both formats are listed as failed, so the PDF and the DOCX never disagree.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from briefkit.fsutil import TEMPORARY_MARK, replace_together


def folder(staging: Path | None, out_dir: Path) -> Path:
    """The task's staging folder, made now: its own, else a new one of briefkit's name in out/."""
    if staging is not None:
        staging.mkdir(parents=True, exist_ok=True)
        return staging
    out_dir.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=TEMPORARY_MARK, dir=out_dir))


def written_together(task: Any, render: Callable[[Path], Any]) -> Any:
    """`render(staging)` writes each format of `task` as staging/<its file name>, returning its
    outcome (pages by format, errors by format); then all of them go into place, or none."""
    staging = folder(task.staging, task.out_dir)
    try:
        outcome = render(staging)
        written = [(staging / dest.name, dest) for fmt, dest, _ in task.destinations() if fmt in outcome.pages]
        if outcome.errors:
            failed = " and ".join(sorted(fmt.upper() for fmt in outcome.errors))
            for fmt in list(outcome.pages):
                del outcome.pages[fmt]
                outcome.errors[fmt] = (f"not written, because the {failed} of the same document failed "
                                       "(a document's formats are written together, or not at all)")
        elif written:
            try:
                replace_together(written, staging)
            except OSError as exc:  # none of them was moved (or each was put back): each is not written
                names = {fmt: dest.name for fmt, dest, _ in task.destinations()}
                outcome.errors = {fmt: f"cannot write {names[fmt]}: {exc.strerror or exc}" for fmt in outcome.pages}
                outcome.pages = {}
        return outcome
    finally:
        shutil.rmtree(staging, ignore_errors=True)
