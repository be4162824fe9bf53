"""Clinical terms the redactor damages, counted by class: what kind of term, which word lists its
words are on, the label the redaction gave it and the step of the engine that made the span.

``PYTHONPATH=$PWD python tools/deid_damage_classes.py [--halves dev,dev3 | --held-out]
[--examples N]``. A term ("[[...]]" in a half) is damaged when any of its letters or digits is
redacted, as ``tests/fixtures/deid_corpus.score`` counts it. The counts are summed over all the
halves given, never printed per half. Where any held-out half (``bench_deid.HELD_OUT``) is among
the halves, only counts are printed: no term's text, note id or neighbouring text, and
``--examples`` is refused (:func:`check_examples_allowed`), so the held-out halves can be
classed without being read.

Classes (a term counts once in each table; in the list, source and label tables once under
each entry it has, so those columns can sum to more than the number of damaged terms):

* shape: ``digit`` (has a digit), ``all_caps`` (two or more letters, all capitals),
  ``capitalised`` (a word opens with a capital), ``lower`` (all lower case).
* lists: each word list of :mod:`~medlocal.privacy.deid_lexicon` that one of the term's words
  is on (folded, a possessive "'s" taken off): ``drug`` (drug_names.txt / drug_brands.txt single
  words), ``clinical`` (``Lexicon.clinical``), ``eponym`` (see :func:`eponym_words`),
  ``given``, ``surname``, ``place``, ``english``; ``none`` when no word is on any.
* label: the placeholder of each redaction that touches the term (``[NAME]``, ``[FACILITY]``,
  a shifted date is ``[DATE]``).
* evidence (session 50): what the same text holds that a rule could give the term back by:
  its first redacted word kept or typed in lower case at another mention, a dose on its line,
  an open bracket before it; ``none`` when none of these.
* source: each step of the engine whose candidate span touches the term's redacted characters.
  The Redactor keeps no record of which rule made a span, and one is not added to its hot path:
  this tool wraps the steps' functions (``redact``'s module names, the word scan's passes in
  ``deid_words``, ``DateRedactor.candidates``) for the run and restores them afterwards.
  ``resolve`` marks a character no candidate covered (a merge of neighbours).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_deid  # noqa: E402
from fixtures.deid_corpus import Note, load  # noqa: E402

import medlocal.privacy.deid_patterns as deid_patterns  # noqa: E402
import medlocal.privacy.deid_words as deid_words  # noqa: E402
import medlocal.privacy.redact as redact  # noqa: E402
from medlocal.paths import resources_dir  # noqa: E402
from medlocal.privacy.deid_dates import DateRedactor  # noqa: E402
from medlocal.privacy.deid_eponym_heads import HEADS_AFTER  # noqa: E402
from medlocal.privacy.deid_eponyms import EPONYM_HEADS  # noqa: E402
from medlocal.privacy.deid_lexicon import (  # noqa: E402
    Lexicon,
    _brand_words,
    _drug_words,
    fold,
    lexicon,
    read_list,
)
from medlocal.privacy.deid_spans import Redaction, label  # noqa: E402
from medlocal.privacy.redact import PatientIdentity, Redactor  # noqa: E402

# The steps of Redactor._candidates called by their module name in redact.py (each returns or
# yields its spans), and the word scan's passes called by name in deid_words.scan (a pass that
# adds to the list it is given is read by what the list gained).
REDACT_STEPS = (
    "pattern_candidates",
    "hl7_candidates",
    "address_line_candidates",
    "address_run_candidates",
    "grown_place_spans",
    "grown_person_spans",
    "name_initials_spans",
    "prefixed_code_spans",
    "street_postcode_spans",
    "first_line_organisation",
    "proposed_candidates",
)
# The finders pattern_candidates calls before its table of patterns.
PATTERN_FINDERS = tuple(
    name
    for name in dir(deid_patterns)
    if name.endswith("_candidates") and name != "pattern_candidates"
)
SCAN_PASSES = (
    "read_run",
    "names_before_names",
    "labelled_fields",
    "initial_names",
    "staff_initials",
    "chat_speakers",
    "company_names",
    "school_names",
    "known_organisations",
    "cued_organisations",
    "hospital_initials",
    "hospital_unit_initials",
    "hospital_names",
    "named_units",
    "head_first_names",
    "table_cells",
    "complete_runs",
    "letterhead_parts",
    "grown_facilities",
    "initials_of_found_names",
    "initials_after_names",
    "nicknames",
    "join_particles",
    "_propagate",
)
_WORD = re.compile(r"[^\W\d_]+(?:['’]s)?")


class HeldOutTextError(ValueError):
    """A request to print a term's text where a held-out half is among the halves."""


