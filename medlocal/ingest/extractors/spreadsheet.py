"""Excel workbooks (.xlsx, and the data of a macro-enabled .xlsm): each sheet Excel shows, as
a table in the text a CSV export of it holds, under the sheet's name as a heading
(sheet_text.py: so the grounding checks and the chunker read its rows as a CSV's).

Cells read (sheet_cells.py): numbers as written, dates as ISO dates, the values formulas had
when the workbook was last saved (never evaluated here); cells' comments and notes after the
sheet's rows (xlsx_comments.py), an Excel 365 thread with its replies' authors and dates
(xlsx_threads.py). Hidden sheets are left out, as Excel
does not show them; hidden rows and columns are kept: they are data, and read-only reading sees
no row or column formatting. openpyxl reads the workbook read-only (streamed, sheet by sheet);
it parses with defusedxml (installed with the application), and the zip is checked first
(zipped.py).
"""

from __future__ import annotations

import datetime
import io
import logging
import warnings
from collections.abc import Iterator
from typing import Any

import openpyxl
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet._reader import WorkSheetParser

from medlocal.ingest.document import ExtractedDocument
from medlocal.ingest.errors import CorruptFileError, IngestError
from medlocal.ingest.extractors.sheet_cells import cell_text
from medlocal.ingest.extractors.sheet_text import (
    Program,
    SheetBudget,
    SheetCells,
    sheets_document,
)
from medlocal.ingest.extractors.xlsx_comments import sheet_comments
from medlocal.ingest.extractors.xlsx_threads import sheet_threads, workbook_persons
from medlocal.ingest.extractors.zipped import (
    COMPOUND_FILE_MAGIC,
    ZIP_MAGIC,
    ZipKind,
    ZipLimits,
    check_zip_container,
)
from medlocal.ingest.sniff import text_suffix

log = logging.getLogger(__name__)

XLSX = ZipKind(
    main_part="xl/workbook.xml",
    named="Excel workbook",
    label="XLSX",
    not_zip="not an Excel workbook (not a zip archive; save old .xls files as .xlsx)",
    unlock="open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt "
    "with Password, and clear it) and import it again",
    legacy_stream="Workbook",
    legacy="old Excel 97-2003 workbook (.xls) renamed .xlsx; open it in Excel or LibreOffice "
    "Calc, save it as .xlsx (or CSV) and import that",
)
# openpyxl warns of what it does not read (data validation, conditional formatting) and of cells
# it cannot make sense of, quoting their values ("Cell A2 is marked as a date but the serial
# value 1e+20 ..."): a patient's data on standard error. The cell then reads "#VALUE!", as in
# Excel. Its own warnings only are ignored, by a filter put first before each read (set once at
# import, a catch_warnings block around the import took it away again when the block ended;
# catch_warnings around each read would swap the process's filters under its other threads).
_OPENPYXL_MODULES = r"openpyxl(\.|$)"
_SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_SHEET_DATA, _ROW, _MERGE_CELL = f"{_SHEET_NS}sheetData", f"{_SHEET_NS}row", f"{_SHEET_NS}mergeCell"
_CELL, _FORMULA, _VALUE = f"{_SHEET_NS}c", f"{_SHEET_NS}f", f"{_SHEET_NS}v"


def extract_xlsx(data: bytes, file_name: str, limits: ZipLimits | None = None) -> ExtractedDocument:
    warnings.filterwarnings("ignore", module=_OPENPYXL_MODULES)  # kept once, however often set
    if not data.startswith((ZIP_MAGIC, COMPOUND_FILE_MAGIC)) and text_suffix(data) == ".txt":
        raise CorruptFileError(
            file_name,
            "not an Excel workbook: its content is text (a CSV table saved under an Excel "
            "name?); rename it to end in .csv and import it again",
        )
    check_zip_container(data, file_name, XLSX, limits).close()
    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True, keep_links=False
        )
    except IngestError:
        raise
    except Exception as err:  # openpyxl raises many types on damaged parts
        log.debug("Excel workbook could not be opened: %s", type(err).__name__)
        raise CorruptFileError(file_name, "damaged Excel workbook that cannot be read") from None
    try:
        return _extract(workbook, file_name)
    except IngestError:
        raise
    except Exception as err:
        log.debug("Excel workbook could not be read: %s", type(err).__name__)
        raise CorruptFileError(file_name, "damaged Excel workbook that cannot be read") from None
    finally:
        workbook.close()


_EXCEL = Program("Excel", "unhide it in Excel (right-click a sheet tab › Unhide)")


def _extract(workbook: Any, file_name: str) -> ExtractedDocument:
    budget = SheetBudget(file_name)
    persons = _persons(workbook)
    sheets = (
        (
            sheet.title,
            _read_sheet(sheet, budget, persons) if sheet.sheet_state == "visible" else None,
        )
        for sheet in workbook.worksheets
    )
    return sheets_document(sheets, "xlsx", file_name, _EXCEL)


