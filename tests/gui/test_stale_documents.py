"""Walk 37: the CLI deleted a document the window still listed; the window asked "Delete
note_2.txt…?" and then said "Documents not deleted | No document with id 2.". It now says the
document was already deleted outside this window and reads the list again, for a delete, an
export of the selected document, and a deletion made while its question was open."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.gui_window import window_with_patient
from fixtures.message_boxes import act_on_questions, answer_questions
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.main_window import MainWindow
from medlocal.ui.message_dialog import MessageDialog, QuestionDialog

GONE = "note_2.txt was already deleted outside this window"


def _window_with_two_notes(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> tuple[MainWindow, dict[str, int]]:
    window = window_with_patient(qtbot, workspace, "Stale Patient")
    notes = []
    for n in (1, 2):
        note = tmp_path / f"note_{n}.txt"
        note.write_text(f"Note {n}: metformin 500 mg twice daily.")
        notes.append(note)
    workspace.import_documents(notes, window.patients.patient_id)
    window.patients.reload_documents()
    docs = workspace.require_vault().list_documents(window.patients.patient_id)
    return window, {d.file_name: d.id for d in docs}


def _select(window: MainWindow, name: str) -> None:
    listing = window.patients.documents
    for row in range(listing.count()):
        listing.item(row).setSelected(listing.item(row).text().startswith(name))


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def told(dialog: MessageDialog) -> int:
        shown.append(f"{dialog.windowTitle()} | {dialog.text.text()}")
        return 0

    monkeypatch.setattr(MessageDialog, "exec", told)
    return shown


def test_delete_of_a_document_deleted_elsewhere_says_so(
    qtbot: QtBot,
    gui_workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    boxes: list[str],
) -> None:
    window, ids = _window_with_two_notes(qtbot, gui_workspace, tmp_path)
    asked: list[str] = []
    act_on_questions(monkeypatch, False, asked)
    _select(window, "note_2.txt")
    gui_workspace.require_vault().delete_documents([ids["note_2.txt"]])  # the CLI, elsewhere
    window.patients.delete_documents()
    assert asked == [] and boxes == []  # no question about a document that is gone
    assert GONE in window.patients.notice.text()
    assert window.patients.documents.count() == 1
    window.close()


def test_a_deletion_while_the_question_was_open_says_so(
    qtbot: QtBot,
    gui_workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    boxes: list[str],
) -> None:
    window, ids = _window_with_two_notes(qtbot, gui_workspace, tmp_path)

    def question(dialog: QuestionDialog) -> str:  # the CLI deletes it while the window asks
        gui_workspace.require_vault().delete_documents([ids["note_2.txt"]])
        return next(iter(dialog.answers))

    answer_questions(monkeypatch, question)
    _select(window, "note_2.txt")
    window.patients.delete_documents()
    qtbot.waitUntil(lambda: GONE in window.patients.notice.text(), timeout=10_000)
    qtbot.waitUntil(lambda: not window.patients.busy)
    assert boxes == []  # not "Documents not deleted | No document with id 2."
    assert window.patients.documents.count() == 1
    window.close()


def test_export_of_a_document_deleted_elsewhere_says_so(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path, boxes: list[str]
) -> None:
    window, ids = _window_with_two_notes(qtbot, gui_workspace, tmp_path)
    requested: list[int] = []
    window.patients.exportDocumentRequested.disconnect()
    window.patients.exportDocumentRequested.connect(requested.append)
    _select(window, "note_2.txt")
    gui_workspace.require_vault().delete_documents([ids["note_2.txt"]])
    window.patients.export_selected_document()
    assert requested == [] and boxes == []
    assert GONE in window.patients.notice.text()
    window.close()
