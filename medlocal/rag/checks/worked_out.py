"""Numbers a clinician works out exactly from the sentence's own values, each of which is checked
in its own right: a change as a percentage of where it started ("fell from 34 mg/L to 22 mg/L, a
fall of about 35%") and a day's total of a dose given with its regimen ("1,000 mg twice daily,
which is 2 g a day"). Round 10 of the grounding precision audit: the passages leave these to be
worked out, so no passage holds them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from medlocal.rag.checks.arithmetic import amount_of, difference, written_places
from medlocal.rag.frequency import Frequency
from medlocal.values import Value, is_dose, is_supported


def percent_change(
    value: Value, values: Sequence[Value], body: str, evidence: Sequence[Value]
) -> bool:
    """Whether ``value``, a percentage, is a change the sentence gives as a percentage of where
    it started, rounded to the places the sentence writes: between two values of the sentence
    in one unit, written first to last ("rose from 54 kg to 57.5 kg, a gain of about 6.5%"), or
    a change the sentence names with the value it led to ("weighed 2,010 g, a loss of 140 g or
    about 6.5%": 140 of 2,150). Both values must be confirmed by the cited passages (the change
    may be the exact difference arithmetic.difference confirms); any other
    ratio (a value over a value, a percentage of a third number) is not read."""
    if value.kind != "number" or value.unit != "%" or not value.canonical[:1].isdigit():
        return False
    try:
        target = Decimal(value.canonical)
    except ArithmeticError:
        return False
    places = written_places(value)
    given = [
        (v, found)
        for v in values
        if v.start < value.start
        and v.unit != "%"
        and (is_supported(v, list(evidence)) or difference(v, values, evidence))
        for found in [amount_of(v)]
        if found is not None
    ]
    starts: list[tuple[Decimal, Decimal]] = []  # (the change, where it started)
    for i, (_, (first, unit)) in enumerate(given):
        for later, (second, other_unit) in given[i + 1 :]:
            if unit != other_unit:
                continue
            named = _CHANGE_NAMED.search(_before(body, values, later))
            if named is None:
                starts.append((abs(first - second), first))
            else:
                # "<value>, a loss of <change>": the value the change led to.
                sign = 1 if named.group(1).lower() in _FALLS else -1
                starts.append((second, first + sign * second))
    for change, start in starts:
        if start <= 0 or change == 0:
            continue
        try:
            if (change * 100 / start).quantize(places, rounding=ROUND_HALF_UP) == target:
                return True
        except ArithmeticError:
            continue
    return False


def _before(body: str, values: Sequence[Value], value: Value) -> str:
    """The words right before ``value`` back to the value before it: where a change is named."""
    earlier = [v.start + len(v.raw) for v in values if v.start + len(v.raw) <= value.start]
    return body[max(earlier, default=0) : value.start]


_FALLS = frozenset({"loss", "fall", "drop", "decrease", "reduction", "decline"})
_CHANGE_NAMED = re.compile(
    r"^[,;]?\s*(?:an?\s+)?(loss|fall|drop|decrease|reduction|decline|gain|rise|increase)\s+of"
    r"\s+(?:about\s+|around\s+|roughly\s+|some\s+)?$",
    re.IGNORECASE,
)


def day_totals(
    body: str, values: Sequence[Value], regimens: Sequence[Frequency]
) -> list[tuple[Value, Frequency]]:
    """The values of ``body`` given as a day's total ("2 g a day", "200 mg per day") that are a
    dose written before them times the tablets written with it ("two tablets") times the doses
    a day of a regimen written between the dose and the total ("twice daily", "every 6 hours"):
    exact products of the sentence's own words. Each comes with its "a day", which is no regimen
    of the drug."""
    found: list[tuple[Value, Frequency]] = []
    for total, per in _totals(body, values, regimens):
        amount = amount_of(total)
        if amount is None:
            continue
        for regimen in regimens:
            if regimen is per or regimen.per_day is None or regimen.end > total.start:
                continue
            low, high = regimen.per_day
            doses = [
                v
                for v in values
                if is_dose(v) and v.unit != "tab" and v.start + len(v.raw) <= regimen.start
            ]
            if low != high or low.denominator != 1 or not doses:
                continue
            dose = doses[-1]
            each = amount_of(dose)
            if each is None or each[1] != amount[1]:
                continue
            tablets = [
                Decimal(v.canonical)
                for v in values
                if v.unit == "tab" and dose.start < v.start < regimen.start
            ]
            count = tablets[-1] if tablets else Decimal(1)
            if each[0] * count * low.numerator == amount[0]:
                found.append((total, per))
                break
    return found


def _totals(
    body: str, values: Sequence[Value], regimens: Sequence[Frequency]
) -> list[tuple[Value, Frequency]]:
    """Each dose followed right away by a once-a-day regimen ("2 g a day"), with that regimen."""
    pairs: list[tuple[Value, Frequency]] = []
    for regimen in regimens:
        if regimen.per_day != (_ONCE, _ONCE) or not _A_DAY.fullmatch(regimen.raw):
            continue
        for v in values:
            end = v.start + len(v.raw)
            if is_dose(v) and end <= regimen.start and not body[end : regimen.start].strip():
                pairs.append((v, regimen))
    return pairs


_ONCE = Fraction(1)
_A_DAY = re.compile(r"(?:a|per|each)\s+day|daily", re.IGNORECASE)


def course_total(value: Value, values: Sequence[Value], body: str) -> bool:
    """Whether ``value``, given as a total ("160 g in total", "which is 36 sessions"), is an
    amount the sentence gives a day or a week times the days or weeks it gives: "32 g a day ...
    for five days ... 160 g in total", "three sessions a week for 12 weeks, which is 36
    sessions". The amount and the length are checked in their own right."""
    end = value.start + len(value.raw)
    if value.kind != "number" or not (
        _TOTAL_AFTER.match(body, end) or _TOTAL_BEFORE.search(body, 0, value.start)
    ):
        return False
    total = amount_of(value, unit_needed=False)
    if total is None:
        return False
    for rate in values:
        if rate is value or rate.start > value.start:
            continue
        per = _PER_PERIOD.match(body, rate.start + len(rate.raw))
        each = amount_of(rate, unit_needed=False)
        if per is None or each is None or each[1] != total[1]:
            continue
        period = "day" if (per.group(1) or per.group(2)).lower() in ("day", "daily") else "week"
        if any(
            length.unit == period
            and length.canonical.isdigit()
            and each[0] * int(length.canonical) == total[0]
            for length in values
        ):
            return True
    return False


_TOTAL_AFTER = re.compile(r"\s*(?:[a-z]+\s+)?(?:in\s+total|in\s+all|altogether)\b", re.I)
_TOTAL_BEFORE = re.compile(r"\b(?:which\s+is|that\s+is|a\s+total\s+of)\s+$", re.I)
_PER_PERIOD = re.compile(
    r"\s*(?:[a-z]+\s+)?(?:(?:a|per|each)\s+(day|week)\b|(daily|weekly)\b)", re.I
)
