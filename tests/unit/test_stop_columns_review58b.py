"""review58b: a stop column's table read as a medication table only where it is one, and its
stop cells read as a stop only where the stop has been (stopcol58's reader)."""

from __future__ import annotations

import pytest

from medlocal.rag.assertion_stop_columns import stopped_drug_cells
from medlocal.rag.grounding import ground


def kinds(answer: str, passage: str) -> list[str]:
    return [f.kind for f in ground(answer, {1: passage}).flags]


# A care team's list: its "Name" column holds people, its "End" the end of their role.
CARE_TEAM = "Name,Role,Start,End\nDr Smith,GP,2020,2023\nJo Brown,Diabetes nurse,2021,\n"


def test_a_name_column_without_a_dose_column_is_no_drug_column() -> None:
    assert stopped_drug_cells(CARE_TEAM) == ()
    assert "negation_conflict" not in kinds("Dr Smith is her GP [1].", CARE_TEAM)


def test_a_name_column_beside_a_dose_column_is_still_read() -> None:
    table = "Name,Dose,Start,End\nMetformin,500 mg BD,2024-01-02,2024-03-04\n"
    assert len(stopped_drug_cells(table)) == 1
    assert "negation_conflict" in kinds("She is still taking metformin [1].", table)


# A stop date written day and month only, as charts write this year's dates.
DAY_MONTH = "Drug,Dose,Stopped\nMetformin,500 mg BD,4/3\nRamipril,5 mg OD,\n"


@pytest.mark.parametrize(
    "answer", ["Metformin was stopped [1].", "Metformin was discontinued [1]."]
)
def test_a_day_and_month_stop_date_is_a_stop(answer: str) -> None:
    assert "negation_conflict" not in kinds(answer, DAY_MONTH)


def test_a_day_and_month_stop_date_still_flags_still_taking() -> None:
    assert "negation_conflict" in kinds("She is still taking metformin [1].", DAY_MONTH)
    assert "negation_conflict" in kinds("Ramipril was stopped [1].", DAY_MONTH)


@pytest.mark.parametrize(
    "cell",
    ["2024-03-10 (planned)", "due 10/03/2024", "review 1/4/24", "?stop 2024-04", "2024-03-10?"],
)
def test_an_end_still_to_come_is_no_stop(cell: str) -> None:
    table = f"Drug,Dose,End date\nPrednisolone,40 mg OD,{cell}\n"
    assert stopped_drug_cells(table) == ()
    assert "negation_conflict" not in kinds("She is taking prednisolone 40 mg OD [1].", table)


def test_a_past_end_date_is_still_a_stop() -> None:
    table = "Drug,Dose,End date\nPrednisolone,40 mg OD,2024-03-10\n"
    assert "negation_conflict" in kinds("She is still taking prednisolone [1].", table)
