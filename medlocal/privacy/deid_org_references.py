"""Organisations named right before their own reference number (round 20).

A body that keeps a file on the patient is written with the number it gave: "FISH sent to
Lucence (ref LUC-2611-903)", "housing (Vivid) ref VH-229104", "Kestrel Homes, case ref
KH-44187", "CorribDoc called, ref WD-26-118473". The word before "ref" and a code says whose
file it is, whatever the body's name looks like; a person's name there is removed anyway.

The name must hold a word that names (not a clinical word, not a kind word like "Referral" or
"Police", not a time or a title) and no facility word: a name with one ("CJD Surveillance Unit")
is found by the facility words' scan, and read here too its unknown initials would be removed
again wherever they are written ("variant CJD"). One plain English word alone ("Incident (ref
22)") is no name unless it reads as one. Found from the literal "ref" and read
back a few words, so the cost stays linear and small.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_people_words import RELATIONS, TITLES
from medlocal.privacy.deid_place_words import GENERIC
from medlocal.privacy.deid_tokens import WordSpan

# "ref", "ref.", "reference", "case ref", perhaps "no"/"#"/":", then a code with a digit.
_REF = re.compile(
    r"(?<![\w'’-])(?:case[ \t]+)?(?:ref|reference)\.?(?:[ \t]*(?:no\.?|number|#))?[ \t]*[:#]?[ \t]*"
    r"(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9/-]{3,}"
)
# One to three capitalised words closing before the reference: a bracket around them, or a
# comma or a verb of calling after them ("Lucence (", "(Vivid) ", "CorribDoc called, ").
_NAME_BEFORE = re.compile(
    r"(?<![\w'’&-])(?P<n>[A-Z][\w'’&-]*(?:[ \t]+[A-Z][\w'’&-]*){0,2})\)?"
    r"(?:[ \t]+(?:called|rang|phoned|notified|informed))?[ \t]*[(,]?[ \t]*\Z"
)


def naming_word(word: str, lex: Lexicon) -> bool:
    """A word that can make a run an organisation's name: no clinical word or abbreviation, no
    generic facility word, date word, title or relation (also read by deid_org_wraps)."""
    return not (
        lex.clinical(word)
        or clinical_abbreviation(word)
        or word in GENERIC
        or word in CALENDAR_WORDS
        or word in TITLES
        or word in RELATIONS
    )


def referenced_organisations(text: str, lex: Lexicon) -> list[WordSpan]:
    """Capitalised names right before "ref" and a code."""
    found: list[WordSpan] = []
    for ref in skipped_finditer(_REF, text):
        match = _NAME_BEFORE.search(text, max(0, ref.start() - 60), ref.start())
        if match is None:
            continue
        words = [fold(w.strip("'’")) for w in match.group("n").split()]
        if (
            words[0] in TITLES
            or words[0] in RELATIONS
            or not any(naming_word(w, lex) for w in words)
        ):
            continue  # "Dr Ames (ref ...)": a person; "Referral (ref ...)": a kind
        if any(w in GENERIC for w in words):
            continue  # "CJD Surveillance Unit ref ...": a facility word's scan finds it
        if len(words) == 1 and lex.known(words[0]) and not lex.name_like(words[0]):
            continue  # "Incident (ref 22)": a plain word
        found.append(WordSpan("facility", match.start("n"), match.end("n")))
    return found
