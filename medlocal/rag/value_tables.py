"""Values in tables: the measure heading a value's column, the dates heading a table's columns,
and the time point or measure a row opens with (tables laid out in columns or pasted as CSV),
and the cells of delimited tables under their header (medlocal/delimited_tables.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from medlocal.delimited_tables import (
    DelimitedTable,
    cell_spans,
    cell_text,
    delimited_tables,
    header_times,
    heads_dates,
)
from medlocal.measured_things import find_measures, measure_named
from medlocal.rag.reference_ranges import REFERENCE_RANGE
from medlocal.rag.table_sides import names_sides
from medlocal.rag.time_points import BOUND_KINDS, Point, elapsed_key
from medlocal.rag.unlisted_tests import identifier_named, name_in_cell
from medlocal.values import (
    Value,
    column_units,
    dated_row_units,
    extract_values,
    in_column_unit,
)

# A table laid out in columns, its cells apart by two spaces or more or a tab:
# "Date        Creat (umol/L)  eGFR  Tac trough (ug/L)" over "18/08/2025  151  45  7.8".
_CELL = re.compile(r"[^ \t\n](?:[^ \t\n]| (?! ))*")
_HEADER_MEASURES = 2
_THRESHOLD_HEADING = re.compile(
    r"(?:treatment\s+|action\s+|phototherapy\s+)?(?:threshold|cut-?off|limit)s?", re.IGNORECASE
)
_ROW_TIME_LABELS = frozenset({"date", "time", "day", "date/time", "datetime", "date time"})
_LETTER = re.compile(r"[^\W\d_]")


def column_measure(text: str, value: Value, measures: list[tuple[int, int, str]]) -> str | None:
    """The measure that heads a value's column, where the value is in a row of a table laid
    out in columns whose row names no measure of its own (a date, then results): "" where the
    column's heading names none ("Tac trough"), None where the value is in no such table."""
    line_start = text.rfind("\n", 0, value.start) + 1
    line_end = text.find("\n", value.start)
    line_end = len(text) if line_end < 0 else line_end
    cells = list(_CELL.finditer(text, line_start, line_end))
    if len(cells) < 3 or any(line_start <= m[0] < line_end for m in measures):
        return None
    index = next((i for i, c in enumerate(cells) if c.start() <= value.start < c.end()), None)
    if index is None:
        return None
    # The heading: the nearest line above with as many cells and at least two measures.
    end = line_start - 1
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        heads = list(_CELL.finditer(text, start, end))
        named = [m for m in measures if start <= m[0] < end]
        # A heading that opens with "Date" or "Time" heads dated rows: one measure named is
        # enough to know it for a heading, and a column it names none of is no other column's
        # ("Date  Time  Age (h)  TSB": 198 under "TSB" is no age; round 10).
        needed = 1 if heads and heads[0].group().lower() in _ROW_TIME_LABELS else _HEADER_MEASURES
        if len(heads) == len(cells) and len(named) >= needed:
            head = heads[index]
            if _THRESHOLD_HEADING.fullmatch(head.group()):
                return REFERENCE_RANGE  # "Threshold" over "190": a limit, no result (round 10)
            inside = [m for m in named if head.start() <= m[0] and m[1] <= head.end()]
            return max(inside, key=lambda m: m[1])[2] if inside else ""
        end = start - 1
    return None


# A table with its dates across the top ("Labs  21/01  22/01" over "CRP  <5  14"): each value
# below a date, in the rows down to a blank line, is of that date. A column is a line's number
# and the span of the date's cell, a little wider (values are aligned by eye).
_COLUMN_SLACK = 2
_REFERENCE_HEADING = re.compile(
    r"(?:ref(?:erence)?\.?(?:\s+(?:range|interval|values?))?|normal\s+range|range)", re.I
)


# A cell of a table's row after its label: a value, or a mark for none ("-", "—", "*").
_VALUE_CELL = re.compile(r"[\d<>≤≥~+\-−–—.*]")


