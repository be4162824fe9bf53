"""Excel workbooks (.xlsx, and the data of a macro-enabled .xlsm): each sheet Excel shows, as
a table in the text a CSV export of it holds, under the sheet's name as a heading.

The text is what the CSV extractor keeps of a lab system's export (comma-separated, a cell with
a comma or a quote in double quotes), so the grounding checks, the chunker's column names for a
table's later passages and the value tables read a workbook's rows as they read a CSV's
(medlocal/delimited_tables.py). Cells read (sheet_cells.py): numbers as written, dates as ISO
dates, the values formulas had when the workbook was last saved (never evaluated here).

- Empty rows and columns are left out; a run of empty rows between two blocks of a sheet is one
  blank line (a table on a sheet goes on past it; a header row after it opens another).
- A cell merged across columns above the sheet's first number (a group heading over "Hb, WCC,
  Plt") names each column it spans ("Full blood count Hb", "Full blood count WCC"); one alone
  on its row (the sheet's title) is written once, as Excel's CSV export writes it.
- Hidden sheets are left out, as Excel does not show them (a clinician expects what they see;
  they usually hold lookups and workings); the import report says how many were. Hidden rows
  and columns are kept: they are data, and read-only reading sees no row or column formatting.
- openpyxl reads the workbook read-only (streamed, sheet by sheet); it parses with defusedxml
  (installed with the application), and the zip is checked first (zipped.py).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import openpyxl
from defusedxml.ElementTree import iterparse
from openpyxl.utils.cell import range_boundaries

from medlocal.ingest.document import DocumentBuilder, ExtractedDocument
from medlocal.ingest.errors import CorruptFileError, IngestError, NoTextError
from medlocal.ingest.extractors.sheet_cells import cell_text
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
_SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_SHEET_DATA, _ROW, _MERGE_CELL = f"{_SHEET_NS}sheetData", f"{_SHEET_NS}row", f"{_SHEET_NS}mergeCell"


def extract_xlsx(data: bytes, file_name: str, limits: ZipLimits | None = None) -> ExtractedDocument:
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


def _extract(workbook: Any, file_name: str) -> ExtractedDocument:
    builder = DocumentBuilder("xlsx")
    hidden = 0
    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible":
            hidden += 1
            continue
        blocks = _sheet_blocks(_read_sheet(sheet))
        if not blocks:
            continue
        builder.add_section_marker(sheet.title)
        builder.add_block(_title_line(sheet.title))
        for block in blocks:
            builder.add_block(block)
    if not builder.has_text:
        unread = f" ({_hidden_words(hidden)} not read)" if hidden else ""
        raise NoTextError(file_name, f"no cells with content in the workbook{unread}")
    document = builder.build()
    if not hidden:
        return document
    note = (
        f"{_hidden_words(hidden)} not imported, as Excel does not show "
        f"{'it' if hidden == 1 else 'them'}: to import {'it' if hidden == 1 else 'them'}, "
        "unhide it in Excel (right-click a sheet tab › Unhide) and import the file again"
    )
    return dataclasses.replace(document, notes=(note,))


def _hidden_words(count: int) -> str:
    return f"{count} hidden sheet{'' if count == 1 else 's'}"


@dataclass
class _Sheet:
    """A sheet's non-empty cells, as text, by row and column (both from 1)."""

    rows: dict[int, dict[int, str]] = field(default_factory=dict)
    # The first row holding a number or a date: the rows above it are the tables' headers.
    first_number_row: int | None = None
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # col, row, col, row


def _read_sheet(sheet: Any) -> _Sheet:
    read = _Sheet()
    # A sheet's declared dimension may be anything ("A1:XFD1048576"): rows are read as the
    # file holds them, not padded out to it.
    sheet.reset_dimensions()
    for row_number, row in enumerate(sheet.iter_rows(), start=1):
        cells: dict[int, str] = {}
        for column, cell in enumerate(row, start=1):
            value = getattr(cell, "value", None)
            text = cell_text(value, getattr(cell, "number_format", None))
            if text:
                cells[column] = text
                if read.first_number_row is None and _is_figure(value):
                    read.first_number_row = row_number
        if cells:
            read.rows[row_number] = cells
    if read.rows:
        read.merged = _merged_ranges(sheet)
    return read


def _is_figure(value: object) -> bool:
    return isinstance(value, int | float | datetime.date | datetime.time) and not isinstance(
        value, bool
    )


def _merged_ranges(sheet: Any) -> list[tuple[int, int, int, int]]:
    """The sheet's merged ranges. openpyxl's read-only sheets do not read them (they follow the
    rows in the sheet's XML), so the sheet's part is read again for them, each row let go as
    soon as it is passed. ``_get_source`` is the read-only sheet's own way to open its part
    (openpyxl is pinned)."""
    ranges: list[tuple[Any, ...]] = []
    sheet_data = None
    with sheet._get_source() as source:
        for event, element in iterparse(source, events=("start", "end")):
            if event == "start":
                if element.tag == _SHEET_DATA:
                    sheet_data = element
            elif element.tag == _ROW and sheet_data is not None:
                sheet_data.remove(element)
            elif element.tag == _MERGE_CELL:
                try:
                    ranges.append(range_boundaries(element.get("ref", "")))
                except (TypeError, ValueError):
                    continue  # a damaged range names no cells: nothing to fill
    return [(a, b, c, d) for a, b, c, d in ranges if None not in (a, b, c, d)]


def _sheet_blocks(sheet: _Sheet) -> list[str]:
    """The sheet's rows as CSV lines, one block for each run of rows without an empty one."""
    if not sheet.rows:
        return []
    _fill_merged_headings(sheet)
    columns = sorted({column for cells in sheet.rows.values() for column in cells})
    blocks: list[list[str]] = []
    previous = None
    for row_number in sorted(sheet.rows):
        if previous is None or row_number != previous + 1:
            blocks.append([])
        cells = sheet.rows[row_number]
        blocks[-1].append(_csv_line(cells.get(column, "") for column in columns))
        previous = row_number
    return ["\n".join(lines) for lines in blocks]


def _fill_merged_headings(sheet: _Sheet) -> None:
    """A cell merged across columns in the header rows names each column it spans, where its
    row names other columns too; one alone on its row (the sheet's title) stays once (module
    text)."""
    header_end = sheet.first_number_row or 0
    for min_col, min_row, max_col, _max_row in sheet.merged:
        cells = sheet.rows.get(min_row, {})
        value = cells.get(min_col)
        if max_col <= min_col or min_row >= header_end or not value:
            continue
        if all(min_col <= column <= max_col for column in cells):
            continue
        for column in range(min_col + 1, max_col + 1):
            cells.setdefault(column, value)


def _title_line(title: str) -> str:
    """A sheet's name as its heading line: one cell under every delimiter a table may use, so
    that no table takes it for a row ("Bloods, renal" quoted, as a CSV quotes a cell)."""
    title = " ".join(title.split())
    if any(mark in title for mark in ',;\t"'):
        return '"' + title.replace('"', '""') + '"'
    return title


def _csv_line(cells: Iterable[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(list(cells))
    return out.getvalue().rstrip("\n")
