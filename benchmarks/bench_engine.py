"""Engine benchmark: MedLocal's engine against llama-cpp-python's low-level decode loop, in the
same process, same model, threads and context.

Prints one JSON object on its last line (``benchmarks/run.py`` collects it).
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import psutil

from medlocal.engine.api import ChatMessage, SamplingParams
from medlocal.engine.hardware import physical_cores
from medlocal.engine.runtime import Engine, LoadOptions
from medlocal.models.demo import demo_model_path

PROMPT = "Count upwards from one, writing every number in words, separated by commas."


def lowlevel_decode(
    path: Path, prompt_tokens: list[int], n_gen: int, n_ctx: int, threads: int
) -> dict[str, float]:
    """The floor: llama_decode + the same sampler chain as Llama.generate builds, one token at a
    time, no Python extras."""
    import llama_cpp as lc

    mparams = lc.llama_model_default_params()
    mparams.n_gpu_layers = int(os.environ.get("BENCH_N_GPU_LAYERS", "0"))
    model = lc.llama_model_load_from_file(str(path).encode(), mparams)
    cparams = lc.llama_context_default_params()
    cparams.n_ctx = n_ctx
    cparams.n_batch = 512
    cparams.n_ubatch = 512
    cparams.n_threads = threads
    cparams.n_threads_batch = threads
    cparams.flash_attn_type = lc.LLAMA_FLASH_ATTN_TYPE_ENABLED  # as MedLocal loads it
    ctx = lc.llama_init_from_model(model, cparams)
    vocab = lc.llama_model_get_vocab(model)
    p = SamplingParams()
    chain = lc.llama_sampler_chain_init(lc.llama_sampler_chain_default_params())
    lc.llama_sampler_chain_add(
        chain,
        lc.llama_sampler_init_penalties(
            lc.llama_vocab_n_tokens(vocab), 64, p.repeat_penalty, 0.0, 0.0
        ),
    )
    lc.llama_sampler_chain_add(chain, lc.llama_sampler_init_top_k(p.top_k))
    lc.llama_sampler_chain_add(chain, lc.llama_sampler_init_typical(1.0, 1))
    lc.llama_sampler_chain_add(chain, lc.llama_sampler_init_top_p(p.top_p, 1))
    lc.llama_sampler_chain_add(chain, lc.llama_sampler_init_min_p(p.min_p, 1))
    lc.llama_sampler_chain_add(chain, lc.llama_sampler_init_temp(p.temperature))
    lc.llama_sampler_chain_add(chain, lc.llama_sampler_init_dist(p.seed))

    arr = (lc.llama_token * len(prompt_tokens))(*prompt_tokens)
    t0 = time.perf_counter()
    for start in range(0, len(prompt_tokens), 512):
        part = prompt_tokens[start : start + 512]
        sub = (lc.llama_token * len(part))(*part)
        lc.llama_decode(ctx, lc.llama_batch_get_one(sub, len(part)))
    t_pp = time.perf_counter() - t0
    del arr
    tok = lc.llama_token(0)
    generated = 0
    t1 = time.perf_counter()
    for _ in range(n_gen):
        tok.value = lc.llama_sampler_sample(chain, ctx, -1)
        generated += 1
        lc.llama_decode(ctx, lc.llama_batch_get_one(ctypes.pointer(tok), 1))
    t_tg = time.perf_counter() - t1
    _ = vocab
    lc.llama_sampler_free(chain)
    lc.llama_free(ctx)
    lc.llama_model_free(model)
    return {"pp_tps": len(prompt_tokens) / t_pp, "tg_tps": generated / t_tg}


def medlocal_generate(model: Any, messages: list[ChatMessage], n_gen: int) -> dict[str, float]:
    params = SamplingParams(max_tokens=n_gen)
    for _ in model.stream_chat(messages, params):
        pass
    s = model.last_stats
    return {
        "ttft_s": s.time_to_first_token_s,
        "pp_tps": (s.prompt_tokens - s.reused_prefix_tokens) / s.time_to_first_token_s,
        "tg_tps": s.tokens_per_second,
        "generated": s.generated_tokens,
        "prompt_tokens": s.prompt_tokens,
    }


def reset_cache(model: Any) -> None:
    # Forget the KV cache so the next request pays for its whole prompt (a cold first turn).
    model._engine.worker.call(model._llama.reset)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", type=Path, default=demo_model_path())
    ap.add_argument("--n-gen", type=int, default=128)
    ap.add_argument("--n-ctx", type=int, default=4096)
    ap.add_argument("--threads", type=int, default=physical_cores())
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--quick", action="store_true")
    # Without it the engine chooses one thread for batches where that measures faster, as the
    # app does (engine/decode_threads.py), while llama.cpp's loop keeps --threads throughout.
    ap.add_argument("--pin-threads", action="store_true", help="engine on --threads throughout")
    args = ap.parse_args()
    if args.quick:
        args.n_gen, args.repeats = 48, 2
    path: Path = args.model
    engine = Engine()
    n_gpu = int(os.environ.get("BENCH_N_GPU_LAYERS", "0"))
    chat = engine.load_chat(
        path,
        LoadOptions(
            n_ctx=args.n_ctx,
            n_threads=args.threads,
            n_gpu_layers=n_gpu,
            pin_threads=args.pin_threads,
        ),
    )
    # Generation must not stop early for the comparison: ask for a long, list-like answer.
    messages = [ChatMessage("system", "You are a helpful assistant."), ChatMessage("user", PROMPT)]
    prompt_tokens, _, _ = chat._prompt_tokens(messages)

    reset_cache(chat)
    medlocal_generate(chat, messages, 8)  # warm-up, and the resident size of a loaded chat model
    rss_loaded = psutil.Process().memory_info().rss

    ml_runs, ll_runs = [], []
    for _ in range(args.repeats):  # interleaved, so drift on a noisy machine hits both alike
        reset_cache(chat)
        ml_runs.append(medlocal_generate(chat, messages, args.n_gen))
        n = max(int(ml_runs[-1]["generated"]), 8)
        ll_runs.append(lowlevel_decode(path, prompt_tokens, n, args.n_ctx, args.threads))
    ml_tg = float(np.median([r["tg_tps"] for r in ml_runs]))
    ll_tg = float(np.median([r["tg_tps"] for r in ll_runs]))
    ml_pp = float(np.median([r["pp_tps"] for r in ml_runs]))
    ll_pp = float(np.median([r["pp_tps"] for r in ll_runs]))

    # Time to first token: cold 1,000-token conversation vs a follow-up that shares it.
    long_user = "Patient history: " + " ".join(
        f"visit {i}: blood pressure stable, no new complaints." for i in range(110)
    )
    base = [
        ChatMessage("system", "You are a careful clinical assistant."),
        ChatMessage("user", long_user),
    ]
    reset_cache(chat)
    first = medlocal_generate(chat, base, 16)
    answer = "Noted."
    follow = [
        *base,
        ChatMessage("assistant", answer),
        ChatMessage("user", "Any changes in medication?"),
    ]
    second = medlocal_generate(chat, follow, 16)
    s = chat.last_stats
    new_tokens = s.prompt_tokens - s.reused_prefix_tokens
    expected_followup_s = new_tokens / ml_pp if ml_pp else 0.0

    # Embeddings: engine vs a direct Llama.embed call on the same weights.
    texts = [
        f"Progress note {i}: patient reports mild headache, metformin 500 mg continued."
        for i in range(256)
    ]
    embedder = engine.load_embedder(
        path, LoadOptions(n_threads=args.threads, pin_threads=args.pin_threads)
    )
    t0 = time.perf_counter()
    embedder.embed(texts)
    engine_tps = len(texts) / (time.perf_counter() - t0)
    direct = embedder._llama  # the same Llama object, called without the engine in between
    t0 = time.perf_counter()
    done = threading.Event()

    def run_direct() -> None:
        for start in range(0, len(texts), embedder.batch_texts):
            direct.embed(texts[start : start + embedder.batch_texts], normalize=True)
        done.set()

    engine.worker.call(run_direct)
    direct_tps = len(texts) / (time.perf_counter() - t0)

    result = {
        "benchmark": "engine",
        "model": path.name,
        "model_bytes": path.stat().st_size,
        "threads": args.threads,
        "threads_pinned": args.pin_threads,
        # The count the engine settled on for each kind of batch (short, medium, long).
        "batch_threads_chosen": (
            [c.best for c in chat.decode_threads._choices[1:]] if chat.decode_threads else None
        ),
        "load_average": round(os.getloadavg()[0], 1),
        "n_ctx": args.n_ctx,
        "generation_tokens": args.n_gen,
        "tg_tps_medlocal": round(ml_tg, 2),
        "tg_tps_lowlevel": round(ll_tg, 2),
        "tg_ratio": round(ml_tg / ll_tg, 3),
        "pp_tps_medlocal": round(ml_pp, 1),
        "pp_tps_lowlevel": round(ll_pp, 1),
        "pp_ratio": round(ml_pp / ll_pp, 3),
        "ttft_first_turn_s": round(first["ttft_s"], 4),
        "first_turn_prompt_tokens": int(first["prompt_tokens"]),
        "ttft_follow_up_s": round(second["ttft_s"], 4),
        "follow_up_new_tokens": new_tokens,
        "follow_up_reused_tokens": s.reused_prefix_tokens,
        "follow_up_expected_s_for_new_tokens": round(expected_followup_s, 4),
        "embed_texts_per_s_engine": round(engine_tps, 1),
        "embed_texts_per_s_direct": round(direct_tps, 1),
        "embed_ratio": round(engine_tps / direct_tps, 3),
        # RSS with the chat model loaded and warmed up (before the baseline loads its own copy).
        "rss_loaded_bytes": rss_loaded,
        "rss_over_model_size": round(rss_loaded / path.stat().st_size, 2),
    }
    engine.shutdown()
    print(json.dumps(result))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