def _persons(workbook: Any) -> dict[str, str] | None:
    """Who wrote the workbook's threaded comments (xlsx_threads.py); None when the part that
    says so is damaged (the threads are read without their authors, said in the report)."""
    try:
        return workbook_persons(workbook._archive)
    except DefusedXmlException:
        raise
    except Exception as err:  # openpyxl and the XML parser raise many types on damaged parts
        log.debug("the workbook's persons could not be read: %s", type(err).__name__)
        return None


def _comments(
    sheet: Any, cells: SheetCells, persons: dict[str, str] | None
) -> list[tuple[int, int, str, str]]:
    """The sheet's cell notes (xlsx_comments.py), a thread read from its own part in place of
    the copy Excel writes among the notes (xlsx_threads.py). A notes part that is missing or
    damaged leaves the notes out, said in the import report: the rows are read as they were
    before notes were (Excel itself repairs such a file and shows its cells). A damaged threads
    part leaves Excel's copy of each thread (without authors or dates), said in the report. An
    entity or a DTD in either refuses the workbook, as in any part."""
    try:
        notes = list(sheet_comments(sheet))
    except DefusedXmlException:
        raise
    except Exception as err:  # openpyxl and the XML parser raise many types on damaged parts
        log.debug("a sheet's notes could not be read: %s", type(err).__name__)
        cells.unread_notes = True
        notes = []
    try:
        threads = {(t.row, t.column): t for t in sheet_threads(sheet, persons or {})}
    except DefusedXmlException:
        raise
    except Exception as err:
        log.debug("a sheet's threaded comments could not be read: %s", type(err).__name__)
        cells.unread_threads = True
        return notes
    cells.unread_threads = bool(threads) and persons is None
    kept = [note for note in notes if (note[0], note[1]) not in threads]
    return kept + [(t.row, t.column, t.text, t.author) for t in threads.values()]


def _read_sheet(sheet: Any, budget: SheetBudget, persons: dict[str, str] | None) -> SheetCells:
    cells = SheetCells()
    part = _SheetPart()
    for row_number, column, cell in part.filled_cells(sheet):
        text = cell_text(cell.value, cell.number_format)
        budget.spend(1, len(text))
        cells.add(row_number, column, text, _is_figure(cell.value))
    for row_number, column, note, author in _comments(sheet, cells, persons):
        budget.spend(0, len(note) + len(author))
        cells.add_note(row_number, column, note, author)
    cells.merged, cells.unsaved_formulas = part.merged, part.unsaved_formulas
    return cells


class _SheetPart:
    """One reading of a sheet's part: its filled cells, as it holds them, and on the way its
    merged ranges and how many formula cells hold no saved value (a workbook a program wrote:
    openpyxl gives them as empty cells). openpyxl's read-only sheets do not read merged ranges,
    and the part was read a second time for them: a third of a 40,000-row export's extraction
    (user62). Each row is let go as soon as it is passed."""

    def __init__(self) -> None:
        self.merged: list[tuple[int, int, int, int]] = []
        self.unsaved_formulas = 0

    def filled_cells(self, sheet: Any) -> Iterator[tuple[int, int, Any]]:
        """(row, column, cell) for each cell the sheet's part holds, as it holds them. Not
        ``iter_rows``: it pads each row out to its last cell (or to the declared dimension), so
        a row holding one cell in column XFD would cost 16,384 cells, and a small file of such
        rows minutes. Each row is read by the parser ``iter_rows`` uses, set up as it sets it up
        (openpyxl is pinned); ``_get_source`` is the read-only sheet's own way to open its
        part."""
        workbook = sheet.parent
        sheet_data = None
        with sheet._get_source() as source:
            parser = WorkSheetParser(
                source,
                sheet._shared_strings,
                data_only=workbook.data_only,
                epoch=workbook.epoch,
                date_formats=workbook._date_formats,
                timedelta_formats=workbook._timedelta_formats,
            )
            for event, element in iterparse(source, events=("start", "end")):
                tag = element.tag
                if event == "start":
                    if tag == _SHEET_DATA:
                        sheet_data = element
                elif tag == _ROW:
                    row_number, row = parser.parse_row(element)
                    self.unsaved_formulas += sum(map(_unsaved_formula, element))
                    if sheet_data is not None:
                        sheet_data.remove(element)
                    for found in row:
                        if found["value"] is not None:
                            yield row_number, found["column"], ReadOnlyCell(sheet, **found)
                elif tag == _MERGE_CELL:
                    self._add_merge(element.get("ref", ""))

    def _add_merge(self, ref: str) -> None:
        try:
            bounds = range_boundaries(ref)
        except (TypeError, ValueError):
            return  # a damaged range names no cells: nothing to fill
        if None not in bounds:
            first_column, first_row, last_column, last_row = bounds
            self.merged.append((first_column, first_row, last_column, last_row))


def _unsaved_formula(cell: Any) -> bool:
    return cell.find(_FORMULA) is not None and not (cell.findtext(_VALUE) or "").strip()


def _is_figure(value: object) -> bool:
    return isinstance(value, int | float | datetime.date | datetime.time) and not isinstance(
        value, bool
    )
