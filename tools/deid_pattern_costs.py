"""What each whole-text pattern of the redactor costs in one preview (session 60).

The speed rounds found that a 20-page record's CPU time is spread over some 450 patterns that
search the whole text, none above ~1% (speed58, speed59), and asked per pattern which are worth
rewriting. This answers it by measurement: one preview runs with the two ways a pattern searches
a whole text wrapped, and the CPU time spent finding each pattern's matches is summed by pattern:

* ``fixed-form``: deid_patterns._matches, the fixed-form list (word keys, split alternatives,
  cue regions, skippers or the plain pattern, whichever it takes);
* ``finder``: deid_first_characters.skipped_finditer, the finders outside that list (the date
  forms, logins, people's and places' cues; their skippers and cue regions).

Each is timed while its matches are read (a generator is timed at each step, not while its
caller works on a match), so the sums are the searches' own cost. The wrappers change nothing
the redactor finds (the tests check it) and are taken off after the preview.

``python tools/deid_pattern_costs.py [--most 40]``: the bench's 20-page record
(benchmarks/bench_deid.py, the full line), read once to load the word lists and compile the
skippers, then once measured; prints the costliest patterns (milliseconds, matches, which way,
the pattern's opening). Only patterns, which are code, are printed, never text.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_deid  # noqa: E402
from fixtures.deid_corpus import load  # noqa: E402

from medlocal.privacy import deid_first_characters, deid_patterns  # noqa: E402
from medlocal.privacy.redact import PatientIdentity, Redactor  # noqa: E402


@dataclass
class Cost:
    """One pattern's searches in a preview: CPU seconds, matches, searches, and which way."""

    pattern: re.Pattern[str]
    way: str
    seconds: float = 0.0
    matches: int = 0
    searches: int = 0


def _timed(matches: Iterator[re.Match[str]], cost: Cost) -> Iterator[re.Match[str]]:
    """``matches``, each step's CPU time added to ``cost`` (not the caller's time between)."""
    clock = time.process_time
    while True:
        started = clock()
        try:
            found = next(matches)
        except StopIteration:
            cost.seconds += clock() - started
            return
        cost.seconds += clock() - started
        cost.matches += 1
        yield found


def _wrapped(
    search: Callable[..., Iterator[re.Match[str]]], way: str, costs: dict[int, Cost]
) -> Callable[..., Iterator[re.Match[str]]]:
    """``search`` (called with the pattern first), its matches timed into ``costs``."""

    def wrapper(pattern: re.Pattern[str], *args: Any, **kwargs: Any) -> Iterator[re.Match[str]]:
        cost = costs.get(id(pattern))
        if cost is None:
            cost = costs[id(pattern)] = Cost(pattern, way)
        cost.searches += 1
        started = time.process_time()
        matches = iter(search(pattern, *args, **kwargs))
        cost.seconds += time.process_time() - started
        return _timed(matches, cost)

    return wrapper


def _holders(function: object) -> list[ModuleType]:
    """The modules of medlocal.privacy that hold ``function`` by name (imported it)."""
    name = getattr(function, "__name__", "")
    return [
        module
        for module_name, module in list(sys.modules.items())
        if module_name.startswith("medlocal.privacy") and getattr(module, name, None) is function
    ]


@contextmanager
def measuring(costs: dict[int, Cost]) -> Iterator[None]:
    """Time every whole-text search into ``costs`` (by the pattern's identity) while inside."""
    originals = [
        (deid_patterns._matches, "fixed-form"),
        (deid_first_characters.skipped_finditer, "finder"),
    ]
    patched: list[tuple[ModuleType, str, object]] = []
    try:
        for function, way in originals:
            wrapper = _wrapped(function, way, costs)
            for module in _holders(function):
                patched.append((module, function.__name__, function))
                setattr(module, function.__name__, wrapper)
        yield
    finally:
        for module, name, original in patched:
            setattr(module, name, original)


def pattern_costs(redactor: Redactor, text: str) -> list[Cost]:
    """Each whole-text pattern's searches in one preview of ``text``, the costliest first."""
    costs: dict[int, Cost] = {}
    with measuring(costs):
        redactor.preview(text)
    return sorted(costs.values(), key=lambda cost: -cost.seconds)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--most", type=int, default=40, help="how many patterns to print")
    args = ap.parse_args()
    notes = load("dev") + load("heldout")
    record = bench_deid._twenty_pages(notes)
    identity = PatientIdentity(notes[0].patient_name, notes[0].mrn, notes[0].dob)
    redactor = Redactor(identity, shift_days=40)
    redactor.preview(record)  # word lists, skippers and cue readings made outside the count
    started = time.process_time()
    costs = pattern_costs(redactor, record)
    whole = time.process_time() - started
    by_way: dict[str, float] = {}
    for cost in costs:
        by_way[cost.way] = by_way.get(cost.way, 0.0) + cost.seconds
    print(f"preview {whole * 1000:.0f} ms CPU (wrappers included); {len(costs)} patterns:")
    for way, seconds in sorted(by_way.items()):
        print(f"  {way}: {seconds * 1000:.1f} ms")
    for cost in costs[: args.most]:
        print(
            f"{cost.seconds * 1000:7.2f} ms {cost.matches:5d} matches {cost.way:10s} "
            f"{cost.pattern.pattern[:90]!r}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
