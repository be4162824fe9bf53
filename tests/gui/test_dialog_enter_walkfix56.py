"""Enter in a dialog (review55c F9/F10, mended in walkfix56): Enter in a field presses only a
default the dialog chose (its OK, Save, Export, Change passphrase), never a button of its
content that Qt made the default by chance because it follows the field in the Tab order
(Backup's folder chooser, the catalog's Download, Saved outputs' Delete…). Enter on a focused
button still presses that button, and a dialog shown again keeps the rule."""

from __future__ import annotations

from typing import Any

import pytest
from fixtures.gui_window import FIT_DIALOGS, open_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui import files
from medlocal.ui.workers import wait_for_jobs


def _in_a_button_box(button: QWidget) -> bool:
    parent = button.parentWidget()
    while parent is not None:
        if isinstance(parent, QDialogButtonBox):
            return True
        parent = parent.parentWidget()
    return False


def _defaults(dialog: QWidget) -> list[QPushButton]:
    return [b for b in dialog.findChildren(QPushButton) if b.isDefault() and b.isVisible()]


def _shown(qtbot: QtBot, dialog: QWidget) -> None:
    dialog.show()
    dialog.activateWindow()
    qtbot.waitExposed(dialog)
    # The dialog's focus field (the application's once the dialog is active: offscreen, a
    # dialog shown again is not always activated).
    qtbot.waitUntil(lambda: dialog.focusWidget() is not None)
    qtbot.wait(20)  # the turn of the event loop after the show


@pytest.mark.parametrize(
    ("module", "name"),
    FIT_DIALOGS,
)
def test_no_button_of_a_dialog_s_content_is_its_default(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int, module: str, name: str
) -> None:
    window = open_window(qtbot, workspace)
    args: tuple[Any, ...] = ()
    if name == "OutputsDialog":
        args = (patient_with_note,)
    elif name == "DocumentExportDialog":
        args = (workspace.require_vault().list_documents(patient_with_note)[0].id,)
    dialog = window.dialogs.make(module, name, *args)
    try:
        for _time in range(2):  # and when shown again
            _shown(qtbot, dialog)
            stray = [b.text() for b in _defaults(dialog) if not _in_a_button_box(b)]
            assert stray == [], f"Enter in a field would press {stray}"
            dialog.hide()
    finally:
        dialog.reject()
        assert wait_for_jobs(20.0)


def test_enter_on_a_focused_button_still_presses_it(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(files, "existing_folder", lambda *args, **kwargs: asked.append("x"))
    dialog = open_window(qtbot, workspace).dialogs.make("backup_dialog", "BackupDialog")
    try:
        _shown(qtbot, dialog)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        focused = QApplication.focusWidget()
        assert focused is not None and focused.accessibleName() == "Backup folder"
        qtbot.keyClick(focused, Qt.Key.Key_Return)  # type: ignore[no-untyped-call]
        assert asked == []
        qtbot.keyClick(focused, Qt.Key.Key_Tab)  # type: ignore[no-untyped-call]
        choose = QApplication.focusWidget()
        assert isinstance(choose, QPushButton) and choose.text() == "&Choose…"
        qtbot.keyClick(choose, Qt.Key.Key_Return)  # type: ignore[no-untyped-call]
        assert asked == ["x"]
    finally:
        dialog.reject()
        assert wait_for_jobs(20.0)


def test_enter_in_add_patient_s_name_still_adds_the_patient(qtbot: QtBot) -> None:
    from medlocal.ui.dialogs.patient_dialogs import AddPatientDialog

    dialog = AddPatientDialog()
    qtbot.addWidget(dialog)
    _shown(qtbot, dialog)
    dialog.name.setFocus()
    qtbot.keyClicks(dialog.name, "Ada Example")  # type: ignore[no-untyped-call]
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)  # type: ignore[no-untyped-call]
