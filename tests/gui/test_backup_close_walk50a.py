"""Walk 50a D3, D5, D6 in the Backup dialog: real vault, real backup and restore, each held on
its worker (``hold``) for as long as the test needs.

D3: Close during "Writing the backup…" left the backup running unseen (a second could start
beside it), and closing the window during a backup asked nothing. Now both ask: Keep working,
or Stop and close (the dialog closes once the task has stopped).
D5: a wrong restore passphrase was said only after "Restore over this vault?" was answered.
D6: a stopped restore said "The backup task was stopped." (wrong task; the vault unchanged was
not said)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fixtures.gui_window import PASS
from fixtures.held_calls import hold
from fixtures.message_boxes import act_on_questions, answer_next_box, answer_questions
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs.backup_dialog import RESTORE_STOPPED, BackupDialog
from medlocal.ui.main_window import MainWindow
from medlocal.ui.message_dialog import QuestionDialog

WAIT_MS = 120_000


def _window_and_dialog(qtbot: QtBot, workspace: Workspace) -> tuple[MainWindow, BackupDialog]:
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.start()
    window.show()
    dialog = window.dialogs.backup_dialog()
    assert isinstance(dialog, BackupDialog)
    dialog.show()
    return window, dialog


def _backed_up(workspace: Workspace, tmp_path: Path) -> Path:
    """A folder holding a backup of the vault with one patient, "Before Backup"."""
    usb = tmp_path / "usb"
    workspace.require_vault().add_patient("Before Backup")
    workspace.backup(PASS, usb, create_folder=True)
    return usb


def test_closing_during_a_backup_asks_and_stops_it_before_closing(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    window, dialog = _window_and_dialog(qtbot, workspace)
    held = hold(monkeypatch, workspace, "backup")
    dialog.destination.setText(str(usb))
    dialog.backup_passphrase.setText(PASS)
    dialog.start_backup()  # the folder is checked on a worker first (left 51), then written
    qtbot.waitUntil(held.started.is_set, timeout=WAIT_MS)
    job: Any = dialog.task.job  # Any: its state changes under mypy's narrowing
    assert job is not None and job.name == "Writing the backup"

    asked: list[str] = []
    answer_next_box("Keep working", asked)
    dialog.reject()  # Close and Esc
    assert asked and "A backup is still being written." in asked[0]
    assert dialog.isVisible() and job.running and not job.cancel_event.is_set()

    # The window's own close asks too (it said nothing and stopped the backup).
    answer_next_box("Keep working", asked)
    window.close()
    assert len(asked) == 2 and "A backup is still being written." in asked[1]
    assert window.isVisible() and job.running and not job.cancel_event.is_set()

    answer_next_box("Stop and close", asked)
    dialog.reject()
    assert job.cancel_event.is_set() and dialog.isVisible()  # until it has stopped
    held.release.set()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    assert not job.running and workspace.backup_due()  # no backup was finished
    window.close()


def test_a_wrong_restore_passphrase_is_said_before_the_restore_question(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usb = _backed_up(workspace, tmp_path)
    _window, dialog = _window_and_dialog(qtbot, workspace)
    questions: list[str] = []

    def question(dialog: QuestionDialog) -> None:
        questions.append(dialog.windowTitle())
        return None

    answer_questions(monkeypatch, question)
    dialog.source.setText(str(usb))
    dialog.source_passphrase.setText("not the passphrase")
    dialog.start_restore()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    assert "Wrong passphrase for this backup" in dialog.restore_message.text()
    assert questions == []  # never asked to replace the vault with a backup it cannot open

    # The right one: asked, with what the backup holds counted; No keeps what was typed.
    dialog.source_passphrase.setText(PASS)
    dialog.start_restore()
    qtbot.waitUntil(lambda: bool(questions), timeout=WAIT_MS)
    assert questions == ["Restore over this vault?"]
    assert dialog.source_passphrase.text() == PASS and workspace.vault is not None


def test_a_stopped_restore_says_the_vault_is_unchanged(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usb = _backed_up(workspace, tmp_path)
    workspace.require_vault().add_patient("After Backup")
    _window, dialog = _window_and_dialog(qtbot, workspace)
    act_on_questions(monkeypatch, True)
    held = hold(monkeypatch, workspace, "restore")
    dialog.source.setText(str(usb))
    dialog.source_passphrase.setText(PASS)
    dialog.start_restore()  # the backup is opened on a worker, then the restore starts
    qtbot.waitUntil(held.started.is_set, timeout=WAIT_MS)
    dialog.task.cancel()
    held.release.set()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    text = dialog.restore_message.text()
    assert text.startswith(RESTORE_STOPPED), text
    assert "backup task" not in text
    names = [p.name for p in workspace.require_vault().list_patients()]
    assert names == ["Before Backup", "After Backup"]
