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
CODE_SEPARATOR = r"[\s\-/\u00ad\u2010-\u2015\u2212]"
_SEPARATORS = re.compile(CODE_SEPARATOR + "+")


def compact_code(text: str) -> str:
    """``text`` case-folded with every :data:`CODE_SEPARATOR` removed: "KTV – 219/907" ->
    "ktv219907"."""
    return _SEPARATORS.sub("", text.casefold())
