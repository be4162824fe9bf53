"""A general practice named by its place and "Medical" alone (session 43): "GP Dr Tolland
(Battery Point Medical)", "GP: Parade Medical", "seen at Harbour Road Medical". Australian, New
Zealand and Irish practices are often so named, with no "Centre" or "Practice" after the word,
and their words are everyday ones ("Battery", "Point", "Parade") that no list flags as a name.

The name is one to three capitalised words before "Medical", ending at a bracket, a comma, a
semicolon, a full stop or the line's end, where a bracket, a GP's or a practice's label, or a
word leading to a place ("at", "from") stands before it. A service ("Acute Medical", "General
Medical", "Internal Medical"), a clinical word, a title or a role is no practice's name.
Found from the word "Medical", so a text without it costs nothing.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import Lexicon, fold
from medlocal.privacy.deid_people_words import HONORIFICS, ROLES, TITLES
from medlocal.privacy.deid_place_words import GENERIC
from medlocal.privacy.deid_spans import Redaction, label

# The name before "Medical" (read back from each "Medical" of the text, in a window), after a
# bracket, a GP's or a practice's label, or a word leading to a place.
_BEFORE = re.compile(
    r"(?:\(|\b(?:GP|gp|practice|Practice|surgery|Surgery|at|from)\b[ \t]*[:,]?[ \t]*)"
    r"(?P<n>(?:[A-Z][a-z'’]+[ \t]+){1,3})\Z"
)
# What ends the name after "Medical": a bracket, a comma, a semicolon, a full stop, the line's end.
_END = re.compile(r"[ \t]*(?:[),;]|\.(?:\s|\Z)|\n|\Z)")
_HEAD = "Medical"
_WINDOW = 64
# Words that make "... Medical" a service or a ward, not a practice's name.
_SERVICES = frozenset(
    {
        "acute", "integrated", "occupational", "travel", "aviation", "forensic", "legal",
        "general", "internal", "emergency", "elderly", "older", "adult", "complex",
        "urgent", "same", "day", "ambulatory", "private", "public", "senior", "junior", "team",
        "medical", "surgical", "clinical", "specialist", "sports", "womens", "women's", "mens",
        "men's", "childrens", "children's", "military", "student", "staff", "the", "and",
    }
)  # fmt: skip
_NOT_NAMES = _SERVICES | GENERIC | TITLES | ROLES | HONORIFICS


def practice_name_candidates(text: str, lex: Lexicon) -> list[Redaction]:
    """The practices named by their place and "Medical" in ``text``."""
    found: list[Redaction] = []
    at = text.find(_HEAD)
    while at >= 0:
        end = at + len(_HEAD)
        before = _BEFORE.search(text, max(0, at - _WINDOW), at)
        if before is not None and _END.match(text, end) is not None:
            words = before.group("n").split()
            bare = [fold(w).removesuffix("'s").removesuffix("’s") for w in words]
            if not any(w in _NOT_NAMES or lex.clinical(w) for w in bare):
                start = before.start("n")
                found.append(Redaction("facility", start, end, text[start:end], label("facility")))
        at = text.find(_HEAD, end)
    return found
