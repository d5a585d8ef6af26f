"""Rendering in worker processes: one long-lived renderer per worker, spawned, never forked.

WeasyPrint is not safe with threads or with fork after import, so workers are
started with the spawn method and the parent never imports it. Each worker
keeps one set of writers (one FontConfiguration, parsed stylesheets) for
many documents, and is replaced after `max_tasks` to bound memory. A task
that runs past its time limit, or a worker that dies (out of memory, killed),
fails that document only: the worker is replaced and the others go on.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import shutil
import signal
import tempfile
import time
import traceback
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path

from briefkit.errors import BriefkitError, Problem, debugging
from briefkit.writers import Writer, get_writer
from briefkit.render.document import Document
from briefkit.writers import cache
from briefkit.writers.staging import written_together
from briefkit.writers.cache import LayoutCache
from briefkit.writers.pagebounds import PageBounds
from briefkit.writers.pagemap import PageMap

_READY = "ready"
_CHECK = "check"
# A worker's exit status when memory ran out where no outcome could be sent (os._exit: no traceback).
_OUT_OF_MEMORY = 75
_STARTUP_S = 60.0  # how long a new worker may take to import and warm up its writers


@dataclass
class Task:
    """Write one document in some formats, into out_dir: (format, path inside out_dir) pairs."""

    document: Document
    out_dir: Path
    outputs: list[tuple[str, str]]
    measure: bool = False  # lay the PDF out and keep it for the build, writing nothing in out/
    # Where the formats are written before they are moved into place together: a folder of the
    # build's own inside out/ (build/plan.py's STAGING), removed when the task is done.
    staging: Path | None = None

    def destinations(self) -> list[tuple[str, Path, str]]:
        """(format, file, the file as messages name it) for each output."""
        return [(fmt, self.out_dir / rel, rel) for fmt, rel in self.outputs]


@dataclass
class Outcome:
    """What happened to each output of a task: pages (or None) if written, else an error message."""

    task: Task
    pages: dict[str, int | None] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    peak_rss_mb: float = 0.0  # of the process that rendered it, so far
    warnings: list[Problem] = field(default_factory=list)  # the writers noticed, but did not fail on
    pid: int = 0  # the process that rendered it
    page_map: PageMap | None = None  # of a measuring task


class Renderer:
    """The writers of one process, created on first use and kept for every later document.

    `options` holds each format's writer options (e.g. {"pdf": {"pdf_variant": "pdf/a-3u"}}):
    one build writes every document of a format the same way; `strict` makes writers' warnings errors.
    """

    def __init__(self, strict: bool = False, options: dict[str, dict] | None = None,
                 memory_mb: int | None = None) -> None:
        self.strict = strict
        self._writers: dict = {}
        self.options = options or {}
        self.memory_mb = memory_mb  # the cap on this process's memory, if it has one (a worker)

    def writer(self, fmt: str) -> Writer:
        if fmt not in self._writers:
            self._writers[fmt] = get_writer(fmt, self.strict, self.options.get(fmt))
        return self._writers[fmt]

    def check(self, formats: list[str], documents: list[Document]) -> list[Problem]:
        """What the writers find in the files documents share (stylesheets), before any is written."""
        found: list[Problem] = []
        for fmt in formats:
            found.extend(p for p in self.writer(fmt).prepare(documents) if p not in found)
        return found

    def warm_up(self, formats: list[str], render: bool = True) -> None:
        """Import the writers before the first task arrives, and with `render` warm them up
        too (fonts, styles) by writing a scrap."""
        for fmt in formats:
            try:
                writer = self.writer(fmt)
                if render and (warm_up := getattr(writer, "warm_up", None)):
                    warm_up()
            except BriefkitError:
                pass  # reported with the first document that needs this writer

    def render(self, task: Task) -> Outcome:
        """Every format of the task's document, moved into place together or not at all (staging.py)."""
        if task.measure:
            return self._render(task, None)
        return written_together(task, lambda folder: self._render(task, folder))

    def _render(self, task: Task, folder: Path | None) -> Outcome:
        outcome = Outcome(task)
        started = time.perf_counter()
        # The PDF first: the DOCX begins its pages where the PDF's begin.
        for fmt, dest, shown in sorted(task.destinations(), key=lambda output: output[0] != "pdf"):
            try:
                writer = self.writer(fmt)
                known = len(writer.warnings)
                if task.measure:
                    outcome.page_map = writer.measure(task.document, shown)
                    outcome.pages[fmt] = outcome.page_map.pages
                else:
                    document = self._paged(task.document, shown) if fmt == "docx" else task.document
                    outcome.pages[fmt] = writer.write(document, folder / dest.name, shown)
                outcome.warnings.extend(writer.warnings[known:])
            except BriefkitError as exc:
                outcome.errors[fmt] = str(exc)
            except OSError as exc:
                outcome.errors[fmt] = f"cannot write {dest.name}: {exc.strerror or exc}"
            except Exception as exc:  # a bug, or a library failing on odd input: keep the others going
                if isinstance(exc, MemoryError) or isinstance(exc, SystemError) and self.memory_mb:  # C, under the cap
                    limit = f" (a renderer may use {self.memory_mb} MB)" if self.memory_mb else ""
                    outcome.errors[fmt] = f"ran out of memory while writing it{limit}"
                else:
                    outcome.errors[fmt] = f"unexpected {type(exc).__name__}: {exc}"
                if debugging():
                    traceback.print_exc()
        outcome.seconds = time.perf_counter() - started
        outcome.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        outcome.pid = os.getpid()
        return outcome


    def _paged(self, document: Document, shown: str) -> Document:
        """The document with the blocks its PDF's pages start on (laid out now if no PDF was); as it
        is if the PDF cannot be laid out (that failure is the PDF's to report)."""
        try:
            laid = self.writer("pdf").page_map(document, shown)
        except PageBounds:
            raise  # pages the DOCX cannot have (another size, too many): it refuses them as the PDF does
        except BriefkitError:
            return document
        return replace(document, page_starts=laid.starts, page_continues=laid.continued,
                       column_starts=laid.columns)


