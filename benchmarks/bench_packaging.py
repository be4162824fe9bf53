"""Packaging benchmark: generation speed of the frozen bundle against source installs, one run.

Three programs run ``medlocal --speed-check`` (demo model, one thread, median of three) in
interleaved rounds, so drift on a shared machine hits all alike:

* ``baseline``: the source install with the machine's usual llama.cpp build (CI's AVX2 wheel),
* ``variant``: a source install with the installers' wheel (the best CPU variant, loaded by
  medlocal.engine.backends),
* ``frozen``: ``dist/medlocal/medlocal`` from build.spec.

Ratios: variant/baseline (target >= 0.97: the portable build must not be slower than the AVX2
one) and frozen/variant (the bundle adds nothing to generation). Prints one JSON object last.
Usage: bench_packaging.py --frozen dist/medlocal/medlocal --variant-python build/pkg-venv/bin/python
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def speed(cmd: list[str]) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "MEDLOCAL_HOME": home, "PYTHONPATH": str(ROOT)}
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=900)
    if proc.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed: {proc.stderr[-1500:]}")
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--frozen", type=Path, default=ROOT / "dist" / "medlocal" / "medlocal")
    ap.add_argument("--variant-python", type=Path, default=ROOT / "build/pkg-venv/bin/python")
    ap.add_argument("--baseline-python", default=sys.executable)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    if not args.frozen.exists() or not args.variant_python.exists():
        # benchmarks/run.py runs every bench_*.py; without a bundle there is nothing to compare.
        print(json.dumps({"skipped": "no frozen bundle (run installers/build-linux.sh)"}))
        return 0
    rounds = 1 if args.quick else args.rounds
    programs = {
        "baseline": [args.baseline_python, "-m", "medlocal", "--speed-check"],
        "variant": [str(args.variant_python), "-m", "medlocal", "--speed-check"],
        "frozen": [str(args.frozen), "--speed-check"],
    }
    runs: dict[str, list[float]] = {name: [] for name in programs}
    variants: dict[str, object] = {}
    for _ in range(rounds):
        for name, cmd in programs.items():
            result = speed(cmd)
            runs[name].append(float(str(result["tg_tps"])))
            variants[name] = result["cpu_variant"]
    med = {name: statistics.median(values) for name, values in runs.items()}
    print(
        json.dumps(
            {
                "tg_tps": med,
                "runs": runs,
                "cpu_variant": variants,
                "variant_vs_baseline": med["variant"] / med["baseline"],
                "frozen_vs_variant_source": med["frozen"] / med["variant"],
                "frozen_vs_baseline": med["frozen"] / med["baseline"],
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
