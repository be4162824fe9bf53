"""Time points as notes write them: named ones ("on admission", "the latest"), hours after a start
("1 h 10.9", "4 at 24 hours") and dates; rag/binding.py gives each value the one it takes."""

from __future__ import annotations

import re
from typing import NamedTuple

from medlocal.measured_things import alternatives, phrase_key
from medlocal.values import Value

_TIMEPOINTS: dict[str, tuple[str, ...]] = {
    "admission": ("on admission", "at admission", "admission", "admitted", "on arrival",
                  "at presentation", "initially"),
    "discharge": ("at discharge", "on discharge", "discharge", "discharged", "at the end"),
    "today": ("today", "this morning"),
    # The newest value, whatever its date: "her most recent HbA1c was 8.1%" quotes a value
    # dated 28/02/2025 rightly (walk 25 read it as "today" and flagged it misattributed).
    "latest": ("latest", "most recent", "most recently", "last", "newest", "currently",
               "current", "now"),
    # "previous LVEF 45%" in an echo report is the earlier study's value, not this one's (walk
    # 52a M3: an answer gave it as the March study's). "last" stays "latest" ("her last HbA1c").
    "before": ("before surgery", "preoperative", "preoperatively", "pre-op", "previously",
               "before treatment", "at baseline", "baseline", "previous", "prior", "last time",
               "old"),
    "after": ("after surgery", "postoperative", "postoperatively", "post-op"),
    "fasting": ("fasting",),
}  # fmt: skip
_TIMEPOINT = re.compile(
    r"(?<![A-Za-z])(" + alternatives([s for v in _TIMEPOINTS.values() for s in v]) + r")"
    r"(?![A-Za-z])",
    re.I,
)
_TIMEPOINT_OF = {s: k for k, v in _TIMEPOINTS.items() for s in v}
# An age's "old" ("a 78-year-old", "3 months old") and "prior to" (a time before an event,
# which the words after it name) are no time points of their own.
_AGE_BEFORE = re.compile(r"(?:year|yr|month|week|day)s?[\s-]*$", re.I)
_TO_AFTER = re.compile(r"\s+to\b", re.I)
BOUND_KINDS = frozenset({"number", "ratio"})
# A period's start: "on levetiracetam 750 mg since 11/2023" dates no value.
_SINCE = re.compile(r"\bsince\s+$", re.I)


class Point(NamedTuple):
    start: int
    end: int
    key: str  # a named time point ("admission"), or a date's canonical form
    alt: str | None = None  # a date's other reading, where the text may write the day first


# Hours or minutes after a start that label the result after them, as a glucose tolerance test,
# a Synacthen test or serial troponins are written: "fasting 5.6, 1 h 10.9, 2 h 9.1", "a 1-hour
# value of 10.9", "0 h 42 ng/L, 1 h 88 ng/L", "cortisol 30 min 550", "glucose at 120 minutes was
# 6.0". Hour 0 is the presentation's value. A duration ("over 46 h", "36 h of pain", "q4h", "L/24
# h", "for 30 minutes") labels nothing: no number follows it in its clause, or a duration's word
# comes before it. Nor does one that ends its sentence: "separated by 4 h. 3) INR 3.6" (a list's
# number follows).
# A count in words as notes write a short wait: "104/62 after three minutes of standing".
_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10,
           "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "sixty": 60,
           "ninety": 90}  # fmt: skip
