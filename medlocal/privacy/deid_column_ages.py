"""Ages over 89 in the "AGE" column of a table laid out with spaces (round 18): a census or ward
list printed in fixed-width columns ("BED   NAME   MRN   AGE   ADMIT" then "5W01  SMITH, ANN
600418827   94   01/06/27") has no pipes, tabs or commas for deid_tables or deid_csv_ages to
read. Under a header of four or more short labels set apart by two or more blanks, one of them
the age, a number of 90 to 119 standing alone in the rows below, where that column's words
stand, is an age; other columns, and ages under 90, stay. The table ends at a blank line.

Round 19: a pipe table whose rows wrap onto a second line ("1-03| REYES, Ana | PGH-77 | 93 |
pneumonia" then "  | Dizon | DNR"): the wrapped header's second line reads as a header of its
own to deid_tables, and the rows no longer match it. Here the age column is counted in the
header line that names it, and a row (a line that opens with its first cell, not blank) whose
cell in that column is a number of 90 to 119 alone gives an age.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_age_cues_more import age_cue_candidates
from medlocal.privacy.deid_age_sayings import age_saying_candidates
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_spans import Redaction, label
from medlocal.privacy.deid_world_age_columns import (
    age_in_cell,
    rows_after,
    world_age_column_candidates,
)

# Speed: the scan starts only at an "AGE" label set apart by two blanks or a line's ends.
_AGE_LABEL = re.compile(r"(?:^|(?<=[ ]{2}))(?:AGE|Age)(?=[ ]{2,}|[ ]*$)", re.M)
_LABELS = re.compile(r"\S+(?:[ ]\S+)*")  # the header's labels: words with single blanks
_LABEL = re.compile(r"[A-Za-z][A-Za-z/#.()&'’-]{0,19}(?:[ ][A-Za-z][A-Za-z/#.()&'’-]{0,19})?")
_RULE = re.compile(r"[ \t]*[-=_+|]{3,}[-=_+| \t]*")
_AGE = re.compile(r"(?<!\S)(?P<v>9\d|1[01]\d)(?:[ ]?(?:y|yo|yrs?|[MF]))?(?!\S)")
_MAX_ROWS = 400
# Speed: a pipe, the label and a pipe ("| Age |", "| AGE (y) |").
_PIPE_AGE_LABEL = re.compile(r"\|[ \t]*(?:AGE|Age)(?:[ \t]*\((?:y|yrs?|years)\))?[ \t]*\|")
_AGE_CELL = re.compile(r"[ \t]*(?P<v>9\d|1[01]\d)(?:[ \t]*(?:y|yo|yrs?|[MF]))?[ \t]*")


def column_age_candidates(text: str) -> Iterator[Redaction]:
    """The ages over 89 in a space-laid table's age column (see the module docstring)."""
    for found in skipped_finditer(_AGE_LABEL, text):
        line_start = text.rfind("\n", 0, found.start()) + 1
        line_end = text.find("\n", found.end())
        line_end = len(text) if line_end < 0 else line_end
        header = text[line_start:line_end]
        labels = list(_LABELS.finditer(header))
        if len(labels) < 4 or not all(_LABEL.fullmatch(m.group()) for m in labels):
            continue
        column = found.start() - line_start
        at = next(i for i, m in enumerate(labels) if m.start() == column)
        left = labels[at - 1].end() + 1 if at > 0 else 0
        right = labels[at + 1].start() if at + 1 < len(labels) else column + 8
        yield from _column_ages(text, line_end, left, right)
    # Session 62 (deid62d): an age column headed in another language, or set apart by pipes
    # without outer pipes, tabs or semicolons (deid_world_age_columns).
    yield from world_age_column_candidates(text)
    # Dated birthdays, lists of ages, German "J." and the singular "рік" (deid_age_sayings).
    yield from age_saying_candidates(text)
    # Session 63 (deid63b): the age's cue of more languages and German number words
    # (deid_age_cues_more).
    yield from age_cue_candidates(text)


def _column_ages(text: str, pos: int, left: int, right: int) -> Iterator[Redaction]:
    """The ages in the rows after ``pos`` whose number starts between columns ``left`` and
    ``right``, to the first blank line."""
    for start, row in rows_after(text, pos, _MAX_ROWS):
        if _RULE.fullmatch(row):
            continue
        for age in _AGE.finditer(row):
            if left <= age.start() < right:
                a, b = start + age.start("v"), start + age.end("v")
                yield Redaction("age_over_89", a, b, text[a:b], label("age_over_89"))


def pipe_age_candidates(text: str) -> Iterator[Redaction]:
    """The ages over 89 in a pipe table's age column, its rows wrapped or not (see the module
    docstring)."""
    if "|" not in text:
        return
    for found in _PIPE_AGE_LABEL.finditer(text):
        line_start = text.rfind("\n", 0, found.start()) + 1
        column = text.count("|", line_start, found.start()) + 1
        pos = text.find("\n", found.end())
        for _ in range(_MAX_ROWS):
            if pos < 0:
                break
            start = pos + 1
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            row = text[start:end]
            pos = -1 if end >= len(text) else end
            if not row.strip():
                break
            # A wrapped line opens with blanks: its cells stand under other columns.
            if row[0] in " \t" or row.count("|") < column:
                continue
            cells = row.split("|")
            age = age_in_cell(_AGE_CELL, text, start, cells, column)
            if age is not None:
                yield age
