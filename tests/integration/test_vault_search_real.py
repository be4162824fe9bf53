"""Hybrid search with the real demo embedder (llama.cpp, mean pooled), real chromadb and real
SQLCipher: an exact drug name and an MRN that the vectors alone do not rank first are found."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from medlocal.vault.keys import KdfParams
from medlocal.vault.records import ChunkRecord
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)

CORPUS = [
    "The patient was admitted with chest pain and shortness of breath.",
    "Blood pressure was 150 over 90; the dose of the antihypertensive was increased.",
    "Medication review: the tablet dose was reduced because of dizziness.",
    "Follow-up in the cardiology clinic in six weeks with a repeat ECG.",
    "She reports good adherence to her tablets and no side effects.",
    "Renal function is stable; continue the current dose of all medicines.",
    "Diabetes is controlled on diet alone; HbA1c 48 mmol/mol.",
    "Started dabigatran for atrial fibrillation after discussion of bleeding risk.",
    "Hospital record MRN-4471-2209-X confirmed at registration.",
    "Allergy to penicillin causing rash documented.",
    "Discharged home with district nurse follow-up.",
    "Weight is stable and appetite is good.",
    # Look-alikes: other anticoagulants and other record numbers. Meaning cannot tell them
    # apart; exact words can.
    "Started rivaroxaban for atrial fibrillation; dose checked against renal function.",
    "Apixaban dose reviewed for atrial fibrillation in an older patient.",
    "Edoxaban was considered but not started.",
    "Hospital record MRN-4471-2290-Y belongs to a different admission.",
    "Old record MRN-4417-2209-X merged at registration.",
    "Record MRN-7441-2209-K noted on the referral letter.",
]


def _rank(hits: list[Any], text_part: str) -> int | None:
    for position, hit in enumerate(hits, start=1):
        if text_part in hit.text:
            return position
    return None


@pytest.fixture
def vault_with_corpus(tmp_path: Path, demo_embedder: Any) -> Any:
    vault, _ = Vault.create(tmp_path / "vault", "correct horse battery", kdf_params=FAST)
    patient = vault.add_patient("Real Embedder Patient")
    chunks, offset = [], 0
    for text in CORPUS:
        chunks.append(ChunkRecord(text, 1, offset, offset + len(text)))
        offset += len(text) + 1
    vectors = demo_embedder.embed(CORPUS)
    vault.add_document(
        patient,
        "notes.txt",
        "txt",
        "\n".join(CORPUS).encode(),
        chunks,
        vectors,
        demo_embedder.model_id,
    )
    yield vault, patient
    vault.lock()


@pytest.mark.parametrize(
    ("query", "expected"),
    [("dabigatran dose", "dabigatran"), ("record MRN-4471-2209-X", "MRN-4471-2209-X")],
)
def test_hybrid_beats_vectors_alone_on_exact_terms(
    vault_with_corpus: Any, demo_embedder: Any, query: str, expected: str
) -> None:
    vault, patient = vault_with_corpus
    vector = demo_embedder.embed([query])[0]
    model = demo_embedder.model_id
    k = 3
    vector_only = vault.search("", vector, patient_id=patient, k=k, embed_model_id=model)
    hybrid = vault.search(query, vector, patient_id=patient, k=k, embed_model_id=model)
    vector_rank = _rank(vector_only, expected)
    hybrid_rank = _rank(hybrid, expected)
    assert hybrid_rank is not None, [h.text for h in hybrid]
    assert hybrid_rank == 1 and (vector_rank is None or vector_rank > 1), (vector_rank, hybrid_rank)
    print(f"{query!r}: vector-only rank {vector_rank}, hybrid rank {hybrid_rank}")
    top = next(h for h in hybrid if expected in h.text)
    assert top.bm25_score is not None
