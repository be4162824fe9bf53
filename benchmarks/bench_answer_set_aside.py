"""How often a whole answer is set aside ("No supported answer", the draft kept behind its
label) when it should not be, and when it should.

For every set of the grounding precision set (``tests/fixtures/grounding_eval/``) a fake model
writes, through the real answerer, three answers of several sentences: all the set's good
sentences (correct and cited: never to be set aside), all its bad ones (each with one error),
and the good and bad ones together (to be answered, the bad ones flagged). Parts named in
``HELD_OUT`` are reported in counts only; ``--show`` lists the development parts' good answers
set aside.

    PYTHONPATH=$PWD python benchmarks/bench_answer_set_aside.py [--show]

Prints one JSON object on its last line.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))


def main() -> int:
    from fixtures.fake_models import FakeChatModel, FakeEmbedder, FakeRetriever
    from fixtures.grounding_eval import GOOD, HELD_OUT, PARTS, Case, EvalSet, load

    from medlocal.rag.answer import GroundedAnswerer
    from medlocal.rag.passages import Scope

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--show", action="store_true", help="list development good answers set aside")
    ap.add_argument("--quick", action="store_true", help="(accepted for benchmarks/run.py)")
    args = ap.parse_args()

    def set_aside(found: EvalSet, sentences: list[str]) -> bool:
        model = FakeChatModel(" ".join(sentences), n_ctx=16384)
        answerer = GroundedAnswerer(model, FakeRetriever(found.hits()), FakeEmbedder())
        return answerer.ask(found.question, Scope(patient_id=1)).consume().status != "answered"

    report: dict[str, dict[str, int]] = {}
    for part in PARTS:
        by_set: dict[str, tuple[EvalSet, list[Case]]] = {}
        for case in load(part):
            by_set.setdefault(case.set.id, (case.set, []))[1].append(case)
        counts = {"sets": 0, "good_set_aside": 0, "bad_set_aside": 0, "mixed_set_aside": 0}
        for found, cases in by_set.values():
            good = [c.text for c in cases if c.expected == GOOD]
            bad = [c.text for c in cases if c.expected != GOOD]
            counts["sets"] += 1
            if set_aside(found, good):
                counts["good_set_aside"] += 1
                if args.show and part not in HELD_OUT:
                    print(f"good answer set aside: {part} {found.id}")
            counts["bad_set_aside"] += set_aside(found, bad)
            counts["mixed_set_aside"] += set_aside(found, good + bad)
        report[part] = counts
        print(f"{part}: {counts}")
    total = {k: sum(r[k] for r in report.values()) for k in next(iter(report.values()))}
    print(f"all: {total}")
    print(json.dumps({"answer_set_aside": {**report, "all": total}}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
