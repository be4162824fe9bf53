"""'Export redacted copy…' of an imported document: the patients panel asks for it with the one
selected document, the window opens the outputs' export dialog for it with redaction on, the
file lacks the patient's name, and an unredacted copy needs a yes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.gui_window import open_window
from fixtures.message_boxes import act_on_questions
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs.export_dialog import DocumentExportDialog
from medlocal.ui.dialogs.redaction_preview import PREVIEW_COLUMNS

# The redacted preview loads the redactor in a worker (a few seconds quiet; over 20 s seen at
# load 8 on two cores in session 36): a generous wait costs nothing when it passes.
WAIT_MS = 120_000


def _document(workspace: Workspace, patient: int) -> int:
    return workspace.require_vault().list_documents(patient)[0].id


_PARENTS: list[QWidget] = []  # a parent collected by Python would take its dialog with it


@pytest.fixture(autouse=True)
def _forget_parents() -> Iterator[None]:
    yield
    _PARENTS.clear()


def _dialog(qtbot: QtBot, workspace: Workspace, document_id: int) -> DocumentExportDialog:
    parent = QWidget()
    qtbot.addWidget(parent)
    _PARENTS.append(parent)
    dialog = DocumentExportDialog(workspace, document_id, parent=parent)  # as the window does
    assert dialog.parent() is parent
    qtbot.waitUntil(lambda: dialog.planned is not None, timeout=WAIT_MS)
    return dialog


def _answering(monkeypatch: pytest.MonkeyPatch, agree: bool) -> list[str]:
    """Every question answered by its button that acts (``agree``) or Cancel; the list fills
    with the questions' texts."""
    return act_on_questions(monkeypatch, agree)


def _texts(dialog: DocumentExportDialog) -> list[str]:
    column = PREVIEW_COLUMNS.index("Text")
    return [dialog.preview.item(r, column).text() for r in range(dialog.preview.rowCount())]


def test_redacted_copy_is_previewed_first_and_lacks_the_name(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int, tmp_path: Path
) -> None:
    document_id = _document(workspace, patient_with_note)
    dialog = _dialog(qtbot, workspace, document_id)
    assert dialog.redact.isChecked() and dialog.windowTitle() == "Export redacted copy"
    assert "Jane Roe" in _texts(dialog)
    out = tmp_path / "copy.docx"
    dialog.path_edit.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS):
        dialog.export_button.click()
    import docx

    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Jane Roe" not in text and "metformin 500 mg" in text
    assert "identifier(s) removed" in dialog.message.text()
    event = [e for e in workspace.require_vault().audit_entries() if e.event == "export"][-1]
    assert event.details["document_id"] == document_id and event.details["redacted"] is True


@pytest.mark.parametrize("answer", [False, True])
def test_an_unredacted_copy_needs_a_yes(
    qtbot: QtBot,
    workspace: Workspace,
    patient_with_note: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer: bool,
) -> None:
    asked = _answering(monkeypatch, answer)
    dialog = _dialog(qtbot, workspace, _document(workspace, patient_with_note))
    out = tmp_path / "copy.md"
    dialog.path_edit.setText(str(out))
    dialog.redact.setChecked(False)
    if not answer:
        assert dialog.export() is None
        assert not out.exists() and asked
        return
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS):
        dialog.export_button.click()
    assert "Jane Roe" in out.read_text(encoding="utf-8") and len(asked) == 1


def test_the_panel_asks_the_window_to_export_the_selected_document(
    qtbot: QtBot,
    workspace: Workspace,
    patient_with_note: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[int] = []
    monkeypatch.setattr(
        DocumentExportDialog, "exec", lambda self: opened.append(self.shared.id) or 0
    )
    window = open_window(qtbot, workspace)
    panel = window.patients
    qtbot.waitUntil(lambda: panel.documents.count() == 1, timeout=WAIT_MS)
    assert not panel.export_copy_button.isEnabled()  # nothing selected yet
    panel.documents.setCurrentRow(0)
    assert panel.export_copy_button.isEnabled()
    panel.export_copy_button.click()
    assert opened == [_document(workspace, patient_with_note)]
    assert panel.export_copy_button.accessibleName()


@pytest.mark.parametrize("answer", [False, True])
def test_a_typed_path_to_an_existing_file_asks_before_replacing_it(
    qtbot: QtBot,
    workspace: Workspace,
    patient_with_note: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer: bool,
) -> None:
    # Walk 21: the original letter, typed as the export's path, was replaced without a word.
    asked = _answering(monkeypatch, answer)
    original = tmp_path / "original_letter.md"
    original.write_text("the clinician's own letter", encoding="utf-8")
    dialog = _dialog(qtbot, workspace, _document(workspace, patient_with_note))
    dialog.path_edit.setText(str(original))
    if not answer:
        assert dialog.export() is None
        assert original.read_text(encoding="utf-8") == "the clinician's own letter"
        assert asked and "already exists" in asked[0]
        assert "Not exported" in dialog.message.text()
        return
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS):
        dialog.export_button.click()
    assert "Jane Roe" not in original.read_text(encoding="utf-8") and len(asked) == 1


def test_a_folder_is_no_file_to_export_to(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, workspace, _document(workspace, patient_with_note))
    dialog.path_edit.setText(str(tmp_path))
    assert dialog.export() is None
    assert "is a folder" in dialog.message.text()
