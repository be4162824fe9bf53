"""Short dates in a table's date column (round 13): a day and month alone in a cell ("2/12")
is a date where its column says so, by its header ("Date", "Due", "By", "Review", "Seen") or
by another cell of the column that is a whole date with its year ("4/12/26"). Elsewhere such a
cell may be a score or a grade ("4/5", "7/10"), and those stay even in a date column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_dates import is_date
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_spans import Redaction, label
from medlocal.privacy.deid_tables import table_rows

# Speed: the tables are read only where a cell holds a day and month alone.
# A cell opens after a bar or tab, or at the line's start (a table's first column). The value
# is found first and its cell's edges looked at beside it: a pattern opening at every bar or
# tab read a run of 20,000 tabs in 2.5 s (each tab's blanks read again to the run's end).
_SHORT_DATE_VALUE = re.compile(r"(?<![\d/.])\d{1,2}[/.]\d{1,2}\.?(?![\d/.])")
_CELL_EDGES = "|\t\n"


def _short_date_cell(text: str) -> bool:
    """Whether a cell of ``text`` holds a day and month alone ("| 2/12 |")."""
    for value in skipped_finditer(_SHORT_DATE_VALUE, text):
        before = value.start() - 1
        while before >= 0 and text[before] == " ":
            before -= 1
        if before >= 0 and text[before] not in _CELL_EDGES:
            continue
        after = value.end()
        while after < len(text) and text[after] == " ":
            after += 1
        if after == len(text) or text[after] in _CELL_EDGES:
            return True
    return False


_SHORT_DATE = re.compile(
    r"(?!(?:[1-9]|10)/10$|[1-5]/5$|6/(?:4|5|6|9|12|18|24)$)"
    r"(?:(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])|(?:1[3-9]|2\d|3[01])/(?:0?[1-9]|1[0-2])"
    r"|(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.?)"
)
_DATE_HEADER = re.compile(
    r"(?i)(?:date|dated|due|by|when|until|review|seen|admitted|discharged|appt|appointment|"
    r"visit|dos|day|datum|fecha|data|adm|admit|admission|dc|d/c|onset|start|stop)\b"
)
# Round 17: a rule under a header drawn with "+" where the columns cross ("----+-----", as
# database consoles print tables) has no pipe, so the table reader took it for the table's end.
_PLUS_RULE = re.compile(r"^[ \t]*[-=]+(?:\+[-=]+)+[ \t]*$", re.M)


def with_piped_rules(text: str) -> str:
    """The text with each "+" of a table's rule line written as a pipe (offsets kept), so that
    the rows under it stay one table with the header above it."""
    if "-+-" not in text:
        return text
    return _PLUS_RULE.sub(lambda rule: rule.group().replace("+", "|"), text)


def table_date_candidates(text: str) -> Iterator[Redaction]:
    """Days and months alone in the cells of a table's date column, or of a row of dates."""
    if not _short_date_cell(text):
        return
    yield from _row_dates(text)
    for header, rows in table_rows(with_piped_rules(text)):
        for column, title in enumerate(header):
            cells = [row[column] for row in rows if column < len(row)]
            values = [text[a:b].strip() for a, b in cells]
            dated = _DATE_HEADER.match(title.strip()) is not None or any(
                is_date(value) for value in values
            )
            if not dated:
                continue
            for (start, end), value in zip(cells, values, strict=True):
                if value and _SHORT_DATE.fullmatch(value):
                    left = text.index(value, start, end)
                    right = left + len(value)
                    yield Redaction("date", left, right, value, label("date"))


# A row of a table split by bars or tabs.
_ROW = re.compile(r"^[^\n]*[|\t][^\n]*[|\t][^\n]*$", re.M)
_CELL = re.compile(r"[^|\t\n]+")


def _row_dates(text: str) -> Iterator[Redaction]:
    """Walk 22: a header row of dates, one a whole date ("| Test | 03.04.25 | 10/4 |"): the day
    and month beside it are dates too (left unshifted, it gave the offset away)."""
    for row in _ROW.finditer(text):
        cells = [(m.start(), m.group().strip()) for m in _CELL.finditer(row.group())]
        short = [value for _, value in cells if "/" in value and _SHORT_DATE.fullmatch(value)]
        if not short:
            continue
        # A row of dates: every cell with a digit a date, one at least a whole one (a row of
        # results beside its date, "02-Jul-2026 | 18.4 | 5.8", has values that are none).
        numbered = [value for _, value in cells if any(ch.isdigit() for ch in value)]
        whole = [value for value in numbered if value not in short and is_date(value)]
        if len(whole) + len(short) != len(numbered):
            continue
        if not whole and not _header_of_dates(text, row, cells, short):
            continue
        for offset, value in cells:
            if value in short:
                left = text.index(value, row.start() + offset, row.end())
                yield Redaction("date", left, left + len(value), value, label("date"))


# A common fraction or a dilution ("1/8", "2/3", "3/4"), in a row of ratios.
_FRACTION = re.compile(r"1/\d+|2/3|3/4")


def _header_of_dates(
    text: str, row: re.Match[str], cells: list[tuple[int, str]], short: list[str]
) -> bool:
    """Round 20: a table's first row whose cells after a label are days and months alone
    ("| Test | 4/3 | 11/3 |" over "| Hb | 120 | 118 |"), as flow sheets head their columns: two
    dates at least, all different, under a label with no digit, with a row of the table below
    and none above. A row of dilutions or fractions ("| Titre | 1/2 | 1/4 |", "| Ratio | 2/3 |
    3/4 |") is none."""
    if (
        len(short) < 2
        or len(set(short)) != len(short)
        or any(_FRACTION.fullmatch(v) for v in short)
    ):
        return False
    if not cells or any(ch.isdigit() for ch in cells[0][1]) or cells[0][1] in short:
        return False
    above = text.rfind("\n", 0, max(0, row.start() - 1)) + 1
    line_above = text[above : max(above, row.start() - 1)]
    if row.start() > 0 and ("|" in line_above or "\t" in line_above):
        return False
    below_end = text.find("\n", row.end() + 1)
    line_below = text[row.end() + 1 : below_end if below_end >= 0 else len(text)]
    return "|" in line_below or "\t" in line_below
