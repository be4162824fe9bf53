"""Left by session 50, in the Backup dialog (Qt offscreen, a real SQLCipher vault and backups):

* it looked at the disk on the window's thread when it opened (backups.json and whether the
  last verified backup's folder is there) and when Back up now was pressed (whether the chosen
  folder exists and can be written): a share that does not answer or a stick pulled out froze
  the window. Both are read on a worker now, "Reading…"/"Checking…" meanwhile;
* a backup refused for a full drive ended with a ``medlocal vault backup --prune N`` command:
  the window names its own action (Remove older backups, with the count to keep), and has one.

The slow folder is real: every look at a path under it (stat, lstat, listdir, scandir) waits
until the test lets it go, as a share gone quiet does; a 20 ms timer measures how long the
window went without a turn meanwhile."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fixtures.gui_window import PASS
from fixtures.heartbeat import Heartbeat
from fixtures.message_boxes import act_on_questions
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs.backup_dialog import BackupDialog
from medlocal.ui.workers import run_task
from medlocal.vault import backup_files
from medlocal.vault.backup_listing import list_backups

WAIT_MS = 120_000
STALL_S = 3.0  # how long a look waits at most: long enough to be seen, short enough on main


class QuietShare:
    """Every look at a path under ``folder`` waits until :meth:`answer`, or ``STALL_S`` after
    the first look (a share that answers again then)."""

    def __init__(self, folder: Path) -> None:
        self.folder = str(folder)
        self.answered = threading.Event()
        self.waited_on: set[str] = set()

    def wrap(self, real: Callable[..., Any]) -> Callable[..., Any]:
        def look(*args: Any, **kwargs: Any) -> Any:
            path = args[0] if args else kwargs.get("path")
            if isinstance(path, str | os.PathLike) and os.fspath(path).startswith(self.folder):
                self.waited_on.add(threading.current_thread().name)
                if not self.answered.wait(STALL_S):
                    self.answered.set()  # the share answers again after STALL_S
            return real(*args, **kwargs)

        return look

    def answer(self) -> None:
        self.answered.set()


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


@pytest.fixture
def quiet(usb: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[QuietShare]:
    share = QuietShare(usb)
    for name in ("stat", "lstat", "listdir", "scandir"):
        monkeypatch.setattr(os, name, share.wrap(getattr(os, name)))
    yield share
    share.answer()


def test_a_share_that_does_not_answer_never_holds_the_window(
    qtbot: QtBot, workspace: Workspace, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace.backup(PASS, usb)  # the last verified backup is on the share
    workspace.update_settings(backup_folder=str(usb))
    share = QuietShare(usb)
    for name in ("stat", "lstat", "listdir", "scandir"):
        monkeypatch.setattr(os, name, share.wrap(getattr(os, name)))
    beat = Heartbeat(interval_ms=20)
    beat.start()
    try:
        dialog = BackupDialog(workspace)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        summary = dialog.summary.text()
        dialog.backup_passphrase.setText(PASS)
        dialog.start_backup()
        checking = dialog.task.busy and dialog.task.status.text()
        button_off = not dialog.backup_button.isEnabled()
        qtbot.wait(300)  # the window turns while the share is silent
        longest = beat.stop()
    finally:
        share.answer()
    assert longest < 1.0, f"the window went {longest:.2f} s without a turn"
    assert summary.startswith("Reading when the last verified backup"), summary
    assert checking and checking.startswith("Checking the backup folder"), checking
    assert button_off
    assert "MainThread" not in share.waited_on
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    assert "written and verified" in dialog.backup_message.text(), dialog.backup_message.text()
    qtbot.waitUntil(lambda: dialog.summary.text().startswith("Last verified"), timeout=WAIT_MS)
    assert len(list_backups(usb)) == 2


def test_closing_while_the_folder_is_checked_does_not_wait_and_writes_nothing(
    qtbot: QtBot,
    workspace: Workspace,
    usb: Path,
    quiet: QuietShare,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = BackupDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.destination.setText(str(usb))
    dialog.backup_passphrase.setText(PASS)
    asked: list[str] = []

    act_on_questions(monkeypatch, False, asked)
    job = dialog.start_backup()
    assert job is not None and job.running
    dialog.reject()  # Close: no question, no wait for a folder that does not answer
    assert not asked and not dialog.isVisible() and job.cancel_event.is_set()
    quiet.answer()
    qtbot.waitUntil(lambda: not job.running, timeout=WAIT_MS)
    qtbot.wait(200)
    assert dialog.task.job is job  # no backup was started after the check came back
    assert not list_backups(usb) and workspace.backup_due()


def _full_drive(monkeypatch: pytest.MonkeyPatch, free: int) -> None:
    """The vault and the backup folder on one disk with ``free`` bytes left."""
    monkeypatch.setattr(backup_files, "free_bytes", lambda _folder: free)


def test_a_full_drive_names_the_windows_own_way_to_make_room(
    qtbot: QtBot, workspace: Workspace, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(3):
        workspace.backup(PASS, usb)
    size = list_backups(usb)[0].size
    _full_drive(monkeypatch, size // 2)  # one more does not fit; removing two makes room
    dialog = BackupDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.destination.setText(str(usb))
    dialog.backup_passphrase.setText(PASS)
    dialog.start_backup()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    said = dialog.backup_message.text()
    assert said.startswith("Not enough space for the backup"), said
    assert "medlocal" not in said and "--prune" not in said, said
    assert "Removing this vault's oldest 2 would make room" in said, said
    assert "press Remove older backups, keep the newest 1, then Back up now" in said, said

    # Doing what it says: asked which go, then they are gone, and the backup fits.
    asked: list[str] = []

    act_on_questions(monkeypatch, True, asked)
    # Its own count (review 51b R2: not Keep newest's), offered as the advice said.
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a: (a[3], True))
    dialog.prune_button.click()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    assert len(asked) == 1 and asked[0].startswith("Remove 2 backups of this vault"), asked
    said = dialog.backup_message.text()
    assert said.startswith("Removed 2 older backup(s)"), said
    assert len(list_backups(usb)) == 1
    events = [e.event for e in workspace.require_vault().audit_entries(None)]
    assert events[-1] == "backup_prune"
    _full_drive(monkeypatch, 10**12)
    dialog.backup_passphrase.setText(PASS)
    dialog.start_backup()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    assert "written and verified" in dialog.backup_message.text()


def test_removing_older_backups_asks_a_number_to_keep_and_asks_first(
    qtbot: QtBot, workspace: Workspace, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(2):
        workspace.backup(PASS, usb)
    dialog = BackupDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.destination.setText(str(usb))
    # The count is asked (review 51b R2), at least 1: the newest is never removed.
    monkeypatch.setattr(QInputDialog, "getInt", lambda *_a: (1, True))
    act_on_questions(monkeypatch, False)
    dialog.start_prune()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    assert len(list_backups(usb)) == 2  # not agreed: nothing removed
    monkeypatch.setattr(QInputDialog, "getInt", lambda *_a: (2, True))
    dialog.start_prune()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    assert dialog.backup_message.text().startswith("Nothing to remove")


def test_a_silent_share_leaves_the_windows_other_work_its_threads(
    qtbot: QtBot, workspace: Workspace, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt's global pool has a thread per core: two on a small laptop. The dialog's summary and
    listing on a share that does not answer held both, and an answer or an import waited."""
    workspace.backup(PASS, usb)
    workspace.update_settings(backup_folder=str(usb))
    share = QuietShare(usb)
    for name in ("stat", "lstat", "listdir", "scandir"):
        monkeypatch.setattr(os, name, share.wrap(getattr(os, name)))
    pool = QThreadPool.globalInstance()
    threads = pool.maxThreadCount()
    pool.setMaxThreadCount(2)
    try:
        dialog = BackupDialog(workspace)
        qtbot.addWidget(dialog)
        dialog.backup_passphrase.setText(PASS)
        dialog.start_backup()
        qtbot.waitUntil(lambda: len(share.waited_on) >= 2, timeout=WAIT_MS)
        other: list[int] = []
        run_task("an answer", lambda _cancel: 42, other.append)
        qtbot.waitUntil(lambda: other == [42], timeout=int(STALL_S * 1000 / 2))
    finally:
        share.answer()
        pool.setMaxThreadCount(threads)
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    assert "written and verified" in dialog.backup_message.text(), dialog.backup_message.text()
