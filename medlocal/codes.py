"""Codes written by people and documents (an MRN, a hospital number), compared as codes: case,
spaces, hyphens, dashes and slashes aside. One normaliser for the patient list's search
(``app.patients.patient_matches``) and the answer check that an MRN is the patient's
(``rag.checks.patient_identity``): they had near-copies with different separators (the search
knew Unicode dashes but not "/", the check "/" but not dashes), so "KTV/219907" was one code to
the check and none to the search."""

from __future__ import annotations

import re

# One separator inside a code: white space, "/", the hyphen and its Unicode relatives (soft
# hyphen, the dashes U+2010-U+2015 that word processors put in, the minus sign).
# CODE_MARKS: the separators other than white space, for a character class ("[A-Z0-9{marks}]")
# in a pattern that reads a code (the answer check's MRN: review 44 D7, its own class stopped at
# an en dash, "MRN: 123–456" read as "123").
CODE_MARKS = r"\-/\u00ad\u2010-\u2015\u2212"
CODE_SEPARATOR = rf"[\s{CODE_MARKS}]"
_SEPARATORS = re.compile(CODE_SEPARATOR + "+")


def compact_code(text: str) -> str:
    """``text`` case-folded with every :data:`CODE_SEPARATOR` removed: "KTV – 219/907" ->
    "ktv219907".

    Where the separators fall is ignored too ("12-3456" is "123-456"): a record number is its
    letters and digits, and the grouping is how a system or a person chose to print it (an NHS
    number "943 476 5919" or "9434765919", an MRN retyped from a letter); two patients whose
    numbers differ only in grouping would need a numbering that gives the dashes meaning,
    which no scheme in use does, while telling them apart would flag the patient's own MRN
    whenever it is written with other grouping."""
    return _SEPARATORS.sub("", text.casefold())
