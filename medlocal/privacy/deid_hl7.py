"""Identifiers in pasted HL7 v2 messages, read by their field positions.

Lab and ADT interfaces put whole messages into records ("PID|1||884422^^^RVH^MR||THOMPSON^
GERALD^A||19410522|M|||42 ELM ST^^SPRINGFIELD^IL^62704"). Read as prose, the carets hide what
each value is: a bare number, a city in capitals, an assigning hospital's initials. HL7 v2 fixes
what every field of a segment holds, so the segments that carry people, places and numbers are
read field by field (HL7 v2.5 chapter 2 data types: CX identifiers, XPN names, XAD addresses,
XTN telephones, XCN clinicians, XON organisations, HD facilities), and each component that holds
an identifier is redacted. Coded values beside them (sex, state, identifier type "MR") and the
clinical segments (OBX values, DG1 diagnoses, AL1 allergies) are left to the other rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_spans import Redaction, label

# Which component (1-based) of each data type holds what; None: every component.
_CX = {1: "mrn", 4: "facility", 6: "facility"}  # ID^check^scheme^authority^type^facility
_XPN = {1: "name", 2: "name", 3: "name"}  # family^given^middle^suffix^prefix^degree
_XAD = {1: "street_address", 2: "street_address", 3: "city", 5: "zip_code", 9: "county"}
_XCN = {1: "licence_number", 2: "name", 3: "name", 4: "name"}  # ID^family^given^middle
_XON = {1: "facility", 10: "id_number"}
_HD = {1: "facility", 2: "facility"}  # namespace^universal ID (a hospital's name or domain)
_PL = {4: "facility"}  # point of care^room^bed^facility
_XTN = None  # any component with a digit or an @ is a number or an address


def _one(kind: str) -> dict[int, str]:
    return {1: kind}


# segment -> field number -> component map (or _XTN for telephone fields).
_FIELDS: dict[str, dict[int, dict[int, str] | None]] = {
    "MSH": {4: _HD, 6: _HD},
    "EVN": {5: _XCN},
    "PID": {
        2: _CX, 3: _CX, 4: _CX, 5: _XPN, 6: _XPN, 9: _XPN, 11: _XAD, 12: _one("county"),
        13: _XTN, 14: _XTN, 18: _CX | {1: "account_number"}, 19: _one("ssn"),
        20: _one("licence_number"), 21: _CX, 23: _one("city"),
    },
    "PD1": {3: _XON, 4: _XCN},
    "NK1": {
        2: _XPN, 4: _XAD, 5: _XTN, 6: _XTN, 13: _XON, 30: _XPN, 31: _XTN, 32: _XAD, 33: _CX,
        37: _one("ssn"),
    },
    "PV1": {3: _PL, 6: _PL, 7: _XCN, 8: _XCN, 9: _XCN, 17: _XCN, 19: _CX, 39: _HD, 52: _XCN},
    "ORC": {10: _XCN, 11: _XCN, 12: _XCN, 19: _XCN, 21: _XON, 22: _XAD, 23: _XTN, 24: _XAD},
    "OBR": {16: _XCN, 17: _XTN, 28: _XCN, 32: _XCN, 33: _XCN, 34: _XCN, 35: _XCN},
    "OBX": {15: _HD, 16: _XCN, 23: _XON, 24: _XAD, 25: _XCN},
    "IN1": {
        8: _one("health_plan_id"), 16: _XPN, 19: _XAD, 36: _one("health_plan_id"),
        49: _CX | {1: "health_plan_id"},
    },
    # GT1 (v2.5): 2 guarantor number, 3 name, 4 spouse's name, 5 address, 6 and 7 telephones,
    # 12 SSN, 16 employer's name, 17 its address, 18 its telephone, 19 employee ID, 21 the
    # organisation's name.
    "GT1": {
        2: _CX, 3: _XPN, 4: _XPN, 5: _XAD, 6: _XTN, 7: _XTN, 12: _one("ssn"), 16: _XPN,
        17: _XAD, 18: _XTN, 19: _CX, 21: _XON,
    },
    "MRG": {1: _CX, 3: _CX | {1: "account_number"}, 7: _XPN},
    "TXA": {5: _XCN, 9: _XCN, 10: _XCN, 22: _XCN, 23: _XCN},
}  # fmt: skip
# A segment starts a line; raw messages end their segments with a carriage return alone.
_SEGMENT = re.compile(r"(?:^|(?<=[\r\n]))[ \t]*(" + "|".join(_FIELDS) + r")\|[^\r\n]*")
_WORTH = re.compile(r"[^\W_]")  # a component with a letter or digit in it


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _components(text: str, start: int, end: int) -> Iterator[tuple[int, int, int]]:
    """(component number, start, end) of each repetition's components of one field."""
    for rep in re.finditer(r"[^~]+", text[start:end]):
        offset = start + rep.start()
        for number, comp in enumerate(rep.group().split("^"), start=1):
            yield number, offset, offset + len(comp)
            offset += len(comp) + 1


def hl7_candidates(text: str) -> Iterator[Redaction]:
    """The identifiers in the HL7 v2 segments of ``text`` that carry them, by field position."""
    if "|" not in text or "^" not in text:
        return
    for segment in skipped_finditer(_SEGMENT, text):
        name = segment.group(1)
        fields = _FIELDS[name]
        # MSH-1 is the field separator itself, so MSH's n-th field is the (n-1)-th piece.
        first = 1 if name == "MSH" else 0
        pos = segment.start(1)
        for number, piece in enumerate(segment.group()[pos - segment.start() :].split("|")):
            start, pos = pos, pos + len(piece) + 1
            if number and number + first in fields:
                yield from _field(text, start, start + len(piece), fields[number + first])


def _field(
    text: str, start: int, end: int, components: dict[int, str] | None
) -> Iterator[Redaction]:
    """The identifiers in one field, by ``components`` (None: a telephone field, XTN)."""
    for comp, a, b in _components(text, start, end):
        a, b = _trimmed(text, a, b)
        value = text[a:b]
        if not _WORTH.search(value):
            continue
        if components is not None:
            kind = components.get(comp)
        elif "@" in value:
            kind = "email"
        elif any(c.isdigit() for c in value):
            kind = "phone"
        else:
            kind = None  # a telephone's use code ("PRN", "NET"), not a number
        if kind is not None:
            yield Redaction(kind, a, b, value, label(kind))
