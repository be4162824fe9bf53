"""Slow vault work stays off the GUI thread and the lock does not fight it: deleting documents
or a patient (each ends with a pass over the whole text index and a WAL checkpoint) runs on a
worker, the buttons disabled meanwhile, the lists read again after it, an error shown; a running
task counts as activity for the idle lock; locking cancels the tasks before closing the vault."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from fixtures.gui_window import open_window, window_with_patient
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui import patient_deletions
from medlocal.vault.errors import NotFoundError
from medlocal.vault.store import Vault


def _import(workspace: Workspace, patient: int, tmp_path: Path, count: int) -> None:
    notes = []
    for n in range(count):
        note = tmp_path / f"note{n}.txt"
        note.write_text(f"Letter {n}: apixaban {n} mg twice daily.", encoding="utf-8")
        notes.append(note)
    workspace.import_documents(notes, patient)


def _hold(monkeypatch: pytest.MonkeyPatch, name: str) -> tuple[threading.Event, list[Any]]:
    """Vault.``name`` waits for the returned event before doing its work; each call's thread is
    recorded."""
    release, threads = threading.Event(), []
    real = getattr(Vault, name)

    def held(self: Vault, *args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        assert release.wait(10)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Vault, name, held)
    return release, threads


def test_deleting_documents_runs_on_a_worker_in_one_batch(
    qtbot: QtBot,
    workspace: Workspace,
    patient_with_note: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _import(workspace, patient_with_note, tmp_path, 2)
    window = open_window(qtbot, workspace)
    panel = window.patients
    qtbot.waitUntil(lambda: panel.documents.count() == 3)
    panel.documents.selectAll()
    asked: list[Any] = []

    def ask(*_args: Any) -> str:
        asked.append(threading.current_thread())
        return "documents"

    monkeypatch.setattr(patient_deletions, "ask_delete_documents", ask)
    looked: list[Any] = []
    plan = patient_deletions.plan_deletion

    def looking(*args: Any) -> Any:
        looked.append(threading.current_thread())
        return plan(*args)

    monkeypatch.setattr(patient_deletions, "plan_deletion", looking)
    release, threads = _hold(monkeypatch, "delete_documents")
    panel.delete_documents()
    qtbot.waitUntil(lambda: bool(threads))
    # Every saved output is read to find those quoting the documents (and an e-mail's
    # attachment documents are looked up): on a worker too.
    assert looked[0] is not threading.main_thread() and asked == [threading.main_thread()]
    assert threads[0] is not threading.main_thread()
    assert not panel.delete_button.isEnabled() and not panel.remove_button.isEnabled()
    assert not panel.import_button.isEnabled()
    assert panel.imports.import_paths([tmp_path / "note0.txt"]) is None  # no import meanwhile
    release.set()
    qtbot.waitUntil(lambda: panel.delete_job is None)
    assert len(threads) == 1  # one call for the selection
    assert panel.documents.count() == 0
    assert panel.delete_button.isEnabled()
    assert workspace.require_vault().list_documents(patient_with_note) == []


def test_a_failed_deletion_is_shown_and_the_list_read_again(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, workspace)
    panel = window.patients
    qtbot.waitUntil(lambda: panel.documents.count() == 1)
    panel.documents.selectAll()
    monkeypatch.setattr(patient_deletions, "ask_delete_documents", lambda *_a: "documents")

    def missing(_self: Vault, *_args: Any, **_kwargs: Any) -> None:
        raise NotFoundError("No document with id 99.")

    monkeypatch.setattr(Vault, "delete_documents", missing)
    warnings: list[tuple[str, str]] = []
    monkeypatch.setattr(
        patient_deletions, "tell", lambda _parent, title, text, *_a: warnings.append((title, text))
    )
    panel.delete_documents()
    qtbot.waitUntil(lambda: panel.delete_job is None)
    assert warnings == [("Documents not deleted", "No document with id 99.")]
    assert panel.documents.count() == 1 and panel.delete_button.isEnabled()


def test_removing_a_patient_runs_on_a_worker(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, workspace)
    panel = window.patients
    monkeypatch.setattr(patient_deletions, "confirm", lambda *_a: True)
    release, threads = _hold(monkeypatch, "remove_patient")
    panel.remove_patient()
    qtbot.waitUntil(lambda: bool(threads))
    assert threads[0] is not threading.main_thread()
    assert not panel.remove_button.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: panel.delete_job is None)
    assert panel.patients.count() == 0
    assert workspace.require_vault().list_patients() == []


def test_what_keeps_a_patients_records_is_read_on_a_worker(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review 49b R8: the audit log and the last backup's folder (a stick, a share) were read on
    the window's thread before the question."""
    window = open_window(qtbot, workspace)
    panel = window.patients
    threads: list[threading.Thread] = []
    real = patient_deletions.removal_traces

    def traced(vault: Any, patient_id: int) -> Any:
        threads.append(threading.current_thread())
        return real(vault, patient_id)

    monkeypatch.setattr(patient_deletions, "removal_traces", traced)
    monkeypatch.setattr(patient_deletions, "confirm", lambda *_a: False)
    panel.remove_patient()
    qtbot.waitUntil(lambda: panel.delete_job is None)
    assert threads and threads[0] is not threading.main_thread()
    assert panel.patients.count() == 1  # not confirmed: nothing removed


