"""The window's menu actions, triggered as a person triggers them (``QAction.trigger``): Qt's
``triggered`` signal passes ``checked``, which a slot must not take for an argument of its own."""

from __future__ import annotations

from typing import Any

from fixtures.gui_window import open_window
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace


def _menu_action(window: Any, text: str) -> QAction:
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        for action in menu.actions() if menu is not None else []:
            if action.text().replace("&", "") == text:
                return action
    raise AssertionError(f"no menu action {text!r}")


def test_the_model_manager_menu_action_opens_one_modal_dialog(
    qtbot: QtBot, workspace: Workspace
) -> None:
    window = open_window(qtbot, workspace)
    seen: list[QDialog] = []

    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog), "the model manager is not modal"
        seen.append(dialog)
        dialog.reject()

    QTimer.singleShot(200, close_it)
    _menu_action(window, "Model manager…").trigger()  # returns when the modal dialog closes
    assert len(seen) == 1 and seen[0].windowTitle() == "Models"
