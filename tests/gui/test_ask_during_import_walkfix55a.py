"""Walk 55a M3: a question asked while the patient's first import still ran was answered "This
patient has no documents yet. Import them on the left …", and the line stayed after the import
had ended, beside a list that showed the document."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.gui_window import window_with_patient
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.chat_texts import IMPORT_RUNNING_HINT, NO_DOCUMENTS_HINT
from medlocal.ui.import_section import ImportSection


def test_a_question_during_the_import_is_told_the_import_runs_and_the_line_goes_after(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = window_with_patient(qtbot, gui_workspace, "Import Patient")
    chat = window.chat
    patient = window.patients.patient_id
    assert patient is not None
    # The import's job is running (held there: a real one may end before the question).
    monkeypatch.setattr(ImportSection, "running", property(lambda _self: True))
    chat.question.setPlainText("What does she take?")
    chat.send()
    assert chat.status_line == IMPORT_RUNNING_HINT
    assert chat.question.toPlainText() == "What does she take?"  # kept for afterwards
    # The import ends with a document: the line is no longer true.
    monkeypatch.undo()
    note = tmp_path / "note.txt"
    note.write_text("Patient on metformin 500 mg twice daily.", "utf-8")
    gui_workspace.import_documents([note], patient)
    window.patients.documentsChanged.emit()
    assert chat.status_line == ""


def test_no_import_running_still_says_there_are_no_documents(
    qtbot: QtBot, gui_workspace: Workspace
) -> None:
    window = window_with_patient(qtbot, gui_workspace, "Empty Patient")
    window.chat.question.setPlainText("Anything?")
    window.chat.send()
    assert window.chat.status_line == NO_DOCUMENTS_HINT