def default_jobs() -> int:
    """One job per processor this process may run on."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


@dataclass
class Limits:
    jobs: int
    max_tasks: int = 100  # replace a worker after this many documents
    timeout_s: float = 120.0  # per document, all formats
    memory_mb: int = 2048  # address space of a worker
    strict: bool = False  # writers' warnings are errors


class Pool:
    """Renders tasks in this process for one job, else in spawned workers.

    Workers start when the pool is entered, before the parent has checked and
    composed anything, so their imports and warm-up overlap that work.
    """

    def __init__(self, limits: Limits, formats: list[str], expected_tasks: int,
                 options: dict[str, dict] | None = None, isolated: bool = False, warm_up: bool = True,
                 cache_dir: Path | None = None) -> None:
        self.limits = limits
        self.formats = formats
        # PDFs laid out ahead (by the page-budget check) go to a folder of this pool's own until
        # `commit` moves them to `cache_dir` (out/.briefkit/cache), where later builds look too.
        self.staging = Path(tempfile.mkdtemp(prefix="briefkit-layouts-"))
        self.cache_dir = cache_dir
        pdf_options = {**(options or {}).get("pdf", {}),
                       "cache": LayoutCache([self.staging] + ([cache_dir] if cache_dir else []))}
        self.options = {**(options or {}), "pdf": pdf_options}
        # `isolated`: even one job runs in a worker, so that this process never imports WeasyPrint
        # (the preview, whose server threads must not share a process with it).
        self.parallel = isolated or (limits.jobs > 1 and expected_tasks > 1)
        self.size = max(1, min(limits.jobs, expected_tasks))
        self.warm_up = warm_up  # render a scrap first, so the first document pays no set-up
        self.workers: list[_Worker] = []
        self.renderer: Renderer | None = None  # when rendering in this process
        self.tmpdir = ""

    def __enter__(self) -> Pool:
        if self.parallel:
            self.context = multiprocessing.get_context("spawn")
            # WeasyPrint copies fonts into temporary folders that only a clean exit removes;
            # giving workers a folder of their own lets the parent remove all of it.
            self.tmpdir = tempfile.mkdtemp(prefix="briefkit-workers-")
            self.workers = [self._spawn() for _ in range(self.size)]
        return self

    def __exit__(self, *exc) -> None:
        # An idle worker holds nothing worth an orderly exit (its temporary folder is removed
        # below), and WeasyPrint's own clean-up would only delay the command's end.
        for worker in self.workers:
            worker.stop(kill=True)
        if self.tmpdir:
            shutil.rmtree(self.tmpdir, ignore_errors=True)
        shutil.rmtree(self.staging, ignore_errors=True)

    def measure(self, documents: list[tuple[Document, str]]) -> list[Outcome]:
        """Lay out each (document, its PDF's name) and keep the PDFs for the build; the outcomes,
        each with its page map or its error, in the order given."""
        tasks = [Task(document, self.staging, [("pdf", shown)], measure=True) for document, shown in documents]
        order = {shown: index for index, (_, shown) in enumerate(documents)}  # outcomes come back as copies
        return sorted(self.run(tasks), key=lambda outcome: order[outcome.task.outputs[0][1]])

    def commit(self) -> None:
        """Keep what this pool laid out ahead in `cache_dir`, for the next build."""
        if self.cache_dir is not None:
            cache.commit(self.staging, self.cache_dir)

    def check(self, documents: list[Document]) -> list[Problem]:
        """The writers' warnings about what documents share, from one worker (or this process)."""
        sample = list({tuple(d.stylesheets): d for d in documents}.values())  # one per stylesheet set
        if not self.parallel:
            return self._inline().check(self.formats, sample)
        worker = self.workers[0]
        try:
            worker.conn.send((_CHECK, sample))
        except OSError as exc:
            raise BriefkitError("the renderer stopped before it could check the stylesheets") from exc
        while True:
            if not wait([worker.conn, worker.process.sentinel], _STARTUP_S + self.limits.timeout_s):
                raise BriefkitError("the renderer did not answer while checking stylesheets")
            try:
                message = worker.conn.recv()
            except (EOFError, OSError) as exc:
                raise BriefkitError("the renderer stopped while checking stylesheets") from exc
            if message == _READY:
                worker.ready = True
                continue
            return message

    def _inline(self) -> Renderer:
        if self.renderer is None:
            self.renderer = Renderer(self.limits.strict, self.options)
        return self.renderer

    def run(self, tasks: list[Task]) -> Iterator[Outcome]:
        if not self.parallel:
            renderer = self._inline()
            for task in tasks:
                yield renderer.render(task)
            return
        queue = deque(tasks)
        workers = self.workers
        for worker in workers:
            self._feed(worker, queue)
        while any(w.task for w in workers):
            busy = [w for w in workers if w.task]
            timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout)
            for index, worker in enumerate(workers):
                if worker.task is None:
                    continue
                outcome = _collect(worker, ready, self.limits)
                if outcome is None:
                    continue
                yield outcome
                worker.task = None
                if not worker.process.is_alive() or worker.done >= self.limits.max_tasks:
                    worker.stop(kill=not worker.process.is_alive())
                    workers[index] = worker = self._spawn()
                self._feed(worker, queue)

    def _spawn(self) -> _Worker:
        return _Worker(self.context, self.limits, self.tmpdir, self.formats, self.options, self.warm_up)

    def _feed(self, worker: _Worker, queue: deque) -> None:
        if queue:
            worker.send(queue.popleft(), self.limits.timeout_s)
            worker.done += 1


