"""A cumulative lab report exported as CSV: dates across the top, a test in each row ("Test,
2024-03-02,2024-03-09" over "Potassium,4.2,5.6"). Before, the header was no header (its dates
start with figures), the row was read as prose, "4.2,5.6" lost 5.6, a right "potassium 5.6 on
9 March" was flagged absent and a wrong "4.2 on 9 March" passed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fixtures.timing import assert_linear

from medlocal.delimited_tables import delimited_tables
from medlocal.rag.binding import bind
from medlocal.rag.grounding import ground
from medlocal.values import extract_values

CUMULATIVE = "Test,2024-03-02,2024-03-09\nPotassium,4.2,5.6\nSodium,139,141\n"
GERMAN = "Test;Einheit;02.03.2024;09.03.2024\nKalium;mmol/l;4,2;5,6\nNatrium;mmol/l;139;141\n"


def kinds(answer: str, passage: str) -> list[str]:
    return [f.kind for f in ground(answer, {1: passage}).flags]


def test_a_header_of_dates_heads_a_table() -> None:
    (table,) = delimited_tables(CUMULATIVE)
    assert table.heading(CUMULATIVE) == "Test,2024-03-02,2024-03-09"
    numbers = [v.canonical for v in extract_values(CUMULATIVE) if v.kind == "number"]
    assert numbers == ["4.2", "5.6", "139", "141"]


def test_each_cell_is_its_row_s_test_on_its_column_s_date() -> None:
    read = {(b.value.canonical, b.attribute, b.timepoint) for b in bind(CUMULATIVE)}
    assert ("5.6", "potassium", "2024-03-09") in read
    assert ("139", "sodium", "2024-03-02") in read


@pytest.mark.parametrize(
    ("answer", "passage"),
    [
        ("Potassium on 9 March 2024 was 5.6 [1].", CUMULATIVE),
        ("Sodium on 2 March 2024 was 139 [1].", CUMULATIVE),
        ("Potassium rose from 4.2 to 5.6 [1].", CUMULATIVE),
        ("Kalium am 09.03.2024 5,6 mmol/l [1].", GERMAN),
    ],
)
def test_the_right_cell_passes(answer: str, passage: str) -> None:
    assert kinds(answer, passage) == []


@pytest.mark.parametrize(
    ("answer", "passage"),
    [
        ("Potassium on 9 March 2024 was 4.2 [1].", CUMULATIVE),
        ("Sodium on 2 March 2024 was 141 [1].", CUMULATIVE),
        ("Kalium am 09.03.2024 4,2 mmol/l [1].", GERMAN),
    ],
)
def test_another_day_s_cell_is_flagged(answer: str, passage: str) -> None:
    assert kinds(answer, passage) == ["misattributed_value"]


@pytest.mark.parametrize(
    "text",
    [
        # A row of two dates and a number under a header of words is a row, not a header.
        "Stay,Admitted,Discharged,Days\nFirst,2024-03-02,2024-03-09,7\n"
        "Second,2024-04-01,2024-04-05,4\n",
        # Dates in the first column are a wide table's rows, as before.
        "Date,Hb,K\n2024-03-02,98,4.2\n2024-03-09,101,5.6\n",
    ],
)
def test_rows_of_dates_stay_rows(text: str) -> None:
    (table,) = delimited_tables(text)
    assert len(table.header) == 1 and len(table.rows) == 2


def test_prose_with_two_dates_is_no_table() -> None:
    text = "Seen on,2024-03-02,2024-03-09\nreview in clinic, then discharge, with letters\n"
    assert delimited_tables(text) == []


@pytest.mark.parametrize(
    "shape",
    [
        lambda n: (
            "Test,"
            + ",".join(f"2024-03-{1 + i % 28:02d}" for i in range(n // 11))
            + "\nPotassium,"
            + ",".join("4.2" for _ in range(n // 11))
            + "\n" * 2
        ),
        lambda n: "Test,2024-03-02,2024-03-09\n" + "Potassium,4.2,5.6\n" * (n // 18),
    ],
)
def test_dated_tables_are_read_in_linear_time(shape: Callable[[int], str]) -> None:
    assert_linear(lambda n: bind(shape(n)), 2_000)


# ---- a row whose header is not read as one: cells after a decimal point ------------------------


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("K,4.2,5.6", ["4.2", "5.6"]),
        ("Glucose,5.1,9.8,7.2", ["5.1", "9.8", "7.2"]),
        ("values 1.25,3.5", ["1.25", "3.5"]),
        # A European thousands point keeps its decimal comma's reading; a thousands comma
        # before any point stays one number.
        ("Kreatinin 1.250,5 mg", ["1.25"]),
        ("Fluids 2,500 mL", ["2500"]),
    ],
)
def test_a_comma_after_a_decimal_parts_two_cells(text: str, numbers: list[str]) -> None:
    assert [v.canonical for v in extract_values(text) if v.kind == "number"] == numbers


def test_an_oral_glucose_table_s_later_reading_is_found() -> None:
    # "0h,1h,2h" is a header of time points (values58: read as a table's since), its row's
    # cells read apart.
    passage = "Time,0h,1h,2h\nGlucose,5.1,9.8,7.2\n"
    assert kinds("Glucose at 2 hours was 7.2 [1].", passage) == []
    assert kinds("Glucose at 2 hours was 7.9 [1].", passage) == ["unverified_number"]
