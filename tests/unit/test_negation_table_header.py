"""A table's column header row ("Drug | Dose | Frequency | Change") states nothing: the negation
reading skips it (walk 41, item 9: "no drug allergies" got "negation conflict: 'drug': the cited
passage reports it as present: 'Drug | Dose | Frequency | Change'")."""

from __future__ import annotations

import pytest

from medlocal.rag.assertion_headings import is_table_header
from medlocal.rag.grounding import ground

MEDS = (
    "Creatinine improved to 168 umol/L by discharge. Medications on discharge:\n"
    "Drug | Dose | Frequency | Change\n"
    "Bisoprolol | 3.75 mg | once daily | unchanged\n"
    "Ramipril | 5 mg | once daily | withheld\n"
)
ALLERGIES = "Allergies:\nAllergen | Reaction | Severity\nPenicillin | Rash | Moderate\n"


def kinds(answer: str, passage: str) -> list[str]:
    return [f.kind for f in ground(answer, {1: passage}).flags]


@pytest.mark.parametrize(
    "row",
    [
        "Drug | Dose | Frequency | Change",
        "| Date | Test | Result | Units | Reference | Flag |",
        "Allergen | Reaction | Severity",
    ],
)
def test_header_rows_are_recognised(row: str) -> None:
    assert is_table_header(row)


@pytest.mark.parametrize(
    "row",
    [
        "Bisoprolol | 3.75 mg | once daily | unchanged",
        "Penicillin | Rash | Moderate",  # a row of data without figures
        "Drug allergies: none",  # no table
        "Dose",  # one cell
    ],
)
def test_data_rows_and_prose_are_not_headers(row: str) -> None:
    assert not is_table_header(row)


def test_a_denial_is_not_contradicted_by_a_column_header() -> None:
    assert "negation_conflict" not in kinds("No, she has no drug allergies [1].", MEDS)


def test_a_data_row_still_contradicts_a_denial() -> None:
    # Negative: the row under the header still reports the penicillin allergy.
    result = ground("She has no penicillin allergy [1].", {1: ALLERGIES})
    flags = [f for f in result.flags if f.kind == "negation_conflict"]
    assert flags and "Penicillin | Rash" in flags[0].message
