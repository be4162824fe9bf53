"""stopcol58: a medication table's stop column read by the assertion reader. Before, the right
answer "Metformin was stopped on 4 March 2024 [1]." over a CSV with a dated Stopped cell was
flagged ("the cited passage gives it as still taken"): no word of the row is a stop trigger."""

from __future__ import annotations

import pytest
from fixtures.fake_models import hit
from fixtures.medication_tables import CSV, PIPES, QUOTED, SEMICOLONS, TABS

from medlocal.rag.assertion_stop_columns import stopped_drug_cells
from medlocal.rag.grounding import ground
from medlocal.rag.passages import NumberedPassage
from medlocal.rag.stop_notes import stop_notes

TABLES = [CSV, PIPES, SEMICOLONS, TABS, QUOTED]


def kinds(answer: str, passage: str) -> list[str]:
    return [f.kind for f in ground(answer, {1: passage}).flags]


@pytest.mark.parametrize("passage", TABLES)
@pytest.mark.parametrize(
    "answer",
    [
        "Metformin was stopped on 4 March 2024 [1].",
        "Metformin was stopped [1].",
        "Metformin was discontinued [1].",
        "She takes ramipril 5 mg OD [1].",
        "She is still on ramipril [1].",
    ],
)
def test_the_right_answer_over_a_stop_column_is_not_flagged(answer: str, passage: str) -> None:
    assert "negation_conflict" not in kinds(answer, passage)


@pytest.mark.parametrize("passage", TABLES)
@pytest.mark.parametrize(
    "answer",
    [
        "Ramipril was stopped [1].",  # an empty stop cell: not stopped
        "Metformin is still taken [1].",  # a dated stop cell: stopped
        "She is still taking metformin [1].",
    ],
)
def test_the_wrong_answer_over_a_stop_column_is_flagged(answer: str, passage: str) -> None:
    assert "negation_conflict" in kinds(answer, passage)


def test_prose_is_read_as_before() -> None:
    prose = "Metformin was stopped on 4 March 2024. Ramipril 5 mg OD continues."
    assert "negation_conflict" not in kinds("Metformin was stopped [1].", prose)
    assert "negation_conflict" in kinds("She is still taking metformin [1].", prose)
    assert "negation_conflict" in kinds("Ramipril was stopped [1].", prose)


def test_only_the_drug_cells_of_stopped_rows_are_found() -> None:
    cells = stopped_drug_cells(CSV)
    assert [CSV[s:e] for s, e in cells] == ["Metformin"]
    assert [PIPES[s:e] for s, e in stopped_drug_cells(PIPES)] == ["Metformin 500 mg"]
    assert [QUOTED[s:e] for s, e in stopped_drug_cells(QUOTED)] == ["Metformin"]


@pytest.mark.parametrize(
    "cell", ["2024-03-04", "04/03/2024", "4.3.24", "4 Mar 2024", "March 2024", "03/2024", "2024",
             "yes", "Y", "stopped", "ceased (AKI)", "Yes - rash", "04/03/2024 (AKI)"]
)  # fmt: skip
def test_a_date_or_a_stop_word_in_the_stop_cell_stops_the_row(cell: str) -> None:
    text = f"Drug,Stopped\nMetformin,{cell}\n"
    assert [text[s:e] for s, e in stopped_drug_cells(text)] == ["Metformin"]


@pytest.mark.parametrize("cell", ["", "no", "N", "ongoing", "current", "-", "n/a", "unknown"])
def test_any_other_stop_cell_stops_nothing(cell: str) -> None:
    assert stopped_drug_cells(f"Drug,Stopped\nMetformin,{cell}\n") == ()


def test_a_no_in_the_stop_cell_raises_no_false_alarm() -> None:
    # "no" under Discontinued is read by the reader as a denial of the row, as on main (an
    # unsure reading: no flag either way); it is not read as a stop.
    table = "Medicine\tDose\tDiscontinued\nRamipril\t5 mg OD\tno\n"
    assert stopped_drug_cells(table) == ()
    assert kinds("She is on ramipril 5 mg OD [1].", table) == []


def test_a_table_that_is_no_medication_table_is_not_read() -> None:
    # An End column of a problem list ends an episode, no drug: "She had pneumonia" agrees.
    problems = "Problem,Start,End\nPneumonia,2024-01-01,2024-01-10\n"
    assert stopped_drug_cells(problems) == ()
    assert "negation_conflict" not in kinds("She had pneumonia [1].", problems)


def test_a_row_with_more_cells_than_its_header_is_left_alone() -> None:
    # An unquoted decimal comma: which cell is the stop cell is not known.
    assert stopped_drug_cells("Drug,Dose,Stopped\nMetformin,0,5 g,2024-03-04\n") == ()


def test_the_table_ends_at_the_first_line_that_is_no_row_of_it() -> None:
    text = "Drug,Stopped\nMetformin,2024-03-04\n\nAmlodipine, 2024-05-06 review\n"
    assert [text[s:e] for s, e in stopped_drug_cells(text)] == ["Metformin"]


def test_only_the_name_of_a_drug_cell_is_read_as_stopped() -> None:
    # "mg" of "Metformin 500 mg" is no drug: a sentence's "5 mg" of ramipril meets no stop.
    assert "negation_conflict" not in kinds(
        "She takes ramipril 5 mg once daily [1].",
        "| Medication | Stop date |\n|---|---|\n| Metformin 500 mg | 04/03/2024 |\n",
    )


def test_the_stop_note_under_an_answer_reads_the_stop_column_too() -> None:
    # rag/stop_notes.py reads stops through the assertion reader: a dated stop cell now gives
    # the note; the row with an empty stop cell none.
    passage = NumberedPassage(1, hit(1, CSV, document_id=1, file_name="meds.csv", page=None))  # type: ignore[arg-type]
    (note,) = stop_notes([passage], ["metformin", "ramipril"])
    # stopnote58: the row quoted with its header's names, dated by its stop cell (not by the
    # document's date, here the file's first date, the Started cell).
    assert note == (
        "the documents say metformin was stopped: “Drug: Metformin; Dose: 500 mg BD; "
        "Started: 2024-01-02; Stopped: 2024-03-04” [1] (meds.csv, stopped 4 Mar 2024)"
    )
