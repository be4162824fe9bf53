"""A test's or marker's name read as an aircraft's registration or a plate: one shared check
(session 64, deid64b; review63b's open finding).

An air ambulance's note writes its tests on the line that names the flight: "Air ambulance:
PT-INR 3.2 on warfarin", "HEMS: I-STAT K 4.1", "Air ambulance crew: C-ANCA positive",
"Flight: aircraft N95 mask". Five readers of aircraft and plates (deid_world_vehicle_words,
deid_vehicle_forms, deid_vehicle_numbers, deid_vehicle_nearby, deid_crew_codes) and
deid_vehicle_codes_more each read "PT-INR" as a registration ("PT-" is Brazil's mark) or "PT-INR
3.2" as a plate, so the check stands once, over every vehicle's candidate, instead of in each.

A vehicle's candidate is dropped when it opens with a code in a registration's shape and holds
nothing else but a measured value (a decimal, a lone letter and a value: "K 4.1", or a whole
number before its unit: "45 ng/L"), and the code is one of the listed markers ("C-ANCA",
"HS-TNT", "B-CELL") or a mask's, a node's or a gas's "N95", "N2", "N2O", or its letters after
the dash are a clinical abbreviation or a known word with a measured value after the code
("PT-INR 3.2", "I-STAT K 4.1"). A real plate goes on with its own groups ("M-AB 1234"), a
registration's letters are no word ("C-GMLQ", "G-SASN"), and one whose letters spell an
abbreviation has no value after it ("þyrla TF-LIF lenti").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_lexicon import clinical_abbreviation, lexicon
from medlocal.privacy.deid_spans import Redaction

# A one-letter mark takes four letters (as deid_crew_codes): "G-CSF", "C-PAP" stay, and a
# clinical word after the letter is none ("B-CELL", "G-TUBE", "M-MODE", "C-DIFF").
_NOT_REGISTRATION = re.compile(
    r"[A-Z]-[A-Z]{3}|[A-Z]-(?:CELL|TUBE|MODE|DIFF|LOOP|WAVE|LINE|ARMS|SCAN|SPOT|TEST|SSRS|KIT[A-Z])"
    # Tests and markers a retrieval note writes on its flight's line (review63b): "PT-INR",
    # "HS-TNT", "LV-EDP", "C-ANCA", "I-STAT"; the clinical abbreviations and words below too.
    r"|[A-Z0-9]{1,3}-(?:ANCA|TNT|TNI|EDP|ABCD)"
    # A mask, a node, a gas: a US registration has three characters at least after its N.
    r"|N\d{1,2}O?"
)
# A code in a registration's shape opening a candidate, and what may follow it in a test's
# reading: a measured value ("3.2", "K 4.1", "45 ng/L" is cut before its unit).
_OPENING_CODE = re.compile(r"(?P<code>[A-Z0-9]{1,3}-[A-Z]{2,6}|N\d{1,2}O?)(?P<rest>.*)", re.S)
_VALUE = re.compile(r"[ \t]+(?:[A-Za-z][ \t]+)?\d+(?P<decimal>[.,]\d+)?(?!\d|[.,]\d)")
# A whole number is a value when a unit follows the candidate ("HS-TNT 45 ng/L").
_UNIT_AFTER = re.compile(r"[ \t]*(?:%|[a-zA-Zµμ]{1,5}/[a-zA-Z0-9]{1,5}\b|(?i:mmhg|mg|iu)\b)")


def clinical_dash_code(code: str) -> bool:
    """A test's or marker's name in an aircraft's shape: listed, or letters after the dash
    that are a clinical abbreviation or a known word ("PT-INR", "I-STAT", "E-FAST")."""
    letters = code.rpartition("-")[2]
    return _NOT_REGISTRATION.fullmatch(code) is not None or (
        letters != code and (clinical_abbreviation(letters) or lexicon().known(letters.lower()))
    )


def without_tests_as_vehicles(text: str, candidates: Iterable[Redaction]) -> Iterator[Redaction]:
    """Every candidate but a vehicle's that is a test's name and perhaps its value."""
    for red in candidates:
        if red.kind == "vehicle_id" and _a_test(text, red.start, red.end):
            continue
        yield red


def _a_test(text: str, start: int, end: int) -> bool:
    found = _OPENING_CODE.fullmatch(text, start, end)
    if found is None:
        return False
    rest = found.group("rest")
    return (not rest or _value_at(text, found.end("code"))) and test_at(
        text, found.start("code"), found.end("code")
    )


def test_at(text: str, start: int, end: int) -> bool:
    """Whether the code at ``text[start:end]`` is a test's or marker's name: listed, or a
    clinical abbreviation or known word after the dash with a measured value after it ("PT-INR
    3.2"). A registration whose letters spell an abbreviation stays one with no value after it
    ("þyrla TF-LIF lenti")."""
    code = text[start:end]
    if _NOT_REGISTRATION.fullmatch(code):
        return True
    return clinical_dash_code(code) and _value_at(text, end)


def _value_at(text: str, end: int) -> bool:
    """A measured value right after ``end``: a decimal, or a whole number before its unit."""
    value = _VALUE.match(text, end)
    return value is not None and (
        value.group("decimal") is not None or _UNIT_AFTER.match(text, value.end()) is not None
    )
