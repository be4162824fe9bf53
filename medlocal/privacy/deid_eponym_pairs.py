"""Two eponymous tests of one examination written side by side with one result (round 15).

An examination names its tests by their eponyms alone and gives one result for both ("Romberg
and Xyz normal", "Xyz/Romberg negative"). Where one of the pair is a test a clinical list holds
and a result follows, the other is a test too.

Privacy first: the other word is never a listed given name, surname or place, never after a
title or relation, and never on a line (or in a list) that names people ("Contacts screened:
Romberg and Xyz negative" may be two people): see
:func:`~medlocal.privacy.deid_clinical_values.people_listed_before`.
Found from the result word, so a note costs one pass over its tokens.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_clinical_values import people_listed_before
from medlocal.privacy.deid_lexicon import Lexicon
from medlocal.privacy.deid_people_words import FUNCTION_CUES, RELATIONS, TITLES
from medlocal.privacy.deid_tokens import Tok

# One result for both tests, in English and the languages of the notes.
_RESULTS = frozenset(
    {
        "normal", "negative", "positive", "intact", "absent", "present", "abnormal",
        "equivocal", "unremarkable", "negativ", "positiv", "negativo", "positivo", "negatif",
        "positif", "normale", "normaal",
    }
)  # fmt: skip
_SIGNS = frozenset({" & ", "/", ", ", " / "})  # joins that are no word
# Titles and relations before a name; not the joining words the relation list also holds.
_CUES = TITLES | (RELATIONS - FUNCTION_CUES)
_PEOPLE_ON_LINE = re.compile(
    r"(?i:\b(?:dr|mr|mrs|ms|miss|prof|nurse|sister|patients|pts|contacts|residents|staff|"
    r"nurses|children|siblings|family|members|clients|cases)\b)"
)


def protect_eponym_pairs(tokens: list[Tok], text: str, lex: Lexicon) -> None:
    """Read the unknown half of a pair of tests before one result as lower case."""
    for k in range(2, len(tokens)):
        if tokens[k].lower not in _RESULTS or text[tokens[k - 1].end : tokens[k].start] != " ":
            continue
        b = k - 1
        a = k - 2
        if text[tokens[a].end : tokens[b].start] not in _SIGNS:
            # "Romberg and Xyz": the joining word is a token of its own
            if a < 1 or tokens[a].lower not in ("and", "or") or tokens[a].start - 1 < 0:
                continue
            if text[tokens[a].end : tokens[b].start] != " ":
                continue
            a -= 1
            if text[tokens[a].end : tokens[a + 1].start] != " ":
                continue
        for listed, other in ((a, b), (b, a)):
            if _listed_test(tokens[listed], lex) and _unknown_test(tokens, other, a, text, lex):
                tokens[other].shape = "lower"


def _listed_test(tok: Tok, lex: Lexicon) -> bool:
    """A capitalised test a clinical list holds ("Romberg", "Coombs")."""
    return tok.word[:1].isupper() and lex.clinical(tok.lower)


def _unknown_test(tokens: list[Tok], i: int, first: int, text: str, lex: Lexicon) -> bool:
    """A capitalised word no list holds, after no title or relation, on a line naming no one
    before the pair (whose first word is ``tokens[first]``)."""
    tok = tokens[i]
    if tok.shape != "title" or lex.name_like(tok.bare) or tok.bare in lex.places:
        return False
    if i and tokens[i - 1].lower.rstrip(".") in _CUES:
        return False
    start = tokens[first].start
    # Review of round 15: a title earlier on the line ("Dr Xyz: Romberg and Abc normal") or
    # people named as a group ("Bay 3 patients Parkinson and Abc positive") makes it a person.
    line = text[text.rfind("\n", 0, start) + 1 : start]
    if _PEOPLE_ON_LINE.search(line):
        return False
    before = text[max(0, start - 3) : start].rstrip(" \t")
    return not people_listed_before(text, start, before[-1:] in ("-", "•", "*", "\n", ""))
