"""Walk 46a D8: after a modal dialog opened from the window closed (Ctrl+O, Summarise), no widget
had focus and keyboard shortcuts did nothing until the window was activated again. A window
manager re-activates a dialog's parent by itself; Qt's offscreen platform does not (checked:
``QApplication.focusWidget()`` is None after any ``QDialog.exec()`` there), nor do some bare
sessions. The window now takes focus back itself: to the widget that had it, else the question
box, and the next shortcut works without a click."""

from __future__ import annotations

from fixtures.gui_window import window_with_patient
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace


def _close_next_dialog(opened: list[str]) -> None:
    def close() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(20, close)
            return
        opened.append(type(dialog).__name__)
        dialog.reject()

    QTimer.singleShot(0, close)


def test_focus_comes_back_after_a_dialog_and_the_next_shortcut_works(
    qtbot: QtBot, gui_workspace: Workspace
) -> None:
    window = window_with_patient(qtbot, gui_workspace, "Focus Walk")
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    question = window.chat.question
    question.setFocus()
    qtbot.waitUntil(question.hasFocus, timeout=5000)

    opened: list[str] = []
    _close_next_dialog(opened)
    window.settings_action.trigger()
    assert opened == ["SettingsDialog"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is question, timeout=5000)

    # The next shortcut, pressed where the keyboard now is, opens the dialog again.
    _close_next_dialog(opened)
    qtbot.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier
    )
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=5000)
    assert opened[1] == "SettingsDialog"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is question, timeout=5000)


def test_a_focused_widget_gone_meanwhile_falls_back_to_the_question_box(
    qtbot: QtBot, gui_workspace: Workspace
) -> None:
    """The widget that had focus may be gone with what the dialog changed (a list refilled, a
    button hidden): the question box takes focus then."""
    window = window_with_patient(qtbot, gui_workspace, "Focus Walk")
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    gone = window.patients.add_button
    gone.setFocus()
    qtbot.waitUntil(gone.hasFocus, timeout=5000)

    def hide_then_close() -> None:
        dialog = QApplication.activeModalWidget()
        focus = QApplication.focusWidget()
        if not isinstance(dialog, QDialog) or focus is None or focus.window() is not dialog:
            QTimer.singleShot(20, hide_then_close)
            return
        gone.hide()
        dialog.reject()

    QTimer.singleShot(0, hide_then_close)
    window.settings_action.trigger()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.chat.question, timeout=5000)
