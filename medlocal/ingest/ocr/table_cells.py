"""A table's rows kept in their columns, and rows whose result was not read.

A lab table read by OCR gives each row's cells left to right; where a cell is empty on the page
or was lost (not detected, or read as nothing), the cells after it slid left: "INR | 1.1 |
0.8-1.2" put the range under Units, and on a poor fax "INR | 0.8-1.2" lost the result with no
mark at all (walk 50b, D2 and D9). The columns are found from the cells themselves (the gaps no
cell of the table crosses), each cell is put in its column, and a missing cell is kept as an
empty one. A lab test's row with cells in other columns but none in the result column lost its
result, and says so (``result_column``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from medlocal.ingest.ocr.result_column import lost_result, result_column

# A column is real when at least this share of the table's rows (and two) have a cell in it:
# a speck read as a character makes a "column" of one.
REAL_COLUMN_SHARE = 0.5
# So many rows with cells in two columns or more make a table (an address block beside a date
# does not).
MIN_TABLE_ROWS = 3


class _Edges(Protocol):
    @property
    def left(self) -> float: ...

    @property
    def right(self) -> float: ...


class Boxed(Protocol):
    """A table cell: its text and its frame (deskewed), of which the left and right edges."""

    @property
    def text(self) -> str: ...

    @property
    def frame(self) -> _Edges: ...


CellT = TypeVar("CellT", bound=Boxed)


@dataclass(frozen=True)
class TableRow(Generic[CellT]):
    columns: tuple[tuple[CellT, ...], ...]  # each column's cells, () where the row has none
    no_result: bool  # the row gives other cells but none in the result column


def table_rows(rows: Sequence[Sequence[CellT]]) -> list[TableRow[CellT]] | None:
    """``rows`` (each left to right) placed in the table's columns, or None when they are no
    table (fewer than two real columns, or fewer than ``MIN_TABLE_ROWS`` rows across them)."""
    # Columns come from rows of two cells or more: a line alone in its row (a title, a note)
    # may run across two columns and would join them.
    split = [row for row in rows if len(row) >= 2]
    spans = _spans([cell for row in split for cell in row])
    filled = [sum(any(_overlaps(cell, span) for cell in row) for row in split) for span in spans]
    needed = max(2, REAL_COLUMN_SHARE * len(split))
    # A column the heading names is real with one more cell: an optional column ("Previous",
    # filled in 2 rows of 7) keeps its cells under it, not slid into the next (review 50a R11).
    heading = split[0] if split and not any(c.isdigit() for x in split[0] for c in x.text) else ()
    columns = [
        span
        for span, count in zip(spans, filled, strict=True)
        if count >= (2 if any(_overlaps(cell, span) for cell in heading) else needed)
    ]
    if len(columns) < 2:
        return None
    placed = [_place(row, columns) for row in rows]
    if sum(sum(bool(column) for column in row) >= 2 for row in placed) < MIN_TABLE_ROWS:
        return None
    result = result_column(placed)
    return [TableRow(_trimmed(row), lost_result(row, result)) for row in placed]


def _spans(cells: Sequence[Boxed]) -> list[tuple[float, float]]:
    """The x-ranges that cells cover, overlapping ones merged: the table's column candidates."""
    spans: list[tuple[float, float]] = []
    for cell in sorted(cells, key=lambda cell: cell.frame.left):
        left, right = cell.frame.left, cell.frame.right
        if spans and left <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], right))
        else:
            spans.append((left, right))
    return spans


def _overlaps(cell: Boxed, span: tuple[float, float]) -> bool:
    return cell.frame.left <= span[1] and cell.frame.right >= span[0]


def _place(row: Sequence[CellT], columns: list[tuple[float, float]]) -> list[tuple[CellT, ...]]:
    """Each cell in the column its left edge stands in, else one it overlaps, else the nearest
    (a cell of a column too sparse to count stays in the row, beside its neighbour)."""
    placed: list[list[CellT]] = [[] for _ in columns]
    for cell in row:
        left, middle = cell.frame.left, (cell.frame.left + cell.frame.right) / 2
        index = min(
            range(len(columns)),
            key=lambda i: (
                not columns[i][0] <= left <= columns[i][1],
                not _overlaps(cell, columns[i]),
                abs(middle - (columns[i][0] + columns[i][1]) / 2),
            ),
        )
        placed[index].append(cell)
    return [tuple(cells) for cells in placed]


def _trimmed(row: list[tuple[CellT, ...]]) -> tuple[tuple[CellT, ...], ...]:
    """The row without the empty columns after its last cell (nothing there slid left)."""
    end = max((index + 1 for index, cells in enumerate(row) if cells), default=0)
    return tuple(row[:end])
