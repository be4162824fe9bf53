"""What kind of identifier the redactor misses, in counts only (issue 16, session 50).

``python tools/deid_miss_attribution.py CACHE_DIR half[,half...]`` reads the spans that
tools/deid_span_cache.py kept and sorts every missed identifier of the halves into exclusive
classes, printed as counts per class and type; no identifier's text is ever printed, so it may
read held-out halves.

Classes (first that fits):
  code      the identifier holds a digit (numbers, codes, dates, phones);
  lower     a word of it (not a joiner: and, of, the, de, ...) opens in lower case;
  unknown   every word is capitalised and no list explains it (not an English or clinical word,
            not a clinical abbreviation, not a product);
  named     a word some list explains is also on a name or place list ("Grace", "Leeds");
  explained a word some list explains and no name or place list holds ("Admiral", "Paradise").
Each class is split into "whole" (no word of it removed) and "part" (some removed), and the
"reach" column counts the misses whose uncovered words are all capitalised and unexplained: what
a pass over unexplained capitalised words could take at most.

A third argument names types (``VEHICLE,AGE,DEVICE,ID``) whose misses are also counted by the
written form of the identifier (``code_form``: digits only, letters and digits, with a blank, a
non-ASCII letter, lower case, words; whole or part; on one line or split) and by what precedes it
on its line (``lead_form``: a label ending in a colon, a label word, a bracket, a number, nothing)
and by where its words left in view stand (``uncovered_place``: opening words of letters only,
as a label older halves marked inside the span; closing words; all; elsewhere): still counts
only, no text (session 53, deid53b)."""

from __future__ import annotations

import pickle
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fixtures.deid_corpus import load

from medlocal.privacy.deid_lexicon import Lexicon, clinical_abbreviation, fold, lexicon

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_JOINERS = frozenset(
    {"and", "of", "the", "de", "du", "des", "la", "le", "van", "von", "der", "den", "da", "di",
     "do", "dos", "das", "del", "y", "e", "et", "en", "on", "upon", "in", "at", "for", "&", "bin",
     "binti", "al", "el", "ter", "ten", "af", "zu", "und", "à", "au", "aux", "d", "l", "st", "s"}
)  # fmt: skip


def explained(word: str, lex: Lexicon) -> bool:
    lower = fold(word)
    return lex.known(lower) or clinical_abbreviation(word) or lower in lex.products


def classify(words: list[str], lex: Lexicon) -> str:
    if any(any(c.isdigit() for c in w) for w in words):
        return "code"
    letters = [w for w in words if w.lower() not in _JOINERS]
    if any(w[:1].islower() for w in letters):
        return "lower"
    told = [w for w in letters if explained(w, lex)]
    if not told:
        return "unknown"
    if any(lex.name_like(fold(w)) or fold(w) in lex.places for w in told):
        return "named"
    return "explained"


def _shape(words: list[str], whole: str) -> str:
    """How the kept words of an unknown miss are written: initials in capitals, one word in
    title case, several, or a word with capitals inside (camel case)."""
    letters = [w for w in words if w.lower() not in _JOINERS]
    if all(w.isupper() for w in letters):
        return f"capitals-{whole}"
    if any(any(c.isupper() for c in w[1:]) for w in letters):
        return f"camel-{whole}"
    return f"title{'-one' if len(letters) == 1 else '-several'}-{whole}"


def code_form(text: str) -> str:
    """The written form of an identifier, as a class name (never its text)."""
    parts = []
    if any(c.isdigit() for c in text):
        parts.append("digits" if not any(c.isalpha() for c in text) else "alnum")
    else:
        parts.append("words")
    if any(c.isalpha() and not c.isascii() for c in text):
        parts.append("nonascii")
    if any(c.islower() for c in text):
        parts.append("lower")
    if " " in text.strip():
        parts.append("blank")
    if "\n" in text:
        parts.append("split")
    if any(c in "-/.#" for c in text):
        parts.append("punct")
    return "+".join(parts)


def lead_form(line_before: str) -> str:
    """What precedes an identifier on its line, as a class name (never its text)."""
    tail = line_before.rstrip()
    if not tail:
        return "line-start"
    last = tail[-1]
    if last == ":":
        return "colon"
    if last in "([{":
        return "bracket"
    if last in ",;":
        return "comma"
    if last == "#":
        return "hash"
    word = tail.split()[-1]
    if any(c.isdigit() for c in word):
        return "number"
    if word.endswith("."):
        return "word-dot"
    if word.isupper():
        return "caps-word"
    if word[:1].isupper():
        return "title-word"
    return "lower-word"


