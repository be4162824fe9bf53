"""OpenDocument spreadsheets (.ods, LibreOffice Calc's format): each sheet Calc shows, as a
table in the text a CSV export of it holds, under the sheet's name (sheet_text.py), as an Excel
workbook's sheets are read.

A cell's value is read from what the file stores for its type (``office:value`` for a number,
``office:date-value`` for a date), not from the text Calc shows for it, so a number is as
written and a date an ISO date (sheet_cells.py). Calc writes a run of equal cells or rows once,
with a count ("repeated 1,048,000 times" for the empty rows to a sheet's end): an empty run
only moves the count on, and the cells a file would fill are bounded (a small file that repeats
one cell millions of times is refused, as a zip bomb is). The file is opened by odf_package.py:
its zip checked, a password-protected one told, its XML checked before odfpy parses it.
"""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Iterator
from typing import Any

from odf import teletype

from medlocal.ingest.document import ExtractedDocument
from medlocal.ingest.errors import CorruptFileError, IngestError
from medlocal.ingest.extractors.odf_package import children, open_odf, table_rows
from medlocal.ingest.extractors.ods_formats import (
    DATE,
    DATE_AND_TIME,
    GENERAL,
    CellFormats,
    ColumnStyles,
    counted_date,
)
from medlocal.ingest.extractors.sheet_cells import cell_text, number_text
from medlocal.ingest.extractors.sheet_text import (
    Program,
    SheetBudget,
    SheetCells,
    sheets_document,
)
from medlocal.ingest.extractors.zipped import ZipKind, ZipLimits

log = logging.getLogger(__name__)

_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_OTHER_KIND = (
    "an OpenDocument file of another kind (a text, a presentation), not a spreadsheet: save it "
    "as .ods, .xlsx or .csv, and import that"
)
ODS = ZipKind(
    main_part="content.xml",
    named="OpenDocument spreadsheet",
    label="ODS",
    not_zip="not an OpenDocument spreadsheet (not a zip archive; save it as .ods or .xlsx)",
    unlock="open it in LibreOffice Calc, save it again without a password (File > Save As, "
    "clear Save with password) and import it again",
    legacy_stream="Workbook",
    legacy="an old Excel 97-2003 workbook (.xls) renamed .ods; save it as .ods or .xlsx first",
)
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ANNOTATION = (_OFFICE, "annotation")
_CREATOR = ("http://purl.org/dc/elements/1.1/", "creator")
_CELLS = {(_TABLE, "table-cell"), (_TABLE, "covered-table-cell")}
_FIGURES = {"float", "currency", "percentage", "date", "time"}
_DURATION = re.compile(r"(-?)P(?:(\d+)D)?T(\d+)H(\d+)M(\d+(?:\.\d+)?)S")
_WHOLE = re.compile(r"[-+]?\d+")
_CALC = Program("LibreOffice Calc", "show it in Calc (right-click a sheet tab › Show Sheet)")


def extract_ods(data: bytes, file_name: str, limits: ZipLimits | None = None) -> ExtractedDocument:
    document = open_odf(data, file_name, ODS, _MIMETYPE, _OTHER_KIND, limits)
    try:
        hidden = _hidden_styles(document)
        formats = CellFormats(document)
        budget = SheetBudget(file_name)
        sheets = [
            (
                str(sheet.getAttrNS(_TABLE, "name") or ""),
                None
                if sheet.getAttrNS(_TABLE, "style-name") in hidden
                else _read_sheet(sheet, budget, formats),
            )
            for sheet in children(document.spreadsheet, {(_TABLE, "table")})
        ]
    except IngestError:
        raise
    except Exception as err:  # a part odfpy read that is not laid out as the standard says
        log.debug("OpenDocument spreadsheet could not be read: %s", type(err).__name__)
        raise CorruptFileError(
            file_name, "damaged OpenDocument spreadsheet that cannot be read"
        ) from None
    return sheets_document(sheets, "ods", file_name, _CALC)


def _hidden_styles(document: Any) -> set[str]:
    """The names of the table styles that hide a sheet (``table:display="false"``)."""
    hidden = set()
    for style in children(document.automaticstyles, {(_STYLE, "style")}):
        for properties in children(style, {(_STYLE, "table-properties")}):
            if properties.getAttrNS(_TABLE, "display") == "false":
                hidden.add(str(style.getAttrNS(_STYLE, "name")))
    return hidden


