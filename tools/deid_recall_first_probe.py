"""What a recall-first pass over capitalised words would add to the redactor's spans (issue 16,
session 50): identifiers gained, clinical terms damaged and words outside any annotation taken.

``python tools/deid_recall_first_probe.py CACHE_DIR half[,half...] [--show]`` reads the spans
tools/deid_span_cache.py kept and adds, per variant, the words each pass would take where no
span covers them. ``--show`` lists gains and damage, for development halves only (a held-out
half is refused: counts only).

Variants (each word mid-sentence: not at a sentence's or a line item's start, not a label
before ":"; never a clinical word, a clinical abbreviation, a product, a title, role, relation
or calendar word; never a word the scan's protections read as clinical: eponyms, products,
brands, values, medication lists):
  capitals   a word of 3-8 capitals no list explains, not a roman numeral, not before a value,
             a bracket, ":" or a lower-case word, not on a line all in capitals;
  camel      a word with a capital inside ("SickKids") no list explains;
  explained  a title-case English word the document never writes in lower case;
  listed     the same, where the word is also on a name or place list ("Bell", "Leeds");
  shipped    "listed" with the general exceptions of medlocal.privacy.deid_recall_first, the
             pass the redactor runs (measured first, on held-out too, as "listed_general" in
             this tool's first form)."""

from __future__ import annotations

import argparse
import pickle
import re
import sys
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from bench_deid import HELD_OUT
from fixtures.deid_corpus import Note, load

from medlocal.privacy.deid_case import recase
from medlocal.privacy.deid_lexicon import (
    CALENDAR_WORDS,
    Lexicon,
    clinical_abbreviation,
    fold,
    lexicon,
)
from medlocal.privacy.deid_people_words import RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_recall_first import recall_first_spans
from medlocal.privacy.deid_spans import Redaction
from medlocal.privacy.deid_tokens import Tok, sentence_start
from medlocal.privacy.deid_words import read_tokens

_STOP = TITLES | ROLES | RELATIONS | CALENDAR_WORDS
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*")
_TITLE_WORD = re.compile(r"[A-Z][a-z]+(?:['’]s)?\Z")
_CAMEL_WORD = re.compile(
    r"[A-Z][A-Za-z]*(?:[a-z][A-Z]|[A-Z][a-z])[A-Za-z]*\Z"
)  # "SickKids", "UofT"
_CAPITALS_WORD = re.compile(r"[A-Z][A-Z&]{2,7}\Z")
_ROMAN = re.compile(r"[IVXL]+\Z")
_VALUE_AFTER = re.compile(r"[ \t]*(?:[:=(<>≥≤%]|\d|[IVX]+\b|[a-z])")
_ITEM_OPENERS = "\n-–—>#|=•*"

Variant = Callable[[str, Tok, Lexicon, set[str]], bool]


def _item_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in _ITEM_OPENERS or sentence_start(text, start)


def _label(text: str, end: int) -> bool:
    rest = text[end : end + 3].lstrip(" \t")
    return rest.startswith(":")


def _unexplained(word: str, lex: Lexicon) -> bool:
    bare = fold(word).rstrip("'’").removesuffix("'s")
    return not (
        lex.known(bare) or clinical_abbreviation(word) or bare in lex.products or bare in _STOP
    )


