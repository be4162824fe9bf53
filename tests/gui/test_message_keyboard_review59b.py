"""Review 59b: every message with only OK is a MessageDialog now (ui59), and its text is where
the keyboard starts so that a screen reader reads it and a folder named in it can be selected
and copied (Ctrl+C). The text took focus only by a click: once Tab had gone to OK, neither Tab
nor Shift+Tab came back to it, and the path could no longer be reached without a mouse."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from medlocal.ui.message_dialog import MessageDialog

TEXT = "The settings file could not be moved aside. Delete it yourself:\n\n/media/usb/settings.toml"


def _shown(qtbot: QtBot) -> MessageDialog:
    dialog = MessageDialog(None, "MedLocal settings file", TEXT, "critical")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.text)
    return dialog


def _ok(dialog: MessageDialog) -> QPushButton:
    button = dialog.buttons.buttons()[0]
    assert isinstance(button, QPushButton)
    return button


def test_tab_and_shift_tab_go_between_the_text_and_ok(qtbot: QtBot) -> None:
    dialog = _shown(qtbot)
    ok = _ok(dialog)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is ok)
    qtbot.keyClick(ok, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.text)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is ok)
    qtbot.keyClick(ok, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.text)


@pytest.mark.parametrize(("key", "result"), [(Qt.Key.Key_Return, 1), (Qt.Key.Key_Escape, 0)])
def test_enter_on_the_text_still_presses_ok_and_escape_closes(
    qtbot: QtBot, key: Qt.Key, result: int
) -> None:
    dialog = _shown(qtbot)
    results: list[int] = []
    dialog.finished.connect(results.append)
    qtbot.keyClick(dialog.text, key)
    qtbot.waitUntil(lambda: results == [result])
    assert not dialog.isVisible()
