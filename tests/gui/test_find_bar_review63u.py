"""review63u: Ctrl+F in the conversation (ui63) where there is no conversation yet, and while
an answer is still being written: the box opens, says what it found, Escape gives the keyboard
back to the conversation and stops nothing, and no Qt warning is raised (pyproject's
qt_log_level_fail)."""

from __future__ import annotations

import threading
from pathlib import Path

from fixtures.fake_models import FakeChatModel
from fixtures.gui_window import PASS, focus_in_window, make_workspace, open_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from medlocal.ui.chat_texts import NOTHING_TO_FIND_NO_PATIENT
from medlocal.ui.main_window import MainWindow

WAIT_MS = 60_000
ANSWER = " ".join(["She takes metformin 500 mg twice daily [1]."] * 8)


def _window(qtbot: QtBot, tmp_path: Path, model: FakeChatModel) -> tuple[MainWindow, int]:
    workspace = make_workspace(tmp_path, chat=model)
    workspace.create_vault(PASS)
    patient = workspace.require_vault().add_patient("Margaret Hartley")
    note = tmp_path / "discharge.txt"
    note.write_text("Discharge medications: metformin 500 mg twice daily.", "utf-8")
    workspace.import_documents([note], patient)
    window = open_window(qtbot, workspace)
    focus_in_window(qtbot, window, window.patients.patients)
    return window, patient


def test_ctrl_f_before_any_patient_or_conversation(qtbot: QtBot, tmp_path: Path) -> None:
    """Since ui64 (note 63) the bar says why there is nothing to search instead of opening an
    empty box over an empty pane; it goes once a patient is chosen."""
    window, _patient = _window(qtbot, tmp_path, FakeChatModel(ANSWER))
    window.patients.patients.setCurrentRow(-1)
    bar = window.chat.find_bar
    window.menus.find_action.trigger()
    assert bar.isVisible() and not bar.box.isEnabled()
    assert bar.result.text() == NOTHING_TO_FIND_NO_PATIENT
    assert QApplication.focusWidget() is window.patients.patients  # the keyboard stays
    window.patients.patients.setCurrentRow(0)
    assert not bar.isVisible() and window.isVisible()
    window.close()


def test_ctrl_f_while_the_answer_is_written_finds_and_escape_stops_nothing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    gate, pieces = threading.Event(), [0]
    model = FakeChatModel(ANSWER)

    def piece(_call: int) -> None:
        pieces[0] += 1
        if pieces[0] > 12:
            gate.wait(20)  # the answer half written, until the test lets it go on

    model.on_piece = piece
    window, patient = _window(qtbot, tmp_path, model)
    window.patients.patients.setCurrentRow(0)
    qtbot.waitUntil(lambda: window.patients.patient_id == patient, timeout=WAIT_MS)
    chat = window.chat
    chat.question.setFocus()
    qtbot.keyClicks(chat.question, "What does she take?")
    qtbot.keyClick(chat.question, Qt.Key.Key_Return)
    try:
        qtbot.waitUntil(lambda: "metformin" in chat.view.toPlainText(), timeout=WAIT_MS)
        bar = chat.find_bar
        window.menus.find_action.trigger()
        assert bar.isVisible() and QApplication.focusWidget() is bar.box
        qtbot.keyClicks(bar.box, "metformin")
        assert bar.result.text() == ""
        assert chat.view.textCursor().selectedText().lower() == "metformin"
        qtbot.keyClick(bar.box, Qt.Key.Key_Escape)
        assert not bar.isVisible() and QApplication.focusWidget() is chat.view
        assert chat.job is not None and chat.job.running  # Escape closed the box only
    finally:
        gate.set()
    qtbot.waitUntil(lambda: chat.job is None and len(chat.turns) == 1, timeout=WAIT_MS)
    window.menus.find_action.trigger()
    qtbot.keyClick(bar.box, Qt.Key.Key_Return)
    assert chat.view.textCursor().selectedText().lower() == "metformin"
    window.close()
