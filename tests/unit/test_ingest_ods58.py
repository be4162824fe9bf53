"""OpenDocument spreadsheets (ingest58): each sheet LibreOffice Calc shows is read as the table
a CSV export of it holds, from the values the file stores (numbers as written, ISO dates),
as an Excel workbook's sheets are; repeats are bounded and bad files refused."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from fixtures.office_files import (
    cut_in_half,
    make_encrypted_office_file,
    make_ods,
    make_odt,
    ods_sheet,
    odt_bytes,
    with_parts,
)
from odf import style, table, text
from odf.opendocument import OpenDocumentSpreadsheet

from medlocal.ingest import errors
from medlocal.ingest.formats import extract_file
from medlocal.rag.grounding import ground

RENAL = [
    ["Date", "Na", "K", "Creat"],
    [datetime.date(2024, 3, 1), 140, 4.1, 80],
    [datetime.date(2024, 3, 2), 139, 5.6, 88],
]


def extract(name: str, data: bytes):  # type: ignore[no-untyped-def]
    return extract_file(Path("/some/private/folder") / name, data)


def test_a_sheet_reads_as_its_csv_export_and_is_checked_as_one() -> None:
    document = extract("renal.ods", make_ods(RENAL))
    assert document.file_type == "ods"
    assert document.text == (
        "Sheet1\n\nDate,Na,K,Creat\n2024-03-01,140,4.1,80\n2024-03-02,139,5.6,88"
    )
    passages = {1: document.text}
    assert ground("The potassium was 5.6 mmol/L on 2 March 2024 [1].", passages).flags == []
    wrong = ground("The potassium was 139 mmol/L on 2 March 2024 [1].", passages).flags
    assert [flag.kind for flag in wrong] == ["misattributed_value"]


def test_stored_values_repeats_merges_and_types_are_read() -> None:
    percent = table.TableCell(valuetype="percentage", value="0.054")
    percent.addElement(text.P(text="5%"))  # what Calc shows at 0 decimals
    time = table.TableCell(valuetype="time", timevalue="PT14H30M00S")
    time.addElement(text.P(text="14:30"))
    repeated = table.TableCell(valuetype="float", value="7", numbercolumnsrepeated="2")
    repeated.addElement(text.P(text="7"))
    title = table.TableCell(valuetype="string", numbercolumnsspanned="2")
    title.addElement(text.P(text="Counts"))
    rows: list[list[object]] = [
        ["Test", title, table.CoveredTableCell(), "Sat", "At"],
        ["FBC", repeated, percent, time],
    ]
    document = extract("t.ods", make_ods(rows))
    assert document.text.splitlines()[2:] == [
        "Test,Counts,Counts,Sat,At",
        "FBC,7,7,5.4%,14:30",
    ]


def test_hidden_sheets_are_left_out_and_reported() -> None:
    document = OpenDocumentSpreadsheet()
    hiding = style.Style(name="ta2", family="table")
    hiding.addElement(style.TableProperties(display="false"))
    document.automaticstyles.addElement(hiding)
    document.spreadsheet.addElement(ods_sheet("Renal", RENAL))
    lookup = ods_sheet("Lookup", [["code", 1]])
    lookup.setAttribute("stylename", "ta2")
    document.spreadsheet.addElement(lookup)
    read = extract("h.ods", odt_bytes(document))
    assert [s.title for s in read.sections] == ["Renal"] and "code" not in read.text
    (note,) = read.notes
    assert note.startswith("1 hidden sheet not imported, as LibreOffice Calc does not show it")


def test_empty_rows_repeated_to_the_sheet_s_end_cost_nothing() -> None:
    end = table.TableRow(numberrowsrepeated="1048570")
    end.addElement(table.TableCell(numbercolumnsrepeated="1024"))
    sheet = ods_sheet("Renal", RENAL)
    sheet.addElement(end)
    document = OpenDocumentSpreadsheet()
    document.spreadsheet.addElement(sheet)
    assert extract("e.ods", odt_bytes(document)).text.endswith("2024-03-02,139,5.6,88")


def test_a_cell_repeated_millions_of_times_is_refused() -> None:
    row = table.TableRow(numberrowsrepeated="100000")
    cell = table.TableCell(valuetype="float", value="1", numbercolumnsrepeated="100")
    cell.addElement(text.P(text="1"))
    row.addElement(cell)
    sheet = table.Table(name="Bomb")
    sheet.addElement(row)
    document = OpenDocumentSpreadsheet()
    document.spreadsheet.addElement(sheet)
    with pytest.raises(errors.ArchiveBombError, match="over 5,000,000 cells"):
        extract("bomb.ods", odt_bytes(document))


def test_bad_spreadsheets_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(errors.NoTextError, match="no cells with content"):
        extract("empty.ods", make_ods([]))
    with pytest.raises(errors.EncryptedDocumentError, match="password-protected"):
        extract("locked.ods", make_encrypted_office_file())
    with pytest.raises(errors.CorruptFileError, match="damaged OpenDocument spreadsheet"):
        extract("broken.ods", with_parts(make_ods(RENAL), cut_in_half("content.xml")))
    assert capsys.readouterr() == ("", "")  # odfpy printed a part it could not parse
    with pytest.raises(errors.CorruptFileError, match=r"OpenDocument text document named \.ods"):
        extract("letter.ods", make_odt(["Hello."]))
