"""Two numbers around a slash that a date rule took, given back where the context says they are a
clinical value and nothing says they are a date (session 61, prec61; issue 16).

Several date rules read a bare pair of small numbers as a day and a month ("3/12", "12/8"): after a
date's word, when one number is over 12, or where no clinical grammar of their own claims it.
Clinical notes write many values the same way, and a pair shifted as a date changes what the
note says ("BP 12/8" became "BP 1/17", "Seen 3/12 ago" became "Seen 4/21 ago"). This is the last
word on such a pair, read once every rule has spoken, and it keeps four kinds:

* a blood pressure: a blood pressure's word just before the pair ("BP", "PA", "TA", "RR",
  "Blutdruck", "tension") or a pressure reading just before it on its line ("TA 14/9 puis
  13/8"), with the systolic number over the diastolic (centimetres of mercury, as Brazil, Spain
  and France write it);
* a pair that is no day and month in the order its text writes its dates: "apnoeas 2/24",
  "Bishop 5/13" in a note that writes "24/11/2026", "20/8" in one that writes "11/30/2026";
* a section of a guideline numbered with a full stop, after its word ("the note on 5.6",
  "Kap. 5.6");
* a British duration: days, months, weeks or hours written over 7, 12, 52 or 24, before "ago",
  "history" or a symptom ("Seen 3/12 ago", "3/7 fever", "3/12 supply"), or after a word of
  course or time ("for 14/7", "day 4/7"). A review's word before it is no such word: "review
  9/12" and "RV 21/12" are as often the day of the review (dev72).

A date's word right before the pair ("on", "from", "until", a weekday, "next", "Date:", in several
languages) always leaves it a date ("BP taken on 12/8"), and a duration or a day order does not
outweigh a clock time right after it ("review 4/12 at 10:00") either; a blood pressure does ("BP
12/8 at 09:00").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_dates import DayCounts, day_order, day_order_counts
from medlocal.privacy.deid_spans import Redaction

_PAIR = re.compile(r"(\d{1,2})/(\d{1,2})")
# A section of a guideline or a protocol, numbered with a full stop: "see the note on 5.6",
# "section 4.2" ("on 5.6" alone stays a date, the European day and month, and so does a note
# dated so: "Note on 5.6: phoned").
_SECTION = re.compile(r"\d{1,2}\.\d{1,2}")
_SECTION_BEFORE = re.compile(
    r"(?i:\b(?:the|see|per|our|this)[ \t]+(?:note|notes|guidance|advice)[ \t]+on|"
    r"(?<![^\W\d_])(?:section|sect|sec|chapter|chap|kap|kapitel|para|paragraph|step|item|"
    r"table|appendix|annex|§))[ \t.]*\Z"
)
# How much of the line before the pair is read.
_REACH = 40

# A date's word right before the pair, in the languages the date rules read: it stays a date.
_DATE_CUE_BEFORE = re.compile(
    r"(?i:\b(?:on|dated?|from|since|until|till|to|by|due|next|last|prev|previous|"
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|today|tomorrow|yesterday|am|vom|bis|seit|le|du|au|el|del|desde|hasta|"
    r"il|dal|al|op|van|tot|dn|dnia|od|do|em|de|na)\b)[ \t.:,]*\Z"
)
# ... or a word that names an event's day a few words before ("Next review 4/12", "due MDT 9/12").
_EVENT_CUE_BEFORE = re.compile(
    r"(?i:\b(?:next|last|prev|previous|due|booked|scheduled|planned|appt|appointment)\b)"
    r"(?:[ \t]+[^\W\d_][\w/-]*){0,2}[ \t:]*\Z"
)
# A clock time right after the pair ("12/8 at 09:00", "4/12 @ 10:30", "3/12 14h30").
_TIME_AFTER = re.compile(
    r"[ \t,]*(?:(?i:at|@|um|à|a[ \t]+las|alle|om|às)[ \t]+)?(?:[01]?\d|2[0-3])[:h.][0-5]\d\b"
)

# A blood pressure's word, then at most two of posture or arm ("BP sitting 12/8", "TA couché
# 13/8"); "BP clinic 12/8" is the clinic's day, and so is "BP repeat 12/8" or "BP post 12/8"
# (review61q: the day of the repeat, after a day).
_PRESSURE_BEFORE = re.compile(
    r"(?:(?<![^\W\d_])(?:BP|B/P|NIBP|ABP|PA|TA|RR|T\.A\.|P\.A\.)"
    r"|(?i:\b(?:blood[ \t]+pressure|tension(?:[ \t]+art[ée]rielle)?|blutdruck|"
    r"press[ãa]o(?:[ \t]+arterial)?|presi[óo]n(?:[ \t]+arterial)?|"
    r"pressione(?:[ \t]+arteriosa)?|bloeddruk|ciśnienie(?:[ \t]+tętnicze)?)))"
    r"(?![^\W\d_])[ \t:=]*(?:(?i:lying|standing|sitting|seated|supine|sentad[oa]|deitad[oa]|"
    r"debout|assis|couch[ée]e?|liegend|stehend|sitzend|manual|left|right|arm)"
    r"[ \t:=,]*){0,2}\Z"
)
# "PA" and "TA" after an image's word are its view, no pressure: "CXR PA 12/8" is the film's day,
# "USS TA 12/8" the scan's (review61q).
_IMAGE_BEFORE = re.compile(
    r"(?i:\b(?:cxr|x-?ray|xr|film|view|views|radiograph\w*|uss|us|ultrasound|scan|sonograph\w*|"
    r"doppler|echo|imaging)\b)[ \t:,]*(?:PA|TA)[ \t:=]*\Z"
)
# A pressure reading earlier on the line, then only words ("14/9 puis 13/8").
_READING_BEFORE = re.compile(r"(?<![\d/])(\d{1,3})/(\d{1,3})[ \t,;]*(?:[^\W\d_]+[ \t,;]*){0,3}\Z")

# A capitalised word right after the pair: a street's or a place's name.
_NAME_AFTER = re.compile(r"[ \t]+[A-Z][a-z]")
# British durations: days, months, weeks and hours written over 7, 12, 52 and 24, with the
# largest count each is written with ("14/7", "18/12", "10/52", "36/24").
_DURATION_MOST = {7: 28, 12: 24, 52: 104, 24: 72}
_DURATION_AFTER = re.compile(
    r"[ \t]*(?i:ago|hx|history|supply|course|duration|old|post[- ]?op\w*|post[- ]?partum|pp|"
    r"(?P<weak>previously|before|earlier))\b"
)
# A word of an event done on a day, right before the pair: "Reviewed 4/12 before discharge",
# "Admitted 12/7 confused" and "Seen 2/24 by cardiology" write the day it was done, and only a
# duration's own word after the pair ("Seen 3/12 ago", "3/12 supply", "Seen 3/12 post-op")
# outweighs it (review61q).
_DONE_BEFORE = re.compile(
    r"(?i:\b(?:seen|reviewed|admitted|readmitted|discharged|presented|attended|referred|started|"
    r"stopped|commenced|ceased|given|taken|done|performed|checked|sent|received|operated|"
    r"transferred|scanned|visited|phoned|called|rang|written|signed|issued|collected|repeated|"
    r"examined|assessed|triaged|reported|delivered|born|died|letter|visit|clinic|attendance)\b)"
    r"[ \t:,]*\Z"
)
# What has lasted so long, right after the pair ("3/7 fever", "1/7 rash", "2/52 cough").
_COMPLAINT_AFTER = re.compile(
    r"[ \t]+(?:of[ \t]+)?(?i:fevers?|febrile|pyrexi\w*|rash\w*|cough\w*|pain\w*|\w*ache\w*|"
    r"vomit\w*|nausea|diarrh\w*|loose[ \t]+stools|sob|dyspn\w*|breathless\w*|wheez\w*|"
    r"confus\w*|weak\w*|jaundice\w*|bleed\w*|swell\w*|dizz\w*|itch\w*|symptoms?|"
    r"illness|hx|h/o|sx|coryza\w*|sore|dysuria|frequency|malaise|lethargy|fatigue)\b"
)
_DURATION_BEFORE = re.compile(
    r"(?i:(?<![\w/])(?:for|in|x|over|within|lasting|approx|about|~|every|day|days|"
    r"script|supply|course)(?![\w/]))[ \t:~]*\Z"
)


def _line_before(text: str, start: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    return text[max(line_start, start - _REACH) : start]


def _blood_pressure(text: str, start: int, a: int, b: int) -> bool:
    """A pressure in cmHg: its word just before, or a reading just before on its line."""
    if not 6 <= a <= 30 or not 3 <= b < a:
        return False
    before = _line_before(text, start)
    if _PRESSURE_BEFORE.search(before):
        return _IMAGE_BEFORE.search(before) is None
    reading = _READING_BEFORE.search(before)
    if reading is None or _DATE_CUE_BEFORE.search(before):
        return False
    # The reading before is itself a pressure in cmHg after its word ("TA 14/9 puis 13/8"). One
    # in mmHg, or any other fraction, says nothing of the unit: "BP 142/91 checked 12/8" and
    # "Co-amoxiclav 500/125 started 12/8" write a day after it (review61q).
    return _blood_pressure(text, reading.start(), int(reading.group(1)), int(reading.group(2)))


class _DayOrder:
    """What the text says of its day order, read once and only where a pair asks for it."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._counts: DayCounts | None = None

    def _tallies(self) -> DayCounts:
        if self._counts is None:
            self._counts = day_order_counts(self._text)
        return self._counts

    def written(self) -> bool | None:
        """The order its dates or, where they tie, its writing say (``writes_day_first``)."""
        return day_order(self._tallies())

    def dated(self) -> bool | None:
        """The order its own dates say, and only where none of them reads the other way; where
        none says, the order its writing says twice and never the other way. One sign of the
        writing is too weak to unmake a date ("(11) 98412-3307" is no American number)."""
        tallies = self._tallies()
        for day_first, month_first, least in (
            (tallies[0] + tallies[2], tallies[1] + tallies[3], 1),
            (tallies[4], tallies[5], 2),
        ):
            if day_first or month_first:
                if day_first >= least and not month_first:
                    return True
                if month_first >= least and not day_first:
                    return False
                return None
        return None


