"""Backup and restore from the window: a verified backup to a chosen folder, a re-check, a
restore over this vault that locks the window and brings back what was backed up; a wrong
passphrase is refused in the dialog; the window reminds when no backup is recent."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.gui_window import PASS, make_workspace
from fixtures.message_boxes import act_on_questions, answer_questions
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs.backup_dialog import BackupDialog
from medlocal.ui.main_window import MainWindow
from medlocal.ui.message_dialog import QuestionDialog

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
    dialog = window.dialogs.backup_dialog()
    assert isinstance(dialog, BackupDialog)
    # Read on a worker (left 51: the last backup's folder may be a share that does not answer).
    qtbot.waitUntil(lambda: dialog.summary_job is None, timeout=WAIT_MS)
    assert "No verified backup" in dialog.summary.text()
    assert "medlocal" not in dialog.summary.text()  # no terminal command for a clinician

    dialog.show()
    assert not dialog.task.bar.isVisible()  # no idle "0%" before any task
    dialog.destination.setText(str(usb))
    dialog.backup_passphrase.setText("not the passphrase")
    dialog.start_backup()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    assert "passphrase" in dialog.backup_message.text() and not any(usb.iterdir())

    dialog.backup_passphrase.setText(PASS)
    dialog.start_backup()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    assert "written and verified" in dialog.backup_message.text(), dialog.backup_message.text()
    assert dialog.task.bar.isVisible() and dialog.task.bar.value() == dialog.task.bar.maximum()
    assert dialog.backup_passphrase.text() == ""  # the secret does not linger
    assert dialog.summary.text().startswith("Last verified")
    assert not workspace.backup_due()
    # The folder is remembered for the next backup (walk 29: chosen again every session).
    assert workspace.settings.backup_folder == str(usb)
    again = BackupDialog(workspace)
    qtbot.addWidget(again)
    assert again.destination.text() == str(usb)

    dialog.source.setText(str(usb))
    dialog.source_passphrase.setText(PASS)
    dialog.start_verify()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    assert "every check passed" in dialog.restore_message.text(), dialog.restore_message.text()

    # A patient added after the backup disappears when the backup is restored over the vault.
    workspace.require_vault().add_patient("Added After Backup")
    act_on_questions(monkeypatch, True)
    dialog.source_passphrase.setText(PASS)
    dialog.start_restore()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.LOCKED, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    assert "Restored" in dialog.restore_message.text(), dialog.restore_message.text()
    # Both say which passphrase opens it: the backup's, not one set since.
    for text in (dialog.restore_message.text(), window.lock_screen.error.text()):
        assert "passphrase the vault had when this backup was made" in text, text
        assert "not with a passphrase set since then" in text, text
    vault = workspace.unlock(PASS)
    assert [p.name for p in vault.list_patients()] == ["Jane Roe"]
    assert vault.audit_verify().ok
    assert vault.audit_entries()[-1].event in ("restore", "unlock")
    window.close()


def _message(qtbot: QtBot, dialog: BackupDialog) -> str:
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    return dialog.restore_message.text()


def test_a_wrong_restore_passphrase_leaves_the_vault_open_and_unchanged(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Walkthrough 15: the restore locked the vault first, then said the passphrase was wrong.
    usb = tmp_path / "usb"
    usb.mkdir()
    workspace.require_vault().add_patient("Before Backup")
    workspace.backup(PASS, usb)
    workspace.require_vault().add_patient("After Backup")
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.start()
    dialog = window.dialogs.backup_dialog()
    assert isinstance(dialog, BackupDialog)
    act_on_questions(monkeypatch, True)
    dialog.source.setText(str(usb))
    dialog.source_passphrase.setText("not the passphrase")
    dialog.start_restore()
    text = _message(qtbot, dialog)
    assert "Wrong passphrase for this backup" in text, text
    assert "lock" not in text.lower()
    assert window.stack.currentIndex() != window.LOCKED
    names = [p.name for p in workspace.require_vault().list_patients()]  # still unlocked
    assert names == ["Before Backup", "After Backup"]
    window.close()


def test_verify_checks_every_backup_in_the_folder_and_names_each(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    # Walkthrough 15: only the newest was checked, unnamed; the CLI checks every one.
    usb = tmp_path / "usb"
    usb.mkdir()
    first = workspace.backup(PASS, usb).path
    second = workspace.backup(PASS, usb).path
    dialog = BackupDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.source.setText(str(usb))
    dialog.source_passphrase.setText(PASS)
    dialog.start_verify()
    text = _message(qtbot, dialog)
    assert "All 2 backups are whole" in text, text
    assert f"OK      {first.name}" in text and f"OK      {second.name}" in text

    part = next(p for p in first.iterdir() if p.name.startswith("vault.db"))
    data = bytearray(part.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one damaged byte in the older backup
    part.write_bytes(bytes(data))
    dialog.source_passphrase.setText(PASS)
    dialog.start_verify()
    text = _message(qtbot, dialog)
    assert "1 of 2 backups failed" in text, text
    assert f"FAILED  {first.name}" in text and f"OK      {second.name}" in text


def test_verify_and_restore_with_the_recovery_key(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fixtures.gui_window import make_workspace

    from medlocal.ui.workers import wait_for_jobs

    ws = make_workspace(tmp_path)
    recovery = ws.create_vault(PASS, PASS)
    try:
        ws.require_vault().add_patient("Kept")
        usb = tmp_path / "usb"
        usb.mkdir()
        ws.backup(PASS, usb)
        ws.require_vault().add_patient("Lost")
        dialog = BackupDialog(ws)
        qtbot.addWidget(dialog)
        assert not dialog.new_passphrase.isEnabled()
        assert not dialog.confirm_passphrase.isEnabled()
        dialog.use_recovery.setChecked(True)
        assert dialog.new_passphrase.isEnabled() and dialog.confirm_passphrase.isEnabled()
        dialog.source.setText(str(usb))
        dialog.source_passphrase.setText(recovery)
        dialog.start_verify()
        assert "The backup is whole" in _message(qtbot, dialog)

        act_on_questions(monkeypatch, True)
        dialog.source_passphrase.setText(recovery)
        dialog.new_passphrase.setText("short")
        dialog.confirm_passphrase.setText("short")
        dialog.start_restore()  # refused before anything runs: too short
        assert "at least" in dialog.restore_message.text() and not dialog.task.busy
        assert ws.require_vault() is not None  # nothing locked

        new = "a brand new passphrase"
        dialog.source_passphrase.setText(recovery)
        dialog.new_passphrase.setText(new)
        dialog.confirm_passphrase.setText(new)
        dialog.start_restore()
        text = _message(qtbot, dialog)
        assert "opens with the new passphrase" in text, text
        vault = ws.unlock(new)
        assert [p.name for p in vault.list_patients()] == ["Kept"]
    finally:
        assert wait_for_jobs(10.0)
        ws.close()


def test_the_recovery_restores_new_passphrase_must_be_typed_twice_alike(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As `vault restore` asks twice at a terminal: a typo in a passphrase typed once would
    leave a restored vault that only the recovery key opens."""
    dialog = BackupDialog(workspace)
    qtbot.addWidget(dialog)
    act_on_questions(monkeypatch, True)
    dialog.use_recovery.setChecked(True)
    dialog.source.setText(str(tmp_path / "usb"))
    dialog.source_passphrase.setText("the recovery key")
    dialog.new_passphrase.setText("a brand new passphrase")
    dialog.confirm_passphrase.setText("a brand new passfrase")
    assert dialog.start_restore() is None  # refused before anything runs
    text = dialog.restore_message.text()
    assert "New passphrase for the restored vault: The passphrases do not match." in text, text
    assert "Type it again in both fields." in text, text
    assert not dialog.task.busy and workspace.vault is not None  # nothing locked
    assert dialog.new_passphrase.text() == dialog.confirm_passphrase.text() == ""  # not kept
    # The long recovery key stays typed: only the passphrase was wrong.
    assert dialog.source_passphrase.text() == "the recovery key"


