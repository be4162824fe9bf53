"""Review 46b / note 46: a question or summary asked while the start-up warm-up still ran waited
for it before loading its chat model, and nothing stopped that wait: Stop (or Esc, or choosing
another patient) took effect only when the warm-up ended. Now the task's Stop ends the wait at
once; the warm-up goes on. The warm-up's own work is replaced by one that waits for the test
(the real one takes seconds; only its length matters here); the vault, window and dialog are
real, the chat model the fast fake (it must never load)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fixtures.gui_window import open_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace, warm_up
from medlocal.ui.dialogs.summarize_dialog import SummarizeDialog
from medlocal.ui.workers import Job

WAITING = "waiting for the start-up warm-up"
# A Stop ends the wait within this (it looks every STOP_POLL_S); the warm-up itself is held
# for the whole test, so without the fix the job would run on until the teardown.
PROMPT_S = 2.0


@dataclass(frozen=True)
class Warming:
    """The workspace's warm-up, running until ``release`` is set (at teardown anyway)."""

    release: threading.Event
    log: pytest.LogCaptureFixture

    def waited_for(self) -> bool:
        """Whether a model load has begun waiting for it."""
        return WAITING in self.log.text


@pytest.fixture
def warming(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> Iterator[Warming]:
    started, release = threading.Event(), threading.Event()

    def slow_warm_up(rules_here: bool) -> None:
        started.set()
        release.wait(60)

    caplog.set_level(logging.INFO, logger=warm_up.__name__)
    monkeypatch.setattr(warm_up, "_load_dictionaries_and_freeze", slow_warm_up)
    warmer = threading.Thread(target=workspace.warm_up)
    warmer.start()
    assert started.wait(10)
    yield Warming(release, caplog)
    release.set()
    warmer.join(10)


def _stopped_promptly(qtbot: QtBot, job: Job, stop: QWidget, warming: Warming) -> float:
    """Wait until ``job`` waits for the warm-up, click ``stop``; seconds until the job ended.
    The warm-up still runs after (only the wait ended)."""
    qtbot.waitUntil(warming.waited_for, timeout=10000)
    assert job.running
    began = time.monotonic()
    qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not job.running, timeout=int(PROMPT_S * 1000))
    assert not warming.release.is_set()
    return time.monotonic() - began


def test_stop_ends_a_questions_wait_for_the_warm_up(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int, warming: Warming
) -> None:
    window = open_window(qtbot, workspace)
    chat = window.chat
    chat.question.setPlainText("Which diabetes medicine is she on?")
    qtbot.mouseClick(chat.send_button, Qt.MouseButton.LeftButton)
    job = chat.job
    assert job is not None
    took = _stopped_promptly(qtbot, job, chat.stop_button, warming)
    assert workspace.loaded_chat_model is None  # no model loaded beside it
    qtbot.waitUntil(lambda: "Stopped. Nothing was saved." in chat.visible_text(), timeout=5000)
    assert chat.send_button.isEnabled()
    print(f"question's wait ended {took:.3f} s after Stop")


def test_cancel_ends_a_summarys_wait_for_the_warm_up(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int, warming: Warming
) -> None:
    dialog = SummarizeDialog(workspace, patient_with_note)
    qtbot.addWidget(dialog)
    dialog.template.setCurrentIndex(dialog.template.findData("medication-list"))
    job = dialog.start()
    assert job is not None
    took = _stopped_promptly(qtbot, job, dialog.task.cancel_button, warming)
    assert workspace.loaded_chat_model is None
    assert workspace.require_vault().list_outputs(patient_with_note) == []
    print(f"summary's wait ended {took:.3f} s after Cancel")
