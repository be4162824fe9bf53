"""Excel workbooks (ingest58): each sheet Excel shows is read as the table a CSV export of it
holds, so the chunker, the table headings and the grounding checks read a workbook's rows as
they read a lab system's CSV; and every bad workbook is refused with a clear reason."""

from __future__ import annotations

import datetime
import io
import warnings
import zipfile
from pathlib import Path
from typing import Any

import pytest
from fixtures.ingest_files import make_compound_file, make_docx
from fixtures.office_files import (
    cut_in_half,
    lab_workbook,
    make_encrypted_office_file,
    make_xlsx,
    make_zip_bomb,
    with_cached_value,
    with_parts,
)

from medlocal.ingest import errors
from medlocal.ingest.chunker import ChunkingParams, chunk_document
from medlocal.ingest.extractors.sheet_cells import cell_text
from medlocal.ingest.extractors.spreadsheet import extract_xlsx
from medlocal.ingest.extractors.zipped import ZipLimits
from medlocal.ingest.formats import extract_file, format_for
from medlocal.rag.grounding import ground


def extract(name: str, data: bytes):  # type: ignore[no-untyped-def]
    return extract_file(Path("/some/private/folder") / name, data)


RENAL = {
    "Renal": [
        ["Date", "Na", "K", "Creat"],
        [datetime.datetime(2024, 3, 1), 140, 4.1, 80],
        [datetime.datetime(2024, 3, 2), 139, 5.6, 88],
    ]
}


class Words:
    """A token counter: one token per cell or word."""

    def count_tokens(self, text: str) -> int:
        return len(text.replace(",", " ").split())


# ---- the text ---------------------------------------------------------------------------------


def test_a_sheet_is_read_as_the_csv_it_exports_to_under_its_name() -> None:
    document = extract("renal.xlsx", make_xlsx(RENAL))
    assert document.file_type == "xlsx"
    assert document.text == (
        "Renal\n\nDate,Na,K,Creat\n2024-03-01,140,4.1,80\n2024-03-02,139,5.6,88"
    )
    assert [(s.title, s.start) for s in document.sections] == [("Renal", 0)]


def test_a_300_row_lab_workbook_reads_as_its_csv_export() -> None:
    data, csv_lines = lab_workbook()
    assert extract("labs.xlsx", data).text == "Results\n\n" + "\n".join(csv_lines)


def test_numbers_dates_and_text_read_as_the_cell_shows_them() -> None:
    assert cell_text(4.2000000000000002) == "4.2"
    assert cell_text(0.1 + 0.2) == "0.3"  # a formula's cached float, without its noise
    assert cell_text(0.054, "0.0%") == "5.4%"
    assert cell_text(0.5, "0%") == "50%"
    assert cell_text(5.6, "0.00") == "5.60"  # a format's decimals pad ...
    assert cell_text(5.678, "0.0") == "5.678"  # ... but never round a result away
    assert cell_text(7, '0.0 "mmol/L"') == "7.0"
    assert cell_text(12345678901234) == "12345678901234"
    assert cell_text(datetime.datetime(2024, 3, 2)) == "2024-03-02"
    assert cell_text(datetime.datetime(2024, 3, 2, 14, 30)) == "2024-03-02 14:30"
    assert cell_text(datetime.date(2024, 3, 2)) == "2024-03-02"
    assert cell_text(datetime.time(8, 5, 30)) == "08:05:30"
    assert cell_text(True) == "TRUE"
    assert cell_text("  Smith,\n J ") == "Smith, J"
    assert cell_text(None) == ""


def test_formats_and_quotes_in_a_workbook() -> None:
    def shape(workbook: Any) -> None:
        sheet = workbook["Bloods"]
        sheet["C2"].number_format = "0.0%"
        sheet["D2"].number_format = "0.00"

    rows = [["Test", "Comment", "Sat", "Hb"], ["FBC", 'Smith, J said "ok"', 0.954, 12.5]]
    document = extract("b.xlsx", make_xlsx({"Bloods": rows}, shape=shape))
    assert document.text.splitlines()[2:] == [
        "Test,Comment,Sat,Hb",
        'FBC,"Smith, J said ""ok""",95.4%,12.50',
    ]


