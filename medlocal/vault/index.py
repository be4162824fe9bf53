"""In-memory vector index over the vault's embeddings (chromadb, never on disk).

chromadb is only ever an ``EphemeralClient`` built with the settings below: a persist directory
would write text and raw vectors in plaintext (and keep deleted ones), chroma's default embedder
downloads a model, and a stray ``.env`` could otherwise turn the client into an HTTP client. Each
(patient, embedding model) pair gets its own collection, built from the vault's vectors on first
use; the whole vault gets one more collection (key :data:`ALL_PATIENTS`), built in the background,
for unscoped queries — one HNSW search instead of one per patient. Only ids and small integer
metadata go into chroma — never text. ``close`` drops everything.

A build reads its snapshot of the vault and then fills the collection without holding the vault's
lock, so imports and deletions may commit in between. Changes reported while a collection is being
built are queued and applied when it is registered; adds are upserts, so a change that the
snapshot already holds is applied twice harmlessly. No committed vector is ever missing from a
built collection and no deleted one lingers.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from chromadb.config import Settings

log = logging.getLogger(__name__)

NO_COLLECTION = -1  # chroma metadata cannot hold None
ALL_PATIENTS = -1  # the key of the whole-vault collection


def load_index_library() -> None:
    """Import chromadb (about a second of CPU, far more with a window open: see
    medlocal.app.warm_up), so that the first vault to open does not wait for it."""
    import chromadb  # noqa: F401


def chroma_settings() -> Settings:
    from chromadb.config import Settings

    return Settings(
        anonymized_telemetry=False,
        chroma_api_impl="chromadb.api.rust.RustBindingsAPI",
        allow_reset=False,
    )


@dataclass(frozen=True)
class IndexedVector:
    chunk_id: int
    document_id: int
    collection_id: int | None
    vector: npt.NDArray[np.float32]


@dataclass(frozen=True)
class _Change:
    """An add or removal reported while a collection was being built."""

    kind: Literal["add", "remove"]
    items: Sequence[IndexedVector] = ()
    ids: Sequence[str] = ()


# chromadb's Rust bindings hold Python's interpreter lock for a whole upsert (measured: a
# heartbeat thread stalls for the whole call), so a build upserts in batches and sleeps between
# them to let the GUI thread run. A batch's cost grows with the collection (each insert searches
# the HNSW graph: 32 vectors took ~20 ms into an empty collection and ~70 ms at 10,000 under
# load), so its size follows the measured time: batches aim at BUILD_SLICE_S each, from
# INDEX_BATCH vectors, between MIN_BATCH and MAX_BATCH. Larger batches also pay chroma's
# per-call cost less often.
INDEX_BATCH = 32
MIN_BATCH = 32
MAX_BATCH = 1024
BUILD_SLICE_S = 0.1
BUILD_YIELD_S = 0.001

# HNSW construction dominates a build (its CPU scales with the dimension). With chroma's
# defaults (ef_construction 100, ef_search 100, M 16) 20,000 clustered vectors took 20.5 s of CPU
# at recall@10 0.84 against exact search; ef_construction 40 searched with ef_search 200 took
# 9.4 s at recall@10 0.89 (M 8 or ef_construction 20 lose recall). See
# benchmarks/bench_index_build.py.
HNSW_CONFIGURATION: dict[str, Any] = {
    "space": "cosine",
    "ef_construction": 40,
    "ef_search": 200,
}


def next_batch(size: int, seconds: float) -> int:
    """The size of the next build batch after ``size`` vectors took ``seconds``."""
    if seconds <= 0:
        return min(MAX_BATCH, size * 2)
    scaled = int(size * BUILD_SLICE_S / seconds)
    return max(MIN_BATCH, min(MAX_BATCH, scaled, size * 2))


class VectorIndex:
    """Per-patient cosine HNSW collections. Thread-safe; builds of different patients overlap."""

    def __init__(self) -> None:
        # Imported when a vault opens, not with the command table (about 1 s of CPU).
        import chromadb

        self._client: Any = chromadb.EphemeralClient(settings=chroma_settings())
        # Ephemeral clients in one process share state: a random prefix keeps vaults apart.
        self._prefix = "medlocal-" + secrets.token_hex(6)
        self._collections: dict[tuple[int, str], Any] = {}
        self._guard = threading.Lock()
        self._build_locks: dict[tuple[int, str], threading.Lock] = {}
        # Collections being built, with the changes reported since their snapshot began.
        self._pending: dict[tuple[int, str], list[_Change]] = {}
        # Changes arrive in batches of INDEX_BATCH; a build's batches follow their measured cost.
        self._max_batch = min(int(self._client.get_max_batch_size()), MAX_BATCH)
        self._batch = min(self._max_batch, INDEX_BATCH)
        self._closed = False

    def _name(self, patient_id: int, model_id: str) -> str:
        model = hashlib.sha256(model_id.encode("utf-8")).hexdigest()[:12]
        scope = "all" if patient_id == ALL_PATIENTS else f"p{patient_id}"
        return f"{self._prefix}-{scope}-{model}"

    def _build_lock(self, key: tuple[int, str]) -> threading.Lock:
        with self._guard:
            return self._build_locks.setdefault(key, threading.Lock())

    def is_built(self, patient_id: int, model_id: str) -> bool:
        with self._guard:
            return (patient_id, model_id) in self._collections

    def build(
        self,
        patient_id: int,
        model_id: str,
        snapshot: Callable[[], Iterable[IndexedVector]],
        progress: Callable[[int], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> None:
        """Create the patient's (or the whole vault's) collection unless it already exists.

        ``snapshot()`` reads the vectors from the vault; it is called after this build starts
        queueing changes, so an add or removal reported later is applied on registration.
        ``progress(n)`` is called after each batch of ``n`` vectors. The build stops between
        batches, registering nothing, once the index is closed (the vault locked) or ``cancel``
        is set; the caller can tell by :meth:`is_built`."""
        key = (patient_id, model_id)
        with self._build_lock(key):
            if self.is_built(patient_id, model_id):
                return
            with self._guard:
                self._pending[key] = []
            collection: Any = None
            try:
                vectors = snapshot()
                collection = self._client.create_collection(
                    self._name(patient_id, model_id),
                    embedding_function=None,
                    configuration={"hnsw": dict(HNSW_CONFIGURATION)},
                )
                finished = self._fill(collection, vectors, progress, cancel)
            except BaseException:
                with self._guard:
                    self._pending.pop(key, None)
                if collection is not None:
                    self._client.delete_collection(collection.name)
                raise
            with self._guard:
                changes = self._pending.pop(key, [])
                if self._closed or not finished:
                    self._client.delete_collection(collection.name)
                    return
                # Under the guard, so that a change reported now waits and then sees the
                # registered collection instead of a queue nobody reads any more.
                for change in changes:
                    self._apply(collection, change)
                self._collections[key] = collection

    def _fill(
        self,
        collection: Any,
        vectors: Iterable[IndexedVector],
        progress: Callable[[int], None] | None,
        cancel: threading.Event | None = None,
    ) -> bool:
        """Upsert ``vectors`` batch by batch; False when it stopped early (closed or cancelled:
        a lock or a patient switch during a huge record's build went on for seconds)."""

        def stopped() -> bool:
            return self._closed or (cancel is not None and cancel.is_set())

        size = min(self._batch, INDEX_BATCH)
        batch: list[IndexedVector] = []
        for item in vectors:
            batch.append(item)
            if len(batch) >= size:
                if stopped():
                    return False
                size = self._fill_batch(collection, batch, progress)
                batch = []
                time.sleep(BUILD_YIELD_S)
        if stopped():
            return False
        if batch:
            self._fill_batch(collection, batch, progress)
        return True

    def _fill_batch(
        self,
        collection: Any,
        batch: Sequence[IndexedVector],
        progress: Callable[[int], None] | None,
    ) -> int:
        """Upsert one build batch; return the size of the next (see :func:`next_batch`).
        Timed by the clock, not CPU: chroma holds the interpreter lock for the whole call, so
        its wall time is what the window waits (a loaded machine gets smaller batches)."""
        started = time.perf_counter()
        self._upsert(collection, batch)
        size = min(self._max_batch, next_batch(len(batch), time.perf_counter() - started))
        if progress is not None:
            progress(len(batch))
        return size

    def _add(self, collection: Any, items: Sequence[IndexedVector]) -> None:
        """Upsert: a vector may reach a collection both from its snapshot and as a change."""
        for start in range(0, len(items), self._batch):
            self._upsert(collection, items[start : start + self._batch])

    def _upsert(self, collection: Any, part: Sequence[IndexedVector]) -> None:
        collection.upsert(
            ids=[str(item.chunk_id) for item in part],
            embeddings=np.stack([item.vector for item in part]).astype(np.float32),
            metadatas=[
                {
                    "document_id": item.document_id,
                    "collection_id": (
                        NO_COLLECTION if item.collection_id is None else item.collection_id
                    ),
                }
                for item in part
            ],
        )

    def _remove(self, collection: Any, ids: Sequence[str]) -> None:
        for start in range(0, len(ids), self._batch):
            collection.delete(ids=list(ids[start : start + self._batch]))

    def _apply(self, collection: Any, change: _Change) -> None:
        if change.kind == "add":
            self._add(collection, change.items)
        else:
            self._remove(collection, change.ids)

    def _route(self, change: _Change, matches: Callable[[tuple[int, str]], bool]) -> list[Any]:
        """Queue ``change`` for matching collections being built; return the built ones."""
        with self._guard:
            for key, queued in self._pending.items():
                if matches(key):
                    queued.append(change)
            return [c for key, c in self._collections.items() if matches(key)]

    def add(self, patient_id: int, model_id: str, items: Sequence[IndexedVector]) -> None:
        """Add freshly committed vectors to the collections they belong in: built ones now,
        ones being built when they are registered (an unbuilt one reads them when first used).
        Callers report changes in commit order, after the commit."""
        if not items:
            return
        keys = {(patient_id, model_id), (ALL_PATIENTS, model_id)}
        for collection in self._route(_Change("add", items=list(items)), keys.__contains__):
            self._change_or_discard(collection, lambda c: self._add(c, items))

    def remove(
        self, patient_id: int, chunk_ids: Sequence[int], model_id: str | None = None
    ) -> None:
        """Take chunks out of the patient's and the whole vault's collections (of one embedding
        model only, when given)."""
        if not chunk_ids:
            return
        ids = [str(chunk_id) for chunk_id in chunk_ids]

        def matches(key: tuple[int, str]) -> bool:
            return key[0] in (patient_id, ALL_PATIENTS) and model_id in (None, key[1])

        for collection in self._route(_Change("remove", ids=ids), matches):
            self._change_or_discard(collection, lambda c: self._remove(c, ids))

    def _change_or_discard(self, collection: Any, change: Callable[[Any], None]) -> None:
        """Apply a committed change to a built collection; if chroma fails, drop the collection
        instead. The vault already holds the change, so the next query that needs the collection
        rebuilds it from there: a failure here must not fail (or seem to fail) the commit, and
        must not leave a collection missing a committed vector or keeping a deleted one."""
        try:
            change(collection)
        except Exception:
            log.warning("vector index update failed; the collection is rebuilt on next use")
            with self._guard:
                for key in [k for k, c in self._collections.items() if c is collection]:
                    del self._collections[key]
            with contextlib.suppress(Exception):
                self._client.delete_collection(collection.name)

    def drop_patient(self, patient_id: int, chunk_ids: Sequence[int]) -> None:
        """Drop the patient's collections and take their vectors out of the whole-vault one."""
        self.remove(patient_id, chunk_ids)
        with self._guard:
            keys = [key for key in self._collections if key[0] == patient_id]
            collections = [self._collections.pop(key) for key in keys]
        for collection in collections:
            self._client.delete_collection(collection.name)

    def query(
        self,
        patient_id: int,
        model_id: str,
        vector: npt.NDArray[np.float32],
        n: int,
        *,
        document_ids: Sequence[int] | None = None,
        collection_id: int | None = None,
    ) -> list[tuple[int, float]]:
        """Nearest chunks as ``(chunk_id, cosine similarity)``, best first."""
        with self._guard:
            collection = self._collections.get((patient_id, model_id))
        if collection is None:
            return []
        total = int(collection.count())
        if total == 0 or n <= 0:
            return []
        filters: list[dict[str, Any]] = []
        if document_ids is not None:
            filters.append({"document_id": {"$in": [int(d) for d in document_ids]}})
        if collection_id is not None:
            filters.append({"collection_id": int(collection_id)})
        where: dict[str, Any] | None = None
        if len(filters) == 1:
            where = filters[0]
        elif filters:
            where = {"$and": filters}
        result = collection.query(
            query_embeddings=np.asarray(vector, dtype=np.float32).reshape(1, -1),
            n_results=min(n, total),
            where=where,
            include=["distances"],
        )
        ids = result["ids"][0]
        distances = result["distances"][0]
        return [(int(i), 1.0 - float(d)) for i, d in zip(ids, distances, strict=True)]

    def close(self) -> None:
        """Drop every collection this index made (vectors leave memory with them)."""
        with self._guard:
            self._closed = True
            collections = list(self._collections.values())
            self._collections.clear()
        for collection in collections:
            self._client.delete_collection(collection.name)
