"""Search over a real vault where one document repeats the same line many times: copies take one
place, the lab report that answers the question is still found; and an exact code ("MRN-7781")
ranks above passages that only come close in meaning."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from fixtures.hashed_words import embed

from medlocal.ingest.chunker import chunk_document
from medlocal.ingest.document import ExtractedDocument
from medlocal.vault.diversify import text_key
from medlocal.vault.keys import KdfParams
from medlocal.vault.lexical import code_tokens
from medlocal.vault.records import ChunkRecord, SearchHit
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)
MODEL = "hashed-words-v1"


class Words:
    def count_tokens(self, text: str) -> int:
        return len(text.split())


def add(vault: Vault, patient: int, name: str, chunks: Sequence[ChunkRecord]) -> int:
    text = "\n".join(c.text for c in chunks)
    vectors = embed([c.text for c in chunks])
    return vault.add_document(patient, name, "txt", text.encode(), list(chunks), vectors, MODEL)


def add_text(vault: Vault, patient: int, name: str, text: str) -> int:
    """A document chunked as an import chunks it."""
    chunks = chunk_document(ExtractedDocument(text, "txt"), Words(), file_name=name)
    return add(vault, patient, name, chunks)


def add_passages(vault: Vault, patient: int, name: str, texts: Sequence[str]) -> int:
    records, offset = [], 0
    for text in texts:
        records.append(ChunkRecord(text, 1, offset, offset + len(text)))
        offset += len(text) + 1
    return add(vault, patient, name, records)


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    vault, _ = Vault.create(tmp_path / "vault", "pass", kdf_params=FAST)
    yield vault
    vault.lock()


LAB = (
    "Renal profile, collected 2024-05-02. Sodium 139 mmol/L, Potassium 5.4 mmol/L H, urea "
    "6.2 mmol/L, creatinine 88 umol/L. Specimen not haemolysed."
)
DISCHARGE = (
    "Discharge summary. Admitted with dehydration, treated with intravenous fluids. "
    "Potassium 4.1 mmol/L on the day of discharge. Follow up with the GP in one week."
)


def search(vault: Vault, patient: int, query: str, k: int) -> list[SearchHit]:
    return vault.search(query, embed([query])[0], patient_id=patient, k=k)


def test_a_line_repeated_3000_times_takes_one_place(vault: Vault) -> None:
    p = vault.add_patient("P")
    lab = add_passages(vault, p, "lab_report.pdf", [LAB])
    discharge = add_passages(vault, p, "discharge.pdf", [DISCHARGE])
    huge = add_text(vault, p, "hugeline.txt", "Potassium 4.5 mmol/L " * 3000)
    assert len(vault.document_chunks(huge)) > 40  # the chunker cuts it at different offsets

    hits = search(vault, p, "potassium", k=12)
    docs = [h.document_id for h in hits]
    assert docs.count(huge) == 1
    assert lab in docs and discharge in docs
    assert len({text_key(h.text) for h in hits}) == len(hits)
    # What an answer is given (5 passages) holds the lab report, not five copies of the line.
    docs = [h.document_id for h in search(vault, p, "What was her most recent potassium?", k=5)]
    assert lab in docs and discharge in docs and docs.count(huge) == 1


def test_hundreds_of_copies_beyond_the_first_candidates(vault: Vault) -> None:
    p = vault.add_patient("P")
    # Identical passages, and near-identical ones (a day count apart), hundreds of each.
    add_passages(vault, p, "copies.txt", ["Potassium 4.5 mmol/L."] * 300)
    daily = add_passages(
        vault, p, "daily.txt", [f"Potassium 4.5 mmol/L, day {i}." for i in range(300)]
    )
    lab = add_passages(vault, p, "lab_report.pdf", [LAB])
    discharge = add_passages(vault, p, "discharge.pdf", [DISCHARGE])

    hits = search(vault, p, "potassium", k=5)
    docs = [h.document_id for h in hits]
    assert lab in docs and discharge in docs
    assert len({text_key(h.text) for h in hits}) == len(hits)
    assert docs.count(daily) <= 2  # one, and one demoted repeat filling the last place
    # With room to spare, identical copies still count once.
    hits = search(vault, p, "potassium", k=50)
    assert len({text_key(h.text) for h in hits}) == len(hits)


def test_an_exact_code_ranks_above_meaning_only_matches(vault: Vault) -> None:
    p = vault.add_patient("P")
    # Passages close in meaning to "MRN-7781" (they say MRN) that do not hold that number.
    meaning = add_passages(
        vault,
        p,
        "front_desk.txt",
        [f"MRN checked at the front desk, visit {i}." for i in range(40)],
    )
    exact = [
        add_passages(vault, p, name, [text])
        for name, text in (
            ("request.txt", "Renal profile requested for MRN-7781 by the ward team today."),
            ("label.txt", "Specimen label: mrn-7781, collected by the phlebotomist at noon."),
            ("letter.txt", "Clinic letter about the patient with MRN 7781 and her new tablets."),
        )
    ]
    hits = search(vault, p, "MRN-7781", k=5)
    assert {h.document_id for h in hits[:3]} == set(exact)
    assert all(h.document_id == meaning for h in hits[3:])
    assert [h.holds_code for h in hits] == [True, True, True, False, False]
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_code_tokens() -> None:
    query = "MRN-7781 HbA1c B12 500mg 5.4mmol/L E11.9 2024 2024-05-02 00123456 x2 potassium 4.5"
    assert code_tokens(query) == ["MRN-7781", "E11.9", "00123456"]


def test_text_key_normalises_case_space_and_repeated_lines() -> None:
    assert text_key("Potassium  4.5\nmmol/L") == text_key("potassium 4.5 mmol/l")
    line = "Potassium 4.5 mmol/L "
    assert text_key(line * 70) == text_key((line * 75)[7:1400]) == text_key(line * 3)
    assert text_key(line * 3) != text_key(("Potassium 5.4 mmol/L ") * 3)
    assert text_key("no chest pain") != text_key("chest pain")
