"""Tables written as delimited text (a lab system's CSV export, a semicolon CSV, a TSV): where
each row's cells lie, and which rows at the table's top name its columns.

A table longer than a passage is cut into passages, and only the first holds the header row
("Date,Hb,WCC,Plt,Na,K,Creat"): a later one is rows of bare numbers. The chunker indexes such a
passage with the table's column names (ingest/chunker.py), the vault gives each hit its table's
heading (``SearchHit.table_heading``), the prompt shows it above the rows, and the grounding
checks read it as the table's heading (rag/binding.py binds each cell to its column).

A table here is a run of lines with the same number of cells (two at least; blank lines inside
it are skipped), whose first rows have no number in any cell (the header; a units row under it)
or head the columns with dates or time points ("Test,2024-03-02,2024-03-09", "Time,0,30,60"),
and whose next row has a number, or dates under columns the header names. A title line above it
has another number of cells and stays out.
Lines are read one by one in linear time. Python's csv module reads cells but not where they
lie, and a citation needs their offsets, so cells are split here, quotes honoured ("Smith, J").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import pairwise

DELIMITERS = (",", ";", "\t", "|")
# The file types whose text is tables written as a CSV export writes them (a CSV or TSV kept as
# written, an Excel or OpenDocument spreadsheet's sheets: medlocal/ingest/extractors/
# sheet_text.py): their later passages are indexed, shown and checked with their table's header
# rows.
TABLE_FILE_TYPES = ("csv", "xlsx", "ods")
# A header, a units row under it, and one more (a title row written with the table's
# delimiters, "Full blood count,,,,,,", as spreadsheets export it).
MAX_HEADER_ROWS = 3
# A table's header is looked for this near its document's start (a title and notes above it,
# a very wide header row).
HEADER_WINDOW = 16_000
# A passage's indexing header names at most this many characters of columns: the embedder
# truncates what it is given, and the passage's own rows must not be what it cuts.
COLUMNS_CONTEXT_CHARS = 400

# A cell holding one result: a number, maybe with a comparator, a unit and a flag ("<5",
# "4.2 H", "139*", "7.1 x10^9/L"); not a date ("2024-03-02", "02/03") nor a time.
_NUMBER_CELL = re.compile(
    r"\s*[<>≤≥~]?=?\s*[-+−]?(?:\d+(?:[.,]\d+)?|[.,]\d+)\*?"
    r"(?:\s*[A-Za-zµμ%][\w/^*µμ%.]*)?(?:\s+[HLhl]{1,2}\*?)?\s*"
)
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class DelimitedTable:
    """One table of a text: its delimiter, its header rows and its other rows, each row the
    offsets of its line (without the line break)."""

    delimiter: str
    header: tuple[tuple[int, int], ...]
    rows: tuple[tuple[int, int], ...]

    @property
    def header_start(self) -> int:
        return self.header[0][0]

    @property
    def header_end(self) -> int:
        return self.header[-1][1]

    @property
    def end(self) -> int:
        return self.rows[-1][1]

    def heading(self, text: str) -> str:
        """The header rows as the file writes them, one line each."""
        return "\n".join(text[start:end].strip("\r\ufeff") for start, end in self.header)

    def header_cells(self, text: str) -> list[list[str]]:
        """The cells of each header row, blanks and quotes stripped, from the top down."""
        return [
            [" ".join(text[a:b].strip('"\ufeff').split()) for a, b in
             cell_spans(text, start, end, self.delimiter)]
            for start, end in self.header
        ]  # fmt: skip

    def columns(self, text: str) -> list[str]:
        """Each column's name: its header cells from the top down, joined ("Hb g/L" where a
        units row gives "g/L" under "Hb")."""
        names: list[list[str]] = []
        for start, end in self.header:
            for index, (a, b) in enumerate(cell_spans(text, start, end, self.delimiter)):
                while len(names) <= index:
                    names.append([])
                cell = " ".join(text[a:b].strip('"\ufeff').split())
                if cell:
                    names[index].append(cell)
        return [" ".join(parts) for parts in names]


def delimited_tables(text: str) -> list[DelimitedTable]:
    """The delimited tables of ``text`` that have a header row, in text order. Where lines read
    as a table under two delimiters, the reading with more rows (then more columns) is kept."""
    if "\n" not in text or not any(d in text for d in DELIMITERS):
        return []
    lines = _lines(text)
    found: list[tuple[int, int, DelimitedTable]] = []  # (rows, columns, table)
    for delimiter in DELIMITERS:
        if delimiter in text:
            found += _tables(text, lines, delimiter)
    found.sort(key=lambda item: (-item[0], -item[1]))
    # The kept tables, apart and in text order: a table overlapping one overlaps a neighbour of
    # its place among them, so two looks each (a file of 2,000 small tables compared each with
    # every kept one: quadratic, note57).
    kept: list[DelimitedTable] = []
    starts: list[int] = []
    for _, _, table in found:
        at = bisect_left(starts, table.header_start)
        if (at == 0 or kept[at - 1].end < table.header_start) and (
            at == len(kept) or table.end < kept[at].header_start
        ):
            kept.insert(at, table)
            starts.insert(at, table.header_start)
    return kept


def table_at(text: str, offset: int) -> DelimitedTable | None:
    """The table of ``text`` whose rows run on past ``offset``, where its header lies before
    it (a passage starting at ``offset`` lacks the header); None elsewhere."""
    return next(
        (t for t in delimited_tables(text) if t.header_start < offset <= t.end),
        None,
    )


def heading_for(opening: str, start: int) -> str | None:
    """The header rows of the table a passage starting at ``start`` lies in, read from its
    document's ``opening`` (its first characters, or all of them): None where the passage
    begins at or before the header (a first or only passage holds it already) or after the
    table has ended. A passage past the opening lies in the opening's last table where that
    table runs on to the opening's end."""
    if start > len(opening):
        cut = opening.rfind("\n")
        opening = opening[:cut] if cut >= 0 else ""  # its last line may be cut short
    tables = [t for t in delimited_tables(opening) if t.header_start < start]
    if not tables:
        return None
    table = tables[-1]
    if start > table.end and table.end < len(opening.rstrip()):
        return None  # the table ended before the passage
    return table.heading(opening)


