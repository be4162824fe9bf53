"""Ages over 89 in the "AGE" column of a table laid out with spaces (round 18): a census or ward
list printed in fixed-width columns ("BED   NAME   MRN   AGE   ADMIT" then "5W01  SMITH, ANN
600418827   94   01/06/27") has no pipes, tabs or commas for deid_tables or deid_csv_ages to
read. Under a header of four or more short labels set apart by two or more blanks, one of them
the age, a number of 90 to 119 standing alone in the rows below, where that column's words
stand, is an age; other columns, and ages under 90, stay. The table ends at a blank line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_spans import Redaction, label

# Speed: the scan starts only at an "AGE" label set apart by two blanks or a line's ends.
_AGE_LABEL = re.compile(r"(?:^|(?<=[ ]{2}))(?:AGE|Age)(?=[ ]{2,}|[ ]*$)", re.M)
_LABELS = re.compile(r"\S+(?:[ ]\S+)*")  # the header's labels: words with single blanks
_LABEL = re.compile(r"[A-Za-z][A-Za-z/#.()&'’-]{0,19}(?:[ ][A-Za-z][A-Za-z/#.()&'’-]{0,19})?")
_RULE = re.compile(r"[ \t]*[-=_+|]{3,}[-=_+| \t]*")
_AGE = re.compile(r"(?<!\S)(?P<v>9\d|1[01]\d)(?:[ ]?(?:y|yo|yrs?|[MF]))?(?!\S)")
_MAX_ROWS = 400


def column_age_candidates(text: str) -> Iterator[Redaction]:
    """The ages over 89 in a space-laid table's age column (see the module docstring)."""
    for found in _AGE_LABEL.finditer(text):
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


def _column_ages(text: str, pos: int, left: int, right: int) -> Iterator[Redaction]:
    """The ages in the rows after ``pos`` whose number starts between columns ``left`` and
    ``right``, to the first blank line."""
    for _ in range(_MAX_ROWS):
        if pos >= len(text):
            return
        start = pos + 1
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        row = text[start:end]
        pos = end
        if not row.strip():
            return
        if _RULE.fullmatch(row):
            continue
        for age in _AGE.finditer(row):
            if left <= age.start() < right:
                a, b = start + age.start("v"), start + age.end("v")
                yield Redaction("age_over_89", a, b, text[a:b], label("age_over_89"))
