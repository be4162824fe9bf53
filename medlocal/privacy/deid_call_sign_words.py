"""A vehicle named by a spelling-alphabet word or a place and a number (session 56, deid56b;
issue 16).

Ambulance, fire and police crews name a vehicle on the radio by a word of the spelling alphabet
and a number ("call sign DELTA 41", "second unit hotel 12", "Kilo 47 attended"), and services of
other countries by the station's town or the service's word and a number ("ambulanza Milano
17", "unit Rescue 14", "karetką S1 447"). deid_call_signs reads a capitalised word after "call
sign" or "ambulance"; the word in capitals or in lower case, and after the vehicle words of
other languages, stayed in view.

Read:
* one to three words of the NATO spelling alphabet in any case and one to three digits (perhaps
  "-1"; "Kilo Mike 31" since session 57),
  where a crew's or a vehicle's word stands earlier on the line ("unit", "crew", "call sign",
  "ambulance", "attended", "dispatched" ...): "echo 12 weeks", "Golf 18 holes", "whisky 12
  units" have none, and a unit, count or time after the number refuses it; "echo" and "x-ray",
  a test's names, only after "call sign" ("attended echo 2 today" stays);
* after a vehicle's word of the notes' languages ("unit", "ambulance", "ambulanza",
  "ambulancia", "ambulância", "Krankenwagen", "RTW", "karetka", "ambulans", "helicopter",
  "rescue", "medic"), a capitalised word or a short code of capitals and digits and one to four
  digits: "Ambulance Bay 4", "ambulance Monday 14:00" and a calendar word stay, and after
  "unit" only a word is read ("Unit C-2" is a housing block's, "unit 4B" a ward's).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS
from medlocal.privacy.deid_spans import Redaction, label

_SPELLING = (
    r"alpha|alfa|bravo|charlie|delta|echo|foxtrot|golf|hotel|india|juliett?|kilo|lima|mike|"
    r"oscar|papa|quebec|romeo|sierra|tango|uniform|victor|whiske?y|x-?ray|yankee|zulu"
)
# What may follow a number that is no call sign's: a unit, a count, a time's word.
_NOT_AFTER = (
    r"(?![ \t]*(?:%|(?i:mg|mcg|g|kg|ml|l|units?|iu|mmol|hours?|hrs?|h|days?|weeks?|wks?|"
    r"months?|years?|yrs?|min|mins|minutes?|seconds?|secs?|holes?|times|x|am|pm|lead)\b))"
)
_NUMBER = r"\d{1,3}(?:-\d{1,2})?(?![\w/-]|[.,:]\d)"
# Session 57 (deid57c): two or three of the words spell a call sign too ("Kilo Mike 31",
# "Lima Charlie Bravo 2").
_SPELLED = re.compile(
    rf"(?i:\b(?:{_SPELLING})(?:[ \t]{{1,2}}(?:{_SPELLING})){{0,2}})[ \t-]{_NUMBER}{_NOT_AFTER}"
)
# A crew's or a vehicle's word earlier on the line.
_CREW_CUE = re.compile(
    r"(?i:\b(?:units?|crews?|call[ -]?signs?|ambulances?|vehicles?|rigs?|resources?|attended|"
    r"dispatched|responded|responding|on[ \t]+scene|conveyed|hems|helimed|helicopter|"
    r"paramedics?|medics?|ePCR|fire|police|patrol)\b)"
)
# Spelling-alphabet words that are also a test's name, read only after "call sign".
_CLINICAL_SPELLING = re.compile(r"(?i:echo|x-?ray)\b")
_CALL_SIGN_CUE = re.compile(r"(?i:\bcall[ -]?signs?\b)")
_VEHICLE_THEN_NAME = re.compile(
    r"(?i:\b(?:unit|ambulance|ambulanza|ambulancia|ambulância|krankenwagen|rtw|nef|"
    r"karetk[aęią]|karetką|ambulans\w*|helicopter|rescue|medic))[ \t]+"
    rf"(?P<v>(?P<w>[A-Z][a-zà-ÿ]{{2,12}}|[A-Z]{{1,3}}\d{{0,2}})[ \t-]\d{{1,4}}(?:-\d{{1,2}})?)"
    rf"(?![\w/-]|[.,:]\d){_NOT_AFTER}"
)
# Words after a vehicle's word that place or time it, not name it.
_PLACES = frozenset(
    {"bay", "bays", "bed", "beds", "room", "ward", "level", "floor", "station", "entrance",
     "door", "gate", "block", "wing", "suite", "area", "zone", "lane", "team", "service",
     "services", "trust", "crew", "call", "type", "class", "grade", "stage", "phase", "day",
     "week", "year"}
)  # fmt: skip


def call_sign_word_candidates(text: str) -> Iterator[Redaction]:
    """Call signs of a spelling-alphabet word, and vehicles named after their vehicle's word."""
    for match in skipped_finditer(_SPELLED, text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        cue = _CREW_CUE.search(text, line_start, match.start())
        if cue is None:
            continue
        if _CLINICAL_SPELLING.match(match.group()) and not _CALL_SIGN_CUE.search(
            text, line_start, match.start()
        ):
            # "attended echo 2 today": a test's word needs the call sign's own cue.
            continue
        yield Redaction(
            "vehicle_id", match.start(), match.end(), match.group(), label("vehicle_id")
        )
    for match in skipped_finditer(_VEHICLE_THEN_NAME, text):
        word = match.group("w").lower()
        if word in _PLACES or word in CALENDAR_WORDS:
            continue
        if match.group(0)[:4].lower() == "unit" and not match.group("w")[1:].islower():
            # "Unit C-2", "unit 4B": a housing block's or a ward's unit; a vehicle's unit is
            # named by a word ("unit Rescue 14", "unit Alpha 12").
            continue
        yield Redaction(
            "vehicle_id", match.start("v"), match.end("v"), match.group("v"), label("vehicle_id")
        )
