"""Organisations written only as their initials, told by where they stand (round 21).

Round 20 (:mod:`~medlocal.privacy.deid_org_initials`) reads initials after "at", "via" or "to
the"; these are the other places a body's initials stand:

* on a copy line: right after "cc" ("cc QRH casualty"), or closing the line after a comma
  ("cc Ann Lee, diabetes nurse, NWGH"): a copy goes to a person or to a body, and a line's last
  item in capitals after a person is where they work;
* after a follow-up ("eye f/u KVEH.", "follow-up at BRMC;"): a follow-up is at a place;
* after a locative preposition with its article in German, Dutch, Spanish, Italian and
  Portuguese ("über die ZNA", "in het UMCG", "en el HUVR.", "presso l'ASST", "na UBS."): the
  article says a thing, and a thing one is admitted through, treated in or studies at is a
  body; the clause closes after the initials, or (after a preposition with its article) a word
  in lower case goes on. The Portuguese "no" is left out: the English "no IVH" reads the same;
* before the word for a body's own patients or people ("SMHC casualty", "NTHB medevac",
  "KNUST students");
* before a carrier's own callsign, flight or ferry, or its crew after a comma ("NAS callsign
  MH-22", "(NAS, crew 21B)"): nothing clinical has a callsign, so here initials count even when
  a clinical abbreviation reads the same (an ambulance service's "NAS" is a nasal swab's too).

Initials that are an English word, a clinical term or abbreviation, a place, a time or a title
are left, and so are those ending in "U" after a preposition (a hospital's own unit: "in het
ICU"). Each pattern starts at a literal cue, so the cost stays small and linear.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon, clinical_abbreviation
from medlocal.privacy.deid_people_words import TITLES
from medlocal.privacy.deid_tokens import WordSpan

_INITIALS = r"(?P<n>[A-Z]{3,6})(?![\w&'’-])"
_CLOSES = r"(?=[ \t]*(?:[.,;:()]|\n|\Z))"
# Right after "cc" ("cc QRH casualty", "(cc: SNEC)").
_CC_FIRST = re.compile(rf"(?<![\w-])[Cc][Cc]:?[ \t]+{_INITIALS}")
# Closing a copy line after a comma ("cc Ann Lee, IBD nurse, NWGH").
_CC_LAST = re.compile(rf"(?m)^[ \t(]*[Cc][Cc]\b:?[^\n]{{0,120}},[ \t]*{_INITIALS}[ \t.)]*$")
# After a follow-up ("eye f/u KVEH.", "follow-up at BRMC;", "F/U with NWGH").
_FOLLOW_UP = re.compile(
    rf"(?<![\w-])(?:f/u|F/U|[Ff]ollow[- ]up)(?:[ \t]+(?:at|with|in))?[ \t]+{_INITIALS}{_CLOSES}"
)
# A locative preposition with its article: the clause closes after the initials or goes on in
# lower case ("über die ZNA aufgenommen").
_ARTICLED = re.compile(
    r"(?<![\w-])(?:über[ \t]+(?:die|das|den)|in[ \t]+het|en[ \t]+(?:el|la)|"
    r"presso(?:[ \t]+(?:il|la|l['’]))?|"
    r"nella|nello|dalla|dallo|pela|pelo|na|ao|à[ \t]+la)(?:[ \t]+|[ \t]*\n[ \t]*)"
    rf"{_INITIALS}(?=[ \t]*(?:[.,;:()]|\n|\Z)|[ \t]+[a-zäöüéèàíóú])"
)
# Before the word for a body's patients, people or services.
_PEOPLE_AFTER = re.compile(
    rf"(?<![\w&'’.-]){_INITIALS}(?=[ \t]+(?:casualty|medevac|students?|alumni|volunteers?|"
    r"chaplaincy|outreach|drop-in|hostel)\b)"
)


# The last initial of a body's name: its Hospital, Clinic, Centre, College, Institute or Trust.
# A role's end in its job ("PDNS", "ANP", "CNS", "SpR", "RGN", "SW").
_BODY_ENDS = frozenset("HCIT")

_CARRIER_AFTER = re.compile(
    rf"(?<![\w&'’.-]){_INITIALS}(?=[ \t]+(?:callsign|call[ \t]sign|flight|ferry)\b|"
    r",[ \t]*crew\b)"
)


def _plain(word: str, lex: Lexicon) -> bool:
    """Initials that are a word, a clinical term or abbreviation, a place, a time or a title."""
    bare = word.lower()
    return (
        lex.known(bare)
        or lex.clinical(bare)
        or clinical_abbreviation(word)
        or bare in lex.places
        or bare in CALENDAR_WORDS
        or bare in TITLES
    )


def world_initials(text: str, lex: Lexicon) -> list[WordSpan]:
    """A body's initials on a copy line, after a follow-up, after a preposition with its article
    of another language, or before its own people."""
    found: list[WordSpan] = []
    patterns: list[re.Pattern[str]] = []
    if "cc" in text or "CC" in text or "Cc" in text:
        patterns += [_CC_FIRST, _CC_LAST]
    if "/u" in text or "/U" in text or "ollow" in text:
        patterns.append(_FOLLOW_UP)
    patterns += [_ARTICLED, _PEOPLE_AFTER]
    if "crew" in text or "all" in text or "flight" in text or "ferry" in text:
        for match in _CARRIER_AFTER.finditer(text):
            bare = match.group("n").lower()
            if not (lex.known(bare) or lex.clinical(bare) or bare in lex.places):
                found.append(WordSpan("facility", match.start("n"), match.end("n")))
    for pattern in patterns:
        for match in pattern.finditer(text):
            initials = match.group("n")
            if pattern is _ARTICLED and initials.endswith("U"):
                continue  # "in het ICU": a hospital's own unit
            if pattern in (_CC_FIRST, _CC_LAST) and initials[-1] not in _BODY_ENDS:
                continue  # "cc: Ann Lee, PDNS": a role's initials end in its job
            if not _plain(initials, lex):
                found.append(WordSpan("facility", match.start("n"), match.end("n")))
    return found
