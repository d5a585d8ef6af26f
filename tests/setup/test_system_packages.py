"""tools/system-packages: what `make build`, `make test` and CI run first on a fresh machine.

The script is run for real, with fakes of the system's own tools first on PATH: dpkg-query
(which packages are installed), id (root or not), sudo and apt-get (which record how they
were called), so that each case of a fresh machine can be played without touching this one.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO

SCRIPT = REPO / "tools" / "system-packages"
PACKAGES = REPO / "briefkit" / "assets" / "system-packages.txt"


def listed(*stages: str) -> list[str]:
    names = []
    for line in PACKAGES.read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split()
        if len(fields) >= 2 and fields[1] in stages:
            names.append(fields[0])
    return names


def fake(bin_dir: Path, name: str, body: str) -> None:
    path = bin_dir / name
    path.write_text("#!/bin/bash\n" + body + "\n", encoding="utf-8")
    path.chmod(0o755)


@pytest.fixture
def machine(tmp_path):
    """A PATH holding only what the script may use, and fakes that log to calls.txt."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "grep", "dirname", "env", "mktemp", "rm", "cat"):
        os.symlink(shutil.which(tool), bin_dir / tool)
    calls = tmp_path / "calls.txt"
    calls.touch()

    def run(stage: str, *, installed: list[str], uid: int, sudo: str | None = None):
        listing = "\n".join(installed)
        fake(bin_dir, "dpkg-query", f'grep -qx "${{@: -1}}" <<\'EOF\'\n{listing}\nEOF\n'
                                    f'[ $? -eq 0 ] && echo "install ok installed" || exit 1')
        fake(bin_dir, "id", f"echo {uid}")
        fake(bin_dir, "apt-get", f'echo "apt-get $*" >> {calls}')
        (bin_dir / "sudo").unlink(missing_ok=True)
        if sudo == "passwordless":
            fake(bin_dir, "sudo", f'[ "$1" = -n ] && [ "$2" = true ] && exit 0; echo "sudo $*" >> {calls}; "$@"')
        elif sudo == "asks":
            fake(bin_dir, "sudo", 'exit 1')
        result = subprocess.run(["bash", str(SCRIPT), stage], capture_output=True, text=True,
                                env={"PATH": str(bin_dir), "TMPDIR": str(tmp_path)}, stdin=subprocess.DEVNULL)
        return result, calls.read_text().splitlines()

    return run


def test_nothing_happens_when_every_package_is_installed(machine):
    result, calls = machine("test", installed=listed("build", "test"), uid=1000)
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""
    assert calls == []


def test_as_root_the_missing_packages_are_installed_with_apt_get(machine):
    have = [p for p in listed("build") if p != "fonts-noto-cjk"]
    result, calls = machine("build", installed=have, uid=0)
    assert result.returncode == 0, result.stderr
    assert calls[0] == "apt-get update -qq"
    assert calls[1].startswith("apt-get install -y --no-install-recommends fonts-noto-cjk")
    assert "installed: fonts-noto-cjk" in result.stdout


def test_a_user_without_sudo_is_told_the_one_command_to_run(machine):
    result, calls = machine("build", installed=[], uid=1000)
    assert result.returncode == 1 and calls == []
    [line] = result.stderr.splitlines()
    assert line.endswith("apt-get update && apt-get install -y --no-install-recommends "
                         + " ".join(listed("build")))
    assert "as root" in line


def test_a_user_whose_sudo_would_ask_for_a_password_without_a_terminal_is_told_too(machine):
    result, calls = machine("build", installed=[], uid=1000, sudo="asks")
    assert result.returncode == 1 and calls == [] and len(result.stderr.splitlines()) == 1


def test_a_user_with_sudo_installs_through_sudo(machine):
    result, calls = machine("build", installed=[], uid=1000, sudo="passwordless")
    assert result.returncode == 0, result.stderr
    assert calls[0] == "sudo apt-get update -qq"
    assert calls[2].startswith("sudo env DEBIAN_FRONTEND=noninteractive apt-get install")


def test_the_tests_need_more_packages_than_the_build(machine):
    result, calls = machine("test", installed=listed("build"), uid=0)
    assert result.returncode == 0, result.stderr
    install = calls[-1]
    assert all(package in install for package in listed("test"))
    assert not any(package in install.split() for package in listed("build"))
    assert {"poppler-utils", "qpdf", "libreoffice-writer-nogui", "chromium", "pandoc"} <= set(listed("test"))


def test_make_and_ci_read_the_one_list():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "tools/system-packages build" in makefile and "tools/system-packages test" in makefile
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
    for package in listed("build", "test"):
        assert package not in makefile and package not in ci, f"{package} is named outside the list"
