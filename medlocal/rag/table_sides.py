"""The side a table's value is one side's, by its column or its row: "IOP RE | IOP LE" heads the
right and the left eye's pressures, a row whose "Side" cell is "R" (or whose "arm" cell is
"left") holds that side's values. Prose sides ("right: 12", "64% in the left") are read in
binding.py; a table's were not, so "the pressure in her right eye was 26 mmHg and in her left
19 mmHg" passed against "IOP RE | IOP LE / 19 | 26" (review63g finding 7).

Precision first: a side letter ("R", "L") counts only as a whole cell, and in a row only under
a heading that names sides ("Side", "Eye", "Ear", "Arm", "Leg", "Limb"), since "L" is a lab
flag's "low" and a litre elsewhere; the eye clinic's "RE", "LE", "OD", "OS" count only in a
text that names an eye measure (chart_words), since "OD" is "once daily" and "OS" "overall
survival" elsewhere. A column or row naming both sides ("R/L ratio") names none.
"""

from __future__ import annotations

import re

from medlocal.delimited_tables import DelimitedTable, cell_spans, cell_text
from medlocal.rag.chart_words import names_an_eye_measure

_SIDE_WORD = re.compile(
    r"(?<![A-Za-z])(?:(?P<right>right|rt)|(?P<left>left|lt))(?![A-Za-z])", re.IGNORECASE
)
_SIDE_LETTER = re.compile(r"(?P<right>R)|(?P<left>L)")
_EYE_SIDE = re.compile(r"(?<![A-Za-z])(?:(?P<right>RE|OD)|(?P<left>LE|OS))(?![A-Za-z])")
# A column whose cells are the row's side: "Side", "Eye", "Laterality", "Arm", "R/L".
_SIDE_COLUMN = re.compile(
    r"^(?:side|eye|ear|arm|leg|limb|breast|kidney|lat(?:erality)?|R\s*/\s*L|L\s*/\s*R)$",
    re.IGNORECASE,
)


def _named(found: list[re.Match[str]]) -> str | None:
    sides = {"right" if m.group("right") else "left" for m in found}
    return sides.pop() if len(sides) == 1 else None


# A side letter as a word of a column heading: "ABPI R", "R". Read so only where the headings
# name both sides by letter ("ABPI R,ABPI L"): "FEV1 L,FVC L" are litres.
_HEADING_LETTER = re.compile(r"(?<![A-Za-z0-9(/])(?:(?P<right>R)|(?P<left>L))(?![A-Za-z0-9)/])")


def _heading_side(heading: str, eye: bool, letters: bool = False) -> str | None:
    """The side a column's heading names: a side word in it, the eye's "RE"/"OD"/"LE"/"OS"
    in an eye chart, or (``letters``) a side letter as one of its words."""
    found = list(_SIDE_WORD.finditer(heading))
    if eye:
        found += _EYE_SIDE.finditer(heading)
    if letters:
        found += _HEADING_LETTER.finditer(heading)
    return _named(found)


def _column_sides(headings: list[str], eye: bool) -> list[str | None]:
    """The side each column's heading names; letters count where both sides' letters head
    columns."""
    by_letter = {_named(list(_HEADING_LETTER.finditer(h))) for h in headings}
    paired = {"right", "left"} <= by_letter
    return [_heading_side(h, eye, paired) for h in headings]


def _cell_side(cell: str, letters: bool, eye: bool) -> str | None:
    """The side a row's cell is, written as the whole cell."""
    cell = cell.strip().rstrip(".")
    found = _SIDE_WORD.fullmatch(cell) or (eye and _EYE_SIDE.fullmatch(cell)) or None
    if found is None and letters:
        found = _SIDE_LETTER.fullmatch(cell)
    return _named([found]) if found else None


def table_sides(text: str, tables: list[DelimitedTable]) -> list[tuple[int, int, str]]:
    """The cells of ``tables`` (rows only) that are one side's, as (start, end, side) in the
    text's offsets, sorted: under a column whose heading names a side, or in a row one of
    whose cells names its side; none where the column and the row disagree."""
    eye = names_an_eye_measure(text)
    spans: list[tuple[int, int, str]] = []
    for table in tables:
        headings = table.columns(text)
        by_column = _column_sides(headings, eye)
        letters = [bool(_SIDE_COLUMN.match(h.strip())) for h in headings]
        for start, end in table.rows:
            cells = [cell_text(text, s) for s in cell_spans(text, start, end, table.delimiter)]
            row_sides = {
                side
                for index, (a, b) in enumerate(cells)
                for side in [_cell_side(text[a:b], index < len(letters) and letters[index], eye)]
                if side
            }
            row = row_sides.pop() if len(row_sides) == 1 else None
            for index, (a, b) in enumerate(cells):
                column = by_column[index] if index < len(by_column) else None
                if column and row and column != row:
                    continue
                side = column or row
                if side and a < b:
                    spans.append((a, b, side))
    return sorted(spans)


def names_sides(text: str, table: DelimitedTable) -> bool:
    """Whether a column heading of ``table`` names a side (its values are read by column then,
    whether or not a heading names a measure)."""
    return any(_column_sides(table.columns(text), names_an_eye_measure(text)))
