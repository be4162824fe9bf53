"""Walk 25: an answer none of whose statements a passage supports was still shown as the answer
(flagged). The window now says there is no supported answer (walk 29: not "Not found", the
passages may hold it) and shows the model's
draft only after the flags, labelled as unsupported and folded until its label is clicked; the
same when the chat is reopened. The
flags are listed once per sentence."""

from __future__ import annotations

from pathlib import Path

from fixtures.fake_models import FakeChatModel
from fixtures.gui_window import PASS, make_workspace, window_with_patient
from pytestqt.qtbot import QtBot

from medlocal.rag.flags import DRAFT_HEADING
from medlocal.rag.prompts import NO_SUPPORTED_ANSWER

NOTE = "Colonoscopy was discussed at the clinic visit; she declined it for now."
DRAFT = "It was done in the spring at the regional hospital, with two polyps removed."


def test_an_unsupported_draft_is_not_found_and_shown_after_the_flags(
    qtbot: QtBot, tmp_path: Path
) -> None:
    ws = make_workspace(tmp_path, chat=FakeChatModel(DRAFT))
    ws.create_vault(PASS, PASS)
    note = tmp_path / "gp_note.txt"
    note.write_text(NOTE)
    window = window_with_patient(qtbot, ws, "Draft Patient")
    ws.import_documents([note], window.patients.patient_id)
    chat = window.chat
    chat.ask("When was her colonoscopy done?")
    qtbot.waitUntil(lambda: chat.job is None and len(chat.turns) == 1, timeout=30000)

    def check_shown() -> None:
        shown = chat.view.toPlainText()
        answer = shown.split("When was her colonoscopy done?", 1)[1]
        assert answer.lstrip().startswith(NO_SUPPORTED_ANSWER), shown
        # The draft comes only after the flags, under its label, folded (walk 39 item 4: a
        # wall of flagged lines is no answer to read); the passage is offered.
        flags_at = answer.index("Check these against the sources")
        assert flags_at < answer.index(DRAFT_HEADING)
        assert "regional hospital" not in answer and "click to read" in answer
        assert "gp_note.txt" in answer
        # One flag entry for the one sentence of the draft.
        assert answer.count("no statement of the model's answer is supported") == 1
        # Opened by its link (cite:draft.0), it reads after its label; folded again after.
        chat._citation("draft.0")
        opened = chat.view.toPlainText()
        assert opened.index(DRAFT_HEADING) < opened.index("regional hospital")
        chat._citation("draft.0")
        assert "regional hospital" not in chat.view.toPlainText()

    check_shown()
    chat.open_chat(chat.chat_id)  # read back from the vault
    check_shown()
    window.close()
    ws.close()
