"""The worker pool: parallel rendering, failures isolated, interrupted builds leave whole files."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
from pypdf import PdfReader

from briefkit.build.run import build
from briefkit.checks import Scope, check_campaign
from briefkit.writers import workers
from tests.helpers import write


def test_parallel_build_matches_the_serial_one(campaign, tmp_path):
    serial = build(campaign, tmp_path / "one", jobs=1)
    parallel = build(campaign, tmp_path / "two", jobs=2)
    assert parallel.jobs == 2
    assert sorted((e.path, e.sha256) for e in serial.built) == \
        sorted((e.path, e.sha256) for e in parallel.built)


def test_a_render_that_runs_too_long_is_stopped_and_the_others_still_build(campaign):
    huge = "".join(f"<p>Paragraph {i} of an endless briefing.</p>" for i in range(6000))
    write(campaign / "templates" / "audiences" / "beta" / "briefing.html.j2",
          '{% extends "builtin/briefing.html.j2" %}{% block summary %}' + huge + "{% endblock %}")
    limits = workers.Limits(jobs=2, timeout_s=2)
    result = build(campaign, formats=["pdf"], limits=limits)
    assert [(f.audience, f.kind) for f in result.failures] == [("beta", "briefing")]
    assert "took longer than 2 s" in result.failures[0].message
    assert len(result.built) == 5
    assert not (campaign / "out" / "beta" / "briefing.pdf").exists()
    assert not list((campaign / "out").rglob("*.tmp"))


def test_a_render_that_needs_too_much_memory_is_stopped_and_the_others_still_build(campaign):
    # A worker renders this campaign's small documents within 350 MB of address space; laying out
    # 12,000 paragraphs needs far more than 450 MB.
    huge = "".join(f"<p>Paragraph {i} of an enormous briefing that needs a great deal of layout.</p>"
                   for i in range(12000))
    write(campaign / "templates" / "audiences" / "beta" / "briefing.html.j2",
          '{% extends "builtin/briefing.html.j2" %}{% block summary %}' + huge + "{% endblock %}")
    limits = workers.Limits(jobs=2, timeout_s=300, memory_mb=450)
    result = build(campaign, formats=["pdf"], limits=limits)
    assert [(f.audience, f.kind) for f in result.failures] == [("beta", "briefing")]
    assert "ran out of memory" in result.failures[0].message
    assert "(a renderer may use 450 MB)" in result.failures[0].message
    assert len(result.built) == 5
    assert not (campaign / "out" / "beta" / "briefing.pdf").exists()
    assert not list((campaign / "out").rglob("*.tmp"))


def test_a_killed_build_leaves_only_whole_files_and_the_next_one_finishes(campaign):
    out = campaign / "out"
    # Enough documents that the build is still running when it is killed.
    for i in range(12):
        write(campaign / "audiences" / f"extra-{i}.yaml", f"id: extra-{i}\nname: Extra {i}\nstance: ally\n")
    process = subprocess.Popen([sys.executable, "-m", "briefkit", "build", "--campaign", str(campaign),
                                "-j", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*/*.pdf"))) < 4:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    finals = [p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")]
    assert any(p.suffix == ".pdf" for p in finals)
    for path in finals:
        if path.suffix == ".pdf":
            assert len(PdfReader(path).pages) >= 1
        elif path.suffix == ".docx":
            docx.Document(str(path))
    result = build(campaign, jobs=2)
    assert not result.failures
    assert len(result.built) + len(result.skipped) == 14 * 6
    assert not list(out.rglob("*.tmp"))


def rendering_processes(campaign: Path, max_tasks: int) -> list[int]:
    """The process that rendered each of the campaign's letters, in a pool of two workers."""
    checked = check_campaign(campaign, scope=Scope(tuple(("letter", a, "en") for a in ("alpha", "beta"))))
    out = campaign / "out"
    tasks = [workers.Task(d, out, [("pdf", f"{d.audience}/{d.kind}.pdf")]) for d in checked.documents] * 3
    limits = workers.Limits(jobs=2, max_tasks=max_tasks)
    with workers.Pool(limits, ["pdf"], len(tasks), warm_up=False) as pool:
        outcomes = list(pool.run(tasks))
    assert all(not o.errors for o in outcomes)
    return [o.pid for o in outcomes]


def test_workers_are_replaced_after_their_quota(campaign):
    assert len(set(rendering_processes(campaign, max_tasks=1))) == 6  # a fresh worker for every document
    assert len(set(rendering_processes(campaign, max_tasks=100))) == 2  # two workers did all six


def test_workers_leave_no_temporary_folders(campaign, tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setenv("TMPDIR", str(tmp_path))
    tempfile.tempdir = None
    try:
        result = build(campaign, formats=["pdf"], limits=workers.Limits(jobs=2, max_tasks=1))
    finally:
        tempfile.tempdir = None
    assert not result.failures and len(result.built) == 6
    assert not list(tmp_path.glob("briefkit-workers-*"))
