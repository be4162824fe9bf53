"""Walk 40 (C2): restoring a truncated backup from the window locked the vault first, then
failed, leaving the person on the lock screen although nothing had changed. The part files are
now checked against the manifest (sizes and checksums) before the window locks: a truncated or
damaged backup is refused with the window still open and the vault as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.gui_window import PASS
from fixtures.message_boxes import act_on_questions
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs.backup_dialog import BackupDialog
from medlocal.ui.main_window import MainWindow

WAIT_MS = 120_000


def _truncate(part: Path) -> None:
    data = part.read_bytes()
    part.write_bytes(data[: len(data) // 2])


def _damage_middle(part: Path) -> None:
    data = bytearray(part.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)  # same size: only the checksum tells
    part.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (_truncate, "is truncated or belongs to another backup"),
        (_damage_middle, "its checksum does not match the manifest"),
    ],
)
def test_a_damaged_backup_is_refused_before_the_window_locks(
    qtbot: QtBot,
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    damage: object,
    said: str,
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    vault = workspace.require_vault()
    vault.add_patient("Before Backup")
    workspace.backup(PASS, usb)
    vault.add_patient("After Backup")
    parts = sorted(usb.glob("*/vault.db.*"))
    assert parts, list(usb.rglob("*"))
    assert callable(damage)
    damage(parts[0])

    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.start()
    locks: list[str] = []
    real_lock = workspace.lock

    def lock(reason: str = "user") -> None:
        locks.append(reason)
        real_lock(reason)

    monkeypatch.setattr(workspace, "lock", lock)
    dialog = window.dialogs.backup_dialog()
    assert isinstance(dialog, BackupDialog)
    act_on_questions(monkeypatch, True)
    dialog.source.setText(str(usb))
    dialog.source_passphrase.setText(PASS)
    dialog.start_restore()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    qtbot.wait(50)  # a lock would reach the window through queued signals
    text = dialog.restore_message.text()
    assert f"damaged: the backup file {parts[0].name}" in text and said in text, text
    # The window never locked: still on the main page, the same vault open, nothing lost.
    assert locks == [] and window.stack.currentIndex() != window.LOCKED
    assert workspace.vault is vault
    assert [p.name for p in vault.list_patients()] == ["Before Backup", "After Backup"]
    assert vault.check_integrity() == [] and vault.audit_verify().ok
    assert not any(e.event == "restore" for e in vault.audit_entries())
    window.close()
