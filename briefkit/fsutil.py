"""Reading a user's text files strictly, and writing files so that a reader never sees half of one."""

from __future__ import annotations

import os
import shutil
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


def read_bytes(path: Path, display: str, max_bytes: int, too_large_hint: str) -> bytes:
    """A regular file's bytes, with a size cap; every failure a BriefkitError naming `display`.

    The file is opened without blocking and checked with fstat before a byte is read, so a
    FIFO cannot hang briefkit and a device (/dev/zero) or a folder cannot fill its memory.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError as exc:
        raise BriefkitError("file does not exist", path=display,
                            hint="create it, or correct the name that points to it") from exc
    except OSError as exc:
        raise BriefkitError(f"cannot read file: {exc.strerror or exc}", path=display) from exc
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            what, hint = not_regular(info.st_mode)
            raise BriefkitError(f"{what}, not a regular file: briefkit reads only regular files",
                                path=display, hint=hint)
        if info.st_size > max_bytes:
            raise BriefkitError(f"file is larger than {_size(max_bytes)}", path=display, hint=too_large_hint)
        try:
            raw = handle.read(max_bytes + 1)
        except OSError as exc:
            raise BriefkitError(f"cannot read file: {exc.strerror or exc}", path=display) from exc
    if len(raw) > max_bytes:
        raise BriefkitError(f"file is larger than {_size(max_bytes)}", path=display, hint=too_large_hint)
    return raw


def not_regular(mode: int) -> tuple[str, str]:
    """What a file that is not a regular file is, and how to fix it, for a message."""
    if stat.S_ISDIR(mode):
        return "this is a folder", "rename or remove the folder; this name is for a file"
    if stat.S_ISFIFO(mode):
        return "this is a named pipe (FIFO)", "replace it with a regular file"
    if stat.S_ISSOCK(mode):
        return "this is a socket", "replace it with a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "this is a device", "replace it with a regular file"
    return "this is not a regular file", "replace it with a regular file"


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


# Every temporary file briefkit makes beside a file it writes carries this in its name, so that a
# sweep of leftovers can never take another program's `.tmp` file for one of briefkit's.
TEMPORARY_MARK = ".briefkit-"


def temporary_pattern(name: str) -> str:
    """The glob that matches exactly the temporaries atomic_write makes for a file called `name`."""
    return f".{name}{TEMPORARY_MARK}*.tmp"


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
    fd, name = tempfile.mkstemp(prefix=f".{dest.name}{TEMPORARY_MARK}", suffix=".tmp", dir=home)
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


def replace_together(pairs: list[tuple[Path, Path]], backups: Path) -> None:
    """Move each (staged file, destination) into place, all or none: the formats of one document.

    Each destination's previous file is first linked (else copied) into `backups`, a folder of
    the caller's own on the same filesystem; if any rename fails, the files already moved are
    put back as they were, so a reader sees either every old file or every new one.
    """
    done: list[tuple[Path, Path | None]] = []
    try:
        for number, (staged, dest) in enumerate(pairs):
            dest.parent.mkdir(parents=True, exist_ok=True)
            backup = None
            if os.path.lexists(dest):
                backup = backups / f"previous-{number}"
                try:
                    os.link(dest, backup, follow_symlinks=False)
                except OSError:
                    shutil.copy2(dest, backup, follow_symlinks=False)
            os.chmod(staged, 0o644)
            os.replace(staged, dest)
            done.append((dest, backup))
    except BaseException:
        for dest, backup in reversed(done):
            if backup is not None:
                os.replace(backup, dest)
            else:
                dest.unlink(missing_ok=True)
        raise