def test_a_running_task_keeps_the_idle_lock_away(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A summary or an OCR import may run longer than the idle minutes without a vault call:
    the idle lock cancelled it and threw its result away. Once it ends, the lock comes."""
    from medlocal.ui import idle_activity
    from medlocal.ui.workers import run_task

    monkeypatch.setattr(idle_activity, "JOB_ACTIVITY_S", 0.05)
    window = window_with_patient(qtbot, gui_workspace, "Waiting Patient")
    vault = gui_workspace.require_vault()
    results: list[bool] = []
    vault.set_idle_timeout(0.8)  # touched every 0.05 s: room for a busy test machine
    run_task("long summary", lambda cancel: cancel.wait(2.5), results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results == [False]  # not cancelled
    assert not vault.is_locked and window.stack.currentIndex() == window.WORKING
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.LOCKED, timeout=5000)
    assert vault.is_locked
    window.close()


def test_a_task_that_survives_the_lock_keeps_the_idle_lock_away_too(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review 43b, R1: a restore over a vault that never held a record reads the backup with
    that vault open (its last check runs just before the swap); its job survives a lock, and
    was not counted as activity, so the idle lock came mid-read and the restore was refused."""
    from medlocal.ui import idle_activity
    from medlocal.ui.workers import run_task

    monkeypatch.setattr(idle_activity, "JOB_ACTIVITY_S", 0.05)
    window = window_with_patient(qtbot, gui_workspace, "Restoring Patient")
    vault = gui_workspace.require_vault()
    results: list[bool] = []
    vault.set_idle_timeout(0.8)
    job = run_task("restore", lambda cancel: cancel.wait(2.5), results.append)
    job.survives_lock = True
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert not vault.is_locked and window.stack.currentIndex() == window.WORKING
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.LOCKED, timeout=5000)
    window.close()


def test_locking_cancels_tasks_before_closing_the_vault(
    qtbot: QtBot, gui_workspace: Workspace
) -> None:
    """Closing the vault waits for its session, which a task may hold (a long commit): cancelled
    first, the task lets go at its next safe point, and the window locks at once."""
    import time

    from medlocal.ui.workers import run_task

    window = window_with_patient(qtbot, gui_workspace, "Locking Patient")
    vault = gui_workspace.require_vault()
    holding = threading.Event()

    def commit(cancel: threading.Event) -> bool:
        with vault._read():  # the session held, as through a commit
            holding.set()
            return cancel.wait(10)

    outcome: list[bool] = []
    run_task("commit", commit, outcome.append)
    assert holding.wait(5)
    started = time.monotonic()
    window.lock()
    assert time.monotonic() - started < 5
    assert vault.is_locked and window.stack.currentIndex() == window.LOCKED
    qtbot.waitUntil(lambda: outcome == [True])
    window.close()


def test_a_cited_document_is_read_on_a_worker(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening a citation read the whole document on the GUI thread, behind any commit an
    import was making. A later click, or the lock, drops what an earlier one still reads."""
    from medlocal.rag.passages import SourceRef

    vault = workspace.require_vault()
    document = vault.list_documents(patient_with_note)[0]
    chunk = vault.document_chunks(document.id)[0]
    window = open_window(qtbot, workspace)
    sources = window.sources

    def source(number: int) -> SourceRef:
        return SourceRef(
            number, chunk.id, document.id, document.file_name, None, chunk.start, chunk.end, ""
        )

    release, threads = _hold(monkeypatch, "document_text")
    sources.show_source(source(1))
    qtbot.waitUntil(lambda: len(threads) == 1)
    assert threads[0] is not threading.main_thread()
    assert "opening" in sources.header.text() and sources.current is None
    sources.show_source(source(2))  # a second click before the first read ended
    qtbot.waitUntil(lambda: len(threads) == 2)
    release.set()
    qtbot.waitUntil(lambda: sources.current == source(2))
    assert "metformin" in sources.highlighted_text().lower()
    qtbot.wait(50)
    assert sources.current == source(2)  # the first read, ended too, did not replace it

    release.clear()
    sources.show_source(source(3))
    qtbot.waitUntil(lambda: len(threads) == 3)
    window.lock()
    release.set()
    qtbot.wait(100)
    assert sources.current is None and "metformin" not in window.visible_text().lower()
