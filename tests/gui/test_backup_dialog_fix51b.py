"""Review 51b's findings on the Backup dialog's Remove older backups and summary (Qt offscreen,
a real SQLCipher vault and real backups; the reviewer's probes, adapted):

* R2: following the full-drive advice removed one more backup than it said (the advice went
  through Keep newest, which the backup after it used too) and left Keep newest changed for
  every later backup. Remove older backups now asks its own count; Keep newest is untouched.
* R3: quitting during the removal asked nothing, and the dialog's "Stop and close" did not stop
  it. It is waited for, says what stopping means, and stops between backups.
* R4: a lock during the removal left the removed backups with no audit entry.
* R5: a slow first summary read replaced the newer line a backup had just set."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from fixtures.gui_window import PASS
from fixtures.message_boxes import act_on_questions, answer_questions
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.backup_advice import make_room
from medlocal.ui.closing import waited_for_work
from medlocal.ui.dialogs import backup_dialog as bd
from medlocal.ui.dialogs.backup_dialog import BackupDialog
from medlocal.ui.message_dialog import QuestionDialog
from medlocal.ui.workers import active_jobs
from medlocal.vault import backup_files
from medlocal.vault.backup_listing import RoomAdvice, list_backups

WAIT_MS = 120_000


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


def _yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return act_on_questions(monkeypatch, True)


def _keep(monkeypatch: pytest.MonkeyPatch, count: int | None = None) -> list[int]:
    """The Remove older backups count question: answered ``count`` (None: the count it
    offers); returns the counts it offered."""
    offered: list[int] = []

    def answer(_parent: Any, _title: str, _label: str, value: int, *_a: Any) -> tuple[int, bool]:
        offered.append(value)
        return (value if count is None else count), True

    monkeypatch.setattr(QInputDialog, "getInt", answer)
    return offered


def _held_removal(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """Each backup's removal waits for ``go``; ``entered`` is set when the first begins."""
    go, entered = threading.Event(), threading.Event()
    real = backup_files.remove_published

    def slow_remove(folder: Path) -> None:
        entered.set()
        go.wait(60)
        real(folder)

    monkeypatch.setattr(backup_files, "remove_published", slow_remove)
    return go, entered


def _removing(dialog: BackupDialog, usb: Path, qtbot: QtBot) -> None:
    dialog.destination.setText(str(usb))
    dialog.start_prune()
    qtbot.waitUntil(
        lambda: (
            dialog.task.busy
            and dialog.task.job is not None
            and dialog.task.job.name == bd.REMOVING_OLDER
        ),
        timeout=WAIT_MS,
    )


