"""Grounding evaluation (issue 14): statements against passages, each faithful or carrying one
planted error, scored by MedLocal's grounding check.

    PYTHONPATH=$PWD python -m tests.grounding_eval.evaluate            # both halves, rules only
    PYTHONPATH=$PWD python -m tests.grounding_eval.evaluate --model    # plus the model check

A wrong statement counts as caught when the check raises any flag on it; a faithful one counts as
a false alarm when it raises any. Only counts are printed (the set is synthetic, but the script
keeps the house rule of never printing sentence text unless --show is given).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
HALVES = ("heldout", "dev")
ERROR_TYPES = (
    "dose", "unit", "number", "misattributed", "drug", "date", "dose_swap", "negation",
    "laterality", "experiencer", "historical",
)  # fmt: skip


@dataclass(frozen=True)
class Case:
    half: str
    passage_id: str
    passage: str
    statement: str
    error: str  # "faithful" or one of ERROR_TYPES


def load(half: str) -> list[Case]:
    cases: list[Case] = []
    passage_id, passage_lines, passage, in_passage = "", [], "", False
    for raw in (HERE / f"{half}.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#") or (not line and not in_passage):
            continue
        if line.startswith("=== "):
            passage_id, passage_lines, in_passage = line[4:].strip(), [], True
        elif line == "---":
            passage, in_passage = " ".join(passage_lines), False
        elif in_passage:
            passage_lines.append(line)
        else:
            kind, _, statement = line.partition(":")
            if kind != "faithful" and kind not in ERROR_TYPES:
                raise ValueError(f"{half}: unknown type {kind!r}")
            cases.append(Case(half, passage_id, passage, statement.strip(), kind))
    return cases


Judge = Callable[[Case], list[str]]  # flag kinds raised on the case's statement


def rules_judge() -> Judge:
    from medlocal.rag.grounding import ground

    def judge(case: Case) -> list[str]:
        result = ground(case.statement, {1: case.passage})
        return [f.kind for f in result.flags]

    return judge


def model_judge(threshold: float | None) -> Judge:
    from medlocal.engine.runtime import Engine, LoadOptions
    from medlocal.models.demo import demo_model_path
    from medlocal.rag.grounding import ground
    from medlocal.rag.support import ModelSupportCheck

    engine = Engine()
    model = engine.load_chat(demo_model_path(), LoadOptions(n_ctx=2048, n_gpu_layers=0))
    kwargs = {} if threshold is None else {"threshold": threshold}
    check = ModelSupportCheck(model, **kwargs)

    def judge(case: Case) -> list[str]:
        result = ground(case.statement, {1: case.passage}, support=check)
        return [f.kind for f in result.flags]

    return judge


def score(cases: Iterable[Case], judge: Judge, show: bool = False) -> dict[str, tuple[int, int]]:
    """{error type or "faithful": (flagged, total)}."""
    flagged: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for case in cases:
        kinds = judge(case)
        total[case.error] += 1
        if kinds:
            flagged[case.error] += 1
        if show and bool(kinds) == (case.error == "faithful"):
            verdict = "FALSE ALARM" if kinds else "MISSED"
            print(f"  {verdict} [{case.half} {case.passage_id} {case.error}] {case.statement}")
            print(f"      flags: {kinds}")
    return {k: (flagged[k], total[k]) for k in (*ERROR_TYPES, "faithful") if total[k]}


def table(results: dict[str, dict[str, tuple[int, int]]]) -> str:
    halves = list(results)
    lines = [
        "| error type | " + " | ".join(f"{h} caught" for h in halves) + " |",
        "|---|" + "---|" * len(halves),
    ]
    for kind in ERROR_TYPES:
        cells = []
        for h in halves:
            got, n = results[h].get(kind, (0, 0))
            cells.append(f"{got}/{n} ({100 * got / n:.0f}%)" if n else "-")
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    for label, pick in (("all errors", ERROR_TYPES), ("false alarms", ("faithful",))):
        cells = []
        for h in halves:
            got = sum(results[h].get(k, (0, 0))[0] for k in pick)
            n = sum(results[h].get(k, (0, 0))[1] for k in pick)
            cells.append(f"{got}/{n} ({100 * got / n:.0f}%)" if n else "-")
        lines.append(f"| **{label}** | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--half", choices=HALVES, action="append")
    parser.add_argument("--model", action="store_true", help="add the model check (demo model)")
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--show", action="store_true", help="print missed and false alarms")
    args = parser.parse_args(argv)
    judge = model_judge(args.threshold) if args.model else rules_judge()
    results: dict[str, dict[str, tuple[int, int]]] = {}
    started = time.perf_counter()
    n = 0
    for half in args.half or HALVES:
        cases = load(half)
        n += len(cases)
        results[half] = score(cases, judge, show=args.show)
    elapsed = time.perf_counter() - started
    print(table(results))
    print(f"\n{n} statements in {elapsed:.1f} s ({1000 * elapsed / max(n, 1):.1f} ms each)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