def date_columns(text: str, day_first: bool | None) -> dict[tuple[int, int], Point]:
    """(line number, column) -> the date that heads that column, for every table of ``text``
    whose heading line gives two dates or more as its cells after the first."""
    columns: dict[tuple[int, int], Point] = {}
    heading: list[tuple[int, int, Point]] = []
    offset = 0
    for number, line in enumerate(text.split("\n")):
        cells = list(_CELL.finditer(line))
        dates = [v for v in extract_values(line, day_first) if v.kind == "date"]
        # A last column of reference ranges ("09/2024   11/2024   01/2025   Ref"; round 9).
        ref = cells[-1] if cells and _REFERENCE_HEADING.fullmatch(cells[-1].group()) else None
        dated = len(cells) - (ref is not None)
        if not line.strip():
            heading = []
        elif (
            len(dates) >= 2
            and (
                (dated >= 3 and len(dates) == dated - 1)
                # A heading whose label cell is left blank ("        Dec-24   Mar-25"; round 9).
                or (len(dates) == dated and line[:1].isspace())
            )
        ):
            heading = [
                (d.start - _COLUMN_SLACK, d.start + len(d.raw) + _COLUMN_SLACK,
                 Point(offset + d.start, offset + d.start + len(d.raw), d.canonical, d.alt))
                for d in dates
            ]  # fmt: skip
            if ref is not None:
                heading.append(
                    (ref.start() - _COLUMN_SLACK, ref.end() + 2 * _COLUMN_SLACK + 4,
                     Point(offset + ref.start(), offset + ref.end(), REFERENCE_RANGE))
                )  # fmt: skip
        elif len(cells) >= 2 and all(
            _VALUE_CELL.match(c.group()) for c in cells[_first_value(cells) :]
        ):
            for lo, hi, point in heading:  # a row: a label, then values in its cells
                for column in range(max(lo, 0), min(hi, len(line))):
                    columns[number, column] = point
        elif len(cells) >= 2:
            # Prose under the table with two spaces between its sentences ("Plan:  recheck  CRP 30
            # tomorrow.") is no row: the table has ended (review 31 found it dated as one).
            heading = []
        offset += len(line) + 1
    return columns


def _first_value(cells: list[re.Match[str]]) -> int:
    """The index of a row's first value cell: after its label and, where the row sets one
    apart, its unit ("HbA1c   mmol/mol   58   62": round 9)."""
    if len(cells) >= 3 and _UNIT_CELL.fullmatch(cells[1].group()):
        return 2
    return 1


# A unit as a table writes it in a cell or beside a row's values ("mmol/mol", "x10^9/L", "%");
# the number checks read table units with the same pattern.
UNIT_TOKEN = r"[A-Za-zµμ%][\w/µμ^%.]*"
_UNIT_CELL = re.compile(UNIT_TOKEN)


def column_of(text: str, offset: int) -> tuple[int, int]:
    """The line number and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset)
    return line, offset - (text.rfind("\n", 0, offset) + 1)


def row_point(text: str, value: Value, points: list[Point]) -> Point | None:
    """The time point a table row opens with ("18/08/2025  151  45  7.8"): every value of the
    row is of that time."""
    line_start = text.rfind("\n", 0, value.start) + 1
    first = _CELL.match(text, line_start)
    if first is None or first.end() > value.start:
        return None
    return next((p for p in points if first.start() <= p.start and p.end <= first.end()), None)


# The cell before a value's cell in a table pasted as text: "2026-11-08,White cell count,9.1"
# (a comma with no space after it; prose writes ", "), or with semicolons, as tables that write
# decimal commas are exported ("Kalium;5,9;mmol/l").
_CELL_BEFORE = re.compile(r"(?:^|(?<=[,\n]))([^,\n]*[^,\s]),$|(?:^|(?<=[;\n]))([^;\n]*[^;\s]);$")


def row_measure(text: str, value: Value, measures: list[tuple[int, int, str]]) -> str | None:
    """The measure a table row names in the cell before the value's (walk 29: every value of a
    lab CSV was bound to no analyte, and a flag described both sides as "a value on
    2026-11-08")."""
    # From the value's line's start (no cell spans lines): from the text's start, a search per
    # value was quadratic in a long export read as one sentence (review58b).
    cell = _CELL_BEFORE.search(text, text.rfind("\n", 0, value.start) + 1, value.start)
    if cell is None:
        return None
    group = 1 if cell.group(1) is not None else 2
    inside = [m for m in measures if cell.start(group) <= m[0] and m[1] <= cell.end(group)]
    return max(inside, key=lambda m: m[1])[2] if inside else None


