"""An answer or summary whose model cited no passage says so once, plainly (ui63). The demo
model (SmolLM2-135M) writes "1. Discharge medications: ..." where the prompt asks for "[1]": its
sentences were flagged one by one, but nothing said that none of the text was cited."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel
from fixtures.gui_window import PASS, make_workspace, window_with_patient
from pytestqt.qtbot import QtBot

from medlocal.rag.flags import Flag
from medlocal.rag.summarize import Summary
from medlocal.rag.templates import scan_templates
from medlocal.ui.citation_notice import citation_notice
from medlocal.ui.dialogs.summarize_dialog import summary_html

NOTE = "Discharge medications: metformin 500 mg twice daily. Lisinopril 10 mg once daily."
QUESTION = "What does she take for diabetes?"


def test_the_notice_says_none_cited_all_attached_or_nothing() -> None:
    assert "cited no passage for this answer:" in citation_notice("Metformin 500 mg.", [])
    attached = Flag(0, "attached_citation", "", "", start=0, end=21)
    said = citation_notice("Metformin 500 mg [1].", [attached])
    assert "marked †" in said and "attached by MedLocal" in said
    assert citation_notice("Metformin 500 mg [1].", []) == ""
    # One sentence cited by the model is enough: the others carry their own flags.
    mixed = "Metformin 500 mg [1]. Lisinopril 10 mg [1]."
    assert citation_notice(mixed, [Flag(1, "attached_citation", "", "", start=22, end=43)]) == ""
    assert citation_notice("  ", []) == ""
    # A reference range is no citation.
    assert "cited no passage" in citation_notice("Sodium 138 mmol/L [135-145].", [])


@pytest.mark.parametrize(
    ("said", "notice"),
    [
        ("Metformin 500 mg twice daily.", "attached by MedLocal"),
        ("Metformin 500 mg twice daily [1].", None),
    ],
    ids=["uncited", "cited"],
)
def test_an_answer_the_model_cited_nothing_of_says_so_once(
    qtbot: QtBot, tmp_path: Path, said: str, notice: str | None
) -> None:
    ws = make_workspace(tmp_path, chat=FakeChatModel(said))
    ws.create_vault(PASS, PASS)
    note = tmp_path / "discharge.txt"
    note.write_text(NOTE, "utf-8")
    window = window_with_patient(qtbot, ws, "Margaret Hartley")
    ws.import_documents([note], window.patients.patient_id)
    chat = window.chat
    chat.ask(QUESTION)
    qtbot.waitUntil(lambda: chat.job is None and len(chat.turns) == 1, timeout=30000)
    for _reopened in range(2):
        shown = chat.view.toPlainText().split(QUESTION, 1)[1]
        if notice is None:
            assert "cited no passage" not in shown
        else:
            assert shown.count("The model cited no passage for this answer") == 1, shown
            assert notice in shown
            # Said after the answer, before its sources.
            assert shown.index("Metformin") < shown.index("cited no passage")
            assert shown.index("cited no passage") < shown.index("Sources")
        chat.open_chat(chat.chat_id)  # the same, read back from the vault
    window.close()
    ws.close()


def test_a_summary_citing_nothing_says_so() -> None:
    text = "# Medication list\n\n## Current medications\n\nNo supported text: check the sources."
    template = scan_templates()[0][0]
    summary = Summary(template, "Medication list", text, passages=[])
    assert "The model cited no passage for this summary" in summary_html(summary)
    cited = Summary(template, "Medication list", "Metformin 500 mg [1].", passages=[])
    assert "cited no passage" not in summary_html(cited)
