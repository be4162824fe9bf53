"""A sheet's cell notes as the lines written after its rows (sheet_text.py): one a cell, in the
order of the cells, each named by its cell, the value it is on, what heads its column and row,
and its author after "by":

    C3 note on 5.6 (K / 2024-03-02) by Dr Okafor: haemolysed, repeat sent

- The value: a note cited on its own (its line may fall in a later passage than the cell's row)
  still carries the result it is about, so "the potassium of 5.6 on 2 March was haemolysed [2]"
  is grounded by the passage it cites. A long text cell is not repeated.
- "by": the redactor takes the word after it for a name ("[comment by Dr B: ...]" in a Word or
  Writer text is written the same way); a bare author before a colon ("C3 note: jokafor: ...")
  was kept in a redacted export where it was a login name or a surname alone.
- Linear in the notes and the cells: the column headings and row labels are looked up, not
  searched for, for each note (a lab sheet may hold a note on every one of 50,000 results).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from typing import TYPE_CHECKING

from openpyxl.utils.cell import get_column_letter

if TYPE_CHECKING:
    from medlocal.ingest.extractors.sheet_text import SheetCells

# A cell's text longer than this is not repeated in its note's line (a paragraph in a cell).
_SHOWN_VALUE = 40


def note_lines(sheet: SheetCells, line: Callable[[str], str]) -> list[str]:
    """The sheet's notes as one block of lines, each made one cell by ``line``."""
    if not sheet.notes:
        return []
    header_end = sheet.first_number_row or min(sheet.rows, default=0) + 1
    headings = _Headings(sheet, header_end)
    first_columns: dict[int, int] = {}
    lines = []
    for row, column in sorted(sheet.notes):
        author, text = sheet.notes[row, column]
        label = _row_label(sheet, row, column, header_end, first_columns)
        named = [headings.above(row, column), label]
        said = " / ".join(name for name in named if name)
        value = sheet.rows.get(row, {}).get(column, "")
        where = f"{get_column_letter(column)}{row} note"
        where += f" on {value}" if value and len(value) <= _SHOWN_VALUE else ""
        where += f" ({said})" if said else ""
        where += f" by {author}" if author else ""
        lines.append(line(f"{where}: {text}"))
    return ["\n".join(lines)]


class _Headings:
    """The header rows' cells by column, each column's rows in order: what heads a column
    above a row, found by bisection."""

    def __init__(self, sheet: SheetCells, header_end: int) -> None:
        self._rows: dict[int, list[int]] = {}
        self._sheet = sheet
        self._end = header_end
        for number in sorted(row for row in sheet.rows if row < header_end):
            for column in sheet.rows[number]:
                self._rows.setdefault(column, []).append(number)

    def above(self, row: int, column: int) -> str:
        """The text heading ``column`` above ``row``: in the header rows nearest the first
        number (the sheet's first row where it holds none)."""
        rows = self._rows.get(column, [])
        index = bisect_left(rows, min(row, self._end))
        return self._sheet.rows[rows[index - 1]][column] if index else ""


def _row_label(
    sheet: SheetCells, row: int, column: int, header_end: int, first_columns: dict[int, int]
) -> str:
    """The first cell of ``row`` below the header rows, where it lies left of ``column`` (a
    date, a test's name); ``first_columns``: each row's first column, found once a row."""
    cells = sheet.rows.get(row, {}) if row >= header_end else {}
    if not cells:
        return ""
    first = first_columns.get(row)
    if first is None:
        first = first_columns[row] = min(cells)
    return cells[first] if first < column else ""


def unread_notes_note(sheets: int, program: str) -> str:
    """The import report's words on ``sheets`` sheets whose notes part could not be read."""
    many = sheets != 1
    return (
        f"the cell notes of {sheets} sheet{'s' if many else ''} not imported, as "
        f"{'their' if many else 'its'} notes part is damaged (the cells were imported): to "
        f"import the notes, open the workbook in {program}, save it and import it again"
    )


def unread_threads_note(sheets: int, program: str) -> str:
    """The import report's words on ``sheets`` sheets whose threaded comments were read without
    (some of) their authors or dates (a damaged threads or persons part)."""
    many = sheets != 1
    return (
        f"the threaded comments of {sheets} sheet{'s' if many else ''} imported without all "
        "their authors or dates, as the workbook's threaded comments or its list of people is "
        f"damaged (the comments' text was imported): to import them whole, open the workbook "
        f"in {program}, save it and import it again"
    )
