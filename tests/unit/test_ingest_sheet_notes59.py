"""Spreadsheet leftovers (ingest59): a cell's comment or note is clinical content, imported after
its sheet's rows named by its cell, column and row, for .xlsx and .ods alike; an .ods cell's
number format (decimals, percentages, currency, a spaced NHS number format) is written as an
.xlsx cell under the same format is."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from fixtures.office_files import make_ods, make_xlsx, ods_cell, odt_bytes, with_parts
from odf import dc, number, office, style, table, text
from odf.opendocument import OpenDocumentSpreadsheet
from openpyxl.comments import Comment

from medlocal.delimited_tables import delimited_tables
from medlocal.ingest import errors
from medlocal.ingest.formats import extract_file
from medlocal.rag.grounding import ground

RENAL: list[list[Any]] = [
    ["Date", "Na", "K"],
    [datetime.date(2024, 3, 1), 140, 4.1],
    [datetime.date(2024, 3, 2), 139, 5.6],
]
# What Excel writes in a sheet's notes part for a threaded comment (Excel 365), for versions
# that cannot read threads.
THREAD_COPY = (
    "[Threaded comment]\n\nYour version of Excel allows you to read this threaded comment; "
    "however, any edits to it will get removed if the file is opened in a newer version of "
    "Excel. Learn more: https://go.microsoft.com/fwlink/?linkid=870924\n\nComment:\n"
    "    lipaemic sample\nReply:\n    noted, repeat booked"
)


def extract(name: str, data: bytes):  # type: ignore[no-untyped-def]
    return extract_file(Path("/some/private/folder") / name, data)


def _noted_workbook(hidden: tuple[str, ...] = ()) -> bytes:
    def shape(workbook: Any) -> None:
        sheet = workbook["Renal"]
        sheet["C3"].comment = Comment("Dr Okafor:\nhaemolysed, repeat sent", "Dr Okafor")
        sheet["C2"].comment = Comment(THREAD_COPY, "tc={0C5A7B2E-1D2F-4C3B-9A8E-7F6D5C4B3A21}")
        sheet["B1"].comment = Comment("sodium on the venous gas", "A. Nurse")
        workbook["Lookup"]["A1"].comment = Comment("old ranges", "Dr Okafor")

    sheets = {"Renal": RENAL, "Lookup": [["code", 1]]}
    return make_xlsx(sheets, hidden=hidden, shape=shape)


def test_excel_notes_and_threads_are_imported_after_their_sheet_named_by_cell() -> None:
    document = extract("renal.xlsx", _noted_workbook(hidden=("Lookup",)))
    assert document.text == (
        "Renal\n\n"
        "Date,Na,K\n2024-03-01,140,4.1\n2024-03-02,139,5.6\n\n"
        "B1 note on Na by A. Nurse: sodium on the venous gas\n"
        '"C2 note on 4.1 (K / 2024-03-01): lipaemic sample; reply: noted, repeat booked"\n'
        '"C3 note on 5.6 (K / 2024-03-02) by Dr Okafor: haemolysed, repeat sent"'
    )
    assert "old ranges" not in document.text  # a hidden sheet's notes stay with it
    # The notes are no rows of the table: it still has its header and its two rows.
    (found,) = delimited_tables(document.text)
    assert len(found.header) == 1 and len(found.rows) == 2
    # Cited, the note is the passage's text: "haemolysed" is read where the value is.
    passages = {1: document.text}
    said = "The potassium of 5.6 mmol/L on 2 March 2024 was from a haemolysed sample [1]."
    assert ground(said, passages).flags == []


def test_a_shown_sheets_notes_come_after_its_rows_and_a_sheet_of_only_notes_is_kept() -> None:
    def shape(workbook: Any) -> None:
        workbook["Plan"]["C5"].comment = Comment("ask about ACE inhibitor", "Dr Okafor")

    document = extract("plan.xlsx", make_xlsx({"Plan": [[]]}, shape=shape))
    assert document.text == "Plan\n\nC5 note by Dr Okafor: ask about ACE inhibitor"


def test_an_entity_bomb_notes_part_refuses_the_workbook_clearly() -> None:
    data = _noted_workbook()
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<authors><author>x</author></authors><commentList>"
        b'<comment ref="A1" authorId="0"><text><t>&lol2;</t></text></comment>'
        b"</commentList></comments>"
    )
    broken = with_parts(data, lambda name, old: bomb if "comments" in name else old)
    with pytest.raises(errors.CorruptFileError, match="damaged Excel workbook"):
        extract("broken.xlsx", broken)


def _annotated(value: object, note: str, author: str = "") -> Any:
    cell = ods_cell(value)
    annotation = office.Annotation()
    if author:
        annotation.addElement(dc.Creator(text=author))
    annotation.addElement(dc.Date(text="2024-03-02T10:00:00"))
    annotation.addElement(text.P(text=note))
    cell.insertBefore(annotation, cell.firstChild)  # where Calc writes it: before the text
    return cell


def test_calc_comments_are_imported_as_excel_notes_are() -> None:
    rows = [row[:] for row in RENAL]
    rows[2][2] = _annotated(5.6, "haemolysed, repeat sent", "Dr Okafor")
    rows[0][1] = _annotated("Na", "sodium on the venous gas")
    document = extract("renal.ods", make_ods(rows))
    assert document.text.splitlines()[2:] == [
        "Date,Na,K",
        "2024-03-01,140,4.1",
        "2024-03-02,139,5.6",  # the comment's words are not the cell's value
        "",
        "B1 note on Na: sodium on the venous gas",
        '"C3 note on 5.6 (K / 2024-03-02) by Dr Okafor: haemolysed, repeat sent"',
    ]


NUMBER_NS = "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"


def _data_style(kind: Any, name: str, places: int, forced: int, whole: int = 1) -> Any:
    data_style = kind(name=name)
    if kind is number.CurrencyStyle:
        data_style.addElement(number.CurrencySymbol(language="en", country="GB", text="£"))
    digits = number.Number(decimalplaces=str(places), minintegerdigits=str(whole))
    digits.setAttrNS(NUMBER_NS, "min-decimal-places", str(forced))  # ODF 1.3, as Calc writes
    data_style.addElement(digits)
    if kind is number.PercentageStyle:
        data_style.addElement(number.Text(text="%"))
    return data_style


def _formatted_sheet() -> bytes:
    """Calc's formats: 0.00, 0.00%, £#,##0.00 with negatives in brackets, 0.## and the NHS
    number's 000 000 0000; a column whose default cell style is 0.00."""
    document = OpenDocumentSpreadsheet()
    styles = document.automaticstyles
    styles.addElement(_data_style(number.NumberStyle, "N2", 2, 2))
    styles.addElement(_data_style(number.PercentageStyle, "N10", 2, 2))
    positive = _data_style(number.CurrencyStyle, "N20P0", 2, 2)
    negative = _data_style(number.CurrencyStyle, "N20", 2, 2)
    negative.insertBefore(number.Text(text="("), negative.firstChild)
    negative.addElement(number.Text(text=")"))
    negative.addElement(style.Map(condition="value()>=0", applystylename="N20P0"))
    styles.addElement(positive)
    styles.addElement(negative)
    styles.addElement(_data_style(number.NumberStyle, "N30", 2, 0))
    nhs = _data_style(number.NumberStyle, "N40", 0, 0, whole=10)
    for position in ("4", "7"):
        nhs.firstChild.addElement(number.EmbeddedText(position=position, text=" "))
    styles.addElement(nhs)
    named = {"ce1": "N2", "ce2": "N10", "ce3": "N20", "ce4": "N30", "ce5": "N40"}
    for cell_style, data_style in named.items():
        styles.addElement(
            style.Style(name=cell_style, family="table-cell", datastylename=data_style)
        )

    def cell(kind: str, value: str, shown: str, style_name: str = "", **more: str) -> Any:
        made = table.TableCell(valuetype=kind, value=value, **more)
        if style_name:
            made.setAttribute("stylename", style_name)
        made.addElement(text.P(text=shown))
        return made

    sheet = table.Table(name="Results")
    sheet.addElement(table.TableColumn(numbercolumnsrepeated="6"))
    sheet.addElement(table.TableColumn(defaultcellstylename="ce1"))
    heads = ["NHS number", "K", "Sat", "Charge", "Refund", "Ratio", "Hb"]
    rows = [
        [ods_cell(head) for head in heads],
        [
            cell("float", "9434765919", "943 476 5919", "ce5"),
            cell("float", "5.6", "5.60", "ce1"),
            cell("percentage", "0.954", "95.40%", "ce2"),
            cell("currency", "12.5", "£12.50", "ce3", currency="GBP"),
            cell("currency", "-4", "(£4.00)", "ce3", currency="GBP"),
            cell("float", "0.5", "0.5", "ce4"),
            cell("float", "12.5", "12.50"),  # the column's default style: 0.00
        ],
        [cell("float", "12345678", "001 234 5678", "ce5"), cell("float", "5.678", "5.68", "ce1")],
    ]
    for values in rows:
        row = table.TableRow()
        for value in values:
            row.addElement(value)
        sheet.addElement(row)
    document.spreadsheet.addElement(sheet)
    return odt_bytes(document)