_ELAPSED = (
    r"(?P<count>\d{1,3}|" + "|".join(_COUNTS) + r")\s?-?\s?"
    r"(?P<unit>h|hr|hrs|hours?|min|mins|minutes?|minuten|minuti|minutos|stunden?|std|heures?"
    r"|horas?|ore|uur)\b"
)
# Minutes' units start with "m"; every other unit above is hours.
_MINUTE_UNIT = "m"
_HOUR_LABEL = re.compile(
    r"(?<![\d./])\b" + _ELAPSED + r"(?=[^\d;,().]{0,30}?[<>≤≥]?\d)",
    re.I,
)
# A deadline ("within 48 h", "by 6 hours") no more labels a result than a duration does, nor
# does a bound on one: "used for at least four hours on 26 of 30 nights" or "≥ 4 h on 26 nights"
# is how long, not when (read as hour 4's, a right "87% of nights" over "Days used >= 4 h: 26/30
# (87%)" was flagged misattributed).
_DURATION_BEFORE = re.compile(
    r"(?:\b(?:over|for|lasting|every|each|per|q|x|last(?:ed|s)?|took|infused|within|by|binnen)"
    r"(?:\s+(?:at\s+(?:least|most)|up\s+to|more\s+than|less\s+than|about|around))?"
    r"|\b(?:at\s+(?:least|most)|more\s+than|less\s+than|fewer\s+than|longer\s+than"
    r"|shorter\s+than|up\s+to)|[<>≤≥]=?)\s*$",
    re.I,
)
_PRESENTATION = "admission"


def elapsed_key(minutes: float) -> str:
    """A time after a start as a time point's key: "admission" for the start (hour 0 is the
    presentation's value), "hour 02" for whole hours up to 99 (so "120 minutes" is "2 hours"),
    "minute 000030" for others: each of one width, so that no key is a prefix of another
    (``bound_comparison`` lets a prefix match)."""
    if minutes == 0:
        return _PRESENTATION
    if minutes % 60 == 0 and minutes < 100 * 60:
        return f"hour {int(minutes // 60):02d}"
    return f"minute {round(minutes):06d}"


def _elapsed(m: re.Match[str]) -> str:
    written = m.group("count").lower()
    count = _COUNTS[written] if written in _COUNTS else int(written)
    return elapsed_key(count if m.group("unit").lower().startswith(_MINUTE_UNIT) else 60 * count)


# A time after a start written after the value it dates: "had fallen to 4 at 24 hours after
# thrombolysis" is hour 24's 4, as "NIHSS at 24 h: 4" is (round 9 of the precision audit);
# "lactate 1.8 after 2 h of fluids", "550 nmol/L at 30 min". A deadline dates nothing: "rose
# to 180 within 48 hours", "fell to 1.8 by 6 hours" say the value came at that time or before
# it (review59c: read as hour 48's, a right "180 within 48 hours" over "180 on day 3" and
# "1.8 by 6 hours" over "1.8 after 2 h" were flagged misattributed).
_HOUR_AFTER_VALUE = re.compile(
    r"\s+(?:at|after|nach|bei|après|à|tras|a\s+las|a\s+los|dopo|a|na)\s+"
    + _ELAPSED
    + r"(?!\s*(?:later|apart|earlier))",
    re.I,
)


def _hours_after_values(text: str, values: list[Value]) -> list[Point]:
    """The hour points written right after a result ("4 at 24 hours")."""
    points = []
    for value in values:
        if value.kind not in BOUND_KINDS:
            continue
        m = _HOUR_AFTER_VALUE.match(text, value.start + len(value.raw))
        if m is not None:
            points.append(Point(m.start("count"), m.end(), _elapsed(m)))
    return points


def hour_labels(text: str, values: list[Value]) -> list[Point]:
    """The hour (or minute) labels of ``text`` whose next value is a result, not a date
    ("3-hour OGTT 06/10/2024" names the test). Keyed "hour 01", "minute 000030" and so on
    (``elapsed_key``): no date, and no key a prefix of another."""
    points = []
    for m in _HOUR_LABEL.finditer(text):
        after = [v for v in values if v.start >= m.end()]
        if not after or min(after, key=lambda v: v.start).kind not in BOUND_KINDS:
            continue
        if _DURATION_BEFORE.search(text, max(m.start() - 24, 0), m.start()):
            continue
        points.append(Point(m.start(), m.end(), _elapsed(m)))
    return points


# A year in brackets right after a value dates it: "previous LVEF 45% (2025)".
_BRACKET_YEAR = re.compile(r"\s*\(\s*(?P<year>(?:19|20)\d\d)\s*\)")