def check_examples_allowed(halves: Iterable[str], examples: int) -> None:
    """Refuse ``examples`` (terms printed as written) when a held-out half is among ``halves``:
    their notes are scored only in aggregate, so no term of theirs may be shown."""
    held = sorted(set(halves) & set(bench_deid.HELD_OUT))
    if examples and held:
        raise HeldOutTextError(
            f"--examples prints terms as written and is refused for held-out halves "
            f"({', '.join(held)}); run it on development halves only"
        )


@dataclass
class Sources:
    """Which step first produced each candidate span, by (start, end, kind)."""

    by_span: dict[tuple[int, int, str], str] = field(default_factory=dict)

    def note(self, spans: Iterable[Any], source: str) -> None:
        for span in spans:
            self.by_span.setdefault((span.start, span.end, span.kind), source)


def _span_key(span: Any) -> tuple[int, int, str]:
    return (span.start, span.end, span.kind)


@contextlib.contextmanager
def traced(sources: Sources) -> Iterator[None]:
    """Wrap the engine's steps so each candidate they make is noted in ``sources``; every wrapped
    name is put back on leaving, so the engine runs unwrapped outside this block."""
    saved: list[tuple[Any, str, Any]] = []

    def wrap(owner: Any, name: str, tag: str, first_only: bool = False) -> None:
        original = getattr(owner, name, None)
        if original is None:
            return

        @functools.wraps(original)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            lists = [a for a in args if isinstance(a, list)]
            before = [{_span_key(s) for s in a if hasattr(s, "kind")} for a in lists]
            result = original(*args, **kwargs)
            if isinstance(result, Iterator):
                result = list(result)  # a generator: its spans are read here, then handed on
            if tag == "redact.pattern_candidates" and isinstance(result, list):
                # The fixed-form patterns by the kind they give (a cue's name, a code...).
                for span in result:
                    sources.note([span], f"{tag}:{span.kind}")
            if first_only:
                # (found, tagged): the tagged spans are the tagger's, noted where they join.
                sources.note(result[0], tag)
            elif isinstance(result, list):
                sources.note((s for s in result if hasattr(s, "kind")), tag)
            for old, arg in zip(before, lists, strict=True):
                sources.note(
                    (s for s in arg if hasattr(s, "kind") and _span_key(s) not in old), tag
                )
            return result

        saved.append((owner, name, original))
        setattr(owner, name, wrapper)

    for name in PATTERN_FINDERS:
        wrap(deid_patterns, name, f"patterns.{name}")
    for name in REDACT_STEPS:
        wrap(redact, name, f"redact.{name}")
    for name in SCAN_PASSES:
        wrap(deid_words, name, f"scan.{name}")
    wrap(redact, "_outside", "tagger")
    wrap(DateRedactor, "candidates", "dates")
    # What the word scan returns beyond its wrapped passes, and the identity patterns (matched
    # inline in _read_candidates): noted after the wrapped steps, so those keep their names.
    wrap(redact, "scan", "scan.other")
    wrap(Redactor, "_read_candidates", "identity", first_only=True)
    try:
        yield
    finally:
        for owner, name, original in reversed(saved):
            setattr(owner, name, original)


@functools.cache
def drug_words() -> frozenset[str]:
    """The single-word drug names the lexicon adds to its clinical words."""
    lex = lexicon()
    listed = lex.given_names | lex.surnames | lex.places
    folder = resources_dir()
    return frozenset(
        _drug_words(folder / "drug_names.txt", listed)
        | _brand_words(folder / "drug_brands.txt", listed)
    )


@functools.cache
def eponym_words() -> frozenset[str]:
    """Words the clinical term list writes as eponyms: a word before an eponym head in a listed
    phrase ("charcot foot", "bell's palsy"), a listed possessive ("crohn's"), or a listed single
    word that is a listed surname and no English word ("babinski")."""
    lex = lexicon()
    heads = EPONYM_HEADS | HEADS_AFTER
    out: set[str] = set()
    for entry in read_list(resources_dir() / "deid_clinical_terms.txt"):
        words = entry.lower().replace("-", " ").split()
        for i, word in enumerate(words):
            bare = re.sub(r"['’]s$", "", word)
            if word != bare or (i + 1 < len(words) and words[i + 1] in heads):
                out.add(bare)
        if len(words) == 1 and words[0] in lex.surnames and words[0] not in lex.english:
            out.add(words[0])
    return frozenset(out)


