"""A vehicle named by its call sign or fleet number (session 48, dev46).

Ambulance, taxi and bus crews name their vehicle by a call sign or a fleet number, which tells
the reader which vehicle, and so which crew and which run, brought the patient: "by ambulance,
call sign Kilo 47", "ACT Ambulance Bruce 12", "(NZ Bus 2231)", "Taxi 4417". The code rules want
a digit inside a run of capitals ("MH-22"), so a call sign of a word and a number stays. Read:

* after "call sign" (or "callsign", "call-sign"): a capitalised word and a number ("Kilo 47",
  "Delta 2-1", "Rescue 116");
* after the word "ambulance" (either case): a capitalised word and one to three digits at the
  clause's end ("ACT Ambulance Bruce 12,"), not a place in the department or a time ("Ambulance
  Bay 3", "ambulance Monday 14:00" stay);
* "Bus", "Coach", "Taxi" or "Cab" with a capital and a fleet number of three to five digits
  ("NZ Bus 2231", "Taxi 4417"); a bus route ("bus 38", "route 6", "the 38 bus") stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS
from medlocal.privacy.deid_spans import Redaction, label

# A number of the call sign: digits, perhaps a dash and more digits or a letter ("2-1", "14A").
_NUMBER = r"\d{1,4}(?:-\d{1,3}|[A-Z])?(?![\w:.-]|[.:]\d)"
_CALL_SIGN = re.compile(
    # Possessive blank runs (session 56): two optional runs side by side took "call sign" and
    # 20,000 blanks quadratic (7.8 s) where no call sign followed.
    r"(?i:\bcall[ -]?signs?)[ \t]*+(?:[:#]|is|was)?[ \t]*+"
    rf"(?P<v>[A-Z][a-z]+[ -]{_NUMBER}|[A-Z]{{1,4}}[ -]?{_NUMBER})"
)
_AMBULANCE = re.compile(
    r"\b[Aa]mbulance[ \t]+(?P<v>(?P<w>[A-Z][a-z]+)[ \t]+\d{1,3})(?=[ \t]*(?:[,;)]|\.(?!\d)|\n|$))"
)
_FLEET = re.compile(r"\b(?P<v>(?:Bus|Coach|Taxi|Cab)[ \t]+\d{3,5})(?![\w:./-])")
# Words after "Ambulance" that place or time the vehicle, not name it.
_NOT_A_CALL_SIGN = frozenset(
    {"bay", "bays", "station", "entrance", "door", "gate", "room", "ward", "bed", "level",
     "service", "services", "trust", "crew", "call", "at", "in", "on", "by", "to", "for"}
)  # fmt: skip


def call_sign_candidates(text: str) -> Iterator[Redaction]:
    """The call signs and fleet numbers of vehicles in ``text`` (see the module's docstring)."""
    # Speed: each shape's word is looked for first ("call", "CALL"; "ambulance", "AMBULANCE").
    if "all" in text or "ALL" in text:
        for match in skipped_finditer(_CALL_SIGN, text):
            yield _vehicle(text, match.start("v"), match.end("v"))
    if "mbulance" in text or "MBULANCE" in text:
        for match in skipped_finditer(_AMBULANCE, text):
            word = match.group("w").lower()
            if word in _NOT_A_CALL_SIGN or word in CALENDAR_WORDS:
                continue
            yield _vehicle(text, match.start("v"), match.end("v"))
    for match in skipped_finditer(_FLEET, text):
        yield _vehicle(text, match.start("v"), match.end("v"))


def _vehicle(text: str, start: int, end: int) -> Redaction:
    return Redaction("vehicle_id", start, end, text[start:end], label("vehicle_id"))
