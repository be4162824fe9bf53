"""PDF table rows: the cells pypdf's plain extraction puts one per line, joined back into rows.

Plain extraction reads a table drawn cell by cell (reportlab, most report generators) as one
cell per line, so which value belongs to which test and date is lost (walk 33: a discharge
summary's investigations table). Layout extraction keeps each row on one line, but pads with
spaces, can reorder multi-column pages, join words across columns and is slower; so it is read
only for a page whose plain text has a run of short lines, and used only where it is safe: a
plain line changes only where layout puts two or more whole, consecutive plain lines on one line
as separate cells, with the very words of those lines in the same order (a row that plain
extraction broke up). Every other line, prose included, is the plain line as before, so reading
order, hyphenation and line breaks stay as they were; where the two readings disagree (a wrapped
cell set beside its row, two columns read across) those lines keep their plain text.

A rebuilt row's cells are set apart by two spaces or more and aligned in columns across the rows
of its table, the way the grounding checks read a table laid out in columns (a date heading a
column binds the values under it).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass

# A run of this many consecutive short lines (cells read one per line) makes a page worth a
# layout read; short means at most _SHORT_TOKENS words.
_SHORT_RUN = 4
_SHORT_TOKENS = 3
# Cells of a layout line: words apart by single spaces; two spaces or more end a cell.
_LAYOUT_CELL = re.compile(r"\S+(?: \S+)*")
_CELL_GAP = "  "


@dataclass(frozen=True)
class _Cell:
    start: int  # column in the layout line
    end: int
    text: str


def might_hold_table(plain: str) -> bool:
    """Whether plain text has a run of short lines, as a table read one cell per line gives."""
    run = 0
    for line in plain.split("\n"):
        words = len(line.split())
        run = run + 1 if 0 < words <= _SHORT_TOKENS else 0
        if run >= _SHORT_RUN:
            return True
    return False


def rejoin_rows(plain: str, read_layout: Callable[[], str]) -> str:
    """``plain`` with the table rows it broke into one cell per line joined again, as
    ``read_layout`` (the page's layout-mode text) lays them out; ``plain`` itself where the page
    holds no such table or layout text cannot be trusted."""
    if not might_hold_table(plain):
        return plain
    try:
        layout = read_layout()
    except Exception:  # layout mode is an improvement, never a reason to lose the page
        return plain
    plain_lines = plain.split("\n")
    layout_rows = [_cells(line) for line in layout.split("\n")]
    layout_rows = [row for row in layout_rows if row]
    groups = _row_groups(plain_lines, layout_rows)
    if not groups:
        return plain
    out: list[str] = []
    index = 0
    tables = _tables(groups)
    while index < len(plain_lines):
        table = tables.get(index)
        if table is None:
            out.append(plain_lines[index])
            index += 1
            continue
        rows, next_index = table
        out.extend(_aligned(rows))
        index = next_index
    return "\n".join(out)


def _cells(line: str) -> list[_Cell]:
    return [_Cell(m.start(), m.end(), m.group()) for m in _LAYOUT_CELL.finditer(line)]


def _row_groups(
    plain_lines: list[str], layout_rows: list[list[_Cell]]
) -> dict[int, tuple[int, list[_Cell]]]:
    """first plain line -> (one past its last plain line, the layout row) for each layout row of
    two cells or more whose words are, in order, exactly two or more whole, consecutive,
    non-blank plain lines. Only where both readings agree word for word: a page whose layout
    reading differs elsewhere (a wrapped cell set beside its row, a second column) still gets
    the rows that agree."""
    plain_words = [word for line in plain_lines for word in line.split()]
    layout_words = [word for row in layout_rows for cell in row for word in cell.text.split()]
    shift: dict[int, int] = {}  # layout word index -> plain word index, where the two agree
    if plain_words == layout_words:  # the usual case, and a quick one
        shift = {index: index for index in range(len(layout_words))}
    else:
        matcher = difflib.SequenceMatcher(None, plain_words, layout_words, autojunk=False)
        for block in matcher.get_matching_blocks():
            for offset in range(block.size):
                shift[block.b + offset] = block.a + offset
    starts: dict[int, int] = {}  # word index -> the first non-blank plain line starting there
    ends: dict[int, int] = {}  # plain line -> word index one past its last word
    at = 0
    for number, line in enumerate(plain_lines):
        words = len(line.split())
        if words:
            starts.setdefault(at, number)
        at += words
        ends[number] = at
    groups: dict[int, tuple[int, list[_Cell]]] = {}
    at = 0
    for row in layout_rows:
        words = sum(len(cell.text.split()) for cell in row)
        span = range(at, at + words)
        at += words
        if len(row) < 2 or not all(index in shift for index in span):
            continue
        start = shift[span[0]]
        if shift[span[-1]] != start + words - 1:  # not one unbroken run of the plain words
            continue
        first = starts.get(start)
        if first is None:
            continue
        last = first
        while (
            ends[last] < start + words
            and last + 1 < len(plain_lines)
            and plain_lines[last + 1].split()
        ):
            last += 1
        if ends[last] == start + words and last > first:
            groups[first] = (last + 1, row)
    return groups


def _tables(groups: dict[int, tuple[int, list[_Cell]]]) -> dict[int, tuple[list[list[_Cell]], int]]:
    """Rows that follow one another in the plain text, as one table: first plain line ->
    (its rows, the plain line after the table)."""
    tables: dict[int, tuple[list[list[_Cell]], int]] = {}
    start = end = -1
    for first in sorted(groups):
        after, row = groups[first]
        if first == end:
            tables[start] = ([*tables[start][0], row], after)
        else:
            start = first
            tables[start] = ([row], after)
        end = after
    return tables


def _aligned(rows: list[list[_Cell]]) -> list[str]:
    """Rows with their cells in columns: a column is where cells overlap across the rows (the
    layout's own placing), as wide as its widest cell, two spaces to the next."""
    spans = sorted((cell.start, cell.end) for row in rows for cell in row)
    columns: list[list[int]] = []
    for start, end in spans:
        if columns and start < columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], end)
        else:
            columns.append([start, end])
    texts: list[list[str]] = []
    for row in rows:
        slots = [""] * len(columns)
        for cell in row:
            column = next(i for i, (lo, hi) in enumerate(columns) if lo <= cell.start < hi)
            slots[column] = f"{slots[column]}{_CELL_GAP}{cell.text}" if slots[column] else cell.text
        texts.append(slots)
    widths = [max(len(slots[i]) for slots in texts) for i in range(len(columns))]
    lines = []
    for slots in texts:
        line = _CELL_GAP.join(text.ljust(width) for text, width in zip(slots, widths, strict=True))
        lines.append(line.rstrip())
    return lines
