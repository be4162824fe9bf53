"""The question box lets Tab move on: keyboard users reach Send and the other buttons."""

from __future__ import annotations

from fixtures.gui_window import open_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace


def test_tab_leaves_the_question_box_and_inserts_no_tab(qtbot: QtBot, workspace: Workspace) -> None:
    workspace.require_vault().add_patient("Tab Tester")
    window = open_window(qtbot, workspace)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    question = window.chat.question
    question.setFocus()
    qtbot.waitUntil(question.hasFocus)
    question.setPlainText("what changed")
    qtbot.keyClick(question, Qt.Key.Key_Tab)
    assert "\t" not in question.toPlainText()
    assert not question.hasFocus()
    after_tab = QApplication.focusWidget()
    assert after_tab is not None and after_tab is not question
    qtbot.keyClick(after_tab, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert question.hasFocus()
