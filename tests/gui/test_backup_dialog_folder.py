"""The backup window offers to create a backup folder that does not exist yet, naming its full
path, when only its own name is missing; a path whose parent is missing (an unplugged USB stick)
is refused as before and nothing appears on the local disk. Its messages are said under the
part they are about, not at the foot of the dialog (walk 26 item 10: "Type the vault
passphrase" appeared far below the field, under an empty area)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PASS
from fixtures.message_boxes import answer_boxes
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs.backup_dialog import BackupDialog

WAIT_MS = 120_000
YES, NO = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


def _dialog(qtbot: QtBot, workspace: Workspace, folder: Path | None = None) -> BackupDialog:
    dialog = BackupDialog(workspace)
    qtbot.addWidget(dialog)
    if folder is not None:
        dialog.destination.setText(str(folder))
    return dialog


def _back_up(qtbot: QtBot, dialog: BackupDialog, passphrase: str = PASS) -> str:
    dialog.backup_passphrase.setText(passphrase)
    dialog.start_backup()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    return dialog.backup_message.text()


def test_a_new_folder_is_created_only_after_asking_with_its_full_path(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    new = usb / "medlocal backups"
    dialog = _dialog(qtbot, workspace, new)

    asked = answer_boxes(monkeypatch, NO)
    assert _back_up(qtbot, dialog).startswith("No backup was written")
    assert len(asked) == 1 and f"The folder {new} does not exist yet" in asked[0], asked
    assert not new.exists()
    assert dialog.backup_passphrase.text() == PASS  # nothing ran: it need not be typed again

    asked = answer_boxes(monkeypatch, YES)
    text = _back_up(qtbot, dialog, "not the passphrase")
    assert "not the vault's passphrase" in text, text
    assert not new.exists()  # a refused passphrase leaves no new folder behind

    text = _back_up(qtbot, dialog)
    assert text.startswith(f"Created the folder {new}. Backup written and verified"), text
    assert [p.parent for p in new.iterdir()] == [new]
    assert not workspace.backup_due()

    asked = answer_boxes(monkeypatch, YES)
    assert "written and verified" in _back_up(qtbot, dialog)
    assert asked == []  # it exists now: nothing to ask


def test_a_folder_whose_parent_is_missing_is_refused_without_asking(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unplugged = tmp_path / "STICK"
    dialog = _dialog(qtbot, workspace, unplugged / "backups")
    asked = answer_boxes(monkeypatch, YES)
    text = _back_up(qtbot, dialog)
    assert asked == []
    assert "does not exist" in text and "may not be plugged in" in text, text
    assert not unplugged.exists()  # no folder on the local disk in the stick's place


def _gap_below(field: QWidget, message: QWidget, dialog: QWidget) -> int:
    """Pixels from the bottom of ``field`` to the top of ``message`` in the dialog."""
    bottom = field.mapTo(dialog, QPoint(0, field.height())).y()
    return message.mapTo(dialog, QPoint(0, 0)).y() - bottom


def test_a_missing_entry_is_said_beside_its_field(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = _dialog(qtbot, workspace)
    dialog.resize(900, 700)  # the walk's size: taller than the dialog needs
    dialog.show()
    qtbot.waitExposed(dialog)

    assert dialog.start_backup() is None
    message = dialog.backup_message
    assert message.isVisible() and message.text().startswith("Type the vault passphrase")
    # Under the Back up now button that follows the field, not at the foot of the dialog.
    gap = _gap_below(dialog.backup_passphrase, message, dialog)
    assert 0 < gap < 3 * dialog.backup_button.height(), gap
    assert dialog.focusWidget() is dialog.backup_passphrase  # typed into next

    assert dialog.start_verify() is None
    assert not message.isVisible()  # one message at a time, where the person is working
    restore = dialog.restore_message
    assert restore.isVisible() and restore.text().startswith("Choose the backup"), restore.text()
    gap = _gap_below(dialog.confirm_passphrase, restore, dialog)
    assert 0 < gap < 3 * dialog.verify_button.height(), gap
    assert dialog.focusWidget() is dialog.source
