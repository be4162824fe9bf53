"""Grouped cross-validation of the de-identification tagger's training recipe.

The shipped model is trained on every development half, so its effect there is optimistic. This
splits the development halves (``benchmarks/bench_deid.py``'s list: never dev8, dev16 or the
held-out halves) into folds by file, trains on the other folds and scores the full redactor
(rules and that tagger) on the held fold, against the rules alone: identifiers found, by type,
and clinical terms damaged, summed over the held folds.

``python tools/cv_deid_tagger.py --settings current,l1,l2 --thresholds 0.2,0.3,0.4,0.5``
prints one JSON line per setting, threshold and fold (and the rules alone once per fold), to
stdout and to ``--out``. Only totals: no note's misses.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tools"))

import train_deid_tagger as training  # noqa: E402
from bench_deid import DEVELOPMENT  # noqa: E402
from fixtures.deid_corpus import Note, Score, load, score  # noqa: E402

from medlocal.privacy import deid_tagger, redact  # noqa: E402
from medlocal.privacy.deid_lexicon import Lexicon  # noqa: E402
from medlocal.privacy.deid_tagger import Tagger  # noqa: E402
from medlocal.privacy.deid_tagger_features import Memo, line_features  # noqa: E402
from medlocal.privacy.deid_tokens import Tok  # noqa: E402
from medlocal.privacy.redact import PatientIdentity, Redactor  # noqa: E402

FOLDS = 4
Features = Callable[[list[Tok], str, Lexicon, Memo | None], list[list[str]]]
# The word lists' verdicts on a word, as its own features name them.
_VERDICTS = frozenset({"known", "clin", "given", "sur", "place", "strong", "weak"})
# How an unknown word is spelled: a short name's suffix is the name itself.
_SPELLING = re.compile(r"(?:-?\d)?(?:suf2?|pre)=")


def _wide(line: list[Tok], text: str, lex: Lexicon, memo: Memo | None = None) -> list[list[str]]:
    """The current features, and a wider window: the word lists' verdicts on the words two away
    (now only their shape and spelling) and the shape of the words three away."""
    base = line_features(line, text, lex, memo)
    out: list[list[str]] = []
    for i, feats in enumerate(base):
        extra: list[str] = []
        for offset in (-2, 2):
            j = i + offset
            if 0 <= j < len(base):
                extra += [f"{offset}{f}" for f in base[j] if f in _VERDICTS]
        for offset in (-3, 3):
            j = i + offset
            if 0 <= j < len(base):
                extra += [f"{offset}{f}" for f in base[j] if f.startswith("sh=")]
        out.append(feats + extra)
    return out


def _unspelled(
    line: list[Tok], text: str, lex: Lexicon, memo: Memo | None = None
) -> list[list[str]]:
    """The current features without the spelling of unknown words (suffixes and prefix, own and
    the neighbours'): the features that can memorise the names trained on."""
    return [
        [f for f in feats if not _SPELLING.match(f)]
        for feats in line_features(line, text, lex, memo)
    ]


@dataclass(frozen=True)
class Setting:
    c1: float
    c2: float
    features: Features


SETTINGS: dict[str, Setting] = {
    "current": Setting(0.05, 0.01, line_features),
    "l1": Setting(0.2, 0.01, line_features),  # sparser: fewer features kept
    "l2": Setting(0.05, 0.1, line_features),  # smaller weights
    "l1l2": Setting(0.2, 0.1, line_features),
    "wide": Setting(0.05, 0.01, _wide),
    "unspelled": Setting(0.05, 0.01, _unspelled),
}


def folds(halves: tuple[str, ...], count: int) -> list[list[str]]:
    """The halves dealt into ``count`` folds of about the same number of identifiers (the
    largest first, each to the lightest fold): deterministic, and no fold all small halves."""
    sizes = {h: sum(len(n.identifiers) for n in load(h)) for h in halves}
    groups: list[list[str]] = [[] for _ in range(count)]
    weights = [0] * count
    for half in sorted(halves, key=lambda h: (-sizes[h], h)):
        lightest = weights.index(min(weights))
        groups[lightest].append(half)
        weights[lightest] += sizes[half]
    return groups


@contextlib.contextmanager
def _patched(module: object, name: str, value: object) -> Iterator[None]:
    """``module.name`` set to ``value`` for the block: how the trainer and the tagger are given
    another recipe without a parameter that only this experiment needs."""
    saved = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, saved)


@contextlib.contextmanager
def _recipe(setting: Setting) -> Iterator[None]:
    """Training and tagging with ``setting``'s features and regularisation."""
    params = dict(training.PARAMS, c1=setting.c1, c2=setting.c2)
    with (
        _patched(training, "line_features", setting.features),
        _patched(deid_tagger, "line_features", setting.features),
        _patched(training, "PARAMS", params),
    ):
        yield


