"""Deleting a document says how many saved answers and summaries were written from it (they keep
their own text, quotations included)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from medlocal.app.outputs import outputs_citing
from medlocal.vault.keys import KdfParams
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    vault, _ = Vault.create(tmp_path / "vault", "correct horse battery", kdf_params=FAST)
    with vault:
        yield vault


def test_counts_outputs_whose_passages_or_sources_name_the_document(vault: Vault) -> None:
    patient = vault.add_patient("P")
    vault.save_output(patient, "answer", "q", "a [1]", {"passages": [{"document_id": 7}]}, [])
    vault.save_output(patient, "summary", "s", "b", {"sources": [{"document_id": 7}]}, [])
    vault.save_output(patient, "answer", "q2", "c", {"passages": [{"document_id": 8}]}, [])
    vault.save_output(patient, "answer", "q3", "Not found.", {}, [])
    assert outputs_citing(vault, [7]) == 2
    assert outputs_citing(vault, [7, 8]) == 3
    assert outputs_citing(vault, [9]) == 0
