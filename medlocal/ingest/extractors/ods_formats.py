"""The number formats of an OpenDocument spreadsheet's cells, as the format codes an Excel cell
carries ("0.00", "0.0%", "0000000000"), so an .ods cell is written as an .xlsx cell under the
same format is (sheet_cells.number_text): a format's decimals pad the figure ("5.60") but never
round a result away, a percentage shows its decimals ("5.40%"), and a whole number under a
format of fixed digits (a spaced NHS number format, "000 000 0000") shows the digits the cell
does, leading zeros included, without the spaces ("0012345678").

Calc names a cell's format through styles: the cell's style (or, where the cell names none, its
row's or its column's default cell style) names a data style, which holds the number's
decimals and digits. A currency style's symbol and a negative style's brackets ("(£4.00)") are
not written: the figure is, with its sign ("-4.00"), as for an Excel cell; the stored value is
the number, whatever the display around it. Dates and times are written as ISO dates and clock
times whatever their display format, as Excel's are; so is a number cell under a date style (a
date typed as a number, or a column formatted as dates afterwards), which Calc shows as the date
that many days after the document's null date (30 December 1899 unless it says another).
"""

from __future__ import annotations

import datetime
from bisect import bisect_right
from typing import Any

from medlocal.ingest.extractors.odf_package import children

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_NUMBER = "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
# LibreOffice wrote the forced decimals under its own namespace before ODF 1.3 named them.
_LOEXT = "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"
_NUMBER_STYLES = {(_NUMBER, "number-style"), (_NUMBER, "percentage-style")}
_NUMBER_STYLES |= {(_NUMBER, "currency-style")}
_DATE_STYLE = (_NUMBER, "date-style")
_CELL_STYLE = (_STYLE, "style")
_COLUMN = (_TABLE, "table-column")
_COLUMN_GROUPS = {
    (_TABLE, "table-columns"),
    (_TABLE, "table-header-columns"),
    (_TABLE, "table-column-group"),
}
GENERAL = "General"
# A number under a date style: the date it counts to, with its clock time where the style shows
# the time of day (ods.py writes it, as an Excel cell holding a date is written).
DATE, DATE_AND_TIME = "yyyy-mm-dd", "yyyy-mm-dd hh:mm"
_CALC_NULL_DATE = datetime.datetime(1899, 12, 30)
_SETTINGS = (_TABLE, "calculation-settings")
_NULL_DATE = (_TABLE, "null-date")
_CLOCK_PARTS = {(_NUMBER, "hours"), (_NUMBER, "minutes"), (_NUMBER, "seconds")}


class CellFormats:
    """The format code of each cell style of one spreadsheet (``GENERAL`` where a style names
    no number format that changes how a figure is written)."""

    def __init__(self, document: Any) -> None:
        formats: dict[str, str] = {}
        data_styles: dict[str, str] = {}
        parents: dict[str, str] = {}
        for styles in (document.styles, document.automaticstyles):
            for data_style in children(styles, _NUMBER_STYLES):
                formats[str(data_style.getAttrNS(_STYLE, "name"))] = _format_code(data_style)
            for data_style in children(styles, {_DATE_STYLE}):
                timed = children(data_style, _CLOCK_PARTS)
                formats[str(data_style.getAttrNS(_STYLE, "name"))] = (
                    DATE_AND_TIME if timed else DATE
                )
            for style in children(styles, {_CELL_STYLE}):
                name = str(style.getAttrNS(_STYLE, "name") or "")
                data_styles[name] = str(style.getAttrNS(_STYLE, "data-style-name") or "")
                parents[name] = str(style.getAttrNS(_STYLE, "parent-style-name") or "")
        self._by_style: dict[str, str] = {}
        for name in data_styles:
            seen = set()
            found = name
            while found and found not in seen and not data_styles.get(found):
                seen.add(found)
                found = parents.get(found, "")
            self._by_style[name] = formats.get(data_styles.get(found, ""), GENERAL)
        self.null_date = _null_date(document)

    def of_style(self, style_name: object) -> str:
        """The format code of the cell style ``style_name`` (``GENERAL`` for none)."""
        return self._by_style.get(str(style_name or ""), GENERAL)


def _null_date(document: Any) -> datetime.datetime:
    """The day a date cell's number counts from (``table:null-date``; Calc's default)."""
    for settings in children(document.spreadsheet, {_SETTINGS}):
        for null_date in children(settings, {_NULL_DATE}):
            try:
                return datetime.datetime.fromisoformat(
                    str(null_date.getAttrNS(_TABLE, "date-value") or "")[:10]
                )
            except ValueError:
                break
    return _CALC_NULL_DATE


def counted_date(days: float, null_date: datetime.datetime) -> datetime.datetime | None:
    """The moment ``days`` after ``null_date`` (to the second), as Calc shows a number under a
    date style; None where that is no date (out of range)."""
    try:
        return null_date + datetime.timedelta(seconds=round(days * 86400))
    except (OverflowError, ValueError):
        return None


class ColumnStyles:
    """A sheet's columns' default cell styles (what a cell that names no style of its own
    takes), by column number from 1."""

    def __init__(self, sheet: Any) -> None:
        self._ends: list[int] = []  # the last column of each run of columns
        self._styles: list[str] = []
        column = 0
        for element in _columns(sheet):
            count = element.getAttrNS(_TABLE, "number-columns-repeated")
            column += max(1, int(count)) if count else 1
            self._ends.append(column)
            self._styles.append(str(element.getAttrNS(_TABLE, "default-cell-style-name") or ""))

    def at(self, column: int) -> str:
        index = bisect_right(self._ends, column - 1)
        return self._styles[index] if index < len(self._styles) else ""


def _columns(element: Any) -> Any:
    for child in children(element, {_COLUMN, *_COLUMN_GROUPS}):
        if child.qname == _COLUMN:
            yield child
        else:
            yield from _columns(child)


def _format_code(data_style: Any) -> str:
    """The format code for a number, percentage or currency data style: its decimals, its
    fixed whole digits, a percent sign."""
    percent = "%" if data_style.qname == (_NUMBER, "percentage-style") else ""
    for number in children(data_style, {(_NUMBER, "number")}):
        places = _digits(number.getAttrNS(_NUMBER, "decimal-places"))
        forced = number.getAttrNS(_NUMBER, "min-decimal-places")
        forced = forced if forced is not None else number.getAttrNS(_LOEXT, "min-decimal-places")
        padded = places if forced is None else min(places, _digits(forced))
        decimals = "0" * padded + "#" * (places - padded)
        whole = "0" * max(1, _digits(number.getAttrNS(_NUMBER, "min-integer-digits")))
        return whole + (f".{decimals}" if decimals else "") + percent
    return f"0{percent}" if percent else GENERAL


def _digits(value: object) -> int:
    written = str(value or "").strip()
    return min(int(written), 30) if written.isdigit() else 0
