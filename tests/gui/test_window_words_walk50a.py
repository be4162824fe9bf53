"""Walk 50a D4: the window told people to type terminal commands for what its own controls do
(after a backup: "medlocal settings set backup_keep N …, or now: medlocal vault backup --prune 1
--to …" beside the Keep newest box; after removing a patient: "…remove the older backups:
medlocal vault backup --prune 1 --to …"). Now it names Keep newest and Back up now."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.gui_window import PASS, window_with_patient
from fixtures.message_boxes import answer_boxes
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs.backup_dialog import BackupDialog

WAIT_MS = 120_000


def test_after_a_backup_keeping_fewer_names_keep_newest(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    dialog = BackupDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.destination.setText(str(tmp_path / "usb"))
    dialog.backup_passphrase.setText(PASS)
    (tmp_path / "usb").mkdir()
    dialog.start_backup()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    note = dialog.backup_message.text()
    assert "older backups are never removed unless you ask" in note, note
    assert "medlocal settings" not in note and "--prune" not in note, note
    assert "set Keep newest above to N" in note, note


def test_removing_a_patient_says_how_to_erase_the_backups_in_the_window(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    window = window_with_patient(qtbot, gui_workspace, "Erase Me")
    gui_workspace.backup(PASS, usb)
    asked = answer_boxes(monkeypatch, True)
    window.patients.remove_patient()
    qtbot.waitUntil(lambda: bool(asked), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.patients.busy, timeout=WAIT_MS)
    for text in (asked[0], window.patients.notice.text()):
        assert f"1 older backup in {usb}" in text, text
        assert "medlocal vault" not in text and "--prune" not in text, text
        assert "set Keep newest to 1 and press Back up now" in text, text
    window.close()
