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


# Hours after a start that label the result after them, as a glucose tolerance test or serial
# troponins are written: "fasting 5.6, 1 h 10.9, 2 h 9.1", "a 1-hour value of 10.9", "0 h 42
# ng/L, 1 h 88 ng/L". Hour 0 is the presentation's value. A duration ("over 46 h", "36 h of
# pain", "q4h", "L/24 h") labels nothing: no number follows it in its clause.
# Nor does one that ends its sentence: "separated by 4 h. 3) INR 3.6" (a list's number follows).
_HOUR_LABEL = re.compile(
    r"(?<![\d./])\b(?P<hours>\d{1,2})\s?-?\s?(?:h|hr|hrs|hours?)\b"
    r"(?=[^\d;,().]{0,30}?[<>≤≥]?\d)",
    re.I,
)
_PRESENTATION = "admission"


# Hours after a start written after the value they date: "had fallen to 4 at 24 hours after
# thrombolysis" is hour 24's 4, as "NIHSS at 24 h: 4" is (round 9 of the precision audit).
_HOUR_AFTER_VALUE = re.compile(
    r"\s+at\s+(?P<hours>\d{1,2})\s?-?\s?(?:h|hr|hrs|hours?)\b(?!\s*(?:later|apart|earlier))",
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
            hours = int(m.group("hours"))
            key = _PRESENTATION if hours == 0 else f"hour {hours:02d}"
            points.append(Point(m.start("hours"), m.end(), key))
    return points


def hour_labels(text: str, values: list[Value]) -> list[Point]:
    """The hour labels of ``text`` whose next value is a result, not a date ("3-hour OGTT
    06/10/2024" names the test). Keyed "hour 01" and so on: no date, and no hour a prefix of
    another."""
    points = []
    for m in _HOUR_LABEL.finditer(text):
        after = [v for v in values if v.start >= m.end()]
        if not after or min(after, key=lambda v: v.start).kind not in BOUND_KINDS:
            continue
        hours = int(m.group("hours"))
        points.append(
            Point(m.start(), m.end(), _PRESENTATION if hours == 0 else f"hour {hours:02d}")
        )
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
    points += hour_labels(text, values)
    points += _hours_after_values(text, values)
    points += [
        Point(v.start, v.start + len(v.raw), v.canonical, v.alt) for v in values if v.kind == "date"
    ]
    return sorted(p for p in points if not _SINCE.search(text, 0, p.start))
