"""stopnote58: the stop note for a medication table's row. Once the assertion reader read a
table's stop column (stopcol58), the note quoted the bare row and dated it by its document's
date, the CSV's first date (the Started cell): "... “Metformin,500 mg BD,2024-01-02,2024-03-04”
[1] (meds.csv, 2 Jan 2024)" reads as stopped on 2 Jan 2024. It was stopped on 4 Mar 2024."""

from __future__ import annotations

from datetime import date

from fixtures.fake_models import hit
from fixtures.medication_tables import CSV, PIPES, TABS

from medlocal.rag.assertion_stop_columns import stopped_row_at
from medlocal.rag.passages import NumberedPassage
from medlocal.rag.stop_notes import newest_stops, stop_notes


def _passage(text: str, file_name: str = "meds.csv", number: int = 1) -> NumberedPassage:
    return NumberedPassage(number, hit(number, text, document_id=number, file_name=file_name))


def test_a_csv_rows_note_gives_the_stop_cells_date_and_the_headers_names() -> None:
    (note,) = stop_notes([_passage(CSV)], ["metformin", "ramipril"])
    assert note == (
        "the documents say metformin was stopped: “Drug: Metformin; Dose: 500 mg BD; "
        "Started: 2024-01-02; Stopped: 2024-03-04” [1] (meds.csv, stopped 4 Mar 2024)"
    )
    assert "2 Jan 2024" not in note


def test_a_stop_date_of_unclear_day_and_month_order_is_given_as_written() -> None:
    # 04/03/2024 is 4 March or 3 April: never a guess.
    (note,) = stop_notes([_passage(PIPES)], ["metformin"])
    assert note == (
        "the documents say metformin was stopped: “Medication: Metformin 500 mg; Dose: BD; "
        "Start date: 02/01/2024; Stop date: 04/03/2024” [1] (meds.csv, stopped 04/03/2024)"
    )


def test_a_stop_cell_without_a_date_leaves_the_documents_date() -> None:
    (note,) = stop_notes([_passage(TABS)], ["metformin"])
    assert note == (
        "the documents say metformin was stopped: “Medicine: Metformin; Dose: 500 mg BD; "
        "Discontinued: yes” [1] (meds.csv, undated)"
    )


def test_empty_cells_are_left_out_of_the_quote() -> None:
    text = "Drug,Dose,Indication,Stopped\nMetformin,500 mg BD,,2024-03-04\n"
    (note,) = stop_notes([_passage(text)], ["metformin"])
    assert "“Drug: Metformin; Dose: 500 mg BD; Stopped: 2024-03-04”" in note


def test_a_long_row_keeps_its_drug_and_stop_cells() -> None:
    # The quote's cut (160 characters) would fall before the stop cell.
    reason = "gastrointestinal intolerance with persistent diarrhoea and abdominal cramps " * 2
    text = f"Drug,Dose,Started,Reason,Stopped\nMetformin,500 mg BD,2024-01-02,{reason},2024-03-04\n"
    (note,) = stop_notes([_passage(text)], ["metformin"])
    assert "“Drug: Metformin…; Stopped: 2024-03-04” [1] (meds.csv, stopped 4 Mar 2024)" in note


def test_the_stop_day_the_dose_notes_read_is_the_stop_cells() -> None:
    # Dose notes say a dose ran "until stopped" by this day (rag/dose_disagreements.py).
    stop = newest_stops([_passage(CSV)], ["metformin"])["metformin"]
    assert (stop.day, stop.written) == (date(2024, 3, 4), "2024-03-04")
    assert stop.document_day == date(2024, 1, 2)


def test_the_stopped_row_is_found_by_any_offset_in_it() -> None:
    row = stopped_row_at(CSV, CSV.index("500 mg"))
    assert row is not None
    assert [CSV[s:e] for s, e in row.names] == ["Drug", "Dose", "Started", "Stopped"]
    assert CSV[row.cells[row.stop][0] : row.cells[row.stop][1]] == "2024-03-04"
    assert stopped_row_at(CSV, CSV.index("Ramipril")) is None  # an empty stop cell
    assert stopped_row_at(CSV, 0) is None  # the header


def test_a_prose_stop_note_is_unchanged() -> None:
    text = "Discharge summary 14/07/2026\nMETFORMIN STOPPED 09/07/2026, Do not restart."
    (note,) = stop_notes([_passage(text, "discharge_summary.txt", 2)], ["metformin"])
    assert note == (
        "the documents say metformin was stopped: “METFORMIN STOPPED 09/07/2026, Do not "
        "restart.” [2] (discharge_summary.txt, 14 Jul 2026)"
    )


def test_a_stop_label_list_item_is_quoted_with_its_label_as_before() -> None:
    text = "Clinic letter 12/12/2023\nStopped medications:\n- ramipril 10 mg\n"
    (note,) = stop_notes([_passage(text, "letter.txt")], ["ramipril"])
    assert note == (
        "the documents say ramipril was stopped: “Stopped medications: - ramipril 10 mg” "
        "[1] (letter.txt, 12 Dec 2023)"
    )
