"""Drugs a medication table gives as stopped in a stop column: "Drug,Dose,Started,Stopped" over
"Metformin,500 mg BD,2024-01-02,2024-03-04" says metformin was stopped, though no word of its
row is a stop trigger; "Ramipril,5 mg OD,2023-05-06," (an empty stop cell) says ramipril was not.

Session 58: the right answer "Metformin was stopped on 4 March 2024 [1]." over such a passage was
flagged as contradicting it ("... gives it as still taken"), the assertion reader (rag/
assertions.py) reading each row as a sentence with nothing in it that stops anything.

The table is read here from the passage's own lines, whatever else reads it as a table
(medlocal/delimited_tables.py): a header row with a stop column ("Stopped", "Stop date", "End
date", "Discontinued", "Ceased", ...) and a drug or dose column, split at "|", a tab, ";" or ","
(double quotes respected), and the rows under it to the first line that is no row of it. A
row whose stop cell holds a date, "yes" or a stop word has its drug cell's name read as
stopped; any other cell (empty, "no", "ongoing") leaves the row as the reader reads it. A row
with more cells than its header (an unquoted decimal comma) is left alone: which cell is the
stop cell is not known. The stop words are English only, as the assertion reader's triggers
(rag/assertion_triggers.py) are."""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from medlocal.delimited_tables import cell_spans, cell_text
from medlocal.rag.assertion_records import Assertion
from medlocal.rag.assertion_tokens import Token

# Headers of a stop column, as written (lower case, brackets and "_" aside): "Stop date",
# "Date stopped", "End date (dd/mm/yyyy)", "Discontinued_on".
_STOP_HEADERS = frozenset(
    {"stopped", "stop", "stop date", "date stopped", "stopped on", "stopped date", "end",
     "end date", "ended", "date ended", "ended on", "discontinued", "date discontinued",
     "discontinued on", "discontinuation", "discontinuation date", "ceased", "date ceased",
     "ceased on", "cessation date"}
)  # fmt: skip
# Headers that make the table a medication table: its drug column, or its dose column.
_DRUG_HEADERS = frozenset(
    {"drug", "drugs", "drug name", "medication", "medications", "medication name", "medicine",
     "medicines", "medicine name", "med", "meds"}
)  # fmt: skip
# Headers that name a drug column only beside a dose column: "Name,Role,Start,End" lists a
# care team, whose "Dr Smith,GP,2020,2023" is no drug stopped (review58b).
_NAME_HEADERS = frozenset({"name", "agent"})
_DOSE_HEADERS = frozenset({"dose", "doses", "dosage", "strength", "dose/frequency"})

