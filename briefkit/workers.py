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
import tempfile
import time
import traceback
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path

from briefkit.compose import Document
from briefkit.errors import BriefkitError
from briefkit.fsutil import atomic_write


@dataclass
class Task:
    """Write one document in some formats: (format, destination path) pairs."""

    document: Document
    outputs: list[tuple[str, Path]]


@dataclass
class Outcome:
    """What happened to each output of a task: pages (or None) if written, else an error message."""

    task: Task
    pages: dict[str, int | None] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0


class Renderer:
    """The writers of one process, created on first use and kept for every later document."""

    def __init__(self) -> None:
        self._writers: dict = {}

    def render(self, task: Task) -> Outcome:
        from briefkit.writers import get_writer

        outcome = Outcome(task)
        started = time.perf_counter()
        for fmt, dest in task.outputs:
            try:
                writer = self._writers.get(fmt) or self._writers.setdefault(fmt, get_writer(fmt))
                outcome.pages[fmt] = atomic_write(dest, lambda tmp, w=writer: w.write(task.document, tmp))
            except BriefkitError as exc:
                outcome.errors[fmt] = str(exc)
            except OSError as exc:
                outcome.errors[fmt] = f"cannot write {dest.name}: {exc.strerror or exc}"
            except MemoryError:
                outcome.errors[fmt] = "ran out of memory while rendering"
            except Exception as exc:  # a bug, or a library failing on odd input: keep the others going
                outcome.errors[fmt] = f"unexpected {type(exc).__name__}: {exc}"
                if os.environ.get("BRIEFKIT_DEBUG"):
                    traceback.print_exc()
        outcome.seconds = time.perf_counter() - started
        return outcome


@dataclass
class Limits:
    jobs: int
    max_tasks: int = 100  # replace a worker after this many documents
    timeout_s: float = 120.0  # per document, all formats
    memory_mb: int = 2048  # address space of a worker


def run(tasks: list[Task], limits: Limits) -> Iterator[Outcome]:
    """Render every task, in this process for one job, else in a pool of spawned workers."""
    if limits.jobs <= 1 or len(tasks) <= 1:
        renderer = Renderer()
        for task in tasks:
            yield renderer.render(task)
        return
    yield from _Pool(limits).run(tasks)


class _Worker:
    def __init__(self, context, limits: Limits, tmpdir: str) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, limits, tmpdir), daemon=True)
        self.process.start()
        child.close()
        self.task: Task | None = None
        self.deadline = 0.0
        self.done = 0

    def send(self, task: Task, timeout_s: float) -> None:
        self.task, self.deadline = task, time.monotonic() + timeout_s
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


class _Pool:
    """A few spawned workers fed one task at a time, watched for time limits and deaths."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.context = multiprocessing.get_context("spawn")
        # WeasyPrint copies fonts into temporary folders that only a clean exit removes;
        # giving workers a folder of their own lets the parent remove all of it.
        self.tmpdir = tempfile.mkdtemp(prefix="briefkit-workers-")

    def run(self, tasks: list[Task]) -> Iterator[Outcome]:
        queue = deque(tasks)
        workers = [self._spawn() for _ in range(min(self.limits.jobs, len(tasks)))]
        try:
            for worker in workers:
                self._feed(worker, queue)
            while any(w.task for w in workers):
                busy = [w for w in workers if w.task]
                timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
                ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout)
                for index, worker in enumerate(workers):
                    if worker.task is None:
                        continue
                    outcome = self._collect(worker, ready)
                    if outcome is None:
                        continue
                    yield outcome
                    worker.task = None
                    if not worker.process.is_alive() or worker.done >= self.limits.max_tasks:
                        worker.stop(kill=not worker.process.is_alive())
                        workers[index] = worker = self._spawn()
                    self._feed(worker, queue)
        finally:
            for worker in workers:
                worker.stop(kill=worker.task is not None)
            shutil.rmtree(self.tmpdir, ignore_errors=True)

    def _spawn(self) -> _Worker:
        return _Worker(self.context, self.limits, self.tmpdir)

    def _feed(self, worker: _Worker, queue: deque) -> None:
        if queue:
            worker.send(queue.popleft(), self.limits.timeout_s)
            worker.done += 1

    def _collect(self, worker: _Worker, ready: list) -> Outcome | None:
        task = worker.task
        if worker.conn in ready:
            try:
                return worker.conn.recv()
            except (EOFError, OSError):
                pass  # died while answering: handled as a death below
        if worker.conn in ready or worker.process.sentinel in ready:
            worker.process.join(timeout=1)
            code = worker.process.exitcode
            reason = "ran out of memory or was killed" if code and code < 0 else f"stopped (exit {code})"
            return _failed(task, f"the renderer {reason} while writing it")
        if time.monotonic() >= worker.deadline:
            worker.process.kill()
            worker.process.join()
            return _failed(task, f"rendering took longer than {self.limits.timeout_s:g} s and was stopped")
        return None


def _failed(task: Task, message: str) -> Outcome:
    """The outcome of a task whose worker was lost; its half-written temporary files go too."""
    for _, dest in task.outputs:
        for leftover in dest.parent.glob(f".{dest.name}.*.tmp"):
            leftover.unlink(missing_ok=True)
    return Outcome(task, errors={fmt: message for fmt, _ in task.outputs})


def _worker_main(conn: Connection, limits: Limits, tmpdir: str) -> None:
    """A worker: cap memory, keep temporary files in the build's folder, render until told to stop."""
    os.environ["TMPDIR"] = tmpdir
    tempfile.tempdir = None
    limit = limits.memory_mb * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):
        pass
    renderer = Renderer()
    while True:
        try:
            task = conn.recv()
        except (EOFError, KeyboardInterrupt):
            break
        if task is None:
            break
        conn.send(renderer.render(task))
    del renderer
