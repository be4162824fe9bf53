"""values58: numbers in passages read as they are written. A list's unit is each number's ("doses
of 2.5, 5 and 10 mg"), figures joined by commas are a list where they are no one number
("0.5,1,2 mg", "12.25,125,3.5"), a delimited row's integers are its cells ("Na,139,141"), a
header of time points heads a table ("Time,0,30,60,120"), and a medication list's dates are its
rows' ("Drug,Dose,Started,Stopped"). Each misread flagged a right answer or passed a wrong one;
what read right before reads the same."""

from __future__ import annotations

import pytest

from medlocal.delimited_tables import delimited_tables, heading_for
from medlocal.rag.grounding import ground
from medlocal.rag.passages import checked_text
from medlocal.values import extract_values
from medlocal.vault.records import SearchHit


def kinds(answer: str, passage: str) -> list[str]:
    return [f.kind for f in ground(answer, {1: passage}).flags]


def numbers(text: str) -> list[tuple[str, str | None]]:
    return [(v.canonical, v.unit) for v in extract_values(text) if v.kind == "number"]


def later_passage(document: str, rows: str) -> str:
    """The passage ``rows`` of ``document`` (past its header) as the checks read it: under the
    header row its table gives it (rag/record.py: ``heading_for``)."""
    start = document.index(rows)
    hit = SearchHit(
        chunk_id=2, document_id=1, patient_id=1, file_name="export.csv", page=None,
        start=start, end=start + len(rows), section=None, text=rows, score=1.0,
        vector_score=None, bm25_score=None, table_heading=heading_for(document, start),
    )  # fmt: skip
    return checked_text(hit)


# ---- a list's unit is each of its numbers' ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("doses of 2.5, 5 and 10 mg", [("2.5", "mg"), ("5", "mg"), ("10", "mg")]),
        ("doses of 2.5, 5, and 10 mg", [("2.5", "mg"), ("5", "mg"), ("10", "mg")]),
        ("2.5, 5 or 10 mg", [("2.5", "mg"), ("5", "mg"), ("10", "mg")]),
        ("Hb 98, 102 and 110 g/L", [("98", "g/l"), ("102", "g/l"), ("110", "g/l")]),
        ("0.5,1,2 mg", [("0.5", "mg"), ("1", "mg"), ("2", "mg")]),
    ],
)
def test_a_list_s_unit_is_each_number_s(text: str, read: list[tuple[str, str | None]]) -> None:
    assert numbers(text) == read


@pytest.mark.parametrize(
    ("text", "read"),
    [
        # Two numbers share nothing: a clause may part them.
        ("GCS 14 and 10 mg morphine given", [("14", None), ("10", "mg")]),
        ("INR 2.5, 5 mg warfarin", [("2.5", None), ("5", "mg")]),
        # Numbers with words between them are no list.
        ("Hb 98, K 4.2 and Na 139 mmol/L", [("98", None), ("4.2", None), ("139", "mmol/l")]),
        ("scores 7, 9 and 10 at 1, 5 and 10 min",
         [("7", None), ("9", None), ("10", None), ("1", "min"), ("5", "min"), ("10", "min")]),
        # A table's cells are its columns', not a list's.
        ("Date,Hb,WCC,K\n2024-03-02,98,7.1,4.2 mmol/L\n2024-03-09,101,6.5,5.6 mmol/L\n",
         [("98", None), ("7.1", None), ("4.2", "mmol/l"), ("101", None), ("6.5", None),
          ("5.6", "mmol/l")]),
    ],
)  # fmt: skip
def test_no_list_shares_no_unit(text: str, read: list[tuple[str, str | None]]) -> None:
    assert numbers(text) == read