def _read_sheet(sheet: Any, budget: SheetBudget, formats: CellFormats) -> SheetCells:
    cells = SheetCells()
    columns = ColumnStyles(sheet)
    row_number = 1
    for row in table_rows(sheet):
        row_repeats = _count(row, "number-rows-repeated")
        row_style = row.getAttrNS(_TABLE, "default-cell-style-name")
        filled: list[tuple[int, str, bool]] = []  # column, text, figure
        column = 1
        for cell in children(row, _CELLS):
            repeats = _count(cell, "number-columns-repeated")
            style = cell.getAttrNS(_TABLE, "style-name") or row_style or columns.at(column)
            text, figure = _value(cell, formats.of_style(style), formats.null_date)
            for note, author in _annotations(cell):
                budget.spend(0, len(note) + len(author))
                cells.add_note(row_number, column, note, author)
            if text:  # counted before the cells are made: a repeat count may be any size
                budget.spend(repeats * row_repeats, len(text) * repeats * row_repeats)
                filled += [(column + n, text, figure) for n in range(repeats)]
            spanned = _count(cell, "number-columns-spanned"), _count(cell, "number-rows-spanned")
            if spanned != (1, 1):
                last = (column + spanned[0] - 1, row_number + spanned[1] - 1)
                cells.merged.append((column, row_number, *last))
            column += repeats
        for repeat in range(row_repeats if filled else 0):
            for at, text, figure in filled:
                cells.add(row_number + repeat, at, text, figure)
        row_number += row_repeats
    return cells


def _count(element: Any, attribute: str) -> int:
    value = element.getAttrNS(_TABLE, attribute)
    return max(1, int(value)) if value else 1


def _number(stored: object) -> int | float:
    """A stored ``office:value``: a whole number as an int, every digit of it (a 16-digit
    accession number or an 18-digit SNOMED code a float would round)."""
    written = str(stored).strip()
    return int(written) if _WHOLE.fullmatch(written) else float(written)


def _annotations(cell: Any) -> Iterator[tuple[str, str]]:
    """(text, author) of each comment on ``cell`` (Calc's ``office:annotation``)."""
    for annotation in children(cell, {_ANNOTATION}):
        author = " ".join(teletype.extractText(a) for a in children(annotation, {_CREATOR}))
        paragraphs = children(annotation, {(_TEXT, "p"), (_TEXT, "h"), (_TEXT, "list")})
        yield " ".join(teletype.extractText(p) for p in paragraphs), author


def _value(
    cell: Any, number_format: str = GENERAL, null_date: datetime.datetime | None = None
) -> tuple[str, bool]:
    """What ``cell`` shows under ``number_format`` (ods_formats.py), from its stored value, and
    whether it is a figure; a number under a date style is the date it counts to from
    ``null_date`` (ods_formats.counted_date), as Calc shows it."""
    kind = cell.getAttrNS(_OFFICE, "value-type")
    if kind in ("float", "currency"):
        number = _number(cell.getAttrNS(_OFFICE, "value"))
        if number_format in (DATE, DATE_AND_TIME) and null_date is not None:
            moment = counted_date(number, null_date)
            if moment is not None:
                return cell_text(moment if number_format == DATE_AND_TIME else moment.date()), True
        return number_text(number, number_format), True
    if kind == "percentage":
        shown = number_format if "%" in number_format else "0%"
        return number_text(_number(cell.getAttrNS(_OFFICE, "value")), shown), True
    if kind == "date":
        written = str(cell.getAttrNS(_OFFICE, "date-value"))
        return cell_text(datetime.datetime.fromisoformat(written)), True
    if kind == "time":
        found = _DURATION.fullmatch(str(cell.getAttrNS(_OFFICE, "time-value")))
        if found is None:
            raise ValueError("a time cell without a time")
        sign, days, hours = found[1], int(found[2] or 0), int(found[3])
        minutes, seconds = int(found[4]), float(found[5])
        if not sign and not days and hours < 24:
            return cell_text(datetime.time(hours, minutes, int(seconds))), True
        span = datetime.timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
        return cell_text(-span if sign else span), True
    if kind == "boolean":
        return cell_text(cell.getAttrNS(_OFFICE, "boolean-value") == "true"), False
    paragraphs = [teletype.extractText(p) for p in children(cell, {(_TEXT, "p"), (_TEXT, "h")})]
    return cell_text(" ".join(paragraphs)), False
