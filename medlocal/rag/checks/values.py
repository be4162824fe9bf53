"""Numbers and values: each must appear in the cited passages, bound as the passages bind it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from itertools import pairwise

from medlocal.rag.binding import (
    UNIT_TOKEN,
    Bound,
    bind,
    compatible,
    describe,
    measures_before,
)
from medlocal.rag.checks.elsewhere import Elsewhere
from medlocal.rag.checks.misattributed import (
    check_latest,
    check_time_point,
    named_by_its_measure,
    what_differs,
)
from medlocal.rag.checks.passage_facts import PassageFacts
from medlocal.rag.checks.regimens import WrongRegimen, regimen_spans
from medlocal.rag.checks.sentence_flags import SentenceCheck, absent, quoted
from medlocal.rag.checks.table_layout import TableLayout
from medlocal.rag.checks.units import (
    a_rate_of,
    body_weights,
    equal_for_measure,
    other_unit,
    per_weight_product,
    unit_text,
)
from medlocal.rag.frequency import frequencies
from medlocal.values import (
    Value,
    canonical_unit,
    extract_values,
    is_supported,
    quantity,
    same_value,
)


def check_values(
    check: SentenceCheck,
    body: str,
    cited: list[int],
    facts: PassageFacts,
    wrong_regimens: Sequence[WrongRegimen],
    elsewhere: Elsewhere,
) -> None:
    evidence_values = [v for n in cited for v in facts.values(n)]
    evidence_text = facts.text(cited)
    day_first = facts.sentence_day_first(body, cited)
    bound = {b.value.start: b for b in bind(body, day_first)}
    evidence_bound = [(n, b) for n in cited for b in facts.bound(n)]
    # A number inside a regimen ("every 12 hours", "q12h") is confirmed by the same regimen in
    # any wording ("BD", "twice daily"); one in a regimen found wrong for its drug is flagged
    # once, as that regimen.
    evidence_regimens = [f for n in cited for f in facts.frequencies(n)]
    settled = [
        span
        for f in frequencies(body)
        if any(f.same(e) for e in evidence_regimens)
        for span in regimen_spans(f)
    ] + [span for f, _, _, _, _ in wrong_regimens for span in regimen_spans(f)]
    values = extract_values(body, day_first)
    weights = [
        *(w for n in cited for w in body_weights(facts.text([n]), facts.values(n))),
        *(w for w in body_weights(body, values) if is_supported(w, evidence_values)),
    ]
    for value in values:
        if any(start <= value.start < end for start, end in settled):
            continue
        if (
            not is_supported(value, evidence_values)
            and not _difference(value, values, evidence_values)
            and not per_weight_product(value, evidence_values, weights)
            and not _clock_difference(value, values, body, cited, facts)
            and not _span_of_its_dates(value, values, body, evidence_values)
            and not _converted_temperature(value, evidence_values)
            and not _part_of_blood_pressure(
                value, bound.get(value.start), body, evidence_bound, facts
            )
        ):
            if equal_for_measure(value, bound.get(value.start), evidence_bound):
                continue
            in_other_unit = other_unit(value, bound.get(value.start), evidence_bound)
            if in_other_unit is not None:
                n, other = in_other_unit
                if a_rate_of(value, other.value, body):
                    continue
                check.add(
                    "unverified_number",
                    value.raw,
                    f"'{value.raw}': the cited passage gives {other.value.canonical} in"
                    f" {unit_text(other.value)}"
                    + (f" ({_measure(other)})" if other.attribute else ""),
                    value.start,
                    quote=quoted(other.sentence),
                    passage=n,
                )
                continue
            if _unsure_absence(value, values, evidence_text):
                continue
            dates = [v.canonical for v in values if v.kind == "date"]
            if any(
                _unit_of_its_table(value, body, facts.layout(n), dates, facts.day_first(n))
                for n in cited
            ) and _fits_a_bare_cell(value, bound.get(value.start), evidence_bound):
                continue
            where = elsewhere.value(value, body)
            check.add(
                "unverified_number",
                value.raw,
                absent(f"{value.kind} '{value.raw}'", "does not appear in", cited) + where.said,
                value.start,
                quote=where.quote,
                passage=where.passage,
            )
            continue
        mine = bound.get(value.start)
        if mine is None:
            continue
        same = [(n, b) for n, b in evidence_bound if same_value(value, b.value)]
        fitting = [(n, b) for n, b in same if compatible(mine, b)]
        if fitting:
            if not check_time_point(check, value, mine, fitting, evidence_bound):
                check_latest(check, value, mine, fitting, evidence_bound)
            continue
        if not same:
            continue
        if _unit_in_its_table(value, mine, body, same, values, facts):
            continue
        if named_by_its_measure(check, value, mine, same, evidence_bound, cited):
            continue
        if any(_measure_unsure(mine, b) for _, b in same):
            continue
        n, other = same[0]
        what = describe(other)
        claimed = f", not {describe(mine)}" if mine.attribute or mine.timepoint else ""
        if describe(mine) == what:
            # Both sides read alike (walk 29: "a value on 2026-11-08, not a value on
            # 2026-11-08"): say what differs, or claim no misattribution.
            differs = what_differs(mine, other)
            if differs is None:
                continue
            claimed = f", {differs}"
        check.add(
            "misattributed_value",
            value.raw,
            f"'{value.raw}' is in the cited passage, but there it is {what}{claimed}:"
            f' "{quoted(other.sentence)}"',
            value.start,
            quote=quoted(other.sentence),
            passage=n,
        )


# Round 6 of the precision audit (tests/fixtures/grounding_eval/RESULTS.md): a number is
# flagged only where the sentence's reading and the passage's plainly differ (rag/checks/units.py
# for the units); where the passage writes it in a form the value reader takes for something
# else, the check stays silent.
def _unsure_absence(value: Value, values: Sequence[Value], evidence_text: str) -> bool:
    """Whether "does not appear in the cited passages" would be an unsure reading: a number of
    two or more digits the passages write glued to a code ("SVR12"), or as one side of a
    ratio whose other side the sentence gives too ("ACE-III 71/100" as "71 out of 100"; a
    blood pressure's "145/90" is no heart rate of 90), or a number of four or more digits the
    passages write with its thousands set apart by a space, as tables do ("1 240" for
    "1,240"; round 8); or a date, with its year or without ("11 November" for a handover's
    "dressed 11/11"; round 8), whose day and month the passages give without a year ("Tetanus
    toxoid given 10/14")."""
    if value.kind == "number" and len(value.canonical) >= _COMPOUND_DIGITS:
        n = re.escape(value.canonical)
        if _spaced_thousands(value, evidence_text):
            return True
        if re.search(rf"(?<=[A-Za-z]{{2}}){n}(?![\d.])", evidence_text):
            return True
        mine = {v.canonical for v in values if v is not value}
        return any(
            value.canonical in pair and (set(pair) - {value.canonical}) <= mine
            for pair in _RATIO.findall(evidence_text)
        )
    if value.kind == "date":
        parts = value.canonical.removeprefix("-").split("-")
        if len(parts) == 3 and all(p.isdigit() for p in parts[1:]):
            month, day = int(parts[1]), int(parts[2])
            no_year = rf"(?<![\d/.])0?(?:{month}/0?{day}|{day}/0?{month})(?![\d]|[/.]\d)"
            return any(
                not (
                    m.group().split("/")[1].lstrip("0") in ("12", "7")
                    and _DURATION.search(evidence_text, 0, m.start())
                )
                for m in re.finditer(no_year, evidence_text)
            )
    return False


def _spaced_thousands(value: Value, evidence_text: str) -> bool:
    """Whether the passages write the whole number of ``value`` (four or more digits) with its
    thousands set apart by a space: "1 240" (a plain or a narrow no-break space). Not a number
    after a label that counts ("Day 1 250 mL" is day 1's 250 mL; "Bed 2 400", "x 2 500 mg";
    review 33), nor one followed by a unit other than the sentence's."""
    canonical = value.canonical
    if not canonical.isdigit() or len(canonical) < 4 or canonical.startswith("0"):
        return False
    head = canonical[: len(canonical) % 3 or 3]
    rest = canonical[len(head) :]
    groups = [rest[i : i + 3] for i in range(0, len(rest), 3)]
    spaced = r"[ \u202f\u00a0]".join(re.escape(g) for g in [head, *groups])
    for found in re.finditer(rf"(?<![\d.,]){spaced}(?![\d]|[.,]\d)", evidence_text):
        if _COUNTING_LABEL.search(evidence_text, 0, found.start()):
            continue
        probe = extract_values("1" + evidence_text[found.end() : found.end() + 16])
        unit = probe[0].unit if probe and probe[0].start == 0 else None
        if value.unit is not None and unit is not None and unit != value.unit:
            continue
        return True
    return False


# A label whose number counts or names something ("Day 1", "No. 2", "x 2", "bed 3"): a number
# after it is no thousands group of the next.
_COUNTING_LABEL = re.compile(
    r"(?:\b(?:day|days|d|no|nos|number|bed|bay|room|ward|cycle|week|wk|dose|doses|step|grade"
    r"|stage|page|visit|item|tablets?|tabs?|capsules?|caps|level|line|case|patient|pt|x)\.?"
    r"|[×#])\s*$",
    re.I,
)
# "in 3/12", "for 2/52", "x 5/7": months, weeks, days, no day and month (review 33).
_DURATION = re.compile(r"\b(?:in|for|x|over|within|after|every|next)\s*$|×\s*$", re.I)


def _unit_of_its_table(
    value: Value,
    body: str,
    layout: TableLayout,
    dates: Sequence[str] = (),
    day_first: bool | None = None,
) -> bool:
    """Whether a table of ``passage`` gives ``value``'s number bare, with the unit the sentence
    writes after it set in a cell of its own: before the values on the number's row ("HbA1c
    mmol/mol 58 62 - 59", a cumulative report; walk 33) or, in brackets, atop the number's
    column ("UF (L)" over "| 2.3 |"; round 8). The unit is compared as written, read as units
    are ("litres" is "L"). Where the sentence gives a date and the column's row one too, they
    must be the same day (review 33: "On 3 February 1.9 litres" is not the 5 February row's)."""
    if value.kind != "number" or value.unit is None or not value.canonical[:1].isdigit():
        return False
    head = _NUMBER_HEAD.match(value.raw)
    written = _UNIT_WORD.match(body, value.start + (head.end() if head else len(value.raw)))
    unit = canonical_unit(written.group(1)) if written else None
    if unit is None or not any(c.isalpha() for c in unit):
        return False
    # The reader's own unit too: "100 mcg a day" is read as mcg, a row's "mcg/day" says it.
    units = {unit, *([value.unit] if value.unit else []), *_per_period(unit, body, value)}
    for i, at in layout.cells.get(value.canonical, ()):
        line = layout.lines[i]
        row = _ROW_UNIT.search(line[:at])
        if row is not None and canonical_unit(row.group(1)) in units:
            return True
        if not _row_of_its_date(line, dates, day_first):
            continue
        if layout.column_unit(i, at) in units:
            return True
    return False


def _unit_in_its_table(
    value: Value,
    mine: Bound,
    body: str,
    same: Sequence[tuple[int, Bound]],
    values: Sequence[Value],
    facts: PassageFacts,
) -> bool:
    """Whether the passages give ``value``'s number bare only because their table sets its unit
    in a cell of its own (``_unit_of_its_table``): "Ferritin  ug/L  1,840" is 1,840 µg/L, no
    value "given there without a unit" (round 9). Only the unit may differ: with the table's
    unit, the passage's value must fit the sentence's (its measure, time point and side)."""
    if value.unit is None:
        return False
    dates = [v.canonical for v in values if v.kind == "date"]
    # Each passage's table read once, however many of its values have the number.
    passages = {
        n
        for n, b in same
        if b.value.unit is None
        and compatible(mine, replace(b, value=replace(b.value, unit=value.unit)))
    }
    return any(
        _unit_of_its_table(value, body, facts.layout(n), dates, facts.day_first(n))
        for n in sorted(passages)
    )


def _fits_a_bare_cell(
    value: Value, mine: Bound | None, evidence_bound: Sequence[tuple[int, Bound]]
) -> bool:
    """Whether a bare cell of the passages with ``value``'s number, given ``value``'s unit, fits
    the sentence's reading of it (its measure, time point and side): "62 mmol/mol in March
    2025" is not the June column's 62 (round 9, where column dates such as "Mar-25" are read)."""
    cells = [b for _, b in evidence_bound if b.value.canonical == value.canonical]
    if mine is None or not cells:
        return True
    return any(
        compatible(mine, replace(b, value=replace(b.value, unit=value.unit)))
        for b in cells
        if b.value.unit is None
    )


def _per_period(unit: str, body: str, value: Value) -> list[str]:
    """``unit`` per the period the sentence writes in words right after the value: "mcg/day"
    for "100 mcg a day" (a table's row unit "mcg/day"; round 9)."""
    end = value.start + len(value.raw)
    said = _PERIOD_AFTER.match(body, end)
    if said is None:
        return []
    period = said.group(1).lower().rstrip("s")
    return [f"{unit}/{_PERIOD_UNITS[period]}"] if period in _PERIOD_UNITS else []


_PERIOD_AFTER = re.compile(r"\s+(?:a|an|per|each|every)\s+(day|hour|week)s?\b", re.I)
_PERIOD_UNITS = {"day": "day", "hour": "h", "week": "wk"}


def _row_of_its_date(line: str, dates: Sequence[str], day_first: bool | None) -> bool:
    """Whether a table row may be the one the sentence's dates speak of: the sentence gives no
    date, the row none, or the row gives one of them (a date without a year by its day and
    month; either way round where the passage does not say how it writes them)."""
    if not dates:
        return True
    # A passage that does not say which way it writes dates is read both ways.
    orders = [day_first] if day_first is not None else [True, False]
    own = [v.canonical for d in orders for v in extract_values(line, d) if v.kind == "date"]
    if not own:
        return True
    return any(_same_day(a, b) for a in dates for b in own)


def _same_day(a: str, b: str) -> bool:
    if a == b:
        return True
    if a.startswith("--") or b.startswith("--"):
        return a[-6:] == b[-6:] and a[-6:-5] == "-"
    return False


# A row's unit cell: a unit standing before the values, bare or in brackets ("FEV1 (L)  1.12"),
# only figures and dashes after it.
_ROW_UNIT = re.compile(rf"(?:^|\s)\(?({UNIT_TOKEN}?)\)?\s+(?:(?:[<>]?[\d.,]+|-|–)\s+)*$")
_UNIT_WORD = re.compile(rf"\s?({UNIT_TOKEN})")
_NUMBER_HEAD = re.compile(r"^[\d.,]+")


_RATIO = re.compile(r"(?<![\d./])(\d+(?:\.\d+)?)/(\d+(?:\.\d+)?)(?![\d/]|\.\d)")
# A one-digit number stands inside all manner of codes ("T1DM", "x10^9"): never unsure.
_COMPOUND_DIGITS = 2


def _measure_unsure(mine: Bound, other: Bound) -> bool:
    """Whether the passage's value may be of the sentence's measure after all: its clause names
    that measure before it, with another one nearer ("VL 12/07/2024: LDL (<50 copies/mL)",
    read as the LDL; round 7 of the precision audit). Which of the two the value is, no plain
    reading says."""
    if mine.attribute is None or other.attribute in (None, mine.attribute):
        return False
    named = measures_before(other.sentence, other.value)
    return mine.attribute in named and other.attribute in named


def _measure(bound: Bound) -> str:
    return describe(bound).removeprefix("the ")


def _difference(value: Value, values: Sequence[Value], evidence: Sequence[Value]) -> bool:
    """Whether ``value`` is the exact difference of two values in its unit: two other values of
    its sentence, both in the evidence ("fell from 198 lb to 189 lb, a loss of 9 lb"; walk: a
    clinician states the change a note leaves to be worked out), or one of them and a value of
    the cited passages ("her weight had risen to 41.6 kg, a gain of 2.7 kg" from a note that
    gives 38.9 kg at admission and 41.6 kg today: round 7). A number the sentence gives no unit
    ("a loss of 28 pounds": the unit a word the value reader does not read) is the difference
    of two of its sentence's values in one unit."""
    if value.kind != "number" or not value.canonical[:1].isdigit():
        return False
    target = _amount(value, unit_needed=False)
    if target is None:
        return False
    given = [
        found
        for v in values
        if v is not value and is_supported(v, list(evidence))
        for found in [_amount(v)]
        if found is not None
    ]
    if value.unit is None:
        pairs = [(a, b) for i, a in enumerate(given) for b in given[i + 1 :]]
    else:
        unit = quantity(value)[1]
        others = given + [found for v in evidence for found in [_amount(v)] if found is not None]
        pairs = [(a, b) for a in given if a[1] == unit for b in others]
    return any(a[1] == b[1] and abs(a[0] - b[0]) == target[0] for a, b in pairs)


def _amount(value: Value, unit_needed: bool = True) -> tuple[Decimal, str] | None:
    """A number with a unit as (amount, unit) in its dimension's base unit; None for another
    value, a signed or compared one, or (``unit_needed``) one without a unit."""
    if value.kind != "number":
        return None
    amount, unit = quantity(value)
    if not amount[:1].isdigit() or (unit_needed and not unit):
        return None
    try:
        number = Decimal(amount)
    except ArithmeticError:
        return None
    return number, unit or ""


# Round 9 of the precision audit: numbers a clinician works out exactly from the passages.


def _clock_difference(
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


_TOKEN = re.compile(r"[A-Za-z]+|\d[\d:.,/]*")
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


def _converted_temperature(value: Value, evidence: Sequence[Value]) -> bool:
    """Whether ``value``, a temperature in °F or °C, is a temperature of the cited passages in
    the other scale, converted exactly and rounded to the places the sentence writes ("38.9 °C
    (about 102 °F)", "98.4 °F, about 36.9 °C")."""
    if value.kind != "number" or value.unit not in _TEMPERATURE:
        return False
    try:
        mine = Decimal(value.canonical)
    except ArithmeticError:
        return False
    # The places as the sentence writes them: "38.0 °C" is to one place (review 34: the
    # canonical "38" would round 38.28 to 38).
    written = _NUMBER_HEAD.match(value.raw)
    decimals = written.group().partition(".")[2] if written else ""
    places = Decimal(1).scaleb(-len(decimals))
    for other in evidence:
        if other.kind != "number" or other.unit not in _TEMPERATURE or other.unit == value.unit:
            continue
        try:
            theirs = Decimal(other.canonical)
        except ArithmeticError:
            continue
        converted = theirs * 9 / 5 + 32 if value.unit == "°f" else (theirs - 32) * 5 / 9
        try:
            if converted.quantize(places) == mine:
                return True
        except ArithmeticError:
            continue
    return False


_TEMPERATURE = frozenset({"°c", "°f"})


def _part_of_blood_pressure(
    value: Value,
    mine: Bound | None,
    body: str,
    evidence_bound: Sequence[tuple[int, Bound]],
    facts: PassageFacts,
) -> bool:
    """Whether ``value``, a number the sentence gives as a systolic or a diastolic pressure
    (the word before it, no other of the two between), is that side of a blood pressure of the
    cited passages ("systolic ... from 148 lying" from "Lying 148/84") read as the passage reads
    it: the same posture where both give one, and a time point that fits (review 34: "134
    sitting" is not "standing 134/80")."""
    if value.kind != "number" or value.unit not in (None, "mmhg"):
        return False
    said = list(_SIDE_OF_PRESSURE.finditer(body, 0, value.start))
    if not said:
        return False
    side = 0 if said[-1].group().lower() == "systolic" else 1
    posture = _posture(body, value.start, value.start + len(value.raw))
    for n, other in evidence_bound:
        if other.value.kind != "ratio":
            continue
        parts = other.value.canonical.split("/")
        if len(parts) != 2 or parts[side] != value.canonical:
            continue
        start = other.value.start
        theirs = _posture(facts.text([n]), start, start + len(other.value.raw))
        if posture and theirs and posture != theirs:
            continue
        if mine is None or compatible(mine, replace(other, value=mine.value)):
            return True
    return False


def _posture(text: str, start: int, end: int) -> str | None:
    """The posture a reading is taken in, the word right before it ("sitting 162/88",
    "Standing: 134/80", "standing BP 118/70") or, failing that, right after it ("134 sitting")."""
    before = _POSTURE_BEFORE.search(text, 0, start)
    found = before or _POSTURE_AFTER.match(text, end)
    return _POSTURES[found.group(1).lower()] if found else None


_POSTURES = {
    "lying": "lying", "supine": "lying", "sitting": "sitting", "seated": "sitting",
    "standing": "standing", "erect": "standing",
}  # fmt: skip
_POSTURE_BEFORE = re.compile(
    rf"\b({'|'.join(_POSTURES)})(?:\s+(?:BP|blood\s+pressure))?\s*:?\s*$", re.I
)
_POSTURE_AFTER = re.compile(rf"\s+({'|'.join(_POSTURES)})\b", re.I)


_SIDE_OF_PRESSURE = re.compile(r"\b(?:systolic|diastolic)\b", re.I)


def _span_of_its_dates(
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
        if not _one_span(body, value, a, b):
            continue
        for first, last in _dated(a.canonical, b.canonical, years):
            span = (last - first).days
            if span > 0 and (wanted == span or (both_days and wanted == span + 1)):
                return True
    return False


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
