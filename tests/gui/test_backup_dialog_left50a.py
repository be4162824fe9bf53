"""Left by session 49, in the Backup dialog (Qt offscreen, a real SQLCipher vault and backups):
the chosen folder was listed on the window's thread (a slow or large stick paused the window),
and a failure removing older backups after a good backup was shown as a failed backup."""

from __future__ import annotations

import errno
import os
import shutil
import threading
from pathlib import Path

import pytest
from fixtures.gui_window import PASS
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs import backup_page
from medlocal.ui.dialogs.backup_dialog import BackupDialog
from medlocal.vault import backup_files
from medlocal.vault.backup_listing import ListedBackup

WAIT_MS = 120_000


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


def _items(dialog: BackupDialog) -> list[str]:
    return [dialog.backups.item(row).text() for row in range(dialog.backups.count())]


def test_the_folder_is_listed_off_the_window_thread(
    qtbot: QtBot, workspace: Workspace, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace.backup(PASS, usb)
    slow_stick = threading.Event()
    listed_on: list[threading.Thread] = []
    real = backup_page.list_backups

    def list_slowly(folder: Path) -> list[ListedBackup]:
        listed_on.append(threading.current_thread())
        slow_stick.wait(30)  # a slow stick: the window must not wait for it
        return real(folder)

    monkeypatch.setattr(backup_page, "list_backups", list_slowly)
    dialog = BackupDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.destination.setText(str(usb))
    dialog.destination.editingFinished.emit()  # returns while the folder is still being read
    assert _items(dialog) == ["Reading the folder…"]
    qtbot.waitUntil(lambda: bool(listed_on), timeout=WAIT_MS)
    assert threading.main_thread() not in listed_on
    slow_stick.set()
    qtbot.waitUntil(lambda: dialog.listing_job is None, timeout=WAIT_MS)
    (line,) = _items(dialog)
    assert "verified when written; this vault" in line, line


def test_a_folder_that_vanishes_while_read_is_said(
    qtbot: QtBot, workspace: Workspace, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace.backup(PASS, usb)
    real = backup_page.list_backups

    def pulled_out(folder: Path) -> list[ListedBackup]:
        shutil.rmtree(folder)  # the stick pulled out while it is read
        return real(folder)

    monkeypatch.setattr(backup_page, "list_backups", pulled_out)
    dialog = BackupDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.destination.setText(str(usb))
    dialog.destination.editingFinished.emit()
    qtbot.waitUntil(lambda: dialog.listing_job is None, timeout=WAIT_MS)
    assert _items(dialog) == ["That folder is no longer there (a drive unplugged?)."]


def test_a_failed_removal_of_older_backups_is_a_warning_beside_the_backup(
    qtbot: QtBot, workspace: Workspace, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace.backup(PASS, usb)

    def refused(folder: Path) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(folder))

    monkeypatch.setattr(backup_files, "remove_published", refused)
    dialog = BackupDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.destination.setText(str(usb))
    dialog.keep.setValue(1)
    dialog.backup_passphrase.setText(PASS)
    dialog.start_backup()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    note = dialog.backup_message.text()
    assert "Backup written and verified" in note, note
    assert "Warning: Older backups in" in note and "could not all be removed" in note, note
    qtbot.waitUntil(lambda: dialog.listing_job is None, timeout=WAIT_MS)
    assert len(_items(dialog)) == 2  # both backups are there
