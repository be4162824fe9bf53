"""Opening a chat with a long history drew every finished turn with one setHtml: 200 turns of
about 2,400 characters held the window 0.43 s. The whole chat is now drawn in pieces too, one per
pass of the event loop: these tests check the result is the chat a single draw gave, in order,
that a chat opened mid-draw replaces the first one entirely, and that the live part (question
being answered, streamed text, status line) comes after every finished turn."""

from __future__ import annotations

from typing import Any

from fixtures.gui_window import window_with_patient
from PySide6.QtGui import QTextDocument, QTextFormat
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.app.chats import ChatTurn
from medlocal.rag.passages import SourceRef

RULE = QTextFormat.Property.BlockTrailingHorizontalRulerWidth
TURNS = 200


def _history(turns: int, tag: str) -> list[ChatTurn]:
    """Turns of about 2,400 characters: paragraphs, a list, citation chips, two sources."""

    def answer(n: int) -> str:
        para = f"{tag} visit {n}: blood pressure 130/85 mmHg, metformin 500 mg [1]. " * 9
        items = [f"- {tag} item {n}.{i}: sodium 138 mmol/L [2]." for i in range(18)]
        return "\n".join(["## Summary", para, *items, para])

    sources = [SourceRef(i, i, 1, "note.txt", None, 0, 10, "metformin") for i in (1, 2)]
    return [ChatTurn(f"{tag} question {n}?", answer(n), sources) for n in range(turns)]


def _blocks(document: QTextDocument) -> list[tuple[str, bool]]:
    out, block = [], document.begin()
    while block.isValid():
        out.append((block.text(), block.blockFormat().hasProperty(RULE)))
        block = block.next()
    return out


def _anchors(document: QTextDocument) -> list[str]:
    anchors, block = [], document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            href = it.fragment().charFormat().anchorHref()
            if href:
                anchors.append(href)
            it += 1
        block = block.next()
    return anchors


def _one_step(turns: list[ChatTurn]) -> QTextDocument:
    """The chat as the single setHtml of every turn drew it before."""
    from medlocal.ui.chat_view import _render_turn

    document = QTextDocument()
    document.setHtml("\n".join(b for i, t in enumerate(turns) for b in _render_turn(i, t) if b))
    return document


def _stored(workspace: Workspace, patient: int | None, turns: list[ChatTurn]) -> int:
    """``turns`` saved as a chat of ``patient`` (answers saved with their sources, as asking
    saves them); the chat's id."""
    vault = workspace.require_vault()
    chat_id = vault.create_chat(patient)
    for turn in turns:
        vault.save_chat_turn(
            chat_id,
            turn.question,
            turn.answer,
            patient_id=patient,
            title=turn.question,
            provenance={
                "chat_id": chat_id,  # as ChatSession saves it: how the chat finds its answers
                "question": turn.question,
                "sources": [s.as_dict() for s in turn.sources],
            },
            flags=[],
            ask_details={},
        )
    return chat_id


def _open(chat: Any, turns: list[ChatTurn]) -> None:
    """Show ``turns`` as open_chat does after reading them."""
    chat.turns = turns
    chat.redraw()


def _counted_inserts(chat: Any) -> list[str]:
    """The HTML of each piece added to ``chat``'s view from now on (not the first piece of a whole
    chat, which replaces the document)."""
    inserted: list[str] = []
    real_insert = chat.view._insert_html

    def insert(cursor: Any, text: str) -> None:
        inserted.append(text)
        real_insert(cursor, text)

    chat.view._insert_html = insert
    return inserted


def _questions(chat: Any) -> list[str]:
    return [t for t, _ in _blocks(chat.view.document()) if " question " in t]


def test_a_long_chat_is_drawn_in_pieces_as_one_draw_did(
    qtbot: QtBot, gui_workspace: Workspace
) -> None:
    window = window_with_patient(qtbot, gui_workspace, "Long Patient")
    window.show()  # laid out: the view has a scroll range
    chat = window.chat
    _open(chat, _history(1, "Short"))  # another chat shown: opening the long one draws it all
    turns = _history(TURNS, "Long")
    inserted = _counted_inserts(chat)

    _open(chat, turns)
    assert chat.view._pending and "Short" not in chat.view.toPlainText()
    assert len(_questions(chat)) < 20  # only the first piece so far
    # redraw() itself drew one piece (the whole chat once took 0.43 s there); counted, not timed:
    # a clock bound failed on a loaded machine.
    assert inserted == [], len(inserted)
    qtbot.waitUntil(lambda: not chat.view._pending, timeout=20_000)
    assert len(inserted) > 20  # many passes of the event loop, one piece each

    document = chat.view.document()
    reference = _one_step(turns)
    blocks = _blocks(document)
    # The same blocks, rules and citation links as the single draw, plus the live part's block.
    assert blocks[:-1] == _blocks(reference) and blocks[-1] == ("", False)
    assert _anchors(document) == _anchors(reference)
    assert _questions(chat) == [f"You: Long question {n}?" for n in range(TURNS)]
    assert sum(rule for _, rule in blocks) == TURNS  # one closing rule per turn
    assert "cite:199.2" in _anchors(document)  # the last turn's chips point at its sources
    scrollbar = chat.view.verticalScrollBar()
    assert scrollbar.value() == scrollbar.maximum() > 0  # the end of the chat is shown
    window.close()


