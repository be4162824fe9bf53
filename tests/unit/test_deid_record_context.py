"""Record context: what one of a patient's documents names goes from every export of the
patient (a neighbour named with a cue in one note is a bare word in the next)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from medlocal.privacy.deid_record import record_seeds
from medlocal.privacy.redact import Redactor
from medlocal.rag import export_record
from medlocal.rag.export import Shared, document_from_output, plan_for_export
from medlocal.rag.export_record import patient_record
from medlocal.vault.keys import KdfParams
from medlocal.vault.records import ChunkRecord
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)
CUED = (
    "Lives alone. Neighbour Frost holds a key. Grandson Tiger visits on weekends.\n"
    "Discharged to Larchmont Gables Nursing Home. Reviewed by Dr Parkinson.\n"
)
BARE = (
    "Tiger rang: she is eating less. Frost will check on her daily until she returns to"
    " Larchmont Gables."
)


def _add(vault: Vault, patient: int, name: str, text: str) -> int:
    chunk = ChunkRecord(text, 1, 0, len(text))
    vector = np.full((1, 4), 0.5, dtype=np.float32)
    return vault.add_document(patient, name, "txt", text.encode(), [chunk], vector, "m")


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    vault, _ = Vault.create(tmp_path / "vault", "pass", kdf_params=FAST)
    yield vault
    vault.lock()


def _removed(vault: Vault, patient: int, shared: Shared, text: str) -> set[str]:
    doc = document_from_output("Note", "summary", text, {}, [])
    plan = plan_for_export(vault, patient, doc, scope=shared.scope)
    return {item.redaction.original for item in plan.items}


def test_a_name_found_with_a_cue_in_one_document_goes_from_another(vault: Vault) -> None:
    alone = vault.add_patient("Edith Marlowe")
    bare_id = _add(vault, alone, "bare.txt", BARE)
    # Read alone, the bare note says nothing of who Frost is: it stays. (Round 20 reads "Tiger
    # rang:" as a person by its verb, record or not.)
    assert "Frost" not in _removed(vault, alone, Shared.document(bare_id), BARE)
    patient = vault.add_patient("Edith Marlowe")
    _add(vault, patient, "referral.txt", CUED)
    bare_id = _add(vault, patient, "bare.txt", BARE)
    removed = _removed(vault, patient, Shared.document(bare_id), BARE)
    assert {"Frost", "Tiger"} <= removed, removed
    assert any("Larchmont Gables" in r for r in removed), removed


def test_a_summary_quoting_the_record_loses_the_records_names(vault: Vault) -> None:
    patient = vault.add_patient("Edith Marlowe")
    _add(vault, patient, "referral.txt", CUED)
    summary = "Frost checks on her daily [1]. Parkinson disease is stable on co-careldopa [1]."
    removed = _removed(vault, patient, Shared.output(1), summary)
    assert "Frost" in removed
    # A clinician's surname that is an eponym does not take the disease from other text.
    assert not any("Parkinson" in r for r in removed), removed


def test_the_record_is_read_once_until_its_documents_change(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    patient = vault.add_patient("Edith Marlowe")
    _add(vault, patient, "referral.txt", CUED)
    reads: list[int] = []
    real = vault.document_text

    def counted(document_id: int) -> str:
        reads.append(document_id)
        return real(document_id)

    monkeypatch.setattr(vault, "document_text", counted)
    first = patient_record(vault, patient)
    assert patient_record(vault, patient) is first and len(reads) == 1
    _add(vault, patient, "bare.txt", BARE)
    second = patient_record(vault, patient)
    assert second is not first and len(reads) == 3
    assert "frost" in dict(second.names.words)


def test_the_cache_lets_the_vault_go() -> None:
    class Source:
        def list_documents(self, patient_id: int | None = None) -> list[object]:
            return []

    source = Source()
    patient_record(source, 1)  # type: ignore[arg-type]
    assert len(export_record._RECORDS) >= 1
    del source
    gc.collect()
    assert all(type(key).__name__ != "Source" for key in export_record._RECORDS)


def test_record_seeds_pass_on_names_and_places_not_streets_or_clinical_words() -> None:
    seeds = record_seeds(
        [
            "Daughter Primrose Okafor-Blane visits. Lives at 4 Mill Lane, Harrowgate.\n"
            "Known to Hillcrest Lodge Care Home. Bloods: Hb 121, CRP 8. Parkinson disease.",
        ]
    )
    assert "okafor" in seeds.words or "okafor-blane" in seeds.words, seeds
    assert seeds.words.get("hillcrest") == "facility", seeds
    assert "mill" not in seeds.words and "lane" not in seeds.words, seeds
    assert not {"parkinson", "crp", "bloods"} & set(seeds.words), seeds
    redactor = Redactor(record=seeds)
    text = "Okafor-Blane phoned. Back to Hillcrest Lodge on Friday; CRP 12, Parkinson disease."
    kept = redactor.redact(text)
    assert "Okafor" not in kept and "Hillcrest" not in kept, kept
    assert "CRP 12" in kept and "Parkinson disease" in kept, kept
