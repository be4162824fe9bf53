"""Focus comes back after a dialog closes.

Walk 46a D8: after a modal dialog opened from the window closed (Ctrl+O, Summarise), no widget
had focus and keyboard shortcuts did nothing until the window was activated again. A window
manager re-activates a dialog's parent by itself; Qt's offscreen platform does not (checked:
``QApplication.focusWidget()`` is None after any ``QDialog.exec()`` there), nor do some bare
sessions. Walk 48a D1: the same after a dialog opened by a BUTTON (Add patient…, Export
redacted copy…, the export dialog's Keep selected…/Add text… input boxes). ``focus_return``
gives focus back after every dialog, whoever opens it: to the widget that had it, in the window
(or dialog) it belongs to, else the question box; the next shortcut works without a click."""

from __future__ import annotations

from collections.abc import Callable

from fixtures.gui_window import focus_in_window, window_with_patient
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QInputDialog,
    QPushButton,
    QVBoxLayout,
)
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs.patient_dialogs import AddPatientDialog
from medlocal.ui.focus_return import watch_focus_return


def _when_dialog(act: Callable[[QDialog], object], kind: type = QDialog) -> None:
    """``act`` on the next modal dialog of ``kind`` once it has the keyboard."""

    def step() -> None:
        dialog = QApplication.activeModalWidget()
        focus = QApplication.focusWidget()
        if not isinstance(dialog, kind) or focus is None or focus.window() is not dialog:
            QTimer.singleShot(20, step)
            return
        act(dialog)

    QTimer.singleShot(0, step)


def _close_next_dialog(opened: list[str]) -> None:
    _when_dialog(lambda dialog: (opened.append(type(dialog).__name__), dialog.reject()))


def test_focus_comes_back_after_a_dialog_and_the_next_shortcut_works(
    qtbot: QtBot, gui_workspace: Workspace
) -> None:
    window = window_with_patient(qtbot, gui_workspace, "Focus Walk")
    question = window.chat.question
    focus_in_window(qtbot, window, question)

    opened: list[str] = []
    _close_next_dialog(opened)
    window.menus.settings_action.trigger()
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
    gone = window.patients.add_button
    focus_in_window(qtbot, window, gone)
    _when_dialog(lambda dialog: (gone.hide(), dialog.reject()))
    window.menus.settings_action.trigger()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.chat.question, timeout=5000)


def test_add_patient_by_keys_leaves_focus_on_the_button_and_shortcuts_work(
    qtbot: QtBot, gui_workspace: Workspace
) -> None:
    window = window_with_patient(qtbot, gui_workspace, "First Patient")
    button = window.patients.add_button
    focus_in_window(qtbot, window, button)

    def fill(dialog: QDialog) -> None:
        dialog.name.setText("Second Patient")  # type: ignore[attr-defined]
        dialog.accept()

    _when_dialog(fill, AddPatientDialog)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert window.patients.patients.count() == 2
    qtbot.waitUntil(lambda: QApplication.focusWidget() is button, timeout=5000)
    assert window.isActiveWindow()

    opened: list[str] = []
    _close_next_dialog(opened)
    qtbot.keyClick(button, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: opened == ["SettingsDialog"], timeout=5000)


def test_an_input_box_opened_inside_a_dialog_gives_focus_back_to_that_dialog(
    qtbot: QtBot,
) -> None:
    """As the export dialog's Keep selected… and Add text… do: a QInputDialog over a dialog."""
    watch_focus_return()
    outer = QDialog()
    qtbot.addWidget(outer)
    add = QPushButton("&Add text…", outer)
    other = QPushButton("Export", outer)
    layout = QVBoxLayout(outer)
    layout.addWidget(add)
    layout.addWidget(other)
    asked: list[bool] = []
    add.clicked.connect(
        lambda: asked.append(QInputDialog.getText(outer, "Remove more", "Text:")[1])
    )
    focus_in_window(qtbot, outer, add)

    _when_dialog(lambda d: d.reject(), QInputDialog)
    qtbot.keyClick(add, Qt.Key.Key_Space)
    assert asked == [False]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is add, timeout=5000)
    assert outer.isActiveWindow()