def _duration(text: str, start: int, end: int, a: int, b: int, order: _DayOrder) -> bool:
    """A British duration (over 7, 12, 52 or 24): before "ago" or a symptom, after a course.
    A text that writes its dates month first writes none ("in 4/12" is "in April 12" there)."""
    most = _DURATION_MOST.get(b)
    if most is None or not 1 <= a <= most or _TIME_AFTER.match(text, end):
        return False
    if text[start] == "0":
        return False  # "03/12": a day written for a calendar, no count of months
    if order.written() is False:
        return False
    after = _DURATION_AFTER.match(text, end)
    done = _DONE_BEFORE.search(_line_before(text, start)) is not None
    if after is not None and not (after.group("weak") and done):
        return True  # "Seen 3/12 ago", "2/7 history", "3/12 supply"
    course = _DURATION_BEFORE.search(_line_before(text, start))
    if course is not None and not (course.group().lower().startswith("day") and a > b):
        return True  # "for 14/7", "day 4/7" ("Clinic day 14/7" is no day 14 of 7: review61q)
    if done:
        return False
    # "3/7 fever", "1/7 rash"; a pair that opens its line before a capital dates the entry
    # ("3/12 Pain 6/10, Endone given").
    complaint = _COMPLAINT_AFTER.match(text, end)
    if complaint is None:
        return False
    opens_line = not text[text.rfind("\n", 0, start) + 1 : start].strip()
    return not opens_line or text[end : complaint.end()].islower()


