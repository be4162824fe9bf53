"""Walk 43 D1: the first-run wizard only created a new vault, so a second computer of the clinic
had no way in the window to start from the clinic's backup. It now offers "Restore from a
backup": the backup is restored into this home's vault folder and opened, and the wizard goes
on to the model page (there is no new recovery key to show). A wrong passphrase restores
nothing and says so on the page."""

from __future__ import annotations

from pathlib import Path

from fixtures.backup_vault import MARKERS, PASS, make_planted_vault
from fixtures.gui_window import make_workspace
from pytestqt.qtbot import QtBot

from medlocal.ui.first_run import FirstRunWizard
from medlocal.vault.backup import create_backup
from medlocal.vault.store import Vault


def _backup(tmp_path: Path) -> Path:
    clinic = make_planted_vault(tmp_path / "clinic", documents=1, chunks=2).folder
    usb = tmp_path / "usb"
    usb.mkdir()
    with Vault.open(clinic, PASS) as opened:
        create_backup(opened, PASS, usb)
    return usb


def test_the_wizard_restores_a_backup_and_opens_it(qtbot: QtBot, tmp_path: Path) -> None:
    usb = _backup(tmp_path)
    ws = make_workspace(tmp_path)
    try:
        wizard = FirstRunWizard(ws)
        qtbot.addWidget(wizard)
        wizard.show()
        page = wizard.passphrase_page
        page.from_backup.setChecked(True)
        assert page.restore_part.isVisible() and not page.new_part.isVisible()
        page.backup.setText(str(usb))
        page.backup_passphrase.setText("not the passphrase at all")
        wizard.next()
        qtbot.waitUntil(lambda: "Nothing was restored" in page.error.text(), timeout=30000)
        assert wizard.currentPage() is page and not ws.vault_exists()
        page.backup_passphrase.setText(PASS)
        wizard.next()
        qtbot.waitUntil(lambda: wizard.currentPage() is wizard.model_page, timeout=30000)
        vault = ws.vault
        assert vault is not None and not vault.is_locked
        assert [p.name for p in vault.list_patients()] == [MARKERS[1]]
        wizard.accept()
    finally:
        ws.close()
