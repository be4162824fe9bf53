"""Walk 53a M2, M3: the note of a stopped answer points at its unchecked partial text (drawn
above it; it said "below"), and Regenerate pressed by keyboard leaves the keyboard on Stop while
the answer is written and back on Regenerate after it, never on Copy (the next Space copied the
patient's answer instead of regenerating)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from fixtures.gui_window import focus_in_window, open_window
from fixtures.held_stream import HeldStream
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.app.chats import ChatTurn
from medlocal.rag.answer import GroundedAnswer

PARTIAL = "The passage is about a patient"
WAIT_MS = 10_000


class _Session:
    chat_id = 1
    last_output_id = None

    def __init__(self, finish: threading.Event, answer: Any) -> None:
        self.finish, self.answer = finish, answer

    def ask(self, question: str, cancel: threading.Event, meter: object = None) -> HeldStream:
        return HeldStream(cancel, self.finish, self.answer, PARTIAL)


def _window(qtbot: QtBot, workspace: Workspace, monkeypatch: Any, finish: threading.Event) -> Any:
    workspace.require_vault().add_patient("Ann")
    answer = GroundedAnswer("Metformin dose?", "answered", PARTIAL, PARTIAL)
    monkeypatch.setattr(workspace, "grounded_chat", lambda *a, **k: _Session(finish, answer))
    return open_window(qtbot, workspace)


def _one_answer_shown(chat: Any) -> None:
    """The chat as after one answer (chat 1, the fake session's): Regenerate is offered."""
    answer = GroundedAnswer("Metformin dose?", "answered", PARTIAL, PARTIAL)
    chat.turns.append(ChatTurn.from_answer(answer, None))
    chat._open_chat_id = _Session.chat_id
    chat.redraw()
    chat._update_buttons()
    assert chat.regenerate_button.isEnabled()


def test_the_stop_note_points_at_the_partial_text_above_it(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, workspace, monkeypatch, threading.Event())
    chat = window.chat
    job = chat.ask("Metformin dose?")
    qtbot.waitUntil(lambda: PARTIAL in chat.view.toPlainText(), timeout=WAIT_MS)
    chat.stop()
    qtbot.waitUntil(lambda: not job.running and chat.job is None, timeout=WAIT_MS)
    shown = chat.view.toPlainText()
    assert "(The partial text above was not checked or kept.)" in shown, shown
    assert shown.index(PARTIAL) < shown.index("Stopped. Nothing was saved."), shown
    assert "below" not in chat.status_line
    window.close()


def test_regenerate_by_keyboard_keeps_the_keyboard_off_copy(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    finish = threading.Event()
    window = _window(qtbot, workspace, monkeypatch, finish)
    chat = window.chat
    _one_answer_shown(chat)  # the regenerated answer is held until the test lets it end
    focus_in_window(qtbot, window, chat.regenerate_button)
    QTest.keyClick(chat.regenerate_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: chat.job is not None and chat.job.running, timeout=WAIT_MS)
    assert QApplication.focusWidget() is chat.stop_button  # Space or Esc stops it
    finish.set()
    qtbot.waitUntil(lambda: chat.job is None and len(chat.turns) == 2, timeout=WAIT_MS)
    regenerate = chat.regenerate_button
    assert regenerate.hasFocus() and QApplication.focusWidget() is chat.regenerate_button
    QTest.keyClick(regenerate, Qt.Key.Key_Space)  # Space regenerates again
    qtbot.waitUntil(lambda: len(chat.turns) == 3, timeout=WAIT_MS)
    window.close()


def test_the_keyboard_moved_on_meanwhile_stays_where_it_went(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    finish = threading.Event()
    window = _window(qtbot, workspace, monkeypatch, finish)
    chat = window.chat
    _one_answer_shown(chat)
    focus_in_window(qtbot, window, chat.regenerate_button)
    QTest.keyClick(chat.regenerate_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: chat.job is not None and chat.job.running, timeout=WAIT_MS)
    chat.question.setFocus()  # the person went to type the next question
    qtbot.waitUntil(chat.question.hasFocus, timeout=WAIT_MS)
    finish.set()
    qtbot.waitUntil(lambda: chat.job is None and len(chat.turns) == 2, timeout=WAIT_MS)
    assert chat.question.hasFocus()
    window.close()


def test_the_chat_menu_presses_the_chat_buttons_by_shortcut(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk 53a L2: Regenerate, Copy, Export answer and New chat had no shortcut or menu item."""
    finish = threading.Event()
    finish.set()
    window = _window(qtbot, workspace, monkeypatch, finish)
    chat = window.chat
    _one_answer_shown(chat)
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    items = [a.text() for a in menus["&Chat"].actions()]
    assert items[:4] == ["&New chat", "&Regenerate answer", "&Copy answer", "&Export answer…"]
    assert items[4:] == ["&Find in the conversation…"]  # ui63's Ctrl+F
    focus_in_window(qtbot, window, chat.question)
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(chat.question, Qt.Key.Key_R, ctrl)
    qtbot.waitUntil(lambda: chat.job is None and len(chat.turns) == 2, timeout=WAIT_MS)
    copied: list[str] = []
    monkeypatch.setattr("medlocal.ui.chat_panel.copy_sensitive", copied.append)
    QTest.keyClick(chat.question, Qt.Key.Key_C, ctrl | shift)
    # The last answer (then, since ui63, what its citations point at, or that it has none).
    assert len(copied) == 1 and copied[0].startswith(chat.turns[-1].answer)
    assert "Ctrl+R" in chat.regenerate_button.toolTip()
    window.close()