@pytest.mark.parametrize(
    ("passage", "right", "wrong"),
    [
        ("Amlodipine comes in doses of 2.5, 5 and 10 mg.",
         "Amlodipine 2.5 mg tablets [1].", "Amlodipine 7.5 mg tablets [1]."),
        ("Amlodipine comes in doses of 2.5, 5 and 10 mg.",
         "The doses are 2.5 mg, 5 mg and 10 mg [1].", "The doses are 2.5 mg, 5 mg and 20 mg [1]."),
        ("Lorazepam strengths: 0.5,1,2 mg.",
         "Lorazepam 0.5 mg at night [1].", "Lorazepam 1.2 mg at night [1]."),
    ],
)  # fmt: skip
def test_a_listed_dose_is_confirmed_and_a_misread_one_is_not(
    passage: str, right: str, wrong: str
) -> None:
    assert kinds(right, passage) == []
    assert kinds(wrong, passage) == ["unverified_number"]


# ---- figures joined by commas: a list, or one number --------------------------------------------


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("12.25,125,3.5", ["12.25", "125", "3.5"]),
        ("levels 5,10,20", ["5", "10", "20"]),
        ("0.5,125,250", ["0.5", "125", "250"]),
        # One number: thousands, thousands with a decimal, a European thousands point.
        ("Fluids 2,500 mL", ["2500"]),
        ("Cost 1,250,000", ["1250000"]),
        ("Volume 1,250.5 mL", ["1250.5"]),
        ("Kreatinin 1.250,5 mg", ["1.25"]),
        # Two integers are a decimal comma where a unit follows, as before.
        ("Ramipril 2,5 mg", ["2.5"]),
    ],
)
def test_figures_joined_by_commas(text: str, read: list[str]) -> None:
    assert [canonical for canonical, _ in numbers(text)] == read


def test_dates_joined_by_a_comma_stay_dates() -> None:
    found = extract_values("Seen 12.03.2024,13.03.2024")
    assert [(v.kind, v.canonical) for v in found] == [
        ("date", "2024-03-12"),
        ("date", "2024-03-13"),
    ]


def test_a_list_s_last_number_is_found() -> None:
    passage = "Tacrolimus levels: 12.25,125,3.5"
    assert kinds("The tacrolimus levels were 12.25, 125 and 3.5 [1].", passage) == []
    assert kinds("The tacrolimus levels were 12.25, 125 and 3.6 [1].", passage) == [
        "unverified_number"
    ]


# ---- a delimited row's integers are its cells ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("Na,139,141", ["139", "141"]),
        ("Sodium,139,141\nPotassium,4.2,5.6\n", ["139", "141", "4.2", "5.6"]),
        ("Na,139,141 mmol/L", ["139", "141"]),
        # Prose keeps its thousands: no name glued by a comma, or words in the cell before.
        ("Fluids 2,500 mL", ["2500"]),
        ("Plt 250,000,stable", ["250000"]),
        ("Plt 139,141", ["139141"]),
        # ground59: after a test whose results never reach 100,000 the prose pair is two results.
        ("Na 139,141", ["139", "141"]),
    ],
)
def test_a_delimited_row_s_integers_are_its_cells(text: str, read: list[str]) -> None:
    assert [canonical for canonical, _ in numbers(text)] == read


def test_a_row_s_cell_is_confirmed_and_the_joined_number_is_not() -> None:
    assert kinds("Sodium was 141 [1].", "Na,139,141") == []
    assert kinds("Sodium was 139141 [1].", "Na,139,141") == ["unverified_number"]


# ---- a header of time points heads a table ------------------------------------------------------

OGTT = "Time,0,30,60,120\nGlucose,5.1,9.8,7.2,6.0\nInsulin,12,145,160,98\n"
HOURS = "Test,0h,1h,2h\nGlucose,5.1,9.8,7.2\nInsulin,12,145,160\n"
MINUTES = "Time (min),0,30,60,120\nGlucose (mmol/L),5.1,9.8,7.2,6.0\nInsulin,12,145,160,98\n"


@pytest.mark.parametrize("text", [OGTT, HOURS, MINUTES])
def test_a_header_of_time_points_heads_a_table(text: str) -> None:
    (table,) = delimited_tables(text)
    assert table.heading(text) == text.split("\n")[0]
    assert len(table.rows) == 2
    assert ("160", None) in numbers(text) and ("145", None) in numbers(text)


