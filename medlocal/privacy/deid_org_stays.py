"""A hospital named between an admission and its date (round 20).

A past stay is written in a history as the word "admission", the place and the time ("Previous
admission Freeman Aug 2024", "Prev admission KGH Aug 12-19, 2023", "admitted Kalafong 03/2021"):
the word between the admission and a month or a date says where, as a measurement never does
(an admission's values come with numbers: "admission Hb 92", "admission CRP 120"). A word that
is a clinical term, an English word that is no name, a title or a time is left as it is
("admission CT Aug 2024" is a scan).

Found from the literal "admi" and read forward a few words, so the cost stays linear and small.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_people_words import RELATIONS, TITLES
from medlocal.privacy.deid_tokens import WordSpan

_MONTH = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
# "admission" or "admitted", perhaps "to" or "at", one to three capitalised words, then a month
# or a written date ("03/2021", "12.08.2024").
_STAY = re.compile(
    r"(?<![\w'’-])(?i:admission|admitted)[ \t]+(?:(?:to|at)[ \t]+)?"
    r"(?P<n>[A-Z][\w'’&-]*(?:[ \t]+[A-Z][\w'’&-]*){0,2}?)"
    rf"[ \t]+(?:\(?(?:{_MONTH})\.?(?![\w'’-])"
    r"|(?P<d>\(?\d{1,2}[/.-]\d{1,4}(?:[/.-]\d{2,4})?\b))"
)


def admission_sites(text: str, lex: Lexicon) -> list[WordSpan]:
    """Places named between "admission"/"admitted" and a month or a date."""
    found: list[WordSpan] = []
    for match in skipped_finditer(_STAY, text):
        words = [fold(w.strip("'’")) for w in match.group("n").split()]
        if any(
            lex.clinical(w)
            or w in CALENDAR_WORDS
            or w in TITLES
            or w in RELATIONS
            or (lex.known(w) and not lex.name_like(w) and w not in lex.places)
            for w in words
        ):
            continue  # "admission CT Aug 2024", "admitted Monday 3/4", "admitted Last May"
        if match.group("d") and any(clinical_abbreviation(w) for w in match.group("n").split()):
            continue  # "admission BP 140/90": a reading, not a date
        found.append(WordSpan("facility", match.start("n"), match.end("n")))
    return found
