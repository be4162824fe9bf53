"""Fix 52b (Qt offscreen, a real SQLCipher vault): a worker's result or error that arrives after
the widget that started it was deleted (the window closed and deleted, the first-run wizard
closed during a model import, a test's teardown) is dropped, not delivered to a deleted widget
where it raised "Internal C++ object already deleted" in a slot. Each test holds the task until
its owner is deleted: pytest-qt fails the test if the late end still reached the widget.

The main window also takes its lock, backup and restore listeners off the workspace when it goes:
a lock after it was deleted logged "lock listener failed: Signal source has been deleted"."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from fixtures.gui_window import PASS
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.rag.passages import SourceRef
from medlocal.ui.workers import Job, active_jobs

WAIT_MS = 120_000
HELD_S = 30.0  # the longest a held call waits if a test never lets it go


class HeldFailure:
    """A call held until ``release`` is set (a slow disk, a slow key derivation), then failing
    (the failure's callback is the one that touches the most widgets), or giving ``returns``."""

    def __init__(self, *, returns: Any = None) -> None:
        self.release, self.calls, self.returns = threading.Event(), 0, returns

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        self.release.wait(HELD_S)
        if self.returns is not None:  # where the failure's callback touches nothing
            return self.returns
        raise OSError("held and failed")


def _jobs(name: str) -> list[Job]:
    jobs = [job for job in active_jobs() if job.name == name]
    assert jobs, f"no running job named {name!r}"
    return jobs


def _delete_then_release(qtbot: QtBot, owner: QWidget, held: HeldFailure, name: str) -> None:
    """``owner`` deleted while the task ``name`` is held, then the task let go: its end finds
    no widget."""
    try:
        qtbot.waitUntil(lambda: held.calls > 0, timeout=WAIT_MS)
        running = _jobs(name)
        shiboken6.delete(owner)
    finally:
        held.release.set()
    qtbot.waitUntil(lambda: not any(job.running for job in running), timeout=WAIT_MS)
    qtbot.wait(300)  # its end, queued to the GUI thread, is handled (or raises) here


def test_a_page_rendered_for_a_deleted_sources_panel_is_dropped(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medlocal.ui.sources_panel import SourcesPanel

    vault = gui_workspace.require_vault()
    held = HeldFailure()
    monkeypatch.setattr(vault, "document_bytes", held)
    panel = SourcesPanel(gui_workspace)  # not qtbot's: the test deletes it itself
    source = SourceRef(1, 1, 1, "scan.pdf", 1, 0, 4, "text")
    panel._render_pdf_page(source, "text of the page")
    _delete_then_release(qtbot, panel, held, "render page")


def test_an_import_that_outlives_its_host_is_dropped(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from medlocal.ui.import_section import ImportSection

    patient = gui_workspace.require_vault().add_patient("Jane Roe")
    note = tmp_path / "note.txt"
    note.write_text("Metformin 500 mg twice daily.", encoding="utf-8")
    held = HeldFailure()
    monkeypatch.setattr(gui_workspace, "import_documents", held)
    host = QWidget()  # the patients panel, deleted with its window
    section = ImportSection(gui_workspace, host, lambda: (patient, "Jane Roe"), lambda: True)
    section.add_to(QVBoxLayout(host))
    job = section.import_paths([note])
    assert job is not None
    _delete_then_release(qtbot, host, held, "import")
    assert job.cancel_event.is_set()  # stopped with its window, not left to run for nobody


def test_an_unlock_that_outlives_the_lock_screen_is_dropped(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medlocal.ui.lock_screen import LockScreen

    gui_workspace.lock()
    held = HeldFailure()
    monkeypatch.setattr(gui_workspace, "unlock", held)
    screen = LockScreen(gui_workspace)  # not qtbot's: deleted with its window
    screen.secret.setText(PASS)
    screen.submit()
    _delete_then_release(qtbot, screen, held, "unlock")


def test_a_model_import_that_outlives_the_first_run_wizard_is_dropped(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Esc on the model page during a model import closed the wizard; the wizard went with
    first_run's frame, and the import's end then wrote to its deleted page."""
    from medlocal.ui.first_run import FirstRunWizard

    held = HeldFailure()
    monkeypatch.setattr("medlocal.models.importer.import_gguf", held)
    wizard = FirstRunWizard(gui_workspace)  # not qtbot's: the test deletes it itself
    wizard.model_page._import(tmp_path / "model.gguf")
    _delete_then_release(qtbot, wizard, held, "import model")


def test_a_lock_after_the_window_was_deleted_tells_no_deleted_listener(
    qtbot: QtBot, gui_workspace: Workspace, caplog: pytest.LogCaptureFixture
) -> None:
    from medlocal.ui.main_window import MainWindow

    news = (gui_workspace._backup_listeners, gui_workspace._restore_listeners)
    before = [len(listeners) for listeners in news]
    window = MainWindow(gui_workspace)  # not qtbot's: the test deletes it itself
    window.start()
    assert [len(listeners) for listeners in news] == [n + 1 for n in before]
    window.close()  # locks and unlocks nothing more: the workspace lives on
    shiboken6.delete(window)
    assert [len(listeners) for listeners in news] == before  # the backup's and restore's too
    gui_workspace.unlock(PASS)
    with caplog.at_level(logging.INFO):
        gui_workspace.lock()
    assert not [r for r in caplog.records if "listener failed" in r.getMessage()]


def test_a_window_deleted_unclosed_leaves_no_process_wide_listener(
    qtbot: QtBot, gui_workspace: Workspace
) -> None:
    """The status bar's network-refusal and internal-error listeners are process-wide: a window
    deleted without being closed left them there, told after their relays were deleted."""
    from medlocal import crash
    from medlocal.privacy import netguard
    from medlocal.ui.main_window import MainWindow

    lists = (netguard._state.listeners, crash._error_listeners)
    before = [len(listeners) for listeners in lists]
    window = MainWindow(gui_workspace)
    assert [len(listeners) for listeners in lists] == [n + 1 for n in before]
    shiboken6.delete(window)
    assert [len(listeners) for listeners in lists] == before


def test_each_window_keeps_its_own_listeners(qtbot: QtBot, gui_workspace: Workspace) -> None:
    """Deleting one window takes only its own listeners off: the other still hears a lock."""
    from medlocal.ui.main_window import MainWindow

    first, second = MainWindow(gui_workspace), MainWindow(gui_workspace)
    qtbot.addWidget(second)
    second.start()
    shiboken6.delete(first)
    with qtbot.waitSignal(second._relay.locked, timeout=WAIT_MS):
        gui_workspace.lock()
    qtbot.waitUntil(lambda: second.stack.currentIndex() == second.LOCKED, timeout=WAIT_MS)


# -- guards: places found safe (their ends already check the widget); these pass on main too --


def _panel_with_patient(gui_workspace: Workspace) -> Any:
    from medlocal.ui.patients_panel import PatientsPanel

    gui_workspace.require_vault().add_patient("Jane Roe")
    panel = PatientsPanel(gui_workspace)  # not qtbot's: the test deletes it itself
    panel.reload()
    panel.patients.setCurrentRow(0)
    assert panel.patient_id is not None
    return panel


def test_a_patient_removal_question_read_for_a_deleted_panel_is_dropped(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = HeldFailure()
    monkeypatch.setattr("medlocal.ui.patient_deletions.removal_traces", held)
    panel = _panel_with_patient(gui_workspace)
    panel.remove_patient()
    _delete_then_release(qtbot, panel, held, "what keeps a patient's records")


def test_a_deletion_that_outlives_its_panel_is_dropped(
    qtbot: QtBot, gui_workspace: Workspace
) -> None:
    held = HeldFailure()
    panel = _panel_with_patient(gui_workspace)
    panel._start_delete("remove patient", held, "Patient not removed", patients=True)
    _delete_then_release(qtbot, panel, held, "remove patient")


def test_a_document_list_read_for_a_deleted_panel_is_dropped(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = HeldFailure(returns=[])  # its failure is ignored; its list is shown
    panel = _panel_with_patient(gui_workspace)
    monkeypatch.setattr(gui_workspace.require_vault(), "list_documents", held)
    panel.document_refresh.refresh_in_background()
    _delete_then_release(qtbot, panel, held, "document list")


def test_a_vault_created_for_a_deleted_wizard_is_dropped(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medlocal.ui.first_run import FirstRunWizard

    held = HeldFailure()
    monkeypatch.setattr(gui_workspace, "create_vault", held)
    wizard = FirstRunWizard(gui_workspace)  # not qtbot's: the test deletes it itself
    page = wizard.passphrase_page
    page.secret.setText(PASS)
    page.confirm.setText(PASS)
    assert not page.validatePage()
    _delete_then_release(qtbot, wizard, held, "create vault")


def test_a_vault_remembered_for_a_deleted_wizard_is_dropped(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medlocal.ui.first_run import FirstRunWizard

    held = HeldFailure()
    monkeypatch.setattr(gui_workspace.require_vault(), "remember", held)
    wizard = FirstRunWizard(gui_workspace)
    page = wizard.recovery_page
    page.stored.setChecked(True)
    page.remember.setChecked(True)
    assert not page.validatePage()
    _delete_then_release(qtbot, wizard, held, "remember vault")


def _progress_relay() -> tuple[Any, Callable[[Any], None]]:
    from medlocal.progress import Progress
    from medlocal.ui.workers import ProgressRelay

    relay = ProgressRelay()
    return relay, lambda gone: gone(Progress("extract", 1, 2))


def _file_relay() -> tuple[Any, Callable[[Any], None]]:
    from medlocal.ingest.import_report import ProgressEvent
    from medlocal.ui.import_section import _FileEventRelay

    relay = _FileEventRelay()
    return relay, lambda gone: gone(ProgressEvent(1, 1, "note.txt", "done", "imported"))


def _lock_screen(workspace: Workspace) -> tuple[Any, Callable[[Any], None]]:
    from medlocal.ui.lock_screen import LockScreen

    screen = LockScreen(workspace)
    return screen, lambda gone: gone._say_waiting()  # the vault busy with another process


@pytest.mark.parametrize("made", ["progress", "file", "lock screen"])
def test_news_told_from_a_worker_to_a_deleted_widget_is_dropped(
    qtbot: QtBot, gui_workspace: Workspace, made: str
) -> None:
    """A task's news (progress, a file done, "the vault is busy"), told from its worker after
    the widget showing it was deleted: the emit raised "Signal source has been deleted" inside
    the task (an import's file failed with it; an unlock failed)."""
    makers: dict[str, Callable[[], tuple[Any, Callable[[Any], None]]]] = {
        "progress": _progress_relay,
        "file": _file_relay,
        "lock screen": lambda: _lock_screen(gui_workspace),
    }
    owner, tell = makers[made]()
    shiboken6.delete(owner)
    raised: list[BaseException] = []

    def told() -> None:
        try:
            tell(owner)
        except BaseException as exc:
            raised.append(exc)

    worker = threading.Thread(target=told)
    worker.start()
    worker.join(HELD_S)
    assert raised == []


def test_an_import_still_running_after_its_window_went_fails_no_file(
    qtbot: QtBot,
    gui_workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """An import in a step that hears the cancel late goes on after its window was deleted:
    each file's progress then raised in the task, and the file failed "with an unexpected
    RuntimeError" (logged as an error). Its files are imported or not, as any cancel leaves
    them; none fails for the window's going."""
    from medlocal.ui.import_section import ImportSection

    patient = gui_workspace.require_vault().add_patient("Jane Roe")
    notes = []
    for number in range(2):
        note = tmp_path / f"note{number}.txt"
        note.write_text(f"Metformin {number + 1}00 mg twice daily.", encoding="utf-8")
        notes.append(note)
    release, started, real = threading.Event(), threading.Event(), gui_workspace.import_documents

    def late(paths: Any, patient_id: int, **kwargs: Any) -> Any:
        started.set()
        release.wait(HELD_S)
        kwargs["cancel"] = threading.Event()  # the cancel not heard: the files go on
        return real(paths, patient_id, **kwargs)

    monkeypatch.setattr(gui_workspace, "import_documents", late)
    host = QWidget()
    section = ImportSection(gui_workspace, host, lambda: (patient, "Jane Roe"), lambda: True)
    section.add_to(QVBoxLayout(host))
    job = section.import_paths(notes)
    assert job is not None
    qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
    with caplog.at_level(logging.INFO):
        shiboken6.delete(host)
        release.set()
        qtbot.waitUntil(lambda: not job.running, timeout=WAIT_MS)
        qtbot.wait(300)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(gui_workspace.require_vault().list_documents(patient)) == len(notes)
