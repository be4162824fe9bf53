"""Walk 41 item 1: "What is Desmond Achterberg's latest potassium?", asked with Rosalind
Ortega-Whitfield selected, was answered "The answer is: 18/07/2026, Desmond Achterberg's latest
potassium [2†]" from Rosalind's results; the note that the question names another patient went
to stderr only, after the answer. The note now comes first, on stdout with the answer, and a
sentence giving the selected patient's values to another person is flagged wrong_patient."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel
from fixtures.vault_file import PASS, new_workspace

from medlocal.app import Workspace
from medlocal.app.chats import chat_turns
from medlocal.cli import main
from medlocal.rag.checks.patient_identity import (
    OtherPerson,
    check_other_person_named,
    question_person,
)

ROSALIND = "Rosalind Ortega-Whitfield"
DESMOND = "Desmond Achterberg"
LABS = (
    "Rosalind Ortega-Whitfield. 18/07/2026 Potassium 4.9 mmol/L. 29/08/2026 Potassium 5.1 mmol/L."
)
MIXED = "The answer is: 18/07/2026, Desmond Achterberg's latest potassium [1]."
QUESTION = "What is Desmond Achterberg's latest potassium?"
OTHER = OtherPerson(DESMOND, "another patient of this vault (patient 2)")


def test_a_sentence_giving_values_to_another_patient_is_flagged() -> None:
    (flag,) = check_other_person_named(MIXED, [OTHER], ROSALIND)
    assert flag.kind == "wrong_patient" and flag.token == DESMOND
    assert MIXED[flag.token_start : flag.token_end] == DESMOND
    assert "another patient of this vault (patient 2)" in flag.message
    assert f"reads only {ROSALIND}'s documents" in flag.message
    # "ACHTERBERG, Desmond" is the same person
    assert check_other_person_named("ACHTERBERG, Desmond: potassium 5.1 [1].", [OTHER], ROSALIND)
    # a citation MedLocal attached counts as one
    assert check_other_person_named("Desmond Achterberg's latest.", [OTHER], ROSALIND, [0])


@pytest.mark.parametrize(
    "text",
    [
        "Her latest potassium was 5.1 mmol/L on 29/08/2026 [1].",  # no other name
        "The documents are Rosalind's; none is Desmond Achterberg's.",  # no value, no citation
        "Mrs Achterberg's potassium was 5.1 mmol/L [1].",  # a family name alone: a relative
    ],
)
def test_no_flag_without_another_persons_whole_name_beside_values(text: str) -> None:
    assert check_other_person_named(text, [OTHER], ROSALIND) == []


def test_the_person_a_question_names() -> None:
    asked = question_person(QUESTION, ROSALIND)
    assert asked is not None and asked.name == DESMOND
    assert question_person("What is Rosalind Ortega-Whitfield's potassium?", ROSALIND) is None
    assert question_person("What is her latest potassium?", ROSALIND) is None


def _workspace(tmp_path: Path, reply: str) -> Workspace:
    chat = FakeChatModel(reply)
    ws = new_workspace(tmp_path, chat)
    vault = ws.require_vault()
    rosalind = vault.add_patient(ROSALIND, mrn="SAH-7730415")
    vault.add_patient(DESMOND, mrn="SAH-6619024")
    labs = tmp_path / "labs.txt"
    labs.write_text(LABS, encoding="utf-8")
    ws.import_documents([labs], rosalind)
    return ws


def test_the_answer_flags_the_sentence_first_and_keeps_it(tmp_path: Path) -> None:
    ws = _workspace(tmp_path, MIXED)
    session = ws.grounded_chat(1)
    answer = session.ask(QUESTION).consume()
    assert answer.flags[0].kind == "wrong_patient"
    assert "(patient 2)" in answer.flags[0].message
    assert answer.notes and "names Desmond Achterberg (patient 2" in answer.notes[0]
    (turn,) = chat_turns(ws.require_vault(), session.chat_id)
    assert turn.flags[0].kind == "wrong_patient"  # saved with it
    ws.close()


def test_a_name_outside_the_vault_the_question_asks_about(tmp_path: Path) -> None:
    ws = _workspace(tmp_path, "Ingrid Solberg's latest potassium was 5.1 mmol/L [1].")
    answer = ws.grounded_chat(1).ask("What is Ingrid Solberg's latest potassium?").consume()
    flags = [f for f in answer.flags if f.kind == "wrong_patient"]
    assert flags and "the person the question asks about" in flags[0].message
    ws.close()


def test_a_plain_answer_gets_no_such_flag(tmp_path: Path) -> None:
    ws = _workspace(tmp_path, "Her latest potassium was 5.1 mmol/L on 29/08/2026 [1].")
    answer = ws.grounded_chat(1).ask("What is her latest potassium?").consume()
    assert not [f for f in answer.flags if f.kind == "wrong_patient"]
    ws.close()


def test_the_command_line_prints_the_note_first_on_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = _workspace(tmp_path, MIXED)
    secret = tmp_path / "secret.txt"
    secret.write_text(PASS, encoding="utf-8")
    ws.close()
    assert (
        main(["ask", "--patient", "1", "--passphrase-file", str(secret), QUESTION], workspace=ws)
        == 0
    )
    out, err = capsys.readouterr()
    assert "names Desmond Achterberg (patient 2" in out
    assert out.index("Note: the question names Desmond Achterberg") < out.index("The answer is")
    assert "wrong patient: names Desmond Achterberg" in out
    assert "names Desmond Achterberg" not in err
    ws.close()
