"""Units: the passage's number in an equal unit, in another unit, or as a rate."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from medlocal.rag.binding import Bound
from medlocal.values import Value, quantity, same_value

# Ions of one charge, whose mEq/L is their mmol/L ("sodium 140 mEq/L" is 140 mmol/L); a
# divalent ion's (calcium, magnesium) is twice it, so those units stay apart for all else.
_MONOVALENT = frozenset({"sodium", "potassium", "chloride", "bicarbonate"})
_EQUIVALENT_UNITS = frozenset({"meq/l", "mmol/l"})


def equal_for_measure(
    value: Value, mine: Bound | None, evidence_bound: Sequence[tuple[int, Bound]]
) -> bool:
    """Whether the passage gives ``value``'s number in a unit equal to its unit for the measure:
    mEq/L and mmol/L of a monovalent ion, bound to that ion on the passage's side or the
    sentence's (a divalent ion's mEq/L is twice its mmol/L: never equal)."""
    if value.unit not in _EQUIVALENT_UNITS:
        return False
    attribute = mine.attribute if mine is not None else None
    if attribute is not None and attribute not in _MONOVALENT:
        return False
    return any(
        b.value.unit in _EQUIVALENT_UNITS
        and b.value.canonical == value.canonical
        and (b.attribute or attribute) in _MONOVALENT
        and (attribute is None or b.attribute in (None, attribute))
        for _, b in evidence_bound
    )


def other_unit(
    value: Value, mine: Bound | None, evidence_bound: Sequence[tuple[int, Bound]]
) -> tuple[int, Bound] | None:
    """The passage's value with the number of ``value`` in another unit, no exact conversion
    of it (walk 29: "9.1 mmol/L" for a white cell count of 9.1 x10^9/L), or in another scale
    of the same one (walk 39: "75 mg" for "75 micrograms", "118 g/dL" for "118 g/L"):
    (passage, bound) for a flag that says so, of the sentence's measure where it names one;
    None where the passage gives the number in no other unit of a measure the sentence may
    mean."""
    if value.kind != "number" or value.unit is None or not value.canonical[:1].isdigit():
        return None
    attribute = mine.attribute if mine is not None else None
    found = [
        (n, b)
        for n, b in evidence_bound
        if b.value.kind == "number"
        and b.value.unit is not None
        and b.value.canonical == value.canonical
        # Not equal after exact conversion (``same_value``): a unit of another dimension, or
        # of this one at another scale.
        and quantity(b.value) != quantity(value)
        and (attribute is None or b.attribute is None or b.attribute == attribute)
    ]
    if not found:
        return None
    return next(((n, b) for n, b in found if b.attribute == attribute), found[0])


# Round 6 of the precision audit (tests/fixtures/grounding_eval/RESULTS.md): a number is
# flagged only where the sentence's reading and the passage's plainly differ. Where the sentence
# may have written a rate's "per hour" in words, the check stays silent (and where the passage
# writes the number in a form the value reader takes for something else:
# rag/checks/written_forms.py).


def a_rate_of(value: Value, other: Value, body: str) -> bool:
    """Whether one value's unit is the other's per something, and the sentence writes that
    "per" in words the value reader does not join to the unit, or not at all ("100 micrograms
    an hour" read as mcg against "100 mcg/h"; "0.5 mL/kg per hour" against "0.5 mL/kg/h"). A
    period the words name that is not the unit's ("20 units of alcohol a day" against "20
    units/week") is a plain difference."""
    mine, theirs = (value.unit or "").lower(), (other.unit or "").lower()
    if not (mine and theirs):
        return False
    if not theirs.startswith(mine + "/"):
        # The sentence's unit the longer: the passage may have written its rate in words.
        return mine.startswith(theirs + "/")
    rest = theirs[len(mine) + 1 :]
    after = body[value.start + len(value.raw) : value.start + len(value.raw) + _PERIOD_REACH]
    said = _PERIOD_WORDS.search(after)
    return said is None or _PERIODS.get(said.group(1).lower()) == _PERIODS.get(rest, rest)


# "an hour", "per day", "each week" within a few words after a value.
_PERIOD_REACH = 30
_PERIOD_WORDS = re.compile(
    r"\b(?:per|an?|each|every)\s+(hours?|hrs?|h|days?|d|weeks?|wks?|minutes?|mins?|months?)\b",
    re.I,
)
_PERIODS = {
    "hour": "h", "hours": "h", "hr": "h", "hrs": "h", "h": "h", "day": "d", "days": "d",
    "d": "d", "week": "wk", "weeks": "wk", "wk": "wk", "wks": "wk", "minute": "min",
    "minutes": "min", "min": "min", "mins": "min", "month": "mo", "months": "mo",
}  # fmt: skip


def unit_text(value: Value) -> str:
    """A value's unit as the passage writes it: "10^9/L" of "9.1,10^9/L"."""
    return _NUMBER_HEAD.sub("", value.raw) or (value.unit or "")


_NUMBER_HEAD = re.compile(r"^[<>≤≥=\-−]*\s?[\d.,]+\s*")


def body_weights(text: str, values: Sequence[Value]) -> list[Value]:
    """The values of ``text`` in kilograms that it binds as the body weight: right after
    "weight", "wt" or "weighs", with no other number between ("Weight 70 kg (was 76 kg)" binds
    70 kg; "Weight 80 kg, lost 5 kg" binds 80 kg; review 33), not a birth, previous, ideal or
    other weight than the current one."""
    return [
        v
        for v in values
        if v.kind == "number"
        and v.unit == "kg"
        and _WEIGHT_BEFORE.search(text, 0, v.start) is not None
    ]


# The weight word, then only a few words or signs before the number ("Wt: ", "weighs about ").
_WEIGHT_BEFORE = re.compile(
    r"(?<!birth )(?<!previous )(?<!prior )(?<!usual )(?<!ideal )(?<!target )(?<!dry )"
    r"(?<!former )(?<!booking )(?<!last )"
    r"\b(?:weight|wt|weighs|weighed|weighing)\b[^\d.;,()\[\]]{0,20}$",
    re.I,
)


def per_weight_product(value: Value, rates: Sequence[Value], weights: Sequence[Value]) -> bool:
    """Whether ``value`` is the exact product of one of ``rates`` per kilogram and one of
    ``weights`` in kilograms (``body_weights``: the body weight, not any kilograms):
    "0.075 mcg/kg/min" at "Wt 80 kg" is "6 micrograms per minute",
    "15 mg/kg" at 20 kg is "300 mg" (round 8 of the precision audit: a competent model works
    it out; only an exact product is accepted)."""
    if value.kind != "number" or value.unit is None or not value.canonical[:1].isdigit():
        return False
    kilograms = [
        Decimal(w.canonical)
        for w in weights
        if w.kind == "number" and w.unit == "kg" and w.canonical[:1].isdigit()
    ]
    for rate in rates:
        if rate.kind != "number" or not rate.unit or "/kg" not in rate.unit:
            continue
        if not rate.canonical[:1].isdigit():
            continue
        unit = rate.unit.replace("/kg", "", 1)
        for weight in kilograms:
            product = format((Decimal(rate.canonical) * weight).normalize(), "f")
            if same_value(value, Value("number", product, unit, product)):
                return True
    return False
