"""Lengths of time a clinician works out exactly from the passages (round 9 of the precision
audit): the time between two clock times, and the days between two dates of a "from A to B"
the sentence gives."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

from medlocal.rag.checks.passage_facts import PassageFacts
from medlocal.values import Value, is_supported


def clock_difference(
    value: Value, values: Sequence[Value], body: str, cited: Sequence[int], facts: PassageFacts
) -> bool:
    """Whether ``value``, a length of time in minutes or hours, is the exact time between two
    clock times of the cited passages, the later after the earlier on the same day ("given at
    11:04, 84 minutes after" a last-known-well time of 09:40; "ran for three hours and fifteen
    minutes" from "started 14:10, completed 17:25": hours and minutes written together are one
    length). The sentence names one end: a clock time it gives, or the event the passage
    writes before the time ("arrival 08:10" for "after arrival"); the other end is another time
    of that passage, or, where the sentence names two ends, the other one it names (review 34:
    not any two clock times, "35 minutes after arrival" is no gap between two other events)."""
    total = _minutes(value, values, body)
    if total is None or total <= 0:
        return False
    given = {m for v in values if v.kind == "time" for m in [_clock(v)] if m is not None}
    # Either way round: a passage that does not say how it writes dates reads "11/03" as 3 Nov.
    days = {d for v in values if v.kind == "date" for d in (v.canonical, _swapped(v.canonical))}
    words = _event_words(body)
    times: list[tuple[int, int, bool]] = []  # (passage, minutes, named by the sentence)
    for n in cited:
        text = facts.text([n])
        # A date the sentence gives, written right before the time ("started 11/03/2025 14:10").
        dated = {
            v.start + len(v.raw)
            for v in facts.values(n)
            if v.kind == "date" and v.canonical in days
        }
        for v in facts.values(n):
            minutes = _clock(v) if v.kind == "time" else None
            if minutes is not None:
                named = (
                    minutes in given
                    or any(0 <= v.start - end <= 3 for end in dated)
                    or _names_event(words, _event_before(text, v.start))
                )
                times.append((n, minutes, named))
    ends = {m for _, m, named in times if named}
    if len(ends) >= 2:
        return any(b - a == total for a in ends for b in ends)
    return any(
        abs(b - a) == total for n, a, named in times if named for other, b, _ in times if other == n
    )


def _swapped(day: str) -> str:
    """A full date with its day and month exchanged ("2025-03-11" -> "2025-11-03")."""
    parts = day.split("-")
    return f"{parts[0]}-{parts[2]}-{parts[1]}" if len(parts) == 3 and len(day) == 10 else day


def _event_before(text: str, at: int) -> set[str]:
    """The words that name what happened at the clock time at offset ``at`` of a passage: up to
    three words before it in its sentence, back to a number or another time ("patient arrival
    08:10", "Platelets: started 09:20"; not "paracetamol 1 g at 06:00", a dose's time)."""
    segment = re.split(r"[.;]\s|\n", text[max(0, at - 80) : at])[-1]
    found: set[str] = set()
    for token in reversed(_TOKEN.findall(segment)):
        if "/" in token and len(found) == 0:
            continue  # the time's date: "ED TRIAGE - 11/08/2025 21:47"
        if token[0].isdigit() or len(found) == 3:
            break
        word = token.lower()
        if len(word) >= 3 and word not in _NOT_EVENTS:
            found.add(word)
    return found


def _event_words(body: str) -> set[str]:
    return {w.lower() for w in _TOKEN.findall(body) if w[0].isalpha() and len(w) >= 3}


# An emergency department's triage or door time is the patient's arrival.
_ARRIVAL = frozenset({"arrival", "arrived", "arrive", "arrives", "triage", "triaged", "door"})


def _names_event(words: set[str], event: set[str]) -> bool:
    """Whether the sentence's words name the event: a word of it, or one with its first five
    letters ("arrived" for "arrival")."""
    if event & _ARRIVAL and words & _ARRIVAL:
        return True
    return any(w in words or (len(w) >= 5 and any(o[:5] == w[:5] for o in words)) for w in event)


_TOKEN = re.compile(r"[^\W\d_]+|\d[\d:.,/]*")  # accented letters too
_NOT_EVENTS = frozenset(
    {"and", "the", "was", "were", "for", "with", "from", "then", "time", "hrs", "until"}
)


def _minutes(value: Value, values: Sequence[Value], body: str) -> Decimal | None:
    """``value``'s length in minutes, with the minutes written after its hours ("3 hours and
    15 minutes") or the hours before its minutes; None for no length in minutes or hours."""
    if value.kind != "number" or value.unit not in _TO_MINUTES or not value.canonical.isdigit():
        return None
    index = values.index(value)
    hours, minutes = None, None
    if value.unit == "h":
        hours = value
        following = values[index + 1] if index + 1 < len(values) else None
        if following is not None and following.unit == "min" and _joined(body, value, following):
            minutes = following
    else:
        minutes = value
        before = values[index - 1] if index > 0 else None
        if before is not None and before.unit == "h" and _joined(body, before, value):
            hours = before
    total = Decimal(0)
    for part in (hours, minutes):
        if part is not None:
            if not part.canonical.isdigit():
                return None
            total += Decimal(part.canonical) * _TO_MINUTES[part.unit or ""]
    return total


def _joined(body: str, first: Value, second: Value) -> bool:
    return (
        _HOURS_AND_MINUTES.fullmatch(body, first.start + len(first.raw), second.start) is not None
    )


_TO_MINUTES = {"min": Decimal(1), "h": Decimal(60)}
_HOURS_AND_MINUTES = re.compile(r",?\s*(?:and\s+)?")


def _clock(value: Value) -> int | None:
    hours, _, minutes = value.canonical.partition(":")
    return int(hours) * 60 + int(minutes) if hours.isdigit() and minutes.isdigit() else None


def span_of_its_dates(
    value: Value, values: Sequence[Value], body: str, evidence: Sequence[Value]
) -> bool:
    """Whether ``value``, a number of days or weeks, is the span of a "from A to B" or "between
    A and B" of its clause, both days confirmed by the cited passages ("on leave for 49 days,
    from 2 June to 20 July 2025" for "MC: 2 Jun 2025 to 20 Jul 2025"). It is counted without
    the first day, or with both where the sentence says "inclusive" or speaks of leave, which is
    counted so (review 34: not any two dates of the sentence, "an 8-day course" started 3 March
    with a review on 10 March is no span). A day without its year takes the other's year."""
    if value.kind != "number" or value.unit not in ("day", "week") or not value.canonical.isdigit():
        return False
    wanted = int(value.canonical) * (7 if value.unit == "week" else 1)
    both_days = _COUNTED_WITH_BOTH_DAYS.search(body) is not None
    days = [v for v in values if v.kind == "date" and is_supported(v, list(evidence))]
    full = [_day(v.canonical) for v in days]
    years = {d.year for d in full if d is not None}
    for a, b in pairwise(days):
        if _one_span(body, value, a, b):
            for first, last in _dated(a.canonical, b.canonical, years):
                span = (last - first).days
                if span > 0 and (wanted == span or (both_days and wanted == span + 1)):
                    return True
        elif _counted_after(body, value, a, b):
            # "reported on 17 February 2025, four weeks after ... received on 20 January":
            # the first day is the later one (round 10).
            later, earlier = _day_of(a, years), _day_of(b, years)
            if later is not None and earlier is not None and (later - earlier).days == wanted:
                return True
        elif _counted_later(body, value, b):
            # "received Tdap on 9 June 2025 and her next visit is on 23 June 2025, two weeks
            # later": counted from the day before it.
            earlier, later = _day_of(a, years), _day_of(b, years)
            if later is not None and earlier is not None and (later - earlier).days == wanted:
                return True
    return False


def later_than_its_date(
    value: Value, values: Sequence[Value], body: str, evidence: Sequence[Value]
) -> bool:
    """Whether ``value``, a number of days or weeks with "later" after it, counts from the
    sentence's last day before it (confirmed by the cited passages, none other between) to a
    day the cited passages write: "She broke her left wrist on 12 May 2025 and had it fixed
    with a plate two days later" against "fracture 12/05/2025; ORIF 14/05/2025" (heldout12)."""
    if value.kind != "number" or value.unit not in ("day", "week") or not value.canonical.isdigit():
        return False
    if _LATER.match(body, value.start + len(value.raw)) is None:
        return False
    before = [v for v in values if v.kind == "date" and v.start < value.start]
    if not before or not is_supported(before[-1], list(evidence)):
        return False
    start = _day(before[-1].canonical)
    if start is None:
        return False
    wanted = int(value.canonical) * (7 if value.unit == "week" else 1)
    try:
        target = (start + timedelta(days=wanted)).isoformat()
    except OverflowError:  # "3000000 days later" runs past year 9999: no day a passage gives
        return False
    return any(v.kind == "date" and target in (v.canonical, v.alt) for v in evidence)


def _counted_later(body: str, count: Value, b: Value) -> bool:
    """Whether ``count`` stands right after the day ``b`` with "later" after it ("on 23 June
    2025, two weeks later")."""
    b_end, count_end = b.start + len(b.raw), count.start + len(count.raw)
    return (
        b_end <= count.start
        and _RIGHT_AFTER.fullmatch(body, b_end, count.start) is not None
        and _LATER.match(body, count_end) is not None
    )


def _counted_after(body: str, count: Value, a: Value, b: Value) -> bool:
    """Whether ``count`` stands right after the day ``a`` ("on 17 February 2025, four weeks
    after") and ``b`` ends the clause its "after" opens, with nothing but words between."""
    a_end, count_end = a.start + len(a.raw), count.start + len(count.raw)
    if not a_end <= count.start < b.start or not _RIGHT_AFTER.fullmatch(body, a_end, count.start):
        return False
    after = _AFTER.match(body, count_end)
    return after is not None and not re.search(r"[.;,]|\d", body[after.end() : b.start])


def _day_of(value: Value, years: set[int]) -> date | None:
    """A day of the sentence as a date, a day without its year given the sentence's one year."""
    if value.canonical.startswith("--") and len(years) == 1:
        return _day(value.canonical.replace("--", f"{next(iter(years)):04d}-", 1))
    return _day(value.canonical)


_RIGHT_AFTER = re.compile(r"\s*,?\s*(?:that is\s+|which is\s+)?")
_AFTER = re.compile(r"\s+after\b", re.IGNORECASE)
_LATER = re.compile(r"\s+later\b", re.IGNORECASE)


def _one_span(body: str, count: Value, a: Value, b: Value) -> bool:
    """Whether ``a`` and ``b`` are the two ends of one "from A to B" or "between A and B" and
    ``count`` stands in the same clause, right before the phrase or right after it."""
    a_end, b_end = a.start + len(a.raw), b.start + len(b.raw)
    if _SPAN_OPENS.search(body, 0, a.start) is None:
        return False
    if _SPAN_JOINS.fullmatch(body, a_end, b.start) is None:
        return False
    count_end = count.start + len(count.raw)
    if count_end <= a.start:
        between = body[count_end : a.start]
    elif count.start >= b_end:
        between = body[b_end : count.start]
    else:
        return False
    return len(between) <= 40 and not re.search(r"[.;]|\d", between)


_SPAN_OPENS = re.compile(r"\b(?:from|between)\s+(?:the\s+)?$", re.I)
_SPAN_JOINS = re.compile(r"\s*(?:to|until|till|through|and|-|–)\s*(?:the\s+)?", re.I)
_COUNTED_WITH_BOTH_DAYS = re.compile(
    r"\binclusive\b|\bleave\b|\bcertificate\b|\bcertified\b|\b(?:fit|sick)\s+note\b", re.I
)


def _day(canonical: str) -> date | None:
    try:
        return date.fromisoformat(canonical) if len(canonical) == 10 else None
    except ValueError:
        return None


def _dated(a: str, b: str, years: set[int]) -> list[tuple[date, date]]:
    """The two days as dates, a day without its year ("--06-02") given each year the sentence's
    full dates name; nothing for a month or a year alone."""
    pairs = []
    for year in years or {0}:
        first = _day(a.replace("--", f"{year:04d}-", 1)) if a.startswith("--") and year else _day(a)
        last = _day(b.replace("--", f"{year:04d}-", 1)) if b.startswith("--") and year else _day(b)
        if first is not None and last is not None:
            pairs.append((min(first, last), max(first, last)))
    return pairs
