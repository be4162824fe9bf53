"""Review 44b B6: a restore of a backup an older MedLocal made upgrades the restored vault, and
the window said nothing of it (the first-run wizard moved on to the model page, where its restore
message was not even seen; the backup dialog and the lock screen named only the passphrase). Both
now say the restored vault was upgraded, from which vault format to which. Failed before (no
such text on the model page, in the dialog or on the lock screen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.gui_window import PASS, make_workspace
from fixtures.message_boxes import act_on_questions
from fixtures.older_vault import OLDER, rewind_one_format
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs.backup_dialog import BackupDialog
from medlocal.ui.first_run import FirstRunWizard
from medlocal.ui.main_window import MainWindow
from medlocal.ui.workers import wait_for_jobs
from medlocal.vault.schema import SCHEMA_VERSION

WAIT_MS = 120_000
UPGRADED = f"upgraded from vault format {OLDER} to {SCHEMA_VERSION}"


def _older_backup(ws: Workspace, usb: Path) -> None:
    """A backup of ``ws``'s open vault as an older MedLocal would have written it: one format
    step behind (its newest step, CREATE TABLE IF NOT EXISTS, runs again on restore)."""
    vault = ws.require_vault()
    vault.add_patient("Marguerite Quennell-Abbot")
    rewind_one_format(vault)
    ws.backup(PASS, usb)


def test_the_wizard_says_the_restored_vault_was_upgraded(qtbot: QtBot, tmp_path: Path) -> None:
    clinic = make_workspace(tmp_path / "clinic")
    clinic.create_vault(PASS, PASS)
    usb = tmp_path / "usb"
    usb.mkdir()
    _older_backup(clinic, usb)
    clinic.close()
    ws = make_workspace(tmp_path)
    try:
        wizard = FirstRunWizard(ws)
        qtbot.addWidget(wizard)
        wizard.show()
        page = wizard.passphrase_page
        page.from_backup.setChecked(True)
        page.backup.setText(str(usb))
        page.backup_passphrase.setText(PASS)
        wizard.next()
        qtbot.waitUntil(lambda: wizard.currentPage() is wizard.model_page, timeout=WAIT_MS)
        status = wizard.model_page.status
        assert status.isVisible() and UPGRADED in status.text(), status.text()
        assert "opens with the passphrase the vault had" in status.text()
        wizard.accept()
    finally:
        ws.close()


def test_the_backup_dialog_and_lock_screen_say_it_was_upgraded(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make_workspace(tmp_path)
    ws.create_vault(PASS, PASS)
    window = MainWindow(ws)
    qtbot.addWidget(window)
    try:
        window.start()
        usb = tmp_path / "usb"
        usb.mkdir()
        _older_backup(ws, usb)
        dialog = BackupDialog(ws, parent=window)
        act_on_questions(monkeypatch, True)
        dialog.source.setText(str(usb))
        dialog.source_passphrase.setText(PASS)
        dialog.start_restore()
        qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
        assert UPGRADED in dialog.restore_message.text(), dialog.restore_message.text()
        qtbot.waitUntil(lambda: "Restored." in window.lock_screen.error.text(), timeout=WAIT_MS)
        assert UPGRADED in window.lock_screen.error.text()
    finally:
        assert wait_for_jobs(10.0)
        window.close()
        ws.close()
