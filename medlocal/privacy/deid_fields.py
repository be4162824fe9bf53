"""Labelled fields that hold an organisation: "Employer: Harvey Norman", "School: St Columba
Primary", "Church: Grace Fellowship", "Pharmacy: Chemist Warehouse Toowong".

The label says what the value is, whatever its words are: a value made only of English words is
still a name there. The value runs from the colon to the end of the field (a tab, two spaces, a
semicolon, a bracket, a comma or the end of the line). A value that is one ordinary word says what
kind, not which one ("Employer: Retired", "Church: Catholic", "School: Year 10"): a value is taken
when it has two capitalised words, or one that no dictionary holds or a name list holds.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import Lexicon, fold
from medlocal.privacy.deid_tokens import TOKEN, WordSpan

_FIELD = re.compile(
    # A field opens a line or follows a field gap: "Houchens Pharmacy: Lasix 40 mg" is a
    # sentence about a pharmacy, not a pharmacy field.
    r"(?:^|(?<=[ \t]{2})|(?<=\t)|(?<=[;|][ \t]))"
    # "Employer/sponsor:" (round 13) as on a drug programme's enrolment form.
    r"(?i:(?:employer(?:[ \t]*/[ \t]*(?:sponsor|school|union))?|sponsor|workplace|"
    r"place[ \t]+of[ \t]+work|company|school|college|university|"
    r"nursery|day[ \t]*care|preschool|kindergarten|church|parish|congregation|temple|mosque|"
    r"synagogue|gurdwara|pharmacy|chemist|agency|club|gym|care[ \t]+home|nursing[ \t]+home|"
    r"placement|shelter|hostel)(?:[ \t]+(?:name|attended))?)"
    # Session 43: a form's dot leader stands for the colon, and a note in brackets may follow
    # the label ("Employer (for WSIB) ....... Giant Tiger").
    r"(?:[ \t]+\([^()\n]{1,24}\))?[ \t]*(?::|\.{3,})[ \t]*"
    r"(?P<v>[^\n\t;,()|]{1,60}?)(?=[ \t]{2,}|[\t;,()|\n]|[ \t]+-[ \t]|[ \t]*$)",
    re.M,
)


# Fields that hold a place (eleventh round): "CITY: SPEARFISH", "Suburb: Toowong". Whatever the
# value's words are ("Spearfish" is also a fish), one capitalised word is the place.
_PLACE_FIELD = re.compile(
    r"(?:^|(?<=[ \t]{2})|(?<=\t)|(?<=[;|][ \t]))"
    r"(?i:(?P<k>city|town|suburb|village|locality|municipality|barangay|county|parish[ \t]+of"
    r"[ \t]+residence|place[ \t]+of[ \t]+birth|birthplace|hometown))[ \t]*:[ \t]*"
    r"(?P<v>[^\n\t;,()|:]{1,40}?)(?=[ \t]{2,}|[\t;,()|\n]|[ \t]+-[ \t]|[ \t]*$)",
    re.M,
)
_NO_VALUE = frozenset({"n/a", "na", "none", "unknown", "same", "as above", "nil"})


def labelled_fields(text: str, lex: Lexicon) -> list[WordSpan]:
    """The organisations and places named in labelled fields of ``text``."""
    found: list[WordSpan] = []
    for match in skipped_finditer(_PLACE_FIELD, text):
        value = match.group("v").strip()
        place_words = [fold(w.group()) for w in TOKEN.finditer(value)]
        if value.lower() in _NO_VALUE or not value[:1].isupper():
            continue
        if place_words and not all(lex.clinical(w) for w in place_words):
            kind = "county" if match.group("k").lower() == "county" else "location"
            found.append(WordSpan(kind, match.start("v"), match.start("v") + len(value)))
    for match in _FIELD.finditer(text):
        words = list(TOKEN.finditer(text, match.start("v"), match.end("v")))
        capitals = [w for w in words if w.group()[0].isupper()]
        if not capitals:
            continue
        lowers = [fold(w.group().rstrip("'’")) for w in capitals]
        if all(lex.clinical(w) for w in lowers):
            continue
        odd = any(not lex.known(w) or lex.name_like(w) for w in lowers)
        if len(capitals) >= 2 or odd:
            found.append(WordSpan("facility", match.start("v"), match.end("v")))
    return found
