"""Backup and restore from the window: a verified backup to a chosen folder, a re-check, a
restore over this vault that locks the window and brings back what was backed up; a wrong
passphrase is refused in the dialog; the window reminds when no backup is recent."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PASS
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs.backup_dialog import BackupDialog
from medlocal.ui.main_window import MainWindow

WAIT_MS = 120_000


def test_backup_verify_and_restore_through_the_dialog(
    qtbot: QtBot,
    workspace: Workspace,
    patient_with_note: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.start()
    dialog = window.backup_dialog()
    assert isinstance(dialog, BackupDialog)
    assert "No verified backup" in dialog.summary.text()
    assert "medlocal" not in dialog.summary.text()  # no terminal command for a clinician

    dialog.show()
    assert not dialog.task.bar.isVisible()  # no idle "0%" before any task
    dialog.destination.setText(str(usb))
    dialog.backup_passphrase.setText("not the passphrase")
    dialog.start_backup()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    assert "passphrase" in dialog.message.text() and not any(usb.iterdir())

    dialog.backup_passphrase.setText(PASS)
    dialog.start_backup()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    assert "written and verified" in dialog.message.text(), dialog.message.text()
    assert dialog.task.bar.isVisible() and dialog.task.bar.value() == dialog.task.bar.maximum()
    assert dialog.backup_passphrase.text() == ""  # the secret does not linger
    assert dialog.summary.text().startswith("Last verified")
    assert not workspace.backup_due()

    dialog.source.setText(str(usb))
    dialog.source_passphrase.setText(PASS)
    dialog.start_verify()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    assert "every check passed" in dialog.message.text(), dialog.message.text()

    # A patient added after the backup disappears when the backup is restored over the vault.
    workspace.require_vault().add_patient("Added After Backup")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.source_passphrase.setText(PASS)
    dialog.start_restore()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.LOCKED, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    assert "Restored" in dialog.message.text(), dialog.message.text()
    # Both say which passphrase opens it: the backup's, not one set since.
    for text in (dialog.message.text(), window.lock_screen.error.text()):
        assert "passphrase the vault had when this backup was made" in text, text
        assert "not with a passphrase set since then" in text, text
    vault = workspace.unlock(PASS)
    assert [p.name for p in vault.list_patients()] == ["Jane Roe"]
    assert vault.audit_verify().ok
    assert vault.audit_entries()[-1].event in ("restore", "unlock")
    window.close()
