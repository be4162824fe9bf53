"""Document and patient ids are never handed out twice, even after the newest one is deleted and
the vault is locked and reopened (saved answers and the audit log name them by id)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from medlocal.vault.keys import KdfParams
from medlocal.vault.records import ChunkRecord
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)
PASS = "correct horse battery"


def _add(vault: Vault, patient: int, name: str, text: str) -> int:
    vector = np.ones((1, 4), dtype=np.float32) / 2
    chunks = [ChunkRecord(text, 1, 0, len(text))]
    return vault.add_document(patient, name, "txt", text.encode(), chunks, vector, "fake-v1")


def test_deleted_ids_are_not_reused(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "vault", PASS, kdf_params=FAST)
    first = vault.add_patient("Ann Example")
    letter = _add(vault, first, "letter.txt", "Apixaban 2.5 mg twice daily.")
    vault.delete_document(letter)
    second = vault.add_patient("Bob Example")
    vault.remove_patient(second)
    vault.lock()

    vault = Vault.open(tmp_path / "vault", PASS)
    third = vault.add_patient("Cy Example")
    other = _add(vault, third, "other.txt", "Warfarin 5 mg once daily.")
    assert third not in (first, second) and third > second
    assert other != letter and other > letter
    assert [p.id for p in vault.list_patients()] == [first, third]
    vault.lock()
