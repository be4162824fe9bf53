"""Review of ingest58's sheet readers (review58c): a workbook's figures as the cell shows them
with every digit (identifiers stored as numbers, small figures, zero-padded hospital numbers,
durations), and small files that would fill the memory or take minutes refused or read quickly.
"""

from __future__ import annotations

import datetime
import io
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from fixtures.office_files import make_ods, make_xlsx, with_parts
from fixtures.timing import assert_flat
from odf import table, text

from medlocal.ingest import errors
from medlocal.ingest.document import ExtractedDocument
from medlocal.ingest.extractors.sheet_cells import cell_text
from medlocal.ingest.formats import extract_file


def _read(name: str, data: bytes) -> ExtractedDocument:
    return extract_file(Path("/clinic") / name, data)


def _formats(formats: dict[str, str]) -> Any:
    def shape(workbook: Any) -> None:
        for ref, number_format in formats.items():
            workbook.active[ref].number_format = number_format

    return shape


def test_identifiers_stored_as_numbers_keep_every_digit() -> None:
    # A lab system's export writes accession numbers and SNOMED codes as whole numbers; 15
    # significant digits wrote them "1.23456789012346e+15" and "1.23456789100000e+17".
    rows = [
        ["NHS number", "Accession", "SNOMED"],
        [9434765919, 1234567890123456, 123456789100000017],
    ]
    # openpyxl writes an 18-digit number as a float; a lab system writes every digit.
    workbook = with_parts(
        make_xlsx({"Ids": rows}),
        lambda name, part: part.replace(b"<v>1.234567891e+17</v>", b"<v>123456789100000017</v>"),
    )
    assert _read("ids.xlsx", workbook).text.splitlines()[-1] == (
        "9434765919,1234567890123456,123456789100000017"
    )
    assert _read("ids.ods", make_ods(rows)).text.splitlines()[-1] == (
        "9434765919,1234567890123456,123456789100000017"
    )


def test_figures_are_written_without_exponents_and_as_the_cell_shows_them() -> None:
    rows = [
        ["Test", "Value"],
        ["Troponin ratio", 0.00001],
        ["MRN", 123456],
        ["Infusion time", datetime.timedelta(hours=36)],
        ["Total", 1e15],
    ]
    shape = _formats({"B3": "00000000", "B4": "[h]:mm"})
    lines = _read("figures.xlsx", make_xlsx({"Sheet": rows}, shape=shape)).text.splitlines()
    assert lines[-4:] == [
        "Troponin ratio,0.00001",
        "MRN,00123456",
        "Infusion time,36:00",
        "Total,1000000000000000",
    ]
    # Float noise still goes, a format's decimals still pad, a value is never rounded away.
    assert cell_text(4.2000000000000002) == "4.2"
    assert cell_text(5.6, "0.00") == "5.60"
    assert cell_text(-0.0000001) == "-0.0000001"
    assert cell_text(1e-12) == "1e-12"  # past a lab's figures: as Python writes it
    assert cell_text(-5, "000") == "-005"
    assert cell_text(datetime.timedelta(hours=-1, minutes=-30)) == "-1:30"


