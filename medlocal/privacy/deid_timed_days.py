"""A day and month in digits with a time of day after it (session 56, deid56b; issue 16).

Tables, handover lists and transport bookings write a day and month with no year and no cue
before them, and a time after ("Ophalen 08-12 08:30", "Arrived 05/12 02:10", "Board round 22/01
08:30"): the time says the numbers before it are a date. A bare "2/3" or "19-9" without it stays
the date rules' (a fraction, a ratio, a tumour marker "CA 19-9 812").

Read: a day and month joined by "/" or "-" (a valid day, a valid month), then a blank and a time
written with a colon or an "h" ("08:30", "14h00"), never a decimal or a bare number. The dot form
("3.1 05:00") is a value as often as a date and is not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_spans import Redaction, label

_TIMED_DAY = re.compile(
    r"(?<![\w.,/:-])(?P<v>(?:0?[1-9]|[12]\d|3[01])[/-](?:0?[1-9]|1[0-2]))(?![\w,/-]|\.\d)"
    r"(?=[ \t]+(?:[01]?\d|2[0-3])(?::[0-5]\d(?!\d|[.,]\d)|h[0-5]\d\b))"
)


def _a_range(value: str) -> bool:
    """Review 56b: "8-12", "3-4", "1-5" before a time are a range as often ("Pain score 8-12
    14:00", "Contractions 3-4 10:00", "day 1-5 09:00"): a dash between two unpadded numbers
    that rise is read as one; a date so written pads a part ("08-12 08:30") or falls ("22-1")."""
    if "-" not in value:
        return False
    day, month = value.split("-")
    return not day.startswith("0") and not month.startswith("0") and int(day) < int(month)


def timed_day_candidates(text: str) -> Iterator[Redaction]:
    """Days and months in digits that a time of day follows."""
    if ":" not in text and "h" not in text:
        return
    for match in skipped_finditer(_TIMED_DAY, text):
        if _a_range(match.group("v")):
            continue
        yield Redaction("date", match.start("v"), match.end("v"), match.group("v"), label("date"))
