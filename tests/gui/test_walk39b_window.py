"""Walk 39b's window defects: locking while an answer streamed reopened an empty new chat and
said nothing of the stopped question; the import progress line showed raw stage names and full
paths."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from fixtures.gui_window import PASS, open_window
from fixtures.held_stream import HeldStream
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.rag.answer import GroundedAnswer
from medlocal.ui.chat_texts import LOCK_STOPPED
from medlocal.ui.main_window import MainWindow

WAIT_MS = 30_000
QUESTION = "What did the clinic letter say about her breathing?"
PARTIAL = "The clinic letter says she is breathless"


class _Session:
    """A chat session that, like the real one, creates its chat in the vault when it starts."""

    last_output_id = None

    def __init__(self, vault: Any, chat_id: int, finish: threading.Event) -> None:
        self.vault, self.chat_id, self.finish = vault, chat_id, finish

    def ask(self, question: str, cancel: threading.Event, meter: object = None) -> HeldStream:
        # Saved as the answer starts; the real session removes it when the answer is stopped,
        # which fails once the vault has locked (this one never removes it).
        self.vault.add_chat_message(self.chat_id, "user", question)
        return HeldStream(
            cancel, self.finish, GroundedAnswer(question, "answered", PARTIAL, PARTIAL), PARTIAL
        )


def _window(
    qtbot: QtBot, ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[MainWindow, threading.Event]:
    vault = ws.require_vault()
    vault.add_patient("Ada Byrne")
    note = tmp_path / "clinic_letter.txt"
    note.write_text("Ada Byrne: breathless on exertion.", encoding="utf-8")
    ws.import_documents([note], 1)
    finish = threading.Event()

    def grounded_chat(patient: int, chat_id: int | None = None, **_: Any) -> _Session:
        made = chat_id if chat_id is not None else vault.create_chat(patient)
        return _Session(vault, made, finish)

    monkeypatch.setattr(ws, "grounded_chat", grounded_chat)
    window = open_window(qtbot, ws)
    assert window.patients.patient_id == 1
    return window, finish


def _lock_and_unlock(qtbot: QtBot, window: MainWindow) -> None:
    window.menus.lock_action.trigger()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.LOCKED, timeout=WAIT_MS)
    assert LOCK_STOPPED not in window.chat.visible_text()  # nothing behind the lock screen
    window.lock_screen.secret.setText(PASS)
    window.lock_screen.submit()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.WORKING, timeout=WAIT_MS)


def _ask_and_wait_for_text(qtbot: QtBot, window: MainWindow) -> int:
    chat = window.chat
    chat.question.setPlainText(QUESTION)
    chat.send()
    qtbot.waitUntil(lambda: PARTIAL in chat.view.toPlainText(), timeout=WAIT_MS)
    chats = window.workspace.require_vault().list_chats(1)
    return max(int(cid) for cid, _patient, _made in chats)  # the worker's, with the question


def test_a_lock_mid_answer_reopens_the_questions_new_chat_and_says_it_was_stopped(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, _finish = _window(qtbot, gui_workspace, tmp_path, monkeypatch)
    chat = window.chat
    assert chat.chats.currentIndex() == -1  # a new chat: created by the first question
    asked_in = _ask_and_wait_for_text(qtbot, window)
    job = chat.job
    assert job is not None

    _lock_and_unlock(qtbot, window)
    qtbot.waitUntil(lambda: not job.running, timeout=WAIT_MS)
    assert window.patients.patient_id == 1
    assert chat.chat_id == asked_in and chat.chats.currentData() == asked_in
    assert chat.status_line == LOCK_STOPPED
    assert LOCK_STOPPED in chat.view.toPlainText()
    assert PARTIAL not in chat.view.toPlainText()  # the stopped text is not kept
    # Nor the question: not "No answer was saved … MedLocal closed before it finished".
    assert chat.turns == [] and QUESTION not in chat.view.toPlainText()
    assert chat.send_button.isEnabled()

    chat.question.setPlainText(QUESTION)
    chat.send()  # asked again: the line has been read
    assert LOCK_STOPPED not in chat.view.toPlainText()
    chat.stop()
    qtbot.waitUntil(lambda: chat.job is None, timeout=WAIT_MS)
    window.close()


def test_a_lock_mid_answer_in_an_open_chat_reopens_it_with_the_line(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, finish = _window(qtbot, gui_workspace, tmp_path, monkeypatch)
    chat = window.chat
    finish.set()
    first = _ask_and_wait_for_text(qtbot, window)  # answered: the chat is open
    qtbot.waitUntil(lambda: chat.job is None, timeout=WAIT_MS)
    assert chat.chat_id == first
    finish.clear()
    assert _ask_and_wait_for_text(qtbot, window) == first  # the second question, same chat

    _lock_and_unlock(qtbot, window)
    assert chat.chat_id == first and chat.status_line == LOCK_STOPPED
    window.close()


def test_a_lock_with_no_question_on_its_way_says_nothing(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, _finish = _window(qtbot, gui_workspace, tmp_path, monkeypatch)
    _lock_and_unlock(qtbot, window)
    assert window.chat.status_line == "" and LOCK_STOPPED not in window.chat.view.toPlainText()
    window.close()


def test_an_answer_saved_despite_the_lock_is_not_called_stopped(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The model hears a stop only at its next token: the answer may end and be saved."""
    window, finish = _window(qtbot, gui_workspace, tmp_path, monkeypatch)
    chat = window.chat
    _ask_and_wait_for_text(qtbot, window)
    job = chat.job
    assert job is not None
    finish.set()  # answered as the lock stops it
    window.menus.lock_action.trigger()
    qtbot.waitUntil(lambda: not job.running, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: chat.job is None, timeout=WAIT_MS)
    window.lock_screen.secret.setText(PASS)
    window.lock_screen.submit()
    qtbot.waitUntil(lambda: window.stack.currentIndex() == window.WORKING, timeout=WAIT_MS)
    assert chat.status_line == ""
    window.close()


# -- the import's progress line ---------------------------------------------------------------


def test_the_import_progress_line_says_plain_words_and_the_file_name(
    qtbot: QtBot, gui_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk 39b: "embed: 1/12 files (/tmp/walk39/docs/discharge_summary.pdf)"."""
    gui_workspace.require_vault().add_patient("Ada Byrne")
    folder = tmp_path / "docs"
    folder.mkdir()
    note = folder / "discharge_summary.txt"
    note.write_text("Ada Byrne: discharged on apixaban 5 mg BD.", encoding="utf-8")
    window = open_window(qtbot, gui_workspace)
    panel = window.patients
    shown: list[str] = []
    set_text = panel.imports.progress_label.setText

    def record(text: str) -> None:
        shown.append(text)
        set_text(text)

    monkeypatch.setattr(panel.imports.progress_label, "setText", record)
    job = panel.imports.import_paths([note])
    assert job is not None
    qtbot.waitUntil(lambda: panel.imports.import_job is None, timeout=WAIT_MS)
    lines = [line for line in shown if "(discharge_summary.txt" in line]
    assert "Reading: file 1 of 1 (discharge_summary.txt)" in lines, shown
    assert any(line.startswith("Indexing: ") for line in lines), shown
    for line in shown:
        assert str(folder) not in line, line  # the name, never the path
        for raw in ("extract", "embed", "chunk", "ocr:"):
            assert raw not in line, line
    window.close()