def uncovered_place(spans: list[re.Match[str]], mask: list[bool]) -> str:
    """Where a missed identifier's words left in view stand, as a class name: all of them
    opening words of letters only before its first word with a digit ("head-letters": a label
    such as "SN" or "LOT" that older halves marked inside the span), all closing words
    ("tail"), every word ("whole"), or elsewhere ("inside")."""
    kept = [not all(mask[i] for i in range(*m.span())) for m in spans]
    if all(kept):
        return "whole"
    first_digit = next(
        (i for i, m in enumerate(spans) if any(c.isdigit() for c in m.group())), len(spans)
    )
    left = [i for i, k in enumerate(kept) if k]
    if all(i < first_digit and spans[i].group().isalpha() for i in left):
        return "head-letters"
    if left == list(range(left[0], len(spans))):
        return "tail"
    return "inside"


def main() -> int:
    cache = Path(sys.argv[1])
    detail_types = set(sys.argv[3].split(",")) if len(sys.argv) > 3 else set()
    forms: Counter[tuple[str, str, str]] = Counter()
    gaps: Counter[tuple[str, str]] = Counter()
    leads: Counter[tuple[str, str]] = Counter()
    lex = lexicon()
    classes: Counter[tuple[str, str]] = Counter()
    by_type: Counter[tuple[str, str]] = Counter()
    reach: Counter[str] = Counter()
    shapes: Counter[str] = Counter()
    total = missed = 0
    for half in sys.argv[2].split(","):
        rows = dict(pickle.loads((cache / f"{half}.pkl").read_bytes()))
        for note in load(half):
            mask = [False] * len(note.text)
            for _kind, start, end in rows[note.note_id]:
                for i in range(start, end):
                    mask[i] = True
            for ident in note.identifiers:
                total += 1
                chars = [i for i in range(ident.start, ident.end) if note.text[i].isalnum()]
                if all(mask[i] for i in chars):
                    continue
                missed += 1
                spans = list(_WORD.finditer(note.text, ident.start, ident.end))
                words = [m.group() for m in spans]
                kept = [m.group() for m in spans if not all(mask[i] for i in range(*m.span()))]
                cls = classify(words, lex)
                whole = "whole" if len(kept) == len(words) else "part"
                classes[(cls, whole)] += 1
                if ident.kind in detail_types:
                    text = note.text[ident.start : ident.end]
                    forms[(ident.kind, code_form(text), whole)] += 1
                    line_start = note.text.rfind("\n", 0, ident.start) + 1
                    leads[(ident.kind, lead_form(note.text[line_start : ident.start]))] += 1
                    gaps[(ident.kind, uncovered_place(spans, mask))] += 1
                by_type[(ident.kind, cls)] += 1
                if cls == "unknown":
                    shapes[_shape(kept or words, whole)] += 1
                if kept and all(
                    w[:1].isupper()
                    and not any(c.isdigit() for c in w)
                    and (w.lower() in _JOINERS or not explained(w, lex))
                    for w in kept
                ):
                    reach[cls] += 1
    print(f"identifiers {total}, missed {missed}")
    print(f"{'class':10} {'whole':>6} {'part':>6} {'all':>6} {'reach':>6}")
    for cls in ("code", "lower", "unknown", "named", "explained"):
        w, p = classes[(cls, "whole")], classes[(cls, "part")]
        print(f"{cls:10} {w:6} {p:6} {w + p:6} {reach[cls]:6}")
    print("unknown by the shape of its kept words:", dict(sorted(shapes.items())))
    kinds = sorted({k for k, _ in by_type})
    print(
        "type       "
        + " ".join(f"{c:>9}" for c in ("code", "lower", "unknown", "named", "explained"))
    )
    for kind in kinds:
        print(
            f"{kind:10} "
            + " ".join(
                f"{by_type[(kind, c)]:9}"
                for c in ("code", "lower", "unknown", "named", "explained")
            )
        )
    for kind in sorted(detail_types):
        print(
            f"{kind} misses by form:",
            {f"{f}/{w}": n for (k, f, w), n in sorted(forms.items()) if k == kind},
        )
        print(
            f"{kind} misses by lead:",
            {lead: n for (k, lead), n in sorted(leads.items()) if k == kind},
        )
        print(f"{kind} words in view:", {g: n for (k, g), n in sorted(gaps.items()) if k == kind})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
