"""A spreadsheet's sheets as the text the import keeps: each sheet a section headed by its name,
its cells written as a CSV export writes them (comma-separated, a cell with a comma or a quote
in double quotes), so the grounding checks, the chunker's column names for a table's later
passages and the value tables read them as they read a lab system's CSV
(medlocal/delimited_tables.py). The readers of each format (spreadsheet.py for Excel, ods.py
for OpenDocument) hand over each sheet's cells as text (sheet_cells.py).

- Empty rows and columns are left out; a run of empty rows between two blocks of a sheet is one
  blank line (a table on a sheet goes on past it; a header row after it opens another).
- A cell merged across columns above the sheet's first number (a group heading over "Hb, WCC,
  Plt") names each column it spans ("Full blood count Hb", "Full blood count WCC"); one alone
  on its row (the sheet's title) is written once, as a CSV export writes it.
- A workbook's text is bounded (SheetBudget): a small file may name one long string from
  thousands of cells (Excel's shared strings) or repeat a cell millions of times (OpenDocument's
  repeat counts), and would fill the memory; such a file is refused as a zip bomb is.
- Hidden sheets are left out, as the spreadsheet program does not show them (a clinician
  expects what they see; they usually hold lookups and workings); the import report says how
  many were.
- A cell's comment or note (what a clinician wrote on a result: "haemolysed", "repeat sent") is
  clinical content: it is written after the sheet's rows, a line each, named by its cell, the
  value it is on, what heads that cell's column and row, and its author (sheet_notes.py: "B4
  note on 5.6 (K / 2024-03-02) by Dr Okafor: haemolysed"), so it is searched and cited with its
  result. After the rows, not beside the cell: a line amid a table's
  rows would cut the table its later passages are read by.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from medlocal.ingest.document import DocumentBuilder, ExtractedDocument
from medlocal.ingest.errors import ArchiveBombError, NoTextError
from medlocal.ingest.extractors.sheet_notes import (
    note_lines,
    unread_notes_note,
    unread_threads_note,
)

# The cells and characters a workbook's sheets may hold, in all: far past any lab workbook (a
# 200 MB CSV, the largest file imported, holds about as many characters).
MAX_CELLS = 5_000_000
MAX_CHARS = 200_000_000


@dataclass
class SheetBudget:
    """What is left of a workbook's cells and characters (MAX_CELLS, MAX_CHARS), spent as each
    reader meets its cells, before it makes them."""

    file_name: str
    cells: int = MAX_CELLS
    chars: int = MAX_CHARS

    def spend(self, cells: int, chars: int) -> None:
        """Count ``cells`` cells holding ``chars`` characters in all; refused past the bound."""
        self.cells -= cells
        self.chars -= chars
        if self.cells < 0 or self.chars < 0:
            raise ArchiveBombError(
                self.file_name,
                f"refused: its sheets would hold over {MAX_CELLS:,} cells or {MAX_CHARS:,} "
                "characters of text (possible zip bomb)",
            )


@dataclass
class SheetCells:
    """A sheet's non-empty cells, as text, by row and column (both from 1)."""

    rows: dict[int, dict[int, str]] = field(default_factory=dict)
    # The first row holding a number or a date: the rows above it are the tables' headers.
    first_number_row: int | None = None
    # Merged ranges: (first column, first row, last column, last row).
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    # Formula cells the file holds no value for (a workbook a program wrote and no spreadsheet
    # program saved): they read empty, and the import report says so.
    unsaved_formulas: int = 0
    # Comments and notes on cells, by (row, column): (author, text), each on one line.
    notes: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)
    # The sheet's notes part could not be read (missing or damaged): its notes are left out.
    unread_notes: bool = False
    # Its threaded comments part, or the workbook's persons part, could not be read: threads
    # are without (some of) their authors or dates (xlsx_threads.py).
    unread_threads: bool = False

    def add(self, row: int, column: int, text: str, figure: bool) -> None:
        """The cell at ``row``, ``column`` shows ``text``; ``figure``: it holds a number or a
        date."""
        if not text:
            return
        self.rows.setdefault(row, {})[column] = text
        if figure and (self.first_number_row is None or row < self.first_number_row):
            self.first_number_row = row

    def add_note(self, row: int, column: int, text: str, author: str = "") -> None:
        """The cell at ``row``, ``column`` carries a comment or note saying ``text``, by
        ``author`` (the name Excel opens a note's text with, "Dr Okafor:", is the author's:
        written once, after "by", sheet_notes.py)."""
        text, author = " ".join(text.split()), " ".join(author.split())
        if author and text.startswith(f"{author}:"):
            text = text[len(author) + 1 :].strip()
        if text:
            self.notes[row, column] = (author, text)


@dataclass(frozen=True)
class Program:
    """The program that shows the sheets, for the words about hidden ones."""

    name: str  # "Excel"
    unhide: str  # "unhide it in Excel (right-click a sheet tab › Unhide)"


def sheets_document(
    sheets: Iterable[tuple[str, SheetCells | None]],
    file_type: str,
    file_name: str,
    program: Program,
) -> ExtractedDocument:
    """The document of ``sheets`` (name, cells; None for a hidden sheet), in order."""
    builder = DocumentBuilder(file_type)
    hidden = unsaved = unread_notes = unread_threads = 0
    for title, cells in sheets:
        if cells is None:
            hidden += 1
            continue
        unsaved += cells.unsaved_formulas
        unread_notes += cells.unread_notes
        unread_threads += cells.unread_threads
        blocks = _sheet_blocks(cells) + note_lines(cells, _title_line)
        if not blocks:
            continue
        builder.add_section_marker(title)
        builder.add_block(_title_line(title))
        for block in blocks:
            builder.add_block(block)
    many = hidden != 1
    counted = f"{hidden} hidden sheet{'s' if many else ''}"
    formulas = f"{unsaved} formula cell{'s' if unsaved != 1 else ''} without a saved value"
    if not builder.has_text:
        unread = [f"{counted} not read"] if hidden else []
        unread += [formulas] if unsaved else []
        said = f" ({'; '.join(unread)})" if unread else ""
        raise NoTextError(file_name, f"no cells with content in the workbook{said}")
    notes = []
    if hidden:
        them = "them" if many else "it"
        notes.append(
            f"{counted} not imported, as {program.name} does not show {them}: to import {them}, "
            f"{program.unhide.replace(' it ', f' {them} ', 1)} and import the file again"
        )
    if unsaved:
        notes.append(
            f"{formulas} read empty (the workbook was written by a program and never saved in "
            f"{program.name}, which saves what each formula comes to): to have them read, open "
            f"it in {program.name}, save it and import it again"
        )
    if unread_notes:
        notes.append(unread_notes_note(unread_notes, program.name))
    if unread_threads:
        notes.append(unread_threads_note(unread_threads, program.name))
    return dataclasses.replace(builder.build(), notes=tuple(notes))


def _sheet_blocks(sheet: SheetCells) -> list[str]:
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


def _fill_merged_headings(sheet: SheetCells) -> None:
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
    """A line that is no table row (a sheet's name, a cell's note): one cell under every
    delimiter a table may use, so that no table takes it for a row ("Bloods, renal" quoted, as
    a CSV quotes a cell)."""
    title = " ".join(title.split())
    if any(mark in title for mark in ',;\t"'):
        return '"' + title.replace('"', '""') + '"'
    return title


def _csv_line(cells: Iterable[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(list(cells))
    return out.getvalue().rstrip("\n")
