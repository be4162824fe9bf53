"""While an answer streams, only the live part of the chat (the question being answered, its
text so far, the status line) is replaced: setting the whole chat's HTML again for each piece
parsed every earlier answer again on the GUI thread (0.6 s per piece once the chat held a
2,000-line answer, walk g1 #7)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fixtures.gui_window import window_with_patient
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
    assert whole == []  # a new turn is added after the others; they are not drawn again
    assert "Answer 2: lisinopril 10 mg." in chat.view.toPlainText()
    assert [text for text, rule in _blocks(chat) if rule] == ["", "", ""]
    chat.clear()
    assert chat.view.toPlainText() == ""
    chat.live_question, chat.live_text = "Question 3?", "Answer"
    chat.redraw()  # after a clear the live part is drawn on an empty view
    assert chat.view.toPlainText().strip() == "You: Question 3?\nAnswer"
    window.close()


def _long_answer(lines: int, tag: str) -> str:
    body = [f"{tag} line {i}: metformin 500 mg twice daily [1, 2]." for i in range(lines)]
    # paragraphs, a heading and a list longer than one piece of HTML
    return "\n".join(["## Summary", *body[:100], *(f"- {line}" for line in body[100:])])


def _anchors_and_tips(chat: Any) -> tuple[list[str], list[str]]:
    anchors, tips, block = [], [], chat.view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.anchorHref():
                anchors.append(fmt.anchorHref())
            if fmt.toolTip():
                tips.append(fmt.toolTip())
            it += 1
        block = block.next()
    return anchors, tips


def test_a_long_finished_answer_is_added_without_drawing_the_chat_again(
    qtbot: QtBot, gui_workspace: Workspace, monkeypatch: Any
) -> None:
    """A 2,000-line answer finishing took 0.25 s of the GUI thread in one step: the whole chat's
    HTML was set again (every earlier answer parsed again) and the new answer parsed at once.
    Now only the new turn is rendered, and it is added in pieces of at most CHUNK_BLOCKS blocks,
    one per pass of the event loop, after the turns already shown."""
    from medlocal.rag.flags import Flag
    from medlocal.rag.passages import SourceRef
    from medlocal.ui import chat_view
    from medlocal.ui.render import CHUNK_BLOCKS

    window = window_with_patient(qtbot, gui_workspace, "Chatty Patient")
    chat = window.chat
    earlier = ChatTurn("Earlier?", _long_answer(2000, "Earlier"))
    chat.turns = [earlier]
    chat.redraw()
    chat.live_question = "Long?"
    answer = _long_answer(2000, "Long")
    for at in range(0, len(answer), 5000):
        chat._piece(answer[at : at + 5000])

    whole: list[str] = []
    real_set = chat.view.setHtml
    monkeypatch.setattr(chat.view, "setHtml", lambda text: (whole.append(text), real_set(text)))
    inserted: list[str] = []
    real_insert = chat.view._insert_html

    def insert(cursor: Any, text: str) -> None:
        inserted.append(text)
        real_insert(cursor, text)

    monkeypatch.setattr(chat.view, "_insert_html", insert)
    rendered: list[str] = []
    real_blocks = chat_view.iter_answer_blocks

    def counting(text: str, *args: Any, **kwargs: Any) -> Iterator[str]:
        rendered.append(text)
        return iter(real_blocks(text, *args, **kwargs))

    monkeypatch.setattr(chat_view, "iter_answer_blocks", counting)
    at = answer.index("Long line 1500")
    flag = Flag(5, "unsupported", "", "not in the passages", at, at + 20)
    source = SourceRef(1, 1, 1, "note.txt", None, 0, 10, "metformin")
    turn = ChatTurn("Long?", answer, [source], [flag])
    chat.turns = [*chat.turns, turn]
    chat.live_question = chat.live_text = ""
    chat.redraw()

    assert whole == []  # the earlier answer was not drawn again
    assert rendered == [answer]  # nor rendered again
    assert len(inserted) == 1  # the completion step itself adds one piece
    assert max(p.count("<li>") + p.count("<p>") for p in inserted) <= CHUNK_BLOCKS + 2
    qtbot.waitUntil(lambda: not chat.view._pending)
    assert len(inserted) > 5 and whole == []
    assert all(p.count("<li>") + p.count("<p>") <= CHUNK_BLOCKS + 2 for p in inserted)

    # The same chat as a full draw shows it: text, citation links, flag tooltips, rules.
    drawn = chat.view.toPlainText(), _anchors_and_tips(chat), _blocks(chat)
    monkeypatch.setattr(chat.view, "setHtml", real_set)
    chat.view._shown = None
    chat.redraw()
    qtbot.waitUntil(lambda: not chat.view._pending)  # a long chat is drawn in pieces too
    assert chat.view.toPlainText() == drawn[0]
    assert _anchors_and_tips(chat) == drawn[1]
    anchors, tips = drawn[1]
    assert anchors.count("cite:1.1") == 2000 + 1 and "cite:1.2" in anchors  # chips + source
    assert tips == ["not in the passages"]
    assert [rule for _, rule in _blocks(chat)] == [rule for _, rule in drawn[2]]

    # A question asked while pieces are still pending: they are finished first, then it shows.
    chat.turns = [*chat.turns, ChatTurn("Again?", answer)]
    chat.live_question = chat.live_text = ""
    chat.redraw()
    assert chat.view._pending
    chat.live_question = "Third?"
    chat.redraw()
    assert not chat.view._pending
    text = chat.view.toPlainText()
    assert text.rstrip().endswith("You: Third?") and text.count("Long line 1999") == 2

    # Another chat opened while pieces are pending: they are dropped, not drawn first.
    chat.live_question = ""
    chat.turns = [*chat.turns, ChatTurn("Fourth?", answer)]
    chat.redraw()
    assert chat.view._pending
    done = len(inserted)
    chat.turns = [ChatTurn("Other chat?", "Other answer.")]
    chat.redraw()
    assert not chat.view._pending and len(inserted) == done
    assert "Long line" not in chat.view.toPlainText()
    qtbot.wait(20)
    # The other chat alone (and ui63's line that its answer cites nothing).
    shown = chat.view.toPlainText().strip()
    assert shown.startswith("You: Other chat?\nOther answer.\nThe model cited no passage")
    window.close()


@pytest.mark.parametrize("lines", [1, 400])
def test_two_turns_added_in_one_redraw_draw_as_a_full_draw_does(
    qtbot: QtBot, gui_workspace: Workspace, lines: int
) -> None:
    """Review 14, item 11: each added turn's first piece joined the block at the cursor, which
    only the first added turn finds empty (the live part's block); the second turn's question was
    merged into the first turn's closing rule."""
    window = window_with_patient(qtbot, gui_workspace, "Chatty Patient")
    chat = window.chat
    chat.turns = [ChatTurn("Q0?", "A0.")]
    chat.redraw()
    one, two = ((f"A{n}." if lines == 1 else _long_answer(lines, f"A{n}")) for n in (1, 2))
    chat.turns = [*chat.turns, ChatTurn("Q1?", one), ChatTurn("Q2?", two)]
    chat.redraw()
    qtbot.waitUntil(lambda: not chat.view._pending)
    piecewise = _blocks(chat), chat.view.toPlainText()
    chat.view._shown = None
    chat.redraw()
    qtbot.waitUntil(lambda: not chat.view._pending)
    assert piecewise == (_blocks(chat), chat.view.toPlainText())
    assert [text for text, rule in piecewise[0] if rule] == ["", "", ""]
    assert ("You: Q2?", False) in piecewise[0]
    window.close()
