"""Retrieval over an unlocked vault: the in-memory vector collections and hybrid search.

Vectors live only in memory (:class:`~medlocal.vault.index.VectorIndex`) and are built from the
vault on demand: one patient's collection at a time, or the whole vault's in the background.
A query is answered by chromadb cosine and FTS5 bm25 together, fused by reciprocal rank; the
bm25 query also carries the other names of a drug the question names (a brand's generic and
back), and a class the question names brings its member drugs as a ranking of their own
(:mod:`medlocal.drugs`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from medlocal.drugs import query_expansion
from medlocal.vault import documents, patients
from medlocal.vault.diversify import demote_near_duplicates
from medlocal.vault.errors import VaultLockedError
from medlocal.vault.index import ALL_PATIENTS, IndexedVector
from medlocal.vault.lexical import bm25_search, reciprocal_rank_fusion
from medlocal.vault.records import SearchHit
from medlocal.vault.session import Session, SessionSource, hold, reading, writing

ProgressCallback = Callable[[int, int], None]  # (done so far, total)
DIVERSITY_MARGIN = 10  # candidates beyond k considered when near-duplicates are demoted


def embed_model_ids(fetch: SessionSource) -> list[str]:
    """Embedding models in use, most recently used first."""
    with reading(fetch) as s:
        rows = s.conn.execute(
            "SELECT embed_model_id FROM documents GROUP BY embed_model_id "
            "ORDER BY max(imported_at) DESC, max(id) DESC"
        ).fetchall()
    return [str(row[0]) for row in rows]


def ensure_index(
    session: Session,
    patient_id: int | None,
    embed_model_id: str,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Build one patient's collection (the whole vault's for None) unless it is built already."""
    key = ALL_PATIENTS if patient_id is None else patient_id
    if session.index.is_built(key, embed_model_id):
        return

    def snapshot() -> list[IndexedVector]:
        # Read under the lock; the build itself runs without it, and changes committed
        # meanwhile reach the collection through the index's queue.
        with hold(session) as s:
            return list(documents.vectors_for(s.conn, patient_id, embed_model_id))

    session.index.build(key, embed_model_id, snapshot, progress)


def build_index(
    fetch: SessionSource,
    is_locked: Callable[[], bool],
    embed_model_id: str | None,
    progress: ProgressCallback | None,
    *,
    background: bool,
) -> threading.Thread | None:
    """Build the whole-vault collection of ``embed_model_id`` (of every model in use when None);
    ``progress(done, total)`` counts vectors. Returns the thread when backgrounded."""

    def run() -> None:
        models = [embed_model_id] if embed_model_id else embed_model_ids(fetch)
        with reading(fetch) as s:
            counts = dict(
                s.conn.execute(
                    "SELECT model_id, count(*) FROM embeddings GROUP BY model_id"
                ).fetchall()
            )
        total = sum(int(counts.get(model, 0)) for model in models)
        done = 0

        def step(n: int) -> None:
            nonlocal done
            done += n
            if progress is not None:
                progress(done, total)

        for model in models:
            if is_locked():
                return
            ensure_index(fetch(), None, model, step)

    if not background:
        run()
        return None
    thread = threading.Thread(target=_quiet_when_locked(run), name="vault-index", daemon=True)
    thread.start()
    return thread


def hybrid_search(
    fetch: SessionSource,
    query_text: str,
    query_vector: npt.NDArray[np.float32] | None,
    *,
    patient_id: int | None,
    collection: str | None,
    document_ids: Sequence[int] | None,
    k: int,
    embed_model_id: str | None,
) -> list[SearchHit]:
    """The top ``k`` passages by reciprocal-rank fusion of vector and bm25 rankings, with a
    ``search`` audit event (ids and a keyed digest of the query, never its text)."""
    if k <= 0:
        return []
    pool = max(4 * k, 32)
    with reading(fetch) as s:
        collection_id = None
        if collection is not None:
            collection_id = patients.collection_id(s.conn, collection, created_at=None)
            if collection_id is None:
                return []
        if document_ids is not None and not document_ids:
            return []
    vector_ranked: list[tuple[int, float]] = []
    if query_vector is not None:
        vector_ranked = _vector_search(
            fetch,
            np.asarray(query_vector, dtype=np.float32).reshape(-1),
            pool,
            patient_id=patient_id,
            collection_id=collection_id,
            document_ids=document_ids,
            embed_model_id=embed_model_id,
        )
    # Outside the lock: the first call reads the drug dictionaries (~0.2 s, once).
    expansion = query_expansion(query_text)
    with writing(fetch) as s:
        lexical = bm25_search(
            s.conn,
            query_text,
            pool,
            patient_id=patient_id,
            collection_id=collection_id,
            document_ids=document_ids,
            total_chunks=s.chunk_total(),
            expansion=expansion.synonyms,
        )
        # A class's drugs rank passages on their own: OR-ed into the question's words they
        # would count no more than any one of its words, and "which oral antibiotic" would
        # rank a passage with "which" and "oral" above the one with "Augmentin". Questions
        # that name no class get no third ranking.
        expanded = (
            bm25_search(
                s.conn,
                "",
                pool,
                patient_id=patient_id,
                collection_id=collection_id,
                document_ids=document_ids,
                expansion=expansion.members,
            )
            if expansion.members
            else []
        )
        # Look a little past k so that near-duplicates can make way for other passages.
        fused = reciprocal_rank_fusion(vector_ranked, lexical, expanded)[: k + DIVERSITY_MARGIN]
        candidates = documents.hits_for(s.conn, fused, dict(vector_ranked), dict(lexical))
        hits = demote_near_duplicates(candidates, k)
        s.audit.append(
            "search",
            {
                "patient_id": patient_id,
                "collection_id": collection_id,
                "k": k,
                "query": s.audit.text_digest(query_text),
                "hits": [hit.chunk_id for hit in hits],
            },
        )
    return hits


def _vector_search(
    fetch: SessionSource,
    vector: npt.NDArray[np.float32],
    pool: int,
    *,
    patient_id: int | None,
    collection_id: int | None,
    document_ids: Sequence[int] | None,
    embed_model_id: str | None,
) -> list[tuple[int, float]]:
    model_id = embed_model_id or _model_for_dim(fetch, int(vector.shape[0]))
    if model_id is None:
        return []
    # A patient's own collection answers scoped queries from the first second after unlock;
    # everything else goes to the whole-vault collection (built in the background).
    ensure_index(fetch(), patient_id, model_id)
    key = ALL_PATIENTS if patient_id is None else patient_id
    return fetch().index.query(
        key, model_id, vector, pool, document_ids=document_ids, collection_id=collection_id
    )


def _model_for_dim(fetch: SessionSource, dim: int) -> str | None:
    """The most recently used embedding model whose vectors have ``dim`` dimensions."""
    for model_id in embed_model_ids(fetch):
        with reading(fetch) as s:
            row = s.conn.execute(
                "SELECT dim FROM embeddings WHERE model_id = ? LIMIT 1", (model_id,)
            ).fetchone()
        if row is not None and int(row[0]) == dim:
            return model_id
    return None


def _quiet_when_locked(run: Callable[[], None]) -> Callable[[], None]:
    """A background build that meets a lock just stops."""

    def wrapper() -> None:
        try:
            run()
        except VaultLockedError:
            return

    return wrapper
