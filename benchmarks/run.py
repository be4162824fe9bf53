"""One entry point for every benchmark: ``python benchmarks/run.py [--quick] [NAME ...]``.

Each ``bench_*.py`` runs in its own process (a clean RSS and no shared caches) and prints one JSON
object on its last line. Results go to ``benchmarks/results/<timestamp>.json`` and ``.md``.
Benchmarks compare against a baseline measured in the same run; absolute numbers on a shared
machine are noise, ratios are the result.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument(
        "names", nargs="*", help="benchmarks to run (engine, vault, ingest, rag, models)"
    )
    ap.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    args = ap.parse_args()
    available = sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))
    names = args.names or available
    unknown = set(names) - set(available)
    if unknown:
        ap.error(f"unknown benchmark(s) {sorted(unknown)}; available: {available}")
    results: dict[str, object] = {}
    for name in names:
        cmd = [sys.executable, str(HERE / f"bench_{name}.py")] + (["--quick"] if args.quick else [])
        print(f"== {name}", file=sys.stderr, flush=True)
        started = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        lines = [line for line in proc.stdout.strip().splitlines() if line.strip()]
        try:
            data = json.loads(lines[-1]) if proc.returncode == 0 and lines else None
        except json.JSONDecodeError:
            data = None
        if data is None:
            results[name] = {
                "error": (proc.stderr or proc.stdout)[-2000:],
                "returncode": proc.returncode,
            }
        else:
            results[name] = data
        print(f"   {elapsed:.0f} s", file=sys.stderr)
    out_dir = HERE / "results"
    out_dir.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (out_dir / f"{stamp}.json").write_text(json.dumps(results, indent=2))
    md = render_markdown(results)
    (out_dir / f"{stamp}.md").write_text(md)
    print(md)
    return 1 if any("error" in r for r in results.values() if isinstance(r, dict)) else 0


def render_markdown(results: dict[str, object]) -> str:
    lines = []
    for name, data in results.items():
        lines += [f"## {name}", "", "| metric | value |", "| --- | --- |"]
        if isinstance(data, dict):
            for key, value in data.items():
                text = json.dumps(value) if isinstance(value, dict | list) else str(value)
                lines.append(f"| {key} | {text.replace('|', '/')[:300]} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
