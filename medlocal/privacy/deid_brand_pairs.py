"""A medicine's brand beside its generic, where no list holds the brand (round 15).

A brand sold in one country is on no list MedLocal ships, so the word scan reads it as a
surname. Two forms of prescribing say what it is:

* the brand, perhaps its strength, then its generic in brackets, in lower case ("Xyz
  (diclofenac)", "Xyz 0.5/0.4 (dutasteride/tamsulosin)");
* a medicine, its dose and perhaps its frequency, then the brand alone in brackets
  ("colchicine 500 mcg (Xyz)", "co-trimoxazole 960 mg od (Xyz)", "IVIG 2 g/kg (Xyz, batch").

Privacy first: the brand word is never a listed given name, surname or place, never right after
a title, a relation, a word leading to a person ("by", "seen", "spoke to"), a given name or a bed
label, and never the second of two unknown capitalised words ("Anna Xyz (diclofenac)" is a
person). A person is written in brackets after a dose as a prescriber's surname at times (round
13 dropped a wider bracket rule for that): the lists hold most surnames, and a word shaped like
one no list holds is never read as a brand: one ending in a vowel or "y" (most names of
Southern Africa, India, Japan, the Pacific, Italy and Spain) or in a surname's ending or name part
(:data:`SURNAME_ENDINGS`). What remains is a coined word ending in a consonant; a name of that
shape that no list holds can still be kept here, which the tests probe with invented names.
Each form is found from a bracket, so a note without one costs one character test.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from medlocal.privacy.deid_lexicon import Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_people_words import FUNCTION_CUES, RELATIONS, TITLES
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
_LEAD_TO_PERSON = (FUNCTION_CUES - {"and"}) | {
    "from", "seen", "spoke", "spoken", "discussed", "called", "phoned", "informed", "told",
    "per", "via", "cc",
}  # fmt: skip
_BED_BEFORE = re.compile(
    r"(?i:\b(?:bed|bay|room|rm|cubicle|cub|chair|trolley))\b[ \t]*[A-Z]?\d{0,3}[A-Z]?[ \t]*"
    r"[:.)-]?[ \t]*\Z"
)

# A generic in lower case opening a bracket ("(diclofenac)", "(bimatoprost/timolol)").
_GENERIC_IN_BRACKET = re.compile(r"\((?P<generic>[a-z][a-z-]{4,})(?=[)/,; \t])")
# The brand and its strength right before that bracket ("Xyz (", "Xyz 0.5/0.4 (").
_BRAND_BEFORE = re.compile(
    r"(?P<brand>[A-Z][A-Za-z]{3,})(?:[ \t]+\d+(?:[.,]\d+)?(?:/\d+(?:[.,]\d+)?)?"
    r"(?:[ \t]*(?:mg|mcg|µg|g|mL|ml|%|micrograms?))?)?[ \t]*\Z"
)
# A brand alone in brackets ("(Xyz)", "(Xyz, batch", "(Xyz / Abc"): a capital and lower case.
_BRAND_IN_BRACKET = re.compile(r"\((?P<brand>[A-Z][a-z]{3,})(?=\)|,|[ \t]*/)")
_UNITS = (
    r"mg|mcg|µg|ug|g|mL|ml|IU|UI|units?|micrograms?|milligrams?|mmol|%|tabs?|tablets?|caps?|"
    r"capsules?|puffs?|drops?"
)
_FREQUENCIES = (
    r"od|bd|tds|qds|bid|tid|qid|qhs|nocte|mane|daily|weekly|monthly|prn|PRN|stat|once|twice|"
    r"single[ \t]+dose|three[ \t]+times[ \t]+weekly|alternate[ \t]+days|IV|PO|SC|IM|oral|orally"
)
# A medicine, its dose (per kilogram or per volume too) and perhaps its frequency, right before
# the bracket ("colchicine 500 mcg (", "IVIG 2 g/kg (", "cefuroxime 1 mg/0.1 mL (").
_DOSED_BEFORE = re.compile(
    r"(?P<generic>[^\W\d_][\w-]*)[ \t]+\d+(?:[.,]\d+)?(?:-\d+(?:[.,]\d+)?)?[ \t]*"
    rf"(?:{_UNITS})(?:/(?:\d+(?:[.,]\d+)?[ \t]*)?[A-Za-z]{{1,5}})*"
    rf"(?:[ \t]+(?:{_FREQUENCIES}))*[ \t]*\Z"
)


def protect_brand_pairs(tokens: list[Tok], starts: list[int], text: str, lex: Lexicon) -> set[str]:
    """Read the brands of the two forms above as lower case; the brands read (folded), so the
    same word stands as a medicine elsewhere in the note."""
    found: set[str] = set()
    for match in _GENERIC_IN_BRACKET.finditer(text):
        generic = match.group("generic")
        if not _medicine(generic, lex):
            continue
        before = _BRAND_BEFORE.search(text, max(0, match.start() - 40), match.start())
        if before is None:
            continue
        _read_brand(tokens, starts, text, lex, before.start("brand"), found)
    for match in _BRAND_IN_BRACKET.finditer(text):
        dosed = _DOSED_BEFORE.search(text, max(0, match.start() - 70), match.start())
        if dosed is None:
            continue
        generic = dosed.group("generic")
        # The dose says the word before it is a medicine: an English one counts ("colchicine").
        if not (lex.clinical(fold(generic)) or _dose_abbreviation(generic)):
            continue
        _read_brand(tokens, starts, text, lex, match.start("brand"), found)
    return found


def _medicine(lower: str, lex: Lexicon) -> bool:
    """A medicine by a list or its stem, no English word ("diclofenac", not "water") and no
    name ("(Morgan)" is never read as a generic: it is capitalised)."""
    return lex.clinical(lower) and lower not in lex.english and not lex.name_like(lower)


def _dose_abbreviation(word: str) -> bool:
    """A medicine written as its abbreviation in capitals ("IVIG", "TMP-SMX") before a dose."""
    return word.isupper() and len(word) >= 3 and clinical_abbreviation(word)


def _read_brand(
    tokens: list[Tok], starts: list[int], text: str, lex: Lexicon, at: int, found: set[str]
) -> None:
    j = bisect_left(starts, at)
    if j >= len(tokens) or tokens[j].start != at:
        return
    tok = tokens[j]
    # A word another rule already read as lower case is still remembered as a medicine.
    if not tok.word[:1].isupper() or not _may_be_brand(tokens, j, text, lex):
        return
    tok.shape = "lower"
    found.add(tok.bare)


def _may_be_brand(tokens: list[Tok], j: int, text: str, lex: Lexicon) -> bool:
    """No listed name or place, after no person's cue, given name or unknown capitalised word."""
    tok = tokens[j]
    if lex.name_like(tok.bare) or tok.bare in lex.places or tok.lower in _PERSON_CUES:
        return False
    if tok.bare.endswith(SURNAME_ENDINGS):
        return False  # "(Brockhurst)", "(Zubrowska)": shaped like a surname no list holds
    if tok.bare[-1:] in _VOWEL_ENDS:
        return False  # "(Xyzala)", "(Xyzamy)": most names no list holds end so
    if _BED_BEFORE.search(text, max(0, tok.start - 24), tok.start):
        return False
    if not j:
        return True
    prev = tokens[j - 1]
    gap = text[prev.end : tok.start]
    if gap not in (" ", "\t", ". "):
        return True
    low = prev.lower.rstrip(".")
    if low in _PERSON_CUES or low in _LEAD_TO_PERSON:
        return False
    # "Anna Xyz (", "Xyz Abc (": the second word of a person's name; a capitalised word before
    # the brand must be a known or clinical word ("Drops Xyz", "Stopped Xyz").
    return not (prev.word[:1].isupper() and (prev.bare in lex.given_names or not _plain(prev, lex)))


def _plain(tok: Tok, lex: Lexicon) -> bool:
    return lex.known(tok.lower) and not lex.name_like(tok.bare)
