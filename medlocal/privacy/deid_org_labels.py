"""Organisations in a field whose label says what kind of place it holds (round 18).

A social history or a claim form writes where a person worships, studies, banks or buys their
medicines as a field: "Church: St Aidan's, Morley.", "Bank for reimbursement: BRI a/n ...",
"Blister pack supplier: Medivend, order ref ...". The label opens a line (perhaps after a word
or two: "Blister pack supplier:") or follows a sentence's end in the middle of one ("... when
well. Church: St Aidan's"); the value is one to five capitalised words up to a comma, a
semicolon, a bracket, a full stop or the line's end (on the next line where the label ends
its own: "Parish:\n  San Roque de Sampaloc.").

A value that says a kind or a state rather than which place ("Church: Catholic", "Employer:
Retired", "School: Home-schooled") stays, and so do clinical words and titles (a person's field).
Found from the colon, so a text without one costs nothing.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_people_words import TITLES
from medlocal.privacy.deid_place_words import GENERIC
from medlocal.privacy.deid_tokens import WordSpan

# The label's kind of place, then up to three words in lower case, then the colon; before the
# label, a line's start and up to two words, or a sentence's end on the same line.
_LABELLED = re.compile(
    r"(?im:(?:^[ \t]*(?:[a-z]+[ \t]+){0,2}|(?<=[.;|])[ \t]+)"
    r"(?:church|parish|mosque|temple|synagogue|gurdwara|congregation|school|college|"
    r"university|nursery|daycare|employer|workplace|pharmacy|chemist|bank|supplier|club|gym|"
    r"care[ \t]+agency|agency)"
    r"(?:[ \t]+[a-z]+){0,3}[ \t]*:[ \t]*(?:\n[ \t]*)?)"
    r"(?P<n>(?:St\.?[ \t]+)?[A-Z][\w'’&.-]*"
    r"(?:[ \t]+(?:(?:&|of|the|and|de|del|da|do|du|la|le|van|von|der|di)[ \t]+)?[A-Z][\w'’&-]*)"
    r"{0,4})"
    r"(?=[ \t]*(?:[,;(]|\.(?:\s|\Z)|$|[ \t]{2,}|[ \t]+a/n\b))"
)


def labelled_organisations(
    text: str, lex: Lexicon, labelled: re.Pattern[str] = _LABELLED
) -> list[WordSpan]:
    """The organisations named in a field labelled by their kind (``labelled`` holds the label
    and the value as group ``n``: deid_kind_labels passes its own labels)."""
    found: list[WordSpan] = []
    if ":" not in text:
        return found
    for match in labelled.finditer(text):
        value = match.group("n")
        words = [w.rstrip(".'’") for w in value.split() if w[:1].isupper()]
        bare = [fold(w.removesuffix("'s").removesuffix("’s")) for w in words]
        if any(w in TITLES for w in bare):
            continue  # "School: Mrs Hale's class": a person
        if all(lex.clinical(w) or w in GENERIC for w in bare):
            continue  # "School: Primary", "Pharmacy: Community"
        if len(words) == 1:
            word = words[0]
            parts = bare[0].split("-")
            if len(parts) > 1 and all(p in lex.english for p in parts):
                continue  # "School: Home-schooled"
            if word.isupper() and (len(word) < 2 or clinical_abbreviation(word)):
                continue  # "Club: NA", "Pharmacy: PRN"
            plain = bare[0] in lex.english or lex.clinical(bare[0])  # not by its ending alone
            if plain and not lex.name_like(bare[0]) and bare[0] not in lex.places:
                continue  # "Church: Catholic", "Employer: Retired"
        found.append(WordSpan("facility", match.start("n"), match.end("n")))
    return found