def _redactor_spans(tagger: bool) -> Callable[[Note], list[tuple[int, int]]]:
    def spans(note: Note) -> list[tuple[int, int]]:
        identity = PatientIdentity(note.patient_name, note.mrn, note.dob)
        redactor = Redactor(identity, shift_days=40, tagger=tagger)
        return [(r.start, r.end) for r in redactor.preview(note.text)]

    return spans


def _scored(notes: list[Note], tagger: Tagger | None) -> Score:
    """The full redactor with ``tagger`` (None: the rules alone) on ``notes``."""
    if tagger is None:
        return score(notes, _redactor_spans(tagger=False))
    with _patched(redact, "shipped_tagger", lambda: tagger):
        return score(notes, _redactor_spans(tagger=True))


def _row(setting: str, threshold: float | None, fold: int, sc: Score) -> dict[str, object]:
    return {
        "setting": setting,
        "threshold": threshold,
        "fold": fold,
        "found": dict(sc.found),
        "total": dict(sc.total),
        "clinical_damaged": sc.clinical_damaged,
        "clinical_total": sc.clinical_total,
    }


def run(settings: list[str], thresholds: list[float], out: TextIO, rules: bool) -> None:
    groups = folds(DEVELOPMENT, FOLDS)
    for number, held in enumerate(groups):
        print(f"# fold {number}: {','.join(held)}", file=sys.stderr, flush=True)
        notes = [note for half in held for note in load(half)]
        rows: list[dict[str, object]] = []
        if rules:
            rows.append(_row("rules", None, number, _scored(notes, None)))
        training_halves = [h for g in groups if g is not held for h in g]
        for name in settings:
            setting = SETTINGS[name]
            with tempfile.TemporaryDirectory() as tmp, _recipe(setting):
                model = Path(tmp) / "fold.crfsuite"
                started = time.perf_counter()
                training.train(training_halves, model)
                took = time.perf_counter() - started
                print(f"# {name} trained in {took:.0f} s", file=sys.stderr, flush=True)
                for threshold in thresholds:
                    sc = _scored(notes, Tagger(model, threshold))
                    rows.append(_row(name, threshold, number, sc))
                    print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
        for row in rows:
            out.write(json.dumps(row) + "\n")
            out.flush()


# The types the tagger is trained on, reported one by one.
_TAGGED_TYPES = ("PATIENT", "PERSON", "FACILITY", "STREET", "CITY", "COUNTY", "ZIP")


def table(rows: list[dict[str, Any]]) -> str:
    """A markdown table of the rows summed over the folds, and each recipe's identifiers found
    beyond the rules alone in each fold (a setting missing a fold is marked so)."""
    sums: dict[tuple[str, float | None], dict[str, Any]] = {}
    per_fold: dict[tuple[str, float | None], dict[int, tuple[int, int]]] = {}
    for row in rows:
        key = (row["setting"], row["threshold"])
        total = sums.setdefault(key, {"found": Counter(), "total": Counter(), "dam": 0, "cl": 0})
        total["found"].update(row["found"])
        total["total"].update(row["total"])
        total["dam"] += row["clinical_damaged"]
        total["cl"] += row["clinical_total"]
        found_damaged = (sum(row["found"].values()), row["clinical_damaged"])
        per_fold.setdefault(key, {})[row["fold"]] = found_damaged
    rules = per_fold.get(("rules", None), {})
    head = [
        "setting",
        "thr",
        "found/total",
        "recall",
        *_TAGGED_TYPES,
        "clin. damaged",
        "+ids/+damaged by fold",
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for (name, threshold), total in sums.items():
        found, count = sum(total["found"].values()), sum(total["total"].values())
        by_type = [f"{total['found'][k]}/{total['total'][k]}" for k in _TAGGED_TYPES]
        gains = " ".join(
            f"{n - rules[f][0]:+d}/{d - rules[f][1]:+d}" if f in rules else "?"
            for f, (n, d) in sorted(per_fold[(name, threshold)].items())
        )
        cells = [
            name,
            "-" if threshold is None else f"{threshold}",
            f"{found}/{count}",
            f"{found / max(1, count):.2%}",
            *by_type,
            f"{total['dam']}/{total['cl']}",
            gains,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--settings", default="current", help=f"of {','.join(SETTINGS)}")
    ap.add_argument("--thresholds", default="0.3")
    ap.add_argument("--no-rules", action="store_true", help="skip the rules-alone rows")
    ap.add_argument("--out", type=Path, required=True, help="JSON lines appended here")
    ap.add_argument("--table", action="store_true", help="only print --out's rows as a table")
    args = ap.parse_args()
    if args.table:
        print(table([json.loads(line) for line in args.out.read_text().splitlines() if line]))
        return 0
    settings = args.settings.split(",")
    unknown = [s for s in settings if s not in SETTINGS]
    if unknown:
        ap.error(f"unknown settings {unknown}; known: {', '.join(SETTINGS)}")
    thresholds = [float(t) for t in args.thresholds.split(",")]
    with args.out.open("a") as out:
        run(settings, thresholds, out, rules=not args.no_rules)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
