"""review63u: the document filter box (ui63) probed for data loss: a mouse shift-click range
across hidden rows, a document imported while the box hides it, a selection made by the
selection model itself, Export's one document, and another patient chosen with a word typed.
Each time Delete and Export act only on the rows the clinician sees selected, and the question
names exactly those."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.document_filter_window import (
    NAMES,
    WAIT_MS,
    filter_window,
    shown_names,
    write_document,
)
from fixtures.message_boxes import act_on_questions
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QListWidgetItem
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.document_filter import chosen_documents
from medlocal.ui.main_window import MainWindow


def _names(items: list[QListWidgetItem]) -> list[str]:
    """The rows' file names, in the list's order (selectedItems gives the order of choosing)."""
    return sorted(item.text().split("  (")[0] for item in items)


@pytest.fixture
def asking(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[str], Workspace, MainWindow, int]:
    """Every question answered by its button that acts (Delete), and noted; the window with
    the five documents."""
    asked = act_on_questions(monkeypatch, act=True)
    return (asked, *filter_window(qtbot, tmp_path))


def _delete(qtbot: QtBot, window: MainWindow, asked: list[str]) -> None:
    panel = window.patients
    panel.delete_button.setFocus()
    qtbot.keyClick(panel.delete_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not panel.busy, timeout=WAIT_MS)


def test_a_shift_click_range_over_hidden_rows_deletes_only_the_rows_shown(
    qtbot: QtBot, asking: tuple[list[str], Workspace, MainWindow, int]
) -> None:
    asked, workspace, window, patient = asking
    panel, documents = window.patients, window.patients.documents
    qtbot.keyClicks(panel.document_filter, "txt")  # the .md and the .csv (rows 2, 3) hidden
    assert shown_names(window) == [NAMES[0], NAMES[1], NAMES[4]]
    viewport = documents.viewport()
    qtbot.mouseClick(
        viewport,
        Qt.MouseButton.LeftButton,
        pos=documents.visualItemRect(documents.item(1)).center(),
    )
    qtbot.mouseClick(
        viewport,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ShiftModifier,
        documents.visualItemRect(documents.item(4)).center(),
    )
    assert _names(chosen_documents(documents)) == [NAMES[1], NAMES[4]]
    assert all(not item.isHidden() for item in documents.selectedItems())
    _delete(qtbot, window, asked)
    assert NAMES[1] in asked[0] and NAMES[4] in asked[0]
    assert not any(name in asked[0] for name in (NAMES[0], NAMES[2], NAMES[3]))
    vault = workspace.require_vault()
    assert {d.file_name for d in vault.list_documents(patient)} == {NAMES[0], NAMES[2], NAMES[3]}
    window.close()


def test_a_document_imported_while_the_box_hides_it_is_not_deleted_by_ctrl_a(
    qtbot: QtBot, tmp_path: Path, asking: tuple[list[str], Workspace, MainWindow, int]
) -> None:
    asked, workspace, window, patient = asking
    folder = tmp_path / "docs"
    panel, documents = window.patients, window.patients.documents
    qtbot.keyClicks(panel.document_filter, "echo")
    documents.setFocus()
    qtbot.keyClick(documents, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert _names(chosen_documents(documents)) == [NAMES[2]]
    # A file arrives (an import under way): the list is read again on a worker.
    workspace.import_documents([write_document(folder, "2024-04-01_new_letter.txt", 9)], patient)
    panel.document_refresh.refresh_in_background()
    qtbot.waitUntil(lambda: documents.count() == len(NAMES) + 1, timeout=WAIT_MS)
    assert shown_names(window) == [NAMES[2]]
    assert panel.document_filter.count.text().startswith("1 of 6 documents shown")
    documents.setFocus()
    qtbot.keyClick(documents, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert _names(chosen_documents(documents)) == [NAMES[2]]
    _delete(qtbot, window, asked)
    assert NAMES[2] in asked[0] and "new_letter" not in asked[0]
    vault = workspace.require_vault()
    assert len(vault.list_documents(patient)) == len(NAMES)
    window.close()


def test_a_hidden_row_selected_through_the_selection_model_is_dropped_and_export_takes_the_shown(
    qtbot: QtBot, tmp_path: Path
) -> None:
    _workspace, window, _patient = filter_window(qtbot, tmp_path)
    panel, documents = window.patients, window.patients.documents
    qtbot.keyClicks(panel.document_filter, "referral")
    documents.item(4).setSelected(True)
    model = documents.selectionModel()
    model.select(documents.model().index(0, 0), QItemSelectionModel.SelectionFlag.Select)
    assert _names(documents.selectedItems()) == [NAMES[4]]
    assert panel.export_copy_button.isEnabled()
    wanted: list[int] = []
    panel.exportDocumentRequested.disconnect()  # not the window's dialog: what it is asked for
    panel.exportDocumentRequested.connect(wanted.append)
    panel.export_copy_button.click()
    assert wanted == [int(documents.item(4).data(Qt.ItemDataRole.UserRole))]
    window.close()


def test_another_patient_chosen_with_a_word_typed_shows_and_deletes_only_what_is_seen(
    qtbot: QtBot, tmp_path: Path, asking: tuple[list[str], Workspace, MainWindow, int]
) -> None:
    asked, workspace, window, patient = asking
    folder = tmp_path / "docs"
    panel, documents = window.patients, window.patients.documents
    vault = workspace.require_vault()
    other = vault.add_patient("Desmond Okafor")
    workspace.import_documents(
        [write_document(folder, "okafor_echo.txt", 7), write_document(folder, "okafor_gp.txt", 8)],
        other,
    )
    panel.reload(select=patient)
    qtbot.keyClicks(panel.document_filter, "echo")
    row = next(
        r for r in range(panel.patients.count()) if "Okafor" in panel.patients.item(r).text()
    )
    panel.patients.setCurrentRow(row)
    qtbot.waitUntil(lambda: documents.count() == 2, timeout=WAIT_MS)
    assert panel.document_filter.text() == "" and shown_names(window) == [
        "okafor_echo.txt",
        "okafor_gp.txt",
    ]
    documents.item(0).setSelected(True)
    _delete(qtbot, window, asked)
    assert "okafor_echo.txt" in asked[0] and "okafor_gp" not in asked[0]
    assert [d.file_name for d in vault.list_documents(other)] == ["okafor_gp.txt"]
    assert len(vault.list_documents(patient)) == len(NAMES)
    window.close()
