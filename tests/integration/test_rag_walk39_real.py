"""Walk 39 with the real vault, search and demo embedder (no generation: the model is either
not asked or scripted): a question naming another patient and a drug none of the selected
patient's passages names is refused before the model, and its export keeps the note that it
names another patient; a model that declines is shown the passages naming the drug."""

from __future__ import annotations

from pathlib import Path

import pypdf
from fixtures.fake_models import FakeChatModel

from medlocal.app.patient_mixups import question_check
from medlocal.engine.api import ChatModel, Embedder, SamplingParams
from medlocal.ingest.pipeline import import_paths
from medlocal.rag.answer import GroundedAnswerer
from medlocal.rag.chat import ChatSession
from medlocal.rag.export import document_from_output, export_document
from medlocal.rag.passages import Scope
from medlocal.rag.prompts import NOT_FOUND_MESSAGE
from medlocal.vault.store import Vault

ELEANOR = {
    "discharge_summary.txt": (
        "Discharge summary, 11/01/2026.\n\nDischarge medications:\nAmlodipine 10 mg once daily."
        "\nDapagliflozin 10 mg once daily.\nRamipril stopped because of hyperkalaemia.\n"
    ),
    "clinic_letter.txt": (
        "Clinic letter, 14/10/2025.\n\nShe takes amlodipine 10 mg daily for hypertension. Her"
        " potassium was 5.1 mmol/L. She lives with her husband and walks her dog daily.\n"
    ),
}
OSRIC = {"osric_letter.txt": "Osric Penhaligon takes apixaban 5 mg twice daily for AF.\n"}


def _patient(
    vault: Vault, folder: Path, name: str, mrn: str, notes: dict[str, str], embedder: Embedder
) -> int:
    folder.mkdir(parents=True)
    for file_name, text in notes.items():
        (folder / file_name).write_text(text, encoding="utf-8")
    patient = vault.add_patient(name, mrn=mrn)
    report = import_paths(vault, [folder / n for n in sorted(notes)], patient, embedder)
    assert [f.status for f in report.files] == ["imported"] * len(notes)
    return patient


def test_walk39_other_patient_and_declined_answers_with_the_real_vault(
    vault: Vault, tmp_path: Path, demo_chat: ChatModel, demo_embedder: Embedder
) -> None:
    eleanor = _patient(
        vault, tmp_path / "a", "Eleanor Vance-Whitlock", "VW-580214", ELEANOR, demo_embedder
    )
    _patient(vault, tmp_path / "b", "Osric Penhaligon", "OP-771903", OSRIC, demo_embedder)
    answerer = GroundedAnswerer(
        demo_chat, vault, demo_embedder, params=SamplingParams(max_tokens=16)
    )
    session = ChatSession(
        answerer,
        vault,
        Scope(eleanor),
        question_notes=lambda q: question_check(vault.list_patients(), eleanor)(q),
    )
    answer = session.ask("What dose of apixaban is Osric Penhaligon taking?").consume()
    # Refused before the model was asked, as "What dose of warfarin is she on?" is.
    assert answer.status == "not_found" and answer.raw_text == "", answer
    assert answer.text == NOT_FOUND_MESSAGE
    assert answer.notes[0].startswith("the question names Osric Penhaligon (patient 2")
    assert answer.notes[1] == "no passage found names any of 'apixaban'"
    stored = vault.get_output(session.last_output_id)  # type: ignore[arg-type]
    doc = document_from_output("Q", "answer", stored.content, stored.provenance, stored.flags)
    for suffix in (".md", ".pdf"):
        out = tmp_path / f"answer{suffix}"
        export_document(doc, out)
        text = (
            out.read_text(encoding="utf-8")
            if suffix == ".md"
            else " ".join(p.extract_text() for p in pypdf.PdfReader(str(out)).pages)
        )
        assert "names Osric Penhaligon" in " ".join(text.split()), suffix

    # The model declines although the discharge medications name amlodipine: the passages
    # naming it are listed, not "Not found in the selected documents".
    declining = GroundedAnswerer(FakeChatModel("NOT IN DOCUMENTS"), vault, demo_embedder)
    result = declining.ask("What dose of amlodipine is she taking?", Scope(eleanor)).consume()
    assert result.status == "not_found"
    assert result.text.startswith("The model gave no supported answer from the"), result.text
    assert {s.file_name for s in result.sources} == {"discharge_summary.txt", "clinic_letter.txt"}
    assert all(
        "amlodipine" in p.hit.text.lower() for p in result.passages if p.source() in result.sources
    )
