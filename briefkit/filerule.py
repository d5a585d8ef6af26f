"""The one rule for every file a campaign reads, and the size cap of each kind of file.

A campaign folder is shared between organisations (zipped, synced, cloned), so none of its
files is trusted, and every reader (YAML, CSV, seeds, templates and their includes,
stylesheets, images, assets, the preview's files) goes through `read_campaign_file`, or
through `check_campaign_path` when a library must open the file itself. The rule:

- the real path (symlinks resolved) lies inside the campaign folder or the briefkit package,
  so a link to /etc/passwd or to another campaign is refused, not followed;
- it is a regular file: never a folder, FIFO (which would hang), socket or device
  (/dev/zero would read until memory runs out); it is opened without blocking, then checked;
- it is read with a cap on its size that depends on its kind (the constants below, which
  the README's "Security model" section lists).

Every violation is a BriefkitError naming the file (as the campaign names it) and the rule,
with a hint how to fix it.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from briefkit.errors import BriefkitError
from briefkit.fsutil import decode, not_regular, read_bytes
from briefkit.resources import PACKAGE


@dataclass(frozen=True)
class FileKind:
    """A kind of campaign file: how messages name it, its size cap in bytes, how to get under it."""

    label: str
    cap: int
    hint: str


YAML = FileKind("YAML file", 5_000_000, "split it into several files")
CSV = FileKind("CSV file", 20_000_000, "a list of this size needs no more; split it or remove old rows")
TEMPLATE = FileKind("template", 2_000_000, "move parts into files of their own and {% include %} them")
STYLESHEET = FileKind("stylesheet", 2_000_000, "split it into smaller stylesheets")
SEED = FileKind("source text", 20_000_000, "a seed is one article or statement as plain text")
IMAGE = FileKind("image", 20_000_000, "export the image at a lower resolution")
CATALOGUE = FileKind("translation file", 20_000_000, "split the campaign's text")
ASSET = FileKind("asset", 20_000_000, "keep fonts and images in assets/ under this size")
KINDS = (YAML, CSV, TEMPLATE, STYLESHEET, SEED, IMAGE, CATALOGUE, ASSET)

OUTSIDE_HINT = "replace the symlink with a copy of the file"


def allowed_roots(root: Path) -> tuple[Path, Path]:
    """Where a campaign's files may really lie: the campaign folder, and briefkit's own package."""
    return (root.resolve(), PACKAGE)


def shown(root: Path, path: Path) -> str:
    """A file as problems name it: relative to the campaign (briefkit/… for the package's)."""
    for base, prefix in ((root, ""), (root.resolve(), ""), (PACKAGE, "briefkit/")):
        try:
            return prefix + path.relative_to(base).as_posix()
        except ValueError:
            continue
    return str(path)


def present(path: Path) -> bool:
    """Whether anything at all is at `path` (a file, a folder, a FIFO, a link, even a broken one):
    a reader that finds something there hands it to the rule, which says what is wrong with it,
    rather than taking a FIFO or a link out for a missing file."""
    return os.path.lexists(path)


def check_campaign_path(root: Path, path: Path | str, kind: FileKind, display: str | None = None) -> Path:
    """The real path of a campaign file, once it is proven to follow the rule (see the module's doc),
    for a library that opens the file itself (WeasyPrint, python-docx)."""
    path = _absolute(root, path)
    display = display or shown(root, path)
    real = Path(os.path.realpath(path))
    if not any(real.is_relative_to(base) for base in allowed_roots(root)):
        raise BriefkitError(f"this {kind.label} links to a file outside the campaign folder ({real}); "
                            "briefkit reads only the campaign's own files", path=display, hint=OUTSIDE_HINT)
    try:
        info = os.stat(real)
    except FileNotFoundError as exc:
        raise BriefkitError(f"this {kind.label} does not exist", path=display,
                            hint="create it, or correct the name that points to it") from exc
    except OSError as exc:
        raise BriefkitError(f"cannot read this {kind.label}: {exc.strerror or exc}", path=display) from exc
    if not stat.S_ISREG(info.st_mode):
        what, hint = not_regular(info.st_mode)
        raise BriefkitError(f"{what}, not a regular file: briefkit reads only regular files",
                            path=display, hint=hint)
    if info.st_size > kind.cap:
        raise BriefkitError(f"this {kind.label} is larger than {_size(kind.cap)}, the limit for one",
                            path=display, hint=kind.hint)
    return real


def read_campaign_file(root: Path, path: Path | str, kind: FileKind, display: str | None = None) -> bytes:
    """A campaign file's bytes, read by the rule: inside the campaign (or package), regular, capped."""
    path = _absolute(root, path)
    display = display or shown(root, path)
    real = check_campaign_path(root, path, kind, display)
    # Opened by its real path without blocking and checked again with fstat (fsutil.read_bytes),
    # so a file swapped for a FIFO between the check and the read cannot hang the build.
    return read_bytes(real, display, kind.cap, kind.hint)


def read_campaign_text(root: Path, path: Path | str, kind: FileKind, display: str | None = None,
                       hint: str = "save the file as UTF-8") -> str:
    """A campaign file as strict UTF-8 text (a bad byte named with its line and column)."""
    path = _absolute(root, path)
    display = display or shown(root, path)
    return decode(read_campaign_file(root, path, kind, display), display, hint)


def _absolute(root: Path, path: Path | str) -> Path:
    path = Path(path)
    return path if path.is_absolute() else root / path


def _size(limit: int) -> str:
    if limit < 1000:
        return f"{limit} bytes"
    return f"{limit // 1_000_000} MB" if limit >= 1_000_000 else f"{limit // 1000} KB"
