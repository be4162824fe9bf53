"""Walk 52b M1 in the window: *Restore over this vault…* of a vault that unlocks from this
computer's keychain. The question says it stays remembered, the result says it still unlocks
without the passphrase, and it does (the in-memory keychain stands in for the OS one)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.gui_window import PASS
from fixtures.keychain import MemoryKeychain
from fixtures.message_boxes import act_on_questions
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs.backup_dialog import BackupDialog
from medlocal.ui.main_window import MainWindow
from medlocal.vault.store import Vault

WAIT_MS = 120_000


def test_restore_over_a_remembered_vault_says_and_keeps_it_remembered(
    qtbot: QtBot,
    workspace: Workspace,
    store: MemoryKeychain,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    workspace.require_vault().add_patient("Before Backup")
    workspace.require_vault().remember()
    workspace.backup(PASS, tmp_path / "usb", create_folder=True)
    workspace.require_vault().add_patient("After Backup")
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.start()
    window.show()
    dialog = window.dialogs.backup_dialog()
    assert isinstance(dialog, BackupDialog)
    dialog.show()
    asked: list[str] = []

    act_on_questions(monkeypatch, True, asked)
    dialog.source.setText(str(tmp_path / "usb"))
    dialog.source_passphrase.setText(PASS)
    dialog.start_restore()
    qtbot.waitUntil(lambda: "Restored" in dialog.restore_message.text(), timeout=WAIT_MS)
    assert asked and "stays remembered on this computer" in asked[0], asked
    said = dialog.restore_message.text()
    assert "still unlocks without the passphrase" in said, said
    assert "Restored 0 documents from" in said, said
    with Vault.open(workspace.vault_folder, use_keychain=True) as vault:
        assert vault.unlocked_with == "keychain"
        assert [p.name for p in vault.list_patients()] == ["Before Backup"]
    window.close()
