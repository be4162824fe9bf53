"""Speculative decoding benchmark (issue 13): grounded-answer, summary (map step) and plain-chat
workloads, each decoded plainly, with speculation as configured for this hardware, with
speculation forced on (every lookup match drafted), and by llama-cpp-python's low-level loop.
All in one process, same model, same threads; runs interleaved so drift hits all alike.

Also reports the acceptance rate, tokens per decode step (the speed-up bound where a batch costs
about as much as one token, i.e. memory-bound decoding) and how often the output diverges from
plain decoding (batched and single-token logits differ slightly in llama.cpp).

``--unquantized f32`` (or ``f16``) runs the same model with its weights written out unquantised
by llama.cpp's own quantiser (a temporary file): 4-8x the bytes per token for the same arithmetic,
so decoding on a CPU becomes memory-bound, as a larger model's does. That is the regime where a
verified batch of draft tokens costs about one decode step and speculation is meant to pay.

Prints one JSON object on its last line.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_engine import lowlevel_decode, reset_cache
from bench_rag import note

from medlocal.engine.api import ChatMessage, SamplingParams
from medlocal.engine.hardware import physical_cores
from medlocal.engine.runtime import Engine, LoadOptions
from medlocal.engine.speculative import SpeculationConfig
from medlocal.models.demo import demo_model_path


def workloads() -> dict[str, list[ChatMessage]]:
    from medlocal.rag.passages import NumberedPassage, render_passages
    from medlocal.rag.prompts import (
        GROUNDED_SYSTEM,
        MAP_SYSTEM,
        grounded_user_message,
        map_user_message,
    )
    from medlocal.vault.records import SearchHit

    def hit(i: int) -> SearchHit:
        text = note(i)
        return SearchHit(
            chunk_id=i,
            document_id=i,
            patient_id=1,
            file_name=f"letter_{i:02d}.txt",
            page=None,
            start=0,
            end=len(text),
            section=None,
            text=text,
            score=1.0,
            vector_score=None,
            bm25_score=None,
        )

    passages = [NumberedPassage(n + 1, hit(i)) for n, i in enumerate(range(6))]
    block = render_passages(passages)
    return {
        "grounded_answer": [
            ChatMessage("system", GROUNDED_SYSTEM),
            ChatMessage(
                "user",
                grounded_user_message(
                    block, "List every medication with its dose and the date of each letter."
                ),
            ),
        ],
        "summary_map": [
            ChatMessage("system", MAP_SYSTEM),
            ChatMessage("user", map_user_message(block)),
        ],
        "plain_chat": [
            ChatMessage("system", "You are a helpful assistant."),
            ChatMessage("user", "Explain in a few sentences why sleep matters for health."),
        ],
    }


def unquantized(model: Path, kind: str, folder: Path) -> Path:
    """``model`` re-written with F32 or F16 weights by llama.cpp's quantiser (requantising
    allowed: it dequantises first)."""
    import ctypes

    import llama_cpp

    out = folder / f"{model.stem}.{kind}.gguf"
    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype = {"f32": 0, "f16": 1}[kind]  # LLAMA_FTYPE_ALL_F32 / LLAMA_FTYPE_MOSTLY_F16
    params.allow_requantize = True
    rc = llama_cpp.llama_model_quantize(
        str(model).encode(), str(out).encode(), ctypes.byref(params)
    )
    if rc != 0:
        raise SystemExit(f"llama_model_quantize failed ({rc})")
    return out


def run(chat: Any, messages: list[ChatMessage], params: SamplingParams) -> dict[str, Any]:
    reset_cache(chat)
    pieces = list(chat.stream_chat(messages, params))
    s = chat.last_stats
    return {
        "text": "".join(pieces),
        "tps": s.tokens_per_second,
        "generated": s.generated_tokens,
        "drafted": s.drafted_tokens,
        "accepted": s.accepted_tokens,
        "batch_cost": s.batch_cost,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", type=Path, default=demo_model_path())
    ap.add_argument("--n-gen", type=int, default=96)
    ap.add_argument("--threads", type=int, default=physical_cores())
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--n-ctx", type=int, default=2048)
    ap.add_argument("--seeds", type=int, default=4, help="sampled runs for the divergence rate")
    ap.add_argument(
        "--unquantized",
        choices=("f32", "f16"),
        help="run the model with unquantised weights (memory-bound decoding on a CPU)",
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="medlocal-bench-") as folder:
        if args.unquantized:
            args.model = unquantized(args.model, args.unquantized, Path(folder))
        return measure(args)


def measure(args: argparse.Namespace) -> int:
    engine = Engine()
    chat = engine.load_chat(args.model, LoadOptions(n_ctx=args.n_ctx, n_threads=args.threads))
    configured = chat.speculation  # what this hardware gets by default (None: off)
    forced = SpeculationConfig(batch_cost=0.0, learn_cost=False)
    modes: dict[str, SpeculationConfig | None] = {
        "plain": None,
        "speculative": configured,
        "forced": forced,
    }
    greedy = SamplingParams(temperature=0.0, max_tokens=args.n_gen)
    result: dict[str, Any] = {
        "benchmark": "speculative",
        "model": args.model.name,
        "threads": args.threads,
        "n_gen": args.n_gen,
        "configured_batch_cost": configured.batch_cost if configured else None,
        "workloads": {},
    }
    try:
        for name, messages in workloads().items():
            prompt_tokens, _ = chat._prompt_tokens(messages)
            runs: dict[str, list[dict[str, Any]]] = {m: [] for m in [*modes, "lowlevel"]}
            for _ in range(args.repeats):
                for mode, config in modes.items():
                    chat.speculation = config
                    runs[mode].append(run(chat, messages, greedy))
                n = max(int(runs["plain"][-1]["generated"]), 8)
                ll = lowlevel_decode(args.model, prompt_tokens, n, args.n_ctx, args.threads)
                runs["lowlevel"].append({"tps": ll["tg_tps"]})
            tps = {m: [r["tps"] for r in rs] for m, rs in runs.items()}
            med = {m: statistics.median(v) for m, v in tps.items()}
            ratios = {
                f"{m}_vs_plain": [
                    round(a / b, 3) for a, b in zip(tps[m], tps["plain"], strict=True)
                ]
                for m in ("speculative", "forced", "lowlevel")
            }
            f = runs["forced"][-1]
            # Divergence from plain decoding: greedy, plus sampled runs with several seeds.
            diverged, compared = 0, 0
            for seed in range(args.seeds):
                params = SamplingParams(max_tokens=args.n_gen, seed=seed)
                chat.speculation = None
                a = run(chat, messages, params)["text"]
                chat.speculation = forced
                b = run(chat, messages, params)["text"]
                compared += 1
                diverged += a != b
            greedy_same = runs["plain"][-1]["text"] == runs["forced"][-1]["text"]
            result["workloads"][name] = {
                "tps_median": {m: round(v, 2) for m, v in med.items()},
                "tps_runs": {m: [round(x, 2) for x in v] for m, v in tps.items()},
                "ratios_per_run": ratios,
                "speculative_vs_lowlevel": round(med["speculative"] / med["lowlevel"], 3),
                "forced_acceptance": round(f["accepted"] / f["drafted"], 3) if f["drafted"] else 0,
                "forced_drafted": f["drafted"],
                "forced_tokens_per_step": round(
                    f["generated"] / max(f["generated"] - f["accepted"], 1), 2
                ),
                "configured_drafted": runs["speculative"][-1]["drafted"],
                "configured_accepted": runs["speculative"][-1]["accepted"],
                "learned_batch_cost": runs["speculative"][-1]["batch_cost"],
                "greedy_same_as_plain": greedy_same,
                "sampled_diverged": f"{diverged}/{compared}",
            }
            print(name, json.dumps(result["workloads"][name]), file=sys.stderr)
    finally:
        chat.speculation = configured
        engine.shutdown()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