# ---- tables written as delimited text (CSV, semicolon CSV, TSV) -------------------------------


@dataclass(frozen=True)
class DelimitedCell:
    """A value in a row of a delimited table whose header names its measures: the value (its
    offset in the whole text), the measure its column's heading names (None: the heading names
    none), the date the row gives, and the heading and row it was read from, as a flag quotes
    them."""

    value: Value
    measure: str | None
    date: Point | None
    quote: str
    range_of: str | None = None  # the measure whose range a limit cell gives (REFERENCE_RANGE)


def delimited_cells(
    text: str,
    day_first: bool | None,
    decimal_commas: bool,
    tables: list[DelimitedTable] | None = None,
) -> tuple[list[DelimitedCell], list[tuple[int, int]]]:
    """The values of the rows of ``text``'s delimited tables whose headers name a measure
    ("Date,Hb,WCC,Plt,Na,K,Creat" over "2024-03-02,98,7.1,250,139,4.2,88": 98 is the Hb of 2
    March; the header is told by the table's shape, medlocal/delimited_tables.py, so one
    measure is enough: "Date,K"), and the spans of those rows, whose values are read so and no
    other way. A row of bare numbers is no sentence the prose reader binds (it was left out as
    a table rule), and a later passage's rows are read under the heading the checks are given
    with them."""
    cells: list[DelimitedCell] = []
    rows: list[tuple[int, int]] = []
    for table in delimited_tables(text) if tables is None else tables:
        dated = _dated_row_cells(text, table, day_first, decimal_commas or table.delimiter != ",")
        if dated:
            cells += dated
            # The header's years and times head columns: they are no results ("Time,0,30,60,120").
            rows += (*table.header, *table.rows)
            continue
        measures = column_measures_of(text, table)
        # A table whose headings name sides ("IOP RE | IOP LE") is read by its columns too, each
        # row naming its measure in its first cell where no heading does (table_sides.py).
        by_row = not any(measures)
        if by_row and not names_sides(text, table):
            continue  # a long table names its test in each row ("date,test,value": row_measure)
        measures = _with_unlisted_names(text, table, measures)
        commas = decimal_commas or table.delimiter != ","
        heading = table.heading(text)
        units = column_units(text, table)
        for start, end in table.rows:
            rows.append((start, end))
            spans = [cell_text(text, s) for s in cell_spans(text, start, end, table.delimiter)]
            read = [extract_values(text[a:b], day_first, commas) for a, b in spans]
            date = next(
                (
                    Point(a + v.start, a + v.start + len(v.raw), v.canonical, v.alt)
                    for (a, _), found in zip(spans, read, strict=True)
                    for v in found
                    if v.kind == "date"
                ),
                None,
            )
            quote = f"{heading}\n{text[start:end]}"
            named = measure_named(text[spans[0][0] : spans[0][1]]) if by_row and spans else None
            for index, ((a, _), found) in enumerate(zip(spans, read, strict=True)):
                measure = (measures[index] if index < len(measures) else None) or named
                unit = units[index] if index < len(units) else None
                cells += [
                    DelimitedCell(
                        in_column_unit(v, unit if v.start == 0 else None).moved(a),
                        measure,
                        date,
                        quote,
                    )
                    for v in found
                    if v.kind in BOUND_KINDS
                ]
    return cells, rows


def _with_unlisted_names(
    text: str, table: DelimitedTable, measures: list[str | None]
) -> list[str | None]:
    """``measures`` with the name of each column of results whose heading names a test or an
    identifier the measured things do not list ("Ferritin", "MRN": unlisted_tests.py), where
    every cell of the column is a value: a column of words ("K 5.9 on repeat") is a comment's."""
    names: list[str | None] = []
    rows = [
        [cell_text(text, s) for s in cell_spans(text, *row, table.delimiter)] for row in table.rows
    ]
    for index, (measure, heading) in enumerate(zip(measures, table.columns(text), strict=False)):
        column = [text[a:b] for cells in rows if index < len(cells) for a, b in [cells[index]]]
        values = all(_VALUE_CELL.match(cell) for cell in column if cell)
        names.append(measure or (name_in_cell(heading) if values and any(column) else None))
    return names + measures[len(names) :]


