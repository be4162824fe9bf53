"""Reference ranges that stand alone, with no result beside them: a table cell of its own
("INR | 1.1 |  | 0.8-1.2" under a Range heading, "TSH | 15.5 | 0.3-4.2") or a bracket after the
analyte ("TSH (0.3-4.2)").

A scan read by OCR can lose a row's result cell and keep its range (walk 50b, D3: "INR | 1.1 |
0.8-1.2" came back as "INR | 0.8-1.2"); read as a result, the range's end 0.8 then "supported"
an answer that the INR was 0.8. But a range alone in a cell is often the value itself: a target
("Warfarin target INR | 2-3"), a dose ("Metformin | 500-1000 mg/day"), vital signs ("BP |
120-130"), a quantity a day ("Smoking | 10-20 | cigarettes a day"); taking those for reference
ranges flagged right answers (review 50a, R5). So a cell's range is a reference range only when
the table or the row says so: a heading cell or a label cell before it reads "Range",
"Reference", "Ref" or "Normal", or a result stands in a cell between the row's name and the
range. A row that names a target, goal or aim is never read so, nor a range with a unit of
time ("mg/day", "L/day", "units/week"). A range in prose ("2-3 tablets a day", "pain 2-3/10")
is not read so either: words or a unit-less ratio follow it there, not a cell's end.
"""

from __future__ import annotations

import re
from functools import lru_cache

# A cell's separator: a drawn one, a semicolon (tables exported with decimal commas), a tab or a
# gap of two spaces.
_SEPARATOR = r"(?:\||;|\t| {2})"
_CELL_START = rf"(?:^|{_SEPARATOR})[ \t]*"
# A bracketed note may follow at the line's end: OCR's "[low OCR confidence]" mark.
_CELL_END = r"(?=[ \t]*(?:\||;|\t| {2}|(?:\[[^\]\n]*\])?[ \t]*$))"
# A lab unit may share the range's cell ("0.3-4.2 mU/L", "12-16 %", "80-100 fL"): one per a
# volume or an amount of substance, or a few without a stroke. A dose's or a rate's ("500-1000
# mg/day", "1.5-2 L/day", "1-2 tablets"), or a date's third part ("12-03-2026") is none.
_UNIT = (
    r"(?:[ \t]?(?:[A-Za-zµμ][\w^µμ.]*/(?:[munµμ]?L|[dcmunµμ]?l|dL|[mµμ]?mol|mm3|hpf|"
    r"min(?:/1\.73[ \t]?m2)?)(?![\w/])|%|fL|pg|mmHg|kPa|x10\S*))?"
)
# The analyte's name right before a bracket: a letter, no result between ("TSH (0.3-4.2)").
_NAME_BEFORE = re.compile(r"[A-Za-z][ \t]*$")
_SEPARATORS = re.compile(rf"[ \t]*{_SEPARATOR}[ \t]*")
_RANGE_WORD = (
    r"(?:ref(?:erence)?\.?(?:[ \t]+(?:range|interval|values?))?|(?:normal[ \t]+)?range|"
    r"normal(?:[ \t]+values?)?)"
)
# A heading's (or a label's) cell that names the reference range.
_RANGE_HEADING = re.compile(
    rf"{_CELL_START}{_RANGE_WORD}(?:[ \t]*\([^)\n]*\))?[ \t]*(?={_SEPARATOR}|$)", re.I | re.M
)
_RANGE_LABEL = re.compile(rf"^{_RANGE_WORD}:?$", re.I)
# A result in a cell: a number (a comparator before, a flag or a unit after) or a text result.
_RESULT_CELL = re.compile(
    r"[<>≤≥]?[ \t]*\d+(?:[.,]\d+)?(?:[ \t]*[A-Za-zµμ%*][^\s]*)?|(?:not[ \t]+)?(?:negative|"
    r"positive|detected)",
    re.I,
)
# A row that gives a target is giving the value asked about, not a reference for a result.
_TARGET = re.compile(r"\b(?:target|goal|aim)\b", re.I)


@lru_cache(maxsize=4)
def _patterns(number: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    span = rf"(?P<lo>{number})[ \t]*(?:-|–)[ \t]*(?P<hi>{number})"
    cell = re.compile(rf"{_CELL_START}{span}{_UNIT}{_CELL_END}", re.M)
    bracket = re.compile(rf"[(\[][ \t]*{span}[ \t]*[)\]]")
    return cell, bracket


def standalone_range_limits(text: str, number: str, headed: bool = False) -> set[int]:
    """Offsets of the ends of the ranges of ``text`` that stand alone in a cell or a bracket
    (``number``: the pattern of a number as the text writes it, with a decimal point or comma,
    as ``reference_ranges`` reads it; ``headed``: a range heading stands above ``text``, which
    is one sentence of a longer text, see :func:`range_heading_before`)."""
    cell, bracket = _patterns(number)
    starts: set[int] = set()
    for m in cell.finditer(text):
        if _said_to_be_a_range(text, m.start("lo"), headed):
            starts |= {m.start("lo"), m.start("hi")}
    for m in bracket.finditer(text):
        before = _row_before(text, m.start())
        if _NAME_BEFORE.search(before) and not _TARGET.search(before):
            starts |= {m.start("lo"), m.start("hi")}
    return starts


def range_heading_before(text: str, at: int) -> bool:
    """Whether a heading or label cell above ``at`` names the reference range."""
    first = first_range_heading(text)
    return first is not None and first < at


def first_range_heading(text: str) -> int | None:
    """Where the first heading or label cell of ``text`` that names the reference range is."""
    m = _RANGE_HEADING.search(text)
    return None if m is None else m.start()


def _said_to_be_a_range(text: str, at: int, headed: bool) -> bool:
    """Whether the table or the row says the cell's range at ``at`` is a reference range."""
    before = _row_before(text, at)
    if _TARGET.search(before):
        return False
    cells = [cell.strip() for cell in _SEPARATORS.split(before)][:-1]
    if cells and _RANGE_LABEL.match(cells[-1]):
        return True
    if any(_RESULT_CELL.fullmatch(cell) for cell in cells[1:]):
        return True
    return headed or range_heading_before(text, at - len(before))


def _row_before(text: str, at: int) -> str:
    return text[text.rfind("\n", 0, at) + 1 : at]
