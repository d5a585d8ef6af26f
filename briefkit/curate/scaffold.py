"""`briefkit init`: start a new campaign folder, from the example skeleton or an existing campaign.

A new campaign must check and build before its author has changed a thing,
so the skeleton (briefkit/assets/skeleton) is a complete, tiny campaign of
obviously made-up example text. Writing goes only into the new folder, which
must be empty, so init can never overwrite anyone's work.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from briefkit.campaign.layout import CAMPAIGN_FILE, CAMPAIGN_FOLDERS, CONTACTS_FILE, SIGNATORIES_FILE
from briefkit.campaign.loader import find_root
from briefkit.errors import BriefkitError
from briefkit.resources import SKELETON

# The campaign's data, as the layout in docs/data.md names it; out/ is never copied, nor another
# campaign's contacts (people's addresses): the example has placeholder ones, so that
# `briefkit distribute` runs at once.
DATA_FILES = (CAMPAIGN_FILE, SIGNATORIES_FILE)
GITIGNORE = "# what briefkit writes\nout/\n# real contacts are people's addresses: keep them out of git\ncontacts.csv\n"


def init_campaign(dest: Path, source: Path | None = None) -> list[Path]:
    """Write a new campaign into `dest` (missing or empty); return the files written, relative to it.

    With `source`, copy that campaign's data files instead of the example skeleton.
    """
    origin = find_root(source) if source is not None else SKELETON
    _check_destination(dest, origin)
    files = _files_of(origin) + ([Path(CONTACTS_FILE)] if source is None else [])
    created_dest = not dest.exists()
    written: list[Path] = []
    try:
        dest.mkdir(parents=True, exist_ok=True)
        for rel in files:
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(origin / rel, target)
            written.append(rel)
        (dest / "out").mkdir()
        if not (dest / ".gitignore").exists():
            (dest / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
            written.append(Path(".gitignore"))
    except OSError as exc:
        _undo(dest, written, created_dest)
        raise BriefkitError(f"cannot write the new campaign into {dest}: {exc.strerror or exc}",
                            hint="check that the folder is writable") from exc
    return written


def _check_destination(dest: Path, origin: Path) -> None:
    if dest.exists() and not dest.is_dir():
        raise BriefkitError(f"{dest} is a file, not a folder", hint="choose a new folder name")
    if dest.is_dir() and any(dest.iterdir()):
        raise BriefkitError(f"{dest} is not empty; briefkit init only writes into a new or empty folder",
                            hint="choose a new folder name, e.g. briefkit init my-campaign")
    resolved = dest.resolve()
    for folder in CAMPAIGN_FOLDERS:
        if resolved.is_relative_to((origin / folder).resolve()):
            raise BriefkitError(f"{dest} lies inside the {folder}/ folder it would copy",
                                hint="choose a folder outside the campaign you start from")


def _files_of(origin: Path) -> list[Path]:
    """The data files of a campaign, relative to it; a file that leads outside it is an error."""
    root = origin.resolve()
    found = [Path(name) for name in DATA_FILES if (origin / name).is_file()]
    for folder in CAMPAIGN_FOLDERS:
        if (origin / folder).is_dir():
            found += sorted(p.relative_to(origin) for p in (origin / folder).rglob("*")
                            if p.is_file() and "__pycache__" not in p.parts)
    for rel in found:
        if not (origin / rel).resolve().is_relative_to(root):
            raise BriefkitError(f"{rel} is a link to a file outside the campaign {origin}",
                                path=str(rel), hint="replace the link with the file itself")
    return found


def _undo(dest: Path, written: list[Path], created_dest: bool) -> None:
    """Remove what a failed init wrote, so the folder is as the user left it."""
    if created_dest:
        shutil.rmtree(dest, ignore_errors=True)
        return
    for rel in written:
        (dest / rel).unlink(missing_ok=True)
    for folder in sorted({p for rel in written for p in rel.parents if p != Path(".")}, reverse=True):
        try:
            (dest / folder).rmdir()
        except OSError:
            pass
    try:
        (dest / "out").rmdir()
    except OSError:
        pass
