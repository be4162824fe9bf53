"""Background work for the window, adapted once (DESIGN.md §9).

* :func:`run_task` runs a function on Qt's thread pool and delivers its result or error back on
  the GUI thread (Picard's ``run_task``), built on superqt's worker.
* :func:`stream_task` runs a generator: each ``yield`` arrives on the GUI thread, the generator's
  ``return`` value arrives last (napari's generator workers).
* :class:`ProgressRelay` turns the project's one progress callback
  (:data:`medlocal.progress.ProgressCallback`, called on the worker thread) into a Qt signal
  received on the GUI thread.

Cancellation is the services' own ``threading.Event``: a :class:`Job` owns one, and ``cancel()``
sets it; the task stops at its next safe point and reports ``GenerationCancelled`` or a
``cancelled`` result. It also ends the task's wait for the start-up warm-up before a model
loads (:func:`medlocal.app.warm_up.stops_the_wait`). Nothing slow ever runs on the GUI thread.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterator
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, QThreadPool, Signal
from superqt.utils import FunctionWorker, GeneratorWorker, create_worker

from medlocal.app.warm_up import stops_the_wait
from medlocal.progress import Progress

log = logging.getLogger(__name__)

T = TypeVar("T")
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]
Task = Callable[[threading.Event], Any]  # called with its cancel event, off the GUI thread
STREAM_BATCH_S = 0.04  # GUI text updates at most every 40 ms: long answers stay cheap to show


class Job:
    """A running task: its cancel event and a way to know it ended."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.cancel_event = threading.Event()
        self.done = threading.Event()
        self.worker: Any = None
        # Locking the vault cancels every job that reads it, except one that locked it on
        # purpose and works without it (a restore).
        self.survives_lock = False
        # Why it was cancelled, for the words its end shows: "lock" when MedLocal locked (walk
        # 43 D10: an import stopped by a lock said "cancelled", and nobody had cancelled it).
        self.cancelled_by = ""

    def cancel(self, by: str = "") -> None:
        if by and not self.cancel_event.is_set():
            self.cancelled_by = by
        self.cancel_event.set()

    @property
    def running(self) -> bool:
        return not self.done.is_set()


_active: set[Job] = set()
_active_lock = threading.Lock()


def active_jobs() -> list[Job]:
    with _active_lock:
        return [job for job in _active if job.running]


def _track(job: Job) -> None:
    with _active_lock:
        _active.add(job)


def _untrack(job: Job) -> None:
    job.done.set()
    with _active_lock:
        _active.discard(job)


class _GeneratorRuntimeError(Exception):
    """Carries a RuntimeError out of a streamed task. superqt's GeneratorWorker takes any
    RuntimeError raised inside the generator for a deleted worker and drops it (no ``errored``,
    no ``returned``): the job never ended, and the chat waited for it until MedLocal was
    restarted. llama.cpp reports decoding failures as RuntimeError."""

    def __init__(self, original: RuntimeError) -> None:
        super().__init__(type(original).__name__)
        self.original = original


# Workers started on a pool of our own (see _TeardownGuard.start), by id, until they finish.
_POOLED: dict[int, Any] = {}


class _TeardownGuard:
    """superqt's ``run`` with one guard: a job still running when Qt tears down (the window
    closed and the process ending without the quit path's :func:`end_if_jobs_linger`, as a
    script or a test does) found its signal object deleted at its end. Its emit raised
    "Signal source has been deleted" on the worker thread, twice (result, then error), and
    the RuntimeError became a crash report (walk 36, closing right after a patient switch).
    Nobody is left to receive what it reports, so the job just ends; any other RuntimeError
    is raised as before."""

    job: Job | None = None
    pool: QThreadPool | None = None  # None: Qt's global pool (superqt's own choice)

    def start(self) -> None:
        if self.pool is None:
            super().start()  # type: ignore[misc]
            return
        # superqt always starts on Qt's global pool and keeps its workers alive in a private
        # class set (review 51b R8: copying its lines tied us to names it may rename). A pooled
        # worker is kept alive here instead, until its public ``finished`` signal.
        key = id(self)
        if key in _POOLED:
            raise RuntimeError("This worker is already started!")
        _POOLED[key] = self
        # The slot holds the key, not the worker: no cycle through the signal's connection.
        self.finished.connect(functools.partial(_POOLED.pop, key, None))  # type: ignore[attr-defined]
        self.pool.start(self)  # type: ignore[call-overload]

    def run(self) -> None:
        try:
            super().run()  # type: ignore[misc]
        except RuntimeError:
            if shiboken6.isValid(getattr(self, "signals", None)):
                raise
            job = self.job
            if job is not None:
                _untrack(job)
            with contextlib.suppress(Exception):  # logging may be gone at teardown too
                log.info("background task %s ended after Qt was torn down", job.name if job else "")


