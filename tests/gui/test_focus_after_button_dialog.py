"""Walk 48a D1: after a dialog opened by a BUTTON closed (Add patient…, Export redacted copy…,
the export dialog's Keep selected…/Add text… input boxes), no widget had focus and the next
shortcut did nothing on a platform that does not re-activate the parent window (offscreen,
bare X11, kiosk). ``focus_return`` now gives focus back after every dialog, whoever opens it:
to the widget that had it, in the window (or dialog) it belongs to."""

from __future__ import annotations

from collections.abc import Callable

from fixtures.gui_window import window_with_patient
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs.patient_dialogs import AddPatientDialog
from medlocal.ui.focus_return import watch_focus_return


def _when_dialog(act: Callable[[QDialog], object], kind: type = QDialog) -> None:
    def step() -> None:
        dialog = QApplication.activeModalWidget()
        focus = QApplication.focusWidget()
        if not isinstance(dialog, kind) or focus is None or focus.window() is not dialog:
            QTimer.singleShot(20, step)
            return
        act(dialog)

    QTimer.singleShot(0, step)


def test_add_patient_by_keys_leaves_focus_on_the_button_and_shortcuts_work(
    qtbot: QtBot, gui_workspace: Workspace
) -> None:
    window = window_with_patient(qtbot, gui_workspace, "First Patient")
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    button = window.patients.add_button
    button.setFocus()
    qtbot.waitUntil(button.hasFocus, timeout=5000)

    def fill(dialog: QDialog) -> None:
        dialog.findChild(QLineEdit).setText("Second Patient")
        dialog.accept()

    _when_dialog(fill, AddPatientDialog)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert window.patients.patients.count() == 2
    qtbot.waitUntil(lambda: QApplication.focusWidget() is button, timeout=5000)
    assert window.isActiveWindow()

    opened: list[str] = []
    _when_dialog(lambda d: (opened.append(type(d).__name__), d.reject()))
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
    outer.show()
    outer.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is outer, timeout=5000)
    add.setFocus()
    qtbot.waitUntil(add.hasFocus, timeout=5000)

    _when_dialog(lambda d: d.reject(), QInputDialog)
    qtbot.keyClick(add, Qt.Key.Key_Space)
    assert asked == [False]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is add, timeout=5000)
    assert outer.isActiveWindow()
