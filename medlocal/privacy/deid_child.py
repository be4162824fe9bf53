"""The de-identification rules in a process of their own, for the window's session.

Building the rules (some two thousand patterns, the word lists) is pure Python that holds the
interpreter lock; on a loaded machine the OS takes the CPU from the thread that holds it, and
the window's thread waits for the lock: the first redacted preview stalled the window 0.3-0.8 s
at a load of 4-7 and 1-4 s at 12-15 (walkfix54a D2), however short the switch interval. A
process has a lock of its own, so the rules are built and run here, in a child started with
multiprocessing's "spawn" (the same on every platform and in the PyInstaller bundle, whose
entry point calls ``freeze_support``).

What crosses: the texts to read over the pipe (in memory only; never a file: promise 2), the
plans and seeds back, pickled; progress and the model line's questions (the chat model stays in
the window's process) from the child, cancel and the model line's answers to it. The child
keeps nothing of a job once it is answered. A child that dies is said ("… stopped; preview
again") and the next job starts a new one; the person's keeps and adds are held by the dialog,
never here. The child ends with :meth:`ChildRules.close` (lock, quit), when the pipe closes
(the window's process died) and, as a daemon, at the interpreter's exit.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import queue
import threading
from collections.abc import Callable, Container, Sequence
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from medlocal.errors import GenerationCancelled, MedLocalError
from medlocal.privacy import deid_jobs
from medlocal.privacy.deid_identity import PatientIdentity
from medlocal.privacy.deid_jobs import PieceProgress, RecordReading, RedactorSpec
from medlocal.progress import check_cancel

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

    from medlocal.privacy.deid_model import SpanProposer
    from medlocal.privacy.deid_plan import RedactionPlan

log = logging.getLogger(__name__)

# How often the window's side looks at the task's Stop and at whether the child still lives.
POLL_S = 0.05
# How long a closing child may take to leave before it is ended.
CLOSE_WAIT_S = 2.0


class RulesProcessError(MedLocalError):
    """The rules' process stopped or failed to start: said in words, the next job restarts it."""


class _CannotRun(Exception):
    """No child can run the rules here (it cannot be started, or it ends by itself before it
    answers a job): the jobs run in this process for the rest of the session."""


def _message(code: int | None) -> str:
    how = "" if code is None else f" (exit code {code})"
    return (
        f"the de-identification process stopped unexpectedly{how}; nothing was written and "
        "the texts you kept or added are still listed: try again and a new one starts"
    )


class Channel:
    """Both ends' talk: what this end sends on one one-way pipe, what it reads from another."""

    def __init__(self, send_end: Connection, read_end: Connection) -> None:
        self.send_end, self.read_end = send_end, read_end

    def send(self, message: tuple[Any, ...]) -> None:
        self.send_end.send(message)

    def recv(self) -> Any:
        return self.read_end.recv()

    def poll(self, timeout: float) -> bool:
        return self.read_end.poll(timeout)

    def close(self) -> None:
        self.send_end.close()
        self.read_end.close()


