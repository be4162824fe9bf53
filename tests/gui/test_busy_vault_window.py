"""Session 34: the window never freezes on a vault another MedLocal process is writing (a
command-line import). A second connection, opened the way the vault opens its own, holds the
write lock (BEGIN IMMEDIATE); a QTimer heartbeat measures the event loop's longest gap while the
window adds a patient, deletes a chat, reads while a worker of its own waits for that lock,
locks, and unlocks. Each says the vault is busy, and works once the lock is let go.

The gap is compared with the idle loop's, measured just before in the same test (not with a
number of seconds, which a loaded machine overruns): a stall is the window waiting out the full
wait (busy_wait, 3 s), far above both."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fixtures.gui_window import PASS, open_window
from fixtures.heartbeat import Heartbeat
from fixtures.message_boxes import answer_boxes
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs.patient_dialogs import AddPatientDialog
from medlocal.ui.lock_screen import BUSY_WAITING
from medlocal.ui.main_window import MainWindow
from medlocal.vault import db
from medlocal.vault.errors import VaultBusyError

BUSY = str(VaultBusyError())
# A gap is a stall when over STALL_RATIO times the idle loop's longest and over STALL_FLOOR_S: far
# below the full wait the window once sat out (busy_wait: 3 s), far above a busy machine's idle.
STALL_RATIO = 3.0
STALL_FLOOR_S = 1.0


@pytest.fixture
def busy_wait(monkeypatch: pytest.MonkeyPatch) -> float:
    """The full wait, short enough for a test; the window's own must stay far below it. Asked
    for before the workspace, so the vault's connection opens with it."""
    monkeypatch.setattr(db, "BUSY_WAIT_S", 3.0)
    return 3.0


