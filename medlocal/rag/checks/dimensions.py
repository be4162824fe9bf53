"""A size written as two sides ("8 × 6 mm"): the unit after the second side is the first's too,
and a passage that writes the same sides bare ("C;right thigh;8 x 6;enlarged from 6 x 6", its
unit in the column's name) gives the same size. Read as single numbers, the sentence's "6 mm"
was "given there without a unit, not in mm" (heldout12's lesion table)."""

from __future__ import annotations

import re

from medlocal.values import Value

_BY = r"\s*[x×*]\s*"
_SIDE = r"\d+(?:\.\d+)?"
# Two sides in the sentence, a length unit after the second.
_SIZE = re.compile(rf"(?<![\d.])(?P<a>{_SIDE}){_BY}(?P<b>{_SIDE})\s*(?P<unit>mm|cm)\b", re.I)
_LENGTHS = ("mm", "cm")


def side_of_a_size(value: Value, body: str, evidence_text: str) -> bool:
    """Whether ``value`` is a side of a two-sided size of ``body`` ("8 × 6 mm") whose two sides
    the cited passages write as a size too, in the same order ("8 x 6", with or without a
    unit)."""
    for size in _SIZE.finditer(body):
        if not size.start() <= value.start < size.end():
            continue
        a, b = re.escape(size.group("a")), re.escape(size.group("b"))
        unit = size.group("unit").lower()
        written = re.compile(rf"(?<![\d.]){a}{_BY}{b}(?![\d]|\.\d)\s*(?P<unit>mm|cm)?\b", re.I)
        return any(
            _same_unit(m.group("unit"), unit, evidence_text)
            for m in written.finditer(evidence_text)
        )
    return False


def _same_unit(written: str | None, unit: str, evidence_text: str) -> bool:
    """Whether sides the passages write with ``written`` (None: bare) are in ``unit``: the same
    unit, or bare sides where the passages name ``unit`` (a column's "size_mm") and no other
    length (review63g: "8 × 6 cm" passed against a "size_mm" column's "8 x 6")."""
    if written is not None:
        return written.lower() == unit
    named = {
        u for u in _LENGTHS if re.search(rf"(?<![A-Za-z]){u}(?![A-Za-z])", evidence_text, re.I)
    }
    return named == {unit}