def column_measures_of(text: str, table: DelimitedTable) -> list[str | None]:
    """The measure each column of ``table`` holds the results of, by its heading ("K":
    potassium), all None where the table is no table of results by column: a column of
    reference ranges holds a range's limits, not a result ("Reference range" names the range;
    "3.5-5.3" is the range of the potassium its row gives), and a table whose rows name their
    own test ("Date,Test,Result,Units,Reference range" over "30/11/2026,Potassium,5.4,mmol/L,
    3.5-5.3") is read row by row, the unit and range beside each result (``row_measure``,
    binding.py): read cell by cell under its header, its result lost its unit and measure and
    its range, and "Her potassium was normal" over a high potassium passed (session 55)."""
    measures = [measure_named(name) for name in table.columns(text)]
    measures = [None if measure == REFERENCE_RANGE else measure for measure in measures]
    if not any(measures) or _rows_name_their_test(text, table):
        return [None] * len(measures)
    return measures


def _rows_name_their_test(text: str, table: DelimitedTable) -> bool:
    """Whether a column of ``table`` whose heading names no measured thing names one in half of
    its rows or more, in cells that are the test's name: the table's test column ("Test" over
    "Potassium", "Serum sodium", "HbA1c"). A free-text column's "K 5.9 on repeat" or "K
    haemolysed" beside "Date,Hb,K" is a comment, not a test column: read as one, the whole wide
    table was read row by row and "potassium 98" over its Hb passed (review56a)."""
    headings = [measure_named(name) for name in table.columns(text)]
    named: dict[int, int] = {}
    for start, end in table.rows:
        for index, span in enumerate(cell_spans(text, start, end, table.delimiter)):
            if index < len(headings) and headings[index] is not None:
                continue
            a, b = cell_text(text, span)
            if b > a and not text[a].isdigit() and _names_a_test(text[a:b]):
                named[index] = named.get(index, 0) + 1
    return any(2 * count >= len(table.rows) for count in named.values())


def _names_a_test(cell: str) -> bool:
    """Whether ``cell`` is a test's name: a measured thing named in a third of its letters or
    more ("Potassium", "Serum sodium", "FBC - Hb"), not a comment that mentions one."""
    found = find_measures(cell)
    if not found:
        return False
    letters = len(_LETTER.findall(cell))
    named = max(len(_LETTER.findall(cell[a:b])) for a, b, _ in found)
    return 3 * named >= letters


def column_measures(text: str) -> list[str]:
    """The measures the columns of ``text``'s delimited tables name where their headings do
    not write them out ("K": potassium; "Hb": hemoglobin), in column order, each once."""
    named: dict[str, None] = {}
    for table in delimited_tables(text):
        for column, measure in zip(
            table.columns(text), column_measures_of(text, table), strict=False
        ):
            if measure is not None and measure not in column.lower():
                named[measure] = None
    return list(named)


# A column heading that names one limit of a reference range, in a table whose rows name their
# own test: "Low", "High", "Ref low", "Lower limit", "LLN", "ULN", "Normal max", "Min", "Untere
# Grenze", "Norm von"/"bis" (review56a F5).
_LIMIT_HEADING = re.compile(
    r"(?:(?:ref(?:erence)?|normal|norm|range)\.?[\s_-]*)?"
    r"(?:low(?:er)?|high|upper|min(?:imum)?|max(?:imum)?|von|bis|untere?|obere?)"
    r"(?:[\s_-]*(?:limit|ref(?:erence)?|range|normal|bound|grenze|wert))?"
    r"|lln|uln|l\.?l\.?n\.?|u\.?l\.?n\.?",
    re.IGNORECASE,
)


