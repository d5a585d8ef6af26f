"""The build: load, verify and compose everything, then write each document in each format.

Every document is composed (templates rendered, vocabulary checked) before
any file is written, so a template error leaves out/ as it was. Each file is
written atomically; one document that fails to write does not stop the
others, and the result lists what failed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from briefkit import manifest
from briefkit.check import Verified, verify
from briefkit.compose import Composer, Document
from briefkit.errors import BriefkitError, Problem, ProblemsFound, suggest
from briefkit.fsutil import atomic_write, inside
from briefkit.loader import load_campaign
from briefkit.model import KINDS
from briefkit.writers import FORMATS, Writer, get_writer


@dataclass
class Failure:
    audience: str
    kind: str
    format: str
    message: str


@dataclass
class BuildResult:
    out_dir: Path
    built: list[manifest.Entry] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    seconds: float = 0.0


def resolve_kinds(kinds: Iterable[str]) -> list[str]:
    """Kinds in canonical order; 'all' (or nothing) means every kind."""
    wanted = list(kinds) or ["all"]
    for kind in wanted:
        if kind != "all" and kind not in KINDS:
            raise BriefkitError(f"unknown kind {kind!r}", hint=suggest(kind, (*KINDS, "all")))
    return list(KINDS) if "all" in wanted else [k for k in KINDS if k in wanted]


def resolve_audiences(verified: Verified, audiences: Iterable[str]) -> list[str]:
    known = verified.campaign.audiences
    wanted = list(audiences) or list(known)
    for audience in wanted:
        if audience not in known:
            raise BriefkitError(f"unknown audience {audience!r}", hint=suggest(audience, known))
    return list(dict.fromkeys(wanted))


def resolve_formats(verified: Verified, formats: Iterable[str]) -> list[str]:
    wanted = list(formats) or list(verified.campaign.config.settings.formats)
    for fmt in wanted:
        if fmt not in FORMATS:
            raise BriefkitError(f"unknown format {fmt!r}", hint=suggest(fmt, FORMATS))
    return list(dict.fromkeys(wanted))


def compose_all(verified: Verified, kinds: list[str], audiences: list[str]) -> list[Document]:
    composer = Composer(verified)
    return [composer.compose(kind, audience) for audience in audiences for kind in kinds]


def build(campaign_dir: Path, out_dir: Path | None = None, kinds: Iterable[str] = (),
          audiences: Iterable[str] = (), formats: Iterable[str] = (),
          on_progress: Callable[[str, int, int], None] | None = None, strict: bool = False) -> BuildResult:
    """Build the requested documents; raise BriefkitError (nothing written) on bad input.

    With `strict`, a writer's warnings (CSS WeasyPrint ignores) are errors: a stylesheet's stop the
    build before anything is written; one that shows only while laying out a document fails that
    document."""
    started = time.perf_counter()
    kind_list = resolve_kinds(kinds)
    verified = verify(load_campaign(campaign_dir, partial=True))
    campaign = verified.campaign
    audience_list = resolve_audiences(verified, audiences)
    format_list = resolve_formats(verified, formats)
    documents = compose_all(verified, kind_list, audience_list)

    writers: dict[str, Writer] = {fmt: get_writer(fmt, strict) for fmt in format_list}
    warnings = [w for writer in writers.values() for w in writer.prepare(documents)]
    if strict and warnings:
        raise ProblemsFound([replace(w, severity="error") for w in warnings])
    out_dir = (out_dir or campaign.root / "out").resolve()
    _check_out_dir(out_dir, campaign.root)
    result = BuildResult(out_dir)
    total = len(documents) * len(format_list)
    done = 0
    for document in documents:
        for fmt, writer in writers.items():
            rel = f"{document.audience}/{document.kind}{writer.suffix}"
            if on_progress:
                on_progress(rel, done, total)
            try:
                dest = inside(out_dir, out_dir / rel)
                pages = atomic_write(dest, lambda tmp, w=writer, d=document: w.write(d, tmp))
                result.built.append(manifest.entry_for(out_dir, rel, document.audience, document.kind,
                                                       fmt, document.lang, pages))
            except BriefkitError as exc:
                result.failures.append(Failure(document.audience, document.kind, fmt, str(exc)))
            except OSError as exc:
                result.failures.append(Failure(document.audience, document.kind, fmt,
                                               f"cannot write {rel}: {exc.strerror or exc}"))
            done += 1
    if on_progress:
        on_progress("", done, total)
    languages = {aid: (a.language or campaign.config.settings.language)
                 for aid, a in campaign.audiences.items()}
    manifest.update(out_dir, result.built, languages)
    result.warnings = [w for writer in writers.values() for w in writer.warnings]
    result.seconds = time.perf_counter() - started
    return result


def _check_out_dir(out_dir: Path, root: Path) -> None:
    for protected in ("seeds", "positions", "audiences", "templates"):
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
