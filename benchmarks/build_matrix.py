"""Benchmark: build a campaign of N audiences and compare with WeasyPrint alone and with a CLI pipeline.

Not a test. Run from the repository root, after `make build`:

    .venv/bin/python benchmarks/build_matrix.py [--audiences 193] [--jobs 2] [--cli-sample 24]

It copies the bundled campaign into a temporary folder, gives it N audiences
(the bundled ones' data under new ids, "Member State 1" … N), and prints one
JSON object:

    documents       documents built (audiences x 4 kinds; each as PDF and DOCX)
    jobs            worker processes
    briefkit_s      `briefkit build --force` at --jobs, wall time of the whole command
    briefkit_j1_s   the same at one job
    floor_s         the same HTML rendered to the same PDF (tagged PDF/UA-1, as briefkit writes by
                    default) by WeasyPrint alone, in one warm process, / jobs
    cli_pipeline_s  one `weasyprint` CLI call plus one `pandoc` HTML->DOCX call per document;
                    timed on --cli-sample documents and scaled to all (0 = time every document)
    noop_rebuild_s  `briefkit build` again with nothing changed
    peak_rss_mb     the largest peak RSS of any worker process (reported by briefkit --json)
    peak_rss_mb_quarter  the same for a campaign of N/4 audiences, to show it stays flat
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BRIEFKIT = [sys.executable, "-m", "briefkit"]
KINDS = ("letter", "briefing", "factsheet", "amendments")  # as the bundled campaign builds them


def make_campaign(target: Path, audiences: int) -> list[str]:
    """A copy of the bundled campaign with `audiences` audiences built from the bundled ones."""
    target.mkdir(parents=True)
    for name in ("briefkit.yaml", "signatories.csv"):
        shutil.copy2(REPO / name, target / name)
    for folder in ("seeds", "positions", "templates"):
        shutil.copytree(REPO / folder, target / folder)
    models = sorted((REPO / "audiences").glob("*.yaml"))
    (target / "audiences").mkdir()
    ids = []
    for number in range(1, audiences + 1):
        model = models[(number - 1) % len(models)].read_text(encoding="utf-8")
        audience_id = f"member-{number:03d}"
        lines = []
        for line in model.splitlines():
            if line.startswith("id:"):
                line = f"id: {audience_id}"
            elif line.startswith("name:"):
                line = f"name: Member State {number}"
            lines.append(line)
        (target / "audiences" / f"{audience_id}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        ids.append(audience_id)
    return ids


def timed(command: list[str], **kwargs) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{done.stdout}\n{done.stderr}")
    return elapsed, done


def briefkit_build(campaign: Path, out: Path, jobs: int, force: bool = True) -> tuple[float, dict]:
    command = [*BRIEFKIT, "build", "--campaign", str(campaign), "--out", str(out), "--jobs", str(jobs),
               "--json"] + (["--force"] if force else [])
    elapsed, done = timed(command, env={**os.environ, "CI": "1"})
    return elapsed, json.loads(done.stdout)


FLOOR_SCRIPT = """
import sys, time, pathlib, weasyprint
from weasyprint.text.fonts import FontConfiguration
files = sorted(pathlib.Path(sys.argv[1]).glob("*/*.html"))
out = pathlib.Path(sys.argv[2]); out.mkdir(exist_ok=True)
fonts = FontConfiguration()
options = dict(font_config=fonts, presentational_hints=True, pdf_variant="pdf/ua-1")
weasyprint.HTML(filename=str(files[0])).write_pdf(out / "warm.pdf", **options)
started = time.perf_counter()
for i, f in enumerate(files):
    weasyprint.HTML(filename=str(f)).write_pdf(out / f"{i}.pdf", **options)
print(time.perf_counter() - started)
"""


def floor(html_dir: Path, scratch: Path) -> float:
    """WeasyPrint alone on briefkit's own HTML (stylesheets inlined), in one warm process."""
    _, done = timed([sys.executable, "-c", FLOOR_SCRIPT, str(html_dir), str(scratch)])
    return float(done.stdout.strip())


def cli_pipeline(html_dir: Path, scratch: Path, sample: int) -> tuple[float, int]:
    """What a user would script instead: one weasyprint and one pandoc process per document."""
    weasyprint_cli = Path(sys.executable).with_name("weasyprint")
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        sys.exit("pandoc is needed for cli_pipeline_s: apt-get install pandoc")
    files = sorted(html_dir.glob("*/*.html"))
    chosen = files if sample <= 0 or sample >= len(files) else files[:: max(1, len(files) // sample)][:sample]
    started = time.perf_counter()
    for i, html in enumerate(chosen):
        timed([str(weasyprint_cli), "--presentational-hints", str(html), str(scratch / f"{i}.pdf")])
        timed([pandoc, str(html), "-o", str(scratch / f"{i}.docx")])
    elapsed = time.perf_counter() - started
    return elapsed * len(files) / len(chosen), len(chosen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--audiences", type=int, default=193)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--cli-sample", type=int, default=24,
                        help="documents timed for cli_pipeline_s, scaled to all (0: every document)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="briefkit-bench-") as tmp:
        base = Path(tmp)
        campaign = base / "campaign"
        make_campaign(campaign, args.audiences)
        documents = args.audiences * len(KINDS)

        briefkit_s, summary = briefkit_build(campaign, base / "out", args.jobs)
        noop_s, noop = briefkit_build(campaign, base / "out", args.jobs, force=False)
        assert noop["built"] == 0, noop
        briefkit_j1_s, _ = briefkit_build(campaign, base / "out-j1", 1)

        html_dir = base / "html"
        timed([*BRIEFKIT, "build", "--campaign", str(campaign), "--out", str(html_dir), "-f", "html"])
        (base / "floor").mkdir()
        floor_s = floor(html_dir, base / "floor") / args.jobs
        (base / "cli").mkdir()
        cli_s, sampled = cli_pipeline(html_dir, base / "cli", args.cli_sample)

        quarter = base / "quarter"
        make_campaign(quarter, max(1, args.audiences // 4))
        _, quarter_summary = briefkit_build(quarter, base / "out-quarter", args.jobs)

    result = {
        "documents": documents,
        "jobs": args.jobs,
        "briefkit_s": round(briefkit_s, 2),
        "briefkit_j1_s": round(briefkit_j1_s, 2),
        "floor_s": round(floor_s, 2),
        "cli_pipeline_s": round(cli_s, 1),
        "cli_pipeline_sampled": sampled,
        "noop_rebuild_s": round(noop_s, 2),
        "peak_rss_mb": summary.get("worker_peak_rss_mb"),
        "peak_rss_mb_quarter": quarter_summary.get("worker_peak_rss_mb"),
        "ratios": {
            "briefkit_over_floor": round(briefkit_s / floor_s, 3),
            "j1_over_jobs": round(briefkit_j1_s / briefkit_s, 2),
            "cli_over_briefkit": round(cli_s / briefkit_s, 1),
        },
        "briefkit_timings": summary.get("timings"),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
