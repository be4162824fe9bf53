"""A systolic or a diastolic pressure the sentence gives, read as one side of a blood pressure of
the passages, in the posture both give."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from medlocal.rag.binding import Bound
from medlocal.rag.bound_comparison import compatible
from medlocal.rag.checks.passage_facts import PassageFacts
from medlocal.values import Value


def part_of_blood_pressure(
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