def bracket_years(text: str, values: list[Value]) -> list[Point]:
    """The years written in brackets right after a result ("45% (2025)"), each keyed by the
    year as a date's canonical form: the value's time point, not a number of its own."""
    points = []
    for value in values:
        if value.kind not in BOUND_KINDS:
            continue
        m = _BRACKET_YEAR.match(text, value.start + len(value.raw))
        if m is not None:
            points.append(Point(m.start("year"), m.end("year"), m.group("year")))
    return points


# A year that dates the clause it is in: "HbA1c was 58 in 2023", "during 2022 her weight was
# 80" (a header of years heads a cumulative report's columns, value_tables.py). "since 2023"
# starts a period (``_SINCE``); "2023" alone, or after another word, is left a number.
_PROSE_YEAR = re.compile(
    r"\b(?:in|during|throughout|im(?:\s+jahr)?|en|nel|durante|während)\s+"
    r"(?:(?:early|mid|late)[\s-]+)?(?P<year>(?:19|20)\d\d)\b(?![\d:-]|[./]\d)"
    # Nor one of a list of years: "in 2022 and 2023 was 62 and 58" dates each value by its own
    # (review59c: 58 was read as 2022's and flagged).
    r"(?!\s*(?:,|&|/|–|\band\b|\bor\b|\bto\b)\s*(?:19|20)\d\d\b)"
    # Also as a label before its result ("HbA1c 2023: 58") or a word ("the 2023 HbA1c").
    r"|(?<![\d/.-])(?P<labelled>(?:19|20)\d\d)[ \t]*:[ \t]+(?=[<>≤≥]?\d)"
    r"|\bthe\s+(?P<attributive>(?:19|20)\d\d)\s+(?=[A-Za-z])",
    re.I,
)


def prose_years(text: str, values: list[Value]) -> list[Point]:
    """The years of ``text`` that date a clause ("in 2023", "2023: 58", "the 2023 HbA1c"), keyed
    by the year as a date's canonical form: a bare number, not a quantity ("in 2000 mL")."""
    bare = {v.start for v in values if v.kind == "number" and v.unit is None}
    points = []
    for m in _PROSE_YEAR.finditer(text):
        group = next(g for g in ("year", "labelled", "attributive") if m.group(g) is not None)
        if m.start(group) in bare:
            points.append(Point(m.start(group), m.end(group), m.group(group)))
    return points


def elapsed_labels(text: str, values: list[Value]) -> list[Point]:
    """The times after a start that label a result before or after them ("1 h 10.9", "45 ng/L
    at 3 hours"), each at its number's offset."""
    return [*hour_labels(text, values), *_hours_after_values(text, values)]


def time_labels(text: str, values: list[Value]) -> list[tuple[int, int]]:
    """The spans of ``text`` whose numbers name a time point, not a result: an hour's or a
    minute's label before a result ("1 h 10.9", "at 120 minutes was 6.0") or after it ("45 ng/L
    at 3 hours"), a result's year in brackets ("45% (2025)") and a clause's year ("in 2023")."""
    points = (
        *elapsed_labels(text, values),
        *bracket_years(text, values),
        *prose_years(text, values),
    )
    return [(p.start, p.end) for p in points]


def _is_point(text: str, m: re.Match[str]) -> bool:
    word = m.group().lower()
    if word == "old":
        return _AGE_BEFORE.search(text, 0, m.start()) is None
    if word == "prior":
        return _TO_AFTER.match(text, m.end()) is None
    return True


def timepoints(text: str, values: list[Value]) -> list[Point]:
    points = [
        Point(m.start(), m.end(), _TIMEPOINT_OF[phrase_key(m.group())])
        for m in _TIMEPOINT.finditer(text)
        if _is_point(text, m)
    ]
    points += bracket_years(text, values)
    points += prose_years(text, values)
    points += hour_labels(text, values)
    points += _hours_after_values(text, values)
    points += [
        Point(v.start, v.start + len(v.raw), v.canonical, v.alt) for v in values if v.kind == "date"
    ]
    return sorted(p for p in points if not _SINCE.search(text, 0, p.start))
