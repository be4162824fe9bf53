"""The window lists saved answers and summaries and deletes them after a confirmation; deleting
documents offers to delete the saved outputs quoting them too."""

from __future__ import annotations

import time
from typing import Any

import pytest
from fixtures.message_boxes import answer_boxes
from PySide6.QtCore import QItemSelectionModel, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui import patient_deletions
from medlocal.ui.dialogs import patient_dialogs
from medlocal.ui.dialogs.outputs_dialog import OutputsDialog
from medlocal.ui.main_window import MainWindow
from medlocal.ui.message_dialog import QuestionDialog
from medlocal.vault.store import Vault


def _answer(vault: Vault, patient: int, title: str, document_id: int = 0) -> int:
    provenance = {"passages": [{"document_id": document_id}]}
    return vault.save_output(patient, "answer", title, f"Answer to {title}", provenance, [])


def _select(dialog: OutputsDialog, *rows: int) -> None:
    dialog.table.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        dialog.table.selectionModel().select(dialog.table.model().index(row, 0), flags)


def test_the_dialog_deletes_selected_outputs_after_a_confirmation(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = workspace.require_vault()
    patient, other = vault.add_patient("P"), vault.add_patient("Q")
    first, second, third = (_answer(vault, patient, f"Question {n}") for n in range(3))
    elsewhere = _answer(vault, other, "Someone else's")
    dialog = OutputsDialog(workspace, patient)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 3
    assert dialog.table.item(0, 4).text() == "Question 2"  # newest first
    assert dialog.table.item(0, 2).text() == "P"
    assert not dialog.delete_button.isEnabled() and not dialog.export_button.isEnabled()

    _select(dialog, 0, 2)
    assert dialog.selected_ids() == [third, first]
    assert dialog.delete_button.isEnabled() and not dialog.export_button.isEnabled()
    asked = answer_boxes(monkeypatch, False)
    dialog.delete_selected()
    assert "Question 2; Question 0" in asked[0] and "cannot be undone" in asked[0]
    assert len(vault.list_outputs(patient)) == 3

    answer_boxes(monkeypatch, True)
    dialog.delete_selected()
    assert [o.id for o in vault.list_outputs()] == [second, elsewhere]
    assert dialog.table.rowCount() == 1 and "Deleted 2" in dialog.message.text()
    assert [e.event for e in vault.audit_entries()][-2:] == ["output_delete"] * 2

    _select(dialog, 0)
    exported: list[int] = []
    dialog.exportRequested.connect(exported.append)
    dialog.export_button.click()
    assert exported == [second]


def test_the_window_opens_the_chosen_patients_outputs(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = workspace.require_vault()
    patient = vault.add_patient("Ann")
    _answer(vault, patient, "Her question")
    _answer(vault, vault.add_patient("Bob"), "His question")
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.start()
    assert window.menus.outputs_action.isEnabled()
    window.patients.patients.setCurrentRow(0)
    shown: list[list[str]] = []

    def exec_(dialog: OutputsDialog) -> int:
        shown.append([dialog.table.item(r, 4).text() for r in range(dialog.table.rowCount())])
        return 0

    monkeypatch.setattr(OutputsDialog, "exec", exec_)
    window.menus.outputs_action.trigger()
    assert shown == [["Her question"]]
    window.lock()
    assert not window.menus.outputs_action.isEnabled()


def test_deleting_documents_can_take_the_outputs_quoting_them(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = workspace.require_vault()
    document = vault.list_documents(patient_with_note)[0].id
    quoting = _answer(vault, patient_with_note, "Metformin dose?", document)
    unrelated = _answer(vault, patient_with_note, "Other", document + 100)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.start()
    window.patients.patients.setCurrentRow(0)
    qtbot.waitUntil(lambda: window.patients.documents.count() == 1)
    window.patients.documents.setCurrentRow(0)
    asked: list[int] = []

    def ask(_parent: Any, _question: str, citing: int) -> str | None:
        asked.append(citing)
        return patient_dialogs.WITH_OUTPUTS

    monkeypatch.setattr(patient_deletions, "ask_delete_documents", ask)
    window.patients.delete_documents()
    qtbot.waitUntil(lambda: asked == [1])  # the quoting outputs are looked for on a worker
    qtbot.waitUntil(lambda: window.patients.delete_job is None)
    assert vault.list_documents(patient_with_note) == []
    assert window.patients.documents.count() == 0
    assert [o.id for o in vault.list_outputs()] == [unrelated] != [quoting]


@pytest.mark.parametrize(
    ("citing", "label", "expected"),
    [
        (2, "Delete with the 2 saved outputs", patient_dialogs.WITH_OUTPUTS),
        (2, "Delete, keep the outputs", patient_dialogs.DOCUMENTS_ONLY),
        (2, "Cancel", None),
    ],
)
def test_the_delete_question_offers_the_quoting_outputs(
    qtbot: QtBot, citing: int, label: str, expected: str | None
) -> None:
    texts: list[str] = []
    defaults: list[Any] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QuestionDialog)
        texts.append(box.text.text())
        defaults.extend(text for text, button in box.answers.items() if button.isDefault())
        box.choose(label)

    QTimer.singleShot(0, click)
    assert patient_dialogs.ask_delete_documents(None, "Delete x?", citing) == expected
    assert "2 saved answers or summaries" in texts[0]
    assert defaults == ["Cancel"]  # Enter deletes nothing


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="TZ can be changed at run time on POSIX")
def test_times_are_shown_on_the_local_clock_to_the_minute(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The table showed the stored UTC stamp ("2026-11-30T11:43:58+00:00"); the chat list cut
    the same stamp to 16 characters, an hour off in Berlin without saying so."""
    from medlocal.ui.render import local_time

    # A scoped patch: a bare undo() would also drop the autouse fixture's MEDLOCAL_HOME.
    try:
        with monkeypatch.context() as patch:
            patch.setenv("TZ", "Europe/Berlin")
            time.tzset()
            assert local_time("2026-11-30T11:43:58+00:00") == "2026-11-30 12:43"
            assert local_time("2026-07-01T11:43:58.123456+00:00") == "2026-07-01 13:43"
            assert local_time("2026-11-30T11:43:58") == "2026-11-30 12:43"  # naive: UTC
            assert local_time("not a time") == "not a time"
            vault = workspace.require_vault()
            patient = vault.add_patient("P")
            _answer(vault, patient, "Question")
            stored = vault.list_outputs(patient)[0].created_at
            dialog = OutputsDialog(workspace, patient)
            qtbot.addWidget(dialog)
            header = dialog.table.horizontalHeaderItem(1).text()
            assert header == "Saved" and dialog.table.item(0, 1).text() == local_time(stored)
            assert "T" not in dialog.table.item(0, 1).text()
    finally:
        time.tzset()  # the context has put TZ back; read it again


def test_deleting_an_email_names_and_deletes_its_attachments(
    qtbot: QtBot, workspace: Workspace, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review 48 R6: the window's question names the documents an e-mail's attachments became,
    and they go with it."""
    from email.message import EmailMessage

    from fixtures.ingest_files import make_pdf

    vault = workspace.require_vault()
    patient = vault.add_patient("Arthur Quornwaithe")
    message = EmailMessage()
    message["Subject"] = "Discharge"
    message.set_content("Dear colleague, the discharge summary is attached.")
    summary = make_pdf(["Discharge summary\nBisoprolol 2.5 mg daily."])
    message.add_attachment(summary, maintype="application", subtype="pdf", filename="discharge.pdf")
    email = tmp_path / "letter.eml"
    email.write_bytes(message.as_bytes())
    workspace.import_documents([email], patient)
    assert len(vault.list_documents(patient)) == 2
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.start()
    window.patients.patients.setCurrentRow(0)
    qtbot.waitUntil(lambda: window.patients.documents.count() == 2)
    row = next(
        r for r in range(2) if window.patients.documents.item(r).text().startswith("letter.eml ")
    )
    window.patients.documents.setCurrentRow(row)
    asked: list[str] = []

    def ask(_parent: Any, question: str, _citing: int) -> str | None:
        asked.append(question)
        return patient_dialogs.DOCUMENTS_ONLY

    monkeypatch.setattr(patient_deletions, "ask_delete_documents", ask)
    window.patients.delete_documents()
    qtbot.waitUntil(lambda: len(asked) == 1)
    assert "1 document came from its attachments and is deleted with it" in asked[0]
    assert "letter.eml › discharge.pdf" in asked[0]
    qtbot.waitUntil(lambda: window.patients.delete_job is None)
    assert vault.list_documents(patient) == []
    assert window.patients.documents.count() == 0