class OtherProcess:
    """The vault's write lock held by another connection (a command-line import committing)."""

    def __init__(self, workspace: Workspace) -> None:
        vault = workspace.require_vault()
        self.conn = db.connect(vault.folder / db.DB_FILE_NAME, vault._session().dek)

    def hold(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        self.conn.execute("ROLLBACK")


@pytest.fixture
def other(workspace: Workspace) -> Iterator[OtherProcess]:
    holder = OtherProcess(workspace)
    yield holder
    if holder.conn.in_transaction:
        holder.release()
    holder.conn.close()


def _idle_gap(qtbot: QtBot, settle_s: float = 0.4) -> float:
    """The heartbeat's longest gap while the loop does nothing for ``settle_s``: the baseline."""
    beat = Heartbeat()
    beat.start()
    qtbot.wait(int((settle_s + 0.05) * 1000))
    beat.timer.stop()
    return beat.longest


def _assert_no_stall(gap: float, idle: float) -> None:
    limit = max(STALL_RATIO * idle, STALL_FLOOR_S)
    assert gap < limit, f"the window stalled {gap:.2f} s (idle loop: {idle:.2f} s)"


def _on_the_loop(qtbot: QtBot, action: Callable[[], Any], settle_s: float = 0.4) -> None:
    """Run ``action`` from the event loop (as a click does) and give the loop ``settle_s``
    more; the heartbeat's longest gap over all of it is no stall (against the idle loop's)."""
    idle = _idle_gap(qtbot, settle_s)
    beat = Heartbeat()
    beat.start()
    QTimer.singleShot(20, action)
    qtbot.wait(int((settle_s + 0.05) * 1000))
    beat.timer.stop()
    _assert_no_stall(beat.longest, idle)


def _typing(monkeypatch: pytest.MonkeyPatch, name: str | None) -> list[str]:
    """AddPatientDialog accepted with ``name`` typed (None: as it opened); the names it
    opened with are returned."""
    opened: list[str] = []

    def exec_(dialog: AddPatientDialog) -> int:
        opened.append(dialog.name.text())
        if name is not None:
            dialog.name.setText(name)
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(AddPatientDialog, "exec", exec_)
    return opened


def test_adding_a_patient_says_busy_at_once_and_keeps_what_was_typed(
    busy_wait: float,
    qtbot: QtBot,
    workspace: Workspace,
    other: OtherProcess,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(qtbot, workspace)
    panel = window.patients
    _typing(monkeypatch, "Ada Quill")
    other.hold()
    _on_the_loop(qtbot, panel.add_patient)
    assert not panel.notice.isHidden() and BUSY in panel.notice.text()
    assert "not added yet" in panel.notice.text()
    assert panel.patients.count() == 0
    other.release()
    opened = _typing(monkeypatch, None)  # the second try: OK on what the dialog shows
    panel.add_patient()
    assert opened == ["Ada Quill"]
    assert [p.name for p in workspace.require_vault().list_patients()] == ["Ada Quill"]
    assert panel.patients.count() == 1 and panel.notice.isHidden()


def test_deleting_a_chat_says_busy_at_once_and_works_after(
    busy_wait: float,
    qtbot: QtBot,
    workspace: Workspace,
    other: OtherProcess,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    vault = workspace.require_vault()
    patient = vault.add_patient("Ann")
    chat_id = vault.create_chat(patient)
    vault.add_chat_message(chat_id, "user", "Metformin dose?")
    vault.add_chat_message(chat_id, "assistant", "500 mg.")
    window = open_window(qtbot, workspace)
    window.chat.chats.activated.emit(window.chat.chats.findData(chat_id))
    assert window.chat.chat_id == chat_id
    answer_boxes(monkeypatch, True)
    other.hold()
    _on_the_loop(qtbot, window.chat.delete_open_chat)
    assert window.chat.status_line == f"The chat was not deleted: {BUSY}"
    assert [c[0] for c in vault.list_chats()] == [chat_id]
    other.release()
    window.chat.delete_open_chat()
    assert vault.list_chats() == [] and window.chat.chat_id is None


def test_reading_goes_on_while_a_worker_waits_for_the_other_process(
    busy_wait: float, qtbot: QtBot, workspace: Workspace, other: OtherProcess
) -> None:
    """A worker of the window (removing a patient) waits for the other process's lock; the
    window's reads (the lists, a patient chosen) must not wait behind it."""
    vault = workspace.require_vault()
    gone, kept = vault.add_patient("Bea Gone"), vault.add_patient("Cy Kept")
    window = open_window(qtbot, workspace)
    panel = window.patients
    other.hold()
    try:
        panel.patients.setCurrentRow(0)
        assert panel.patient_id == gone
        with pytest.MonkeyPatch.context() as mp:
            answer_boxes(mp, True)
            panel.remove_patient()
            # What keeps their records is read first (a worker; reads do not wait), then asked.
            qtbot.wait(200)  # the removal's worker is waiting for the lock now
        assert panel.delete_job is not None and panel.delete_job.running

        def read() -> None:
            panel.reload(select=kept)
            window.chat.sync_chats()

        _on_the_loop(qtbot, read)
        assert panel.patient_id == kept
    finally:
        other.release()
    qtbot.waitUntil(lambda: not panel.busy, timeout=10000)
    assert [p.id for p in vault.list_patients()] == [kept]


def test_locking_a_busy_vault_is_at_once_and_it_unlocks_after(
    busy_wait: float, qtbot: QtBot, workspace: Workspace, other: OtherProcess
) -> None:
    workspace.require_vault().add_patient("Di Lock")
    window = open_window(qtbot, workspace)
    other.hold()
    _on_the_loop(qtbot, window.menus.lock_action.trigger)
    assert window.stack.currentIndex() == window.LOCKED and workspace.vault is None
    other.release()
    window.lock_screen.secret.setText(PASS)
    window.lock_screen.submit()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.WORKING, timeout=10000)
    report = workspace.require_vault().audit_verify()
    assert report.ok, report


def _unlock_busy(qtbot: QtBot, window: MainWindow, other: OtherProcess) -> tuple[float, str]:
    screen = window.lock_screen
    idle = _idle_gap(qtbot)
    beat = Heartbeat()
    beat.start()
    other.hold()
    screen.secret.setText(PASS)
    screen.submit()
    qtbot.waitUntil(lambda: screen.error.text() == BUSY_WAITING, timeout=5000)
    qtbot.waitUntil(lambda: not screen._busy, timeout=10000)
    beat.timer.stop()
    _assert_no_stall(beat.longest, idle)
    return beat.longest, screen.error.text()


def _spy_waits(monkeypatch: pytest.MonkeyPatch) -> list[tuple[bool, float, bool]]:
    """Every wait for the write lock: (on the GUI thread, its limit, ended busy)."""
    waits: list[tuple[bool, float, bool]] = []
    begin = db._begin

    def spy(conn: Any) -> None:
        on_gui = threading.current_thread() is threading.main_thread()
        try:
            begin(conn)
        except VaultBusyError:
            waits.append((on_gui, db.wait_limit(), True))
            raise
        waits.append((on_gui, db.wait_limit(), False))

    monkeypatch.setattr(db, "_begin", spy)
    return waits


def test_unlocking_a_busy_vault_says_so_meanwhile_and_after(
    qtbot: QtBot,
    workspace: Workspace,
    other: OtherProcess,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(db, "BUSY_WAIT_S", 1.0)
    window = open_window(qtbot, workspace)
    window.menus.lock_action.trigger()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.LOCKED)
    waits = _spy_waits(monkeypatch)
    _gap, said = _unlock_busy(qtbot, window, other)
    assert said == BUSY, said
    # The unlock sat out the full wait once, not twice (counted, not timed), off the GUI thread.
    full = [(on_gui, busy) for on_gui, limit, busy in waits if limit == db.BUSY_WAIT_S]
    assert full == [(False, True)], waits
    assert window.lock_screen.button.isEnabled() and window.stack.currentIndex() == window.LOCKED
    other.release()
    window.lock_screen.secret.setText(PASS)
    window.lock_screen.submit()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.WORKING, timeout=10000)
    assert workspace.require_vault().audit_verify().ok


def test_the_window_thread_waits_briefly_and_workers_wait_long(
    busy_wait: float, qtbot: QtBot, workspace: Workspace
) -> None:
    window = open_window(qtbot, workspace)
    assert window is not None and db.wait_limit() == db.GUI_WAIT_S < STALL_FLOOR_S
    seen: list[float] = []
    worker = threading.Thread(target=lambda: seen.append(db.wait_limit()))
    worker.start()
    worker.join()
    assert seen == [busy_wait]


def test_deleting_saved_outputs_says_busy_at_once_and_works_after(
    busy_wait: float,
    qtbot: QtBot,
    workspace: Workspace,
    other: OtherProcess,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtCore import QItemSelectionModel

    from medlocal.ui.dialogs.outputs_dialog import OutputsDialog

    vault = workspace.require_vault()
    patient = vault.add_patient("Eve Out")
    saved = vault.save_output(patient, "answer", "Dose?", "500 mg.", {"question": "Dose?"}, [])
    window = open_window(qtbot, workspace)
    dialog = OutputsDialog(workspace, patient, window)
    qtbot.addWidget(dialog)
    flags = QItemSelectionModel.SelectionFlag
    dialog.table.selectionModel().select(
        dialog.table.model().index(0, 0), flags.ClearAndSelect | flags.Rows
    )
    assert dialog.selected_ids() == [saved]
    answer_boxes(monkeypatch, True)
    other.hold()
    _on_the_loop(qtbot, dialog.delete_selected)
    assert dialog.message.text() == BUSY
    assert [o.id for o in vault.list_outputs()] == [saved]
    other.release()
    dialog.table.selectionModel().select(
        dialog.table.model().index(0, 0), flags.ClearAndSelect | flags.Rows
    )
    dialog.delete_selected()
    assert vault.list_outputs() == []