def test_a_formula_is_read_by_the_value_excel_saved_never_evaluated() -> None:
    rows = [["Test", "Value", "Double"], ["K", 2.8, "=B2*2"], ["Na", 140, "=B3+1"]]
    data = with_cached_value(make_xlsx({"Sheet1": rows}), "B2*2", "5.6")
    lines = extract("f.xlsx", data).text.splitlines()
    assert lines[2:] == ["Test,Value,Double", "K,2.8,5.6", "Na,140,"]  # B3+1 has no saved value


def test_a_cell_openpyxl_cannot_read_warns_nothing_of_its_value() -> None:
    """openpyxl's warning quotes the cell's value (on standard error, in a log)."""
    data = make_xlsx({"Renal": [["Date", "K"], [datetime.date(2024, 3, 2), 5.6]]})
    bad = with_parts(data, lambda name, part: part.replace(b"<v>45353</v>", b"<v>1e20</v>"))
    with warnings.catch_warnings(record=True) as caught:  # the process's filters, recorded
        text = extract("bad.xlsx", bad).text
    assert text.splitlines()[2:] == ["Date,K", "#VALUE!,5.6"]
    assert [str(w.message) for w in caught] == []


def test_empty_rows_and_columns_are_trimmed_and_a_gap_parts_blocks() -> None:
    rows: list[list[object]] = [
        [],
        [None, None, "Date", None, "K"],
        [None, None, datetime.datetime(2024, 3, 2), None, 5.6],
        [],
        [],
        [None, None, "Reviewed by", None, "Dr Okafor"],
    ]
    document = extract("gaps.xlsx", make_xlsx({"Sheet1": rows}))
    assert document.text == "Sheet1\n\nDate,K\n2024-03-02,5.6\n\nReviewed by,Dr Okafor"


def test_merged_group_headings_name_each_column_and_a_title_stays_once() -> None:
    def shape(workbook: Any) -> None:
        sheet = workbook["FBC"]
        sheet.merge_cells("A1:D1")  # the title, alone on its row
        sheet.merge_cells("B2:C2")  # a group heading over two columns
        sheet.merge_cells("A2:A3")  # "Date" over the units row

    rows = [
        ["Full blood count"],
        ["Date", "Counts", None, "Hb"],
        [None, "WCC", "Plt", "g/L"],
        [datetime.datetime(2024, 3, 2), 7.1, 250, 131],
    ]
    document = extract("fbc.xlsx", make_xlsx({"FBC": rows}, shape=shape))
    assert document.text.splitlines()[2:] == [
        "Full blood count,,,",
        "Date,Counts,Counts,Hb",
        ",WCC,Plt,g/L",
        "2024-03-02,7.1,250,131",
    ]


def test_every_visible_sheet_is_a_section_and_hidden_ones_are_reported() -> None:
    sheets = {
        "Renal": RENAL["Renal"],
        "Lookup": [["code", "name"], [1, "x"]],
        "Liver, LFT": [["Date", "ALT"], [datetime.datetime(2024, 3, 2), 41]],
        "Empty": [],
    }
    document = extract("two.xlsx", make_xlsx(sheets, hidden=["Lookup"]))
    assert [s.title for s in document.sections] == ["Renal", "Liver, LFT"]
    assert '\n\n"Liver, LFT"\n\nDate,ALT\n2024-03-02,41' in document.text
    assert "Lookup" not in document.text and "code" not in document.text
    (note,) = document.notes
    assert note.startswith("1 hidden sheet not imported, as Excel does not show it")


def test_a_macro_enabled_workbook_is_read_for_its_data() -> None:
    assert format_for(Path("labs.xlsm")).file_type == "xlsx"
    assert "5.6" in extract("labs.xlsm", make_xlsx(RENAL)).text


# ---- the chunker and the checks read it as a CSV --------------------------------------------


