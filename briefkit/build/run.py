"""The build: plan what is out of date, then check, compose and render only that.

Each output is keyed by a hash of its inputs (see inputs.py); an output whose
key and bytes match the manifest is skipped and keeps its mtime. When
anything must be built, the whole campaign is loaded and verified, and every
stale document is composed (templates rendered, vocabulary checked) before
any file is written, so bad input leaves out/ as it was. Rendering runs in
worker processes (workers.py); each file is written atomically, and one
document that fails does not stop the others.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from briefkit.build import manifest
from briefkit.build.inputs import InputIndex
from briefkit.campaign.loader import CAMPAIGN_FILE, CAMPAIGN_FOLDERS, load_campaign
from briefkit.campaign.model import KINDS
from briefkit.campaign.yamlio import load_yaml
from briefkit.checks.evidence import Verified, verify
from briefkit.checks.glyphs import FontCoverage
from briefkit.errors import BriefkitError, Problem, ProblemsFound, suggest
from briefkit.fsutil import inside
from briefkit.render.compose import Composer, Document
from briefkit.writers import FORMATS, SUFFIXES, workers
from briefkit.writers.variants import resolve_pdf_variant


@dataclass
class Failure:
    audience: str
    kind: str
    format: str
    message: str


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


def resolve_kinds(kinds: Iterable[str], has_amendments: bool = True) -> list[str]:
    """Kinds in canonical order; 'all' (or nothing) means every kind the campaign has documents of."""
    wanted = list(kinds) or ["all"]
    for kind in wanted:
        if kind != "all" and kind not in KINDS:
            raise BriefkitError(f"unknown kind {kind!r}", hint=suggest(kind, (*KINDS, "all")))
    if "amendments" in wanted and not has_amendments:
        raise BriefkitError("the campaign proposes no amendments",
                            hint="add `amendments:` to a position (see README, Amendments)")
    available = [k for k in KINDS if k != "amendments" or has_amendments]
    return available if "all" in wanted else [k for k in available if k in wanted]


def resolve_audiences(known: Iterable[str], audiences: Iterable[str]) -> list[str]:
    known = list(known)
    wanted = list(audiences) or known
    for audience in wanted:
        if audience not in known:
            raise BriefkitError(f"unknown audience {audience!r}", hint=suggest(audience, known))
    return list(dict.fromkeys(wanted))


def resolve_formats(formats: Iterable[str], configured: Iterable[str]) -> list[str]:
    wanted = list(formats) or list(configured)
    for fmt in wanted:
        if fmt not in FORMATS:
            raise BriefkitError(f"unknown format {fmt!r}", hint=suggest(fmt, FORMATS))
    return list(dict.fromkeys(wanted))


def compose_all(verified: Verified, kinds: list[str], audiences: list[str],
                all_languages: bool = True) -> list[Document]:
    """Every document of these kinds for these audiences, in each language they read (or their first)."""
    composer = Composer(verified)
    return [composer.compose(kind, audience, lang=lang) for audience in audiences
            for lang in composer.languages(audience)[:None if all_languages else 1] for kind in kinds]


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def build(campaign_dir: Path, out_dir: Path | None = None, kinds: Iterable[str] = (),
          audiences: Iterable[str] = (), formats: Iterable[str] = (), *, jobs: int | None = None,
          force: bool = False, strict: bool = False, confirmed_only: bool = False,
          clean: bool = False, pdf_variant: str | None = None, limits: workers.Limits | None = None,
          on_progress: Callable[[str, int, int], None] | None = None) -> BuildResult:
    """Build what is out of date; raise BriefkitError (nothing written) on bad input.

    With `strict`, a writer's warnings (CSS WeasyPrint ignores) are errors: a
    stylesheet's stop the build before anything is written; one that shows only
    while laying out a document fails that document. With `confirmed_only`,
    documents list only the signatories who confirmed the current letter text.
    With `clean`, the amendments document gives the consolidated proposed text
    instead of a redline. `pdf_variant` is one of writers/variants.py (default:
    tagged PDF/UA-1); it is part of each PDF's input hash, so building with
    another variant rewrites the PDFs.
    """
    started = time.perf_counter()
    root = campaign_dir.resolve()
    if not (root / CAMPAIGN_FILE).is_file():
        load_campaign(root)  # raises the usual "no briefkit.yaml" error
    kind_list = resolve_kinds(kinds, _has_amendments(root))
    index = InputIndex.scan(root)
    audience_list = resolve_audiences(index.audience_files, audiences)
    format_list = resolve_formats(formats, _configured_formats(root))
    variant = resolve_pdf_variant(pdf_variant)
    out_dir = (out_dir or root / "out").resolve()
    _check_out_dir(out_dir, root)
    limits = limits or workers.Limits(jobs=jobs or default_jobs())
    limits.strict = strict
    result = BuildResult(out_dir, jobs=limits.jobs, pdf_variant=variant)
    _sweep_temporaries(out_dir)

    old = {e.path: e for e in manifest.load(out_dir)}
    languages = audience_languages(root, audience_list)
    stale: dict[tuple[str, str, str], list[tuple[str, str, str, str]]] = {}  # (fmt, rel, key, options)
    for audience in audience_list:
        for kind in kind_list:
            for lang in languages[audience]:
                for fmt in format_list:
                    rel = output_path(audience, kind, lang, fmt, several=len(languages[audience]) > 1)
                    options = " ".join((["confirmed-only"] if confirmed_only else [])
                                       + (["clean"] if clean and kind == "amendments" else []))
                    key = index.key(audience, kind, fmt, options, pdf_variant=variant, lang=lang)
                    if not force and _up_to_date(out_dir, old.get(rel), key):
                        result.skipped.append(old[rel])
                    else:
                        stale.setdefault((audience, kind, lang), []).append((fmt, rel, key, options))
    result.timings["plan_s"] = time.perf_counter() - started

    if stale:
        with workers.Pool(limits, format_list, len(stale), {"pdf": {"pdf_variant": variant}}) as pool:
            composer_options = {"confirmed_only": confirmed_only, "clean": clean}
            _build_stale(root, out_dir, stale, pool, result, on_progress, composer_options)
    try:
        entries = manifest.update(out_dir, result.built, languages)
    except OSError as exc:
        raise BriefkitError(f"cannot write {out_dir / manifest.MANIFEST}: {exc.strerror or exc}",
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


def output_path(audience: str, kind: str, lang: str, fmt: str, several: bool) -> str:
    """out/<audience>/<kind>.<ext>; with the language, <kind>.<lang>.<ext>, when the audience reads several."""
    return f"{audience}/{kind}.{lang}{SUFFIXES[fmt]}" if several else f"{audience}/{kind}{SUFFIXES[fmt]}"


def _build_stale(root: Path, out_dir: Path, stale: dict, pool: workers.Pool, result: BuildResult,
                 on_progress: Callable[[str, int, int], None] | None,
                 composer_options: dict[str, bool]) -> None:
    """Check the campaign, compose every stale document, check their glyphs, then render them all."""
    mark = time.perf_counter()
    verified = verify(load_campaign(root, partial=True))
    result.warnings.extend(verified.warnings)
    result.timings["load_s"] = time.perf_counter() - mark

    mark = time.perf_counter()
    composer = Composer(verified, **composer_options)
    tasks, keys = [], {}
    for (audience, kind, lang), outputs in stale.items():
        document = composer.compose(kind, audience, lang=lang)
        tasks.append(workers.Task(document, [(fmt, inside(out_dir, out_dir / rel))
                                             for fmt, rel, _, _ in outputs]))
        keys.update({rel: (key, options) for _, rel, key, options in outputs})
    # Every character must have a glyph in the fonts the stylesheets name, before anything is written.
    if problems := FontCoverage().check(verified, [t.document for t in tasks]):
        raise ProblemsFound(problems)
    result.timings["compose_s"] = time.perf_counter() - mark

    # Stylesheets are parsed (in a worker: the parent never imports WeasyPrint) before any
    # document is written, so that --strict can stop the build with nothing written.
    mark = time.perf_counter()
    result.warnings.extend(pool.check([t.document for t in tasks]))
    result.timings["stylesheets_s"] = time.perf_counter() - mark
    if any(w.severity == "error" for w in result.warnings) or (pool.limits.strict and result.warnings):
        raise ProblemsFound([replace(w, severity="error") for w in result.warnings])

    mark = time.perf_counter()
    total, done = sum(len(t.outputs) for t in tasks), 0
    if on_progress:
        on_progress("", 0, total)
    for outcome in pool.run(tasks):
        result.worker_peak_rss_mb = max(result.worker_peak_rss_mb, outcome.peak_rss_mb)
        result.warnings.extend(w for w in outcome.warnings if w not in result.warnings)
        document = outcome.task.document
        for fmt, dest in outcome.task.outputs:
            rel = dest.relative_to(out_dir).as_posix()
            if fmt in outcome.pages:
                entry = manifest.entry_for(out_dir, rel, document.audience, document.kind, fmt,
                                           document.lang, outcome.pages[fmt])
                entry.input_hash, entry.options = keys[rel]
                entry.pdf_variant = result.pdf_variant if fmt == "pdf" else None
                result.built.append(entry)
            else:
                result.failures.append(Failure(document.audience, document.kind, fmt,
                                               outcome.errors.get(fmt, "not written")))
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


def _has_amendments(root: Path) -> bool:
    """Whether any position proposes amendments, read leniently: a full check follows."""
    for path in sorted((root / "positions").glob("*.y*ml")):
        try:
            data, _ = load_yaml(path)
        except BriefkitError:
            return True  # let the full check report the file
        if isinstance(data, dict) and data.get("amendments"):
            return True
    return False


def audience_languages(root: Path, audiences: list[str]) -> dict[str, list[str]]:
    """The languages each audience reads, read leniently (a full check follows before any writing)."""
    default = "en"
    try:
        data, _ = load_yaml(root / CAMPAIGN_FILE)
        default = data["settings"]["language"] if isinstance(data["settings"]["language"], str) else default
    except (BriefkitError, KeyError, TypeError):
        pass
    found = {}
    for audience in audiences:
        languages = [default]
        for suffix in (".yaml", ".yml"):
            path = root / "audiences" / f"{audience}{suffix}"
            if not path.is_file():
                continue
            try:
                data, _ = load_yaml(path)
            except BriefkitError:
                break
            if isinstance(data, dict):
                given = data.get("languages") or [data.get("language") or default]
                if isinstance(given, list) and given and all(isinstance(x, str) and x.isalpha() for x in given):
                    languages = list(dict.fromkeys(given))
            break
        found[audience] = languages
    return found


def _configured_formats(root: Path) -> list[str]:
    """settings.formats from briefkit.yaml, read leniently: a full check follows before any writing."""
    try:
        data, _ = load_yaml(root / CAMPAIGN_FILE)
        configured = data["settings"]["formats"]
        if isinstance(configured, list) and all(isinstance(f, str) for f in configured):
            return configured
    except (BriefkitError, KeyError, TypeError):
        pass
    return ["pdf", "docx"]


def _sweep_temporaries(out_dir: Path) -> None:
    """Remove temporary files a killed build left behind (they never carry a final name)."""
    for pattern in (".*.tmp", "*/.*.tmp"):
        for path in out_dir.glob(pattern):
            path.unlink(missing_ok=True)


def _check_out_dir(out_dir: Path, root: Path) -> None:
    for protected in CAMPAIGN_FOLDERS:
        if out_dir == (root / protected).resolve() or out_dir.is_relative_to((root / protected).resolve()):
            raise BriefkitError(f"the output folder {out_dir} is inside the campaign's {protected}/",
                                hint="choose another --out folder")
    if out_dir == root.resolve():
        raise BriefkitError("the output folder cannot be the campaign folder itself",
                            hint="use the default out/ or another --out folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BriefkitError(f"cannot create the output folder {out_dir}: {exc.strerror}") from exc
