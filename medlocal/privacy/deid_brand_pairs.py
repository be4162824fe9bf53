"""A medicine's brand before its generic, where no list holds the brand (round 15).

A brand sold in one country is on no list MedLocal ships, so the word scan reads it as a
surname. One form of prescribing says what it is: the brand, its strength, then its generic in
brackets, in lower case ("Xyz 20 mg (diclofenac)", "Xyz 0.5/0.4 (dutasteride/tamsulosin)").

Privacy first. The review of round 15 found the forms without a strength keeping people: a
prescriber's or pharmacist's surname written in brackets after a dose ("paracetamol 1 g
(Yilmaz)") or before a drug it concerns ("Adebayor (diclofenac) as per"), and a brand read once
spread to every mention of the word, "Seen by Yilmaz" too. So the strength is required, the
brand is read only where it stands (never spread), and it is never a listed given name, surname
or place, never after a title, a relation, a word or a label leading to a person ("by",
"Prescriber:", "Pharmacist:"; across a colon, a dash or a line too), a given name or a bed label,
never the second of two unknown capitalised words, and never shaped like a surname no list holds
(a vowel or "y" at its end, or a surname's ending or name part: :data:`SURNAME_ENDINGS`). Each
form is found from a bracket, so a note without one costs one character test.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from medlocal.privacy.deid_lexicon import Lexicon
from medlocal.privacy.deid_people_words import (
    BED_BEFORE,
    LEAD_TO_PERSON,
    RELATIONS,
    TITLES,
)
from medlocal.privacy.deid_tokens import Tok

_PERSON_CUES = TITLES | RELATIONS
# Endings of surnames across Europe and beyond (English places and patronymics, Slavic, Greek,
# Armenian, Spanish, German, Dutch, Nordic): a word so ending is never read as a brand by form
# alone. Brands are coined words and seldom end so; a kept surname would be a leak.
SURNAME_ENDINGS = (
    "son", "sen", "ton", "ley", "hurst", "field", "ford", "worth", "wood", "well", "man",
    "mann", "berg", "stein", "ski", "ska", "sky", "wicz", "czyk", "czak", "ova", "ovic",
    "ovich", "evic", "enko", "ian", "yan", "poulos", "akis", "idis", "ez", "elli", "etti",
    "ucci", "ov", "ev", "land", "dottir", "sson", "strom", "quist", "dahl", "ham", "ington",
    "combe", "shaw", "smith", "wright", "ett", "kins", "ovski", "ovska", "escu", "oglu",
    "ashvili", "adze", "ishvili",
    # Persian, Arabic, South Asian, East Asian and Hungarian name parts ("-zadeh", "-ullah",
    # "-uddin", "-ung", "-ong", "-ang", "-cz")
    "zadeh", "pour", "nejad", "ullah", "uddin", "karim", "rahim", "ung", "ong", "ang", "cz",
)  # fmt: skip
# Review of round 15: the names the lists miss most (of Southern Africa, India, Japan, the
# Pacific, Italy and Spain: "Xyzala", "Xyzamy", "Xyzini") end in a vowel or "y"; coined brands
# mostly end in a consonant. A word ending so is never read as a brand by form alone.
_VOWEL_ENDS = frozenset("aeiouy")
# Before a brand, the roles and acts of a prescription lead to a person too ("prescriber Xyz").
_LEAD_TO_PERSON = LEAD_TO_PERSON | {
    "called", "phoned", "informed", "told",
    "per", "via", "cc", "prescriber", "prescribed", "pharmacist", "clinician", "consultant",
    "signed", "witness", "nurse", "doctor", "gp", "checked", "dispensed", "authorised",
    "authorized", "approved", "reviewed",
}  # fmt: skip

# A generic in lower case opening a bracket ("(diclofenac)", "(bimatoprost/timolol)").
_GENERIC_IN_BRACKET = re.compile(r"\((?P<generic>[a-z][a-z-]{4,})(?=[)/,; \t])")
# The brand and its strength right before that bracket ("Xyz 20 mg (", "Xyz 0.5/0.4 (").
_BRAND_BEFORE = re.compile(
    r"(?P<brand>[A-Z][A-Za-z]{3,})[ \t]+\d+(?:[.,]\d+)?(?:/\d+(?:[.,]\d+)?)?"
    r"(?:[ \t]*(?:mg|mcg|µg|g|mL|ml|%|micrograms?))?[ \t]*\Z"
)


def protect_brand_pairs(tokens: list[Tok], starts: list[int], text: str, lex: Lexicon) -> None:
    """Read the brands of the form above as lower case, where they stand."""
    for match in _GENERIC_IN_BRACKET.finditer(text):
        generic = match.group("generic")
        if not _medicine(generic, lex):
            continue
        before = _BRAND_BEFORE.search(text, max(0, match.start() - 40), match.start())
        if before is None:
            continue
        _read_brand(tokens, starts, text, lex, before.start("brand"))


def _medicine(lower: str, lex: Lexicon) -> bool:
    """A medicine by a list or its stem, no English word ("diclofenac", not "water") and no
    name ("(Morgan)" is never read as a generic: it is capitalised)."""
    return lex.clinical(lower) and lower not in lex.english and not lex.name_like(lower)


def _read_brand(tokens: list[Tok], starts: list[int], text: str, lex: Lexicon, at: int) -> None:
    j = bisect_left(starts, at)
    if j >= len(tokens) or tokens[j].start != at:
        return
    tok = tokens[j]
    if not tok.word[:1].isupper() or not _may_be_brand(tokens, j, text, lex):
        return
    tok.shape = "lower"


def may_be_coined(bare: str, lex: Lexicon) -> bool:
    """Whether ``bare`` (a word in lower case) could be a coined brand: no listed name or place,
    no surname's ending ("brockhurst", "zubrowska": shaped like a surname no list holds) and no
    vowel or "y" at its end ("xyzala", "xyzamy": most names no list holds end so)."""
    return not (
        lex.name_like(bare)
        or bare in lex.places
        or bare.endswith(SURNAME_ENDINGS)
        or bare[-1:] in _VOWEL_ENDS
    )


def _may_be_brand(tokens: list[Tok], j: int, text: str, lex: Lexicon) -> bool:
    """No listed name or place, after no person's cue, given name or unknown capitalised word."""
    tok = tokens[j]
    if tok.lower in _PERSON_CUES or not may_be_coined(tok.bare, lex):
        return False
    if BED_BEFORE.search(text, max(0, tok.start - 24), tok.start):
        return False
    if not j:
        return True
    prev = tokens[j - 1]
    # Across a colon, a dash or a line too ("Prescriber: Xyz", "Pharmacist:\nXyz").
    if text[prev.end : tok.start].strip(" \t\n:.-–"):
        return True  # after a comma or a bracket: no word leads to it
    low = prev.lower.rstrip(".")
    if low in _PERSON_CUES or low in _LEAD_TO_PERSON:
        return False
    # "Anna Xyz (", "Xyz Abc (": the second word of a person's name; a capitalised word before
    # the brand must be a known or clinical word ("Drops Xyz", "Stopped Xyz").
    return not (prev.word[:1].isupper() and (prev.bare in lex.given_names or not _plain(prev, lex)))


def _plain(tok: Tok, lex: Lexicon) -> bool:
    return lex.known(tok.lower) and not lex.name_like(tok.bare)
