"""Never delete what briefkit did not write: `--out` may hold other programs' files."""

from __future__ import annotations

import os

import pytest

from briefkit.build import plan
from briefkit.build.run import build
from briefkit.errors import BriefkitError, ProblemsFound
from briefkit.fsutil import TEMPORARY_MARK
from tests.helpers import write

FOREIGN = {
    ".bash_history.tmp": "history",
    "Documents/.draft.tmp": "a draft",
    "alpha/.notes.tmp": "someone's notes in an audience's folder",
    ".cache/settings.json": '{"a program": "of its own"}',  # `--out ~` has a ~/.cache
    ".cache/thumbnail.pdf": "%PDF-",
    f".manifest.json{TEMPORARY_MARK}.tmp.keep": "not briefkit's: no such name is ever swept",
}


def plant(out):
    for rel, text in FOREIGN.items():
        write(out / rel, text)


def assert_survived(out):
    for rel, text in FOREIGN.items():
        assert (out / rel).read_text() == text, rel


def test_foreign_files_in_out_survive_a_build(campaign, tmp_path):
    out = tmp_path / "home"
    plant(out)
    result = build(campaign, out, kinds=["letter"], formats=["pdf"], jobs=1)
    assert not result.failures and (out / "alpha" / "letter.pdf").is_file()
    assert_survived(out)
    assert not (out / plan.OWN).exists()  # briefkit's own folder goes when it is empty


def test_foreign_files_in_out_survive_a_refused_build(campaign, tmp_path):
    out = tmp_path / "home"
    plant(out)
    write(campaign / "templates" / "letter.html.j2", "{% if %}\n")
    with pytest.raises(ProblemsFound):
        build(campaign, out, kinds=["letter"], formats=["pdf"], jobs=1)
    assert_survived(out)


def test_a_killed_builds_leftovers_are_swept_only_when_the_build_proceeds(campaign, tmp_path):
    out = tmp_path / "out"
    dead = out / plan.STAGING / "999999999-abcd" / "0" / "letter.pdf"
    write(dead, "half a PDF")
    alive = out / plan.STAGING / f"{os.getppid()}-efgh" / "0" / "letter.pdf"  # another build, still running
    write(alive, "being written")
    manifest_tmp = out / f".{plan.MANIFEST}{TEMPORARY_MARK}x1y2.tmp"
    write(manifest_tmp, "{")
    write(campaign / "templates" / "letter.html.j2", "{% if %}\n")
    with pytest.raises(ProblemsFound):
        build(campaign, out, kinds=["letter"], formats=["pdf"], jobs=1)
    assert dead.is_file() and manifest_tmp.is_file()  # a refused build changes nothing in out/
    (campaign / "templates" / "letter.html.j2").unlink()
    build(campaign, out, kinds=["letter"], formats=["pdf"], jobs=1)
    assert not dead.parent.parent.exists() and not manifest_tmp.exists()
    assert alive.read_text() == "being written"


def test_briefkit_s_own_folder_must_not_be_a_link(campaign, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    write(elsewhere / "cache" / ("0" * 40 + ".json"), "{}")
    out = tmp_path / "out"
    out.mkdir()
    (out / plan.OWN).symlink_to(elsewhere)
    with pytest.raises(BriefkitError, match="is not a folder briefkit made"):
        build(campaign, out, kinds=["letter"], formats=["pdf"], jobs=1)
    assert (elsewhere / "cache" / ("0" * 40 + ".json")).is_file()
