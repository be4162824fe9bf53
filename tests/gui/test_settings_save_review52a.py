"""Review 52a (Qt offscreen, a real SQLCipher vault): the Settings dialog writes on a worker
since left 52, and while it did, Cancel, Esc and × closed the dialog although the change was
then saved (finding 2); a lock closed it, and a write that then failed was said in the hidden
dialog only (finding 3); a field typed after Save was dropped without a word (finding 3). The
backup reminder's read, also on a worker, raised in a slot when it came back to a deleted
window (finding 4). A slow disk is simulated by holding the write until the test lets it go."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
import shiboken6
from fixtures.gui_window import open_window
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.settings import load_settings, save_settings
from medlocal.ui.dialogs.settings_dialog import SAVING_HELD, SettingsDialog
from medlocal.ui.workers import active_jobs
from medlocal.vault import backup_state

WAIT_MS = 120_000
SAVE = "medlocal.app.workspace_settings.save_settings"  # where the workspace writes them
HELD_S = 30.0  # the longest the "disk" holds a call if a test never lets it go


class Held:
    """``real`` held until ``release`` is set (a slow or sleeping disk)."""

    def __init__(self, real: Any) -> None:
        self.real, self.release, self.calls = real, threading.Event(), 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        self.release.wait(HELD_S)
        return self.real(*args, **kwargs)


@pytest.fixture
def slow_write(monkeypatch: pytest.MonkeyPatch) -> Iterator[Held]:
    held = Held(save_settings)
    monkeypatch.setattr(SAVE, held)
    yield held
    held.release.set()


def _saving(qtbot: QtBot, workspace: Workspace, parent: Any = None) -> SettingsDialog:
    dialog = SettingsDialog(workspace, parent=parent)
    if parent is None:
        qtbot.addWidget(dialog)
    dialog.show()
    dialog.editors["theme"].setCurrentText("dark")  # type: ignore[attr-defined]
    assert dialog.save()
    return dialog


def test_cancel_esc_and_close_do_not_close_a_save_that_goes_on(
    qtbot: QtBot, workspace: Workspace, slow_write: Held
) -> None:
    before = load_settings().theme
    assert before != "dark"
    dialog = _saving(qtbot, workspace)
    qtbot.waitUntil(lambda: slow_write.calls == 1, timeout=WAIT_MS)
    dialog.reject()  # Cancel
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.close()  # the title bar's ×
    # Nothing said "cancelled" while the save went on: the dialog stays and says why.
    assert dialog.isVisible()
    assert dialog.message.text() == SAVING_HELD
    assert not dialog.cancel_button.isEnabled() and not dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.settingsChanged, timeout=WAIT_MS):
        slow_write.release.set()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    assert load_settings().theme == "dark" == workspace.settings.theme
    assert dialog.result() == SettingsDialog.DialogCode.Accepted  # closed as saved


def test_a_field_cannot_be_changed_while_the_settings_are_written(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = threading.Event()

    def refused(_settings: Any) -> None:
        gate.wait(HELD_S)
        raise PermissionError(13, "Permission denied", "/media/stick/settings.toml")

    monkeypatch.setattr(SAVE, refused)
    dialog = SettingsDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    theme = dialog.editors["theme"]
    theme.setFocus()  # Enter in the field pressed Save
    theme.setCurrentText("dark")  # type: ignore[attr-defined]
    assert dialog.save()
    # What was saved is what is shown: no value typed after Save can be dropped unsaid.
    assert not theme.isEnabled()
    assert not dialog.editors[dialog.first_field].isEnabled()
    gate.set()
    qtbot.waitUntil(lambda: dialog.save_job is None, timeout=WAIT_MS)
    assert "Permission denied" in dialog.message.text() and dialog.isVisible()
    # Back to try again, with what was typed.
    assert theme.isEnabled() and dialog.save_button.isEnabled()
    assert dialog.cancel_button.isEnabled()
    assert dialog.changes() == {"theme": "dark"}
    assert dialog.focusWidget() is theme  # the keyboard back where it was
    dialog.reject()  # Cancel works again once nothing is being written
    assert not dialog.isVisible()


def test_a_lock_during_a_save_that_fails_leaves_the_failure_in_view(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = threading.Event()

    def refused(_settings: Any) -> None:
        gate.wait(HELD_S)
        raise PermissionError(13, "Permission denied", "/media/stick/settings.toml")

    monkeypatch.setattr(SAVE, refused)
    window = open_window(qtbot, workspace)
    dialog = _saving(qtbot, workspace, parent=window)
    window.lock("idle")  # auto-lock while the stick is slow
    assert window.stack.currentIndex() == window.LOCKED
    assert dialog.isVisible()  # over the lock screen until its save has ended
    gate.set()
    qtbot.waitUntil(lambda: dialog.save_job is None, timeout=WAIT_MS)
    assert dialog.isVisible(), "the save failed in a dialog nobody sees"
    assert "Permission denied" in dialog.message.text()
    assert load_settings().theme != "dark"
    assert not dialog.survives_lock  # a later lock closes it as any other dialog
    dialog.reject()
    window.close()


def test_a_lock_during_a_save_that_lands_applies_it_and_closes(
    qtbot: QtBot, workspace: Workspace, slow_write: Held
) -> None:
    window = open_window(qtbot, workspace)
    dialog = _saving(qtbot, workspace, parent=window)
    qtbot.waitUntil(lambda: slow_write.calls == 1, timeout=WAIT_MS)
    window.lock("user")
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.settingsChanged, timeout=WAIT_MS) as signal:
        slow_write.release.set()
    assert signal.args[0].theme == "dark" == load_settings().theme
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    assert window.stack.currentIndex() == window.LOCKED
    window.close()


def test_the_reminder_read_that_outlives_its_window_is_dropped(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """backups.json slow, and the window deleted before it is read: pytest-qt fails the test
    if the result reached the deleted window (a RuntimeError in a slot)."""
    from medlocal.ui.main_window import MainWindow

    held = Held(backup_state._load)
    monkeypatch.setattr(backup_state, "_load", held)
    window = MainWindow(workspace)  # not qtbot's: the test deletes it itself
    window.start()  # unlocked: the reminder is looked up
    try:
        qtbot.waitUntil(lambda: held.calls > 0, timeout=WAIT_MS)
        reading = [job for job in active_jobs() if job.name == "reminders"]
        assert reading
        window.close()
        shiboken6.delete(window)
    finally:
        held.release.set()
    qtbot.waitUntil(lambda: not any(job.running for job in reading), timeout=WAIT_MS)
    qtbot.wait(300)  # its result, queued to the GUI thread, finds no window


def test_the_rechunk_result_that_outlives_its_window_is_dropped(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same for the passages updated after an unlock: its end is said in the status bar of
    a window that may be gone by then."""
    from fixtures.ingest_files import FakeEmbedder

    from medlocal.ui.main_window import MainWindow
    from medlocal.vault.records import ChunkRecord

    vault = gui_workspace.require_vault()
    patient = vault.add_patient("Old Vault Patient")
    text = "DISCHARGE SUMMARY\n\nDIET:\nTwo gram sodium diet.\n\nACTIVITY:\nWalk daily.\n"
    embedder = FakeEmbedder()
    chunk = ChunkRecord(text=text, page=None, start=0, end=len(text))
    vault.add_document(
        patient, "old.txt", "txt", text.encode(), [chunk], embedder.embed([text]),
        embedder.model_id, text=text,
    )  # fmt: skip
    assert gui_workspace.rechunk_pending() == 1
    release, real = threading.Event(), gui_workspace.rechunk
    started = threading.Event()

    def held(**kwargs: Any) -> Any:
        report = real(**kwargs)  # the passages are updated; its end waits for the "disk"
        started.set()
        release.wait(HELD_S)
        return report

    monkeypatch.setattr(gui_workspace, "rechunk", held)
    window = MainWindow(gui_workspace)  # not qtbot's: the test deletes it itself
    window.start()
    try:
        qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
        updating = [job for job in active_jobs() if job.name == "re-chunk"]
        window.close()
        shiboken6.delete(window)
    finally:
        release.set()
    qtbot.waitUntil(lambda: not any(job.running for job in updating), timeout=WAIT_MS)
    qtbot.wait(300)  # its result, queued to the GUI thread, finds no window
    assert gui_workspace.rechunk_pending() == 0
