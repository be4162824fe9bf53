"""Review of table55 (review55c): reading delimited tables must not change how prose is read, and
a CSV holding two tables reads each under its own header.

- Two lines of a note with as many commas each ("History: smoker, diabetic" over "Fluids 2,500
  mL") read as a header over a row: every comma became a cell's edge, so 2,500 was read as 2
  and 500, and an answer saying "500 mL" passed the checks while the right "2,500 mL" was
  flagged (main read 2500).
- A CSV with two tables of the same width, a blank line between ("Date,Hb,K" rows, then
  "Date,Na,Creat" rows): the second header was read as a row of the first table, so its sodium
  was bound as the hemoglobin and "Hb 139" (the sodium) passed unflagged."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fixtures.timing import assert_linear

from medlocal.delimited_tables import cell_marks, delimited_tables, heading_for
from medlocal.rag.grounding import ground
from medlocal.values import extract_values


def flags(answer: str, passage: str) -> list[str]:
    return [f.kind for f in ground(answer, {1: passage}).flags]


@pytest.mark.parametrize(
    ("note", "right", "wrong", "numbers"),
    [
        ("History: smoker, diabetic\nFluids 2,500 mL\n",
         "Fluids 2,500 mL [1].", "Fluids 500 mL [1].", ["2500"]),
        ("Walked, ate, slept\nUrine output 1,250 mL, stable\n",
         "Urine output was 1,250 mL [1].", "Urine output was 250 mL [1].", ["1250"]),
        ("Seen in clinic, well, no complaints\nPlatelets 1,250, WBC 7.5\n",
         "Platelets were 1,250 [1].", "Platelets were 250 [1].", ["1250", "7.5"]),
        ("Reviewed on the ward, comfortable, afebrile\nEstimated blood loss 1,200, mL replaced\n",
         "Blood loss was 1,200 [1].", "Blood loss was 200 [1].", ["1200"]),
        ("Drain reviewed, site clean, dry\n1,250 mL drained overnight, stop\n",
         "1,250 mL drained [1].", "250 mL drained [1].", ["1250"]),
    ],
)  # fmt: skip
def test_a_note_s_thousands_stay_whole_where_its_lines_look_like_rows(
    note: str, right: str, wrong: str, numbers: list[str]
) -> None:
    assert [v.canonical for v in extract_values(note) if v.kind == "number"] == numbers
    assert flags(right, note) == []
    assert flags(wrong, note) == ["unverified_number"]


def test_a_table_s_cells_are_still_read_apart() -> None:
    # The wide row table55 fixed: "7.1,250" are two cells (no word around them).
    text = "Date,Hb,WCC,Plt,Na\n2024-03-02,98,7.1,250,139\n"
    assert [v.canonical for v in extract_values(text) if v.kind == "number"] == [
        "98", "7.1", "250", "139",
    ]  # fmt: skip
    assert flags("Platelets 250 on 2 March 2024 [1].", text) == []


TWO_TABLES = (
    "Date,Hb,K\n2024-03-01,101,4.0\n2024-03-02,98,4.2\n\n"
    "Date,Na,Creat\n2024-03-01,140,85\n2024-03-02,139,88\n"
)


def test_two_tables_in_one_csv_are_read_each_under_its_header() -> None:
    tables = delimited_tables(TWO_TABLES)
    assert [t.heading(TWO_TABLES) for t in tables] == ["Date,Hb,K", "Date,Na,Creat"]
    assert flags("Sodium 139 mmol/L on 2 March 2024 [1].", TWO_TABLES) == []
    assert flags("Creatinine 88 on 2024-03-02 [1].", TWO_TABLES) == []
    assert flags("Hb 98 g/L on 2024-03-02 [1].", TWO_TABLES) == []
    # The sodium given as the hemoglobin, the creatinine as the potassium.
    assert flags("Hb 139 g/L on 2024-03-02 [1].", TWO_TABLES) == ["misattributed_value"]
    assert flags("Potassium 88 on 2024-03-02 [1].", TWO_TABLES) == ["misattributed_value"]
    # A later passage of the second table is shown under the second header.
    assert heading_for(TWO_TABLES, TWO_TABLES.index("2024-03-02,139")) == "Date,Na,Creat"
    assert heading_for(TWO_TABLES, TWO_TABLES.index("2024-03-02,98")) == "Date,Hb,K"


def test_a_blank_line_inside_a_table_still_does_not_end_it() -> None:
    text = "Date,Hb,K\n2024-03-01,101,4.0\n\n2024-03-02,98,4.2\n"
    assert [len(t.rows) for t in delimited_tables(text)] == [2]


@pytest.mark.parametrize(
    "shape",
    [
        lambda n: "Walked, ate\n" + f"Output 1,250{' ' * n}x, ok\n",
        lambda n: "Date,Hb,K\n2024-03-01,101,4.0\n" + "\nDate,Na,K" * (n // 10),
        lambda n: "Seen, well\n" + f"Dose 1,{'2' * n}, ok\n",
    ],
    ids=["blanks after a thousands", "many headers after blanks", "a long figure"],
)
def test_reading_notes_and_tables_stays_linear(shape: Callable[[int], str]) -> None:
    assert_linear(lambda n: cell_marks(shape(n)), 20_000)
    assert_linear(lambda n: extract_values(shape(n)), 5_000)
