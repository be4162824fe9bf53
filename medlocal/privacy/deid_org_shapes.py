"""Organisations told by the shape of a letterhead or of a legal or service suffix (round 16,
second wave):

* a letterhead in capitals that opens a line and ends in a word of an operator that is on no
  facility list: a health system ("... VETERANS HEALTH CARE SYSTEM"), a mine or colliery
  ("... PLATINUM MINES - Shaft 4"), an ambulance service ("... AMBULANCE - PATIENT CARE
  RECORD"): before a dash, a comma, a bracket or the line's end;
* a line in capitals before a comma and a street number ("BLUE RIDGE HEART & RHYTHM, 3100
  Electric Rd"): a practice's letterhead followed by its address, even when its words are
  clinical;
* a firm's legal suffix after a comma ("Lakeshore Rheumatology Associates, S.C.", "Harbour
  Imaging, LLC"): the suffix belongs to the name;
* a police or fire department by its short form: a place's name before "PD" or "FD" with an
  officer, a badge or a report after it ("Toledo PD Officer ..."), and a city's initials ending
  in "PD" after a verb of reporting ("reported to MPD").

Each is found from an anchor most text lacks (a capital word of an operator, a comma before a
street number at a line of capitals, a legal suffix, "PD"/"FD"), read back from it.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_people_words import RELATIONS, TITLES
from medlocal.privacy.deid_tokens import WordSpan

# The operator's word at the end of a line's run of capitals, before what closes it.
_CAPS_HEAD = re.compile(
    r"(?=[HMCA])(?<![\w'’-])"
    r"(?:(?:HEALTH(?:[ \t]+CARE)?|HEALTHCARE|MEDICAL)[ \t]+SYSTEM|MINES?|COLLIERY|"
    # Session 31: an ambulance service's run sheet ("WEST MIDLANDS AMBULANCE - PATIENT CARE
    # RECORD", "SOUTH COAST AMBULANCE SERVICE, ...").
    r"AMBULANCE(?:[ \t]+(?:SERVICE|TRUST))?)"
    r"(?=[ \t]*(?:[-–—,(]|$))",
    re.M,
)
# The kinds of ambulance a heading names without naming its service.
_AMBULANCE_KINDS = frozenset(
    {
        "emergency", "non-emergency", "urgent", "private", "air", "transport", "rapid",
        "bariatric", "neonatal", "paediatric", "pediatric", "care", "response", "standby",
        "routine", "the", "an", "by", "via", "called", "call", "request", "requested",
    }
)  # fmt: skip
# The run of capitals from the line's start to the head: two to eight words.
_CAPS_RUN = re.compile(r"(?m:^)[ \t]*(?P<r>(?:[A-Z][A-Z'’.&-]*[ \t]+){1,7})\Z")
# A line of capitals, a comma, then a street number and a capitalised word.
_CAPS_AT_ADDRESS = re.compile(
    r"(?m:^)[ \t]*(?P<r>[A-Z][A-Z'’.&-]*(?:[ \t]+[A-Z&][A-Z'’.&-]*){1,6}),[ \t]*"
    r"\d{1,5}[A-Za-z]?[ \t]+[A-Z][a-z]+"
)
# A firm's legal suffix after a comma, the capitalised name read back from it.
_LEGAL_SUFFIX = re.compile(
    r",[ \t]+(?:S\.C\.|LLC\b|L\.L\.C\.|P\.C\.|PLLC\b|Inc\.?(?!\w)|Ltd\.?(?!\w)|LLP\b|GmbH\b|"
    r"Pty[ \t]+Ltd\.?(?!\w)|S\.A\.|B\.V\.|Sdn[ \t]+Bhd\.?(?!\w))"
)
_NAME_BEFORE = re.compile(
    r"(?<![\w'’&-])(?:[A-Z][\w&'’.-]*[ \t]+(?:&[ \t]+|of[ \t]+)?){0,4}[A-Z][\w&'’-]*\Z"
)
# Police or fire by a place's name ("Toledo PD Officer"), or a city's initials after reporting.
# Found from "PD" or "FD" (most text has neither), the place or the verb read back from it.
_PD = re.compile(r"[PF]D(?![\w&'’-])")
_CITY_INITIALS = re.compile(r"(?<![\w'’&-])[A-Z]{1,3}\Z")
_PLACE_BEFORE = re.compile(r"(?<![\w'’-])(?P<n>[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?)\Z")
_OFFICER_AFTER = re.compile(
    r"[ \t]+(?i:officers?|ofc|sgt|sergeant|detective|det|deputy|badge|report|case|incident|"
    r"unit|patrol|dispatch)\b"
)
_REPORTED_BEFORE = re.compile(
    r"\b(?i:reported|notified|called|contacted|informed|per|by)[ \t]+(?:to[ \t]+)?\Z"
)


def _letterheads(text: str, lex: Lexicon) -> list[WordSpan]:
    found: list[WordSpan] = []
    for head in skipped_finditer(_CAPS_HEAD, text):
        run = _CAPS_RUN.search(text, max(0, head.start() - 80), head.start())
        if run is None:
            continue
        words = [fold(w) for w in run.group("r").split() if w != "&"]
        if all(lex.clinical(w) or clinical_abbreviation(w) for w in words):
            continue  # "CENTRAL NERVOUS SYSTEM": a body's system, not an operator's
        if head.group().startswith("AMBULANCE") and words[-1] in _AMBULANCE_KINDS:
            continue  # "EMERGENCY AMBULANCE", "PATIENT TRANSPORT AMBULANCE": a kind of trip
        found.append(WordSpan("facility", run.start("r"), head.end()))
    return found


def _addressed(text: str, lex: Lexicon) -> list[WordSpan]:
    found: list[WordSpan] = []
    for match in _CAPS_AT_ADDRESS.finditer(text):
        words = [fold(w) for w in match.group("r").split() if w != "&"]
        if any(w in CALENDAR_WORDS or w in TITLES for w in words):
            continue
        found.append(WordSpan("facility", match.start("r"), match.end("r")))
    return found


def _legal_names(text: str, lex: Lexicon) -> list[WordSpan]:
    found: list[WordSpan] = []
    for suffix in _LEGAL_SUFFIX.finditer(text):
        name = _NAME_BEFORE.search(text, max(0, suffix.start() - 80), suffix.start())
        if name is None:
            continue
        words = [fold(w.rstrip(".")) for w in name.group().split() if w not in ("&", "of")]
        if any(w in TITLES or w in RELATIONS for w in words):
            continue  # "Dr Smith, Inc.": a person before a firm's suffix
        found.append(WordSpan("facility", name.start(), suffix.end()))
    return found


def _services(text: str, lex: Lexicon) -> list[WordSpan]:
    found: list[WordSpan] = []
    for short in _PD.finditer(text):
        at = short.start()
        if at and text[at - 1] in " \t":
            place = _PLACE_BEFORE.search(text, max(0, at - 41), at - 1)
            if place is None or not _OFFICER_AFTER.match(text, short.end()):
                continue
            words = [fold(w) for w in place.group("n").split()]
            if any(w in TITLES or w in CALENDAR_WORDS or lex.clinical(w) for w in words):
                continue  # "Parkinson PD", "Dr PD"
            found.append(WordSpan("facility", place.start("n"), short.end()))
            continue
        city = _CITY_INITIALS.search(text, max(0, at - 3), at)
        if city is None or short.group() != "PD":
            continue
        name = text[city.start() : short.end()]
        if clinical_abbreviation(name):
            continue  # "per COPD", "by APD"
        if _REPORTED_BEFORE.search(text, max(0, city.start() - 20), city.start()):
            found.append(WordSpan("facility", city.start(), short.end()))
    return found


def shaped_organisations(text: str, lex: Lexicon) -> list[WordSpan]:
    """Letterheads in capitals of operators, lines of capitals before a street number, firms by
    their legal suffix, and police or fire departments by their short form."""
    found = _letterheads(text, lex)
    if "," in text:
        found += _addressed(text, lex)
        found += _legal_names(text, lex)
    if "PD" in text or "FD" in text:
        found += _services(text, lex)
    return found
