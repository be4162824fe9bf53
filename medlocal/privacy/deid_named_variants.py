"""Round 17: capitalised words that name a variant of a clinical thing by their place in it.

* A haemoglobin variant after "Hb" ("Hb Constant Spring", "Hb Lepore", "Hb Köln"): variants are
  named after the place or family they were found in, and "Hb" before words (not a value) says
  so. A title or a role after "Hb" ("Hb Dr Lee aware") leaves the words to the name rules.
* A clotting factor's variant after its numeral ("Factor V Leiden", "factor V Hong Kong"), named
  after a city as haemoglobin variants are (round 18).
* A generic maker's name between a medicine and its dose ("L-Thyroxin Henning 25 µg",
  "Metformin Lich 500 mg", "Ramipril Hexal 5 mg"): European generics carry their maker's name
  after the medicine's. Only with a dose and its unit right after, and the medicine right
  before, so a person in a medication list ("paracetamol given by Anna 1 g") is not read so.

* An eponym of three or more surnames joined by hyphens ("Steele-Richardson-Olszewski",
  "Sinding-Larsen-Johansson"), written with or without its head: a person's name is not
  written so. Not where the first part is a given name or a given name, a title or a relation
  stands before it ("Anna Smith-Lee-Ward", "Mrs Smith-Lee-Ward"), nor where a part is a plain
  word or a place and no surname ("Seine-Saint-Denis").

Each rule reads each token once, after a cheap test of the text.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_cognates import INN_ENDINGS
from medlocal.privacy.deid_lexicon import Lexicon, fold
from medlocal.privacy.deid_people_words import RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_tokens import Tok

_PEOPLE = TITLES | RELATIONS | ROLES
# "Hb" as a variant's prefix: capitalised words after it, no value between ("Hb 98", "Hb:").
_HB = frozenset({"hb", "hgb"})
# A clotting factor's Roman numeral, activated or not ("V", "VIII", "Va", "XIII").
_FACTOR_NUMERAL = re.compile(r"(?:I{1,3}|IV|V|VI{1,3}|IX|X|XI{1,3})a?")
# A dose with its unit, right after the maker's word ("Henning 25 µg", "Lich 500 mg").
_DOSE_AFTER = re.compile(
    r"[ \t]+\d+(?:[.,]\d+)?[ \t]*(?:mg|mcg|µg|μg|ug|g|mL|ml|IE|IU|UI|mmol)(?![^\W\d_])"
)


def protect_named_variants(tokens: list[Tok], text: str, lex: Lexicon) -> None:
    """Keep a haemoglobin variant's name and a generic maker's name (see the module's text)."""
    if "Hb " in text or "Hgb " in text:
        _haemoglobin_variants(tokens, text)
    if "actor " in text or "ACTOR " in text:
        _factor_variants(tokens, text)
    if any(c.isdigit() for c in text):
        _generic_makers(tokens, text, lex)
    if "-" in text:
        _chained_eponyms(tokens, text, lex)


def _haemoglobin_variants(tokens: list[Tok], text: str) -> None:
    for i, tok in enumerate(tokens[:-1]):
        if tok.lower not in _HB or tok.word[:1] != "H":
            continue
        _keep_capitalised_after(tokens, i, text)  # "Hb Constant Spring"


def _factor_variants(tokens: list[Tok], text: str) -> None:
    """A clotting factor's variant after its numeral ("Factor V Leiden", "factor V Hong Kong",
    "Factor V Cambridge"): named after the city it was found in, as haemoglobins are."""
    for i, tok in enumerate(tokens[:-2]):
        if tok.lower != "factor" or _FACTOR_NUMERAL.fullmatch(tokens[i + 1].word) is None:
            continue
        if text[tok.end : tokens[i + 1].start] != " ":
            continue
        tokens[i + 1].shape = "lower"  # "factor Xa inhibitor": the numeral is the factor's
        # Walk 22: the variant's nucleotide or protein change may stand between, and its city
        # may be in brackets ("Factor V G1691A (Leiden)", "factor V R506Q Leiden").
        found = _CHANGE_THEN_CITY.match(text, tokens[i + 1].end)
        if found is not None:
            for city in tokens[i + 2 : i + 6]:
                if city.start == found.end():
                    if city.lower.rstrip(".") not in _PEOPLE:
                        city.shape = "lower"
                    break
            continue
        _keep_capitalised_after(tokens, i + 1, text)


# A variant's change in a gene or protein, then its city, bracketed or not ("G1691A (Leiden)",
# "R506Q Leiden", "(Leiden)"): the end of the match is where the city's word starts.
_CHANGE_THEN_CITY = re.compile(r"[ \t]+(?:[A-Z]\d{2,5}[A-Z][ \t]+\(?|\()(?=[A-Z][a-z])")


def _keep_capitalised_after(tokens: list[Tok], at: int, text: str) -> None:
    """One or two capitalised words right after ``tokens[at]``, each after one space, read as
    lower case (a variant's name); a title or a role ends them."""
    j = at + 1
    while j < len(tokens) and j <= at + 2:
        word = tokens[j]
        if text[tokens[j - 1].end : word.start] != " ":
            break
        if not (word.word[:1].isupper() and word.word[1:2].islower()):
            break
        if word.lower.rstrip(".") in _PEOPLE:
            break
        word.shape = "lower"
        j += 1


def _generic_makers(tokens: list[Tok], text: str, lex: Lexicon) -> None:
    for i in range(1, len(tokens)):
        tok = tokens[i]
        if tok.shape != "title" or not _DOSE_AFTER.match(text, tok.end):
            continue
        medicine = tokens[i - 1]
        if text[medicine.end : tok.start] != " " or not medicine.word[:1].isalpha():
            continue
        if not _medicine(medicine.word.lower(), lex) or lex.clinical(tok.word.lower()):
            continue
        if i > 1 and tokens[i - 2].lower.rstrip(".") in _PEOPLE:
            continue  # "Dr Amlodipine Henning"? a name after a title stays one
        tok.shape = "lower"


def _medicine(lower: str, lex: Lexicon) -> bool:
    """A medicine's name, or a part of one after a hyphen, as English or German writes it
    ("L-Thyroxin" for thyroxine, "Metformin")."""
    for part in lower.split("-"):
        if len(part) < 4:
            continue
        if lex.clinical(part):
            return True
        if any(
            part.endswith(ending) and lex.clinical(part[: -len(ending)] + english)
            for ending, english in INN_ENDINGS
        ):
            return True
    return False


# Three or more capitalised parts of three letters or more, joined by hyphens.
_CHAIN = re.compile(r"[A-Z][a-zà-ÿ]{2,}(?:-[A-Z][a-zà-ÿ]{2,}){2,}")


def _chained_eponyms(tokens: list[Tok], text: str, lex: Lexicon) -> None:
    for i, tok in enumerate(tokens):
        if tok.shape != "title" or tok.word.count("-") < 2:
            continue
        if not _CHAIN.fullmatch(tok.word.rstrip("'’")):
            continue
        parts = [fold(part) for part in tok.word.rstrip("'’").split("-")]
        if parts[0] in lex.given_names:
            continue
        # A place's name of three parts ("Seine-Saint-Denis", "Provence-Alpes-Côte"): a part
        # that is a plain word or a place, and no surname.
        if any(
            (part in lex.english or part in lex.places) and part not in lex.surnames
            for part in parts
        ):
            continue
        if i > 0 and text[tokens[i - 1].end : tok.start] in (" ", ". "):
            before = tokens[i - 1]
            if before.lower.rstrip(".") in _PEOPLE or (
                before.word[:1].isupper() and before.bare in lex.given_names
            ):
                continue
        tok.shape = "lower"
