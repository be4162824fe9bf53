"""``medlocal --speed-check``: generation speed on the demo model, as one JSON line.

The same code runs from a source install and from the frozen app, so installers/build-linux.sh
and benchmarks/bench_packaging.py can compare the frozen bundle's llama.cpp (and its chosen CPU
variant) with a source install on the same model and threads. Nothing is read from or written to
the vault; the prompt is fixed and not patient-related.
"""

from __future__ import annotations

import json
import statistics
from typing import TextIO

from medlocal.engine import backends
from medlocal.engine.api import ChatMessage, SamplingParams
from medlocal.engine.runtime import Engine, LoadOptions
from medlocal.models.demo import demo_model_path

PROMPT = "Count upwards from one, writing every number in words, separated by commas."


def speed_check(out: TextIO, n_gen: int = 96, repeats: int = 3) -> int:
    path = demo_model_path()
    if path is None:
        print(json.dumps({"error": "the demo model is not installed"}), file=out)
        return 1
    engine = Engine()
    try:
        # One thread: what the CPU variants differ in is per-core SIMD code, and on a busy
        # machine llama.cpp's spinning thread barrier turns multi-thread timings into noise.
        threads = 1
        chat = engine.load_chat(path, LoadOptions(n_ctx=2048, n_threads=threads, n_gpu_layers=0))
        messages = [
            ChatMessage("system", "You are a helpful assistant."),
            ChatMessage("user", PROMPT),
        ]
        runs = []
        for i in range(repeats + 1):
            # Every run starts from an empty KV cache; the first one only warms up.
            engine.worker.call(chat._llama.reset)
            for _ in chat.stream_chat(messages, SamplingParams(max_tokens=n_gen)):
                pass
            if i:
                runs.append(chat.last_stats.tokens_per_second)
    finally:
        engine.shutdown()
    status = backends.status()
    print(
        json.dumps(
            {
                "tg_tps": statistics.median(runs),
                "runs": runs,
                "threads": threads,
                "cpu_variant": status.cpu_variant or "built-in",
            }
        ),
        file=out,
    )
    return 0
