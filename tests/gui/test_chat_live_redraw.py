"""While an answer streams, only the live part of the chat (the question being answered, its
text so far, the status line) is replaced: setting the whole chat's HTML again for each piece
parsed every earlier answer again on the GUI thread (0.6 s per piece once the chat held a
2,000-line answer, walk g1 #7)."""

from __future__ import annotations

from typing import Any

from conftest import window_with_patient
from PySide6.QtGui import QTextFormat
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.app.chats import ChatTurn

RULE = QTextFormat.Property.BlockTrailingHorizontalRulerWidth


def _blocks(chat: Any) -> list[tuple[str, bool]]:
    out, block = [], chat.view.document().begin()
    while block.isValid():
        out.append((block.text(), block.blockFormat().hasProperty(RULE)))
        block = block.next()
    return out


def test_streamed_pieces_replace_only_the_live_part(qtbot: QtBot, gui_workspace: Workspace) -> None:
    window = window_with_patient(qtbot, gui_workspace, "Chatty Patient")
    chat = window.chat
    chat.turns = [ChatTurn(f"Question {i}?", f"Answer {i}: metformin 500 mg.") for i in range(2)]
    chat.live_question, chat.status_line = "Question 2?", "Loading the model…"
    chat.redraw()
    whole: list[str] = []
    real = chat.view.setHtml
    chat.view.setHtml = lambda text: (whole.append(text), real(text))[1]  # type: ignore[method-assign]

    for piece in ("Answer 2: lisin", "opril ", "10 mg."):
        chat._piece(piece)
    assert whole == []  # the finished turns were not set again
    blocks = _blocks(chat)
    texts = [text for text, _ in blocks]
    assert texts.count("You: Question 2?") == 1 and "Loading the model…" not in texts
    assert "Answer 2: lisinopril 10 mg." in texts
    # Each finished turn keeps its closing rule; the live part does not take one.
    assert [text for text, rule in blocks if rule] == ["", ""]
    live = texts.index("You: Question 2?")
    assert blocks[live - 1] == ("", True) and not any(rule for _, rule in blocks[live:])

    chat.status_line = "Stopped. Nothing was saved."
    chat.redraw()
    chat.redraw()
    assert chat.view.toPlainText().count("Stopped. Nothing was saved.") == 1
    chat.live_question = chat.live_text = chat.status_line = ""
    chat.redraw()
    assert "Question 2?" not in chat.view.toPlainText()
    assert "Answer 1: metformin" in chat.view.toPlainText()

    chat.turns = [*chat.turns, ChatTurn("Question 2?", "Answer 2: lisinopril 10 mg.")]
    chat.redraw()
    assert len(whole) == 1  # a new turn: the chat is drawn again once
    assert "Answer 2: lisinopril 10 mg." in chat.view.toPlainText()
    chat.clear()
    assert chat.view.toPlainText() == ""
    chat.live_question, chat.live_text = "Question 3?", "Answer"
    chat.redraw()  # after a clear the live part is drawn on an empty view
    assert chat.view.toPlainText().strip() == "You: Question 3?\nAnswer"
    window.close()
