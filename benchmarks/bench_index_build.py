"""The first search of a patient with a huge record: building the patient's in-memory collection.

Walk 36: a patient with a 30 MB text file (41,610 passages) waited 565 s for the first search,
all in chromadb's threads. This builds one collection of ``--vectors`` clustered unit vectors
(like a record's passages: groups of similar text) with :class:`VectorIndex`, twice in one run:

* ``before``: main's build (32 vectors per upsert, chroma's HNSW defaults);
* ``after``: this branch's (batches sized by their measured time, the tuned HNSW configuration).

For each it reports the process's CPU seconds and wall seconds of the build, the longest
upsert, the longest stall of a heartbeat thread (what the window's event loop would see: chroma
holds the interpreter lock for a whole upsert), recall@10 of ``--queries`` queries against exact
search (numpy), the median query time, and how many queries get the same top 10 from both
builds. With ``--vault`` it also times the parts before chroma on a real SQLCipher vault written
through ``Vault.add_document``: reading the snapshot (decrypt + rows) and stacking the vectors.
``--qt`` measures the stalls with a Qt event loop ticking a 10 ms QTimer, the build on a worker
thread, as in the window. Machine-load noise: each build is repeated ``--repeats`` times and the
minimum kept.

    PYTHONPATH=. python benchmarks/bench_index_build.py [--vectors 40000] [--dim 384] [--vault]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from medlocal.vault import index as index_module
from medlocal.vault.index import IndexedVector, VectorIndex

MODEL_ID = "bench-index"


def clustered(n: int, dim: int, seed: int) -> npt.NDArray[np.float32]:
    """``n`` unit vectors in groups of about 50 around random centres."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((max(1, n // 50), dim)).astype(np.float32)
    vectors = centres[rng.integers(0, len(centres), n)]
    vectors = vectors + 0.6 * rng.standard_normal((n, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors.astype(np.float32)


def queries_near(vectors: npt.NDArray[np.float32], n: int, seed: int) -> npt.NDArray[np.float32]:
    rng = np.random.default_rng(seed + 1)
    picked = vectors[rng.integers(0, len(vectors), n)]
    out = picked + 0.5 * rng.standard_normal(picked.shape).astype(np.float32)
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    return out.astype(np.float32)


class Heartbeat:
    """A thread that wakes every 5 ms and remembers the longest gap between wake-ups."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        last = time.perf_counter()
        while not self._stop.is_set():
            time.sleep(0.005)
            now = time.perf_counter()
            self.longest = max(self.longest, now - last)
            last = now

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def configure(variant: str) -> None:
    """Set the index module's build parameters to main's (``before``) or this branch's."""
    if variant == "before":
        index_module.HNSW_CONFIGURATION = {"space": "cosine"}
        index_module.MIN_BATCH = index_module.MAX_BATCH = index_module.INDEX_BATCH
    else:
        index_module.HNSW_CONFIGURATION = dict(AFTER_HNSW)
        index_module.MIN_BATCH, index_module.MAX_BATCH = AFTER_BATCHES


AFTER_HNSW = dict(index_module.HNSW_CONFIGURATION)
AFTER_BATCHES = (index_module.MIN_BATCH, index_module.MAX_BATCH)


def qt_event_loop_during(work: Callable[[], None]) -> float:
    """Run ``work`` on a thread (as the window's worker does) while a Qt event loop ticks a
    10 ms QTimer; return the longest gap between ticks."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    app = QCoreApplication.instance() or QCoreApplication([])
    assert app is not None
    loop = QEventLoop()
    last = [time.perf_counter()]
    longest = [0.0]
    thread = threading.Thread(target=work)

    def tick() -> None:
        now = time.perf_counter()
        longest[0] = max(longest[0], now - last[0])
        last[0] = now
        if not thread.is_alive():
            loop.quit()

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    thread.start()
    loop.exec()
    timer.stop()
    thread.join()
    return longest[0]


def build_once(
    variant: str, items: list[IndexedVector], queries: npt.NDArray[np.float32], qt: bool
) -> dict[str, Any]:
    configure(variant)
    index = VectorIndex()
    upserts: list[float] = []
    real_upsert = index._upsert

    def timed_upsert(collection: Any, part: Any) -> None:
        started = time.perf_counter()
        real_upsert(collection, part)
        upserts.append(time.perf_counter() - started)

    index._upsert = timed_upsert  # type: ignore[method-assign]
    cpu0, wall0 = time.process_time(), time.perf_counter()
    if qt:
        longest = qt_event_loop_during(lambda: index.build(1, MODEL_ID, lambda: items))
    else:
        with Heartbeat() as beat:
            index.build(1, MODEL_ID, lambda: items)
        longest = beat.longest
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    top, query_s = [], []
    for q in queries:
        started = time.perf_counter()
        top.append([c for c, _ in index.query(1, MODEL_ID, q, 10)])
        query_s.append(time.perf_counter() - started)
    index.close()
    return {
        "cpu_s": round(cpu, 2),
        "wall_s": round(wall, 2),
        "upserts": len(upserts),
        "longest_upsert_ms": round(1000 * max(upserts), 1),
        "longest_heartbeat_gap_ms": round(1000 * longest, 1),
        "query_ms_median": round(1000 * float(np.median(query_s)), 2),
        "top": top,
    }


def vault_parts(vectors: npt.NDArray[np.float32], per_doc: int = 1000) -> dict[str, float]:
    """CPU of the snapshot read and of stacking, on a real vault holding ``vectors``."""
    from medlocal.vault import documents
    from medlocal.vault.records import ChunkRecord
    from medlocal.vault.session import hold
    from medlocal.vault.store import Vault

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "vault"
        vault, _ = Vault.create(folder, "bench passphrase 1234")
        patient = vault.add_patient("Huge Record", mrn="MRN-1")
        for start in range(0, len(vectors), per_doc):
            part = vectors[start : start + per_doc]
            records = [
                ChunkRecord(f"passage {start + i} of the record", 1, 0, 10)
                for i in range(len(part))
            ]
            vault.add_document(
                patient, f"doc{start}.txt", "txt", os.urandom(64), records, part, MODEL_ID
            )
        snapshot_cpu, stack_cpu = float("inf"), float("inf")
        for _ in range(3):
            started = time.process_time()
            with hold(vault._session()) as s:
                items = list(documents.vectors_for(s.conn, patient, MODEL_ID))
            snapshot_cpu = min(snapshot_cpu, time.process_time() - started)
            started = time.process_time()
            for i in range(0, len(items), 32):
                np.stack([item.vector for item in items[i : i + 32]]).astype(np.float32)
            stack_cpu = min(stack_cpu, time.process_time() - started)
        vault.lock()
    return {"snapshot_cpu_s": round(snapshot_cpu, 3), "stack_cpu_s": round(stack_cpu, 3)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vectors", type=int, default=40_000)
    parser.add_argument("--dim", type=int, default=384)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--vault", action="store_true", help="also time snapshot and stacking")
    parser.add_argument("--quick", action="store_true", help="5,000 vectors")
    parser.add_argument(
        "--qt", action="store_true", help="stalls of a Qt event loop's 10 ms QTimer instead"
    )
    args = parser.parse_args()
    n = 5_000 if args.quick else args.vectors
    vectors = clustered(n, args.dim, seed=0)
    queries = queries_near(vectors, args.queries, seed=0)
    items = [IndexedVector(i + 1, 1 + i // 1000, None, vectors[i]) for i in range(n)]
    exact = np.argsort(-(queries @ vectors.T), axis=1)[:, :10] + 1
    result: dict[str, Any] = {"vectors": n, "dim": args.dim}
    tops: dict[str, list[list[int]]] = {}
    for variant in ("before", "after"):
        runs = [build_once(variant, items, queries, args.qt) for _ in range(args.repeats)]
        best = min(runs, key=lambda r: r["cpu_s"])
        tops[variant] = best.pop("top")
        best["recall_at_10"] = round(
            float(
                np.mean(
                    [
                        len(set(t) & set(e.tolist())) / 10
                        for t, e in zip(tops[variant], exact, strict=True)
                    ]
                )
            ),
            3,
        )
        result[variant] = best
        print(variant, json.dumps(best), flush=True)
    result["same_top10_before_after"] = round(
        float(np.mean([a == b for a, b in zip(tops["before"], tops["after"], strict=True)])), 2
    )
    result["same_top10_sets_before_after"] = round(
        float(
            np.mean([set(a) == set(b) for a, b in zip(tops["before"], tops["after"], strict=True)])
        ),
        2,
    )
    result["cpu_ratio_before_over_after"] = round(
        result["before"]["cpu_s"] / max(1e-9, result["after"]["cpu_s"]), 2
    )
    if args.vault:
        result.update(vault_parts(vectors))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