def _capitals(text: str, tok: Tok, lex: Lexicon, lowers: set[str]) -> bool:
    word = text[tok.start : tok.end]
    if not _CAPITALS_WORD.match(word) or _ROMAN.match(word) or not _unexplained(word, lex):
        return False
    line_start = text.rfind("\n", 0, tok.start) + 1
    line_end = text.find("\n", tok.end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    return not _VALUE_AFTER.match(text, tok.end) and re.search("[a-z]", line) is not None


def _camel(text: str, tok: Tok, lex: Lexicon, lowers: set[str]) -> bool:
    word = text[tok.start : tok.end]
    return (
        bool(_CAMEL_WORD.match(word))
        and not word.isupper()
        and any(c.isupper() for c in word[1:])
        and _unexplained(word, lex)
    )


def _explained(text: str, tok: Tok, lex: Lexicon, lowers: set[str]) -> bool:
    word = text[tok.start : tok.end]
    return (
        tok.shape == "title"
        and bool(_TITLE_WORD.match(word))
        and tok.bare not in lowers
        and tok.bare not in _STOP
        and not lex.clinical(tok.bare)
        and not clinical_abbreviation(word)
        and tok.bare not in lex.products
    )


def _listed(text: str, tok: Tok, lex: Lexicon, lowers: set[str]) -> bool:
    return _explained(text, tok, lex, lowers) and (
        lex.name_like(tok.bare) or tok.bare in lex.places
    )


VARIANTS: dict[str, Variant] = {
    "capitals": _capitals,
    "camel": _camel,
    "explained": _explained,
    "listed": _listed,
}


def added_spans(
    note: Note, covered: list[bool], *, variant: Variant, lex: Lexicon
) -> list[tuple[int, int]]:
    """The words ``variant`` takes in ``note`` where no span covers them."""
    text = note.text
    lowers = {fold(m.group()).rstrip("'’").removesuffix("'s") for m in _LOWER_WORD.finditer(text)}
    tokens = read_tokens(recase(text, lex), lex)
    out = []
    for tok in tokens:
        if tok.shape == "lower" and not _CAMEL_WORD.match(text[tok.start : tok.end]):
            continue  # protected as clinical by the scan (eponyms, products, values, brands)
        if (
            any(covered[tok.start : tok.end])
            or _item_start(text, tok.start)
            or _label(text, tok.end)
        ):
            continue
        if variant(text, tok, lex, lowers):
            out.append((tok.start, tok.end))
    return out


def shipped_spans(note: Note, covered: list[bool], lex: Lexicon) -> list[tuple[int, int]]:
    """What the shipped pass (deid_recall_first, "listed" with its general exceptions) adds
    where no span covers the text."""
    text = note.text
    spans: list[Redaction] = []
    i = 0
    while i < len(text):
        if covered[i]:
            j = i
            while j < len(text) and covered[j]:
                j += 1
            spans.append(Redaction("name", i, j, text[i:j], ""))
            i = j
        else:
            i += 1
    tokens = read_tokens(recase(text, lex), lex)
    return [(r.start, r.end) for r in recall_first_spans(text, tokens, spans, lex)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("cache")
    ap.add_argument("halves")
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    halves = args.halves.split(",")
    if args.show and any(h in HELD_OUT for h in halves):
        raise SystemExit("--show lists text: development halves only")
    lex = lexicon()
    gained: dict[str, Counter[str]] = {v: Counter() for v in [*VARIANTS, "shipped"]}
    damaged: Counter[str] = Counter()
    other: Counter[str] = Counter()
    shown: list[str] = []
    for half in halves:
        rows = dict(pickle.loads((Path(args.cache) / f"{half}.pkl").read_bytes()))
        for note in load(half):
            covered = [False] * len(note.text)
            for _kind, start, end in rows[note.note_id]:
                covered[start:end] = [True] * (end - start)
            annotated = [False] * len(note.text)
            for span in note.identifiers + note.clinical:
                annotated[span.start : span.end] = [True] * (span.end - span.start)
            readings = {name: partial(added_spans, variant=v) for name, v in VARIANTS.items()}
            readings["shipped"] = shipped_spans
            for name, reading in readings.items():
                added = reading(note, covered, lex=lex)
                now = list(covered)
                for start, end in added:
                    now[start:end] = [True] * (end - start)
                    other[name] += not any(annotated[start:end])
                for ident in note.identifiers:
                    chars = [i for i in range(ident.start, ident.end) if note.text[i].isalnum()]
                    if not all(covered[i] for i in chars) and all(now[i] for i in chars):
                        gained[name][ident.kind] += 1
                        shown.append(f"{name} + {note.note_id} {ident.kind}: {ident.text}")
                for term in note.clinical:
                    chars = [i for i in range(term.start, term.end) if note.text[i].isalnum()]
                    if not any(covered[i] for i in chars) and any(now[i] for i in chars):
                        damaged[name] += 1
                        shown.append(f"{name} D {note.note_id}: {term.text}")
    for name in [*VARIANTS, "shipped"]:
        total = sum(gained[name].values())
        print(
            f"{name:9} gained {total:4} damaged {damaged[name]:4} other words {other[name]:5}  "
            + " ".join(f"{k}={n}" for k, n in sorted(gained[name].items()))
        )
    if args.show:
        print("\n".join(shown), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
