"""Reference ranges that stand alone, with no result beside them: a table cell of its own
("INR | 0.8-1.2", "TSH | 0.3-4.2 | mU/L", "Kalium;3,5-5,1") or a bracket after the analyte
("TSH (0.3-4.2)").

A scan read by OCR can lose a row's result cell and keep its range (walk 50b, D3: "INR | 1.1 |
0.8-1.2" came back as "INR | 0.8-1.2"); read as a result, the range's end 0.8 then "supported"
an answer that the INR was 0.8. A lab report gives results as single numbers, so a range that
fills a cell, or a bracket, is the reference range, whichever analyte and whether or not a
result stands before it. A range in prose ("2-3 tablets a day", "pain 2-3/10") is not read so:
words or a unit-less ratio follow it there, not a cell's end.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Where a table cell starts and ends: a drawn separator, a semicolon (tables exported with
# decimal commas), a tab or a gap of two spaces, or the line's start or end.
_CELL_START = r"(?:^|\||;|\t| {2})[ \t]*"
# A bracketed note may follow at the line's end: OCR's "[low OCR confidence]" mark.
_CELL_END = r"(?=[ \t]*(?:\||;|\t| {2}|(?:\[[^\]\n]*\])?[ \t]*$))"
# A lab unit may share the range's cell ("0.3-4.2 mU/L", "12-16 %", "80-100 fL"): one with a
# stroke, or a few without. A dose's ("1-2 tablets", "2-5 mg" in a medication table) is no
# reference range, nor a date's third part ("12-03-2026").
_UNIT = r"(?:[ \t]?(?:[A-Za-zµμ][^\s|;/]*/[^\s|;]+|%|fL|pg|mmHg|kPa|x10\S*))?"
# The analyte's name right before a bracket: a letter, no result between ("TSH (0.3-4.2)").
_NAME_BEFORE = re.compile(r"[A-Za-z][ \t]*$")


@lru_cache(maxsize=4)
def _patterns(number: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    span = rf"(?P<lo>{number})[ \t]*(?:-|–)[ \t]*(?P<hi>{number})"
    cell = re.compile(rf"{_CELL_START}{span}{_UNIT}{_CELL_END}", re.M)
    bracket = re.compile(rf"[(\[][ \t]*{span}[ \t]*[)\]]")
    return cell, bracket


def standalone_range_limits(text: str, number: str) -> set[int]:
    """Offsets of the ends of the ranges of ``text`` that stand alone in a cell or a bracket
    (``number``: the pattern of a number as the text writes it, with a decimal point or comma,
    as ``reference_ranges`` reads it)."""
    cell, bracket = _patterns(number)
    starts: set[int] = set()
    for m in cell.finditer(text):
        starts |= {m.start("lo"), m.start("hi")}
    for m in bracket.finditer(text):
        if _NAME_BEFORE.search(text, 0, m.start()):
            starts |= {m.start("lo"), m.start("hi")}
    return starts
