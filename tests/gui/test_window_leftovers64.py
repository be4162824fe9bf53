"""Note 63's two small window leftovers: a copied "No supported answer" said twice that nothing
supports it, and Ctrl+F with no patient opened an empty box over an empty conversation."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.gui_window import PASS, focus_in_window, make_workspace, open_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from medlocal.app.chats import ChatTurn
from medlocal.rag.prompts import ALL_STATEMENTS_FLAGGED, NO_SUPPORTED_ANSWER, NOT_FOUND_MESSAGE
from medlocal.ui.announce import announcer
from medlocal.ui.answer_copy import answer_copy_text
from medlocal.ui.chat_texts import NOTHING_TO_FIND_NO_PATIENT, NOTHING_TO_FIND_YET
from medlocal.ui.citation_notice import NONE_CITED


@pytest.mark.parametrize("answer", [NO_SUPPORTED_ANSWER, ALL_STATEMENTS_FLAGGED, NOT_FOUND_MESSAGE])
def test_an_answer_that_says_nothing_supports_it_is_copied_without_the_notice(answer: str) -> None:
    copied = answer_copy_text(ChatTurn("What is her INR?", answer))
    assert copied == answer  # once, in its own words
    assert NONE_CITED.format(whole="answer") not in copied


def test_an_uncited_answer_is_still_copied_with_the_notice() -> None:
    copied = answer_copy_text(ChatTurn("What does she take?", "She takes metformin."))
    assert copied.endswith(NONE_CITED.format(whole="answer"))


def test_ctrl_f_with_no_patient_says_why_and_leaves_the_keyboard(
    qtbot: QtBot, tmp_path: Path
) -> None:
    workspace = make_workspace(tmp_path)
    workspace.create_vault(PASS, PASS)
    window = open_window(qtbot, workspace)  # no patient yet: nobody chosen
    chat = window.chat
    assert chat.patient_id is None
    focus_in_window(qtbot, window, window.patients.search)
    said: list[str] = []
    announcer.announced.connect(said.append)
    try:
        qtbot.keyClick(window.patients.search, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    finally:
        announcer.announced.disconnect(said.append)
    bar = chat.find_bar
    assert bar.isVisible() and bar.result.text() == NOTHING_TO_FIND_NO_PATIENT
    assert not bar.box.isEnabled()  # no box to type into over an empty pane
    assert QApplication.focusWidget() is window.patients.search
    assert said == [NOTHING_TO_FIND_NO_PATIENT]  # a screen reader hears it too

    # A patient chosen: the reason goes; their conversation, empty, says so in its turn.
    patient = workspace.require_vault().add_patient("Siobhan Quill")
    window.patients.reload(select=patient)
    assert not bar.isVisible()
    window.menus.find_action.trigger()
    assert bar.isVisible() and bar.result.text() == NOTHING_TO_FIND_YET
    window.close()
    workspace.close()
