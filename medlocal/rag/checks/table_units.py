"""A table's unit set in a cell of its own: before the values on a number's row, or in brackets
atop its column (rag/checks/table_layout.py reads the table once per passage)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from medlocal.rag.binding import Bound
from medlocal.rag.bound_comparison import compatible
from medlocal.rag.checks.passage_facts import PassageFacts
from medlocal.rag.checks.table_layout import TableLayout
from medlocal.rag.value_tables import UNIT_TOKEN
from medlocal.values import Value, canonical_unit, extract_values


def unit_of_its_table(
    value: Value,
    body: str,
    layout: TableLayout,
    dates: Sequence[str] = (),
    day_first: bool | None = None,
) -> bool:
    """Whether a table of ``passage`` gives ``value``'s number bare, with the unit the sentence
    writes after it set in a cell of its own: before the values on the number's row ("HbA1c
    mmol/mol 58 62 - 59", a cumulative report; walk 33) or, in brackets, atop the number's
    column ("UF (L)" over "| 2.3 |"; round 8). The unit is compared as written, read as units
    are ("litres" is "L"). Where the sentence gives a date and the column's row one too, they
    must be the same day (review 33: "On 3 February 1.9 litres" is not the 5 February row's)."""
    if value.kind != "number" or value.unit is None or not value.canonical[:1].isdigit():
        return False
    head = NUMBER_HEAD.match(value.raw)
    written = _UNIT_WORD.match(body, value.start + (head.end() if head else len(value.raw)))
    unit = canonical_unit(written.group(1)) if written else None
    if unit is None or not any(c.isalpha() for c in unit):
        return False
    # The reader's own unit too: "100 mcg a day" is read as mcg, a row's "mcg/day" says it.
    units = {unit, *([value.unit] if value.unit else []), *_per_period(unit, body, value)}
    for i, at in layout.cells.get(value.canonical, ()):
        line = layout.lines[i]
        row = _ROW_UNIT.search(line[:at])
        if row is not None and canonical_unit(row.group(1)) in units:
            return True
        if not _row_of_its_date(line, dates, day_first):
            continue
        if layout.column_unit(i, at) in units:
            return True
    return False


def unit_in_its_table(
    value: Value,
    mine: Bound,
    body: str,
    same: Sequence[tuple[int, Bound]],
    values: Sequence[Value],
    facts: PassageFacts,
) -> bool:
    """Whether the passages give ``value``'s number bare only because their table sets its unit
    in a cell of its own (``unit_of_its_table``): "Ferritin  ug/L  1,840" is 1,840 µg/L, no
    value "given there without a unit" (round 9). Only the unit may differ: with the table's
    unit, the passage's value must fit the sentence's (its measure, time point and side)."""
    if value.unit is None:
        return False
    dates = [v.canonical for v in values if v.kind == "date"]
    # Each passage's table read once, however many of its values have the number.
    passages = {
        n
        for n, b in same
        if b.value.unit is None
        and compatible(mine, replace(b, value=replace(b.value, unit=value.unit)))
    }
    return any(
        unit_of_its_table(value, body, facts.layout(n), dates, facts.day_first(n))
        for n in sorted(passages)
    )


def fits_a_bare_cell(
    value: Value, mine: Bound | None, evidence_bound: Sequence[tuple[int, Bound]]
) -> bool:
    """Whether a bare cell of the passages with ``value``'s number, given ``value``'s unit, fits
    the sentence's reading of it (its measure, time point and side): "62 mmol/mol in March
    2025" is not the June column's 62 (round 9, where column dates such as "Mar-25" are read)."""
    cells = [b for _, b in evidence_bound if b.value.canonical == value.canonical]
    if mine is None or not cells:
        return True
    return any(
        compatible(mine, replace(b, value=replace(b.value, unit=value.unit)))
        for b in cells
        if b.value.unit is None
    )


def _per_period(unit: str, body: str, value: Value) -> list[str]:
    """``unit`` per the period the sentence writes in words right after the value: "mcg/day"
    for "100 mcg a day" (a table's row unit "mcg/day"; round 9)."""
    end = value.start + len(value.raw)
    said = _PERIOD_AFTER.match(body, end)
    if said is None:
        return []
    period = said.group(1).lower().rstrip("s")
    return [f"{unit}/{_PERIOD_UNITS[period]}"] if period in _PERIOD_UNITS else []


_PERIOD_AFTER = re.compile(r"\s+(?:a|an|per|each|every)\s+(day|hour|week)s?\b", re.I)
_PERIOD_UNITS = {"day": "day", "hour": "h", "week": "wk"}


def _row_of_its_date(line: str, dates: Sequence[str], day_first: bool | None) -> bool:
    """Whether a table row may be the one the sentence's dates speak of: the sentence gives no
    date, the row none, or the row gives one of them (a date without a year by its day and
    month; either way round where the passage does not say how it writes them)."""
    if not dates:
        return True
    # A passage that does not say which way it writes dates is read both ways.
    orders = [day_first] if day_first is not None else [True, False]
    own = [v.canonical for d in orders for v in extract_values(line, d) if v.kind == "date"]
    if not own:
        return True
    return any(_same_day(a, b) for a in dates for b in own)


def _same_day(a: str, b: str) -> bool:
    if a == b:
        return True
    if a.startswith("--") or b.startswith("--"):
        return a[-6:] == b[-6:] and a[-6:-5] == "-"
    return False


# A row's unit cell: a unit standing before the values, bare or in brackets ("FEV1 (L)  1.12"),
# only figures and dashes after it.
_ROW_UNIT = re.compile(rf"(?:^|\s)\(?({UNIT_TOKEN}?)\)?\s+(?:(?:[<>]?[\d.,]+|-|–)\s+)*$")
_UNIT_WORD = re.compile(rf"\s?({UNIT_TOKEN})")
# The figures a value is written with, before its unit ("38.0" of "38.0 °C"; also read by
# rag/checks/arithmetic.py for the places a temperature is written to).
NUMBER_HEAD = re.compile(r"^[\d.,]+")
