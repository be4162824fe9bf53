"""Numbers of a results line that a record-number label took (walk 21): urea written "Ur"
("Na 131, K 5.4, Ur 12.4" became "Ur [MRN]": "UR" labels an Australian unit record number) and
a reference range after "ref" ("CK 2,840 U/L (ref 25-200)" became "(ref [ID])": "Ref:" labels a
letter's reference).

The label is the same word; the value tells them apart. A unit record number has five digits
or more ("UR 0044819", "UR No: 448190"); urea is a result of at most three digits, often with
decimals. A letter's reference is a code ("Ref: 2024/118", "Our ref KL/2207"); a reference range
is two results, the lower first, after a result on its line or in its bracket.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_spans import Redaction

_CODE_KINDS = frozenset({"mrn", "id_number", "account_number", "health_plan_id"})
# "Ur" or "UR" right before the value, no "No"/"number" after it (that is a record's label).
_UREA_LABEL = re.compile(r"(?<![\w.])U[Rr][ \t]*[:=]?[ \t]*\Z")
_RESULT = re.compile(r"\d{1,3}(?:[.,]\d{1,2})?")
# "ref", "ref.", "ref range", "reference range", "ref int", "RR", "NR", "normal" before a range.
_RANGE_LABEL = re.compile(
    r"(?i:(?<![\w.])(?:ref(?:erence)?\.?(?:[ \t]+(?:range|interval|int\.?|values?))?|"
    r"normal(?:[ \t]+range)?|(?-i:RR|NR))[ \t]*[:=]?[ \t]*)\Z"
)
_RANGE = re.compile(r"(?P<a>\d+(?:[.,]\d+)?)[ \t]*[-–][ \t]*(?P<b>\d+(?:[.,]\d+)?)")
# A letter's own reference ("Our ref", "Your ref") is a code whatever its shape.
_LETTER_REF = re.compile(r"(?i:\b(?:our|your|my|quote|please[ \t]+quote)[ \t]+\Z)")
# A result on the line before the label: a number, or an opening bracket right before it.
_RESULT_BEFORE = re.compile(r"(?:\d[^\n\d]{0,24}|\([ \t]*)\Z")


def _number(raw: str) -> float:
    return float(raw.replace(",", "."))


def _urea(text: str, red: Redaction) -> bool:
    return bool(
        _RESULT.fullmatch(red.original)
        and _UREA_LABEL.search(text, max(0, red.start - 6), red.start)
    )


def _reference_range(text: str, red: Redaction) -> bool:
    value = _RANGE.fullmatch(red.original)
    if value is None or _number(value.group("a")) > _number(value.group("b")):
        return False
    label = _RANGE_LABEL.search(text, max(0, red.start - 24), red.start)
    if label is None:
        return False
    at = label.start()
    if _LETTER_REF.search(text, max(0, at - 14), at):
        return False
    return _RESULT_BEFORE.search(text, max(0, at - 30), at) is not None


def without_lab_numbers(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less the urea results and reference ranges that a code's label took."""
    return [
        red
        for red in redactions
        if not (red.kind in _CODE_KINDS and (_urea(text, red) or _reference_range(text, red)))
    ]
