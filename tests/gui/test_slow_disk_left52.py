"""Left by session 51 (Qt offscreen, a real SQLCipher vault): the settings file and
backups.json were written and read on the window's thread. On a portable install the config
folder sits on a USB stick, which may be slow or asleep: each save of the Settings dialog, the
folder and Keep newest remembered after a backup, and the backup reminder after an unlock held
the window meanwhile. Each now runs on a worker; a slow disk is simulated by holding the write
(or read) until the test lets it go."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fixtures.gui_window import PASS, open_window
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.settings import load_settings, save_settings
from medlocal.ui.dialogs.backup_dialog import BackupDialog
from medlocal.ui.dialogs.settings_dialog import SettingsDialog
from medlocal.vault import backup_state

WAIT_MS = 120_000
SAVE = "medlocal.app.workspace_settings.save_settings"  # where the workspace writes them
HELD_S = 8.0  # how long the "disk" holds a call at most: a window that waits for it is caught
QUICK_S = 2.0  # what the window may take to come back (a loaded CI machine included)


class SlowDisk:
    """``real`` wrapped: each call notes its thread, then waits until ``release`` (or HELD_S)."""

    def __init__(self, real: Callable[..., Any]) -> None:
        self.real = real
        self.threads: list[threading.Thread] = []
        self.release = threading.Event()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.threads.append(threading.current_thread())
        self.release.wait(HELD_S)
        return self.real(*args, **kwargs)


@pytest.fixture
def slow_settings_write(monkeypatch: pytest.MonkeyPatch) -> Iterator[SlowDisk]:
    disk = SlowDisk(save_settings)
    monkeypatch.setattr(SAVE, disk)
    yield disk
    disk.release.set()


def _timed(call: Callable[[], Any]) -> float:
    start = time.monotonic()
    call()
    return time.monotonic() - start


def test_saving_the_settings_does_not_hold_the_window(
    qtbot: QtBot, workspace: Workspace, slow_settings_write: SlowDisk
) -> None:
    dialog = SettingsDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.editors["theme"].setCurrentText("dark")  # type: ignore[attr-defined]
    took = _timed(lambda: dialog.save())
    assert took < QUICK_S, f"Save held the window {took:.1f} s while the file was written"
    qtbot.waitUntil(lambda: bool(slow_settings_write.threads), timeout=WAIT_MS)
    assert threading.main_thread() not in slow_settings_write.threads
    assert dialog.message.text() == "Saving the settings…" and not dialog.save_button.isEnabled()
    assert dialog.isVisible()  # not closed before the settings are saved
    assert dialog.save()  # Enter again meanwhile: no second write
    with qtbot.waitSignal(dialog.settingsChanged, timeout=WAIT_MS) as signal:
        slow_settings_write.release.set()
    assert signal.args[0].theme == "dark" == load_settings().theme == workspace.settings.theme
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    assert len(slow_settings_write.threads) == 1


def test_a_settings_file_that_cannot_be_written_is_said_and_the_dialog_stays(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(_settings: Any) -> None:
        raise PermissionError(13, "Permission denied", "/media/stick/settings.toml")

    monkeypatch.setattr(SAVE, refused)
    dialog = SettingsDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.editors["theme"].setCurrentText("dark")  # type: ignore[attr-defined]
    assert dialog.save()
    qtbot.waitUntil(lambda: dialog.save_job is None, timeout=WAIT_MS)
    assert "Permission denied" in dialog.message.text() and dialog.isVisible()
    assert dialog.save_button.isEnabled()  # to try again
    assert dialog.changes() == {"theme": "dark"}  # what was typed stays
    assert load_settings().theme != "dark"


def test_a_backup_remembers_its_folder_off_the_window_thread(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, slow_settings_write: SlowDisk
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    dialog = BackupDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.destination.setText(str(usb))
    dialog.backup_passphrase.setText(PASS)
    dialog.start_backup()
    qtbot.waitUntil(lambda: bool(slow_settings_write.threads), timeout=WAIT_MS)
    assert threading.main_thread() not in slow_settings_write.threads
    qtbot.wait(200)  # the window keeps running while the settings file is written
    assert dialog.task.busy  # the backup's task waits for it, not the window
    slow_settings_write.release.set()
    qtbot.waitUntil(lambda: not dialog.task.busy, timeout=WAIT_MS)
    assert "written and verified" in dialog.backup_message.text(), dialog.backup_message.text()
    assert workspace.settings.backup_folder == str(usb) == load_settings().backup_folder


def test_the_backup_reminder_reads_backups_json_off_the_window_thread(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = SlowDisk(backup_state._load)
    monkeypatch.setattr(backup_state, "_load", disk)
    try:
        started = time.monotonic()
        window = open_window(qtbot, workspace)  # unlocked: the reminder is looked up
        took = time.monotonic() - started
        assert took < HELD_S, f"opening the window waited {took:.1f} s for backups.json"
        qtbot.waitUntil(lambda: bool(disk.threads), timeout=WAIT_MS)
        assert threading.main_thread() not in disk.threads
    finally:
        disk.release.set()
    reminder = window.status.reminder
    qtbot.waitUntil(
        lambda: reminder.text().startswith("No recent verified backup"), timeout=WAIT_MS
    )
    window.close()