def range_limit_cells(
    text: str, tables: list[DelimitedTable] | None = None
) -> list[tuple[int, int]]:
    """The cells of ``text``'s delimited tables that hold a reference range's limit, in a table
    whose rows name their own test: "Test,Result,Unit,Low,High" over "Potassium,5.9,mmol/L,3.5,
    5.3" gives 3.5 and 5.3 as the potassium range's limits, not results (review56a F5: "her
    potassium was 5.3" passed, the row's test bound to every number of its line). A table of
    results by column ("Date,Min,Max" of a glucose diary) has no test column, and its minimum
    and maximum are results."""
    spans: list[tuple[int, int]] = []
    for table in delimited_tables(text) if tables is None else tables:
        limits = _limit_columns(text, table)
        if not limits or not (_is_dated(text, table) or _rows_name_their_test(text, table)):
            continue
        for start, end in table.rows:
            cells = cell_spans(text, start, end, table.delimiter)
            spans += [cell_text(text, cells[i]) for i in sorted(limits) if i < len(cells)]
    return spans


# Which limit a limit column holds, by its heading: "Low", "Ref low", "Min", "LLN", "von",
# "Untere Grenze" the lower; "High", "Max", "ULN", "bis", "Obere Grenze" the upper.
_LOWER_HEADING = re.compile(r"low|min|lln|l\.l\.n|von|unter", re.IGNORECASE)
_UPPER_HEADING = re.compile(r"high|upper|max|uln|u\.l\.n|bis|ober", re.IGNORECASE)


def limit_cell_sides(text: str, tables: list[DelimitedTable]) -> list[tuple[int, int, str]]:
    """The cells of ``range_limit_cells`` under a heading that names one limit, sorted, each
    with its side ("lower" under "Low", "upper" under "High"): an answer's "upper limit of
    3.5" is not a Low cell's 3.5 (review58b F6)."""
    found: list[tuple[int, int, str]] = []
    spans = range_limit_cells(text, tables)
    if not spans:
        return found
    cells = set(spans)
    for table in tables:
        sides = {}
        for index, name in enumerate(table.columns(text)):
            bare = _without_unit(name)
            if not _LIMIT_HEADING.fullmatch(bare):
                continue
            low = _LOWER_HEADING.search(bare)
            high = _UPPER_HEADING.search(bare)
            if (low is None) != (high is None):
                sides[index] = "lower" if low is not None else "upper"
        if not sides:
            continue
        for start, end in table.rows:
            row = cell_spans(text, start, end, table.delimiter)
            for index, side in sides.items():
                if index < len(row) and cell_text(text, row[index]) in cells:
                    found.append((*cell_text(text, row[index]), side))
    return sorted(found)


# A cumulative report's column of reference ranges: "Ref", "Reference range", "Normal range",
# and as German and French exports head it ("Referenzbereich", "Normbereich", "Valeurs de
# référence").
_RANGE_COLUMN = re.compile(
    rf"{_REFERENCE_HEADING.pattern}|referenz(?:bereich|intervall|werte?)?|norm(?:al)?(?:bereich|werte?)"
    r"|(?:valeurs?|intervalle)\s+de\s+r[ée]f[ée]rence",
    re.IGNORECASE,
)


def _limit_columns(text: str, table: DelimitedTable) -> set[int]:
    """The columns of ``table`` that hold a range's limits: "Low"/"High" and the like, and its
    "Ref"/"Reference range" column ("3.5-5.3") in a cumulative report (dates across the top;
    review57b: read by nothing, its limits confirmed "her potassium was 5.3") or a long table
    ("Test,Result,Unit,Range,Flag": the right "Potassium 5.9 mmol/L (3.5-5.3)" was flagged,
    its limits bound to nothing; ground59). A column headed only "Range" holds limits in a long
    table beside a column of results ("Result", "Value"); beside none it is what was measured
    ("Date,Test,Range,Mean": a glucose diary's day from 5.1 to 9.8, review59c)."""
    names = [_without_unit(name) for name in table.columns(text)]
    results = _is_dated(text, table) or any(_RESULTS_COLUMN.fullmatch(name) for name in names)
    return {
        index
        for index, name in enumerate(names)
        if _LIMIT_HEADING.fullmatch(name)
        or (_RANGE_COLUMN.fullmatch(name) and (results or not _BARE_RANGE.fullmatch(name)))
    }


