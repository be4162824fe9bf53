"""GPU check: what MedLocal's engine does on a CUDA (or Metal) build of llama.cpp.

Run on a machine with a GPU build of llama-cpp-python (``benchmarks/gpu_check.sh`` makes one
and a model with random weights, then runs this):

    python benchmarks/bench_gpu.py --model m-q4km.gguf

It reports, as one JSON object on its last line:
- the backend and GPUs ``medlocal doctor`` would show (``engine.hardware.hardware_report``);
- the layers the engine offloads when left to choose (``n_gpu_layers`` None: as many as fit the
  free memory) against the model's block count, and with a pretend small card (what
  ``choose_gpu_layers`` gives when free memory is 60% of the model file: a partial offload must
  still load and answer);
- how many tokens still arrive after a Stop during generation (CUDA has no abort callback for a
  decode under way, so the engine's per-token cancel check is what ends it) and how long it takes.

Token speed against llama.cpp's own loop is ``bench_engine.py`` with ``BENCH_N_GPU_LAYERS=-1``.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from pathlib import Path
from typing import Any

from medlocal.engine import hardware
from medlocal.engine.api import ChatMessage, SamplingParams
from medlocal.engine.gguf import read_gguf_info
from medlocal.engine.runtime import Engine, LoadOptions
from medlocal.engine.sizing import choose_gpu_layers

MESSAGES = [
    ChatMessage("system", "You are a helpful assistant."),
    ChatMessage("user", "Write a long list of numbers in words."),
]


def stop_after(model: Any, tokens_before_stop: int) -> dict[str, float]:
    """Stop a long generation after ``tokens_before_stop`` pieces; what arrives after the Stop."""
    cancel = threading.Event()
    after = 0
    stop_at: float | None = None
    stream = model.stream_chat(MESSAGES, SamplingParams(max_tokens=4000), cancel=cancel)
    for pieces, _ in enumerate(stream, start=1):
        if cancel.is_set():
            after += 1
        elif pieces >= tokens_before_stop:
            cancel.set()
            stop_at = time.perf_counter()
    return {
        "pieces_before_stop": tokens_before_stop,
        "pieces_after_stop": after,
        "stop_to_end_s": None if stop_at is None else round(time.perf_counter() - stop_at, 4),
        "stop_reason": model.last_stop_reason,
    }


def answer_tokens(model: Any, n: int) -> dict[str, float]:
    params = SamplingParams(max_tokens=n)
    text = "".join(model.stream_chat(MESSAGES, params))
    s = model.last_stats
    tps = round(s.tokens_per_second, 1)
    return {"generated": s.generated_tokens, "tg_tps": tps, "chars": len(text)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", type=Path, required=True)
    ap.add_argument("--small-card-share", type=float, default=0.6, help="of the model's size")
    args = ap.parse_args()

    report = hardware.hardware_report()
    info = read_gguf_info(args.model)
    result: dict[str, Any] = {
        "benchmark": "gpu",
        "backend": report.backend,
        "gpu_offload_supported": report.gpu_offload_supported,
        "gpus": [g.name for g in report.gpus],
        "gpu_free_bytes": [g.free_bytes for g in report.gpus],
        "model_bytes": args.model.stat().st_size,
        "block_count": info.block_count,
    }
    engine = Engine()
    t0 = time.perf_counter()
    auto = engine.load_chat(args.model, LoadOptions(n_ctx=4096))
    result["auto_load_s"] = round(time.perf_counter() - t0, 2)
    result["auto_n_gpu_layers"] = auto.n_gpu_layers
    result["auto_backend"] = auto.backend
    result["auto_answer"] = answer_tokens(auto, 128)
    result["auto_stop"] = stop_after(auto, 40)
    auto.unload()

    # A card with little free memory: the sizing rule's partial offload must load and answer.
    small_free = int(args.model.stat().st_size * args.small_card_share)
    small = choose_gpu_layers(info, 4096, small_free, True)
    result["small_card_n_gpu_layers"] = small
    if small > 0:
        part = engine.load_chat(args.model, LoadOptions(n_ctx=4096, n_gpu_layers=small))
        result["small_card_answer"] = answer_tokens(part, 64)
        result["small_card_stop"] = stop_after(part, 20)
        part.unload()
    engine.shutdown()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