def _no_date_in_order(order: _DayOrder, a: int, b: int) -> bool:
    """A pair that no date of the text's order reads: "2/24" where it writes "24/11/2026"."""
    if a <= 12 and b <= 12:
        return False
    day_first = order.dated()
    if day_first is None:
        return False
    return b > 12 if day_first else a > 12


def clinical_pair(text: str, start: int, end: int, order: _DayOrder | None = None) -> bool:
    """Whether the bare pair ``text[start:end]`` ("3/12") is a clinical value, not a date (see the
    module's docstring)."""
    pair = _PAIR.fullmatch(text, start, end)
    if pair is None:
        return _SECTION.fullmatch(text, start, end) is not None and bool(
            _SECTION_BEFORE.search(_line_before(text, start))
        )
    a, b = int(pair.group(1)), int(pair.group(2))
    before = _line_before(text, start)
    if _DATE_CUE_BEFORE.search(before) or _EVENT_CUE_BEFORE.search(before):
        return False  # "on 3/12", "Next review 9/12", "BP taken on 12/8"
    if _blood_pressure(text, start, a, b):
        return True  # "BP 12/8 at 09:00", "TA 14/9 puis 13/8"
    order = order or _DayOrder(text)
    if _duration(text, start, end, a, b, order):
        return True
    if _TIME_AFTER.match(text, end) or _NAME_AFTER.match(text, end):
        # "2/24 at 10:00": a time makes it a date, whatever the order; "4/17 Kookaburra" is a
        # flat and a house on a street, which the street's reading may want.
        return False
    if _DONE_BEFORE.search(before):
        return False  # "Seen 2/24 by cardiology": a day written in the other order (review61q)
    return _no_date_in_order(order, a, b)


def without_clinical_pairs(text: str, candidates: Iterable[Redaction]) -> Iterator[Redaction]:
    """``candidates`` without the dates that are a bare pair read as a clinical value."""
    order = _DayOrder(text)
    for red in candidates:
        if red.kind == "date" and clinical_pair(text, red.start, red.end, order):
            continue
        yield red
