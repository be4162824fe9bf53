"""A stop note's quote and date for a medication table's row (rag/stop_notes.py).

Session 58: once the assertion reader read a table's stop column (rag/assertion_stop_columns.py),
the stop note quoted the row without its header and dated it by its document's date, which for
a medication CSV is the first date of the file, the Started cell: "the documents say metformin
was stopped: “Metformin,500 mg BD,2024-01-02,2024-03-04” [1] (meds.csv, 2 Jan 2024)" reads as
stopped on 2 Jan. The row is quoted here with its header's names ("Drug: Metformin; Dose: 500 mg
BD; Started: 2024-01-02; Stopped: 2024-03-04") and dated by its stop cell ("stopped 4 Mar 2024";
as written where day and month order is unclear: "stopped 04/03/2024", never a guess).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from medlocal.document_dates import day_of
from medlocal.rag.assertion_stop_columns import StoppedRow, stopped_row_at
from medlocal.values import extract_dates


@dataclass(frozen=True)
class RowStop:
    """What a stop note says of a stop read from a table's stop column."""

    quoted: str  # the row, each cell after its header's name
    day: date | None  # the stop cell's date as a day; None where none or unclear
    written: str | None  # the stop cell's date as written; None where the cell gives none


def row_stop(text: str, offset: int, chars: int) -> RowStop | None:
    """The quote and stop date for the stopped row of ``text`` holding ``offset``; None where
    no stop column gives a row there as stopped. A quote over ``chars`` keeps the drug and stop
    cells only, so the cut never falls on the stop."""
    row = stopped_row_at(text, offset)
    if row is None:
        return None
    quoted = _labelled(text, row, range(len(row.cells)))
    if len(quoted) > chars:
        quoted = _labelled(text, row, sorted({row.drug, row.stop}), cut="…; ")
    found = extract_dates(_cell(text, row.cells[row.stop]))
    first = found[0] if found else None
    day = day_of(first.canonical) if first is not None and first.alt is None else None
    return RowStop(quoted, day, first.raw if first is not None else None)


def stopped_on(stop: RowStop) -> str | None:
    """ "stopped 4 Mar 2024" (the notes' date style, rag/dose_disagreements.where_written), or
    the date as written where its day is unclear; None where the stop cell gives no date."""
    if stop.day is not None:
        return f"stopped {stop.day.day} {stop.day:%b %Y}"
    return f"stopped {stop.written}" if stop.written else None


def _labelled(text: str, row: StoppedRow, columns: Iterable[int], cut: str = "") -> str:
    """ "Drug: Metformin; Stopped: 2024-03-04": the row's non-empty cells of ``columns``, each
    after its header cell's name; ``cut`` joins cells that are not next to each other."""
    parts: list[str] = []
    last = -1
    for i in columns:
        value = _cell(text, row.cells[i])
        if not value:
            continue
        name = _cell(text, row.names[i]) if i < len(row.names) else ""
        joint = cut if parts and cut and i != last + 1 else "; "
        parts.append((joint if parts else "") + (f"{name}: {value}" if name else value))
        last = i
    return "".join(parts)


def _cell(text: str, span: tuple[int, int]) -> str:
    return " ".join(text[span[0] : span[1]].split())