class _Worker:
    def __init__(self, context: multiprocessing.context.SpawnContext, limits: Limits, tmpdir: str, formats: list[str],
                 options: dict[str, dict], warm_up: bool) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main,
                                       args=(child, limits, tmpdir, formats, options, warm_up), daemon=True)
        self.process.start()
        child.close()
        self.task: Task | None = None
        self.ready = False
        self.deadline = 0.0
        self.done = 0

    def send(self, task: Task, timeout_s: float) -> None:
        # Until the worker says it is ready, its clock allows for start-up too.
        self.task = task
        self.deadline = time.monotonic() + timeout_s + (0 if self.ready else _STARTUP_S)
        self.conn.send(task)

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def _collect(worker: _Worker, ready: list, limits: Limits) -> Outcome | None:
    """The outcome of a busy worker's task if it answered, died or ran out of time; else None."""
    task, timeout_s = worker.task, limits.timeout_s
    if worker.conn in ready:
        try:
            message = worker.conn.recv()
            if message == _READY:  # warm-up done: the task starts now, and so does its clock
                worker.ready, worker.deadline = True, time.monotonic() + timeout_s
                return None
            return message
        except (EOFError, OSError):
            pass  # died while answering: handled as a death below
    if worker.conn in ready or worker.process.sentinel in ready:
        worker.process.join(timeout=1)
        code = worker.process.exitcode
        limit = f"(a renderer may use {limits.memory_mb} MB)"
        if code == _OUT_OF_MEMORY:
            reason = f"ran out of memory while writing it {limit}"
        elif code and code < 0:
            reason = f"ran out of memory or was killed while writing it {limit}"
        else:
            reason = f"stopped (exit {code}) while writing it"
        return _failed(task, f"the renderer {reason}")
    if time.monotonic() >= worker.deadline:
        worker.process.kill()
        worker.process.join()
        return _failed(task, f"rendering took longer than {timeout_s:g} s and was stopped")
    return None


def _failed(task: Task, message: str) -> Outcome:
    """The outcome of a task whose worker was lost; its half-written files (in its own staging folder) go too."""
    if task.staging is not None:
        shutil.rmtree(task.staging, ignore_errors=True)
    return Outcome(task, errors={fmt: message for fmt, _ in task.outputs})


def _worker_main(conn: Connection, limits: Limits, tmpdir: str, formats: list[str],
                 options: dict[str, dict], warm_up: bool) -> None:
    """A worker: cap memory, keep temporary files in the build's folder, render until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    os.environ["TMPDIR"] = tmpdir
    tempfile.tempdir = None
    limit = limits.memory_mb * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):
        pass
    renderer = Renderer(limits.strict, options, limits.memory_mb)
    renderer.warm_up(formats, render=warm_up)
    conn.send(_READY)
    while True:
        try:
            message = conn.recv()
        except (EOFError, KeyboardInterrupt):
            break
        if message is None:
            break
        if isinstance(message, tuple) and message[0] == _CHECK:
            try:
                conn.send(renderer.check(formats, message[1]))
            except BriefkitError as exc:
                conn.send([exc.as_problem()])
            continue
        try:
            conn.send(renderer.render(message))
        except MemoryError:
            os._exit(_OUT_OF_MEMORY)  # nothing can be sent or printed reliably now; the parent says why
    del renderer