def shape_of(term: str) -> str:
    letters = [c for c in term if c.isalpha()]
    if any(c.isdigit() for c in term):
        return "digit"
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return "all_caps"
    if any(w[0].isupper() for w in _WORD.findall(term)):
        return "capitalised"
    return "lower"


def lists_of(term: str, lex: Lexicon) -> list[str]:
    """The word lists some word of ``term`` is on (see the module's docstring)."""
    found: set[str] = set()
    for raw in _WORD.findall(term):
        word = fold(re.sub(r"['’]s$", "", raw))
        checks = (
            ("drug", word in drug_words()),
            ("clinical", lex.clinical(word)),
            ("eponym", word in eponym_words()),
            ("given", word in lex.given_names),
            ("surname", word in lex.surnames),
            ("place", word in lex.places),
            ("english", word in lex.english),
        )
        found.update(name for name, hit in checks if hit)
    return sorted(found) or ["none"]


_AFTER = (
    (
        "dose",
        re.compile(
            r"[ \t]*\(?\d+(?:[.,]\d+)?[ \t]?(?:mg|mcg|µg|μg|g|mL|ml|IU|units?|%|puffs?|"
            r"tabs?|tablets?|caps?|drops?|sprays?)(?![^\W\d_])",
            re.I,
        ),
    ),
    ("number", re.compile(r"[ \t]*\d")),
    ("lower word", re.compile(r"[ \t]+[^\W\d_]*[a-z]")),
    ("capital word", re.compile(r"[ \t]+[A-Z]")),
    ("line end", re.compile(r"[ \t]*(?:\n|\Z)")),
)


# Session 50: what the same text says of a damaged term's first redacted word elsewhere, the
# evidence a rule could give the term back by ("kept elsewhere": another mention no redaction
# touches; "lower case elsewhere": another mention typed in lower case; "dose on its line": a
# strength or a dosing frequency on the term's line; "in brackets": the term inside an open
# bracket). Classes only; never the word.
_DOSE_ON_LINE = re.compile(
    r"\b\d+(?:\.\d+)?[ \t]?(?:mg|mcg|micrograms?|g|mL|ml|units|IU)\b"
    r"|\b(?:od|bd|tds|qds|nocte|mane|prn|PRN|stat|daily|weekly)\b"
)
_FIRST_WORD = re.compile(r"[^\W_]+")


def evidence_of(
    text: str, start: int, end: int, hit: Sequence[int], final: Sequence[Redaction]
) -> list[str]:
    """The evidence classes of the term at ``start:end`` whose redacted characters are ``hit``
    (see ``_DOSE_ON_LINE``'s notes); ``["none"]`` when the text holds none of them."""
    found: list[str] = []
    first = next(
        (m for m in _FIRST_WORD.finditer(text, start, end) if m.start() <= hit[0] < m.end()),
        None,
    )
    if first is not None:
        word = first.group()
        for m in re.finditer(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", text, re.I):
            if start <= m.start() < end:
                continue
            if not any(r.start < m.end() and m.start() < r.end for r in final):
                found.append("kept elsewhere")
            if m.group().islower() and not word.islower():
                found.append("lower case elsewhere")
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if _DOSE_ON_LINE.search(text, line_start, len(text) if line_end < 0 else line_end):
        found.append("dose on its line")
    if text.count("(", line_start, start) > text.count(")", line_start, start):
        found.append("in brackets")
    return sorted(set(found)) or ["none"]


def words_of(term: str) -> str:
    count = len(_WORD.findall(term))
    return "1 word" if count <= 1 else ("2 words" if count == 2 else "3+ words")


def letters_of(term: str) -> str:
    """ASCII letters, Latin letters with marks ("Hüft", "tiểu"), or another script's."""
    letters = [c for c in term if c.isalpha()]
    if all(c.isascii() for c in letters):
        return "ascii"
    if all(c.isascii() or "LATIN" in unicodedata.name(c, "") for c in letters):
        return "latin marks"
    return "other script"


def after_of(text: str, end: int) -> str:
    """What follows a term, as a class (never its text)."""
    for name, pattern in _AFTER:
        if pattern.match(text, end):
            return name
    return "punctuation"


@dataclass
class Classes:
    damaged: int = 0
    total: int = 0
    shape: Counter[str] = field(default_factory=Counter)
    lists: Counter[str] = field(default_factory=Counter)
    name_lists: Counter[str] = field(default_factory=Counter)
    label: Counter[str] = field(default_factory=Counter)
    source: Counter[str] = field(default_factory=Counter)
    source_label: Counter[str] = field(default_factory=Counter)
    shape_source_label: Counter[str] = field(default_factory=Counter)
    shape_lists: Counter[str] = field(default_factory=Counter)
    form: Counter[str] = field(default_factory=Counter)
    letters: Counter[str] = field(default_factory=Counter)
    evidence: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)


