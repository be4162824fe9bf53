"""Walk 46a D4: a summary started while the start-up warm-up still ran (8 s after the window
opened) loaded its chat model beside it, and the window went without a turn for up to 3.6 s
(load 10-16 on 2 cores). A chat model's load now waits for a running warm-up to end: the
summary joins it rather than loading concurrently. The warm-up's own work is replaced by one
that waits for the test (the real one takes seconds); the vault, summary and workspace are
real, the chat model the fast fake."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel
from fixtures.gui_window import PASS, make_workspace

from medlocal.app import warm_up
from medlocal.errors import GenerationCancelled


def test_a_summary_started_during_the_warm_up_loads_its_model_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    order: list[str] = []
    warming, release = threading.Event(), threading.Event()

    def slow_warm_up(rules_here: bool) -> None:
        warming.set()
        release.wait(30)
        order.append("warm-up ended")

    monkeypatch.setattr(warm_up, "_load_dictionaries_and_freeze", slow_warm_up)
    chat = FakeChatModel("Bisoprolol 2.5 mg once daily [1].")
    loaded = threading.Event()

    def load_chat(_model: object) -> FakeChatModel:
        order.append("chat model loaded")
        loaded.set()
        return chat

    ws = make_workspace(tmp_path, chat=None, chat_loader=load_chat)
    try:
        ws.create_vault(PASS, PASS)
        patient = ws.require_vault().add_patient("Warm Walk")
        note = tmp_path / "letter.txt"
        note.write_text("Bisoprolol 2.5 mg once daily, started 14/01/2025.", encoding="utf-8")
        ws.import_documents([note], patient)

        warmer = threading.Thread(target=ws.warm_up)
        warmer.start()
        assert warming.wait(10)
        results: list[object] = []
        summary = threading.Thread(
            target=lambda: results.append(ws.summarize(patient, "medication-list"))
        )
        summary.start()
        # While the warm-up runs the summary does not load its model (it waits for it).
        assert not loaded.wait(1.0)
        release.set()
        summary.join(60)
        warmer.join(10)
    finally:
        release.set()
        ws.close()
    assert order == ["warm-up ended", "chat model loaded"]
    assert len(results) == 1


def test_with_no_warm_up_running_nothing_waits() -> None:
    assert warm_up.wait_until_warm(0.0)


def test_a_tasks_stop_ends_its_wait_and_the_warm_up_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    warming, release = threading.Event(), threading.Event()
    monkeypatch.setattr(
        warm_up, "_load_dictionaries_and_freeze", lambda rules_here: release.wait(30)
    )
    warmer = threading.Thread(
        target=lambda: (warming.set(), warm_up.load_dictionaries_and_freeze())
    )
    warmer.start()
    cancel = threading.Event()
    ended: list[BaseException] = []

    def wait() -> None:
        try:
            with warm_up.stops_the_wait(cancel):
                warm_up.wait_until_warm()
        except GenerationCancelled as exc:
            ended.append(exc)

    try:
        assert warming.wait(10)
        waiter = threading.Thread(target=wait)
        waiter.start()
        waiter.join(0.3)
        assert waiter.is_alive()  # waiting for the warm-up
        cancel.set()
        waiter.join(2.0)
        assert not waiter.is_alive() and len(ended) == 1
        assert warmer.is_alive()  # the warm-up goes on
        assert not warm_up.wait_until_warm(0.1)  # a wait outside a task gives up at its limit
    finally:
        release.set()
        warmer.join(10)
    assert warm_up.wait_until_warm(0.0)
