"""briefkit's own temporaries in out/, and the only sweep of leftovers there is.

`--out` may name a folder full of other programs' files (`--out ~`, `--out /tmp`), so briefkit
never removes a file by a pattern such as `*.tmp`. Documents are staged in out/.briefkit/tmp/
(build/plan.py), one folder per build named `<pid>-…`; a build removes its own when it ends, and
the next build removes those whose process is gone (a killed build's), and only once its check
has passed: a refused build changes nothing in out/. The one file briefkit writes at the top of
out/ besides the documents, the manifest, is written through a temporary whose name carries
briefkit's mark (fsutil.TEMPORARY_MARK); the sweep removes exactly those too.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefkit.build import plan
from briefkit.errors import BriefkitError
from briefkit.fsutil import temporary_pattern

_BUILD = re.compile(r"^(\d+)-[A-Za-z0-9_]+$")  # a build's folder in STAGING: its process id, then mkdtemp's


def check_own(out_dir: Path) -> None:
    """out/.briefkit must be briefkit's own folder, not a link to somewhere it would then write and clean."""
    own = out_dir / plan.OWN
    if own.is_symlink() or (own.exists() and not own.is_dir()):
        raise BriefkitError(f"{own} is not a folder briefkit made: it is a link or a file",
                            hint=f"remove {own}; briefkit keeps its temporaries and caches there")


@contextmanager
def build_folder(out_dir: Path) -> Iterator[Path]:
    """A folder of this build's own in out/.briefkit/tmp/, removed when the build ends, however it ends."""
    parent = out_dir / plan.STAGING
    try:
        parent.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=parent))
    except OSError as exc:
        raise BriefkitError(f"cannot write into {parent}: {exc.strerror or exc}",
                            hint="free some space, or choose another --out folder") from exc
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        remove_if_empty(out_dir)


def remove_if_empty(out_dir: Path) -> None:
    """Remove out/.briefkit/tmp and out/.briefkit when nothing is left in them."""
    for empty in (out_dir / plan.STAGING, out_dir / plan.OWN):
        try:
            empty.rmdir()
        except OSError:
            break


def sweep(out_dir: Path) -> None:
    """Remove what killed builds left: their staging folders and the manifest's temporaries, nothing else."""
    parent = out_dir / plan.STAGING
    if parent.is_dir() and not parent.is_symlink() and not (out_dir / plan.OWN).is_symlink():
        for entry in parent.iterdir():
            match = _BUILD.match(entry.name)
            if match is None or _running(int(match.group(1))):
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
    for leftover in out_dir.glob(temporary_pattern(plan.MANIFEST)):
        if leftover.is_file() and not leftover.is_symlink():
            leftover.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    """Whether a process of this id lives (a build still writing there); this build's own counts too."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True
