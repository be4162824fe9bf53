"""The window deletes the open chat after a confirmation that says its saved answers stay, and the
view clears; an answer whose saved copy was deleted (outputs dialog, CLI) says so on Export
instead of failing; a chat deleted while the vault was locked is not reopened."""

from __future__ import annotations

import pytest
from fixtures.gui_window import open_window
from fixtures.message_boxes import answer_boxes
from PySide6.QtCore import QItemSelectionModel
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.ui.dialogs.export_dialog import ExportDialog
from medlocal.ui.dialogs.outputs_dialog import OutputsDialog
from medlocal.ui.main_window import MainWindow
from medlocal.vault.store import Vault


def _chat(vault: Vault, patient: int, question: str) -> tuple[int, int]:
    """A stored chat of one turn whose answer was saved, as a grounded chat leaves it."""
    chat = vault.create_chat(patient)
    answer = f"Answer to {question}"
    vault.add_chat_message(chat, "user", question)
    vault.add_chat_message(chat, "assistant", answer)
    provenance = {"chat_id": chat, "question": question}
    return chat, vault.save_output(patient, "answer", question, answer, provenance, [])


def _choose_chat(window: MainWindow, chat_id: int) -> None:
    """Pick a stored chat in the Chat list (a patient chosen opens a new chat)."""
    window.chat.chats.activated.emit(window.chat.chats.findData(chat_id))


def test_deleting_the_open_chat_asks_then_clears_the_view(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = workspace.require_vault()
    patient = vault.add_patient("Ann")
    older, _ = _chat(vault, patient, "Metformin dose?")
    newer, kept = _chat(vault, patient, "Lisinopril started when?")
    window = open_window(qtbot, workspace)
    chat = window.chat
    _choose_chat(window, newer)
    assert chat.chat_id == newer and "Lisinopril" in chat.visible_text()
    assert chat.delete_chat.isEnabled()

    asked = answer_boxes(monkeypatch, False)
    chat.delete_chat.click()
    assert (
        f"Delete chat {newer} (1 question and its answer)" in asked[0]
        and "cannot be undone" in asked[0]
    )
    assert "1 saved answer is kept" in asked[0]
    assert [c[0] for c in vault.list_chats()] == [older, newer]

    answer_boxes(monkeypatch, True)
    chat.delete_chat.click()
    assert [c[0] for c in vault.list_chats()] == [older]
    assert chat.chat_id is None and chat.turns == []
    assert "Lisinopril" not in chat.visible_text() and not chat.view.toPlainText()
    assert chat.chats.count() == 1 and not chat.delete_chat.isEnabled()
    assert [o.id for o in vault.list_outputs()][-1] == kept  # the saved answer stays
    assert [e.event for e in vault.audit_entries()][-1] == "chat_delete"

    chat.chats.activated.emit(0)  # the other chat still opens
    assert chat.chat_id == older and "Metformin" in chat.view.toPlainText()


def test_export_of_an_answer_whose_saved_copy_was_deleted_says_so(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = workspace.require_vault()
    patient = vault.add_patient("Ann")
    _chat(vault, patient, "Metformin dose?")
    chat, saved = _chat(vault, patient, "Lisinopril started when?")
    window = open_window(qtbot, workspace)
    _choose_chat(window, chat)
    exported: list[int] = []
    window.chat.exportRequested.connect(exported.append)
    monkeypatch.setattr(ExportDialog, "exec", lambda _self: 0)  # opened, never shown

    def delete_in_dialog(dialog: OutputsDialog) -> int:
        # newest first: the open chat's answer. Selected through the selection model, not
        # selectRow(), which reads the keyboard's modifiers: a Shift left held by an earlier
        # test's key click made it extend an empty selection instead.
        first = dialog.table.model().index(0, 0)
        flags = QItemSelectionModel.SelectionFlag
        dialog.table.selectionModel().select(first, flags.ClearAndSelect | flags.Rows)
        assert dialog.selected_ids() == [saved]
        dialog.delete_selected()
        return 0

    monkeypatch.setattr(OutputsDialog, "exec", delete_in_dialog)
    told = answer_boxes(monkeypatch, True)
    window.menus.outputs_action.trigger()
    assert saved not in [o.id for o in vault.list_outputs()]
    assert window.chat.turns[-1].output_id is None  # read again when the dialog closed
    assert "Lisinopril" in window.chat.view.toPlainText()  # the chat still shows it

    window.chat.export_button.click()
    assert exported == [] and "saved copy has been deleted" in told[-1]


def test_export_checks_the_saved_copy_still_exists(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Deleted elsewhere (the CLI) while the chat is open: Export says so, no raw error."""
    vault = workspace.require_vault()
    chat, saved = _chat(vault, vault.add_patient("Ann"), "Metformin dose?")
    window = open_window(qtbot, workspace)
    _choose_chat(window, chat)
    exported: list[int] = []
    window.chat.exportRequested.connect(exported.append)
    monkeypatch.setattr(ExportDialog, "exec", lambda _self: 0)  # opened, never shown
    told = answer_boxes(monkeypatch, True)
    window.chat.export_button.click()
    assert exported == [saved] and told == []
    vault.delete_outputs([saved])
    window.chat.export_button.click()
    assert exported == [saved] and "saved copy has been deleted" in told[0]
    assert window.chat.turns[-1].output_id is None


def test_a_chat_deleted_while_locked_is_not_reopened(qtbot: QtBot, workspace: Workspace) -> None:
    vault = workspace.require_vault()
    patient = vault.add_patient("Ann")
    older, _ = _chat(vault, patient, "Metformin dose?")
    _chat(vault, patient, "Lisinopril started when?")
    window = open_window(qtbot, workspace)
    window.chat.set_patient(patient, older)
    assert window.chat.chat_id == older
    vault.delete_chats([older])
    window.chat.set_patient(patient, older)  # as after unlocking
    assert window.chat.chat_id is None and window.chat.chats.currentIndex() == -1  # a new one
    assert "Metformin" not in window.chat.visible_text()
    assert window.chat.chats.count() == 1  # the other chat is still listed


def test_a_question_whose_answer_was_killed_reopens_marked_interrupted(
    qtbot: QtBot, workspace: Workspace
) -> None:
    """Walk 38: the question being answered when the window was killed was silently gone. It is
    saved before its answer starts; reopened, the chat shows it with the interruption said."""
    vault = workspace.require_vault()
    patient = vault.add_patient("Ann")
    chat_id, _ = _chat(vault, patient, "Metformin dose?")
    vault.add_chat_message(chat_id, "user", "Lisinopril started when?")  # then the kill
    window = open_window(qtbot, workspace)
    _choose_chat(window, chat_id)
    shown = window.chat.visible_text()
    assert "Answer to Metformin dose?" in shown
    assert "Lisinopril started when?" in shown and "No answer was saved for this question" in shown
    assert [t.status for t in window.chat.turns] == ["answered", "interrupted"]
