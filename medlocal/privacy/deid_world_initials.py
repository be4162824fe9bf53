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

from medlocal.privacy.deid_lexicon import Lexicon
from medlocal.privacy.deid_org_initials import plain_initials
from medlocal.privacy.deid_tokens import WordSpan

# Every run of three to six capitals, found once from its first capital; each place is then
# read around it (before it back to a cue, after it to a closing mark or a word). Five patterns
# tried at every character cost 10 ms of a 20-page record; the one scan of capitals under 1 ms.
_CAPS = re.compile(r"[A-Z](?<![\w&'’.-][A-Z])[A-Z]{2,5}(?![\w&'’-])")
_CLOSES = re.compile(r"[ \t]*(?:[.,;:()]|\n|\Z)")
# Right after "cc" ("cc QRH casualty", "(cc: SNEC)").
_CC_BEFORE = re.compile(r"(?<![\w-])[Cc][Cc]:?[ \t]+\Z")
# Closing a copy line after a comma ("cc Ann Lee, IBD nurse, NWGH").
_CC_LINE_BEFORE = re.compile(r"(?m:^)[ \t(]*[Cc][Cc]\b:?[^\n]{0,120},[ \t]*\Z")
_LINE_END_AFTER = re.compile(r"[ \t.)]*(?:\n|\Z)")
# After a follow-up ("eye f/u KVEH.", "follow-up at BRMC;", "F/U with NWGH").
_FOLLOW_UP_BEFORE = re.compile(
    r"(?<![\w-])(?:f/u|F/U|[Ff]ollow[- ]up)(?:[ \t]+(?:at|with|in))?[ \t]+\Z"
)
# A locative preposition with its article: the clause closes after the initials or goes on in
# lower case ("über die ZNA aufgenommen").
_ARTICLED_BEFORE = re.compile(
    r"(?<![\w-])(?:über[ \t]+(?:die|das|den)|in[ \t]+het|en[ \t]+(?:el|la)|"
    r"presso(?:[ \t]+(?:il|la|l['’]))?|"
    r"nella|nello|dalla|dallo|pela|pelo|na|ao|à[ \t]+la)(?:[ \t]+|[ \t]*\n[ \t]*)\Z"
)
_LOWER_AFTER = re.compile(r"[ \t]+[a-zäöüéèàíóú]")
# Before the word for a body's patients, people or services.
_PEOPLE_AFTER = re.compile(
    r"[ \t]+(?:casualty|medevac|students?|alumni|volunteers?|chaplaincy|outreach|drop-in|"
    r"hostel)\b"
)
# Before a carrier's callsign, flight or ferry, or its crew after a comma.
_CARRIER_AFTER = re.compile(r"[ \t]+(?:callsign|call[ \t]sign|flight|ferry)\b|,[ \t]*crew\b")

# The last initial of a body's name: its Hospital, Clinic, Centre, College, Institute or Trust.
# A role's end in its job ("PDNS", "ANP", "CNS", "SpR", "RGN", "SW").
_BODY_ENDS = frozenset("HCIT")


def _told(text: str, start: int, end: int) -> str:
    """Which place tells the initials at ``start:end`` a body's: "carrier", "body" (any other
    place) or "" (none)."""
    if _CARRIER_AFTER.match(text, end):
        return "carrier"
    if _PEOPLE_AFTER.match(text, end):
        return "body"
    lo = max(0, start - 24)
    closes = _CLOSES.match(text, end) is not None
    if _CC_BEFORE.search(text, lo, start):
        return "cc"
    if closes and _FOLLOW_UP_BEFORE.search(text, lo, start):
        return "body"
    if (closes or _LOWER_AFTER.match(text, end)) and _ARTICLED_BEFORE.search(text, lo, start):
        return "articled"
    if _LINE_END_AFTER.match(text, end):
        line = text.rfind("\n", 0, start) + 1
        if start - line <= 160 and _CC_LINE_BEFORE.search(text, line, start):
            return "cc"
    return ""


def world_initials(text: str, lex: Lexicon) -> list[WordSpan]:
    """A body's initials on a copy line, after a follow-up, after a preposition with its article
    of another language, before its own people or a carrier's callsign."""
    found: list[WordSpan] = []
    for match in _CAPS.finditer(text):
        start, end = match.span()
        told = _told(text, start, end)
        if not told:
            continue
        initials = match.group()
        bare = initials.lower()
        if told == "carrier":
            # Nothing clinical has a callsign: a clinical abbreviation's reading is no bar.
            if not (lex.known(bare) or lex.clinical(bare) or bare in lex.places):
                found.append(WordSpan("facility", start, end))
            continue
        if told == "articled" and initials.endswith("U"):
            continue  # "in het ICU": a hospital's own unit
        if told == "cc" and initials[-1] not in _BODY_ENDS:
            continue  # "cc: Ann Lee, PDNS": a role's initials end in its job
        if not plain_initials(initials, lex):
            found.append(WordSpan("facility", start, end))
    return found
