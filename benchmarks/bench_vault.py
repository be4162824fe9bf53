"""Vault benchmark: a synthetic vault of many chunks with random normalised 384-d vectors.

Measures, on a real SQLCipher vault with the default Argon2id settings and real chromadb:
* write throughput while building the vault (chunks/s through ``add_document``);
* unlock time and unlock-to-first-scoped-search (the patient's collection is built on demand);
* full index build time (the whole-vault collection, built in the background in the app);
* scoped (one patient) and whole-vault hybrid query latency, p50/p95.

Targets from the issue: first scoped search within 2 s of unlock; scoped query p50 under 50 ms.
Prints one JSON object on its last line (``benchmarks/run.py`` collects it).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import psutil

from medlocal.vault.records import ChunkRecord
from medlocal.vault.store import Vault

DIM = 384
MODEL_ID = "bench-random-384"
PASSPHRASE = "benchmark passphrase"
WORDS = [
    "patient",
    "admitted",
    "chest",
    "pain",
    "blood",
    "pressure",
    "dose",
    "daily",
    "tablet",
    "review",
    "clinic",
    "follow",
    "up",
    "renal",
    "function",
    "stable",
    "fever",
    "cough",
    "breath",
    "rash",
    "allergy",
    "discharged",
    "weight",
    "diet",
    "sleep",
    "exercise",
    "metformin",
    "warfarin",
    "apixaban",
    "ramipril",
    "bisoprolol",
    "atorvastatin",
    "furosemide",
    "insulin",
    "amoxicillin",
]


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": round(statistics.median(ordered) * 1000, 2), "p95_ms": round(p95 * 1000, 2)}


def _random_unit(rng: np.random.Generator, n: int) -> np.ndarray:
    vectors = rng.standard_normal((n, DIM)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors


def build(folder: Path, chunks: int, patients: int, per_doc: int, seed: int) -> dict[str, float]:
    rng = np.random.default_rng(seed)
    words = random.Random(seed)
    vault, _ = Vault.create(folder, PASSPHRASE)
    started = time.perf_counter()
    ids = [vault.add_patient(f"Patient {i}", mrn=f"MRN-{i:06d}") for i in range(patients)]
    docs = max(1, chunks // per_doc)
    for d in range(docs):
        records = []
        offset = 0
        for c in range(per_doc):
            text = " ".join(words.choice(WORDS) for _ in range(60)) + f" ref{d}x{c}"
            records.append(ChunkRecord(text, 1 + c // 5, offset, offset + len(text)))
            offset += len(text) + 1
        vault.add_document(
            ids[d % patients],
            f"doc{d}.txt",
            "txt",
            os.urandom(256),
            records,
            _random_unit(rng, per_doc),
            MODEL_ID,
        )
    elapsed = time.perf_counter() - started
    vault.lock()
    return {"write_s": round(elapsed, 2), "write_chunks_per_s": round(docs * per_doc / elapsed, 1)}


def queries(vault: Vault, n: int, patient: int | None, rng: np.random.Generator) -> list[float]:
    words = random.Random(7)
    samples = []
    for _ in range(n):
        text = f"{words.choice(WORDS)} {words.choice(WORDS)}"
        vector = _random_unit(rng, 1)[0]
        started = time.perf_counter()
        vault.search(text, vector, patient_id=patient, k=8, embed_model_id=MODEL_ID)
        samples.append(time.perf_counter() - started)
    return samples


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--chunks", type=int, default=100_000)
    ap.add_argument("--patients", type=int, default=100)
    ap.add_argument("--per-doc", type=int, default=50, help="chunks per document")
    ap.add_argument("--queries", type=int, default=100)
    ap.add_argument("--quick", action="store_true", help="10,000 chunks, 20 patients")
    args = ap.parse_args()
    if args.quick:
        args.chunks, args.patients, args.queries = 10_000, 20, 50
    rng = np.random.default_rng(11)
    result: dict[str, object] = {
        "chunks": args.chunks,
        "patients": args.patients,
        "dim": DIM,
        "kdf": "argon2id m=64MiB t=3 p=4 (default)",
        "cpu_count": os.cpu_count(),
    }
    with tempfile.TemporaryDirectory(prefix="medlocal-bench-") as tmp:
        os.environ["MEDLOCAL_HOME"] = tmp
        folder = Path(tmp) / "vault"
        result.update(build(folder, args.chunks, args.patients, args.per_doc, seed=3))
        result["database_mb"] = round((folder / "vault.db").stat().st_size / 2**20, 1)

        started = time.perf_counter()
        vault = Vault.open(folder, PASSPHRASE)
        unlocked = time.perf_counter()
        vault.search(
            "warfarin dose", _random_unit(rng, 1)[0], patient_id=1, k=8, embed_model_id=MODEL_ID
        )
        first = time.perf_counter()
        result["unlock_s"] = round(unlocked - started, 3)
        result["unlock_to_first_scoped_search_s"] = round(first - started, 3)

        result["scoped_query"] = _percentiles(queries(vault, args.queries, 1, rng))

        started = time.perf_counter()
        vault.build_index(MODEL_ID, background=False)
        result["full_index_build_s"] = round(time.perf_counter() - started, 2)

        result["rss_mb_after_full_build"] = round(psutil.Process().memory_info().rss / 2**20)
        result["whole_vault_query"] = _percentiles(queries(vault, args.queries, None, rng))
        queries(vault, 1, 2, rng)  # builds patient 2's collection: not part of the latency
        result["scoped_query_other_patient"] = _percentiles(queries(vault, args.queries, 2, rng))
        vault.lock()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
