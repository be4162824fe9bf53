"""Where a summary's time goes, per model call: prompt processing (time to first token, with the
prompt tokens and how many came from the KV cache), generation, and the checks and token
counting around them (issue 13: profile before building).

Prints a table per step and one JSON object on its last line.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_rag import record_pdf


class Recorder:
    """Wraps the chat model: times every call the summarizer makes, by stage."""

    def __init__(self, model: Any) -> None:
        self._model = model
        self.stage = "setup"
        self.calls: list[dict[str, Any]] = []
        self.counting_s: defaultdict[str, float] = defaultdict(float)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._model, name)

    def progress(self, stage: str, done: int, total: int) -> None:
        self.stage = stage.split()[0]

    def count_tokens(self, text: str) -> int:
        started = time.perf_counter()
        try:
            return int(self._model.count_tokens(text))
        finally:
            self.counting_s[self.stage] += time.perf_counter() - started

    def count_chat_tokens(self, messages: Any) -> int:
        started = time.perf_counter()
        try:
            return int(self._model.count_chat_tokens(messages))
        finally:
            self.counting_s[self.stage] += time.perf_counter() - started

    def stream_chat(self, *args: Any, **kwargs: Any) -> Iterator[str]:
        started = time.perf_counter()
        yield from self._model.stream_chat(*args, **kwargs)
        s = self._model.last_stats
        self.calls.append(
            {
                "stage": self.stage,
                "prompt_tokens": s.prompt_tokens,
                "reused_prefix_tokens": s.reused_prefix_tokens,
                "prompt_s": round(s.time_to_first_token_s, 3),
                "generated_tokens": s.generated_tokens,
                "generation_s": round(s.generation_s, 3),
                "drafted": s.drafted_tokens,
                "accepted": s.accepted_tokens,
                "wall_s": round(time.perf_counter() - started, 3),
            }
        )
        # One line per call as it ends, so a run cut short still shows where time went.
        print(json.dumps(self.calls[-1]), file=sys.stderr, flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pages", type=int, default=5)
    ap.add_argument("--max-tokens", type=int, default=48)
    ap.add_argument("--speculative-draft", type=int, default=0, help="0: plain decoding")
    ap.add_argument("--threads", type=int, default=0)
    args = ap.parse_args()
    home = tempfile.mkdtemp(prefix="medlocal-profile-summary-")
    os.environ["MEDLOCAL_HOME"] = home

    from medlocal.engine.api import SamplingParams
    from medlocal.engine.runtime import Engine, LoadOptions
    from medlocal.ingest.pipeline import import_paths
    from medlocal.models.demo import demo_model_path
    from medlocal.rag import summarize
    from medlocal.rag.record import record_passages
    from medlocal.rag.templates import get_template
    from medlocal.vault.keys import KdfParams
    from medlocal.vault.store import Vault

    model_path = demo_model_path()
    if model_path is None:
        print(json.dumps({"error": "demo model not installed"}))
        return 1
    checks_s: defaultdict[str, float] = defaultdict(float)
    engine = Engine()
    try:
        options = LoadOptions(
            n_ctx=2048, n_threads=args.threads or None, speculative_draft=args.speculative_draft
        )
        chat = engine.load_chat(model_path, options)
        embedder = engine.load_embedder(model_path)
        vault, _ = Vault.create(
            Path(home) / "vault", "bench", kdf_params=KdfParams(memory_kib=8192, iterations=1)
        )
        with vault:
            pdf_path = Path(home) / "record.pdf"
            pdf_path.write_bytes(record_pdf(args.pages))
            patient = vault.add_patient("Record Patient")
            import_paths(vault, [pdf_path], patient, embedder)
            hits = record_passages(vault, patient)
            recorder = Recorder(chat)
            real_ground = summarize.ground

            def timed_ground(*a: Any, **k: Any) -> Any:
                started = time.perf_counter()
                try:
                    return real_ground(*a, **k)
                finally:
                    checks_s[recorder.stage] += time.perf_counter() - started

            summarize.ground = timed_ground  # type: ignore[assignment]
            summarizer = summarize.Summarizer(
                recorder,  # type: ignore[arg-type]
                params=SamplingParams(max_tokens=args.max_tokens),
            )
            started = time.perf_counter()
            summary = summarizer.summarize(hits, get_template("soap"), progress=recorder.progress)
            wall = time.perf_counter() - started
    finally:
        engine.shutdown()

    stages: dict[str, dict[str, float]] = {}
    for c in recorder.calls:
        row = stages.setdefault(
            c["stage"],
            {"calls": 0, "prompt_tokens": 0, "reused": 0, "prompt_s": 0.0, "gen_tokens": 0},
        )
        row["calls"] += 1
        row["prompt_tokens"] += c["prompt_tokens"]
        row["reused"] += c["reused_prefix_tokens"]
        row["prompt_s"] += c["prompt_s"]
        row["gen_tokens"] += c["generated_tokens"]
        row["generation_s"] = row.get("generation_s", 0.0) + c["generation_s"]
    for stage, row in stages.items():
        row["checks_s"] = checks_s.get(stage, 0.0)
        row["token_counting_s"] = recorder.counting_s.get(stage, 0.0)
        print(
            f"{stage:8s} calls {int(row['calls']):3d}  prompt {int(row['prompt_tokens']):6d} tok"
            f" (reused {int(row['reused']):6d}) {row['prompt_s']:7.2f}s  generated"
            f" {int(row['gen_tokens']):5d} tok {row['generation_s']:7.2f}s  checks"
            f" {row['checks_s']:6.2f}s  counting {row['token_counting_s']:6.2f}s",
            file=sys.stderr,
        )
    accounted = sum(c["wall_s"] for c in recorder.calls) + sum(checks_s.values())
    accounted += sum(recorder.counting_s.values())
    out = {
        "pages": args.pages,
        "passages": len(hits),
        "steps": summary.steps,
        "wall_s": round(wall, 2),
        "unaccounted_s": round(wall - accounted, 2),
        "stages": {k: {n: round(v, 3) for n, v in r.items()} for k, r in stages.items()},
        "speculative_draft": args.speculative_draft,
    }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
