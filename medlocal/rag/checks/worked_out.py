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
from itertools import islice

from medlocal.rag.checks.arithmetic import amount_of, difference, written_places
from medlocal.rag.checks.table_units import NUMBER_HEAD
from medlocal.rag.frequency import Frequency
from medlocal.values import Value, is_dose, is_supported


def percent_change(
    value: Value, values: Sequence[Value], body: str, evidence: Sequence[Value]
) -> bool:
    """Whether ``value``, a percentage, is a change the sentence gives as a percentage of where
    it started, rounded to the places the sentence writes: between the two values of one unit
    written right before it in its clause, first to last ("rose from 54 kg to 57.5 kg, a gain
    of about 6.5%"), or a change the sentence names with the value it led to ("weighed 2,010 g,
    a loss of 140 g or about 6.5%": 140 of 2,150). A rounded one says so ("about", "nearly").
    Both values must be confirmed by the cited passages (the change may be the exact difference
    arithmetic.difference confirms); any other ratio (a value over a value, a percentage of a
    third number) is not read."""
    if value.kind != "number" or value.unit != "%" or not value.canonical[:1].isdigit():
        return False
    try:
        target = Decimal(value.canonical)
    except ArithmeticError:
        return False
    places = written_places(value)
    # The change is of the two values right before the percentage, in one clause with it (review
    # 60f: "BNP fell from 800 to 520 ng/L and her ejection fraction is 35%" is no change, nor is
    # a percentage of a third value or of a pair further back). Read back from the percentage,
    # so that a sentence of many values costs no more than its length.
    amounts = (
        (v, found)
        for v in reversed(values)
        if v.start < value.start and v.unit != "%"
        for found in [amount_of(v)]
        if found is not None
    )
    # The pair may stand over a length or a time of its own ("rose from 54 kg to 57.5 kg over
    # the first two months, a gain of about 6.5%"): the nearest value with one before it in its
    # unit, a few values back at most.
    near = list(islice(amounts, _REACH))
    pair = next(
        (
            (later, found, earlier)
            for i, (later, found) in enumerate(near)
            for earlier in [next((e for e in near[i + 1 :] if e[1][1] == found[1]), None)]
            if earlier is not None
        ),
        None,
    )
    if pair is None:
        return False
    later, (second, _), (before, (first, _)) = pair
    if not (_confirmed(later, values, evidence) and _confirmed(before, values, evidence)):
        return False
    between = body[later.start + len(later.raw) : value.start]
    if _NEW_CLAUSE.search(_BETWEEN_DATES.sub(" ", between)):
        return False
    named = _CHANGE_NAMED.search(_before(body, values, later))
    if named is None:
        change, start, fell = abs(first - second), first, second < first
    else:
        # "<value>, a loss of <change>": the value the change led to.
        fell = named.group(1).lower() in _FALLS
        change, start = second, first + (second if fell else -second)
    # A change written the other way is wrong however its size: "fell ..., a rise of 35%".
    said = {w.lower() for w in _DIRECTION.findall(between)}
    if said & (_RISE_WORDS if fell else _FALL_WORDS):
        return False
    if start <= 0 or change == 0:
        return False
    try:
        exact = change * 100 / start
        if exact.quantize(places, rounding=ROUND_HALF_UP) != target:
            return False
    except ArithmeticError:
        return False
    # A percentage rounded is written as one: "a fall of about 35%" for 34.6%, not "35%"
    # (review 60f: the brief's rule for worked-out numbers, exact or rounding stated).
    return exact == target or _ROUNDED.search(between) is not None


def _confirmed(value: Value, values: Sequence[Value], evidence: Sequence[Value]) -> bool:
    """A value the cited passages give, or the exact difference of two (arithmetic.difference)."""
    return is_supported(value, list(evidence)) or difference(value, values, evidence)


def _before(body: str, values: Sequence[Value], value: Value) -> str:
    """The words right before ``value`` back to the value before it: where a change is named."""
    ends = (v.start + len(v.raw) for v in reversed(values) if v.start < value.start)
    return body[max(next(ends, 0), 0) : value.start]