def opening_of(passages: Iterable[tuple[int, str]], chars: int = HEADER_WINDOW) -> str:
    """A document's first ``chars`` characters, put together from its passages ((start, text)
    in order; they may overlap), blanks where none covers a gap (a passage never starts or ends
    in blanks): offsets in it are the document's."""
    opening = ""
    for start, text in passages:
        if start >= chars:
            break
        if start > len(opening):
            opening += "\n" * (start - len(opening))
        opening += text[len(opening) - start :]
    return opening[:chars]


def columns_context(
    text: str, table: DelimitedTable, gloss: Callable[[str], str | None] | None = None
) -> str:
    """The indexing header's part that names a table's columns: "Columns: Date, Hb, K"; with
    ``gloss`` (a column's name -> the thing it measures), "K (potassium)" where the name does
    not say it in full, so a search in words finds the column's rows."""
    names = []
    for name in table.columns(text):
        meaning = gloss(name) if gloss is not None and name else None
        names.append(f"{name} ({meaning})" if meaning and meaning not in name.lower() else name)
    line = "Columns: " + ", ".join(name for name in names if name)
    if len(line) <= COLUMNS_CONTEXT_CHARS:
        return line
    return line[: line.rfind(", ", 0, COLUMNS_CONTEXT_CHARS)] + ", …"


def cell_spans(text: str, start: int, end: int, delimiter: str) -> list[tuple[int, int]]:
    """The spans of the cells of the line ``text[start:end]``, delimiters between them; a
    delimiter inside double quotes is part of its cell."""
    spans = []
    cell_start = start
    if text.find('"', start, end) < 0:  # no quotes: the delimiters, found at C speed
        position = text.find(delimiter, start, end)
        while position >= 0:
            spans.append((cell_start, position))
            cell_start = position + 1
            position = text.find(delimiter, cell_start, end)
        spans.append((cell_start, end))
        return spans
    quoted = False
    for position in range(start, end):
        char = text[position]
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            spans.append((cell_start, position))
            cell_start = position + 1
    spans.append((cell_start, end))
    return spans


