"""Review 59a of the cell notes ingest59 imports after a sheet's rows: a note's author is written
after "by", so a redacted export removes a login name or a surname alone; a note carries the
value it is on, so cited alone it grounds a sentence about that result; an author Excel wrote
empty is no author; and the note lines are written in linear time."""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path
from typing import Any

from fixtures.office_files import make_ods, make_xlsx, ods_cell, with_parts
from fixtures.timing import assert_linear
from odf import dc, office, text
from openpyxl.comments import Comment

from medlocal.ingest.extractors.sheet_text import Program, SheetCells, sheets_document
from medlocal.ingest.formats import extract_file
from medlocal.privacy.redact import Redactor
from medlocal.rag.grounding import ground

LAB = [["Date", "Na", "K"]] + [
    [datetime.date(2024, 3, 1) + datetime.timedelta(days=day), 138, 4.1] for day in range(3)
]


def extract(name: str, data: bytes):  # type: ignore[no-untyped-def]
    return extract_file(Path("/some/private/folder") / name, data)


def _calc_note(value: object, note: str, author: str) -> Any:
    cell = ods_cell(value)
    annotation = office.Annotation()
    annotation.addElement(dc.Creator(text=author))
    annotation.addElement(text.P(text=note))
    cell.insertBefore(annotation, cell.firstChild)
    return cell


def test_a_notes_author_is_removed_by_the_redactor_even_a_login_name_or_surname() -> None:
    def shape(workbook: Any) -> None:
        workbook["Renal"]["C2"].comment = Comment("jokafor:\nhaemolysed", "jokafor")
        workbook["Renal"]["C3"].comment = Comment("repeat sent", "Hale")

    excel = extract("renal.xlsx", make_xlsx({"Renal": LAB}, shape=shape)).text
    rows = [row[:] for row in LAB]
    rows[1][2] = _calc_note(4.1, "haemolysed", "jokafor")
    rows[2][2] = _calc_note(4.1, "repeat sent", "Hale")
    calc = extract("renal.ods", make_ods(rows)).text
    # Excel's "jokafor:" opening the note's text is its author's name, written once.
    assert "C2 note on 4.1 (K / 2024-03-01) by jokafor: haemolysed" in excel
    redactor = Redactor(date_mode="shift", shift_days=10)
    for read in (excel, calc):
        redacted = redactor.redact(read)
        assert "jokafor" not in redacted and "Hale" not in redacted, redacted
        assert "haemolysed" in redacted and "repeat sent" in redacted
    # Must still go, written as before: a full name, a titled name, a name with a comma.
    for author in ("Jide Okafor", "Dr Okafor", "Okafor, Jide"):
        line = f"C3 note on 5.6 (K / 2024-03-02) by {author}: haemolysed"
        assert "Okafor" not in redactor.redact(line)


def test_a_note_cited_alone_carries_the_result_it_is_on() -> None:
    rows: list[list[Any]] = [["Date", "Na", "K"]]
    rows += [
        [datetime.date(2024, 1, 1) + datetime.timedelta(days=day), 138, 4.0 + day % 9 / 10]
        for day in range(200)
    ]

    def shape(workbook: Any) -> None:
        workbook["Renal"]["C150"].comment = Comment("haemolysed, repeat sent", "Dr Okafor")

    read = extract("renal.xlsx", make_xlsx({"Renal": rows}, shape=shape)).text
    note = read.splitlines()[-1]
    assert note == '"C150 note on 4.4 (K / 2024-05-28) by Dr Okafor: haemolysed, repeat sent"'
    said = "The potassium of 4.4 mmol/L on 28 May 2024 was from a haemolysed sample [1]."
    assert ground(said, {1: note}).flags == []
    assert ground(said.replace("4.4", "4.7"), {1: note}).flags != []


def test_a_note_whose_author_excel_wrote_empty_names_no_author() -> None:
    def shape(workbook: Any) -> None:
        workbook["Renal"]["C3"].comment = Comment("haemolysed", "")

    data = make_xlsx({"Renal": LAB}, shape=shape)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert b"<author></author>" in archive.read("xl/comments/comment1.xml")
    read = extract("renal.xlsx", data).text
    assert read.splitlines()[-1] == "C3 note on 4.1 (K / 2024-03-02): haemolysed"


def test_note_lines_are_written_in_linear_time() -> None:
    def notes_on_every_result(count: int) -> object:
        cells = SheetCells()
        cells.add(1, 1, "Date", False)
        cells.add(1, 2, "K", False)
        for row in range(2, count + 2):
            cells.add(row, 1, f"2024-03-{row % 28 + 1:02d}", True)
            cells.add(row, 2, "4.1", True)
            cells.add_note(row, 2, "haemolysed", "Dr Okafor")
        return sheets_document([("Renal", cells)], "xlsx", "renal.xlsx", Program("Excel", ""))

    assert_linear(notes_on_every_result, 600)


def test_a_damaged_or_missing_notes_part_leaves_the_notes_out_and_the_cells_in() -> None:
    def shape(workbook: Any) -> None:
        workbook["Renal"]["C3"].comment = Comment("haemolysed", "Dr Okafor")

    data = make_xlsx({"Renal": LAB}, shape=shape)
    cut = with_parts(
        data, lambda name, part: b"<comments><authors><author>" if "comments/" in name else part
    )
    missing = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(missing, "w") as target:
        for entry in source.infolist():
            if entry.filename != "xl/comments/comment1.xml":
                target.writestr(entry, source.read(entry.filename))
    for damaged in (cut, missing.getvalue()):
        read = extract("renal.xlsx", damaged)  # main: refused, "damaged Excel workbook"
        assert read.text.splitlines()[-1] == "2024-03-03,138,4.1"
        assert read.notes == (
            "the cell notes of 1 sheet not imported, as its notes part is damaged (the cells "
            "were imported): to import the notes, open the workbook in Excel, save it and "
            "import it again",
        )