class _FunctionWorker(_TeardownGuard, FunctionWorker):  # type: ignore[type-arg]
    pass


class _GeneratorWorker(_TeardownGuard, GeneratorWorker):  # type: ignore[type-arg]
    pass


def _error_handler(job: Job, on_error: Failed | None) -> Failed:
    def handle(exc: BaseException) -> None:
        if isinstance(exc, _GeneratorRuntimeError):
            exc = exc.original
        _untrack(job)
        if on_error is not None:
            on_error(exc)
        else:
            log.error("background task %s failed (%s)", job.name, type(exc).__name__)

    return handle


def _start(
    name: str,
    func: Task,
    on_done: Done | None,
    on_error: Failed | None,
    extra: dict[str, Callable[[Any], None]],
    pool: QThreadPool | None = None,
) -> Job:
    job = Job(name)

    def finished(result: Any) -> None:
        _untrack(job)
        if on_done is not None:
            on_done(result)

    worker: Any = create_worker(
        _its_stop_ends_waits(func),
        job.cancel_event,
        _start_thread=False,
        _worker_class=_GeneratorWorker if inspect.isgeneratorfunction(func) else _FunctionWorker,
        _ignore_errors=True,
        _connect={**extra, "returned": finished, "errored": _error_handler(job, on_error)},
    )
    worker.job = job
    worker.pool = pool
    job.worker = worker
    _track(job)
    worker.start()
    return job


# Left 51: a look at a backup folder on a share that does not answer holds its thread until the
# system gives up (minutes on a hard network mount). Qt's global pool has one thread per core
# (two on a small laptop): the Backup dialog's summary and folder listing on a silent share
# took both, and answers, imports and summaries waited behind them. Such looks run here.
FOLDER_LOOK_THREADS = 8
_folder_looks: QThreadPool | None = None


def folder_looks() -> QThreadPool:
    """The pool for looks at folders that may not answer (backup folders on a stick or a
    share): never the threads the window's other work runs on. :func:`wait_for_jobs` waits
    for it too, and the quit path ends the process past a look still held."""
    global _folder_looks
    if _folder_looks is None:
        _folder_looks = QThreadPool()
        _folder_looks.setMaxThreadCount(FOLDER_LOOK_THREADS)
    return _folder_looks


def _its_stop_ends_waits(func: Task) -> Task:
    """``func`` run with its cancel event ending a wait for the start-up warm-up (a model's
    load waits for it): the task's Stop stops it there too. A generator stays one."""
    if inspect.isgeneratorfunction(func):

        def steps(cancel: threading.Event) -> Generator[Any, None, Any]:
            with stops_the_wait(cancel):
                return (yield from func(cancel))

        return steps

    def call(cancel: threading.Event) -> Any:
        with stops_the_wait(cancel):
            return func(cancel)

    return call


def run_task(
    name: str,
    func: Callable[[threading.Event], T],
    on_done: Callable[[T], None] | None = None,
    on_error: Failed | None = None,
    *,
    pool: QThreadPool | None = None,
) -> Job:
    """Run ``func(cancel_event)`` off the GUI thread (on ``pool``, else Qt's global pool);
    ``on_done(result)`` or ``on_error(exc)`` is called on the GUI thread."""
    return _start(name, func, on_done, on_error, {}, pool)


