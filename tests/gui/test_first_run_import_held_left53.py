"""Left 53 (Qt offscreen): Esc or × on the first-run wizard's model page while a model is
imported no longer closes the wizard with the copy going on unsaid (fix 52b left). It asks;
keeping on is the default. A stop cancels the copy (its partial is deleted: see
tests/unit/test_import_partials_left53.py) and closes the wizard once the copy has stopped; a
copy that had already finished is said, the wizard staying open."""

from __future__ import annotations

import threading
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from fixtures.message_boxes import answer_next_box
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.models.importer import ImportStopped
from medlocal.ui.first_run import (
    KEEP_IMPORTING,
    STOP_IMPORT,
    STOP_IMPORT_TEXT,
    FirstRunWizard,
)
from medlocal.ui.first_run_model import STOPPING_IMPORT

WAIT_MS = 60_000
HELD_S = 30.0


class HeldImport:
    """``import_gguf`` held until ``release`` is set; it stops on its cancel event as the real
    copy does between chunks, unless ``hears_cancel`` is False (the copy already past it)."""

    def __init__(self, *, hears_cancel: bool = True) -> None:
        self.release, self.calls, self.hears_cancel = threading.Event(), 0, hears_cancel
        self.cancel: threading.Event | None = None

    def __call__(self, path: Path, *, cancel: threading.Event, **_kw: Any) -> Any:
        self.calls += 1
        self.cancel = cancel
        for _ in range(int(HELD_S / 0.02)):
            if self.release.wait(0.02):
                break
            if self.hears_cancel and cancel.is_set():
                raise ImportStopped(f"the import of {path.name} was stopped; nothing was kept")
        model = SimpleNamespace(id="tiny", role="embedding")
        return SimpleNamespace(model=model, message="imported tiny (llama, embedding)")


def _importing(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch, held: HeldImport
) -> FirstRunWizard:
    monkeypatch.setattr("medlocal.models.importer.import_gguf", held)
    wizard = FirstRunWizard(workspace)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.model_page._import(Path("/stick/tiny.gguf"))
    qtbot.waitUntil(lambda: held.calls > 0, timeout=WAIT_MS)
    return wizard


def test_esc_during_an_import_asks_and_keeping_on_keeps_the_wizard(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = HeldImport()
    wizard = _importing(qtbot, gui_workspace, monkeypatch, held)
    asked: list[str] = []
    try:
        answer_next_box(KEEP_IMPORTING, asked)
        wizard.reject()
        assert asked and STOP_IMPORT_TEXT in asked[0]
        assert wizard.isVisible()
        assert held.cancel is not None and not held.cancel.is_set()
    finally:
        held.release.set()
    qtbot.waitUntil(lambda: "imported tiny" in wizard.model_page.status.text(), timeout=WAIT_MS)
    assert wizard.isVisible() and not wizard.model_page.importing


def test_stopping_the_import_cancels_the_copy_then_closes(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = HeldImport()
    wizard = _importing(qtbot, gui_workspace, monkeypatch, held)
    asked: list[str] = []
    try:
        answer_next_box(STOP_IMPORT, asked)
        wizard.reject()
        assert asked
        assert held.cancel is not None and held.cancel.is_set()
        qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=WAIT_MS)
    finally:
        held.release.set()
    assert wizard.result() == FirstRunWizard.DialogCode.Rejected
    assert not wizard.model_page.importing


def test_a_copy_that_finished_before_the_stop_is_said(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = HeldImport(hears_cancel=False)
    wizard = _importing(qtbot, gui_workspace, monkeypatch, held)
    asked: list[str] = []
    try:
        answer_next_box(STOP_IMPORT, asked)
        wizard.reject()
        assert STOPPING_IMPORT in wizard.model_page.status.text()
        assert len(asked) == 1 and wizard.isVisible()
    finally:
        held.release.set()
    status = wizard.model_page.status
    qtbot.waitUntil(lambda: "Not stopped" in status.text(), timeout=WAIT_MS)
    assert "already finished" in status.text() and "imported tiny" in status.text()
    assert wizard.isVisible()


def test_a_copy_that_never_stops_does_not_trap_the_wizard(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review 53a: a read from a dead USB stick can hang; the copy then never reaches its next
    chunk to hear the stop, and Esc or × only said "Stopping the import…": the wizard could
    not be closed. A second Esc while it stops closes it without waiting (asking nothing more);
    the copy still has its cancel, and its partial goes when it stops or at the next start."""
    held = HeldImport(hears_cancel=False)  # stuck in a read: hears nothing
    wizard = _importing(qtbot, gui_workspace, monkeypatch, held)
    asked: list[str] = []
    try:
        answer_next_box(STOP_IMPORT, asked)
        wizard.reject()
        assert wizard.isVisible() and STOPPING_IMPORT in wizard.model_page.status.text()
        assert "Esc" in wizard.model_page.status.text()  # says how to leave without waiting
        wizard.reject()
        assert len(asked) == 1
        assert not wizard.isVisible()
        assert wizard.result() == FirstRunWizard.DialogCode.Rejected
        assert held.cancel is not None and held.cancel.is_set()
    finally:
        held.release.set()


def test_a_quit_signal_while_the_stop_question_is_up_closes_the_wizard(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review 53a: SIGTERM (a logout) while *Stop importing the model?* is open: the question
    is answered as Escape would (keep importing) and the wizard closes all the same; once the
    wizard is deleted (first_run's frame ends) the copy hears its cancel."""
    import os
    import signal

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from medlocal.ui.quit_signals import QuitOnSignals

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    held = HeldImport()
    wizard = _importing(qtbot, gui_workspace, monkeypatch, held)
    quitter = QuitOnSignals(app)
    closed: list[bool] = []
    try:

        def escape() -> None:
            QTimer.singleShot(200, lambda: os.kill(os.getpid(), signal.SIGTERM))
            wizard.reject()  # the question's own event loop runs until the signal
            closed.append(True)

        QTimer.singleShot(0, escape)
        qtbot.waitUntil(lambda: bool(closed) and not wizard.isVisible(), timeout=WAIT_MS)
        assert quitter.received == signal.SIGTERM
        assert wizard.result() == FirstRunWizard.DialogCode.Rejected
        assert held.cancel is not None and not held.cancel.is_set()  # not stopped by the box
        wizard.deleteLater()
        qtbot.waitUntil(lambda: held.cancel is not None and held.cancel.is_set(), timeout=WAIT_MS)
    finally:
        quitter.uninstall()
        held.release.set()
