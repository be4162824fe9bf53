"""A place on a numbered road: "I-55 NB at Church Rd", "T-boned at I-610 W at Westheimer",
"rolled on the N2 near Swellendam", "under I-5 at Mercer St" (session 47).

Crash, retrieval and outreach notes place a patient by the road's number and the cross street
or the town beside it; the street patterns want a house number or a street's word, and the
word scan does not read "I-610" or "N2" as a place. Two shapes are read:

* a US interstate or route ("I-55", "US-101", "SR 17", "Hwy 2", "Route 9"), with its
  direction ("NB", "W", "southbound"), then "at", "near", "by", "and", "&" or "/" and the
  cross street in capitals: the whole is the location;
* "the" and a national road's letter and number (South Africa's and Ireland's "N2", Britain's
  "M6"; not Britain's A roads: "sat the A2 at Gresham College" is an exam), then "near", "at",
  "outside", "between", "towards" or "by" and a capitalised word: the road's number is the
  location (the town after it is the place readers' to find).

Iodine's isotopes ("I-131 at 100 mCi", "I-123 scan") are refused; the cross street must open
with a capital, so a dose or a time after "at" is no street.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_spans import Redaction, label

_DIRECTION = r"(?:[NSEW]B?|(?:north|south|east|west)(?:bound)?|(?:North|South|East|West)(?:bound)?)"
# Up to three capitalised words; a full stop ends the street ("Church Rd. Pt was ...").
_CROSS = r"[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2}"
_INTERSTATE = re.compile(
    r"(?<![\w-])(?:I|US|SR|Hwy|Highway|Route|Rte)[- ](?!12[35]\b|131\b)\d{1,3}"
    rf"(?:[ \t]+{_DIRECTION})?(?![\w-])"
    rf"(?:[ \t]+(?:at|near|by|and|&|/|@)[ \t]+(?P<x>{_CROSS}))?"
)
_NATIONAL_ROAD = re.compile(
    r"(?<![\w-])the[ \t]+(?P<r>[NM]\d{1,3})"
    r"[ \t]+(?:near|at|outside|between|towards|by)[ \t]+[A-Z]"
)


def road_location_candidates(text: str) -> Iterator[Redaction]:
    """The locations on numbered roads in ``text`` (see the module's docstring)."""
    kind = "street_address"
    for match in skipped_finditer(_INTERSTATE, text):
        # A route's number alone ("on I-95 for an hour") is a road, not a place: only with its
        # cross street, or its direction.
        if match.group("x") is None and not re.search(r"[ \t]" + _DIRECTION + r"\Z", match.group()):
            continue
        yield Redaction(kind, match.start(), match.end(), match.group(), label(kind))
    for match in skipped_finditer(_NATIONAL_ROAD, text):
        start, end = match.start("r"), match.end("r")
        yield Redaction(kind, start, end, text[start:end], label(kind))
