"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

import os
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


def atomic_write(dest: Path, produce: Callable[[Path], object]) -> object:
    """Call produce(tmp) to write a temporary file beside `dest`, then rename it into place.

    The rename is atomic on one filesystem, so `dest` is either the old file or
    the whole new one. On any failure the temporary file is removed.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        result = produce(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)
        return result
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
