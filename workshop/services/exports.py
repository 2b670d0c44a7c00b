"""Exports off the request thread (issue 23): the report model is built from the database in the
server, then rendered in separate processes.

The work is cut into pieces: a format, or one document of a slow format (each PDF and each Word
file on its own), so two processes share the seven PDFs instead of one doing them in a row, and a
single file (a feedback sheet) costs only its own layout. A process gets the report model and a
renderer's `module:function` name and returns files: it never sees the database, Flask or a
request. Rendering holds no lock and no GIL of the server's, and the processes run at a lower
priority (nice), so on a small machine the live room's threads come first.

The finished files stay in memory: a few jobs (`keep`), under a byte cap, the oldest dropped
first. They hold what the export holds and nothing else about anyone.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import importlib
import logging
import multiprocessing
import os
import pickle
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from importlib.metadata import entry_points
from typing import Any

from ..domain.errors import DomainError
from ..exporters import GROUP
from ..exporters.documents import combined, documents, phase
from ..exporters.model import PHASES, Report
from . import reports

log = logging.getLogger(__name__)

# The built-in renderers whose documents can be laid out one per process: the slow ones.
PDF = "workshop.exporters.document:pdf_file"
DOCX = "workshop.exporters.word:docx_file"
SPLIT = {PDF: "pdf", DOCX: "docx"}
# The combined report and Discover hold every round's table and chart and the board: the
# longest pieces go first, so the last piece to finish is a short one.
LONGEST = ("report", "report-discover")
FORMAT_ORDER = {PDF: 0, DOCX: 1, "workshop.exporters.charts:png_files": 2}


class ExportError(Exception):
    """An export that could not be made: `code` names why (export_failed, export_busy)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def renderer_targets() -> dict[str, str]:
    """Every installed renderer by format, as the `module:function` a process imports."""
    return {point.name: point.value.split("[")[0].strip() for point in entry_points(group=GROUP)}


@dataclasses.dataclass(frozen=True)
class Piece:
    """One unit of work for a process: a format's renderer, for one document or all of it."""

    fmt: str
    target: str
    document: str | None = None


def _split_documents(report: Report, target: str) -> list[str]:
    """The documents a built-in slow renderer makes, by name (as its renderer lists them)."""
    if target == PDF:
        return [doc.name for doc in documents(report)]
    return [doc.name for doc in [combined(report)] + [phase(report, key) for key in PHASES]]


def pieces_for(
    report: Report, formats: list[str], targets: dict[str, str], only: str | None = None
) -> list[Piece]:
    """The pieces that make `formats` (or only the file `only`), the longest first."""
    out = []
    for fmt in formats:
        target = targets[fmt]
        if target not in SPLIT:
            out.append(Piece(fmt, target))
            continue
        names = _split_documents(report, target)
        if only is not None:
            # A name no document has makes nothing (the route answers 404), not every PDF.
            names = [name for name in names if name == only.rpartition(".")[0]]
        out += [Piece(fmt, target, name) for name in names]
    return sorted(
        out,
        key=lambda p: (p.document not in LONGEST, FORMAT_ORDER.get(p.target, 3), p.fmt),
    )


def render_piece(report: Report, piece: Piece) -> dict[str, bytes]:
    """In a worker process: one piece's files (`{name: bytes}`)."""
    if piece.document is None:
        module, _, name = piece.target.partition(":")
        renderer: Callable[[Report], dict[str, bytes]] = getattr(
            importlib.import_module(module), name
        )
        return renderer(report)
    if piece.target == PDF:
        from ..exporters.document import pdf_bytes

        [doc] = [doc for doc in documents(report) if doc.name == piece.document]
        return {f"{doc.name}.pdf": pdf_bytes(doc)}
    from ..exporters.word import docx_bytes

    docs = [combined(report)] + [phase(report, key) for key in PHASES]
    [doc] = [doc for doc in docs if doc.name == piece.document]
    return {f"{doc.name}.docx": docx_bytes(doc)}


