"""Building a patient's in-memory collection (real chromadb): batch sizes follow the measured
upsert time, and the build finds the same nearest passages as exact search.

Walk 36: a 41,610-passage record took 565 s to index at 32 vectors per upsert with chroma's
HNSW defaults (benchmarks/bench_index_build.py)."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
from fixtures.fake_models import FakeEmbedder

from medlocal.app import Workspace
from medlocal.errors import GenerationCancelled
from medlocal.vault import index as index_module
from medlocal.vault.index import (
    INDEX_BATCH,
    MAX_BATCH,
    MIN_BATCH,
    IndexedVector,
    VectorIndex,
    next_batch,
)
from medlocal.vault.keys import KdfParams
from medlocal.vault.records import ChunkRecord

MODEL = "test-model"
DIM = 32


def _clustered(n: int, seed: int = 0) -> npt.NDArray[np.float32]:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((max(1, n // 50), DIM)).astype(np.float32)
    vectors = centres[rng.integers(0, len(centres), n)]
    vectors = vectors + 0.6 * rng.standard_normal((n, DIM)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors.astype(np.float32)


def _items(vectors: npt.NDArray[np.float32]) -> list[IndexedVector]:
    return [IndexedVector(i + 1, 1 + i // 100, None, v) for i, v in enumerate(vectors)]


@pytest.fixture
def index() -> Iterator[VectorIndex]:
    vi = VectorIndex()
    yield vi
    vi.close()


class FakeClock:
    """The index module's ``time``: a clock that only the fake upserts move, so batch sizes do
    not depend on the machine's load; sleeps between batches take no time."""

    def __init__(self) -> None:
        self.now = 0.0

    def perf_counter(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        pass


def _record_batches(
    index: VectorIndex, monkeypatch: pytest.MonkeyPatch, cost_per_vector_s: float
) -> list[int]:
    """Replace the index's upsert by one that records batch sizes and takes the given time."""
    sizes: list[int] = []
    clock = FakeClock()
    monkeypatch.setattr(index_module, "time", clock)

    def upsert(collection: Any, part: Sequence[IndexedVector]) -> None:
        sizes.append(len(part))
        clock.now += cost_per_vector_s * len(part)

    index._upsert = upsert  # type: ignore[method-assign]
    return sizes


def test_next_batch_aims_at_the_time_slice_within_bounds() -> None:
    slice_s = index_module.BUILD_SLICE_S
    assert next_batch(100, slice_s) == 100
    assert next_batch(100, slice_s * 4) == max(MIN_BATCH, 25)
    assert next_batch(100, slice_s / 10) == 200  # grows at most twofold per batch
    assert next_batch(100, 0.0) == 200
    assert next_batch(MAX_BATCH, 0.0) == MAX_BATCH
    assert next_batch(MIN_BATCH, 60.0) == MIN_BATCH


def test_cheap_upserts_grow_the_batches(
    index: VectorIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """32 vectors per upsert cost chroma ~10 ms each call whatever the size: a build whose
    upserts are quick takes more vectors per call (main kept 32, 1,250 calls for 40,000)."""
    sizes = _record_batches(index, monkeypatch, 0.0)
    items = _items(_clustered(6000))
    index.build(1, MODEL, lambda: items)
    assert sizes[0] == INDEX_BATCH
    assert sum(sizes) == len(items)
    assert max(sizes) == MAX_BATCH
    assert sizes[:6] == [32, 64, 128, 256, 512, 1024]
    assert len(sizes) == 10
    assert all(b <= 2 * a for a, b in itertools.pairwise(sizes))


def test_slow_upserts_keep_each_call_near_the_time_slice(
    index: VectorIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """chroma holds the interpreter lock for a whole upsert: a batch must not grow past what
    fits the time slice, or the window's event loop stalls."""
    per_vector = index_module.BUILD_SLICE_S / 64  # 64 vectors fill a slice
    sizes = _record_batches(index, monkeypatch, per_vector)
    items = _items(_clustered(1500))
    progress: list[int] = []
    index.build(1, MODEL, lambda: items, progress.append)
    assert sum(sizes) == len(items)
    assert sizes[:2] == [32, 64] and all(60 <= n <= 64 for n in sizes[2:-1])
    assert progress == sizes  # progress counts every batch


def test_build_finds_the_exact_nearest_passages(index: VectorIndex) -> None:
    """The faster build finds what exact cosine search finds on a fixed query set, at least as
    often as chroma's defaults did (main: recall@10 0.988, 22 of 25 top 10s identical)."""
    vectors = _clustered(3000)
    index.build(1, MODEL, lambda: _items(vectors))
    rng = np.random.default_rng(1)
    queries = vectors[rng.integers(0, len(vectors), 25)] + 0.3 * rng.standard_normal(
        (25, DIM)
    ).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    exact = [row.tolist() for row in np.argsort(-(queries @ vectors.T), axis=1)[:, :10] + 1]
    found = [[chunk_id for chunk_id, _ in index.query(1, MODEL, q, 10)] for q in queries]
    recall = np.mean([len(set(f) & set(e)) / 10 for f, e in zip(found, exact, strict=True)])
    assert recall >= 0.98
    assert sum(f == e for f, e in zip(found, exact, strict=True)) >= 22


def test_changes_after_a_build_still_go_in_batches_of_the_index_batch(
    index: VectorIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reported changes are not timed: they keep chroma's calls small (INDEX_BATCH)."""
    index.build(1, MODEL, lambda: [])
    sizes = _record_batches(index, monkeypatch, 0.0)
    index.add(1, MODEL, _items(_clustered(100)))
    assert sizes == [INDEX_BATCH, INDEX_BATCH, INDEX_BATCH, 100 - 3 * INDEX_BATCH]


def _stop_after(batches: int, stop: Any) -> tuple[list[int], Any]:
    """A progress callback that calls ``stop()`` after ``batches`` batches, and what it heard."""
    heard: list[int] = []

    def progress(n: int) -> None:
        heard.append(n)
        if len(heard) == batches:
            stop()

    return heard, progress


def test_a_lock_during_a_build_stops_it_within_one_batch(index: VectorIndex) -> None:
    """Review 34b: a vault locked three batches into a 20,000-vector build went on upserting
    19,776 vectors for 6 s after the lock."""
    items = _items(_clustered(3000))
    heard, progress = _stop_after(2, index.close)
    index.build(1, MODEL, lambda: items, progress)
    assert len(heard) == 2 and sum(heard) < len(items)
    assert not index.is_built(1, MODEL)


def test_a_cancel_stops_a_build_which_leaves_nothing_built(index: VectorIndex) -> None:
    items = _items(_clustered(3000))
    cancel = threading.Event()
    heard, progress = _stop_after(1, cancel.set)
    index.build(1, MODEL, lambda: items, progress, cancel)
    assert len(heard) == 1 and not index.is_built(1, MODEL)
    index.build(1, MODEL, lambda: items)  # a later build starts again and completes
    assert index.is_built(1, MODEL)
    assert index.query(1, MODEL, items[5].vector, 1)[0][0] == items[5].chunk_id


def test_index_patient_hears_the_jobs_cancel(tmp_path: Path) -> None:
    """The chat's indexing step takes the job's cancel: a patient switch stops the build."""
    ws = Workspace(tmp_path / "vault", kdf_params=KdfParams(8 * 1024, 1, 1))
    ws.create_vault("correct horse battery staple", "correct horse battery staple")
    vault = ws.require_vault()
    patient = vault.add_patient("Ada Quill")
    embedder = FakeEmbedder()
    ws.embedder = lambda *a, **k: embedder  # type: ignore[method-assign]
    texts = [f"passage {i} about metformin" for i in range(600)]
    chunks = [ChunkRecord(t, 1, 0, len(t)) for t in texts]
    vault.add_document(
        patient, "n.txt", "txt", b"note", chunks, embedder.embed(texts), embedder.model_id
    )
    cancel = threading.Event()
    heard: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        heard.append((done, total))
        if done:
            cancel.set()

    try:
        with pytest.raises(GenerationCancelled):
            ws.index_patient(patient, progress, cancel)
        assert heard[-1][0] < 600 and not vault._session().index.is_built(
            patient, embedder.model_id
        )
    finally:
        ws.close()
