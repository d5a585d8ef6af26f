"""The README's tutorial, run as a newcomer would run it (issue 19, point 5).

Every ```sh block under the README's "## Tutorial" heading runs, in order, in one temporary
folder, as bash runs it (a block's `cd` carries over to the next); each must exit 0. The
markers after a block say what to look for:

    <!-- tutorial: creates PATH ... -->        these files exist afterwards
    <!-- tutorial: PATH contains TEXT -->      that file holds that text
    <!-- tutorial: serves -->                  the command serves until stopped (the preview):
                                               started on a free port, one page fetched, stopped
"""

import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import REPO

BIN = Path(sys.executable).parent  # the .venv's bin, which holds briefkit
BLOCK = re.compile(r"^```sh\n(.*?)^```\n((?:<!-- tutorial: .*? -->\n)*)", re.S | re.M)
MARKER = re.compile(r"<!-- tutorial: (.*?) -->")


def tutorial_steps() -> list[tuple[str, list[str]]]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    found = re.search(r"^## Tutorial\b.*?\n(.*?)(?=^## )", readme, re.S | re.M)
    assert found, "the README has no '## Tutorial' section"
    return [(m.group(1), MARKER.findall(m.group(2))) for m in BLOCK.finditer(found.group(1))]


def environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFKIT_")}
    return {**env, "PATH": f"{BIN}{os.pathsep}{env['PATH']}", "HOME": str(tmp_path)}


def run_block(script: str, cwd: Path, env: dict[str, str]) -> Path:
    """Run one block as bash would, stopping at the first command that fails; the folder it ends in."""
    where = cwd / ".." / "tutorial-cwd"
    done = subprocess.run(["bash", "-e", "-x", "-c", script + f'\npwd > "{where}"\n'], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"this step of the tutorial failed:\n{script}\n{done.stdout}\n{done.stderr}"
    return Path(where.read_text(encoding="utf-8").strip())


def serve(script: str, cwd: Path, env: dict[str, str]) -> None:
    """Start the command on a free port, fetch the page it prints, stop it."""
    [command] = [line for line in script.splitlines() if line.strip()]
    server = subprocess.Popen(["bash", "-c", f"exec {command} --port 0"], cwd=cwd, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline, output = time.monotonic() + 120, ""
        while "http://" not in output and time.monotonic() < deadline and server.poll() is None:
            output += server.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/\S*", output)
        assert url, f"{command} printed no address: {output}"
        with urllib.request.urlopen(url.group(0), timeout=60) as page:
            assert page.status == 200
    finally:
        server.terminate()
        server.wait(timeout=30)


def check_marker(marker: str, cwd: Path) -> None:
    if marker == "serves":
        return
    if marker.startswith("creates "):
        missing = [name for name in marker.split()[1:] if not (cwd / name).is_file()]
        assert not missing, f"the tutorial says these appear, but they do not: {missing}"
        return
    name, text = marker.split(" contains ", 1)
    assert text in (cwd / name).read_text(encoding="utf-8"), f"{name} does not contain {text!r}"


def test_the_tutorial_runs_step_by_step_on_the_campaign_init_makes(tmp_path):
    steps = tutorial_steps()
    commands = " ".join(script for script, _ in steps)
    for step in ("briefkit init", "briefkit check", "briefkit build letter", "audiences/newland.yaml",
                 "positions/01-court-order.yaml", "briefkit templates eject letter --audience newland",
                 "briefkit preview", "briefkit distribute"):
        assert step in commands, f"the tutorial has no step with {step!r}"
    assert "--send" not in commands  # a dry run only: nothing leaves the machine
    work = tmp_path / "work"
    work.mkdir()
    env, cwd = environment(tmp_path), work
    for script, markers in steps:
        if "serves" in markers:
            serve(script, cwd, env)
        else:
            cwd = run_block(script, cwd, env)
        for marker in markers:
            check_marker(marker, cwd)
    assert cwd == work / "my-campaign"
