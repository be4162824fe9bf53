"""Embedding throughput of the real MiniLM embedder by how passages are packed per decode.

llama-cpp-python's ``Llama.embed`` packs texts into one decode up to ``n_batch`` tokens (512 for
MiniLM, so two 200-token passages); on a CPU attention then spans every token of the decode
(the other passages are masked out, but the products are still computed), as the reranker found
(engine/llama_reranker.py). This compares packed decodes with one passage per decode (what
``LlamaEmbedder`` does on a CPU) on the same passages, on the engine thread, and says how far the
vectors differ. Ratios, not pass/fail: run it where it matters.

    PYTHONPATH=. python benchmarks/bench_embed_batching.py [--passages 300] [--model PATH]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from benchmarks.bench_ingest import SENTENCES


def passages(count: int, sentences_each: int = 12) -> list[str]:
    """Nursing-log-like passages of about 200 tokens, each a little different."""
    return [
        f"Day {n}: " + " ".join(SENTENCES[(n + k) % len(SENTENCES)] for k in range(sentences_each))
        for n in range(count)
    ]


def timed(run: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeats):
        started = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - started)
    return best, result


def packed(embedder: Any, texts: Sequence[str]) -> np.ndarray:
    llm = embedder._llama
    return np.asarray(
        embedder._engine.worker.call(lambda: llm.embed(list(texts), normalize=True)),
        dtype=np.float32,
    )


def one_per_decode(embedder: Any, texts: Sequence[str]) -> np.ndarray:
    llm = embedder._llama
    rows = embedder._engine.worker.call(
        lambda: [llm.embed([text], normalize=True)[0] for text in texts]
    )
    return np.asarray(rows, dtype=np.float32)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--passages", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--model", help="embedder GGUF (default: the installed MiniLM)")
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args()

    from medlocal.engine.loading import LoadOptions
    from medlocal.engine.runtime import Engine
    from medlocal.models.embedders import default_embedder_path

    model = args.model or default_embedder_path()
    engine = Engine()
    embedder = engine.load_embedder(model, LoadOptions(n_threads=args.threads))
    texts = passages(args.passages)
    tokens = sum(embedder.count_tokens(text) for text in texts) / len(texts)
    embedder.embed(texts[:4])  # warm-up
    packed_s, together = timed(lambda: packed(embedder, texts), args.repeats)
    single_s, single = timed(lambda: one_per_decode(embedder, texts), args.repeats)
    result = {
        "passages": len(texts),
        "mean_tokens": round(tokens, 1),
        "packed_s": round(packed_s, 3),
        "one_per_decode_s": round(single_s, 3),
        "speedup_one_per_decode": round(packed_s / single_s, 3),
        "max_abs_vector_difference": float(np.max(np.abs(together - single))),
        "min_cosine": float(np.min(np.sum(together * single, axis=1))),
    }
    engine.shutdown()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
