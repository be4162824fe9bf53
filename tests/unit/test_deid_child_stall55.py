"""The de-identification rules in a process of their own (medlocal.privacy.deid_child): the same
plans and record seeds as the rules run here, the model line asked over the pipe, a cancel, a
killed child said in words and replaced, and no child left once closed. The rules are built in a
spawned child (seconds of CPU), so the tests share one child and are marked slow.

walkfix54a D2: building the rules in the window's process held the interpreter lock and stalled
the window 0.3-0.8 s at a load of 6, 1-4 s at 12-15."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from medlocal.errors import GenerationCancelled
from medlocal.privacy.deid_child import ChildRules, RulesProcessError
from medlocal.privacy.deid_identity import PatientIdentity
from medlocal.privacy.deid_jobs import IN_PROCESS, RecordNames, RedactorSpec
from medlocal.privacy.deid_plan import RedactionPlan

pytestmark = pytest.mark.slow

IDENTITY = PatientIdentity(name="Margaret Okafor", mrn="4829104", dob=date(1950, 1, 2))
DOCUMENTS: list[list[tuple[str, str]]] = [
    [
        ("title", "okafor_discharge_stwilfrids.pdf"),
        (
            "body",
            "Seen by Dr Xanthe Hastings at St Wilfrid's Hospital on 12/03/2024. Mrs Okafor "
            "(MRN 4829104, DOB 02/01/1950) lives at 14 Clepington Road, Dundee DD3 7RQ. "
            "Daughter Tyler Summers on 07700 900123. Apixaban 5 mg twice daily.",
        ),
        ("reference 1 file", "referral_letter.docx"),
        ("reference 1", "Tyler turned them away at the door of Sunrise Meadows Nursing Home."),
    ],
    [
        ("title", "CLINIC LETTER"),
        (
            "body",
            "DEAR DR PARKINSON,\nRE: MARGARET OKAFOR, NHS 943 476 5919\nreviewed in "
            "haematology clinic, nyngan medical centre, on 3 march 2025. email "
            "m.okafor@example.org. Hb 104 g/L; ferritin 12.",
        ),
        ("note 1", "Note: the draft names did dr hastings see her on 3 March"),
        ("flag 1", "'Parkinson'"),
        ("flag 1 message", "name 'Parkinson' does not appear in the cited passages"),
    ],
    [
        ("title", "Leistungsnachweis Müller"),
        (
            "body",
            "Frau Erika Müller, geb. 04.07.1961, wohnhaft Hauptstraße 12, 80331 München. "
            "Überweisung durch Dr. med. Klaus Becker, Klinikum rechts der Isar. "
            "Versichertennummer A123456789.",
        ),
    ],
]
WORDING = {"flag 1 message"}
SENTENCES = {"note 1"}


def _spec(names: RecordNames | None = None, mode: str = "shift") -> RedactorSpec:
    return RedactorSpec(IDENTITY, "shift" if mode == "shift" else "year", 41, True, names)


def _shown(plan: RedactionPlan) -> list[tuple[object, ...]]:
    return [
        (it.where, it.number, it.redaction, it.own, it.shown_kind, it.part) for it in plan.items
    ]


def _gone(pid: int, within: float = 10.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        # A zombie (ended, not yet reaped) still answers kill(pid, 0): read its state.
        status = Path(f"/proc/{pid}/stat")
        if status.exists() and status.read_text().split(") ")[-1].startswith("Z"):
            return True
        time.sleep(0.05)
    return False


@pytest.fixture(scope="module")
def child() -> Iterator[ChildRules]:
    rules = ChildRules()
    rules.start()
    yield rules
    rules.close()


def test_the_child_plans_exactly_as_the_rules_here(child: ChildRules) -> None:
    seeds = [child.document_seeds(doc[1][1], IDENTITY) for doc in DOCUMENTS]
    assert seeds == [IN_PROCESS.document_seeds(doc[1][1], IDENTITY) for doc in DOCUMENTS]
    record = child.combine(seeds)
    assert record == IN_PROCESS.combine(seeds)
    assert record.names.words  # the record names someone: the plans below read it
    for mode in ("shift", "year"):
        for fields in DOCUMENTS:
            spec = _spec(record.names, mode)
            there = child.plan(fields, spec, wording=WORDING, sentences=SENTENCES)
            here = IN_PROCESS.plan(fields, spec, wording=WORDING, sentences=SENTENCES)
            assert _shown(there) == _shown(here)
            assert there.items, "the rules found nothing: the comparison proves little"
            for where, text in fields:
                assert there.apply(where, text) == here.apply(where, text)
    assert child.ready()


def test_progress_and_the_model_line_cross_the_pipe(child: ChildRules) -> None:
    steps: list[tuple[int, ...]] = []
    long_text = "Seen by Dr Hastings in clinic today. " * 1500  # more than one piece
    child.document_seeds(
        long_text, IDENTITY, progress=lambda done, size: steps.append((done, size))
    )
    assert len(steps) >= 2 and steps[-1] == (len(long_text), len(long_text))

    asked: list[str] = []
    on_thread: list[str] = []

    def proposer(text: str) -> list[tuple[str, str]]:
        asked.append(text)
        on_thread.append(threading.current_thread().name)
        return [("name", "Quillfeather")]

    fields = [("body", "Reviewed with Quillfeather about her apixaban 5 mg.")]
    plan = child.plan(fields, _spec(), proposer=proposer)
    assert asked and "Quillfeather" in asked[0]
    assert on_thread == [threading.current_thread().name]  # the caller's thread, here
    assert "Quillfeather" in [it.redaction.original for it in plan.items]
    assert _shown(plan) == _shown(IN_PROCESS.plan(fields, _spec(), proposer=proposer))


def test_a_cancel_stops_the_job_and_the_child_goes_on(child: ChildRules) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(GenerationCancelled):
        child.plan(DOCUMENTS[0], _spec(), cancel=cancel)
    pid = child.pid
    assert child.plan(DOCUMENTS[0], _spec()).items
    assert child.pid == pid  # the same child: a cancel is no reason to build the rules again


def test_the_model_line_stopped_here_ends_the_job_and_the_child_goes_on(
    child: ChildRules,
) -> None:
    def stopped(text: str) -> list[tuple[str, str]]:
        raise GenerationCancelled("the model line was stopped")  # as the chat model's Stop

    pid = child.pid
    with pytest.raises(GenerationCancelled):
        child.plan(DOCUMENTS[0], _spec(), proposer=stopped)
    assert child.pid == pid  # the rules' preview that follows needs no new child
    assert child.plan(DOCUMENTS[0], _spec()).items


def test_a_child_killed_mid_job_is_said_and_the_next_job_starts_another(
    child: ChildRules,
) -> None:
    pid = child.pid
    assert pid is not None
    long_text = "Seen by Dr Hastings at St Wilfrid's Hospital on 12/03/2024.\n" * 4000

    def kill_once_reading(done: int, size: int) -> None:
        os.kill(pid, signal.SIGKILL)

    started = time.monotonic()
    with pytest.raises(RulesProcessError, match=r"stopped unexpectedly.*try again"):
        child.document_seeds(long_text, IDENTITY, progress=kill_once_reading)
    assert time.monotonic() - started < 120  # the wait ended with the child
    assert _gone(pid)
    plan = child.plan(DOCUMENTS[0], _spec())
    assert _shown(plan) == _shown(IN_PROCESS.plan(DOCUMENTS[0], _spec()))
    assert child.pid not in (None, pid)


def test_a_child_killed_between_jobs_is_replaced_by_the_next_job(child: ChildRules) -> None:
    pid = child.pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    assert _gone(pid)
    assert _shown(child.plan(DOCUMENTS[1], _spec())) == _shown(
        IN_PROCESS.plan(DOCUMENTS[1], _spec())
    )
    assert child.pid not in (None, pid)


def test_no_child_is_left_once_closed(child: ChildRules) -> None:
    child.plan(DOCUMENTS[2], _spec())  # a child runs
    pid = child.pid
    assert pid is not None
    child.close()
    assert child.pid is None
    assert _gone(pid)
