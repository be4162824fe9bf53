"""Walk 39 item 4 with the real vault, search, demo embedder and demo model: "What is the
patient's blood group?" on documents that never give one (but say "blood pressure" and "blood
tests") is answered "Not found in the selected documents" without running the model; "What is
her blood type?" on a document giving "ABO group O, RhD positive" still reaches the model."""

from __future__ import annotations

from pathlib import Path

from fixtures.fake_models import FakeChatModel

from medlocal.engine.api import ChatModel, Embedder, SamplingParams
from medlocal.ingest.pipeline import import_paths
from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.passages import Scope
from medlocal.rag.prompts import NOT_FOUND_MESSAGE
from medlocal.vault.store import Vault

NOTES = {
    "gp_review.txt": (
        "GP review, 02/02/2026.\n\nBlood pressure 148/92, pulse 76 regular. Blood tests: Hb 131"
        " g/L, eGFR 52. She lives with her husband and walks her dog daily. Group education on"
        " diet offered.\n"
    ),
    "clinic_letter.txt": (
        "Clinic letter, 14/10/2025.\n\nShe takes amlodipine 10 mg daily for hypertension. Repeat"
        " blood tests in three months.\n"
    ),
}
TRANSFUSION = {"transfusion_lab.txt": "Transfusion laboratory: ABO group O, RhD positive.\n"}


def _patient(vault: Vault, folder: Path, notes: dict[str, str], embedder: Embedder) -> int:
    folder.mkdir(parents=True)
    for file_name, text in notes.items():
        (folder / file_name).write_text(text, encoding="utf-8")
    patient = vault.add_patient("Eleanor Vance-Whitlock", mrn="VW-580214")
    report = import_paths(vault, [folder / n for n in sorted(notes)], patient, embedder)
    assert [f.status for f in report.files] == ["imported"] * len(notes)
    return patient


def test_an_absent_blood_group_is_not_found_without_running_the_model(
    vault: Vault, tmp_path: Path, demo_chat: ChatModel, demo_embedder: Embedder
) -> None:
    patient = _patient(vault, tmp_path / "a", NOTES, demo_embedder)
    answerer = GroundedAnswerer(
        demo_chat, vault, demo_embedder, params=SamplingParams(max_tokens=16)
    )
    answer = answerer.ask("What is the patient's blood group?", Scope(patient)).consume()
    assert answer.status == "not_found" and answer.raw_text == "", answer
    assert answer.text == NOT_FOUND_MESSAGE
    assert answer.notes == ["no passage found names any of 'blood group'"]


def test_a_blood_type_written_as_abo_and_rhd_reaches_the_model(
    vault: Vault, tmp_path: Path, demo_embedder: Embedder
) -> None:
    patient = _patient(vault, tmp_path / "b", {**NOTES, **TRANSFUSION}, demo_embedder)
    model = FakeChatModel("Her blood group is ABO group O, RhD positive [1].")
    answer = (
        GroundedAnswerer(model, vault, demo_embedder)
        .ask("What is her blood type?", Scope(patient))
        .consume()
    )
    assert model.calls, "refused before the model"
    assert any("ABO group O" in p.hit.text for p in answer.passages)


# Session 38 leftover: concepts notes write in other words (medlocal/concepts.py).
ANTENATAL = {
    "antenatal_booking.txt": (
        "Booking visit, 14/01/2026.\n\nObstetric history: G2P1. LMP 08/08/2025, EDD 14/05/2026;"
        " urine bHCG positive at the visit.\n"
    ),
}


def test_a_pregnancy_written_as_gravida_lmp_and_hcg_reaches_the_model(
    vault: Vault, tmp_path: Path, demo_embedder: Embedder
) -> None:
    patient = _patient(vault, tmp_path / "c", {**NOTES, **ANTENATAL}, demo_embedder)
    model = FakeChatModel("Yes: G2P1, EDD 14/05/2026 [1].")
    answer = (
        GroundedAnswerer(model, vault, demo_embedder)
        .ask("Is she pregnant?", Scope(patient))
        .consume()
    )
    assert model.calls, "refused before the model"
    assert any("G2P1" in p.hit.text for p in answer.passages)


def test_an_absent_occupation_is_not_found_without_running_the_model(
    vault: Vault, tmp_path: Path, demo_chat: ChatModel, demo_embedder: Embedder
) -> None:
    patient = _patient(vault, tmp_path / "d", {**NOTES, **ANTENATAL}, demo_embedder)
    answerer = GroundedAnswerer(
        demo_chat, vault, demo_embedder, params=SamplingParams(max_tokens=16)
    )
    answer = answerer.ask("What is her occupation?", Scope(patient)).consume()
    assert answer.status == "not_found" and answer.raw_text == "", answer
    assert answer.text == NOT_FOUND_MESSAGE