def _shared_string_bomb(rows: int, length: int) -> bytes:
    """A workbook whose one shared string of ``length`` characters fills ``rows`` cells: a
    small file (the string is stored once) that Excel would show as ``rows`` long cells."""
    data = make_xlsx({"Sheet": [["x"]]})
    cells = "".join(f'<row r="{n}"><c r="A{n}" t="s"><v>0</v></c></row>' for n in range(2, rows))
    strings = (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main"><si><t>{"y" * length}</t></si></sst>'
    ).encode()
    relation = (
        b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
    )
    content_type = (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )

    def change(name: str, part: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            return part.replace(b"</sheetData>", cells.encode() + b"</sheetData>")
        if name == "xl/_rels/workbook.xml.rels":
            return part.replace(b"</Relationships>", relation)
        if name == "[Content_Types].xml":
            return part.replace(b"</Types>", content_type)
        return part

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        with zipfile.ZipFile(io.BytesIO(with_parts(data, change))) as source:
            for entry in source.infolist():
                target.writestr(entry.filename, source.read(entry.filename))
        target.writestr("xl/sharedStrings.xml", strings)
    return out.getvalue()


def test_a_small_workbook_naming_one_long_string_everywhere_is_refused() -> None:
    # ~100 KB that read as 600,000,000 characters (1.2 GB) on main.
    bomb = _shared_string_bomb(20_000, 30_000)
    assert len(bomb) < 200_000
    with pytest.raises(errors.ArchiveBombError, match="characters of text"):
        _read("bomb.xlsx", bomb)
    # The same workbook with short strings is read.
    assert _read("fine.xlsx", _shared_string_bomb(200, 30)).text.count("y" * 30) == 198


def _ods_cell(value: str, **repeated: int) -> Any:
    cell = table.TableCell(valuetype="string", **repeated)
    cell.addElement(text.P(text=value))
    return cell


def test_an_opendocument_sheet_repeating_a_cell_past_any_sheet_is_refused_before_it_is_made() -> (
    None
):
    # A cell repeated a billion times across a row: main built the billion cells before it
    # counted them (minutes, then memory); a long cell repeated down 40,000 rows read as
    # 4,000,000,000 characters (7.7 GB).
    wide = make_ods([["Hb", _ods_cell("120", numbercolumnsrepeated=1_000_000_000)]])
    started = time.process_time()
    with pytest.raises(errors.ArchiveBombError, match="possible zip bomb"):
        _read("wide.ods", wide)
    assert time.process_time() - started < 5
    row = table.TableRow(numberrowsrepeated=40_000)
    row.addElement(_ods_cell("y" * 100_000))
    sheet = table.Table(name="Long")
    sheet.addElement(row)
    with pytest.raises(errors.ArchiveBombError, match="characters of text"):
        _read("long.ods", make_ods([["Hb", 120]], sheet))


def test_a_cell_far_to_the_right_costs_what_a_cell_in_column_a_costs() -> None:
    # Each row of openpyxl's iter_rows is padded out to its last cell: 1,000 rows with one cell
    # in column XFD (16,384) took seconds, a small file of such rows minutes.
    def workbook(column: str) -> bytes:
        cells = "".join(
            f'<row r="{n}"><c r="{column}{n}"><v>{n}</v></c></row>' for n in range(1, 1001)
        )
        data = make_xlsx({"Sheet": [[]]})
        return with_parts(
            data,
            lambda name, part: (
                part.replace(b"<sheetData></sheetData>", f"<sheetData>{cells}</sheetData>".encode())
                if name == "xl/worksheets/sheet1.xml"
                else part
            ),
        )

    files = {1: workbook("A"), 16_384: workbook("XFD")}
    assert _read("far.xlsx", files[16_384]).text.splitlines()[2:4] == ["1", "2"]
    assert_flat(lambda column: _read("far.xlsx", files[column]), 1, 16_384)


def test_formulas_a_program_wrote_without_their_values_are_told_not_left_silently_empty() -> None:
    # openpyxl (and other programs) write formulas without the value Excel saves with them: an
    # eGFR column computed by a formula read empty, with nothing to say it was not.
    rows = [["Creat", "eGFR"], [80, "=186*(A2/88.4)^-1.154"], [120, "=186*(A3/88.4)^-1.154"]]
    document = _read("egfr.xlsx", make_xlsx({"Renal": rows}))
    assert document.text.splitlines()[2:] == ["Creat,eGFR", "80,", "120,"]
    assert document.notes == (
        "2 formula cells without a saved value read empty (the workbook was written by a "
        "program and never saved in Excel, which saves what each formula comes to): to have "
        "them read, open it in Excel, save it and import it again",
    )
    only_formulas = make_xlsx({"Renal": [["=1+1"]]})
    with pytest.raises(errors.NoTextError, match=r"\(1 formula cell without a saved value\)"):
        _read("sums.xlsx", only_formulas)
    saved = with_parts(
        make_xlsx({"Renal": [[80, "=A1*2"]]}),
        lambda name, part: part.replace(b"<f>A1*2</f><v></v>", b"<f>A1*2</f><v>160</v>"),
    )
    assert _read("saved.xlsx", saved).notes == ()
    assert _read("saved.xlsx", saved).text.splitlines()[-1] == "80,160"
