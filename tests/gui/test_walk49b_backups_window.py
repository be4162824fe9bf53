"""Walk 49b in the window. D1: the Backup dialog's Keep newest was forgotten between openings and
nothing showed the backups a folder holds. D3: removing a patient did not say that older
backups, exported files and the audit log still hold their records."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.gui_window import PASS, window_with_patient
from fixtures.message_boxes import answer_questions
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs.backup_dialog import BackupDialog
from medlocal.ui.message_dialog import QuestionDialog

WAIT_MS = 120_000


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    """The backups' folder (a USB stick's)."""
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


def _items(qtbot: QtBot, dialog: BackupDialog) -> list[str]:
    """The list once its folder was read (on a worker: left 49)."""
    qtbot.waitUntil(lambda: dialog.listing_job is None, timeout=WAIT_MS)
    return [dialog.backups.item(row).text() for row in range(dialog.backups.count())]


def test_the_dialog_lists_the_folder_and_remembers_keep_newest(
    qtbot: QtBot, workspace: Workspace, usb: Path
) -> None:
    dialog = BackupDialog(workspace)
    qtbot.addWidget(dialog)
    assert dialog.keep.value() == 0 and dialog.keep.specialValueText() == "all"
    assert _items(qtbot, dialog) == ["No folder chosen yet."]
    dialog.destination.setText(str(usb))
    dialog.destination.editingFinished.emit()
    assert _items(qtbot, dialog) == ["No MedLocal backup in that folder yet."]
    for keep in (0, 1):
        dialog.keep.setValue(keep)
        dialog.backup_passphrase.setText(PASS)
        dialog.start_backup()
        qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    note = dialog.backup_message.text()
    assert "Removed 1 older backup(s)" in note and "the newest 1 are kept" in note, note
    listed = _items(qtbot, dialog)
    assert len(listed) == 1 and "verified when written; this vault" in listed[0], listed
    assert workspace.settings.backup_keep == 1  # remembered: `vault backup` uses it too
    again = BackupDialog(workspace)
    qtbot.addWidget(again)
    assert again.keep.value() == 1
    assert _items(qtbot, again) == listed


def test_keeping_all_says_how_many_the_folder_holds(
    qtbot: QtBot, workspace: Workspace, usb: Path
) -> None:
    dialog = BackupDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.destination.setText(str(usb))
    dialog.backup_passphrase.setText(PASS)
    dialog.start_backup()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    note = dialog.backup_message.text()
    assert "now holds 1 backup(s) of this vault" in note, note
    assert "older backups are never removed unless you ask" in note, note


def test_removing_a_patient_names_what_still_holds_them(
    qtbot: QtBot, gui_workspace: Workspace, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = window_with_patient(qtbot, gui_workspace, "Erase Me")
    gui_workspace.backup(PASS, usb)
    asked: list[str] = []

    def question(dialog: QuestionDialog) -> str:
        asked.append(dialog.text.text())
        return next(iter(dialog.answers))

    answer_questions(monkeypatch, question)
    window.patients.remove_patient()
    # What still holds them is read on a worker (review 49b R8), then asked.
    qtbot.waitUntil(lambda: bool(asked), timeout=WAIT_MS)
    assert "with their 0 documents, 0 chats and 0 saved outputs" in asked[0], asked[0]
    assert f"1 older backup in {usb}" in asked[0], asked[0]
    qtbot.waitUntil(lambda: not window.patients.busy, timeout=WAIT_MS)
    assert window.patients.patients.count() == 0
    notice = window.patients.notice.text()
    assert "Removed Erase Me" in notice and f"1 older backup in {usb}" in notice, notice
    window.close()


def test_restore_counts_what_it_loses(
    qtbot: QtBot, workspace: Workspace, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """D7: the question and the result say what the vault holds now and what the backup has."""
    vault = workspace.require_vault()
    vault.add_patient("In The Backup")
    workspace.backup(PASS, usb)
    vault.add_patient("Added Since")
    asked: list[str] = []

    def question(dialog: QuestionDialog) -> str:
        asked.append(dialog.text.text())
        return next(iter(dialog.answers))

    answer_questions(monkeypatch, question)
    dialog = BackupDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.source.setText(str(usb))
    dialog.source_passphrase.setText(PASS)
    dialog.start_restore()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    assert "The vault there holds 2 patients and 0 documents now" in asked[0], asked[0]
    note = dialog.restore_message.text()
    assert "The vault held 2 patients and 0 documents; the restored vault holds 1 patient" in (
        note
    ), note
