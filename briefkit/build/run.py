"""The build: plan what is out of date, then check, compose and render only that.

Each output is keyed by a hash of its inputs (see inputs.py); an output whose
key and bytes match the manifest is skipped and keeps its mtime. When
anything must be built, the check pipeline (checks/) runs over the stale
documents, composing them, before any file is written, so bad input leaves
out/ as it was. Rendering runs in worker processes (writers/workers.py); each
file is written atomically, and one document that fails does not stop the
others.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from briefkit.build import manifest, plan, temporaries
from briefkit.build.measure import measurer
from briefkit.build.inputs import InputIndex
from briefkit.campaign import layout
from briefkit.campaign.loader import load_campaign
from briefkit.campaign.model import Campaign
from briefkit.checks import Scope, check_campaign
from briefkit.errors import BriefkitError, Problem
from briefkit.fsutil import inside
from briefkit.writers import cache, workers
from briefkit.writers.variants import resolve_pdf_variant


@dataclass
class Failure:
    audience: str
    kind: str
    format: str
    message: str
    path: str = ""  # the file in out/ that was not written


@dataclass
class BuildResult:
    out_dir: Path
    jobs: int = 1
    pdf_variant: str = ""
    built: list[manifest.Entry] = field(default_factory=list)
    skipped: list[manifest.Entry] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    worker_peak_rss_mb: float = 0.0
    warnings: list[Problem] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return self.timings.get("total_s", 0.0)

    def summary(self) -> dict:
        """Machine-readable summary (`briefkit build --json`)."""
        return {"out_dir": str(self.out_dir), "jobs": self.jobs, "pdf_variant": self.pdf_variant,
                "built": len(self.built),
                "skipped": len(self.skipped), "failed": len(self.failures),
                "timings": {k: round(v, 3) for k, v in self.timings.items()},
                "worker_peak_rss_mb": round(self.worker_peak_rss_mb, 1),
                "built_paths": [e.path for e in self.built],
                "warnings": [w.format() for w in self.warnings],
                "failures": [vars(f) for f in self.failures]}


def build(campaign_dir: Path, out_dir: Path | None = None, kinds: Iterable[str] = (),
          audiences: Iterable[str] = (), formats: Iterable[str] = (), *, jobs: int | None = None,
          force: bool = False, strict: bool = False, confirmed_only: bool = False,
          clean: bool = False, pdf_variant: str | None = None, redline: str | None = None,
          limits: workers.Limits | None = None,
          on_progress: Callable[[str, int, int], None] | None = None) -> BuildResult:
    """Build what is out of date; raise BriefkitError (nothing written) on bad input.

    With `strict`, every warning of the check is an error (CSS WeasyPrint ignores among
    them), and so is one a writer meets while laying out a document, which fails that
    document. With `confirmed_only`, documents list only the signatories who confirmed the
    current letter text. With `clean`, the amendments document gives the consolidated
    proposed text instead of a redline. `pdf_variant` is one of writers/variants.py
    (default: tagged PDF/UA-1); it is part of each PDF's input hash, so building with
    another variant rewrites the PDFs. `redline` (marked or tracked) replaces briefkit.yaml's
    settings.redline for this build.
    """
    started = time.perf_counter()
    plan.kind_names(kinds)  # a mistyped kind, variant or redline is a usage error, whatever the campaign
    variant = resolve_pdf_variant(pdf_variant)
    redline = plan.resolve_redline(redline) if redline is not None else None
    campaign = load_campaign(campaign_dir, partial=True)
    if campaign.provenance.problems:
        check_campaign(campaign.root, campaign=campaign)  # raises, with every problem of the campaign
    root = campaign.root
    redline_option = ""
    if redline is not None and redline != campaign.config.settings.redline:
        campaign = campaign.with_settings(redline=redline)
        redline_option = f"redline-{campaign.config.settings.redline}"  # part of every input hash
    kind_list = plan.resolve_kinds(kinds, campaign)
    audience_list = plan.resolve_audiences(campaign.audiences, audiences)
    format_list = plan.resolve_formats(formats, campaign.config.settings.formats)
    out_dir = (out_dir or root / layout.OUT).resolve()
    _check_out_dir(out_dir, root)
    limits = limits or workers.Limits(jobs=jobs or workers.default_jobs())
    limits.strict = strict
    result = BuildResult(out_dir, jobs=limits.jobs, pdf_variant=variant)

    index = InputIndex.scan(campaign)
    old = {e.path: e for e in manifest.load(out_dir)}
    stale: dict[tuple[str, str, str], list[tuple[plan.Output, str, str]]] = {}  # (output, key, options)
    for output in plan.outputs(campaign, kind_list, audience_list, format_list):
        options = " ".join((["confirmed-only"] if confirmed_only else [])
                           + (["clean"] if clean and output.kind == "amendments" else [])
                           + ([redline_option] if redline_option else []))
        key = index.key(output.audience, output.kind, output.format, options, pdf_variant=variant,
                        lang=output.lang)
        if not force and _up_to_date(out_dir, old.get(output.path), key):
            result.skipped.append(old[output.path])
        else:
            stale.setdefault((output.kind, output.audience, output.lang), []).append((output, key, options))
    result.timings["plan_s"] = time.perf_counter() - started

    if stale:
        with workers.Pool(limits, format_list, len(stale), {"pdf": {"pdf_variant": variant}},
                          cache_dir=out_dir / plan.CACHE) as pool:
            _build_stale(campaign, out_dir, stale, pool, result, on_progress,
                         {"confirmed_only": confirmed_only, "clean": clean})
    cache.clear(out_dir / plan.CACHE)  # what a check laid out and this build did not take is stale
    temporaries.remove_if_empty(out_dir)
    languages = plan.languages(campaign, audience_list)
    try:
        entries = manifest.update(out_dir, result.built, languages)
    except OSError as exc:
        raise BriefkitError(f"cannot write {out_dir / plan.MANIFEST}: {exc.strerror or exc}",
                            hint="free some space, or choose another --out folder") from exc
    result.warnings += [_leftover_warning(audience, paths, languages[audience])
                        for audience, paths in manifest.leftovers(entries, languages).items()]
    result.timings["total_s"] = time.perf_counter() - started
    return result


def _leftover_warning(audience: str, paths: list[str], reads: list[str]) -> Problem:
    naming = ("<kind>.<lang>.pdf and so on, one per language" if len(reads) > 1
              else "<kind>.pdf and so on, without a language")
    names = ", ".join(path.split("/", 1)[1] for path in paths)
    return Problem(f"out/{audience}", None,
                   f"{names}: left from an earlier build; {audience} now reads {', '.join(reads)}, so its "
                   f"documents are named {naming}", severity="warning",
                   hint="delete the old files; they are never distributed")


def _build_stale(campaign: Campaign, out_dir: Path, stale: dict, pool: workers.Pool, result: BuildResult,
                 on_progress: Callable[[str, int, int], None] | None,
                 composer_options: dict[str, bool]) -> None:
    """Run the check pipeline over the stale documents (nothing is written on a problem), then render them."""
    mark = time.perf_counter()
    checked = check_campaign(campaign.root, campaign=campaign, scope=Scope(tuple(stale)),
                             stylesheets=pool.check, measure=measurer(pool, campaign),
                             strict=pool.limits.strict, **composer_options)
    result.warnings.extend(checked.warnings)
    result.timings["check_s"] = time.perf_counter() - mark
    # The check passed, so the build proceeds: only now are a killed build's leftovers swept.
    temporaries.sweep(out_dir)
    with temporaries.build_folder(out_dir) as staging:
        _render_stale(checked.documents, out_dir, stale, pool, result, on_progress, staging)


def _render_stale(documents: list, out_dir: Path, stale: dict, pool: workers.Pool, result: BuildResult,
                  on_progress: Callable[[str, int, int], None] | None, staging: Path) -> None:
    """Render the checked documents, each staged in a folder of its own under this build's."""
    keys = {output.path: (key, options) for outputs in stale.values() for output, key, options in outputs}
    tasks = []
    for document in documents:
        outputs = [output for output, _, _ in stale[(document.kind, document.audience, document.lang)]]
        for output in outputs:
            inside(out_dir, out_dir / output.path)  # ids are slugs; this proves the path stays in out/
        tasks.append(workers.Task(document, out_dir, [(output.format, output.path) for output in outputs],
                                  staging=staging / str(len(tasks))))
    mark = time.perf_counter()
    total, done = sum(len(t.outputs) for t in tasks), 0
    if on_progress:
        on_progress("", 0, total)
    for outcome in pool.run(tasks):
        result.worker_peak_rss_mb = max(result.worker_peak_rss_mb, outcome.peak_rss_mb)
        result.warnings.extend(w for w in outcome.warnings if w not in result.warnings)
        document = outcome.task.document
        for fmt, rel in outcome.task.outputs:
            if fmt in outcome.pages:
                entry = manifest.entry_for(out_dir, rel, document.audience, document.kind, fmt,
                                           document.lang, outcome.pages[fmt])
                entry.input_hash, entry.options = keys[rel]
                entry.fit = list(document.fit)
                entry.pdf_variant = result.pdf_variant if fmt == "pdf" else None
                result.built.append(entry)
            else:
                result.failures.append(Failure(document.audience, document.kind, fmt,
                                               outcome.errors.get(fmt, "not written"), rel))
            done += 1
            if on_progress:
                on_progress(rel, done, total)
    result.timings["render_s"] = time.perf_counter() - mark


def _up_to_date(out_dir: Path, entry: manifest.Entry | None, key: str) -> bool:
    """The output exists, was built from exactly these inputs, and has not been touched since."""
    if entry is None or entry.input_hash != key:
        return False
    try:
        data = (out_dir / entry.path).read_bytes()
    except OSError:
        return False
    return len(data) == entry.bytes and hashlib.sha256(data).hexdigest() == entry.sha256


def _check_out_dir(out_dir: Path, root: Path) -> None:
    for protected in layout.CAMPAIGN_FOLDERS:
        if out_dir == (root / protected).resolve() or out_dir.is_relative_to((root / protected).resolve()):
            raise BriefkitError(f"the output folder {out_dir} is inside the campaign's {protected}/",
                                hint="choose another --out folder")
    if out_dir == root.resolve():
        raise BriefkitError("the output folder cannot be the campaign folder itself",
                            hint="use the default out/ or another --out folder")
    temporaries.check_own(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BriefkitError(f"cannot create the output folder {out_dir}: {exc.strerror}") from exc