class ChildRules:
    """:class:`~medlocal.privacy.deid_jobs.Rules` run in a spawned child process. One job at a
    time (callers wait their turn); each call blocks its caller (a worker thread) until the
    child answers, passing progress on, answering the model line and sending a cancel."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # one job at a time, and one start
        self._process: BaseProcess | None = None
        self._conn: Channel | None = None
        self._built = False
        # Set by a close() that found the lock held (a job, or a start, under way): whoever
        # holds it ends the child on leaving, so that no child started meanwhile outlives a
        # lock (review55a).
        self._close_pending = False
        # Whether the child now running has answered a job (a child that ends by itself before
        # its first answer cannot run here: a broken bundle, a sandbox that forbids it).
        self._answered = False
        # Set once no child can run: every job then runs in this process (review55a: the window
        # could never make a redacted export; it stalls now and then instead).
        self._in_process = False

    # -- lifetime --------------------------------------------------------------------------------

    def start(self) -> None:
        """Start the child (if none runs) and have it build the rules at once, so that the first
        preview finds them built. Returns at once: the child builds on its own."""
        with self._lock:
            if self._in_process:
                return
            try:
                conn = self._ensure()
                conn.send(("build",))
            except RulesProcessError:
                self._give_up("cannot be started")
                raise
            except OSError:  # it ended already: the first job sees why and acts on it
                self._discard_if_dead()
            finally:
                self._close_if_pending()

    def _discard_if_dead(self) -> None:
        """After the pipe broke: a child that ended by itself before any answer cannot run
        here (give up on children); one that died otherwise is restarted by the next job."""
        process = self._process
        if process is None:
            return
        process.join(CLOSE_WAIT_S)
        code = process.exitcode
        if code is not None and code >= 0 and not self._answered:
            self._give_up(f"ended before its first answer (exit code {code})")
        else:
            self._discard()

    def _ensure(self) -> Channel:
        if self._process is not None and self._process.is_alive() and self._conn is not None:
            return self._conn
        self._discard()
        context = multiprocessing.get_context("spawn")
        # Two one-way pipes, not a duplex one: a duplex pipe is a socket pair on POSIX, and
        # this talk needs no socket at all (the offline guard and the tests' socket block).
        from_parent, to_child = context.Pipe(duplex=False)  # (read end, write end)
        from_child, to_parent = context.Pipe(duplex=False)
        parent_end = Channel(to_child, from_child)
        child_end = Channel(to_parent, from_parent)
        process = context.Process(
            target=serve, args=(child_end,), name="medlocal-deid", daemon=True
        )
        try:
            process.start()
        except (OSError, RuntimeError) as exc:
            parent_end.close()
            child_end.close()
            raise RulesProcessError(f"cannot start the de-identification process: {exc}") from exc
        child_end.close()  # the child holds its own copy: EOF here when it dies
        self._process, self._conn, self._built = process, parent_end, False
        self._answered = False
        return parent_end

    def _give_up(self, why: str) -> None:
        """No child for this session: the jobs run in this process from now on."""
        self._in_process = True
        self._discard()
        log.warning(
            "the de-identification process %s; the rules run in the window's process for this"
            " session (the window may pause while they are built)",
            why,
        )

    def _discard(self) -> None:
        """Forget (and end) the child: after a death, a failed job or a close. Does not wait
        for it (a lock on the window's thread must not): a reaper thread ends it if it has not
        left within :data:`CLOSE_WAIT_S`."""
        conn, process = self._conn, self._process
        self._conn, self._process, self._built = None, None, False
        if conn is not None:
            with contextlib.suppress(OSError, ValueError):
                conn.send(("close",))
            conn.close()
        if process is not None:
            threading.Thread(
                target=_reap, args=(process,), name="medlocal-deid-reaper", daemon=True
            ).start()

    def close(self) -> None:
        """End the child (the vault locked or the app closing) without waiting for it. A job
        under way ends with :class:`RulesProcessError`; the next job starts a new child."""
        if self._lock.acquire(blocking=False):
            try:
                self._discard()
            finally:
                self._lock.release()
            return
        # A job holds the lock: ending the child ends it (its caller sees the pipe close and
        # discards the child itself). A job still starting its child has none to end yet: it
        # ends the one it starts once it leaves (_close_if_pending).
        self._close_pending = True
        process = self._process
        if process is not None:
            process.kill()

    def _close_if_pending(self) -> None:
        """With the lock held, on leaving: end the child if a close() came meanwhile."""
        if self._close_pending:
            self._close_pending = False
            self._discard()

    @property
    def pid(self) -> int | None:
        """The child's process id while one runs (tests, and a support view)."""
        process = self._process
        return process.pid if process is not None and process.is_alive() else None

    @property
    def runs_here(self) -> bool:
        """True once no child could run the rules and the jobs run in this process."""
        return self._in_process

    def ready(self) -> bool:
        if self._in_process:
            return deid_jobs.IN_PROCESS.ready()
        return self._built and self.pid is not None

    # -- the jobs --------------------------------------------------------------------------------

    def document_seeds(
        self,
        text: str,
        identity: PatientIdentity | None,
        *,
        progress: PieceProgress | None = None,
        cancel: threading.Event | None = None,
    ) -> str:
        result: str = self._run_or_here(
            lambda: deid_jobs.IN_PROCESS.document_seeds(
                text, identity, progress=progress, cancel=cancel
            ),
            "seeds",
            (text, identity),
            progress=progress,
            cancel=cancel,
        )
        return result

    def combine(self, seeds: Sequence[str]) -> RecordReading:
        result: RecordReading = self._run_or_here(
            lambda: deid_jobs.IN_PROCESS.combine(seeds), "combine", (list(seeds),)
        )
        return result

    def plan(
        self,
        fields: Sequence[tuple[str, str]],
        spec: RedactorSpec,
        *,
        wording: Container[str] = (),
        sentences: Container[str] = (),
        proposer: SpanProposer | None = None,
        cancel: threading.Event | None = None,
    ) -> RedactionPlan:
        # The part names in ``wording`` and ``sentences`` as sets (any container may be given).
        said = {where for where, _ in fields if where in wording}
        notes = {where for where, _ in fields if where in sentences}
        args = (list(fields), spec, said, notes, proposer is not None)
        result: RedactionPlan = self._run_or_here(
            lambda: deid_jobs.IN_PROCESS.plan(
                fields, spec, wording=wording, sentences=sentences, proposer=proposer, cancel=cancel
            ),
            "plan",
            args,
            proposer=proposer,
            cancel=cancel,
        )
        return result

    def _run_or_here(
        self, here: Callable[[], Any], job: str, args: tuple[Any, ...], **ways: Any
    ) -> Any:
        """The job's answer from the child, or ``here()`` (the rules in this process, outside
        the job lock) once no child can run."""
        try:
            return self._run(job, args, **ways)
        except _CannotRun:
            return here()

    def _run(
        self,
        job: str,
        args: tuple[Any, ...],
        *,
        progress: PieceProgress | None = None,
        proposer: SpanProposer | None = None,
        cancel: threading.Event | None = None,
    ) -> Any:
        # Wait for the job before this one (another preview's) while minding this one's Stop:
        # a preview stopped while it waited ends at once, as it would with the rules here.
        while not self._lock.acquire(timeout=POLL_S):
            check_cancel(cancel, "the redaction")
        try:
            if self._in_process:
                raise _CannotRun
            try:
                conn = self._ensure()
            except RulesProcessError as exc:
                self._give_up("cannot be started")
                raise _CannotRun from exc
            try:
                conn.send(("job", job, args))
                ended, result = self._answer(conn, progress, proposer, cancel)
            except (EOFError, OSError) as exc:
                process = self._process
                if process is not None:
                    process.join(POLL_S)
                code = process.exitcode if process is not None else None
                if code is not None and code >= 0 and not self._answered:
                    # It ended by itself (no signal) before any answer: it cannot run here.
                    # A child killed by a signal (the OOM killer, a user) is said and restarted.
                    self._give_up(f"ended before its first answer (exit code {code})")
                    raise _CannotRun from exc
                self._discard()
                raise RulesProcessError(_message(code)) from exc
            self._answered = True
            if ended != "done":
                # The job's own error (a cancel among them) or a failure on this side: either
                # way the child ended the job and goes on, its rules built.
                raise result
            self._built = True
            return result
        finally:
            self._close_if_pending()
            self._lock.release()

    def _answer(
        self,
        conn: Channel,
        progress: PieceProgress | None,
        proposer: SpanProposer | None,
        cancel: threading.Event | None,
    ) -> tuple[str, Any]:
        """("done", the job's result) or ("error", the job's error) once the child answers.
        A progress callback or the model line failing here (the model's own stop, say) cancels
        the child's job and, once the child has ended it, comes back as ("failed", the error):
        the child goes on for the next job, its rules still built."""
        cancelled = False
        failure: BaseException | None = None
        process = self._process
        while True:
            if cancel is not None and cancel.is_set() and not cancelled:
                conn.send(("cancel",))
                cancelled = True
            if not conn.poll(POLL_S):
                if process is not None and not process.is_alive():
                    raise EOFError("the child ended")
                continue
            kind, *rest = conn.recv()
            if kind in ("done", "error"):
                return ("failed", failure) if failure is not None else (kind, rest[0])
            if failure is not None:
                if kind == "propose":
                    conn.send(("cancel",))  # no answer: the job is being stopped
                continue
            try:
                if kind == "progress" and progress is not None:
                    progress(rest[0], rest[1])
                found = proposer(rest[0]) if kind == "propose" and proposer is not None else []
            except BaseException as exc:
                failure = exc
                conn.send(("cancel",))
                cancelled = True
                continue
            if kind == "propose":
                conn.send(("proposed", found))


def _reap(process: BaseProcess) -> None:
    process.join(CLOSE_WAIT_S)
    if process.is_alive():
        process.kill()
        process.join(CLOSE_WAIT_S)


# -- the child's side ------------------------------------------------------------------------------


def serve(conn: Channel) -> None:
    """The child's main loop: jobs one at a time on a worker thread, while this thread reads
    the pipe for a cancel or the model line's answers. Ends at "close" or when the pipe closes
    (the window's process is gone): no orphan."""
    from medlocal.privacy import hardening, netguard

    netguard.install()  # reads text only, but offline like its parent (promise 1)
    hardening.harden_process()  # no core dump of the patient text it holds
    send_lock = threading.Lock()
    answers: queue.Queue[Any] = queue.Queue()
    cancel = threading.Event()
    worker: threading.Thread | None = None

    def send(message: tuple[Any, ...]) -> None:
        with send_lock:
            conn.send(message)

    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            break
        kind = message[0]
        if kind == "close":
            break
        if kind == "cancel":
            cancel.set()
            answers.put(None)  # a wait for the model line's answer ends too
        elif kind == "proposed":
            answers.put(message[1])
        elif kind == "build":
            worker = _start(_build, worker)
        elif kind == "job":
            cancel.clear()
            _drain(answers)
            job = _job(message[1], message[2], send, answers, cancel)
            worker = _start(job, worker)
    conn.close()


def _start(job: Callable[[], None], previous: threading.Thread | None) -> threading.Thread:
    """Run ``job`` on a new thread once ``previous`` (a build at start) has ended; the pipe's
    reader goes on meanwhile, so a cancel is read at once."""

    def after_previous() -> None:
        if previous is not None:
            previous.join()
        job()

    worker = threading.Thread(target=after_previous, name="medlocal-deid-job", daemon=True)
    worker.start()
    return worker


def _build() -> None:
    try:
        deid_jobs.build_rules()
    except Exception:  # the first job builds them again and says what failed
        log.exception("the de-identification rules failed to build")


def _drain(answers: queue.Queue[Any]) -> None:
    while True:
        try:
            answers.get_nowait()
        except queue.Empty:
            return


def _job(
    job: str,
    args: tuple[Any, ...],
    send: Callable[[tuple[Any, ...]], None],
    answers: queue.Queue[Any],
    cancel: threading.Event,
) -> Callable[[], None]:
    def ask_parent(text: str) -> list[tuple[str, str]]:
        send(("propose", text))
        found = answers.get()
        if found is None:  # cancelled while the parent's model read
            raise GenerationCancelled("the model line was stopped")
        return list(found)

    def run() -> None:
        try:
            if job == "seeds":
                text, identity = args
                result: Any = deid_jobs.document_seeds(
                    text, identity, lambda done, size: send(("progress", done, size)), cancel
                )
            elif job == "combine":
                result = deid_jobs.combine(args[0])
            elif job == "plan":
                fields, spec, wording, sentences, with_model = args
                proposer = ask_parent if with_model else None
                result = deid_jobs.build_plan(fields, spec, wording, sentences, proposer, cancel)
            else:
                raise ValueError(f"no such job: {job}")
        except BaseException as exc:  # sent back to be raised where the job was asked
            send(("error", _picklable(exc)))
            return
        try:
            send(("done", result))
        except (OSError, EOFError):
            return  # the window's process is gone: nobody to answer
        except Exception as exc:  # a result that does not cross the pipe (it did not pickle)
            # Said, never left unanswered: the window's side waits for an answer (review55a).
            failed = f"the de-identification rules' answer did not cross: {type(exc).__name__}"
            send(("error", RulesProcessError(failed)))

    return run


def _picklable(exc: BaseException) -> BaseException:
    """``exc`` if it crosses a pipe intact, else a RulesProcessError that names it."""
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RulesProcessError(f"the de-identification rules failed: {type(exc).__name__}")
    return exc
