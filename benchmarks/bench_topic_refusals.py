"""How many answerable questions the answerer refuses before asking the model.

Every set of the grounding precision set (``tests/fixtures/grounding_eval/``) is a question its
passages answer, so a refusal there ("Not found in the selected documents" without asking the
model) is a wrong one. The sets give every passage a cosine of 0.95, past the bar at which a
passage counts by meaning alone; this benchmark drops the cosines, so the word rules
(``RelevanceThreshold.filter`` and ``answerable``: key terms, and the one-concept topic of
rag/topics.py) are judged alone, as they are for a real passage with an ordinary cosine.

Parts named in ``HELD_OUT`` are reported in counts only; ``--show`` lists the development
parts' refused questions.

    PYTHONPATH=$PWD python benchmarks/bench_topic_refusals.py [--show]

Prints one JSON object on its last line.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))


def main() -> int:
    from fixtures.grounding_eval import HELD_OUT, PARTS, load

    from medlocal.rag.relevance import RelevanceThreshold
    from medlocal.rag.topics import question_topic

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--show", action="store_true", help="list the development parts' refusals")
    ap.add_argument("--quick", action="store_true", help="(accepted for benchmarks/run.py)")
    args = ap.parse_args()
    threshold = RelevanceThreshold()
    report: dict[str, dict[str, int]] = {}
    for part in PARTS:
        sets = {case.set.id: case.set for case in load(part)}
        refused = topical = 0
        for found in sets.values():
            hits = [replace(h, vector_score=None) for h in found.hits()]
            relevant = threshold.filter(hits, found.question)
            topical += bool(question_topic(found.question))
            if relevant and threshold.answerable(relevant, found.question):
                continue
            refused += 1
            if args.show and part not in HELD_OUT:
                print(f"refused {part} {found.id}: {found.question}")
        report[part] = {"sets": len(sets), "refused": refused, "one_concept": topical}
        print(f"{part}: {refused}/{len(sets)} refused ({topical} one-concept questions)")
    total = {k: sum(r[k] for r in report.values()) for k in ("sets", "refused", "one_concept")}
    print(f"all: {total['refused']}/{total['sets']} refused ({total['one_concept']} one-concept)")
    print(json.dumps({"topic_refusals": {**report, "all": total}}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
