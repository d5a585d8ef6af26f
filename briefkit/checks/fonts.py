"""The fonts on this machine: what fontconfig installs under a family name, what an @font-face
file holds, and which system package provides a family the built-in stylesheets name."""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from pathlib import Path

from briefkit.errors import BriefkitError
from briefkit.resources import SYSTEM_PACKAGES



@cache
def _font_packages() -> dict[str, str]:
    """Font family (lower case) -> the Debian package that provides it, from the one package list."""
    found: dict[str, str] = {}
    for line in SYSTEM_PACKAGES.read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split(None, 2)
        if len(fields) == 3:
            for family in fields[2].split(","):
                found[family.strip().lower()] = fields[0]
    return found


def font_package(family: str) -> str | None:
    """The system package to install for a font family briefkit's stylesheets name, if it is one of them."""
    return _font_packages().get(family.lower())


@cache
def installed(family: str) -> frozenset[int] | None:
    """The characters of the installed font fontconfig gives for `family`, or None if it has none by that name."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        raise BriefkitError("fontconfig's fc-match is needed to check the fonts documents use",
                            hint="install fontconfig (apt-get install fontconfig)")
    try:
        output = subprocess.run([fc_match, "-f", "%{family}\n%{charset}\n", family], capture_output=True,
                                text=True, timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise BriefkitError(f"fc-match could not look up the font {family!r}: {exc}") from exc
    names, _, charset = output.partition("\n")
    if family.lower() not in {name.strip().lower() for name in names.split(",")}:
        return None  # fontconfig substituted another family: the named one is not installed
    codes: set[int] = set()
    for part in charset.split():
        first, _, last = part.partition("-")
        codes.update(range(int(first, 16), int(last or first, 16) + 1))
    return frozenset(codes)


@cache
def face_cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    try:
        return frozenset(TTFont(str(path), fontNumber=0, lazy=True).getBestCmap() or {})
    except Exception:  # not a font fontTools can read: it covers nothing
        return frozenset()
