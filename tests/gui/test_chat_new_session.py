"""A patient chosen in a new window opens a new chat, not the newest stored one: walk 25 asked
in the window after `medlocal ask --patient` and the window's questions were appended to the
CLI's one-off chat. The stored chats stay listed and reopen; a chat this window had open with
a patient comes back when the patient is chosen again."""

from __future__ import annotations

from pathlib import Path

from fixtures.gui_window import open_window
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.app.chats import chat_turns
from medlocal.ui.main_window import MainWindow

WAIT_MS = 20_000


def _ask_as_the_cli_does(workspace: Workspace, patient: int, question: str) -> int:
    """`medlocal ask --patient`: a new stored chat holding one question."""
    session = workspace.grounded_chat(patient)
    stream = session.ask(question)
    for _ in stream:
        pass
    return session.chat_id


def _ask_in_window(qtbot: QtBot, window: MainWindow, question: str) -> None:
    window.chat.question.setPlainText(question)
    window.chat.send()
    qtbot.waitUntil(lambda: window.chat.job is None, timeout=WAIT_MS)


def test_a_new_window_does_not_append_to_the_clis_chat(
    qtbot: QtBot, workspace: Workspace, patient_with_note: int, tmp_path: Path
) -> None:
    vault = workspace.require_vault()
    cli_chat = _ask_as_the_cli_does(workspace, patient_with_note, "Which diabetes tablet?")
    other = vault.add_patient("Second Patient")

    window = open_window(qtbot, workspace)  # the patient with the CLI's chat is chosen
    chat = window.chat
    assert chat.patient_id == patient_with_note
    assert chat.chat_id is None and chat.turns == [] and chat.chats.currentIndex() == -1
    assert chat.chats.count() == 1 and chat.chats.itemData(0) == cli_chat  # still listed
    assert "New chat" in chat.chats.placeholderText()

    _ask_in_window(qtbot, window, "What dose of metformin?")
    window_chat = chat.chat_id
    assert window_chat is not None and window_chat != cli_chat
    assert [t.question for t in chat_turns(vault, cli_chat)] == ["Which diabetes tablet?"]
    assert [t.question for t in chat_turns(vault, window_chat)] == ["What dose of metformin?"]

    # Another patient and back: this window's chat with the first one reopens.
    window.patients.patients.setCurrentRow(1)
    assert chat.patient_id == other and chat.chat_id is None
    window.patients.patients.setCurrentRow(0)
    assert chat.chat_id == window_chat and "What dose of metformin?" in chat.visible_text()

    # The CLI's chat opens from the list, and a question asked there continues it.
    chat.chats.activated.emit(chat.chats.findData(cli_chat))
    assert chat.chat_id == cli_chat and "Which diabetes tablet?" in chat.visible_text()
    chat.start_new_chat()
    window.patients.patients.setCurrentRow(1)
    window.patients.patients.setCurrentRow(0)
    assert chat.chat_id is None  # a new chat chosen last stays a new chat
    window.close()
