"""The box that narrows a patient's document list (ui63): a clinician with many documents finds
one by name, type or date as they type, by keyboard, Escape clearing it; and nothing the box
hides is deleted or exported (Ctrl+A selects hidden rows too in Qt)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.document_filter_window import NAMES, WAIT_MS, filter_window, shown_names
from fixtures.message_boxes import act_on_questions
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from medlocal.ui.document_filter import chosen_documents, document_matches
from medlocal.ui.main_window import MainWindow
from medlocal.vault.store import Vault


def test_words_in_any_order_case_and_accents_ignored() -> None:
    row = "2024-03-13_Échographie.pdf pdf 2026-12-07"
    assert document_matches("echo 2024-03", row)
    assert document_matches("PDF ÉCHO", row)
    assert document_matches("", row)
    assert not document_matches("echo docx", row)


def test_typing_narrows_the_list_by_name_type_and_date_and_escape_clears_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    _workspace, window, _patient = filter_window(qtbot, tmp_path)
    panel = window.patients
    box = panel.document_filter
    # Reached by keyboard: Tab from the patient list's buttons arrives in the box, and the
    # next Tab goes on to the documents.
    panel.remove_button.setFocus()
    for _ in range(4):
        focused = QApplication.focusWidget()
        assert focused is not None
        if focused is box:
            break
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is box
    qtbot.keyClicks(box, "2024-03")
    assert shown_names(window) == [NAMES[1], NAMES[2]]
    assert box.count.isVisible() and box.count.text().startswith("2 of 5 documents shown")
    box.clear()
    qtbot.keyClicks(box, "csv")  # the type
    assert shown_names(window) == [NAMES[3]]
    box.clear()
    qtbot.keyClicks(box, "summary DISCHARGE")  # words in any order, any case
    assert shown_names(window) == [NAMES[1]]
    box.clear()
    qtbot.keyClicks(box, "xray")
    assert shown_names(window) == []
    assert "No document of the 5 matches “xray”" in box.count.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == "" and shown_names(window) == list(NAMES)
    assert not box.count.isVisible()
    assert window.isVisible() and QApplication.focusWidget() is box
    qtbot.keyClicks(box, "echo")
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.documents
    # Arriving by Tab chooses the current row only where it is shown.
    assert [i.text().split("  (")[0] for i in chosen_documents(panel.documents)] in ([], [NAMES[2]])
    window.close()


@pytest.fixture
def asking(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Vault, MainWindow, int, list[str]]:
    """The window with the five documents; every question answered by its button that acts
    (Delete), and noted."""
    workspace, window, patient = filter_window(qtbot, tmp_path)
    return workspace.require_vault(), window, patient, act_on_questions(monkeypatch, act=True)


def test_ctrl_a_with_a_filter_on_then_delete_deletes_only_the_documents_shown(
    qtbot: QtBot, asking: tuple[Vault, MainWindow, int, list[str]]
) -> None:
    vault, window, patient, asked = asking
    panel = window.patients
    qtbot.keyClicks(panel.document_filter, "2024-03")
    panel.documents.setFocus()
    qtbot.keyClick(panel.documents, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    # Qt selected every row of the model; the hidden ones were unselected at once.
    assert all(not item.isHidden() for item in panel.documents.selectedItems())
    assert len(chosen_documents(panel.documents)) == 2
    panel.delete_button.setFocus()
    qtbot.keyClick(panel.delete_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(vault.list_documents(patient)) == 3, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not panel.busy, timeout=WAIT_MS)
    assert NAMES[1] in asked[0] and NAMES[2] in asked[0]
    for hidden in (NAMES[0], NAMES[3], NAMES[4]):
        assert hidden not in asked[0]
    assert {doc.file_name for doc in vault.list_documents(patient)} == {
        NAMES[0],
        NAMES[3],
        NAMES[4],
    }
    # The box still narrows the list read again: nothing matches now.
    assert panel.document_filter.text() == "2024-03" and shown_names(window) == []
    window.close()


def test_a_selection_the_filter_then_hides_is_not_deleted_nor_exported(
    qtbot: QtBot, asking: tuple[Vault, MainWindow, int, list[str]]
) -> None:
    vault, window, patient, asked = asking
    panel = window.patients
    panel.documents.item(3).setSelected(True)  # bloods_march.csv chosen first
    assert panel.export_copy_button.isEnabled()
    qtbot.keyClicks(panel.document_filter, "referral")  # then the box hides it
    assert panel.documents.selectedItems() == []
    assert not panel.export_copy_button.isEnabled()
    panel.delete_button.setFocus()
    qtbot.keyClick(panel.delete_button, Qt.Key.Key_Space)
    qtbot.wait(200)
    assert asked == [] and len(vault.list_documents(patient)) == len(NAMES)
    assert panel.notice.isVisible()  # says to choose a document first
    # Shift+End from the one row shown selects no hidden row either.
    panel.documents.setFocus()
    panel.documents.setCurrentRow(4)
    qtbot.keyClick(panel.documents, Qt.Key.Key_Home, Qt.KeyboardModifier.ShiftModifier)
    assert [i.text().split("  (")[0] for i in panel.documents.selectedItems()] == [NAMES[4]]
    window.close()


def test_another_patient_and_the_lock_clear_the_box(qtbot: QtBot, tmp_path: Path) -> None:
    workspace, window, _patient = filter_window(qtbot, tmp_path)
    panel = window.patients
    workspace.require_vault().add_patient("Desmond Okafor")
    panel.reload(select=panel.patient_id)
    qtbot.keyClicks(panel.document_filter, "echo")
    assert shown_names(window) == [NAMES[2]]
    panel.reload(select=panel.patient_id)  # the same patient read again: the box stays
    assert panel.document_filter.text() == "echo" and shown_names(window) == [NAMES[2]]
    other = next(
        row for row in range(panel.patients.count()) if "Okafor" in panel.patients.item(row).text()
    )
    panel.patients.setCurrentRow(other)
    assert panel.document_filter.text() == ""
    panel.patients.setCurrentRow(1 - other)
    assert shown_names(window) == list(NAMES)
    qtbot.keyClicks(panel.document_filter, "echo")
    panel.clear()  # the lock
    assert panel.document_filter.text() == "" and not panel.document_filter.count.isVisible()
    window.close()