@pytest.mark.parametrize(
    "text",
    [
        # Rows of results with no header: the first row names no time, its numbers no unit.
        "Na,139,141,143\nK,4.2,4.5,5.6\n",
        "T,36.5,37.2,38.1\nHR,80,90,100\n",
        # Times that do not rise are no header of times.
        "Hours,8,6,7\nSleep,1,2,3\n",
    ],
)
def test_rows_of_numbers_head_no_table(text: str) -> None:
    assert delimited_tables(text) == []


@pytest.mark.parametrize("passage", [OGTT, HOURS, MINUTES])
def test_a_timed_test_s_cells_are_confirmed(passage: str) -> None:
    assert kinds("Insulin peaked at 160 [1].", passage) == []
    assert kinds("Insulin was 12, 145 and 160 [1].", passage) == []
    assert kinds("Insulin peaked at 150 [1].", passage) == ["unverified_number"]


def test_a_timed_test_s_later_passage_keeps_its_header() -> None:
    document = OGTT + "C-peptide,0.6,2.1,2.9,1.8\n"
    rows = "Insulin,12,145,160,98\nC-peptide,0.6,2.1,2.9,1.8\n"
    passage = later_passage(document, rows)
    assert passage.startswith("Time,0,30,60,120\n")
    assert kinds("Insulin was 160 [1].", passage) == []
    assert kinds("Insulin was 161 [1].", passage) == ["unverified_number"]


# ---- a medication list with its dates -----------------------------------------------------------

MEDICATIONS = (
    "Drug,Dose,Started,Stopped\n"
    "Metformin,500mg BD,2024-01-02,2024-03-04\n"
    "Ramipril,5mg OD,2023-05-06,\n"
    "Amlodipine,10mg OD,2022-02-03,2023-04-05\n"
)


@pytest.mark.parametrize(
    "text",
    [
        MEDICATIONS,
        "Drug,Dose,Started,Stopped\nMetformin,500 mg twice daily,02/01/2024,04/03/2024\n"
        "Ramipril,5 mg once daily,06/05/2023,ongoing\n",
        "Drug,Started,Stopped\nMetformin,2024-01-02,2024-03-04\nRamipril,2023-05-06,\n",
    ],
)
def test_a_medication_list_with_dates_is_a_table(text: str) -> None:
    (table,) = delimited_tables(text)
    assert table.heading(text) == text.split("\n")[0]
    assert len(table.rows) == text.count("\n") - 1


def test_a_title_row_with_a_date_stays_in_the_header() -> None:
    text = "Medication list,2024-05-01,,\n" + MEDICATIONS
    (table,) = delimited_tables(text)
    assert table.heading(text) == "Medication list,2024-05-01,,\nDrug,Dose,Started,Stopped"
    assert len(table.rows) == 3


@pytest.mark.parametrize(
    "text",
    [
        "Test,2024-03-02,2024-03-09\nPotassium,4.2,5.6\nSodium,139,141\n",
        "Full blood count,,\nTest,2024-03-02,2024-03-09\nPotassium,4.2,5.6\nSodium,139,141\n",
    ],
)
def test_a_header_of_dates_still_heads_a_cumulative_report(text: str) -> None:
    (table,) = delimited_tables(text)
    assert table.heading(text).endswith("Test,2024-03-02,2024-03-09")
    assert len(table.rows) == 2


def test_a_medication_list_s_later_passage_keeps_its_header() -> None:
    rows = "Ramipril,5mg OD,2023-05-06,\nAmlodipine,10mg OD,2022-02-03,2023-04-05\n"
    passage = later_passage(MEDICATIONS, rows)
    assert passage.startswith("Drug,Dose,Started,Stopped\n")
    assert kinds("Ramipril 5 mg was started on 6 May 2023 [1].", passage) == []
    assert kinds("Ramipril 10 mg was started on 6 May 2023 [1].", passage) == ["unverified_number"]