# A column of a long table's results: "Result", "Value", "Wert", "Résultat", "Valor".
_RESULTS_COLUMN = re.compile(
    r"(?:test\s+)?(?:results?|values?|wert|ergebnis|r[ée]sultats?|resultados?|valor(?:es)?"
    r"|uitslag|observation\s+value|reading)",
    re.IGNORECASE,
)
_BARE_RANGE = re.compile(r"range", re.IGNORECASE)


def _is_dated(text: str, table: DelimitedTable) -> bool:
    return any(heads_dates(text, row, table.delimiter) for row in table.header)


def _without_unit(name: str) -> str:
    """A column's name without a unit in brackets after it: "Low" of "Low (mmol/L)"."""
    name = name.rstrip()
    if name.endswith((")", "]")):
        opening = max(name.rfind("("), name.rfind("["))
        if opening > 0:
            return name[:opening].rstrip()
    return name


# ---- a cumulative report: dates across the top, a test in each row ------------------------------


def _dated_row_cells(
    text: str, table: DelimitedTable, day_first: bool | None, commas: bool
) -> list[DelimitedCell]:
    """The values of a table whose header row gives each column's date and whose rows each name
    their test ("Test,2024-03-02,2024-03-09" over "Potassium,4.2,5.6", as a cumulative lab
    report is exported): 5.6 is the potassium of 9 March. Empty where the table is not so laid
    out. Read as prose, the row's "4.2,5.6" lost 5.6 and a right "potassium 5.6 on 9 March"
    was flagged absent, while "4.2 on 9 March" passed (note56's tables left). So are a yearly
    review's ("Test,2022,2023") and a timed test's ("Time,0,30,60,120": ``_column_points``)."""
    dates = _column_points(text, table, day_first)
    if dates is None:
        return []
    heading = table.heading(text)
    cells: list[DelimitedCell] = []
    # A row's unit: its "Units" cell, or in brackets after its test ("Potassium (mmol/L)").
    units = dated_row_units(text, table)[1] or [None] * len(table.rows)
    limits = _limit_columns(text, table)
    for (start, end), unit in zip(table.rows, units, strict=True):
        spans = [cell_text(text, s) for s in cell_spans(text, start, end, table.delimiter)]
        first = text[spans[0][0] : spans[0][1]] if spans else ""
        # A test the measured things do not list is named by its row ("Ferritin,12,45": the 45
        # is the ferritin's, not a value any test may claim; review57b F7).
        measure = (measure_named(first) or name_in_cell(first)) if spans else None
        quote = f"{heading}\n{text[start:end]}"
        for index in sorted(limits):
            if index < len(spans):
                a, b = spans[index]
                cells += [
                    DelimitedCell(v.moved(a), REFERENCE_RANGE, None, quote, range_of=measure)
                    for v in extract_values(text[a:b], day_first, commas)
                    if v.kind == "number"
                ]
        for index, (a, b) in enumerate(spans):
            date = dates[index] if index < len(dates) else None
            if date is None:
                continue
            cells += [
                DelimitedCell(in_column_unit(v, unit if v.start == 0 else None).moved(a),
                              measure, date, quote)
                for v in extract_values(text[a:b], day_first, commas)
                if v.kind in BOUND_KINDS
            ]  # fmt: skip
    return cells


# A header cell that is a year ("2023") or a month ("Mar 2024", "Mar-24", "03/2024") the value
# reader leaves a number or reads no date in.
_YEAR_CELL = re.compile(r"(?:19|20)\d\d")