def test_calc_number_formats_are_written_as_the_same_excel_formats_are() -> None:
    lines = extract("formats.ods", _formatted_sheet()).text.splitlines()
    assert lines[2:] == [
        "NHS number,K,Sat,Charge,Refund,Ratio,Hb",
        "9434765919,5.60,95.40%,12.50,-4.00,0.5,12.50",
        "0012345678,5.678,,,,,",  # decimals pad, never round a result away
    ]

    def shape(workbook: Any) -> None:
        sheet = workbook["Results"]
        money = '"£"#,##0.00;("£"#,##0.00)'  # negatives in brackets
        codes = ["000 000 0000", "0.00", "0.00%", money, money, "0.##", "0.00"]
        for column, code in zip("ABCDEFG", codes, strict=True):
            for row in (2, 3):
                sheet[f"{column}{row}"].number_format = code

    excel = [
        ["NHS number", "K", "Sat", "Charge", "Refund", "Ratio", "Hb"],
        [9434765919, 5.6, 0.954, 12.5, -4, 0.5, 12.5],
        [12345678, 5.678],
    ]
    same = extract("formats.xlsx", make_xlsx({"Results": excel}, shape=shape))
    assert same.text.splitlines()[2:] == lines[2:]


def test_calc_times_keep_their_sign_and_days() -> None:
    cells = [
        table.TableCell(valuetype="time", timevalue="-PT01H30M00S"),
        table.TableCell(valuetype="time", timevalue="P1DT12H00M00S"),
        table.TableCell(valuetype="time", timevalue="PT08H05M30S"),
    ]
    lines = extract("t.ods", make_ods([["Late", "Stay", "At"], cells])).text.splitlines()
    assert lines[2:] == ["Late,Stay,At", "-1:30,36:00,08:05:30"]
