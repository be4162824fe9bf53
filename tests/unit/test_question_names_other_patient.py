"""Walk 33: "What dose of semaglutide is Eleanor Whitcomb taking?", asked with Eleanor
Whitcombe selected, was answered from Eleanor Whitcombe's documents with no word that the
question named another patient of the vault. The answer now says so, and keeps saying it when
the chat is reopened."""

from __future__ import annotations

from pathlib import Path

from fixtures.fake_models import FakeChatModel
from fixtures.ingest_files import FakeEmbedder

from medlocal.app import Workspace
from medlocal.app.chats import chat_turns
from medlocal.app.patient_mixups import question_check
from medlocal.vault.keys import KdfParams
from medlocal.vault.rows import Patient

PASS = "correct horse battery staple"
NOTE = "Eleanor Whitcombe, MRN EW-4410. Semaglutide 1 mg weekly; atorvastatin 20 mg at night."
WHITCOMBE = Patient(1, "Eleanor Whitcombe", "EW-4410", None, "")
WHITCOMB = Patient(2, "Eleanor Whitcomb", "EW-9902", None, "")


def test_a_question_naming_another_patient_gets_a_note() -> None:
    check = question_check([WHITCOMBE, WHITCOMB], 1)
    (note,) = check("What dose of semaglutide is Eleanor Whitcomb taking?")
    assert "names Eleanor Whitcomb (patient 2, MRN EW-9902)" in note
    assert "reads only Eleanor Whitcombe's (patient 1) documents" in note
    assert check("What dose of semaglutide is ELEANOR WHITCOMB taking?")
    assert check("Was EW-9902 seen in clinic?")


def test_the_selected_patient_or_a_shared_family_name_gets_none() -> None:
    check = question_check([WHITCOMBE, WHITCOMB], 1)
    assert check("What dose of semaglutide is Eleanor Whitcombe taking?") == []
    assert check("Does Mrs Whitcomb's sister have diabetes?") == []  # a family name alone
    assert check("What dose of semaglutide is she taking?") == []
    assert question_check([WHITCOMBE, WHITCOMB], 2)("Is Eleanor Whitcomb on insulin?") == []


def test_the_answer_and_the_reopened_chat_carry_the_note(tmp_path: Path) -> None:
    ws = Workspace(
        tmp_path / "vault",
        kdf_params=KdfParams(8 * 1024, 1, 1),
        embedder_loader=lambda model: FakeEmbedder(),
        chat_loader=lambda model: FakeChatModel("She takes semaglutide 1 mg weekly [1]."),
    )
    ws.create_vault(PASS, PASS)
    vault = ws.require_vault()
    patient = vault.add_patient(WHITCOMBE.name, mrn=WHITCOMBE.mrn)
    note = tmp_path / "letter.txt"
    note.write_text(NOTE, encoding="utf-8")
    ws.import_documents([note], patient)
    session = ws.grounded_chat(patient)
    other = vault.add_patient(WHITCOMB.name, mrn=WHITCOMB.mrn)  # added after the chat opened
    answer = session.ask("What dose of semaglutide is Eleanor Whitcomb taking?").consume()
    assert answer.notes and f"(patient {other}, MRN EW-9902)" in answer.notes[0]
    (turn,) = chat_turns(vault, session.chat_id)
    assert turn.notes == answer.notes
    plain = session.ask("And her atorvastatin dose?").consume()
    assert not any("another patient" in n for n in plain.notes)
