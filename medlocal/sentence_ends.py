"""Where a full stop ends a sentence and where it only ends an abbreviation ("Dr. Lee", "z.B.
Ramipril", "Ramipril Tabl. 5 mg", "ca. 80 kg", "1 g i.v. bei Bedarf"): one rule for the answer
checks (rag/sentences.py), the reading of report sections and of topics written near each other
(rag/report_sections.py, rag/topic_nearness.py) and the chunker (ingest/chunker.py), so that a
prescription is one sentence wherever it is read (note 49: "Tabl." still split the latter)."""

from __future__ import annotations

import re

# Abbreviations that never end a sentence.
_ALWAYS = frozenset(
    {
        "dr", "mr", "mrs", "ms", "prof", "st", "no", "vs", "approx", "e.g", "i.e", "etc", "fig",
        "pp", "pg", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
        "dec",
        "b.i.d", "t.i.d", "q.i.d", "p.o", "q.d", "h.s", "p.r.n",
        # Titles of other languages (walk 24: "Dra. Ana Souza" was cut after "Dra").
        "dra", "sra", "sr", "srta", "mme", "mlle", "frau", "dott", "dssa", "profa", "enf",
        # German abbreviations: "z.B. Ramipril", "bzw. 5 mg", "V.a. Pneumonie" (suspected),
        # "ggf. erhöhen" (if need be).
        "z.b", "bzw", "d.h", "ggf", "evtl", "inkl", "vgl", "v.a", "sog",
    }
)  # fmt: skip
# Abbreviations that end a sentence only before a capital: dosage forms, routes and "circa" as
# prescriptions write them ("Ramipril Tabl. 5 mg 1-0-0", "Metamizol Amp. 1 g i.v. bei Bedarf",
# "ca. 80 kg"), while "1 Tabl. Bisoprolol 2,5 mg" lists a new drug; and a clock time's "a.m." /
# "p.m.", which goes on before "on 27 March" or "and" but ends "... at 7:25 a.m. Her NIHSS".
_BEFORE_LOWER = frozenset(
    {
        "tabl", "tbl", "tab", "tabs", "cap", "caps", "kps", "kaps", "amp", "supp", "inj", "gtt",
        "trpf", "lsg", "i.v", "i.m", "s.c", "ca", "u.a", "a.m", "p.m",
    }
)  # fmt: skip
# Every word above (benchmarks/bench_chunk_sentence_ends.py finds the texts that write one).
ABBREVIATIONS = _ALWAYS | _BEFORE_LOWER
_OPENERS = "([{\"'‘“"
# A full stop (or ! ?) and the space after it, up to a line break.
_STOP = re.compile(r"(?<=[.!?])[^\S\n]+")


def abbreviation_point(word: str, following: str = "", previous: str = "") -> bool:
    """Whether the point after ``word`` (the text from the last space to the point, without
    it) is an abbreviation's rather than a sentence's end, where ``following`` is the text
    after the point and its space (only its first character is read) and ``previous`` the word
    before ``word`` where the caller has it."""
    last = word.rstrip(".").lstrip(_OPENERS).lower()
    if last in _BEFORE_LOWER:
        after = following.lstrip(" \t")[:1]
        return after.isdigit() or after.islower() or after == "("
    # A single letter and a point is an initial ("J. Smith"), but not a unit after its number:
    # "Fluid balance: positive 2 L. Sodium 131 mmol/L." is two sentences.
    initial = len(last) == 1 and last.isalpha() and not previous[-1:].isdigit()
    return last in _ALWAYS or initial


def sentence_pieces(text: str) -> list[str]:
    """``text`` cut at each full stop, "!" or "?" followed by a space that ends a sentence
    (not an abbreviation's point); line breaks are left to the caller."""
    pieces: list[str] = []
    start = 0
    for stop in _STOP.finditer(text):
        before = text[start : stop.start()].split()
        previous = before[-2] if len(before) > 1 else ""
        if before and abbreviation_point(before[-1], text[stop.end() : stop.end() + 1], previous):
            continue
        pieces.append(text[start : stop.start()])
        start = stop.end()
    pieces.append(text[start:])
    return pieces
