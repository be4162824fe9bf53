"""Kill -9 at random points during a large import, 20 times: the vault always opens, and every
visible document is complete (all chunks, all vectors, its audit event), none partial.

The child uses the fast fake embedder: the property under test is SQLCipher's transaction
atomicity around ``Vault.add_document``, not embedding. Each round imports a fresh folder, so
the kill lands among writes rather than among duplicate checks of earlier rounds' files.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixtures.ingest_files import KILL9_CHUNKING, FakeEmbedder, write_many_small_documents

from medlocal.ingest.chunker import chunk_document
from medlocal.ingest.extractors.plaintext import extract_text
from medlocal.vault.keys import KdfParams
from medlocal.vault.store import Vault

CHILD = Path(__file__).resolve().parents[1] / "fixtures" / "kill9_import_child.py"
ROUNDS = 20
DOCS_PER_ROUND = 150  # more than the child can import before the latest kill
PASSPHRASE = "kill nine passphrase"


def _check_vault(vault_dir: Path, patient_id: int, verified: dict[str, int]) -> int:
    """Open the vault and check every visible document is whole; returns how many there are.

    ``verified`` maps file names already checked chunk by chunk to their chunk count; a
    committed document never changes, so later rounds only recheck its count.
    """
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        assert vault.check_integrity() == []
        documents = vault.list_documents(patient_id)
        counter = FakeEmbedder()
        for doc in documents:
            if doc.file_name in verified:
                assert doc.chunk_count == verified[doc.file_name]
                continue
            data = vault.document_bytes(doc.id)
            expected = chunk_document(extract_text(data, doc.file_name), counter, KILL9_CHUNKING)
            stored = vault.document_chunks(doc.id)
            assert [(c.start, c.end, c.text) for c in stored] == [
                (c.start, c.end, c.text) for c in expected
            ], doc.file_name
            verified[doc.file_name] = len(stored)
        totals: list[int] = []
        vault.build_index(
            FakeEmbedder.model_id, lambda done, total: totals.append(total), background=False
        )
        # The index is built from chunks JOIN embeddings: every chunk has its vector.
        assert (totals[-1] if totals else 0) == sum(doc.chunk_count for doc in documents)
        imports = [e for e in vault.audit_entries() if e.event == "import"]
        assert sorted(e.details["document_id"] for e in imports) == sorted(d.id for d in documents)
        assert vault.audit_verify().ok
        return len(documents)


def _run_child(
    vault_dir: Path, passphrase_file: Path, patient_id: int, folder: Path, delay: float
) -> int:
    child = subprocess.Popen(
        [
            sys.executable,
            str(CHILD),
            str(vault_dir),
            str(passphrase_file),
            str(patient_id),
            str(folder),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stderr is not None
    if child.stdout.readline().strip() != "ready":
        child.wait(timeout=30)
        pytest.fail(f"the import child did not start: {child.stderr.read()[-2000:]}")
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    return child.returncode


@pytest.mark.slow
def test_kill9_during_import_leaves_no_partial_document(tmp_path: Path) -> None:
    folders = [tmp_path / "docs" / f"round-{r:02d}" for r in range(ROUNDS)]
    for number, folder in enumerate(folders):
        write_many_small_documents(folder, DOCS_PER_ROUND, first=number * DOCS_PER_ROUND)
    vault_dir = tmp_path / "vault"
    vault, _ = Vault.create(vault_dir, PASSPHRASE, kdf_params=KdfParams(8 * 1024, 1, 1))
    with vault:
        patient_id = vault.add_patient("Kill Nine")
    passphrase_file = tmp_path / "passphrase"
    passphrase_file.write_text(PASSPHRASE, encoding="utf-8")

    rng = random.Random(20240611)
    verified: dict[str, int] = {}
    killed, counts = 0, []
    for folder in folders:
        returncode = _run_child(
            vault_dir, passphrase_file, patient_id, folder, rng.uniform(0.02, 0.5)
        )
        killed += returncode == -signal.SIGKILL
        counts.append(_check_vault(vault_dir, patient_id, verified))

    assert killed >= ROUNDS // 2  # most rounds were cut off in the middle of the import
    assert counts == sorted(counts) and counts[-1] > 0  # committed documents are never lost