def classify_note(note: Note, redactor: Redactor, lex: Lexicon, out: Classes, keep: int) -> None:
    sources = Sources()
    with traced(sources):
        final = redactor.preview(note.text)
    candidates = [(s, e, src) for (s, e, _k), src in sources.by_span.items()]
    for term in note.clinical:
        out.total += 1
        hit = [
            i
            for i in range(term.start, term.end)
            if note.text[i].isalnum() and any(r.start <= i < r.end for r in final)
        ]
        if not hit:
            continue
        out.damaged += 1
        shape = shape_of(term.text)
        lists = lists_of(term.text, lex)
        names = [n for n in lists if n in ("given", "surname", "place")]
        labels = sorted(
            {_plain_label(r) for r in final if r.start < term.end and term.start < r.end}
        )
        made = sorted({src for s, e, src in candidates if any(s <= i < e for i in hit)})
        made = made or ["resolve"]
        out.shape[shape] += 1
        out.lists.update(lists)
        out.name_lists["+".join(names) or "no name list"] += 1
        out.label.update(labels)
        out.source.update(made)
        out.source_label.update(f"{src} {lab}" for src in made for lab in labels)
        out.shape_source_label[f"{shape} {'+'.join(made)} {'+'.join(labels)}"] += 1
        out.shape_lists[f"{shape} {'+'.join(lists)}"] += 1
        out.letters[f"{letters_of(term.text)} {shape} {'+'.join(made)}"] += 1
        out.evidence.update(
            f"{shape} {item}" for item in evidence_of(note.text, term.start, term.end, hit, final)
        )
        out.form[
            f"{shape} {'+'.join(made)} | {words_of(term.text)} | {letters_of(term.text)} "
            f"| next: {after_of(note.text, term.end)}"
        ] += 1
        if keep:
            key = f"{shape} / {'+'.join(lists)} / {'+'.join(labels)} / {'+'.join(made)}"
            bucket = out.examples.setdefault(key, [])
            if len(bucket) < keep:
                bucket.append(f"{note.note_id}: {term.text}")


def _plain_label(red: Redaction) -> str:
    # A shifted date carries its new value as its replacement: its kind's label is the class.
    return label(red.kind)


def classify(halves: Sequence[str], examples: int = 0) -> Classes:
    check_examples_allowed(halves, examples)
    lex = lexicon()
    out = Classes()
    for half in halves:
        for note in load(half):
            identity = PatientIdentity(note.patient_name, note.mrn, note.dob)
            redactor = Redactor(identity, shift_days=40)
            classify_note(note, redactor, lex, out, examples)
    return out


def report(classes: Classes, top: int = 40) -> str:
    lines = [
        f"clinical terms damaged: {classes.damaged}/{classes.total} "
        f"= {classes.damaged / max(1, classes.total):.3%}"
    ]
    tables: list[tuple[str, Counter[str]]] = [
        ("shape", classes.shape),
        ("lists (a term under each list one of its words is on)", classes.lists),
        ("name lists", classes.name_lists),
        ("label", classes.label),
        ("source (a term under each step that touched it)", classes.source),
        ("source and label", classes.source_label),
        ("shape, sources, labels (a term once)", classes.shape_source_label),
        ("shape and lists (a term once)", classes.shape_lists),
        ("shape, sources | words | letters | what follows (a term once)", classes.form),
        ("letters, shape, sources (a term once)", classes.letters),
        ("shape and evidence in the same text (a term under each)", classes.evidence),
    ]
    for title, counts in tables:
        lines.append(f"-- {title}")
        lines += [f"  {count:5d}  {key}" for key, count in counts.most_common(top)]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--halves", default=",".join(bench_deid.DEVELOPMENT))
    ap.add_argument("--held-out", action="store_true", help="all held-out halves, in aggregate")
    ap.add_argument("--examples", type=int, default=0, help="terms shown per class (dev only)")
    args = ap.parse_args(argv)
    halves = list(bench_deid.HELD_OUT) if args.held_out else args.halves.split(",")
    unknown = [h for h in halves if h not in bench_deid.HALVES]
    if unknown:
        ap.error(f"unknown halves: {', '.join(unknown)} (see benchmarks/bench_deid.py)")
    try:
        classes = classify(halves, args.examples)
    except HeldOutTextError as err:
        ap.error(str(err))
    print(report(classes))
    for key, terms in sorted(classes.examples.items(), key=lambda kv: -len(kv[1])):
        print(f"== {key}")
        print("\n".join(f"   {t}" for t in terms))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
