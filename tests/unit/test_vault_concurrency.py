"""Interleavings of the vault's threads, forced deterministically: an index build against imports
and deletions, and the idle lock against a call already on its way in (real SQLCipher, real
chromadb, a small deterministic embedder)."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from medlocal.vault.errors import VaultLockedError
from medlocal.vault.index import ALL_PATIENTS, IndexedVector, VectorIndex
from medlocal.vault.keys import KdfParams
from medlocal.vault.records import ChunkRecord
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)
PASS = "correct horse battery"


class LetterEmbedder:
    """Deterministic: a passage's vector counts its letters."""

    model_id = "letters-v1"
    dim = 26

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        out = np.full((len(texts), self.dim), 0.01, dtype=np.float32)
        for row, text in enumerate(texts):
            for char in text.lower():
                if "a" <= char <= "z":
                    out[row, ord(char) - ord("a")] += 1.0
        normalised: npt.NDArray[np.float32] = out / np.linalg.norm(out, axis=1, keepdims=True)
        return normalised


EMB = LetterEmbedder()


def add(vault: Vault, patient: int, name: str, text: str) -> int:
    chunk = ChunkRecord(text, 1, 0, len(text))
    return vault.add_document(
        patient,
        name,
        "txt",
        name.encode() + text.encode(),
        [chunk],
        EMB.embed([text]),
        EMB.model_id,
    )


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    vault, _ = Vault.create(tmp_path / "vault", PASS, kdf_params=FAST)
    yield vault
    vault.lock()


def _fresh_index(vault: Vault) -> VectorIndex:
    """An empty index, as right after unlock."""
    session = vault._s
    assert session is not None
    session.index.close()
    session.index = VectorIndex()
    return session.index


def test_changes_committed_while_the_index_is_built_are_in_the_built_collection(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    patient = vault.add_patient("P")
    kept = add(vault, patient, "kept.txt", "warfarin at night")
    doomed = add(vault, patient, "doomed.txt", "amoxicillin three times a day")
    doomed_chunks = [c.id for c in vault.document_chunks(doomed)]
    index = _fresh_index(vault)

    # Hold the background build after it has read the vault and before it registers the
    # collection; import and delete a document in that window.
    read_done, resume = threading.Event(), threading.Event()
    # A build writes through _upsert (its batches sized by time), reported changes through _add.
    original_upsert = index._upsert

    def paused_upsert(collection: Any, items: Sequence[IndexedVector]) -> None:
        if threading.current_thread().name == "vault-index" and not read_done.is_set():
            read_done.set()
            assert resume.wait(30)
        original_upsert(collection, items)

    monkeypatch.setattr(index, "_upsert", paused_upsert)
    thread = vault.build_index(EMB.model_id)
    assert thread is not None
    assert read_done.wait(30)
    assert not index.is_built(ALL_PATIENTS, EMB.model_id)
    late = add(vault, patient, "late.txt", "metformin with breakfast")
    late_chunks = [c.id for c in vault.document_chunks(late)]
    vault.delete_document(doomed)
    resume.set()
    thread.join(30)
    assert not thread.is_alive()

    assert index.is_built(ALL_PATIENTS, EMB.model_id)
    query = EMB.embed(["metformin with breakfast"])[0]
    found = {chunk_id for chunk_id, _ in index.query(ALL_PATIENTS, EMB.model_id, query, 50)}
    assert set(late_chunks) <= found
    assert not found & set(doomed_chunks)
    assert len(found) == 2  # kept + late
    hits = vault.search("", query, k=5, embed_model_id=EMB.model_id)
    assert hits[0].document_id == late
    assert {h.document_id for h in hits} == {kept, late}


def test_a_failed_snapshot_leaves_no_half_built_collection(vault: Vault) -> None:
    index = _fresh_index(vault)

    def broken() -> list[IndexedVector]:
        raise RuntimeError("read failed")

    with pytest.raises(RuntimeError):
        index.build(ALL_PATIENTS, EMB.model_id, broken)
    assert not index.is_built(ALL_PATIENTS, EMB.model_id)
    assert not index._pending
    patient = vault.add_patient("P")
    add(vault, patient, "a.txt", "aspirin")  # reported changes find no stale queue
    assert not index._pending


def test_an_index_update_failing_after_the_commit_rebuilds_instead(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import is committed before the in-memory index hears of it: chroma failing then must
    not report the stored file as failed, nor leave vector search without it."""
    patient = vault.add_patient("P")
    add(vault, patient, "a.txt", "warfarin at night")
    query = EMB.embed(["metformin with breakfast"])[0]
    vault.search("", query, patient_id=patient, embed_model_id=EMB.model_id)  # builds it
    index = vault._s.index if vault._s is not None else None
    assert index is not None and index.is_built(patient, EMB.model_id)

    def broken(collection: Any, items: Sequence[IndexedVector]) -> None:
        raise RuntimeError("chroma failed")

    with monkeypatch.context() as patch:  # scoped: undo() would drop MEDLOCAL_HOME too
        patch.setattr(index, "_add", broken)
        late = add(vault, patient, "late.txt", "metformin with breakfast")  # no error
        assert not index.is_built(patient, EMB.model_id)
    hits = vault.search("", query, patient_id=patient, embed_model_id=EMB.model_id)
    assert hits[0].document_id == late and hits[0].vector_score is not None


def _locks_on_its_way_in(vault: Vault, monkeypatch: pytest.MonkeyPatch) -> None:
    """The idle timer fires after a call fetched the session and before it took its lock."""
    fetch = vault._session

    def fetch_then_idle() -> Any:
        session = fetch()
        vault._idle_timeout = 1.0
        vault._last_used -= 10.0
        vault._idle_check()  # what the idle timer thread runs
        return session

    monkeypatch.setattr(vault, "_session", fetch_then_idle)


@pytest.mark.parametrize(
    "call",
    [
        lambda v: v.list_patients(),  # a read
        lambda v: v.add_patient("Late"),  # a transaction
        lambda v: v.check_integrity(),
        lambda v: v.audit_verify(),
    ],
    ids=["read", "transaction", "integrity", "audit"],
)
def test_idle_lock_between_session_and_lock_raises_vault_locked(
    vault: Vault, monkeypatch: pytest.MonkeyPatch, call: Any
) -> None:
    vault.add_patient("P")
    _locks_on_its_way_in(vault, monkeypatch)
    with pytest.raises(VaultLockedError):
        call(vault)
    assert vault.is_locked