def stream_task(
    name: str,
    func: Callable[[threading.Event], Generator[Any, None, Any]],
    on_yield: Callable[[Any], None],
    on_done: Done | None = None,
    on_error: Failed | None = None,
) -> Job:
    """Run the generator ``func(cancel_event)`` off the GUI thread: each yielded value reaches
    ``on_yield`` on the GUI thread, then the generator's return value reaches ``on_done``."""

    def guarded(cancel: threading.Event) -> Generator[Any, None, Any]:
        try:
            return (yield from func(cancel))
        except RuntimeError as exc:
            raise _GeneratorRuntimeError(exc) from exc

    return _start(name, guarded, on_done, on_error, {"yielded": on_yield})


def batched(pieces: Iterator[str], interval: float = STREAM_BATCH_S) -> Iterator[str]:
    """Join streamed text pieces into one update per ``interval`` seconds."""
    buffer: list[str] = []
    last = time.monotonic()
    for piece in pieces:
        buffer.append(piece)
        now = time.monotonic()
        if now - last >= interval:
            yield "".join(buffer)
            buffer.clear()
            last = now
    if buffer:
        yield "".join(buffer)


def emit_from_worker(owner: QObject, signal: Any, *args: Any) -> None:
    """``signal.emit(*args)`` from a worker thread, for news of a task whose widget may be
    deleted meanwhile (its window closed and deleted, a test's teardown): the emit then raised
    "Signal source has been deleted" inside the task, which failed a file of an import with an
    unexpected error (fix 52b). Nobody is left to tell: the news is dropped. A RuntimeError
    while ``owner`` lives is raised as before."""
    try:
        signal.emit(*args)
    except RuntimeError:
        if shiboken6.isValid(owner):
            raise


class ProgressRelay(QObject):
    """The one adapter from the services' progress callback to the GUI thread.

    Values are coalesced: a value replaces a not yet delivered one of the same stage and unit,
    and at most one delivery waits in the GUI thread's queue. A task reporting faster than the
    window paints (bytes of a download, vectors of an index) then costs the GUI thread one
    update per event-loop pass, not one queued call per value, each of which must wait for the
    interpreter lock the worker holds. Every stage still arrives, in order, before the task's
    result (both travel through the same queue), with its latest count.
    """

    progressed = Signal(object)
    _arrived = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._waiting: list[Progress] = []
        self._arrived.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def __call__(self, value: Progress) -> None:
        # Called on the worker thread.
        with self._lock:
            idle = not self._waiting
            last = self._waiting[-1] if self._waiting else None
            if last is not None and (last.stage, last.unit) == (value.stage, value.unit):
                self._waiting[-1] = value
            else:
                self._waiting.append(value)
        if idle:  # otherwise a delivery is already queued and will take this value along
            emit_from_worker(self, self._arrived)

    def _deliver(self) -> None:
        with self._lock:
            values, self._waiting = self._waiting, []
        for value in values:
            self.progressed.emit(value)


def wait_for_jobs(timeout_s: float = 10.0) -> bool:
    """Cancel every running job and wait for the pools to drain (at quit), ``timeout_s`` in
    all: False while one still runs, so that the quit path ends the process past it (a look at
    a silent share left running would hold the process at exit, its pool waiting for it)."""
    for job in active_jobs():
        job.cancel()
    deadline = time.monotonic() + timeout_s
    drained = bool(QThreadPool.globalInstance().waitForDone(int(timeout_s * 1000)))
    if _folder_looks is not None:
        left_ms = max(int((deadline - time.monotonic()) * 1000), 0)
        drained = bool(_folder_looks.waitForDone(left_ms)) and drained
    return drained


def end_if_jobs_linger(code: int, grace_s: float = 2.0) -> None:
    """At quit, after the window closed and the workspace locked: a job still running after
    being cancelled (an unlock in its key derivation, a model load) cannot be stopped. Left to
    run while Python and Qt tear down, its worker emitted on deleted objects: each emit raised
    RuntimeError on the worker thread, written as crash reports offered at the next start and
    printed to stderr (walk 34, quitting during a slow unlock). The process ends here instead,
    its logs flushed, with ``code``: what the job would still have written is transactional
    (the vault survives a kill mid-import or mid-unlock), and nobody waits for its result."""
    if wait_for_jobs(grace_s):
        return
    names = sorted(job.name for job in active_jobs())
    log.info("quit with background task(s) still running, not waited for: %s", ", ".join(names))
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stream.flush()
    os._exit(code)
