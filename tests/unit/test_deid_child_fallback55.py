"""When no child can run the de-identification rules (a broken bundle, a sandbox that forbids a
second process: review55a made every preview fail with "stopped unexpectedly … try again" for
good), the jobs run in the window's process for the rest of the session instead; a child killed
by a signal is still said and restarted (tests/unit/test_deid_child_stall55.py)."""

from __future__ import annotations

import multiprocessing.context
import multiprocessing.resource_tracker
import multiprocessing.spawn
import os
from collections.abc import Sequence
from typing import Any, cast

import pytest

from medlocal.privacy import deid_jobs
from medlocal.privacy.deid_child import ChildRules, RulesProcessError
from medlocal.privacy.deid_identity import PatientIdentity
from medlocal.privacy.deid_jobs import RecordNames, RecordReading, RedactorSpec


class Here:
    """Stands in for the rules in this process: records what it was asked (no rules built)."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def plan(self, fields: Sequence[tuple[str, str]], spec: RedactorSpec, **_: Any) -> Any:
        self.asked.append("plan")
        return "planned here"

    def document_seeds(self, text: str, identity: Any, **_: Any) -> str:
        self.asked.append("seeds")
        return "seeds here"

    def combine(self, seeds: Sequence[str]) -> RecordReading:
        self.asked.append("combine")
        return RecordReading(None, RecordNames())

    def ready(self) -> bool:
        return True


@pytest.fixture
def here(monkeypatch: pytest.MonkeyPatch) -> Here:
    stand_in = Here()
    monkeypatch.setattr(deid_jobs, "IN_PROCESS", stand_in)
    return stand_in


SPEC = RedactorSpec(PatientIdentity())


def test_a_child_that_ends_before_its_first_answer_hands_the_jobs_to_this_process(
    here: Here, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # The spawned "interpreter" exits 1 at once, as a bundle that cannot run its child would
    # (multiprocessing's resource tracker, spawned with the same executable, runs already).
    multiprocessing.resource_tracker.ensure_running()
    monkeypatch.setattr(multiprocessing.spawn, "_python_exe", os.fsencode("/bin/false"))
    rules = ChildRules()
    try:
        rules.start()  # starts; the child ends by itself meanwhile
        assert cast(Any, rules.plan([("body", "Seen by Dr Okafor.")], SPEC)) == "planned here"
        assert "ended before its first answer (exit code 1)" in caplog.text
        # No child is tried again: the session's later jobs run here at once.
        assert rules.document_seeds("text", None) == "seeds here"
        assert rules.combine(["s"]) == RecordReading(None, RecordNames())
        rules.start()
        assert rules.pid is None and rules.ready()
        assert here.asked == ["plan", "seeds", "combine"]
    finally:
        rules.close()


def test_a_child_that_cannot_be_started_hands_the_jobs_to_this_process(
    here: Here, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(self: object) -> None:
        raise OSError("process creation forbidden")

    monkeypatch.setattr(multiprocessing.context.SpawnProcess, "start", refused)
    rules = ChildRules()
    with pytest.raises(RulesProcessError, match="cannot start"):
        rules.start()  # the warm-up logs it
    assert cast(Any, rules.plan([("body", "x")], SPEC)) == "planned here"
    assert here.asked == ["plan"]


def test_a_child_killed_by_a_signal_is_said_not_replaced_by_this_process(
    here: Here, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A child that dies of a signal before it answers (the OOM killer) is no reason to give up:
    # said, and the next job starts a new child.
    def dies_of_a_signal(self: ChildRules, *args: Any, **kwargs: Any) -> tuple[str, Any]:
        process = self._process
        assert process is not None
        process.kill()
        process.join(10)
        raise EOFError("the child ended")

    monkeypatch.setattr(ChildRules, "_answer", dies_of_a_signal)
    rules = ChildRules()
    try:
        with pytest.raises(RulesProcessError, match="exit code -9"):
            rules.plan([("body", "x")], SPEC)
        assert here.asked == [] and not rules._in_process
    finally:
        rules.close()
