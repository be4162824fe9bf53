"""Review of walkfix55a (review55c): Enter in a dialog does what it did before its content moved
into a scroll area. Qt makes the first auto-default button after the focused widget in the focus
chain the dialog's default; walkfix55a put the closing row last in that chain, so the button
next to the first field became the default: Enter in Backup's empty Folder field opens the
folder chooser, and Enter on a row of the model catalog starts its download (before: the
task's disabled Cancel was the default, and Enter did nothing). Mended in walkfix56
(default_button.no_default_by_chance; tests/gui/test_dialog_enter_walkfix56.py covers every
dialog)."""

from __future__ import annotations

import pytest
from fixtures.gui_window import open_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui import files
from medlocal.ui.workers import wait_for_jobs


def test_enter_in_backup_s_folder_field_opens_no_chooser(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(files, "existing_folder", lambda *args, **kwargs: asked.append("x"))
    dialog = open_window(qtbot, workspace).dialogs.make("backup_dialog", "BackupDialog")
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    focused = QApplication.focusWidget()
    assert focused is not None and focused.accessibleName() == "Backup folder"
    qtbot.keyClick(focused, Qt.Key.Key_Return)  # type: ignore[no-untyped-call]
    try:
        assert asked == []
    finally:
        dialog.reject()
        assert wait_for_jobs(20.0)


def test_enter_on_a_catalog_row_starts_no_download(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_window(qtbot, workspace).dialogs.make("models_dialog", "ModelManagerDialog")
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.catalog_table.setFocus()
    dialog.catalog_table.selectRow(2)
    try:
        button = dialog.download_button
        assert not (button.isDefault() and button.isEnabled())
    finally:
        dialog.reject()
        assert wait_for_jobs(20.0)
