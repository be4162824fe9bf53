"""Numbers a clinician works out exactly from the passages' values: a change (the difference of
two values in one unit) and a temperature in the other scale."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from medlocal.rag.checks.table_units import NUMBER_HEAD
from medlocal.values import Value, is_supported, quantity


def difference(value: Value, values: Sequence[Value], evidence: Sequence[Value]) -> bool:
    """Whether ``value`` is the exact difference of two values in its unit: two other values of
    its sentence, both in the evidence ("fell from 198 lb to 189 lb, a loss of 9 lb"; walk: a
    clinician states the change a note leaves to be worked out), or one of them and a value of
    the cited passages ("her weight had risen to 41.6 kg, a gain of 2.7 kg" from a note that
    gives 38.9 kg at admission and 41.6 kg today: round 7). A number the sentence gives no unit
    ("a loss of 28 pounds": the unit a word the value reader does not read) is the difference
    of two of its sentence's values in one unit."""
    if value.kind != "number" or not value.canonical[:1].isdigit():
        return False
    target = amount_of(value, unit_needed=False)
    if target is None:
        return False
    given = [
        found
        for v in values
        if v is not value and is_supported(v, list(evidence))
        for found in [amount_of(v)]
        if found is not None
    ]
    if value.unit is None:
        pairs = [(a, b) for i, a in enumerate(given) for b in given[i + 1 :]]
    else:
        unit = quantity(value)[1]
        others = given + [found for v in evidence for found in [amount_of(v)] if found is not None]
        pairs = [(a, b) for a in given if a[1] == unit for b in others]
    return any(a[1] == b[1] and abs(a[0] - b[0]) == target[0] for a, b in pairs)


def amount_of(value: Value, unit_needed: bool = True) -> tuple[Decimal, str] | None:
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


def written_places(value: Value) -> Decimal:
    """The places as the sentence writes ``value``: "38.0 °C" is to one place (review 34: the
    canonical "38" would round 38.28 to 38), "6.5%" to one, "35%" to none."""
    written = NUMBER_HEAD.match(value.raw)
    return Decimal(1).scaleb(-len(written.group().partition(".")[2] if written else ""))


def converted_temperature(value: Value, evidence: Sequence[Value]) -> bool:
    """Whether ``value``, a temperature in °F or °C, is a temperature of the cited passages in
    the other scale, converted exactly and rounded to the places the sentence writes ("38.9 °C
    (about 102 °F)", "98.4 °F, about 36.9 °C")."""
    if value.kind != "number" or value.unit not in _TEMPERATURE:
        return False
    try:
        mine = Decimal(value.canonical)
    except ArithmeticError:
        return False
    places = written_places(value)
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
