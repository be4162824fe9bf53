"""A result given in the passage's unit and, right after it, in the other one a lab may report
it in: "fasting glucose 118 mg/dL, about 6.5 mmol/L" (heldout12's health check). The second
number is the first converted with the measure's own factor, so it is no number to find in the
passages; only where the sentence names the measure, the two stand side by side, and the first
is the passages'."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import ROUND_DOWN, Decimal

from medlocal.rag.checks.arithmetic import written_places
from medlocal.values import Value, is_supported

# Measure words, and (mass unit, molar unit, factors: mass = molar x factor). Glucose is
# reported with 18 or 18.016 mg/dL to the mmol/L, cholesterol with 38.67, creatinine 88.4
# umol/L to the mg/dL.
_FACTORS: tuple[tuple[re.Pattern[str], str, str, tuple[Decimal, ...]], ...] = (
    (
        re.compile(r"\b(?:glucose|sugar|FPG|BSL|BGL)\b", re.I),
        "mg/dl",
        "mmol/l",
        (Decimal(18), Decimal("18.016")),
    ),
    (
        re.compile(r"\b(?:cholesterol|LDL(?:-C)?|HDL(?:-C)?)\b", re.I),
        "mg/dl",
        "mmol/l",
        (Decimal("38.67"),),
    ),
    (re.compile(r"\bcreatinine\b", re.I), "µmol/l", "mg/dl", (Decimal("88.4"),)),
)
# What stands between a result and its conversion: ", about", " (about", ", or", ", i.e.".
_BETWEEN = re.compile(
    r"\s*[,(]?\s*(?:(?:about|approximately|around|roughly|or|i\.e\.|that\s+is|which\s+is)\s+)*",
    re.I,
)


def converted_result(
    value: Value, values: Sequence[Value], body: str, evidence: Sequence[Value]
) -> bool:
    """Whether ``value`` is the number right before it (the cited passages') converted to
    ``value``'s unit with its measure's factor, rounded to the places ``value`` is written to
    (to the nearest, or cut, as "about" may be)."""
    if value.kind != "number" or value.unit is None:
        return False
    before = [v for v in values if v.start + len(v.raw) <= value.start]
    if not before:
        return False
    first = before[-1]
    if first.kind != "number" or first.unit is None:
        return False
    if not _BETWEEN.fullmatch(body, first.start + len(first.raw), value.start):
        return False
    if not is_supported(first, list(evidence)):
        return False
    try:
        given, mine = Decimal(first.canonical), Decimal(value.canonical)
    except ArithmeticError:
        return False
    places = written_places(value)
    measure = _nearest_measure(body, first.start)
    if measure is None:
        return False
    _, mass, molar, factors = measure
    if {first.unit, value.unit} == {mass, molar}:
        for factor in factors:
            exact = given / factor if first.unit == mass else given * factor
            try:
                rounded = (exact.quantize(places), exact.quantize(places, rounding=ROUND_DOWN))
            except ArithmeticError:  # more digits than the context holds: no lab result
                return False
            if mine in rounded:
                return True
    return False


def _nearest_measure(
    body: str, end: int
) -> tuple[re.Pattern[str], str, str, tuple[Decimal, ...]] | None:
    """The measure named last before ``end``: the result's own, not one the sentence gave
    earlier (review63g: "glucose was normal and cholesterol 232 mg/dL, about 12.9 mmol/L"
    passed on glucose's factor)."""
    named = [(m.start(), entry) for entry in _FACTORS for m in entry[0].finditer(body, 0, end)]
    return max(named, key=lambda found: found[0])[1] if named else None