_FALLS = frozenset({"loss", "fall", "drop", "decrease", "reduction", "decline"})
_RISES = frozenset({"gain", "rise", "increase"})
_FALL_WORDS = _FALLS | {"fell", "dropped", "decreased", "reduced", "declined", "down", "lower"}
_RISE_WORDS = _RISES | {"rose", "gained", "increased", "up", "higher"}
_DIRECTION = re.compile(r"[a-z]+", re.IGNORECASE)
_ROUNDED = re.compile(
    r"\b(?:about|around|roughly|approximately|approx|almost|nearly|some|just\s+(?:over|under)"
    r"|over|under|c)\b|~|\u2248",
    re.IGNORECASE,
)
_REACH = 4
# "between February and May 2025" joins two times, not two clauses.
_BETWEEN_DATES = re.compile(r"\bbetween\b[^,;]*?\band\b", re.IGNORECASE)
_NEW_CLAUSE = re.compile(r"[;:]|\b(?:and|but|while|whereas|her|his|their)\b", re.I)
_CHANGE_NAMED = re.compile(
    r"^[,;]?\s*(?:an?\s+)?(" + "|".join(sorted(_FALLS | _RISES)) + r")\s+of"
    r"\s+(?:about\s+|around\s+|roughly\s+|some\s+)?$",
    re.IGNORECASE,
)


def day_totals(
    body: str, values: Sequence[Value], regimens: Sequence[Frequency]
) -> list[tuple[Value, Frequency | None]]:
    """The values of ``body`` given as a day's total ("2 g a day", "200 mg per day") that are a
    dose written before them times the tablets written with it ("two tablets") times the doses
    a day of a regimen written between the dose and the total ("twice daily", "every 6 hours"):
    exact products of the sentence's own words. Each comes with its "a day", which is no regimen
    of the drug (none for a ceiling: "at most 4 g a day" is read as no schedule at all)."""
    found: list[tuple[Value, Frequency | None]] = []
    for total, per in _totals(body, values, regimens):
        amount = amount_of(total)
        if amount is None:
            continue
        for regimen in regimens:
            if regimen is per or regimen.per_day is None or regimen.end > total.start:
                continue
            # Another drug's dose between them: "... and gliclazide 80 mg BD, 1 g a day".
            if any(is_dose(v) and regimen.end <= v.start < total.start for v in values):
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
            product = each[0] * count * low.numerator
            if product == amount[0] or (
                _rounded_its_way(body[regimen.end : total.start], product, amount[0])
                and _rounds_to(product, amount[0], total)
            ):
                found.append((total, per))
                break
    return found


# "Over" a total is more than it, "under", "almost" or "nearly" less (review61g: "1,450 mg twice
# a day, just over 3 g a day" passed for 2.9 g).
_ABOVE = re.compile(r"^(?:just\s+)?over$", re.IGNORECASE)
_BELOW = re.compile(r"^(?:(?:just\s+)?under|almost|nearly)$", re.IGNORECASE)


def _rounded_its_way(between: str, product: Decimal, amount: Decimal) -> bool:
    """Whether ``between`` (the words from the regimen to the total) says the total is
    rounded, on the side of the product its word says."""
    words = [m.group() for m in _ROUNDED.finditer(between)]
    if not words:
        return False
    word = " ".join(words[-1].split())
    if _ABOVE.match(word):
        return product > amount
    if _BELOW.match(word):
        return product < amount
    return True


# A total said to be "about" the product is that product rounded to the places it writes, and
# close to it: "1,330 mg three times a day, about 4 g a day" (3.99 g).
_CLOSE = Decimal("0.05")


def _rounds_to(product: Decimal, amount: Decimal, total: Value) -> bool:
    head = NUMBER_HEAD.match(total.raw)
    if head is None or amount == 0:
        return False
    try:
        written = Decimal(head.group().replace(",", ""))
        places = written_places(total)
        said = (product * written / amount).quantize(places, rounding=ROUND_HALF_UP)
    except ArithmeticError:
        return False
    return said == written and abs(product - amount) <= _CLOSE * amount


def _totals(
    body: str, values: Sequence[Value], regimens: Sequence[Frequency]
) -> list[tuple[Value, Frequency | None]]:
    """Each dose followed right away by a once-a-day regimen ("2 g a day"), with that regimen;
    and each day's ceiling ("1 g up to four times a day, at most 4 g a day", heldout12), whose
    "a day" the regimen reader takes for no schedule."""
    pairs: list[tuple[Value, Frequency | None]] = []
    for regimen in regimens:
        if regimen.per_day != (_ONCE, _ONCE) or not _A_DAY.fullmatch(regimen.raw):
            continue
        for v in values:
            end = v.start + len(v.raw)
            if is_dose(v) and end <= regimen.start and not body[end : regimen.start].strip():
                pairs.append((v, regimen))
    for v in values:
        if (
            is_dose(v)
            and _CEILING_BEFORE.search(body, 0, v.start)
            and _A_DAY_AFTER.match(body, v.start + len(v.raw))
        ):
            pairs.append((v, None))
    return pairs