def test_following_the_full_drive_advice_removes_only_what_it_said(
    qtbot: QtBot, workspace: Workspace, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep newest "all" (the default); 3 backups; one more does not fit; the advice says the
    oldest 2 make room. Doing what it says leaves the 3rd old one and the new one, and neither
    Keep newest nor its setting changes."""
    for _ in range(3):
        workspace.backup(PASS, usb)
    keep_before = workspace.settings.backup_keep
    size = list_backups(usb)[0].size
    monkeypatch.setattr(backup_files, "free_bytes", lambda _f: size // 2)
    dialog = BackupDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.destination.setText(str(usb))
    dialog.backup_passphrase.setText(PASS)
    dialog.start_backup()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    said = dialog.backup_message.text()
    assert "Removing this vault's oldest 2 would make room" in said, said
    assert "press Remove older backups, keep the newest 1, then Back up now" in said, said
    assert "The 1 kept stay beside the new one." in said, said

    asked = _yes(monkeypatch)
    offered = _keep(monkeypatch)
    dialog.prune_button.click()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    assert offered == [1]  # the count the advice named
    assert len(asked) == 1 and asked[0].startswith("Remove 2 backups of this vault"), asked
    assert len(list_backups(usb)) == 1
    assert dialog.keep.value() == keep_before  # "all" still

    monkeypatch.setattr(backup_files, "free_bytes", lambda _f: 10**12)
    dialog.backup_passphrase.setText(PASS)
    dialog.start_backup()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    assert "written and verified" in dialog.backup_message.text()
    assert len(list_backups(usb)) == 2  # the one the advice kept, and the new one
    assert workspace.settings.backup_keep == keep_before


def test_the_advice_says_when_keep_newest_removes_more_after_it(tmp_path: Path) -> None:
    advice = RoomAdvice(tmp_path, " That folder holds 3 older MedLocal backup(s).", 2, 1)
    said = make_room("Not enough space.", advice, keep_newest=2)
    assert "press Remove older backups, keep the newest 2, then Back up now." in said
    assert "With Keep newest at 2, that backup then keeps only the newest 2 of them" in said
    assert "The 2 kept stay beside the new one." in make_room("No.", advice, keep_newest=3)
    assert "The 2 kept stay" in make_room("No.", advice, keep_newest=0)


def test_remove_older_asks_its_own_count_and_leaves_keep_newest(
    qtbot: QtBot, workspace: Workspace, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(3):
        workspace.backup(PASS, usb)
    dialog = BackupDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.destination.setText(str(usb))
    dialog.keep.setValue(0)  # "all": offered 1, the least
    _yes(monkeypatch)
    offered = _keep(monkeypatch, 2)
    dialog.start_prune()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    assert offered == [1]
    assert len(list_backups(usb)) == 2
    assert dialog.keep.value() == 0 and workspace.settings.backup_keep == 0
    dialog.keep.setValue(5)  # offered Keep newest when no refusal advised a count

    def cancelled(*args: Any) -> tuple[int, bool]:
        offered.append(args[3])
        return 0, False

    monkeypatch.setattr(QInputDialog, "getInt", cancelled)
    assert dialog.start_prune() is None  # the count question cancelled: nothing read
    assert offered[-1] == 5 and len(list_backups(usb)) == 2


def test_quitting_or_closing_while_backups_are_removed_asks_and_really_stops(
    qtbot: QtBot, workspace: Workspace, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(3):
        workspace.backup(PASS, usb)
    go, entered = _held_removal(monkeypatch)
    _yes(monkeypatch)
    _keep(monkeypatch, 1)  # two to remove
    dialog = BackupDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    _removing(dialog, usb, qtbot)
    qtbot.waitUntil(entered.is_set, timeout=WAIT_MS)  # the first removal has begun
    quit_question = waited_for_work(active_jobs())
    assert quit_question and quit_question[0][0] == "Older backups are still being removed."
    boxes: list[str] = []

    def stop_and_close(box: QuestionDialog) -> str:
        boxes.append(box.text.text())
        return "Stop and close"

    answer_questions(monkeypatch, stop_and_close)
    dialog.reject()
    go.set()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    assert boxes and "the backup being removed is finished first" in boxes[0], boxes
    # The one under way was finished, the second was not started: 2 of 3 stay.
    assert len(list_backups(usb)) == 2
    said = dialog.backup_message.text()
    assert said.startswith("Stopped: 1 of them not removed. Removed 1 older backup(s)"), said
    assert not dialog.isVisible()  # closed once it had stopped
    entry = workspace.require_vault().audit_entries(None)[-1]
    assert entry.event == "backup_prune"
    assert entry.details["removed"] == 1 and entry.details["stopped"] is True


def test_a_lock_while_older_backups_are_removed_waits_for_its_audit_entry(
    qtbot: QtBot, workspace: Workspace, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window's lock stops its tasks, then locks: the removal under way ends after the
    backup it is removing and writes its entry before the vault closes."""
    for _ in range(3):
        workspace.backup(PASS, usb)
    go, entered = _held_removal(monkeypatch)
    _yes(monkeypatch)
    _keep(monkeypatch, 1)
    dialog = BackupDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    _removing(dialog, usb, qtbot)
    qtbot.waitUntil(entered.is_set, timeout=WAIT_MS)  # the first removal has begun
    for job in active_jobs():
        job.cancel("lock")
    threading.Timer(0.5, go.set).start()  # the backup being removed takes a moment
    workspace.lock("user")
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    said = dialog.backup_message.text()
    workspace.unlock(PASS)
    entries = workspace.require_vault().audit_entries(None)
    events = [e.event for e in entries]
    assert events[-3:] == ["backup_prune", "lock", "unlock"], (events[-4:], said)
    assert entries[-3].details["removed"] == 1
    assert len(list_backups(usb)) == 2
    assert "audit log" not in said, said


def test_a_slow_first_summary_does_not_overwrite_the_newer_one(
    qtbot: QtBot, workspace: Workspace, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The summary read at open is slow (the last backup's folder on a quiet share); a backup
    to another folder finishes first; the old read then lands and is dropped."""
    release = threading.Event()
    real = Workspace.backup_summary
    calls = {"n": 0}

    def slow(self: Workspace) -> str:
        calls["n"] += 1
        if calls["n"] == 1:
            text = real(self)  # read now: what was true when the dialog opened
            release.wait(60)
            return text
        return real(self)

    monkeypatch.setattr(Workspace, "backup_summary", slow)
    dialog = BackupDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    first = dialog.summary_job
    assert first is not None
    dialog.destination.setText(str(usb))
    dialog.backup_passphrase.setText(PASS)
    dialog.start_backup()
    qtbot.waitUntil(lambda: dialog.summary.text().startswith("Last verified"), timeout=WAIT_MS)
    after_backup = dialog.summary.text()
    release.set()
    qtbot.waitUntil(lambda: not first.running, timeout=WAIT_MS)
    qtbot.wait(300)
    assert dialog.summary.text() == after_backup
