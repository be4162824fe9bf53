"""Pasted HL7 v2 messages: identifiers read by field position, coded values and clinical
segments kept."""

from __future__ import annotations

from datetime import date

import pytest

from medlocal.privacy.deid_hl7 import hl7_candidates
from medlocal.privacy.redact import PatientIdentity, Redactor


def _segment(name: str, fields: dict[int, str]) -> str:
    """A segment with ``fields`` at their HL7 positions and the others empty."""
    return "|".join([name] + [fields.get(n, "") for n in range(1, max(fields) + 1)])


MESSAGE = "\r".join(
    [
        "MSH|^~\\&|LIS|HARBOURSIDE GENERAL|EHR|NORTHGATE|20260117101500||ORU^R01|Q7781|P|2.5",
        "PID|1||5519034^^^HGH^MR~77-120^^^STATE^PI||OYELARAN^TEMITOPE^B||19380214|F|||"
        "17 QUARRY HILL^APT 2^BRAMBLEFORD^OR^97321^USA^H^^LINN||541-555-0172^PRN^PH~"
        "^NET^Internet^t.oyelaran@example.org|||||A0098812|540-11-9087|OR8812345",
        "NK1|1|OYELARAN^FEMI|SON|9 WREN CT^^ALDERBY^OR^97330|541-555-0199",
        "PV1|1|I|3E^310^A^HARBOURSIDE GENERAL||||1447281903^VANTERPOOL^CLEMENT^R^^^MD",
        "OBX|1|NM|K^Potassium||3.1|mmol/L|3.5-5.1|L|||F",
        "DG1|1||E87.6^Hypokalaemia^I10",
        _segment(
            "IN1",
            {
                1: "1",
                2: "PPO7",
                4: "Cascade Mutual",
                8: "GRP-44120",
                16: "OYELARAN^TEMITOPE",
                36: "POL-9981-22",
            },
        ),
    ]
)


def _redacted(text: str) -> str:
    identity = PatientIdentity("Grace Hollis", "1111111", date(1950, 1, 1))
    return Redactor(identity, shift_days=30, tagger=False).redact(text)


@pytest.mark.parametrize(
    "value",
    [
        "HARBOURSIDE GENERAL",  # sending facility (MSH-4) and the ward's facility (PV1-3.4)
        "5519034",  # PID-3 identifier
        "HGH",  # its assigning authority, a hospital
        "77-120",  # a second identifier, repeated with ~
        "OYELARAN",  # PID-5 family name
        "TEMITOPE",
        "17 QUARRY HILL",  # PID-11 street
        "APT 2",
        "BRAMBLEFORD",  # city
        "97321",  # ZIP
        "LINN",  # county (PID-11.9)
        "541-555-0172",  # PID-13 phone
        "t.oyelaran@example.org",  # PID-13 e-mail
        "A0098812",  # PID-18 account
        "540-11-9087",  # PID-19 SSN
        "OR8812345",  # PID-20 driver's licence
        "FEMI",  # NK1-2 relative
        "9 WREN CT",
        "ALDERBY",
        "541-555-0199",
        "1447281903",  # PV1-7 attending's NPI
        "VANTERPOOL",
        "CLEMENT",
        "GRP-44120",  # IN1-8 group number
        "POL-9981-22",  # IN1-36 policy number
    ],
)
def test_identifiers_in_hl7_fields_are_redacted(value: str) -> None:
    assert value in MESSAGE
    assert value not in _redacted(MESSAGE)


@pytest.mark.parametrize(
    "kept",
    [
        "ORU^R01",  # message type
        "^MR~",  # identifier type code
        "|F|||",  # administrative sex
        "^OR^",  # a state alone
        "K^Potassium||3.1|mmol/L|3.5-5.1|L",  # the result
        "E87.6^Hypokalaemia^I10",  # the diagnosis
        "|SON|",  # relationship
        "^PRN^PH~^NET^Internet^",  # telephone use codes
    ],
)
def test_coded_values_and_clinical_segments_are_kept(kept: str) -> None:
    assert kept in MESSAGE
    assert kept in _redacted(MESSAGE)


def test_kinds_follow_the_field_types() -> None:
    kinds = {r.original: r.kind for r in hl7_candidates(MESSAGE)}
    assert kinds["5519034"] == "mrn"
    assert kinds["HGH"] == "facility"
    assert kinds["OYELARAN"] == "name"
    assert kinds["17 QUARRY HILL"] == "street_address"
    assert kinds["BRAMBLEFORD"] == "city"
    assert kinds["97321"] == "zip_code"
    assert kinds["t.oyelaran@example.org"] == "email"
    assert kinds["540-11-9087"] == "ssn"
    assert kinds["1447281903"] == "licence_number"
    assert kinds["GRP-44120"] == "health_plan_id"


def test_newline_separated_and_indented_segments_are_read() -> None:
    text = "Interface copy:\n  PID|1||9912^^^MERCY^MR||QUILLFEATHER^ODA\n"
    found = {r.original for r in hl7_candidates(text)}
    assert {"9912", "MERCY", "QUILLFEATHER", "ODA"} <= found


@pytest.mark.parametrize(
    "text",
    [
        "Potassium | 3.1 | mmol/L ^ rising",  # a table with pipes and a caret
        "PIDs|1|2^3",  # no such segment
        "pid|1||9912^^^MERCY^MR",  # segment names are capitals
        "PID 1 | | 9912 ^ MR",  # no field separator right after the name
    ],
)
def test_text_that_is_no_segment_gives_nothing(text: str) -> None:
    assert list(hl7_candidates(text)) == []
