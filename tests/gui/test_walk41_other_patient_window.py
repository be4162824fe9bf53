"""Walk 41 item 1 in the window: the note that the question names another patient of the vault
came at the very end, after the answer's lines of the selected patient's values. It now comes
first, before the answer, and the sentence that gives those values to the other patient is
flagged (wrong patient)."""

from __future__ import annotations

from pathlib import Path

from fixtures.fake_models import FakeChatModel
from fixtures.gui_window import PASS, make_workspace, open_window
from pytestqt.qtbot import QtBot

LABS = (
    "Rosalind Ortega-Whitfield. 18/07/2026 Potassium 4.9 mmol/L. 29/08/2026 Potassium 5.1 mmol/L."
)
MIXED = "The answer is: 18/07/2026, Desmond Achterberg's latest potassium [1]."
QUESTION = "What is Desmond Achterberg's latest potassium?"


def test_the_note_comes_before_the_answer_and_the_sentence_is_flagged(
    qtbot: QtBot, tmp_path: Path
) -> None:
    ws = make_workspace(tmp_path, chat=FakeChatModel(MIXED))
    ws.create_vault(PASS, PASS)
    vault = ws.require_vault()
    rosalind = vault.add_patient("Rosalind Ortega-Whitfield", mrn="SAH-7730415")
    vault.add_patient("Desmond Achterberg", mrn="SAH-6619024")
    labs = tmp_path / "labs.txt"
    labs.write_text(LABS, encoding="utf-8")
    ws.import_documents([labs], rosalind)
    window = open_window(qtbot, ws)
    assert window.patients.patient_id == rosalind
    chat = window.chat
    chat.ask(QUESTION)
    qtbot.waitUntil(lambda: chat.job is None and len(chat.turns) == 1, timeout=30000)

    def check_shown() -> None:
        shown = chat.view.toPlainText()
        answer = shown.split(QUESTION, 1)[1]
        note_at = answer.index("Note: the question names Desmond Achterberg (patient 2")
        assert note_at < answer.index("The answer is")
        assert "names Desmond Achterberg, another patient of this vault (patient 2)" in answer

    check_shown()
    chat.open_chat(chat.chat_id)  # read back from the vault
    check_shown()
    window.close()
    ws.close()