def _worker_started(nice: int) -> None:
    """A new worker: below the server's priority, the layout engines loaded once."""
    with contextlib.suppress(AttributeError, OSError):
        os.nice(nice)
    with contextlib.suppress(ImportError):
        importlib.import_module("workshop.exporters.document")
        importlib.import_module("workshop.exporters.word")
        importlib.import_module("weasyprint")


def _ready() -> None:
    """Nothing: a worker that runs it has started and loaded the layout engines."""


def fingerprint(report: Report) -> str:
    """What the files depend on: the model without the minute it was made. An unchanged
    workshop gives the same fingerprint, and its finished export can be handed out again."""
    timeless = dataclasses.replace(report, generated_at=report.generated_at[:10])
    return hashlib.sha256(pickle.dumps(timeless, protocol=5)).hexdigest()


@dataclasses.dataclass
class Job:
    """One "export everything": its pieces, the files done so far, and how it ended."""

    id: str
    workshop_id: int
    fingerprint: str
    folder: str
    pieces: int
    started: float
    state: str = "running"  # running, done, failed
    error: str | None = None
    done: int = 0
    files: dict[str, bytes] = dataclasses.field(default_factory=dict)
    finished: float | None = None
    archive: bytes | None = None
    futures: list[Future[dict[str, bytes]]] = dataclasses.field(default_factory=list)
    watchdog: threading.Timer | None = None
    ended: threading.Event = dataclasses.field(default_factory=threading.Event)

    @property
    def size(self) -> int:
        return sum(map(len, self.files.values())) + len(self.archive or b"")

    def status(self) -> dict[str, Any]:
        """How far it is: plain values for the console (no bytes)."""
        took = (self.finished or time.monotonic()) - self.started
        return {
            "id": self.id,
            "state": self.state,
            "done": self.done,
            "total": self.pieces,
            "files": sorted(self.files),
            "folder": self.folder,
            "seconds": round(took, 1),
            "error": self.error,
        }


class Pool:
    """The worker processes, shared by every app in this server process, started on first use
    and stopped after `idle_seconds` without work (their memory comes back)."""

    def __init__(self) -> None:
        # Re-entrant: stopping the pool cancels its waiting futures, whose callbacks come back
        # here on the same thread.
        self._lock = threading.RLock()
        self._executor: ProcessPoolExecutor | None = None
        self._shape = (0, 0)
        self._busy = 0
        self._idle_timer: threading.Timer | None = None

    def warm(self, settings: Settings) -> None:
        """Start the workers now (spawning and loading WeasyPrint take seconds), so that the
        first export does not wait for them; they stop again after `idle_seconds` unused."""
        with self._lock:
            if self._executor is not None:
                return
            for _n in range(settings.processes):
                self.submit(settings, _ready)

    def submit(self, settings: Settings, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        """Run `fn(*args)` on a worker (a module-level function: it is sent by name)."""
        shape = (settings.processes, settings.nice)
        with self._lock:
            if self._idle_timer is not None:
                self._idle_timer.cancel()
                self._idle_timer = None
            if self._shape != shape:
                self._stop_locked(kill=False)
            try:
                future = self._executor_locked(shape).submit(fn, *args)
            except RuntimeError:
                # A worker that died (killed, out of memory) breaks the whole pool, which then
                # refuses new work: the next piece gets a fresh one.
                self._stop_locked(kill=True)
                future = self._executor_locked(shape).submit(fn, *args)
            self._busy += 1
        future.add_done_callback(lambda _f: self._finished(settings.idle_seconds))
        return future

    def _executor_locked(self, shape: tuple[int, int]) -> ProcessPoolExecutor:
        if self._executor is None:
            # spawn, not fork: a forked copy of a threaded server can inherit a lock held by
            # another thread and hang.
            self._executor = ProcessPoolExecutor(
                max_workers=shape[0],
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_worker_started,
                initargs=(shape[1],),
            )
            self._shape = shape
        return self._executor

    def _finished(self, idle_seconds: float) -> None:
        with self._lock:
            self._busy -= 1
            if self._busy == 0 and self._executor is not None and idle_seconds >= 0:
                self._idle_timer = threading.Timer(idle_seconds, self._stop_if_idle)
                self._idle_timer.daemon = True
                self._idle_timer.start()

    def _stop_if_idle(self) -> None:
        # Work may have come in between the timer firing and this getting the lock.
        with self._lock:
            if self._busy == 0:
                self._stop_locked(kill=False)

    def stop(self, kill: bool = False) -> None:
        """Stop the workers (`kill`: at once, a renderer that hangs included); otherwise wait
        for what they are doing, outside the lock (its callbacks need it)."""
        with self._lock:
            if kill:
                self._stop_locked(kill=True)
                return
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)

    def _stop_locked(self, kill: bool) -> None:
        executor, self._executor = self._executor, None
        if executor is None:
            return
        if kill:
            # ProcessPoolExecutor has no public way to end a worker that never returns
            # (terminate_workers comes in Python 3.14).
            for process in list((getattr(executor, "_processes", None) or {}).values()):
                with contextlib.suppress(Exception):
                    process.terminate()
        executor.shutdown(wait=False, cancel_futures=True)


