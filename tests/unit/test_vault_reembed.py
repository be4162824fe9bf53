"""Switching the embedding model: ``Vault.reembed`` converts documents one transaction at a time,
never mixes models, can be cancelled between documents, and the ``model_load`` audit event (real
SQLCipher, real chromadb, two deterministic fake embedders of different models and sizes)."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from medlocal.vault.keys import KdfParams
from medlocal.vault.records import ChunkRecord
from medlocal.vault.store import EMBED_BATCH, Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)
PASS = "correct horse battery"
CONCEPTS = (
    ("kidney", "renal"),
    ("heart", "cardiac"),
    ("fever", "temperature"),
    ("cough", "breath"),
)


class ConceptEmbedder:
    """Synonyms share a direction; each model lays the concepts out differently."""

    def __init__(self, model_id: str, dim: int, offset: int) -> None:
        self.model_id = model_id
        self.dim = dim
        self._slot = {w: (i + offset) % (dim - 1) for i, ws in enumerate(CONCEPTS) for w in ws}
        self.calls = 0

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self.calls += 1
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z]+", text.lower()):
                if word in self._slot:
                    out[row, self._slot[word]] += 1.0
            out[row, self.dim - 1] += 0.05
            out[row] /= np.linalg.norm(out[row])
        return out


def model_a() -> ConceptEmbedder:
    return ConceptEmbedder("model-a", 16, 0)


def model_b() -> ConceptEmbedder:
    return ConceptEmbedder("model-b", 12, 5)


def add(vault: Vault, patient: int, name: str, *texts: str) -> int:
    emb = model_a()
    chunks, offset = [], 0
    for text in texts:
        chunks.append(ChunkRecord(text, 1, offset, offset + len(text)))
        offset += len(text) + 1
    return vault.add_document(
        patient, name, "txt", name.encode(), chunks, emb.embed(list(texts)), emb.model_id
    )


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    vault, _ = Vault.create(tmp_path / "vault", PASS, kdf_params=FAST)
    yield vault
    vault.lock()


def vector_docs(vault: Vault, emb: ConceptEmbedder, query: str, text: str = "") -> set[int]:
    """Documents found by meaning (a vector score) for ``query`` with ``emb``."""
    hits = vault.search(text, emb.embed([query])[0], k=20, embed_model_id=emb.model_id)
    return {h.document_id for h in hits if h.vector_score is not None}


def models_per_document(vault: Vault) -> dict[int, set[str]]:
    session = vault._s
    assert session is not None
    rows = session.conn.execute(
        "SELECT c.document_id, e.model_id FROM chunks c JOIN embeddings e ON e.chunk_id = c.id"
    ).fetchall()
    found: dict[int, set[str]] = {}
    for document_id, model_id in rows:
        found.setdefault(int(document_id), set()).add(str(model_id))
    return found


def assert_consistent(vault: Vault) -> None:
    """Every document has exactly one model's vectors, the one its row names, on every chunk."""
    per_doc = models_per_document(vault)
    for doc in vault.list_documents():
        assert per_doc[doc.id] == {doc.embed_model_id}
        session = vault._s
        assert session is not None
        missing = session.conn.execute(
            "SELECT count(*) FROM chunks c LEFT JOIN embeddings e ON e.chunk_id = c.id "
            "WHERE c.document_id = ? AND e.chunk_id IS NULL",
            (doc.id,),
        ).fetchone()[0]
        assert missing == 0
    assert vault.audit_verify().ok


def test_documents_embedded_by_a_are_found_with_b_only_after_reembed(vault: Vault) -> None:
    a, b = model_a(), model_b()
    p = vault.add_patient("P")
    kidney = add(vault, p, "k.txt", "renal function declining", "creatinine up")
    heart = add(vault, p, "h.txt", "cardiac murmur heard")
    # Build model A's collections (whole vault and the patient's) before converting.
    assert vector_docs(vault, a, "kidney") == {kidney, heart}
    assert vault.search("", a.embed(["kidney"])[0], patient_id=p, embed_model_id=a.model_id)
    assert vector_docs(vault, b, "kidney") == set()

    seen: list[tuple[int, int]] = []
    report = vault.reembed(b, progress=lambda done, total: seen.append((done, total)))
    assert (report.total, report.converted, report.skipped, report.cancelled) == (2, 2, 0, False)
    assert report.pending == 0 and seen == [(1, 2), (2, 2)]

    best = vault.search("", b.embed(["kidney"])[0], k=1, embed_model_id=b.model_id)
    assert best[0].document_id == kidney and best[0].vector_score is not None
    scoped = vault.search("", b.embed(["heart"])[0], patient_id=p, k=1, embed_model_id=b.model_id)
    assert scoped[0].document_id == heart
    # Model A's vectors are gone from the vault and from the in-memory collections.
    assert vector_docs(vault, a, "kidney") == set()
    assert vault.search("", a.embed(["kidney"])[0], patient_id=p, embed_model_id=a.model_id) == []
    assert vault.status().embed_models == [b.model_id]
    assert_consistent(vault)
    events = [e for e in vault.audit_entries() if e.event == "reembed"]
    assert [e.details["document_id"] for e in events] == [kidney, heart]
    assert events[0].details["from_models"] == [a.model_id]
    assert events[0].details["embed_model"] == b.model_id

    # A second run has nothing to do.
    calls = b.calls
    assert vault.reembed(b).total == 0 and b.calls == calls


