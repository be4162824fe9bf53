"""Session 56: a lab export that names its test in each row ("Date,Test,Result,Units,Reference
range") is read row by row, each result with the unit, test and range beside it, as before
table55. table55 took "Reference range" in its header for a column of results and read every
cell alone: the result lost its unit and test, and "Her potassium was normal" over a high
potassium passed (8 grounding tests failed on the merged main, which was reverted)."""

from __future__ import annotations

import pytest

from medlocal.delimited_tables import delimited_tables
from medlocal.rag.binding import bind
from medlocal.rag.grounding import ground
from medlocal.rag.value_tables import column_measures_of, delimited_cells

LONG = (
    "Date,Test,Result,Units,Normal range,Flag\n"
    "30/11/2026,Potassium,5.4,mmol/L,3.5-5.3,H\n"
    "30/11/2026,Sodium,139,mmol/L,135-145,\n"
    "30/11/2026,Haemoglobin,102,g/L,115-165,L\n"
)
# A column that names a measured thing ("Age") beside the row's own test.
WITH_AGE = "Date,Age,Test,Result,Units\n30/11/2026,67,Potassium,5.4,mmol/L\n"
SEMICOLON = (
    "Datum;Test;Wert;Einheit;Referenzbereich\n"
    "30.11.2026;Kalium;5,9;mmol/l;3,5-5,1\n"
    "30.11.2026;Natrium;139;mmol/l;135-145\n"
)
WIDE = "Date,Hb,Na,K\n2024-03-02,98,139,4.2\n2024-03-09,101,137,5.6\n"


@pytest.mark.parametrize("text", [LONG, WITH_AGE, SEMICOLON])
def test_a_table_whose_rows_name_their_test_is_read_row_by_row(text: str) -> None:
    (table,) = delimited_tables(text)
    assert not any(column_measures_of(text, table))
    assert delimited_cells(text, None, False) == ([], [])


def test_a_long_table_s_result_keeps_its_unit_and_test() -> None:
    found = {b.value.canonical: b for b in bind(LONG)}
    assert (found["5.4"].attribute, found["5.4"].value.unit) == ("potassium", "mmol/l")
    assert (found["102"].attribute, found["102"].value.unit) == ("hemoglobin", "g/l")
    age = {b.value.canonical: b for b in bind(WITH_AGE)}
    assert (age["5.4"].attribute, age["5.4"].value.unit) == ("potassium", "mmol/l")


def test_a_reference_range_column_names_no_result() -> None:
    text = "Test,Value,Unit,Reference range\nPotassium,5.4,mmol/L,3.5-5.3\n"
    (table,) = delimited_tables(text)
    assert column_measures_of(text, table) == [None, None, None, None]


@pytest.mark.parametrize(
    ("answer", "kind", "message"),
    [
        ("Her potassium was normal [1].", "range_conflict", "'normal': the cited passage gives"),
        ("Her haemoglobin of 102 g/L was within normal limits [1].", "range_conflict", ""),
        (
            "Her potassium was 5.4 mmol/mol [1].",
            "unverified_number",
            "'5.4 mmol/mol': the cited passage gives 5.4 in mmol/L (potassium",
        ),
    ],
)
def test_a_long_table_s_range_and_unit_are_checked(answer: str, kind: str, message: str) -> None:
    messages = [f.message for f in ground(answer, {1: LONG}).flags if f.kind == kind]
    assert any(m.startswith(message) for m in messages), (answer, messages)


def test_a_wide_table_is_still_read_by_its_columns() -> None:
    (table,) = delimited_tables(WIDE)
    assert column_measures_of(WIDE, table) == [None, "hemoglobin", "sodium", "potassium"]
    cells, rows = delimited_cells(WIDE, None, False)
    assert len(rows) == 2
    assert {(c.value.canonical, c.measure) for c in cells} >= {
        ("4.2", "potassium"),
        ("98", "hemoglobin"),
    }
    flags = ground("Her potassium was 5.6 on 9 March 2024 [1].", {1: WIDE}).flags
    assert not [f for f in flags if f.kind in {"misattributed_value", "unverified_number"}]
    wrong = ground("Her potassium was 137 on 9 March 2024 [1].", {1: WIDE}).flags
    assert "misattributed_value" in {f.kind for f in wrong}