def test_a_chat_opened_mid_draw_replaces_the_first_entirely(
    qtbot: QtBot, gui_workspace: Workspace
) -> None:
    window = window_with_patient(qtbot, gui_workspace, "Long Patient")
    chat = window.chat
    first = _stored(gui_workspace, chat.patient_id, _history(TURNS, "First"))
    second = _stored(gui_workspace, chat.patient_id, _history(TURNS // 2, "Second"))
    short = _stored(gui_workspace, chat.patient_id, _history(1, "Short"))
    chat.set_patient(chat.patient_id, first)  # the chat list as after choosing the patient
    assert chat.view._pending
    qtbot.wait(5)  # a few pieces of the first chat drawn, its timer still to come
    assert chat.view._pending
    chat.chats.activated.emit(chat.chats.findData(second))  # chosen in the chat list
    assert chat.chat_id == second
    # One piece per pass: the first chat's timer must not draw the second one's pieces too.
    inserted = _counted_inserts(chat)
    QApplication.processEvents()
    assert len(inserted) == 1
    qtbot.waitUntil(lambda: not chat.view._pending, timeout=20_000)
    qtbot.wait(20)  # any timer the first chat left has fired by now
    assert "First" not in chat.view.toPlainText()
    assert _questions(chat) == [f"You: Second question {n}?" for n in range(TURNS // 2)]
    assert _blocks(chat.view.document())[:-1] == _blocks(_one_step(chat.turns))
    assert len(chat.turns[-1].sources) == 2  # read back from the vault, and listed:
    assert _anchors(chat.view.document())[-2:] == ["cite:99.1", "cite:99.2"]

    # A short chat opened mid-draw is drawn at once, and stays alone.
    chat.open_chat(first)
    assert chat.view._pending
    chat.open_chat(short)
    assert not chat.view._pending
    qtbot.wait(20)
    assert _questions(chat) == ["You: Short question 0?"]
    window.close()


def test_the_live_part_comes_after_every_finished_turn(
    qtbot: QtBot, gui_workspace: Workspace
) -> None:
    window = window_with_patient(qtbot, gui_workspace, "Long Patient")
    chat = window.chat
    chat.status_line = "Stopped. Nothing was saved."
    _open(chat, _history(TURNS, "Long"))
    assert chat.view._pending
    qtbot.waitUntil(lambda: not chat.view._pending, timeout=20_000)
    text = chat.view.toPlainText()
    assert text.rstrip().endswith("Stopped. Nothing was saved.")
    assert text.count("Stopped. Nothing was saved.") == 1
    assert text.index("Stopped.") > text.index("Long question 199?")

    # A question asked while a long chat is still being drawn: the turns are finished first,
    # then it shows after them, and streamed text replaces only it.
    chat.status_line = ""
    _open(chat, _history(TURNS, "Again"))
    assert chat.view._pending
    chat.live_question, chat.status_line = "Next?", "Loading the model…"
    chat.redraw()
    assert not chat.view._pending
    for piece in ("Lisinopril ", "10 mg."):
        chat._piece(piece)
    blocks = _blocks(chat.view.document())
    live = blocks.index(("You: Next?", False))
    assert blocks[live - 1] == ("", True)  # right after the last turn's closing rule
    assert [t for t, _ in blocks[live:]] == ["You: Next?", "Lisinopril 10 mg."]
    assert sum(rule for _, rule in blocks) == TURNS
    assert _questions(chat)[-1] == "You: Again question 199?"
    window.close()


def test_clear_mid_draw_leaves_the_view_empty(qtbot: QtBot, gui_workspace: Workspace) -> None:
    """The lock clears the panel: pieces still to draw must not bring the chat back."""
    window = window_with_patient(qtbot, gui_workspace, "Long Patient")
    chat = window.chat
    _open(chat, _history(TURNS, "Secret"))
    assert chat.view._pending
    chat.clear()
    qtbot.wait(50)
    assert chat.visible_text() == "" and not chat.view._pending
    window.close()


def test_copy_and_export_take_the_last_answer_while_it_is_drawn(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: Any
) -> None:
    from medlocal.ui import chat_panel

    window = window_with_patient(qtbot, gui_workspace, "Long Patient")
    chat = window.chat
    turns = _history(TURNS, "Long")
    chat_id = _stored(gui_workspace, chat.patient_id, turns)
    copied: list[str] = []
    monkeypatch.setattr(chat_panel, "copy_sensitive", copied.append)
    exported: list[int] = []
    chat.exportRequested.disconnect()  # the window's export dialog would wait for a click
    chat.exportRequested.connect(exported.append)
    chat.open_chat(chat_id)
    assert chat.view._pending
    assert chat.copy_button.isEnabled() and chat.export_button.isEnabled()
    chat.copy_last()
    chat._export_last()
    # The last answer, with what its citations point at (ui63's answer_copy).
    assert len(copied) == 1 and copied[0].startswith(turns[-1].answer.strip())
    assert exported == [chat.turns[-1].output_id] and exported[0] is not None
    qtbot.waitUntil(lambda: not chat.view._pending, timeout=20_000)
    assert len(copied) == 1
    window.close()