def test_cancel_halfway_leaves_a_consistent_half_converted_vault(vault: Vault) -> None:
    b = model_b()
    p = vault.add_patient("P")
    docs = [add(vault, p, f"{i}.txt", f"renal report {i}", "fever settled") for i in range(4)]
    cancel = threading.Event()

    def stop_after_two(done: int, total: int) -> None:
        if done == 2:
            cancel.set()

    report = vault.reembed(b, progress=stop_after_two, cancel=cancel)
    assert (report.converted, report.cancelled, report.pending) == (2, True, 2)
    assert_consistent(vault)
    converted = {d.id for d in vault.list_documents() if d.embed_model_id == b.model_id}
    assert converted == set(docs[:2])

    # The documented behaviour: vector hits only from converted documents, plus every BM25 hit.
    hits = vault.search("renal", b.embed(["kidney"])[0], k=20, embed_model_id=b.model_id)
    assert {h.document_id for h in hits} == set(docs)
    assert {h.document_id for h in hits if h.vector_score is not None} == converted
    assert all(h.bm25_score is not None for h in hits if h.document_id not in converted)

    rest = vault.reembed(b)
    assert (rest.total, rest.converted, rest.cancelled) == (2, 2, False)
    assert vector_docs(vault, b, "kidney") == set(docs)
    assert_consistent(vault)


def test_cancel_inside_a_long_document_writes_nothing_of_it(vault: Vault) -> None:
    p = vault.add_patient("P")
    doc = add(vault, p, "long.txt", *[f"renal note {i}" for i in range(EMBED_BATCH + 5)])
    cancel = threading.Event()
    b = model_b()
    embed = b.embed

    def embed_then_cancel(texts: Sequence[str]) -> npt.NDArray[np.float32]:
        cancel.set()  # the user presses Cancel while the first batch is embedded
        return embed(texts)

    b.embed = embed_then_cancel  # type: ignore[method-assign]
    report = vault.reembed(b, cancel=cancel)
    assert (report.converted, report.cancelled, report.pending) == (0, True, 1)
    assert vault.get_document(doc).embed_model_id == "model-a"
    assert_consistent(vault)
    assert not [e for e in vault.audit_entries() if e.event == "reembed"]


def test_a_document_deleted_while_it_is_embedded_is_skipped(vault: Vault) -> None:
    p = vault.add_patient("P")
    gone = add(vault, p, "gone.txt", "cardiac note")
    kept = add(vault, p, "kept.txt", "renal note")
    b = model_b()
    embed = b.embed

    def delete_while_embedding(texts: Sequence[str]) -> npt.NDArray[np.float32]:
        if any(doc.id == gone for doc in vault.list_documents()):
            vault.delete_document(gone)
        return embed(texts)

    b.embed = delete_while_embedding  # type: ignore[method-assign]
    report = vault.reembed(b)
    assert (report.total, report.converted, report.skipped) == (2, 1, 1)
    assert [d.id for d in vault.list_documents()] == [kept]
    assert vector_docs(vault, model_b(), "kidney") == {kept}
    assert_consistent(vault)


def test_an_embedder_returning_the_wrong_shape_changes_nothing(vault: Vault) -> None:
    p = vault.add_patient("P")
    doc = add(vault, p, "a.txt", "renal note", "cardiac note")
    b = model_b()
    b.embed = lambda texts: np.ones((1, 12), dtype=np.float32)  # type: ignore[method-assign]
    with pytest.raises(ValueError, match="vectors"):
        vault.reembed(b)
    assert vault.get_document(doc).embed_model_id == "model-a"
    assert_consistent(vault)


def test_model_load_is_recorded_in_the_audit_chain(vault: Vault) -> None:
    digest = "ab" * 32
    vault.record_model_load("embedding", "all-MiniLM-L6-v2", digest)
    vault.record_model_load("chat", "x" * 500, "cd" * 32)
    loads = [e for e in vault.audit_entries() if e.event == "model_load"]
    assert loads[0].details == {"role": "embedding", "name": "all-MiniLM-L6-v2", "sha256": digest}
    assert len(loads[1].details["name"]) == 128
    assert vault.audit_verify().ok
    with pytest.raises(ValueError):
        vault.record_model_load("embedding", "m", "not-a-hash")
    with pytest.raises(ValueError):
        vault.record_model_load("vision", "m", digest)