def _column_points(
    text: str, table: DelimitedTable, day_first: bool | None
) -> list[Point | None] | None:
    """The time point heading each column of ``table``: a date, a month or a year ("Test,2022,
    2023,2024": a yearly review's columns; an answer's "58 in 2023" is checked against the
    2023 column, review58a), or a timed test's time after its start ("Time,0,30,60,120": the
    120 column is hour 2's, "Baseline" the start's). None where no header row heads its columns
    so."""
    for row in table.header:
        if heads_dates(text, row, table.delimiter):
            return [
                _date_point(text, cell_text(text, span), day_first)
                for span in cell_spans(text, *row, table.delimiter)
            ]
        times = header_times(text, row, table.delimiter)
        if times is not None:
            spans = [cell_text(text, span) for span in cell_spans(text, *row, table.delimiter)]
            if any(_DAYS.fullmatch(text, a, b) for a, b in spans):
                return None
            return [_time_point(span, time) for span, time in zip(spans, times, strict=True)]
    return None


# A header of days ("Day,1,2,3", "Days", "1d"): a ward's days are counted from 1, the day of
# admission, not in 24 hours after a start (review59c: day 3's column was keyed hour 72, and a
# right "180 at 48 hours" was flagged against it). Read as before ground59: no time point.
_DAYS = re.compile(r"(?:days?|d)(?:\s*[(\[][^()\[\]]*[)\]])?|[-−]?\d{1,4}\s?(?:d|days?)", re.I)


def _date_point(text: str, span: tuple[int, int], day_first: bool | None) -> Point | None:
    a, b = span
    if _YEAR_CELL.fullmatch(text, a, b):
        return Point(a, b, text[a:b])
    found = [v for v in extract_values(text[a:b], day_first) if v.kind == "date"]
    if len(found) != 1:
        return None
    v = found[0]
    return Point(a + v.start, a + v.start + len(v.raw), v.canonical, v.alt)


def _time_point(span: tuple[int, int], time: float | str | None) -> Point | None:
    # The start's column ("0", "Baseline", "Fasting") is the fasting value of a glucose
    # tolerance test, the baseline of a Synacthen test, the presentation's troponin: keyed as
    # any one of them, a right "fasting glucose 4.8" over "Time,0,30,60,120" was flagged
    # ("the glucose on admission"; review59c). It fits every such time point, as on main.
    if time is None or isinstance(time, str) or time == 0:
        return None
    return Point(*span, elapsed_key(time))


def identifier_cells(text: str, tables: list[DelimitedTable]) -> list[tuple[int, int, str]]:
    """The cells of ``tables`` under a heading that names an identifier ("MRN", "Patient ID",
    "Accession no"), sorted, each with that name: a record number is no measure's value, and
    unbound, "her Hb was 12345678" passed over an MRN column (review57b)."""
    found: list[tuple[int, int, str]] = []
    for table in tables:
        names = [identifier_named(heading) for heading in table.columns(text)]
        if not any(names):
            continue
        for start, end in table.rows:
            for index, span in enumerate(cell_spans(text, start, end, table.delimiter)):
                name = names[index] if index < len(names) else None
                if name is not None:
                    found.append((*cell_text(text, span), name))
    return sorted(found)


# The heading of a long table's test column ("Date,Test,Result,Units"), as lab exports head it.
_TEST_COLUMN = re.compile(
    r"(?:test(?:[ \t]+name)?|analyte|investigation|parameter|component|untersuchung|analyse"
    r"|examen|esame|prueba|bepaling)s?",
    re.IGNORECASE,
)


def unlisted_row_tests(text: str, tables: list[DelimitedTable]) -> list[tuple[int, int, str]]:
    """The rows of ``tables``' long tables (a "Test" column) whose test the measured things do
    not list, sorted, each with the test's name ("2024-03-02,Vitamin B12,45,pmol/L": the row's
    45 is the vitamin B12's, not a value any test may claim; review57b F7)."""
    found: list[tuple[int, int, str]] = []
    for table in tables:
        columns = table.columns(text)
        index = next((i for i, c in enumerate(columns) if _TEST_COLUMN.fullmatch(c.strip())), None)
        if index is None:
            continue
        for start, end in table.rows:
            spans = cell_spans(text, start, end, table.delimiter)
            if index >= len(spans):
                continue
            a, b = cell_text(text, spans[index])
            name = None if measure_named(text[a:b]) else name_in_cell(text[a:b])
            if name is not None:
                found.append((start, end, name))
    return sorted(found)
