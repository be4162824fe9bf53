"""A change the sentence names after the two values it is between: "rose from 84 to 196
cells/µL, an increase of 112", "from 5 mg to 7.5 mg once a day, an increase of 2.5 mg", "fell
from 148 mmHg lying to 118 mmHg after three minutes standing, a drop of 30 mmHg". Round 12 of
the grounding precision audit: the passages leave the change to be worked out, so none holds
it (the dose check took "2.5 mg" for another dose of the drug, the value check "112" for a
number no passage gives, and "30 mmHg" for the blood pressure at three minutes).

Plain readings only: the change is named right before its value ("an increase of", "a drop
of about" is no exact change and is left alone), in the clause of the later of the two values,
and is their exact difference in the direction it names; both values are the cited passages'.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from medlocal.rag.checks.arithmetic import amount_of
from medlocal.values import Value, is_supported

_FALLS = ("fall", "drop", "decrease", "reduction", "decline", "loss")
_RISES = ("rise", "increase", "gain")
_NAMED = re.compile(
    r",\s+(?:an?\s+)?(?P<change>" + "|".join(_FALLS + _RISES) + r")\s+of\s+$", re.IGNORECASE
)
# What may stand between the later value and the change: a few words of the same clause ("once
# a day", "after three minutes standing"), no new clause or list.
_BETWEEN = re.compile(r"[^,;:.()]{0,40}")
# "from 84 to 196 cells/µL": the first number of a range takes the unit written after the second.
_RANGE_JOIN = re.compile(r"\s*(?:to|-|–)\s*$")
# How many values back the pair is looked for.
_REACH = 4


def named_change(
    value: Value, values: Sequence[Value], body: str, evidence: Sequence[Value]
) -> bool:
    """Whether ``value`` is a change named right before it ("an increase of 112") that is the
    exact difference, in the direction named, of two values of its sentence before it, in its
    unit (or none, with the pair's), both given by the cited passages."""
    named = _NAMED.search(body, 0, value.start)
    target = _amount(value, "", ())
    if named is None or target is None or named.end() != value.start:
        return False
    earlier = [v for v in values if v.start + len(v.raw) <= named.start()][-_REACH:]
    amounts = [(v, found) for v in earlier for found in [_amount(v, body, values)] if found]
    # The later value is the last one in the change's unit ("to 118 mmHg after three minutes
    # standing, a drop of 30 mmHg"), or the last one for a change written without a unit.
    later_at = next(
        (
            i
            for i in reversed(range(len(amounts)))
            if amounts[i][1][1] == target[1] or not target[1]
        ),
        None,
    )
    if later_at is None:
        return False
    later, second = amounts[later_at]
    if not _BETWEEN.fullmatch(body[later.start + len(later.raw) : named.start()]):
        return False
    first_value, first = next(
        ((v, found) for v, found in reversed(amounts[:later_at]) if found[1] == second[1]),
        (None, None),
    )
    if first_value is None or first is None:
        return False
    if not all(_given(v, evidence) for v in (first_value, later)):
        return False
    fell = named.group("change").lower() in _FALLS
    change = first[0] - second[0] if fell else second[0] - first[0]
    return change == target[0]


def _given(value: Value, evidence: Sequence[Value]) -> bool:
    """A value of the cited passages (a bare number as a number of theirs), or one side of a
    blood pressure they give ("148 mmHg" systolic of "148/82"; its side and posture are the
    blood-pressure check's to confirm)."""
    if is_supported(value, list(evidence)):
        return True
    if value.unit is None and any(
        v.kind == "number" and v.canonical == value.canonical for v in evidence
    ):
        return True  # "from 41 to 118 x10^9/L": the 41 is written with its unit there
    return value.unit in (None, "mmhg") and any(
        v.kind == "ratio" and value.canonical in v.canonical.split("/") for v in evidence
    )


def _amount(value: Value, body: str, values: Sequence[Value]) -> tuple[Decimal, str] | None:
    """``value`` as written, (number, unit): the three of a change are compared in the unit the
    sentence writes them in. A bare number right before "to <value with a unit>" takes that
    unit ("from 41 to 118 x10^9/L")."""
    if amount_of(value, unit_needed=False) is None:
        return None
    try:
        number = Decimal(value.canonical)
    except ArithmeticError:
        return None
    if value.unit:
        return number, value.unit
    after = next((v for v in values if v.start > value.start), None)
    if after is None or not _RANGE_JOIN.match(body[value.start + len(value.raw) : after.start]):
        return number, ""
    return number, after.unit or ""
