"""Switching a vault to another embedding model: every document's vectors replaced, one
document per transaction, so a cancelled run leaves each document whole on one model."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from medlocal.vault import db, documents
from medlocal.vault.audit import MAX_DETAIL_STRING
from medlocal.vault.records import indexed_text
from medlocal.vault.search import ProgressCallback
from medlocal.vault.session import SessionSource, reading

EMBED_BATCH = 32  # passages per embedder call while re-embedding: the granularity of cancel


class Embedder(Protocol):
    """What re-embedding needs of an embedding model (``medlocal.engine.api.Embedder`` fits;
    the vault layer does not import the engine)."""

    @property
    def model_id(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]: ...


@dataclass
class ReembedReport:
    """What :meth:`Vault.reembed` did. ``pending`` documents still carry another model's vectors
    (after a cancel); their passages are found by exact words only until the next run."""

    model_id: str
    total: int = 0
    converted: int = 0
    skipped: int = 0  # deleted or changed while the run was embedding them
    cancelled: bool = False

    @property
    def pending(self) -> int:
        return self.total - self.converted - self.skipped


def reembed_documents(
    fetch: SessionSource,
    embedder: Embedder,
    progress: ProgressCallback | None,
    cancel: threading.Event | None,
) -> ReembedReport:
    """Give every document not yet on ``embedder``'s model its vectors; ``progress(done, total)``
    counts documents. Embedding runs without the vault lock; ``cancel`` is honoured between
    documents and between embedding batches."""
    target = embedder.model_id
    report = ReembedReport(model_id=target[:MAX_DETAIL_STRING])
    with reading(fetch) as s:
        todo = documents.documents_not_on(s.conn, target)
    report.total = len(todo)
    for document_id in todo:
        if cancel is not None and cancel.is_set():
            report.cancelled = True
            break
        with reading(fetch) as s:
            chunks = documents.document_chunks(s.conn, document_id)
        texts = [indexed_text(chunk.context, chunk.text) for chunk in chunks]
        vectors = _embed_passages(embedder, texts, cancel)
        if vectors is None:
            report.cancelled = True
            break
        if _replace_vectors(fetch, document_id, [c.id for c in chunks], target, vectors):
            report.converted += 1
        else:
            report.skipped += 1
        if progress is not None:
            progress(report.converted + report.skipped, report.total)
    return report


def _replace_vectors(
    fetch: SessionSource,
    document_id: int,
    chunk_ids: list[int],
    model_id: str,
    vectors: npt.NDArray[np.float32],
) -> bool:
    """One document's swap; False when it was deleted or changed while being embedded."""
    array = documents.check_vectors(chunk_ids, vectors)
    with reading(fetch) as s:
        with db.transaction(s.conn):
            scope = documents.document_scope(s.conn, document_id)
            if scope is None or documents.chunk_ids(s.conn, document_id) != chunk_ids:
                return False
            patient_id, collection_id = scope
            old_models = documents.vector_models(s.conn, document_id)
            indexed = documents.replace_vectors(
                s.conn, document_id, collection_id, chunk_ids, model_id, array
            )
            s.audit.append(
                "reembed",
                {
                    "document_id": document_id,
                    "patient_id": patient_id,
                    "chunks": len(chunk_ids),
                    "from_models": [m[:MAX_DETAIL_STRING] for m in old_models if m != model_id],
                    "embed_model": model_id[:MAX_DETAIL_STRING],
                },
            )
        # The index hears of the change after the commit but before the lock is released, so
        # index changes arrive in commit order.
        for old in old_models:
            if old != model_id:
                s.index.remove(patient_id, chunk_ids, model_id=old)
        s.index.add(patient_id, model_id, indexed)
    return True


def _embed_passages(
    embedder: Embedder, texts: list[str], cancel: threading.Event | None
) -> npt.NDArray[np.float32] | None:
    """The passages' vectors, or None when cancelled part-way."""
    parts = [np.zeros((0, embedder.dim), dtype=np.float32)]
    for start in range(0, len(texts), EMBED_BATCH):
        if cancel is not None and cancel.is_set():
            return None
        parts.append(np.asarray(embedder.embed(texts[start : start + EMBED_BATCH])))
    vectors = np.concatenate(parts, axis=0).astype(np.float32, copy=False)
    if vectors.shape != (len(texts), embedder.dim):
        raise ValueError(f"the embedder returned {vectors.shape} vectors for {len(texts)} texts")
    return vectors
