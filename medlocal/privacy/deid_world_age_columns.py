"""Ages over 89 in a table's age column headed in any of many languages (session 62, deid62d;
issue 16).

deid_column_ages reads an "AGE"/"Age" column laid out with blanks or with pipes that open and
close every row, and deid_csv_ages one set apart by commas. A ward census, a referral list or a
care home's register written in another language heads the column "Alter", "Edad", "Âge",
"Età", "Idade", "Leeftijd", "Ålder", "Wiek", "Возраст", "年齢", "나이", "อายุ", "العمر" ..., and
often sets its cells apart with pipes and no outer pipes ("301 | Brauckmann, Hildegard | 98 |
B447188203"), with tabs or with semicolons. Under such a header, a cell of the age column that
holds a number of 90 to 119 alone (perhaps a unit of years or a sex letter after it) is an age.

Only a header cell that is the age's word alone, perhaps with a unit of years in brackets, names
the column: "Gestational age", "Age (wk)", "Bone age" and "Alter (Monate)" name none, and a
number of 90 or more under them stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_spans import Redaction, label

# The age's word in the languages of the notes (English and German capitalised or not).
_AGE_WORDS = (
    r"(?i:age|âge|alter|edad|età|eta|idade|edat|leeftijd|lft\.?|ålder|alder|ikä|wiek|věk|vek|"
    r"kor|életkor|vârsta|vârstă|varsta|starost|возраст|вік|възраст|ηλικία|yaş|yas|umur|usia|"
    r"edad\s+\(años\)|tuổi|גיל|العمر|عمر|سن|उम्र|आयु|年齢|年龄|年齡|나이|연령|อายุ)"
)
# A unit of years in brackets after the word ("Age (y)", "Alter (J.)", "Edad (años)").
_YEARS = (
    r"(?:[ \t]*[(\[][ \t]*(?i:y|yrs?|years|j\.?|jahre|años|anos|ans|anni|jaar|år|lat|let)\.?"
    r"[ \t]*[)\]])?"
)
_HEADER_CELL = re.compile(rf"[ \t]*{_AGE_WORDS}{_YEARS}[ \t]*")
# Speed: a line holding one of the separators and the age's word is all that is read further;
# the blanks around the word are bounded, so a run of tabs is not read again from each tab.
_CUE = re.compile(
    rf"(?:[|\t;][ \t]{{0,8}}{_AGE_WORDS}{_YEARS}[ \t]{{0,8}}(?:[|\t;]|$)"
    rf"|^[ \t]{{0,8}}{_AGE_WORDS}{_YEARS}[ \t]{{0,8}}[|\t;])",
    re.M,
)
# A cell of the age column: a number of 90 to 119, perhaps a unit of years or a sex after it.
_AGE_CELL = re.compile(
    r"[ \t]*(?P<v>9\d|1[01]\d)(?:[ \t]*(?:(?i:y|yo|yrs?|j\.?|a\.?|ans|años|anos|anni|jaar|"
    r"år|lat|let|[mfwh])|岁|歳|세|ปี))?[ \t]*"
)
_MAX_ROWS = 400


def world_age_column_candidates(text: str) -> Iterator[Redaction]:
    """The ages over 89 under an age column's header of any language (see the module
    docstring)."""
    for cue in _CUE.finditer(text):
        line_start = text.rfind("\n", 0, cue.start()) + 1
        line_end = text.find("\n", cue.end() - 1 if cue.group().endswith("\n") else cue.end())
        if line_end < 0:
            continue
        header = text[line_start:line_end]
        separator = _separator(header)
        if separator is None:
            continue
        cells = header.split(separator)
        columns = [i for i, cell in enumerate(cells) if _HEADER_CELL.fullmatch(cell)]
        if not columns or len(cells) < 3:
            continue
        yield from _rows(text, line_end, separator, columns[0], len(cells))


def _separator(header: str) -> str | None:
    """The separator that splits the header into the most cells (three at least)."""
    best = max(("|", "\t", ";"), key=header.count)
    return best if header.count(best) >= 2 else None


def _rows(text: str, pos: int, separator: str, column: int, width: int) -> Iterator[Redaction]:
    """The ages in the age column of the rows after ``pos``, to the first blank line."""
    for start, row in rows_after(text, pos, _MAX_ROWS):
        cells = row.split(separator)
        # A row of another table, or a wrapped line, has another number of cells.
        if abs(len(cells) - width) > 1 or column >= len(cells):
            continue
        found = age_in_cell(_AGE_CELL, text, start, cells, column)
        if found is not None:
            yield found


def age_in_cell(
    cell_pattern: re.Pattern[str], text: str, start: int, cells: list[str], column: int
) -> Redaction | None:
    """The age over 89 a row's cell holds (``cells`` split on one-character separators from
    ``start``), or None when the cell is not an age as ``cell_pattern`` reads one."""
    age = cell_pattern.fullmatch(cells[column])
    if age is None:
        return None
    a = start + sum(len(c) + 1 for c in cells[:column]) + age.start("v")
    b = a + len(age.group("v"))
    return Redaction("age_over_89", a, b, text[a:b], label("age_over_89"))


def rows_after(text: str, pos: int, most: int) -> Iterator[tuple[int, str]]:
    """The lines after the line end at ``pos``, each with its start, to the first blank line
    or the text's end, ``most`` at most: a table's rows under its header."""
    for _ in range(most):
        if pos >= len(text):
            return
        start = pos + 1
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        row = text[start:end]
        pos = end
        if not row.strip():
            return
        yield start, row