def cell_text(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A cell's content: its span without blanks and enclosing quotes around it."""
    a, b = span
    while a < b and text[a] in " \t\r\ufeff":
        a += 1
    while b > a and text[b - 1] in " \t\r":
        b -= 1
    if b - a >= 2 and text[a] == '"' and text[b - 1] == '"':
        a, b = a + 1, b - 1
    return a, b


@dataclass(frozen=True)
class CellMarks:
    """What the tables of a text say about its commas: ``delimiters``, the offsets of the
    delimiters between the cells of every row (the header's too; a comma there parts two
    cells, "98,7.1", and is never a number's thousands); ``decimal_commas``, where a number
    written with a decimal comma opens a cell of a table whose cells are not parted by commas
    ("9,8" under "Hb" in a semicolon CSV: a cell holds no list). A row outside any table (its
    header in an earlier passage, or none) gives its commas between figures too, where it reads
    as a row (``_row_commas``)."""

    delimiters: tuple[int, ...] = ()
    decimal_commas: frozenset[int] = frozenset()


def cell_marks(text: str, tables: list[DelimitedTable] | None = None) -> CellMarks:
    """``tables``: ``text``'s delimited tables where the caller has them already."""
    delimiters: list[int] = []
    decimals: set[int] = set()
    tables = delimited_tables(text) if tables is None else tables
    delimiters += _row_commas(text, [(t.header_start, t.end) for t in tables])
    for table in tables:
        for start, end in (*table.header, *table.rows):
            spans = cell_spans(text, start, end, table.delimiter)
            delimiters += [
                b
                for index, (_, b) in enumerate(spans[:-1])
                if table.delimiter != "," or not _thousands(text, spans[index], spans[index + 1])
            ]
            if table.delimiter == ",":
                continue
            for span in spans:
                found = _DECIMAL_COMMA_CELL.match(text, *cell_text(text, span))
                if found is not None:
                    decimals.add(found.start("num"))
    return CellMarks(tuple(delimiters), frozenset(decimals))


# A comma between two figures; and a comma with a letter on one side and no blank on the other,
# as a delimited row parts a name's cell from the next ("Na,139": prose writes "Na, 139").
_FIGURE_COMMA = re.compile(r"(?<=\d),(?=\d)")
_WORD_COMMA = re.compile(r"[^\W\d_],[^\s,]|[^\s,],[^\W\d_]")
_BARE_NUMBER = re.compile(r"\s*[-+−]?\d+(?:\.\d+)?\s*")
# Figures led by a nought ("000", "050"): no result is written so, a thousands group is
# ("Plt,150,000,normal" and "IV,1,000 mL" are 150000 and 1000, review58a).
_ZERO_LED = re.compile(r"0\d")


def _row_commas(text: str, tables: list[tuple[int, int]]) -> list[int]:
    """The commas between figures that part two cells of a delimited row outside ``tables``
    (their spans): "Na,139,141" on a line of its own, or in a passage cut from a table below its
    header, is sodium 139 and 141, where "139,141" was read as 139141 (session 58). A line reads
    as a row where it has three cells at least and a name's cell glued to the next by a comma
    (``_WORD_COMMA``), and a comma between figures parts two cells there where the cell before
    it is a bare number and the cell after it a result ("Fluids 2,500 mL" and "Cost 1,250,000"
    stay numbers: no name glued, or words in the cell before; so do "Plt,150,000": a cell of
    figures led by a nought is a thousands group, ``_ZERO_LED``)."""
    found: list[int] = []
    if "," not in text:
        return found
    starts = [start for start, _ in tables]  # apart and in text order: by bisection
    line_start = line_end = -1
    row = False  # whether the line from line_start to line_end reads as a row
    for comma in _FIGURE_COMMA.finditer(text):
        at = comma.start()
        table = bisect_right(starts, at) - 1
        if table >= 0 and at <= tables[table][1]:
            continue  # a table's row: its cells are read by its delimiters
        if at > line_end:  # the commas come in text order: each line is read once
            line_start = text.rfind("\n", 0, at) + 1
            line_end = text.find("\n", at)
            line_end = len(text) if line_end < 0 else line_end
            row = text.count(",", line_start, line_end) >= 2 and bool(
                _WORD_COMMA.search(text, line_start, line_end)
            )
        if not row:
            continue
        before = text.rfind(",", line_start, at) + 1 or line_start
        after = text.find(",", at + 1, line_end)
        after = line_end if after < 0 else after
        cell = cell_text(text, (at + 1, after))
        if (
            _BARE_NUMBER.fullmatch(text, before, at)
            and _NUMBER_CELL.fullmatch(text, *cell)
            and not _ZERO_LED.match(text, cell[0])
        ):
            found.append(at)
    return found


# A comma between a figure and three more ("1,250"), no figure after them.
_THOUSANDS = re.compile(r"(?<=\d),\d{3}(?!\d)")


def _thousands(text: str, before: tuple[int, int], after: tuple[int, int]) -> bool:
    """Whether the comma between the cells ``before`` and ``after`` is a thousands comma of a
    line that only looks like a row: "1,250" where the words around it are no cells of a
    table ("History: smoker, diabetic" over "Fluids 2,500 mL": 2 and 500 were read, and a
    wrong "500 mL" passed the checks, review55c). A cell of a table holds a value, so a
    "cell" "Fluids 2" ending in a figure, or "250 mL, stable" going on in words, is prose."""
    if _THOUSANDS.match(text, before[1]) is None:
        return False
    a, b = cell_text(text, before)
    c, d = cell_text(text, after)
    return bool(_LETTER.search(text, a, b)) or (
        _NUMBER_CELL.fullmatch(text, c, d) is None and bool(_LETTER.search(text, c, d))
    )


_DECIMAL_COMMA_CELL = re.compile(r"[<>≤≥~]?=?\s*[-+−]?(?P<num>\d+,\d{1,2})(?![\d,])")


def _lines(text: str) -> list[tuple[int, int]]:
    spans = []
    position = 0
    for line in text.split("\n"):
        end = position + len(line)
        spans.append((position, end - 1 if line.endswith("\r") else end))
        position = end + 1
    return spans


def _count(text: str, start: int, end: int, delimiter: str) -> int:
    if '"' in text[start:end]:
        return len(cell_spans(text, start, end, delimiter))
    return text.count(delimiter, start, end) + 1


def _tables(
    text: str, lines: list[tuple[int, int]], delimiter: str
) -> list[tuple[int, int, DelimitedTable]]:
    tables = []
    run: list[tuple[int, int]] = []
    width = 0
    after_blank = False
    in_rows = False  # the run has passed its header: a row with a number is in it
    for start, end in lines:
        if not text[start:end].strip():
            after_blank = True
            continue  # a blank line inside a table does not end it
        count = _count(text, start, end, delimiter)
        # ... but a header row after one, or under the table's rows, opens the next table of
        # the file, however many cells it has ("Date,Na,Creat" under the rows of "Date,Hb,K"):
        # read as a row, the rows under it were bound to the first table's columns (review55c
        # after a blank line; review56a with none: "haemoglobin 139" over the sodium passed).
        header_like = _is_header_row(text, (start, end), delimiter) and not (
            run and count == width and _dates_under_names(text, (start, end), run[0], delimiter)
        )
        opens = header_like and (
            after_blank or (in_rows and _heads_a_table_like(text, (start, end), run[0], delimiter))
        )
        after_blank = False
        if count == width and count >= 2 and not opens:
            run.append((start, end))
            in_rows = in_rows or not header_like
            continue
        tables += _table(text, run, delimiter, width)
        run, width, in_rows = [(start, end)], count, not header_like
    tables += _table(text, run, delimiter, width)
    return tables


def _table(
    text: str, run: list[tuple[int, int]], delimiter: str, width: int
) -> list[tuple[int, int, DelimitedTable]]:
    """The run of lines as a table: its rows before the first with a number are its header."""
    if len(run) < 2 or width < 2:
        return []
    header = 0
    while header < min(len(run), MAX_HEADER_ROWS + 1) and _heads(
        text, run[header], run[:header], run[header + 1 : header + 2], delimiter
    ):
        header += 1
    if header == 0 or header == len(run) or header > MAX_HEADER_ROWS:
        return []
    if max(_named(text, row, delimiter) for row in run[:header]) < min(width, 2) and not any(
        heads_dates(text, row, delimiter) or heads_time_points(text, row, delimiter)
        for row in run[:header]
    ):
        return []  # a header names its columns: two of them at least, or their dates or times
    table = DelimitedTable(delimiter, tuple(run[:header]), tuple(run[header:]))
    return [(len(run), width, table)]


def _heads(
    text: str,
    row: tuple[int, int],
    above: list[tuple[int, int]],
    below: list[tuple[int, int]],
    delimiter: str,
) -> bool:
    """Whether ``row``, under the header rows ``above`` at a run's top and over the row
    ``below`` (none at the run's end), is one of them too: a header of dates or of time points
    ("Time,0,30,60,120" over an oral glucose test's rows: its "numbers" name columns), or a row
    with no number in a cell. A row with dates under columns a header row names is a row
    ("Metformin,500mg BD,2024-01-02,2024-03-04" under "Drug,Dose,Started,Stopped": read as a
    header's words, its dates left the medication list with no rows, session 58), unless the
    row below holds results under its dates: then they head the columns of a cumulative report
    whose header names its visits above them ("Visit 1,Visit 2" over ",,2024-03-02,2024-03-09"
    over "Hb,g/L,98,101"; read as a row, "Hb 101 on 9 March" was flagged, review58a)."""
    if heads_time_points(text, row, delimiter):
        return True
    if any(_dates_under_names(text, row, top, delimiter) for top in above) and not any(
        _results_under_dates(text, row, next_row, delimiter) for next_row in below
    ):
        return False
    if heads_dates(text, row, delimiter):
        return True
    cells = [cell_text(text, span) for span in cell_spans(text, *row, delimiter)]
    return not any(_NUMBER_CELL.fullmatch(text, a, b) for a, b in cells if b > a)


def _is_header_row(text: str, row: tuple[int, int], delimiter: str) -> bool:
    """Whether ``row`` reads as a header: no cell opens with a figure or holds a number
    ("HbA1c (mmol/mol)" names a column; "2024-03-02", "<5", "4.2 H" are a row's), and words in
    two cells at least."""
    cells = [cell_text(text, span) for span in cell_spans(text, *row, delimiter)]
    if heads_dates(text, row, delimiter):
        return True
    for a, b in cells:
        if b > a and (
            text[a].isdigit()
            or (text[a] in "<>≤≥~+-−.," and any(c.isdigit() for c in text[a:b]))
            or _NUMBER_CELL.fullmatch(text, a, b)
        ):
            return _time_points(text, cells)
    return sum(1 for a, b in cells if _LETTER.search(text, a, b)) >= 2


def _dates_under_names(
    text: str, row: tuple[int, int], top: tuple[int, int], delimiter: str
) -> bool:
    """Whether the dates of ``row`` lie under columns ``top`` names in words: "Metformin,
    2024-01-02,2024-03-04" under "Drug,Started,Stopped" is a row of dates, not a header of
    them (a cumulative report's dates head columns no row above names)."""
    names = [cell_text(text, span) for span in cell_spans(text, *top, delimiter)]
    cells = [cell_text(text, span) for span in cell_spans(text, *row, delimiter)]
    if len(names) != len(cells):
        return False
    dated = [
        name for name, (a, b) in zip(names, cells, strict=True) if DATE_CELL.fullmatch(text, a, b)
    ]
    return bool(dated) and all(_LETTER.search(text, *name) for name in dated)


def _results_under_dates(
    text: str, row: tuple[int, int], below: tuple[int, int], delimiter: str
) -> bool:
    """Whether the row ``below`` holds a result (a number, not a date) under a date of ``row``:
    a header's dates head results, a medication list's rows have dates under its dates."""
    cells = [cell_text(text, span) for span in cell_spans(text, *row, delimiter)]
    under = [cell_text(text, span) for span in cell_spans(text, *below, delimiter)]
    return len(cells) == len(under) and any(
        DATE_CELL.fullmatch(text, a, b)
        and c < d
        and _NUMBER_CELL.fullmatch(text, c, d)
        and not DATE_CELL.fullmatch(text, c, d)
        for (a, b), (c, d) in zip(cells, under, strict=True)
    )


def _heads_a_table_like(
    text: str, row: tuple[int, int], header: tuple[int, int], delimiter: str
) -> bool:
    """Whether ``row``, a row of words under a table's rows with no blank line between, is the
    header of the next table rather than a row of its own: every cell named once, and one of
    them where the table's header has it ("Date,Na,Creat" under "Date,Hb,K"). A row that says
    "not done,not done,not done" or ",haemolysed,haemolysed" is the table's own: read as a
    header, the rows under it lost their columns (review56a)."""
    cells = [_folded(text, span) for span in cell_spans(text, *row, delimiter)]
    if not all(cells) or len(set(cells)) < len(cells):
        return False
    above = [_folded(text, span) for span in cell_spans(text, *header, delimiter)]
    return any(a == b for a, b in zip(cells, above, strict=False))


def _folded(text: str, span: tuple[int, int]) -> str:
    a, b = cell_text(text, span)
    return " ".join(text[a:b].split()).casefold()


# A date as a cumulative report heads a column with it: "2024-03-02", "02/03/2024", "02.03.24",
# "2 Mar 2024", "02-Mar-2024", maybe with a time ("2024-03-02 08:15"); or a month ("Mar 2024",
# "Mar-24", "03/2024", "2024-03") or a year ("2023"), as a yearly or monthly review heads its
# columns ("Test,2022,2023,2024": session 58 read no table there).
_MONTH_NAME = r"(?i:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?)"
_YEAR = r"(?:19|20)\d\d"
DATE_CELL = re.compile(
    r"(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})"
    r"|\d{1,2}[ -]?[A-Za-z]{3,9}\.?[ -]?(?:\d{4}|\d{2}))(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
    rf"|{_MONTH_NAME}[ -]?(?:{_YEAR}|'?\d\d)|\d{{1,2}}/{_YEAR}|{_YEAR}-\d{{1,2}}|{_YEAR}"
)
_YEAR_CELL = re.compile(_YEAR)
# A header's years are a run, a year or a few apart: "Admissions,2021,2045,2100" is a row.
_YEARS_APART = 5


def heads_dates(text: str, row: tuple[int, int], delimiter: str) -> bool:
    """Whether ``row`` heads its columns with dates, as a cumulative lab report does ("Test,
    2024-03-02,2024-03-09" over "Potassium,4.2,5.6"), or with months or years: its first cell
    words or empty, two cells at least dates, and every other cell a date or words ("Units",
    "Ref"); years each once, in order, a few apart."""
    cells = [cell_text(text, span) for span in cell_spans(text, *row, delimiter)]
    if len(cells) < 3:
        return False
    (a, b), rest = cells[0], cells[1:]
    if b > a and not _LETTER.search(text, a, b):
        return False
    dates = 0
    years: list[int] = []
    for c, d in rest:
        if DATE_CELL.fullmatch(text, c, d):
            dates += 1
            if _YEAR_CELL.fullmatch(text, c, d):
                years.append(int(text[c:d]))
        elif d > c and (text[c].isdigit() or not _LETTER.search(text, c, d)):
            return False
    steps = [b - a for a, b in pairwise(years)]
    if steps and not (
        all(0 < s <= _YEARS_APART for s in steps) or all(0 < -s <= _YEARS_APART for s in steps)
    ):
        return False
    return dates >= 2


# A time point as a header cell gives it: "0", "30", "-15", "0h", "1 h", "30 min", "2hrs" ("Day
# 3" opens with a word: a header's cell already).
_TIME_POINT_CELL = re.compile(
    r"(?P<number>[-−]?\d{1,4}(?:\.\d{1,2})?)\s?(?P<unit>h|hrs?|hours?|min|mins|minutes?|d|days?)?",
    re.IGNORECASE,
)
# A timed test's first column before its start, named: "Baseline", "Basal", "Fasting", "Pre"
# ("Time,Baseline,30,60,120" over a Synacthen test's rows; session 58 read no table there).
_START_CELL = re.compile(r"baseline|basal|fasting|pre(?:[\s-]?dose)?", re.IGNORECASE)
# The first cell of a header of bare time points: it says they are times ("Time", "Time (min)",
# "Hours", "Minutes", "Timepoint", "Sample time").
_TIME_HEADING = re.compile(
    r"(?:sample\s+)?(?:time(?:\s?points?)?|hours?|hrs?|minutes?|mins?|days?)"
    r"(?:\s*[(\[](?P<unit>[^()\[\]]{1,12})[)\]])?",
    re.IGNORECASE,
)
_MINUTES = {"h": 60, "hr": 60, "hrs": 60, "hour": 60, "hours": 60, "d": 1440, "day": 1440,
            "days": 1440}  # fmt: skip


def heads_time_points(text: str, row: tuple[int, int], delimiter: str) -> bool:
    """Whether ``row`` heads its columns with the times of a timed test ("Test,0h,1h,2h" or
    "Time,0,30,60,120" over an oral glucose test's "Glucose,5.1,9.8,7.2,6.0"; a drug level's
    curve): its first cell words, then two time points at least, later each, written with a
    unit of time or under a first cell that says they are times. A row of results ("Na,139,
    141") is none: its first cell names no time and its numbers no unit (session 58: such a
    header was no table's, and the rows under it were read as prose, "12,145,160" one
    number)."""
    return header_times(text, row, delimiter) is not None


def header_times(
    text: str, row: tuple[int, int], delimiter: str
) -> list[float | str | None] | None:
    """For a header of time points (``heads_time_points``), each cell's time: minutes after the
    start, or the start's name in lower case ("baseline", "fasting"); None for the first cell.
    None where ``row`` is no such header."""
    return _times(text, [cell_text(text, span) for span in cell_spans(text, *row, delimiter)])


def _time_points(text: str, cells: list[tuple[int, int]]) -> bool:
    """``heads_time_points`` for a row's ``cells`` (their contents' spans)."""
    return _times(text, cells) is not None


def _times(text: str, cells: list[tuple[int, int]]) -> list[float | str | None] | None:
    """``header_times`` for a row's ``cells`` (their contents' spans)."""
    if len(cells) < 3:
        return None
    (a, b), rest = cells[0], cells[1:]
    if b > a and not _LETTER.search(text, a, b):
        return None
    heading = _TIME_HEADING.fullmatch(text, a, b)
    # Bare numbers under "Hours" or "Time (h)" are hours; under "Time" or "Minutes", minutes.
    named_unit = (heading.group("unit") or text[a:b]).strip().lower() if heading else ""
    bare = next((n for u, n in _MINUTES.items() if named_unit in (u, u + "s")), 1)
    times: list[float | str | None] = [None]
    units = started = 0
    for c, d in rest:
        if _START_CELL.fullmatch(text, c, d) and len(times) == 1:
            times.append(text[c:d].lower())
            started = 1
            continue
        found = _TIME_POINT_CELL.fullmatch(text, c, d)
        if found is None:
            return None
        unit = (found.group("unit") or "").lower()
        units += bool(unit)
        number = float(found.group("number").replace("−", "-"))
        times.append(number * _MINUTES.get(unit, 1 if unit else bare))
    minutes = [t for t in times if isinstance(t, float)]
    if len(minutes) + started < 2 or any(b <= a for a, b in pairwise(minutes)):
        return None
    if units == len(minutes) or heading is not None:
        return times
    return None


def _named(text: str, row: tuple[int, int], delimiter: str) -> int:
    """How many cells of ``row`` hold a word."""
    cells = [cell_text(text, span) for span in cell_spans(text, *row, delimiter)]
    return sum(1 for a, b in cells if _LETTER.search(text, a, b))