def test_the_lock_screen_tells_how_a_restore_ended_however_the_dialog_was_opened(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk 27: after a recovery-key restore the lock screen still said "Restoring… unlock with
    the passphrase the backup was made with" (the wrong one: the new passphrase opens it), and
    the text stayed after the restore. The dialog was opened directly, not through the menu."""
    from fixtures.gui_window import make_workspace

    from medlocal.ui.workers import wait_for_jobs

    ws = make_workspace(tmp_path)
    recovery = ws.create_vault(PASS, PASS)
    window = MainWindow(ws)
    qtbot.addWidget(window)
    try:
        window.start()
        usb = tmp_path / "usb"
        usb.mkdir()
        ws.backup(PASS, usb)
        dialog = BackupDialog(ws, parent=window)
        act_on_questions(monkeypatch, True)
        dialog.use_recovery.setChecked(True)
        dialog.source.setText(str(usb))
        dialog.source_passphrase.setText(recovery)
        new = "a brand new passphrase"
        dialog.new_passphrase.setText(new)
        dialog.confirm_passphrase.setText(new)
        dialog.start_restore()
        assert "opens with the new passphrase" in _message(qtbot, dialog)
        qtbot.waitUntil(lambda: "Restored." in window.lock_screen.error.text(), timeout=WAIT_MS)
        text = window.lock_screen.error.text()
        assert "opens with the new passphrase given for it" in text, text
        assert "Restoring" not in text and "made with" not in text, text
        # While it runs the screen names no passphrase: which one depends on the outcome.
        window._on_locked("restore")
        running = window.lock_screen.error.text()
        assert running.startswith("Restoring from a backup…") and "passphrase the" not in running
    finally:
        assert wait_for_jobs(10.0)
        window.close()
        ws.close()


def test_a_refused_restore_clears_the_restoring_text(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Walk 27: refused because another process had the vault open, the lock screen went on
    # saying "Restoring from a backup…" though nothing was being restored.
    from medlocal.app import backups
    from medlocal.vault.manifest import BackupRefusedError

    usb = tmp_path / "usb"
    usb.mkdir()
    workspace.backup(PASS, usb)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.start()
    dialog = window.dialogs.backup_dialog()
    act_on_questions(monkeypatch, True)

    def refused(*_a: object, **_k: object) -> None:
        raise BackupRefusedError("Another MedLocal window or command has the vault open.")

    # Session 41: the window reads and checks the backup before it locks (prepare_restore) and
    # installs it after (finish_restore, where another process's open vault is refused).
    monkeypatch.setattr(backups, "finish_restore", refused)
    dialog.source.setText(str(usb))
    dialog.source_passphrase.setText(PASS)
    dialog.start_restore()
    assert "Another MedLocal window or command" in _message(qtbot, dialog)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.LOCKED, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.lock_screen.error.text() == "", timeout=WAIT_MS)
    window.close()


def test_a_weak_new_passphrase_is_refused_before_asking_to_restore(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Walk 27: "Restore over this vault? … Continue?" came first, the refusal after it.
    asked: list[str] = []

    def question(dialog: QuestionDialog) -> str:
        asked.append(dialog.windowTitle())
        return next(iter(dialog.answers))

    answer_questions(monkeypatch, question)
    dialog = BackupDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.use_recovery.setChecked(True)
    dialog.source.setText(str(tmp_path / "usb"))
    dialog.source_passphrase.setText("the recovery key")
    for fresh, repeated in (("password1", "password1"), ("a long new one", "a long new 1")):
        dialog.new_passphrase.setText(fresh)
        dialog.confirm_passphrase.setText(repeated)
        assert dialog.start_restore() is None
        assert dialog.restore_message.text().startswith("New passphrase for the restored vault")
    assert asked == []


def test_the_backup_reminder_goes_once_a_backup_is_written(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    # Walk 27: after a backup in the same session the status bar still said none was recent.
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.start()
    reminder = window.status.reminder
    # Read on a worker since left 52 (backups.json may sit on a slow stick).
    qtbot.waitUntil(
        lambda: (
            reminder.isVisibleTo(window) and reminder.text().startswith("No recent verified backup")
        ),
        timeout=WAIT_MS,
    )
    usb = tmp_path / "usb"
    usb.mkdir()
    dialog = BackupDialog(workspace, parent=window)
    dialog.destination.setText(str(usb))
    dialog.backup_passphrase.setText(PASS)
    dialog.start_backup()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    assert "written and verified" in dialog.backup_message.text()
    qtbot.waitUntil(lambda: reminder.isHidden() and reminder.text() == "", timeout=5000)
    window.close()


def test_a_long_verify_result_is_shown_whole(qtbot: QtBot, workspace: Workspace) -> None:
    """Walk 29: "The backup is whole… every check passed" sat in a label 21 px high that needed
    56, cut off at the edge of the buttons at the dialog's default size."""
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.start()
    dialog = window.dialogs.backup_dialog()
    assert isinstance(dialog, BackupDialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    before = dialog.height()
    result = (
        "The backup is whole: it opens with this passphrase; its documents, passages, vectors "
        "and saved answers agree with one another; every check passed. "
    ) * 2
    dialog.restore_message.show_ok(result)
    line = dialog.restore_message
    assert line.height() >= line.heightForWidth(line.width()), (line.height(), before)
    assert dialog.height() > before
    # A short message later does not shrink or grow it again.
    grown = dialog.height()
    dialog.restore_message.show_ok("Checked.")
    assert dialog.height() == grown


def test_the_restore_question_names_a_vault_that_never_held_a_record(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Review 43, D1: the question says exactly what a restore over an unused vault replaces.
    asked: list[str] = []

    act_on_questions(monkeypatch, False, asked)
    # Another vault's backup (the one kind an unused vault gives way to): the question comes
    # once the backup is found to open with the passphrase (walk 50a D5).
    other = make_workspace(tmp_path / "other")
    other.create_vault(PASS, PASS)
    other.backup(PASS, tmp_path / "usb", create_folder=True)
    other.close()
    dialog = BackupDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.source.setText(str(tmp_path / "usb"))
    dialog.source_passphrase.setText(PASS)
    dialog.start_restore()
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=WAIT_MS)
    workspace.require_vault().add_patient("Kept Here")
    dialog.start_restore()
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=WAIT_MS)
    assert "never held a record" in asked[0] and "with its audit trail" in asked[0]
    assert "never held a record" not in asked[1]