# A day's most: "at most 4 g a day", "no more than 4 g a day", "a maximum of 4 g per day".
_CEILING_BEFORE = re.compile(
    r"\b(?:at\s+most|no\s+more\s+than|not\s+more\s+than|(?:a\s+)?max(?:imum)?(?:\s+of)?)\s+$",
    re.IGNORECASE,
)
_A_DAY_AFTER = re.compile(r"\s+(?:a|per|each)\s+day\b|\s+daily\b|\s*/\s*day\b", re.IGNORECASE)
# A day's most that the passages state themselves ("max 3 g in 24 hours", "maximum daily dose
# 3 g", "not to exceed 3 g"): a lower ceiling for a small patient or a liver, which the dose
# times its doses a day does not give.
_CEILING_STATED = re.compile(
    r"\b(?:max(?:imum)?|at\s+most|no\s+more\s+than|not\s+more\s+than|not\s+to\s+exceed)\b"
    r"[^\d\n.;]{0,25}\d",
    re.IGNORECASE,
)


def worked_out_totals(
    body: str, values: Sequence[Value], regimens: Sequence[Frequency], evidence_text: str
) -> set[int]:
    """The starts of ``day_totals`` that are arithmetic on the sentence's own words, so need no
    finding in the passages: every day's total, and a ceiling ("at most 4 g a day") only where
    the cited passages state no ceiling of their own (review63g: "1 g four times a day, at most
    4 g a day" passed against "maximum 3 g in 24 hours")."""
    stated = _CEILING_STATED.search(evidence_text) is not None
    return {
        total.start
        for total, per in day_totals(body, values, regimens)
        if per is not None or not stated
    }


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
        # The course's own length: "for five days" before its total, not any number of days
        # the sentence gives ("admitted 4 days ago": review 60f).
        if any(
            length.unit == period
            and length.canonical.isdigit()
            and length.start < value.start
            and _LENGTH_BEFORE.search(body, 0, length.start)
            and each[0] * int(length.canonical) == total[0]
            for length in values
        ):
            return True
    return False


_LENGTH_BEFORE = re.compile(r"\b(?:for|over|x|course\s+of)\s*$|×\s*$", re.IGNORECASE)


_TOTAL_AFTER = re.compile(r"\s*(?:[a-z]+\s+)?(?:in\s+total|in\s+all|altogether)\b", re.I)
_TOTAL_BEFORE = re.compile(r"\b(?:which\s+is|that\s+is|a\s+total\s+of)\s+$", re.I)
_PER_PERIOD = re.compile(
    r"\s*(?:[a-z]+\s+)?(?:(?:a|per|each)\s+(day|week)\b|(daily|weekly)\b)", re.I
)


# The days of a week left after the ones a sentence names: "7.5 mg on Mondays and 5 mg on the
# other six days" (a warfarin regimen; seven days less the one named).
_WEEKDAY = re.compile(
    r"\b(mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?s?\b", re.IGNORECASE
)
_OTHER_DAYS = re.compile(r"\b(?:the\s+)?(?:other|remaining)\s+$", re.IGNORECASE)
_WEEK = 7


def rest_of_week(value: Value, values: Sequence[Value], body: str, evidence_text: str) -> bool:
    """Whether ``value`` is "the other N days" of a week whose other days the sentence names:
    N and the distinct weekdays written make seven, each of those weekdays named in the cited
    passages too, and the other days' dose is not the named days' (review61g: "3 mg on Mondays
    and Fridays and 2 mg on the other five days" against a Tuesday and Saturday regimen, "3 mg on
    Tuesdays and Saturdays and 3 mg on the other five days", and a clinic day named in another
    clause were unflagged)."""
    if value.kind != "number" or value.unit != "day" or not value.canonical.isdigit():
        return False
    if _OTHER_DAYS.search(body, max(0, value.start - 20), value.start) is None:
        return False
    named = _weekdays(body)
    if (
        not named
        or int(value.canonical) + len(named) != _WEEK
        or not named <= _weekdays(evidence_text)
    ):
        return False
    doses = [v for v in values if v.start < value.start and v.unit and v.unit != "day"]
    return bool(doses) and all(
        (v.canonical, v.unit) != (doses[-1].canonical, doses[-1].unit) for v in doses[:-1]
    )


def _weekdays(text: str) -> set[str]:
    # Written with its capital, as a day's name is ("Sats 94%" names no Saturday).
    return {m.group(1).lower()[:3] for m in _WEEKDAY.finditer(text) if m.group()[0].isupper()}