# A stop cell that says the drug was stopped without a date.
_STOP_WORDS = frozenset(
    {"yes", "y", "x", "true", "✓", "✔", "stopped", "discontinued", "ceased", "withdrawn",
     "held", "withheld", "suspended"}
)  # fmt: skip
_MONTHS = "|".join(m.lower() for m in [*calendar.month_name[1:], *calendar.month_abbr[1:], "sept"])
# A stop cell that opens with a date: "2024-03-04", "04/03/2024", "4.3.24", "4 Mar 2024",
# "March 2024", "03/2024", "2024".
_DATE = re.compile(
    rf"(?:\d{{4}}-\d{{1,2}}(?:-\d{{1,2}})?|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{1,2}}/\d{{1,2}}"
    rf"|\d{{1,2}}[/.-]\d{{4}}|(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{_MONTHS})\.?,?\s+\d{{2,4}}"
    rf"|(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)
# A stop cell's date still to come: a planned course end, a review ("2024-03-10 (planned)",
# "due 10/03", "review 1/4/24", "?stop 2024-04"), not a stop that has been.
_NOT_YET = re.compile(
    r"\b(?:planned|plan|due|expected|intended|scheduled|review|until|if|when|tbc|tbd)\b|\?",
)
_DELIMITERS = ("|", "\t", ";", ",")
_RULE = re.compile(r"[\s:|+-]*-[\s:|+-]*")  # a Markdown table's rule: "|---|:---:|"
_BRACKETED = re.compile(r"\([^)]*\)")


Span = tuple[int, int]


@dataclass(frozen=True)
class _Header:
    delimiter: str
    cells: int
    drug: int  # the drug cell's column
    stop: int  # the stop cell's column
    names: tuple[Span, ...]  # (start, end) of each header cell in the text


@dataclass(frozen=True)
class StoppedRow:
    """A row a stop column gives as stopped, as (start, end) spans in the passage's text: its
    header's cells, its own cells, and which of them are the drug and the stop cells."""

    names: tuple[Span, ...]
    cells: tuple[Span, ...]
    drug: int
    stop: int

    @property
    def span(self) -> Span:
        return (self.cells[0][0], self.cells[-1][1])


def _cells(line: str, offset: int, delimiter: str) -> list[tuple[int, int]]:
    """(start, end) in the text of each cell of ``line`` (at ``offset``), its blanks and
    enclosing quotes trimmed (delimited_tables' cell readers); a Markdown row's outer bars open
    and close no cell."""
    spans = cell_spans(line, 0, len(line), delimiter)
    if delimiter == "|" and line.strip().startswith("|"):
        spans = spans[1:]
    if delimiter == "|" and line.strip().endswith("|"):
        spans = spans[:-1]
    trimmed = (cell_text(line, span) for span in spans)
    return [(offset + a, offset + b) for a, b in trimmed]


def _label(cell: str) -> str:
    words = _BRACKETED.sub(" ", cell).replace("_", " ").strip(" :*").lower()
    return " ".join(words.split())


def _header(line: str, offset: int) -> _Header | None:
    """The stop table ``line`` heads: a stop column, and a drug or a dose column."""
    for delimiter in _DELIMITERS:
        if delimiter not in line:
            continue
        names = _cells(line, offset, delimiter)
        labels = [_label(line[s - offset : e - offset]) for s, e in names]
        stops = [i for i, label in enumerate(labels) if label in _STOP_HEADERS]
        dosed = bool(_DOSE_HEADERS.intersection(labels))
        # A "Name"/"Agent" column holds a drug only beside a dose column (a care team's
        # "Name,Role,Start,End" is no medication list: review58b).
        drug_words = _DRUG_HEADERS | _NAME_HEADERS if dosed else _DRUG_HEADERS
        drugs = [i for i, label in enumerate(labels) if label in drug_words]
        if len(labels) < 2 or not stops or not (drugs or dosed):
            continue
        drug = drugs[0] if drugs else 0
        if drug != stops[0]:
            return _Header(delimiter, len(labels), drug, stops[0], tuple(names))
    return None


def _says_stopped(cell: str) -> bool:
    """Whether a stop cell gives its row as stopped: it opens with a date ("04/03/2024 (AKI)")
    or a stop word ("yes", "ceased - rash")."""
    cell = cell.strip().lower()
    words = cell.split()
    if _NOT_YET.search(cell):
        return False  # "2024-03-10 (planned)": a course's end to come, no stop
    return bool(words) and (words[0].strip(".,;:-") in _STOP_WORDS or _DATE.match(cell) is not None)


def stopped_drug_cells(text: str) -> tuple[Span, ...]:
    """(start, end) of each drug cell of ``text`` whose row a stop column gives as stopped,
    in order."""
    return tuple(row.cells[row.drug] for row in stopped_rows(text))


def stopped_row_at(text: str, offset: int) -> StoppedRow | None:
    """The row of ``text`` a stop column gives as stopped that holds ``offset``, if any."""
    return next((r for r in stopped_rows(text) if r.span[0] <= offset <= r.span[1]), None)


@lru_cache(maxsize=16)
def stopped_rows(text: str) -> tuple[StoppedRow, ...]:
    """Each row of ``text`` a stop column gives as stopped, in order."""
    found: list[StoppedRow] = []
    header: _Header | None = None
    offset = 0
    for raw in text.split("\n"):
        line = raw.rstrip("\r")
        start, offset = offset, offset + len(raw) + 1
        if header is not None and header.delimiter in line and not _RULE.fullmatch(line):
            row = _cells(line, start, header.delimiter)
            if _header(line, start) is None and len(row) <= header.cells:
                stop = row[header.stop] if header.stop < len(row) else (0, 0)
                if header.drug < len(row) and _says_stopped(text[stop[0] : stop[1]]):
                    found.append(StoppedRow(header.names, tuple(row), header.drug, header.stop))
                continue
        elif header is not None and _RULE.fullmatch(line):
            continue
        header = _header(line, start)
    return tuple(found)


def mark_stop_columns(text: str, tokens: Sequence[Token], out: list[Assertion]) -> frozenset[int]:
    """Mark stopped the name in each of ``tokens`` (a sentence of ``text``) that lies in a
    drug cell a stop column gives as stopped (``stopped_drug_cells``): its words up to the first
    figure ("Metformin 500 mg" -> metformin). Returns their indexes: a stop read from a cell is
    plain, no scope of a trigger that could be misread."""
    cells = stopped_drug_cells(text)
    if not cells:
        return frozenset()
    starts = [s for s, _ in cells]
    marked: set[int] = set()
    ended: set[int] = set()  # cells whose name has ended at a figure
    for i, token in enumerate(tokens):
        k = bisect_right(starts, token.start) - 1
        if k < 0 or token.end > cells[k][1] or k in ended:
            continue
        if token.text[:1].isdigit():
            ended.add(k)
        elif token.text[:1].isalpha():
            out[i].stopped = True
            marked.add(i)
    return frozenset(marked)
