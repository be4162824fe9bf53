"""Review 55a of the rules' own process (medlocal.privacy.deid_child): no job left unanswered,
no child outliving a close that came while it started, a Stop heard while waiting for the job
before. Cheap: the child's loop runs on a thread here, or a stand-in process is started; no
rules are built."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
import time
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import Any, ClassVar

import pytest

from medlocal.errors import GenerationCancelled
from medlocal.privacy import deid_child, deid_jobs, hardening, netguard
from medlocal.privacy.deid_child import Channel, ChildRules, RulesProcessError

WAIT_S = 20.0  # generous under load: each answer below takes milliseconds


@pytest.fixture
def child_loop(monkeypatch: pytest.MonkeyPatch) -> Iterator[Channel]:
    """The child's own loop (deid_child.serve) on a thread, over two one-way pipes, without the
    process-wide offline guard and hardening (this is the test's process)."""
    monkeypatch.setattr(netguard, "install", lambda: None)
    monkeypatch.setattr(hardening, "harden_process", lambda: None)
    from_parent, to_child = multiprocessing.Pipe(duplex=False)
    from_child, to_parent = multiprocessing.Pipe(duplex=False)
    loop = threading.Thread(target=deid_child.serve, args=(Channel(to_parent, from_parent),))
    loop.start()
    parent = Channel(to_child, from_child)
    yield parent
    parent.send(("close",))
    loop.join(WAIT_S)
    parent.close()


def _answer(parent: Channel) -> Any:
    assert parent.poll(WAIT_S), "the child never answered: the window's side waits for ever"
    return parent.recv()


def test_a_result_that_cannot_cross_the_pipe_is_answered_with_an_error(
    child_loop: Channel, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The parent's _answer waits for "done" or "error" with no time limit (a job may take
    # minutes): a result whose pickling failed in the child's worker thread was never answered,
    # and the preview (with every later one, queued on the lock) waited for ever.
    monkeypatch.setattr(deid_jobs, "combine", lambda seeds: threading.Lock())
    child_loop.send(("job", "combine", ([],)))
    kind, error = _answer(child_loop)
    assert kind == "error"
    assert isinstance(error, RulesProcessError)
    assert "did not cross" in str(error)
    # The child goes on: the next job is answered.
    monkeypatch.setattr(deid_jobs, "combine", lambda seeds: "read")
    child_loop.send(("job", "combine", ([],)))
    assert _answer(child_loop) == ("done", "read")


class _Unpicklable(Exception):
    def __init__(self, what: str, why: str) -> None:  # two arguments: unpickling fails
        super().__init__(f"{what}: {why}")


def test_an_error_that_does_not_pickle_is_named(
    child_loop: Channel, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fails(seeds: object) -> object:
        raise _Unpicklable("Margaret Okafor", "no")

    with pytest.raises(TypeError):
        pickle.loads(pickle.dumps(_Unpicklable("a", "b")))
    monkeypatch.setattr(deid_jobs, "combine", fails)
    child_loop.send(("job", "combine", ([],)))
    kind, error = _answer(child_loop)
    assert kind == "error"
    assert isinstance(error, RulesProcessError)
    assert "_Unpicklable" in str(error)
    assert "Okafor" not in str(error)  # the type is named, never the message's text


class _StartingProcess:
    """A stand-in child: start() waits until the test lets it go (a spawn on a loaded
    machine takes a while), then it reads what the parent sends until told to close."""

    started = threading.Event()
    go = threading.Event()
    made: ClassVar[list[_StartingProcess]] = []

    def __init__(self, *, target: Any, args: tuple[Any, ...], name: str, daemon: bool) -> None:
        channel: Channel = args[0]
        # The parent closes its copy of the child's ends once started: keep ours, as a real
        # child's copies would be.
        self.read_end = Connection(os.dup(channel.read_end.fileno()), writable=False)
        self.pid = 999_999
        self.exitcode: int | None = None
        self.killed = False
        self.told: list[tuple[Any, ...]] = []
        # The reaper thread (ChildRules._discard) and the test both ask is_alive(): one reader
        # at a time, or one reads a message's header and the other its body (CI stop 58).
        self._reading = threading.Lock()
        _StartingProcess.made.append(self)

    def start(self) -> None:
        _StartingProcess.started.set()
        assert _StartingProcess.go.wait(WAIT_S)

    def _read(self) -> None:
        with self._reading:
            while self.read_end.poll(0):
                try:
                    self.told.append(self.read_end.recv())
                except EOFError:
                    return

    def is_alive(self) -> bool:
        self._read()
        return not self.killed and ("close",) not in self.told

    def join(self, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (timeout or 0)
        while self.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)

    def kill(self) -> None:
        self.killed = True


class _Context:
    Process = _StartingProcess

    @staticmethod
    def Pipe(duplex: bool) -> tuple[Connection, Connection]:  # named as multiprocessing's
        return multiprocessing.Pipe(duplex=duplex)


def test_a_close_while_the_child_starts_ends_the_child_it_started(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The lock (or the app's close) came while the warm-up, or a preview, was starting its
    # child: close() found the job's lock held and no process yet, ended nothing, and the
    # child started a moment later lived on after the lock.
    _StartingProcess.started.clear()
    _StartingProcess.go.clear()
    _StartingProcess.made.clear()
    monkeypatch.setattr(multiprocessing, "get_context", lambda method: _Context)
    rules = ChildRules()
    starting = threading.Thread(target=rules.start)
    starting.start()
    assert _StartingProcess.started.wait(WAIT_S)
    rules.close()  # the vault locks meanwhile
    _StartingProcess.go.set()
    starting.join(WAIT_S)
    assert not starting.is_alive()
    (process,) = _StartingProcess.made
    assert rules.pid is None, "a child started during the close lives on"
    process.join(WAIT_S)
    assert not process.is_alive()


def test_a_preview_stopped_while_another_job_runs_ends_at_once() -> None:
    # One job at a time: a second preview waits for the first. Its Stop (the dialog closed, a
    # newer preview) was heard only once the first job ended, minutes for a long record; the
    # rules here stop it at once.
    rules = ChildRules()
    cancel = threading.Event()
    cancel.set()
    ended: list[BaseException] = []

    def second() -> None:
        try:
            rules.document_seeds("Seen by Dr Hastings.", None, cancel=cancel)
        except BaseException as exc:
            ended.append(exc)

    assert rules._lock.acquire()  # the first job runs
    try:
        waiting = threading.Thread(target=second)
        waiting.start()
        waiting.join(WAIT_S)
        assert not waiting.is_alive(), "the stopped preview waits for the job before it"
    finally:
        rules._lock.release()
        waiting.join(WAIT_S)
    assert len(ended) == 1 and isinstance(ended[0], GenerationCancelled)
    assert rules.pid is None  # no child was started for a stopped preview


def _seeds_unless_cancelled(
    text: str, identity: object, progress: object, cancel: threading.Event | None
) -> str:
    if cancel is not None and cancel.is_set():
        raise GenerationCancelled("the redaction was stopped")
    return f"seeds of {text}"


def test_a_cancel_that_arrives_as_the_job_ends_stops_no_later_job(
    child_loop: Channel, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(deid_jobs, "document_seeds", _seeds_unless_cancelled)
    child_loop.send(("job", "seeds", ("one", None)))
    assert _answer(child_loop) == ("done", "seeds of one")
    child_loop.send(("cancel",))  # the Stop, sent as the answer crossed it
    child_loop.send(("job", "seeds", ("two", None)))
    assert _answer(child_loop) == ("done", "seeds of two")


def test_a_proposal_answered_after_a_cancel_is_never_read_by_the_next_job(
    child_loop: Channel, monkeypatch: pytest.MonkeyPatch
) -> None:
    def plan(*args: object) -> list[tuple[str, str]]:
        proposer = args[4]
        assert callable(proposer)
        return list(proposer("Reviewed with Quillfeather."))

    monkeypatch.setattr(deid_jobs, "build_plan", plan)
    job: tuple[Any, ...] = ("job", "plan", ([("body", "x")], None, set(), set(), True))
    child_loop.send(job)
    assert _answer(child_loop) == ("propose", "Reviewed with Quillfeather.")
    child_loop.send(("cancel",))  # the Stop, then the model's answer that was already on its way
    child_loop.send(("proposed", [("name", "STALE")]))
    kind, error = _answer(child_loop)
    assert kind == "error" and isinstance(error, GenerationCancelled)
    child_loop.send(job)
    assert _answer(child_loop) == ("propose", "Reviewed with Quillfeather.")
    child_loop.send(("proposed", [("name", "Quillfeather")]))
    assert _answer(child_loop) == ("done", [("name", "Quillfeather")])
