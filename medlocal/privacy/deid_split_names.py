"""A name or place a scan cut in two with a stray space ("Dr Pat el", "Hayley Brenn an", "Sol
ihull pharmacy"), joined again by the lists (issue 16, session 52: deid52a).

OCR and copied PDFs insert spaces inside words. A capitalised piece followed by a lower-case
piece of at most five letters is one word where the two together are a listed name or place
and no English or clinical word ("Brenn" + "an" is "Brennan"; "Just" + "in" is no name, "Cr" +
"on" a lab row). Where both pieces are words a list explains the space is read as meant ("Was
on", "Hope De"), and a one-letter piece before a full stop is an abbreviation's ("Roma n.").
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_spans import Redaction, label

_SPLIT = re.compile(r"(?<![\w'’-])(?P<a>[A-Z][a-z]{1,12}) (?P<b>[a-z]{1,5})(?![\w'’-])")


def split_name_candidates(text: str, lex: Lexicon) -> list[Redaction]:
    """Names and places cut in two by a stray space, in ``text``."""
    found: list[Redaction] = []
    for match in _SPLIT.finditer(text):
        first, rest = match.group("a"), match.group("b")
        joined = fold(first + rest)
        # The lists' sets first: most pairs are plain prose ("He was") and join to nothing.
        person = lex.name_like(joined)
        if not person and joined not in lex.places:
            continue
        if lex.known(joined) or lex.clinical(joined):
            continue
        if (lex.known(fold(first)) or clinical_abbreviation(first)) and lex.known(fold(rest)):
            continue  # "Was on", "Just in": two words, as written
        if len(rest) == 1 and text.startswith(".", match.end()):
            continue  # "Roma n. 58214": an abbreviation's letter
        kind = "name" if person else "location"
        start, end = match.span()
        found.append(Redaction(kind, start, end, text[start:end], label(kind)))
    return found