def test_a_long_sheet_s_later_passages_are_indexed_with_its_columns() -> None:
    data, _ = lab_workbook()
    document = extract("labs.xlsx", data)
    chunks = chunk_document(
        document, Words(), ChunkingParams(max_tokens=120, overlap_tokens=10), file_name="labs.xlsx"
    )
    assert len(chunks) > 10
    assert "Date,Hb,WCC,Plt,Na,K,Creat" in chunks[0].text
    assert "Columns" not in (chunks[0].context or "")
    for chunk in chunks[1:]:
        assert chunk.text == document.text[chunk.start : chunk.end]
        assert chunk.context is not None and chunk.context.endswith(
            "Columns: Date, Hb (hemoglobin), WCC (wbc), Plt (platelets), Na (sodium),"
            " K (potassium), Creat (creatinine)"
        ), chunk.context


def test_the_grounding_checks_read_a_workbook_s_potassium() -> None:
    passage = extract("renal.xlsx", make_xlsx(RENAL)).text

    def kinds(answer: str) -> list[str]:
        return [flag.kind for flag in ground(answer, {1: passage}).flags]

    assert kinds("The potassium was 5.6 mmol/L on 2 March 2024 [1].") == []
    assert kinds("The potassium was 139 mmol/L on 2 March 2024 [1].") == ["misattributed_value"]
    assert kinds("The potassium was 4.1 mmol/L on 2 March 2024 [1].") == ["misattributed_value"]
    assert kinds("The potassium was 6.5 mmol/L on 2 March 2024 [1].") == ["unverified_number"]


# ---- bad workbooks ------------------------------------------------------------------------------


def test_an_old_xls_is_refused_with_what_to_do() -> None:
    with pytest.raises(errors.UnsupportedFormatError) as caught:
        format_for(Path("results.xls"))
    assert "old Excel 97-2003 workbook" in caught.value.reason
    assert "save it as .xlsx (or as CSV)" in caught.value.reason


def test_a_password_protected_workbook_is_named_so() -> None:
    with pytest.raises(errors.EncryptedDocumentError) as caught:
        extract("locked.xlsx", make_encrypted_office_file())
    assert caught.value.reason.startswith("password-protected Excel workbook; open it in Excel")


def test_an_old_xls_renamed_xlsx_is_named_so() -> None:
    with pytest.raises(errors.CorruptFileError, match=r"old Excel 97-2003 workbook \(\.xls\)"):
        extract("old.xlsx", make_compound_file(["Workbook"]))


def test_a_csv_named_xlsx_is_told_to_be_renamed() -> None:
    with pytest.raises(errors.CorruptFileError) as caught:
        extract("labs.xlsx", b"Date,Na,K\n2024-03-02,139,5.6\n")
    assert "its content is text" in caught.value.reason
    assert "rename it to end in .csv" in caught.value.reason


def test_a_damaged_workbook_is_refused() -> None:
    data = make_xlsx(RENAL)
    with pytest.raises(errors.CorruptFileError, match="cut short"):
        extract("cut.xlsx", data[: len(data) // 2])
    broken = with_parts(data, cut_in_half("xl/workbook.xml"))
    with pytest.raises(errors.CorruptFileError, match="damaged Excel workbook"):
        extract("broken.xlsx", broken)


def test_a_zip_without_a_workbook_is_no_xlsx() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(errors.CorruptFileError, match="without an Excel workbook inside"):
        extract("archive.xlsx", buffer.getvalue())


def test_a_zip_bomb_workbook_is_refused() -> None:
    with pytest.raises(errors.ArchiveBombError, match="zip bomb"):
        extract("bomb.xlsx", make_zip_bomb("xl/workbook.xml"))
    with pytest.raises(errors.ArchiveBombError, match="would expand"):
        extract_xlsx(make_xlsx(RENAL), "big.xlsx", ZipLimits(max_total_uncompressed=1000))


def test_an_empty_workbook_has_no_text() -> None:
    with pytest.raises(errors.NoTextError, match="no cells with content in the workbook"):
        extract("empty.xlsx", make_xlsx({"Sheet1": []}))
    with pytest.raises(errors.NoTextError, match=r"\(1 hidden sheet not read\)"):
        extract("hidden.xlsx", make_xlsx({"A": [], "B": [["x", 1]]}, hidden=["B"]))


def test_a_word_document_named_xlsx_is_told_to_be_renamed() -> None:
    with pytest.raises(errors.CorruptFileError, match=r"Word document named \.xlsx"):
        extract("letter.xlsx", make_docx([("p", "Hello.")]))
