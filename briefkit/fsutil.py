"""Reading a user's text files strictly, and writing files so that a reader never sees half of one."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from briefkit.errors import BriefkitError


def inside(folder: Path, path: Path) -> Path:
    """`path`, after proving it lies inside `folder` (ids become file names)."""
    resolved = path.resolve()
    if not resolved.is_relative_to(folder.resolve()):
        raise BriefkitError(f"refusing to write {path}: it is outside {folder}")
    return path


def regular_file_within(roots: list[Path], path: Path) -> bool:
    """Whether `path`'s real location (symlinks resolved) is a regular file inside one of `roots`:
    the one rule for every file a document may pull in (PDF fetches, DOCX pictures)."""
    real = path.resolve()
    if not any(real.is_relative_to(root.resolve()) for root in roots):
        return False
    try:
        return stat.S_ISREG(real.stat().st_mode)
    except OSError:
        return False


def read_bytes(path: Path, display: str, max_bytes: int, too_large_hint: str) -> bytes:
    """A file's bytes, with a size cap; every failure a BriefkitError naming `display`."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise BriefkitError(f"cannot read file: {exc.strerror or exc}", path=display) from exc
    if len(raw) > max_bytes:
        raise BriefkitError(f"file is larger than {_size(max_bytes)}", path=display, hint=too_large_hint)
    return raw


def decode(raw: bytes, display: str, hint: str = "save the file as UTF-8") -> str:
    """Text as strict UTF-8 (a byte-order mark allowed): the one decoding of every file a user writes.

    A bad byte is reported with its line and column, so the user can find it in an editor.
    """
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        raise BriefkitError(f"file is not valid UTF-8: byte 0x{raw[exc.start]:02x} at column "
                            f"{exc.start - line_start + 1}", path=display,
                            line=raw.count(b"\n", 0, exc.start) + 1, hint=hint) from exc


def read_text(path: Path, display: str, max_bytes: int, too_large_hint: str,
              hint: str = "save the file as UTF-8") -> str:
    """A text file as strict UTF-8, with a size cap (read_bytes, then decode)."""
    return decode(read_bytes(path, display, max_bytes, too_large_hint), display, hint)


def _size(limit: int) -> str:
    return f"{limit // 1_000_000} MB" if limit >= 1_000_000 else f"{limit // 1000} KB"


def atomic_write(dest: Path, produce: Callable[[Path], object]) -> object:
    """Call produce(tmp) to write a temporary file near `dest`, then rename it into place.

    The rename is atomic on one filesystem, so `dest` is either the old file or
    the whole new one. On any failure the temporary file is removed.
    """
    # The temporary file goes in the nearest folder that exists (the same file system, so the
    # rename stays atomic), and `dest`'s folder is made only when the file is renamed into it: a
    # build interrupted or refused leaves no empty out/<audience>/ behind.
    home = dest.parent
    while not home.is_dir() and home.parent != home:
        home = home.parent
    fd, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=home)
    os.close(fd)
    tmp = Path(name)
    try:
        result = produce(tmp)
        os.chmod(tmp, 0o644)
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, dest)
        return result
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