POOL = Pool()


@dataclasses.dataclass(frozen=True)
class Settings:
    """How exports run; every value from WORKSHOP_EXPORT_* unless the app's config says."""

    processes: int = 2
    keep: int = 8
    max_bytes: int = 256 * 1024 * 1024
    timeout_seconds: float = 300.0
    idle_seconds: float = 600.0
    # How far below the server the workers run: the live room's threads come first.
    nice: int = 10

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Settings:
        defaults = cls(processes=max(1, min(2, os.cpu_count() or 1)))
        values = {}
        for field in dataclasses.fields(cls):
            key = f"EXPORT_{field.name.upper()}"
            raw = config.get(key, os.environ.get(f"WORKSHOP_{key}"))
            if raw is not None:
                values[field.name] = type(getattr(defaults, field.name))(raw)
        return dataclasses.replace(defaults, **values)


class ExportJobs:
    """The exports of one app: at most one running per workshop, a few finished ones kept."""

    def __init__(self, settings: Settings, pool: Pool = POOL) -> None:
        self.settings = settings
        self._pool = pool
        self._lock = threading.Lock()
        self._jobs: OrderedDict[str, Job] = OrderedDict()

    def start(self, workshop_id: int, report: Report) -> Job:
        """Start exporting every format, or hand back the workshop's running export, or its
        finished one when the workshop has not changed since."""
        print_ = fingerprint(report)
        with self._lock:
            for job in reversed(self._jobs.values()):
                if job.workshop_id != workshop_id:
                    continue
                if job.state == "running" or (job.state == "done" and job.fingerprint == print_):
                    self._jobs.move_to_end(job.id)
                    return job
            if sum(job.state == "running" for job in self._jobs.values()) >= self.settings.keep:
                raise ExportError("export_busy")
            targets = renderer_targets()
            pieces = pieces_for(report, sorted(targets), targets)
            job = Job(
                id=secrets.token_urlsafe(12),
                workshop_id=workshop_id,
                fingerprint=print_,
                folder=reports.folder_name(report),
                pieces=len(pieces),
                started=time.monotonic(),
            )
            self._jobs[job.id] = job
        try:
            for piece in pieces:
                future = self._submit(report, piece)
                job.futures.append(future)
                future.add_done_callback(lambda f, piece=piece: self._piece_done(job, piece, f))
        except Exception:  # the workers could not be started (out of memory, no processes)
            log.exception("export %s could not be handed to the workers", job.id)
            self._fail(job, "export_failed")
        job.watchdog = threading.Timer(self.settings.timeout_seconds, self._too_slow, (job,))
        job.watchdog.daemon = True
        job.watchdog.start()
        self._trim()
        return job

    def wait(self, job: Job) -> Job:
        """Wait until the job is done or failed (its watchdog ends it within the timeout)."""
        job.ended.wait(self.settings.timeout_seconds + 5)
        return job

    def warm(self) -> None:
        """Have the workers ready before the first export (see Pool.warm)."""
        self._pool.warm(self.settings)

    def job(self, workshop_id: int, job_id: str) -> Job | None:
        """A job of this workshop by its id (None for another workshop's or a dropped one)."""
        with self._lock:
            job = self._jobs.get(job_id)
        return job if job is not None and job.workshop_id == workshop_id else None

    def latest(self, workshop_id: int) -> Job | None:
        """The workshop's latest export, if one is still kept."""
        with self._lock:
            for job in reversed(self._jobs.values()):
                if job.workshop_id == workshop_id:
                    return job
        return None

    def archive(self, job: Job) -> bytes:
        """A finished job's files in one zip (made once, on first download)."""
        archive = job.archive
        if archive is None:
            archive = job.archive = reports.zipped(job.files)
            self._trim()
        return archive

    def render(
        self, workshop_id: int, report: Report, formats: list[str], only: str | None = None
    ) -> dict[str, bytes]:
        """The files of `formats` now (or only what makes the file `only`): from the
        workshop's finished export when nothing changed, else rendered by the workers while
        the request's thread waits (a thread that waits holds no GIL)."""
        targets = renderer_targets()
        unknown = [fmt for fmt in formats if fmt not in targets]
        if unknown:
            raise DomainError("bad_request", field="format:" + ",".join(unknown))
        print_ = fingerprint(report)
        with self._lock:
            for job in reversed(self._jobs.values()):
                if (
                    job.workshop_id == workshop_id
                    and job.state == "done"
                    and job.fingerprint == print_
                ):
                    return dict(job.files)
        futures: list[Future[dict[str, bytes]]] = []
        deadline = time.monotonic() + self.settings.timeout_seconds
        files: dict[str, bytes] = {}
        try:
            for piece in pieces_for(report, formats, targets, only):
                futures.append(self._submit(report, piece))
            for future in futures:
                files.update(future.result(timeout=max(0.0, deadline - time.monotonic())))
        except FutureTimeout:
            log.error(
                "an export took longer than %s s; its workers were stopped",
                self.settings.timeout_seconds,
            )
            self._pool.stop(kill=True)
            raise ExportError("export_failed") from None
        except Exception:
            log.exception("a renderer failed")
            for future in futures:
                future.cancel()
            raise ExportError("export_failed") from None
        return files

    def _submit(self, report: Report, piece: Piece) -> Future[dict[str, bytes]]:
        return self._pool.submit(self.settings, render_piece, report, piece)

    def _piece_done(self, job: Job, piece: Piece, future: Future[dict[str, bytes]]) -> None:
        if future.cancelled():
            # Cancelled by this job's own failure (then nothing is left to do), or by the pool
            # being stopped under it: either way this export will not be whole.
            self._fail(job, "export_failed")
            return
        error = future.exception()
        if error is not None:
            log.error("export %s: %s failed", job.id, piece, exc_info=error)
            self._fail(job, "export_failed")
            return
        with self._lock:
            if job.state != "running":
                return
            job.files.update(future.result())
            job.done += 1
            if job.done == job.pieces:
                job.state, job.finished = "done", time.monotonic()
                job.futures.clear()
                if job.watchdog is not None:
                    job.watchdog.cancel()
                job.ended.set()
        self._trim()

    def _fail(self, job: Job, code: str) -> None:
        with self._lock:
            if job.state != "running":
                return
            job.state, job.error, job.finished = "failed", code, time.monotonic()
            # Half an export is no export: nothing of it is handed out.
            job.files.clear()
            if job.watchdog is not None:
                job.watchdog.cancel()
            futures, job.futures = job.futures, []
            job.ended.set()
        for future in futures:
            future.cancel()

    def _too_slow(self, job: Job) -> None:
        if job.state == "running":
            log.error("export %s took longer than %s s", job.id, self.settings.timeout_seconds)
            self._fail(job, "export_failed")
            # A worker that never returns would hold its place in the pool for good.
            self._pool.stop(kill=True)

    def _trim(self) -> None:
        """Keep at most `keep` finished jobs and `max_bytes` of files, the oldest out first."""
        with self._lock:
            ended = [job for job in self._jobs.values() if job.state != "running"]
            total = sum(job.size for job in self._jobs.values())
            # The newest stays whatever its size: the console is about to download it.
            while len(ended) > 1 and (
                len(ended) > self.settings.keep or total > self.settings.max_bytes
            ):
                oldest = ended.pop(0)
                total -= oldest.size
                del self._jobs[oldest.id]
