"""Ages over 89 in the "Age" column of a comma-separated export (round 13): a ward list or
census exported as CSV ("Bed,Name,CHI,Age,Admitted" then `1,"SMITH, Ann",...,93,22/11`) has
no pipes or tabs for deid_tables to read. Under a header whose cells are all short labels, one
of them the age, a row's cell in that column of 90 to 119 (perhaps with its unit or sex) is an
age; other columns, and ages under 90, stay.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator

from medlocal.privacy.deid_spans import Redaction, label
from medlocal.privacy.deid_table_dates import with_piped_rules
from medlocal.privacy.deid_tables import table_rows

# Speed: the scan starts only where a line holds "Age" as a comma-separated cell.
_PREFILTER = re.compile(
    r"[Aa](?<![^,\n \t][Aa])[Gg][Ee](?:[ \t]*\([A-Za-z]+\)|/[Ss][Ee][Xx])?[ \t]*(?:,|$)", re.M
)
_LINE = re.compile(r"[^\n]+")
_CUES = (",Age", "Age,", ",AGE", "AGE,", ",age", "age,", ", Age", ", age")
_LABEL = re.compile(r"[A-Za-z][A-Za-z /().#&'’-]{0,30}")
_AGE_LABEL = re.compile(r"(?i)age(?:[ \t]*\((?:y|yr|yrs|years)\)|/sex)?")
_AGE_CELL = re.compile(
    r"(?P<age>9\d|1[01]\d)(?:[ \t]*(?:y|yo|yrs?|years?))?(?:[ \t]*/?[ \t]*[MFmf])?"
)


def _cells(line: str, start: int) -> list[tuple[int, int]]:
    """The (start, end) offsets of a CSV line's cells, quotes kept inside their cell."""
    cells: list[tuple[int, int]] = []
    quoted = False
    left = 0
    for i, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            cells.append((start + left, start + i))
            left = i + 1
    cells.append((start + left, start + len(line)))
    return cells


def csv_age_candidates(text: str) -> Iterator[Redaction]:
    """Ages over 89 under the age column of each CSV table in ``text``."""
    yield from _ruled_table_ages(text)
    if not any(cue in text for cue in _CUES):
        return
    done = 0  # the end of the last table read, so that no line is read twice
    for cue in _PREFILTER.finditer(text):
        if cue.start() < done:
            continue
        header_start = text.rfind("\n", 0, cue.start()) + 1
        done = yield from _table_ages(text, header_start)


def _ruled_table_ages(text: str) -> Iterator[Redaction]:
    """Round 17: ages over 89 in the age column of a pipe table ruled with "+" under its header
    ("----+-----"), which the table reader of deid_tables ends at its rule; other tables are
    its own."""
    piped = with_piped_rules(text)
    if piped is text:
        return
    for header, rows in table_rows(piped):
        ages = [i for i, title in enumerate(header) if _AGE_LABEL.fullmatch(title.strip())]
        if not ages:
            continue
        for row in rows:
            if ages[0] >= len(row):
                continue
            start, end = row[ages[0]]
            value = text[start:end].strip()
            age = _AGE_CELL.fullmatch(value)
            if age is not None:
                left = text.index(value, start, end) + age.start("age")
                right = left + len(age.group("age"))
                yield Redaction("age_over_89", left, right, text[left:right], label("age_over_89"))


def _table_ages(text: str, start: int) -> Generator[Redaction, None, int]:
    """The ages under the age column of the CSV table whose header opens at ``start``; returns
    where the table ends."""
    column: int | None = None
    width = 0
    for match in _LINE.finditer(text, start):
        line = match.group()
        commas = line.count(",")
        if commas < 1:
            return match.start()
        cells = _cells(line, match.start())
        values = [text[a:b].strip() for a, b in cells]
        # Two columns ("Name,Age") only where a header cell is the age's label: one comma
        # alone is as often a list or a sentence.
        if commas < 2 and not (
            width == 2 if column is not None else any(_AGE_LABEL.fullmatch(v) for v in values)
        ):
            return match.start()
        if all(_LABEL.fullmatch(v) for v in values):
            ages = [i for i, v in enumerate(values) if _AGE_LABEL.fullmatch(v)]
            column, width = (ages[0], len(values)) if ages else (None, 0)
            continue
        if column is None:
            return match.start()
        if len(values) != width:
            continue
        value = values[column].strip('"').strip()
        age = _AGE_CELL.fullmatch(value)
        if age is not None:
            left = text.index(value, *cells[column]) + age.start("age")
            end = left + len(age.group("age"))
            yield Redaction("age_over_89", left, end, text[left:end], label("age_over_89"))
    return len(text)
