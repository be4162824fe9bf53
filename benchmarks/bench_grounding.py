"""Grounding precision on good answers, and recall on bad ones
(``tests/fixtures/grounding_eval/``).

Every sentence of the set is written by a fake model through the real answerer and the real
summariser (see ``tests/fixtures/grounding_eval/__init__.py``), and their flags are counted:

* false alarms: good sentences (correct, cited, as a competent model writes them) with any
  flag, overall and by flag kind;
* recall: bad sentences (an invented dose, a wrong drug or date, a number from another passage,
  a flipped negation, a relative's condition given to the patient, a claim with no support)
  that get a content flag.

Every part is scored, and all are development data (the checks were tuned on them; ``dev2``
was the first held-out part, ``heldout2`` the second, read case by case from round 3 on,
``heldout3`` the third, read from round 4 on, ``heldout4`` the fourth, read from round 5 on,
``heldout5`` the fifth, read from round 6 on, ``heldout6`` the sixth, read from round 7 on,
``heldout7`` the seventh, read from round 8 on, ``heldout8`` the eighth, read from round 9 on,
``heldout9`` the ninth, read from round 10 on, ``heldout10`` the tenth, read from round 11 on,
``heldout11`` the eleventh, read from round 12 on, ``heldout12`` the twelfth, read from round 13
on).
A part named in ``HELD_OUT`` is only ever reported in counts.
``--show`` lists the development parts' false alarms and misses with their flags.

    PYTHONPATH=$PWD python benchmarks/bench_grounding.py [--show] [--part dev] [--mode answer]

Prints one JSON object on its last line (``benchmarks/run.py`` collects it).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))


def _rate(n: int, total: int) -> str:
    return f"{n}/{total} ({100 * n / total:.0f}%)" if total else "-"


def main() -> int:
    from fixtures.grounding_eval import HELD_OUT, JUDGES, MODES, PARTS, load, score

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--part", choices=PARTS, action="append")
    ap.add_argument("--mode", choices=MODES, action="append")
    ap.add_argument(
        "--show", action="store_true", help="list the development parts' alarms and misses"
    )
    ap.add_argument("--quick", action="store_true", help="(accepted for benchmarks/run.py)")
    args = ap.parse_args()
    report: dict[str, Any] = {}
    rows = ["| part | mode | false alarms (good) | caught (bad) | alarm kinds | missed kinds |"]
    rows.append("|---|---|---|---|---|---|")
    started = time.perf_counter()
    for part in args.part or PARTS:
        cases = load(part)
        for mode in args.mode or MODES:
            result = score(cases, JUDGES[mode])
            missed = result.bad_by_kind - result.caught_by_kind
            report[f"{part}_{mode}"] = {
                "good": result.good,
                "false_alarms": result.false_alarms,
                "alarm_kinds": dict(sorted(result.alarm_kinds.items())),
                "bad": result.bad,
                "caught": result.caught,
                "missed_kinds": dict(sorted(missed.items())),
            }
            rows.append(
                f"| {part} | {mode} | {_rate(result.false_alarms, result.good)}"
                f" | {_rate(result.caught, result.bad)}"
                f" | {', '.join(f'{k} {n}' for k, n in sorted(result.alarm_kinds.items()))}"
                f" | {', '.join(f'{k} {n}' for k, n in sorted(missed.items()))} |"
            )
            if args.show and part not in HELD_OUT:
                _show(mode, result)
    print("\n".join(rows))
    elapsed = time.perf_counter() - started
    print(f"\n{elapsed:.1f} s", file=sys.stderr)
    print(json.dumps(report))
    return 0


def _show(mode: str, result: Any) -> None:
    for case, flags in result.false_alarm_cases:
        print(f"FALSE ALARM [{mode} {case.set.id}] {case.text}")
        for flag in flags:
            print(f"    {flag.kind}: {flag.message}")
    for case in result.missed_cases:
        print(f"MISSED [{mode} {case.set.id} {case.expected}] {case.text}")


if __name__ == "__main__":
    raise SystemExit(main())
