"""What is installed is what requirements.lock says, and the lock still satisfies pyproject.toml.

`make build` and `make test` install every package from the lock with pip's --require-hashes
and --no-deps; these tests catch a lock that is stale (pyproject.toml changed without
`make lock`) or incomplete (something installed that the lock does not pin), so that a fresh
machine gets exactly what CI tested.
"""

import importlib.metadata
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import REPO

# Installed with the interpreter's venv, not by the lock; briefkit is the project itself.
NOT_LOCKED = {"pip", "briefkit"}


def locked() -> dict[str, str]:
    """Package -> exact version, for the lock's entries whose markers apply to this machine."""
    pins = {}
    for line in (REPO / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if not line or line[0] in " #-":
            continue
        requirement = Requirement(line.rstrip(" \\"))
        if requirement.marker is None or requirement.marker.evaluate():
            [spec] = requirement.specifier
            assert spec.operator == "==", line
            pins[canonicalize_name(requirement.name)] = spec.version
    return pins


def test_every_installed_package_is_the_locked_version():
    pins = locked()
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in importlib.metadata.distributions()}
    assert {name: installed.get(name) for name in pins} == pins
    unlocked = sorted(set(installed) - set(pins) - NOT_LOCKED)
    assert not unlocked, f"installed but not in requirements.lock: {unlocked}"


def test_the_lock_satisfies_every_requirement_of_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = (project["project"]["dependencies"] + project["project"]["optional-dependencies"]["test"]
              + project["build-system"]["requires"])
    pins = locked()
    for text in wanted:
        requirement = Requirement(text)
        version = pins.get(canonicalize_name(requirement.name))
        assert version is not None, f"{requirement.name} is not in requirements.lock: run `make lock`"
        assert requirement.specifier.contains(version, prereleases=True), \
            f"requirements.lock has {requirement.name}=={version}, outside {text!r}: run `make lock`"
