"""Which column of an OCR'd table holds the results, and whether a row lost its result.

A row is marked "no result read" only where the table plainly is a lab result table and the row
plainly is a test whose result is missing: marking rows that were read whole (a text result
"Negative" taken for no result, the Range column "<5" taken for the results, a medication list's
Qty, a signature line) claimed lost results that were read (review 50a, R4). So:

* a table headed with a medication word (Drug, Dose, Qty, ...) has no result column;
* a heading with a result word ("Result", "Value") names the result column, never a range's;
* with no such heading, the result column is the one with a number in most rows (a lab table's
  numbers), never one headed as a range, and text results ("Negative") count as results;
* a row lost its result when that cell is empty, the row has cells in two columns or more, and
  its first cell names a lab test (a measured thing, a clinical term, or a code like "HIV").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

from medlocal.measured_things import measure_names
from medlocal.paths import resource_entries, resources_dir


class _Texted(Protocol):
    @property
    def text(self) -> str: ...


Row = Sequence[Sequence[_Texted]]

# A number as a lab table gives a result, maybe with a flag after ("12 H", "5.8*").
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?(?:\s*(?:[HL]{1,2}|\*{1,2}))?")
# A result as a lab table gives it: a number, maybe a comparator before ("<5"), or a text result.
_RESULT = re.compile(
    r"[<>≤≥]?\s*\d+(?:[.,]\d+)?(?:\s*(?:[HL]{1,2}|\*{1,2}))?|(?:not\s+|non-?\s*)?(?:negative|"
    r"positive|detected|reactive|normal|abnormal|nil|trace|absent|present|seen|equivocal|"
    r"indeterminate|isolated|grown)(?:\s*\(\w+\))?",
    re.I,
)
_RESULT_HEAD = re.compile(r"\b(?:results?|values?|readings?|levels?|measured|findings?)\b", re.I)
_RANGE_HEAD = re.compile(r"\b(?:range|ref\w*|normal|limits?|interval|target)\b", re.I)
_MEDICATION_HEAD = re.compile(
    r"\b(?:drugs?|doses?|dosage|medications?|medicines?|frequency|qty|quantity|route|"
    r"directions|supply|tablets?|strength)\b",
    re.I,
)
# A lab code: a capital and a second capital or a digit ("HIV", "B12", "T4", "HbA1c").
_CODE = re.compile(r"\b[A-Z][A-Za-z]*[A-Z0-9][A-Za-z0-9]*\b")


def result_column(rows: Sequence[Row]) -> int | None:
    """The column (never the first, the names) of the table's results; None when the table is
    no lab result table (a medication list, a table with no result heading and few numbers)."""
    heads = _heading(rows)
    if heads is not None:
        if any(_MEDICATION_HEAD.search(head) for head in heads):
            return None
        for index, head in enumerate(heads[1:], 1):
            if _RESULT_HEAD.search(head) and not _RANGE_HEAD.search(head):
                return index
    data = [row for row in rows if _filled(row) >= 2 and _texts(row) != heads]
    best: tuple[int, int] | None = None
    for index in range(1, len(rows[0])):
        if heads is not None and _RANGE_HEAD.search(heads[index]):
            continue
        cells = [_text(row[index]) for row in data]
        numbers = sum(bool(_NUMBER.fullmatch(text)) for text in cells)
        results = sum(bool(_RESULT.fullmatch(text)) for text in cells)
        if 2 * numbers > len(data) and (best is None or results > best[1]):
            best = (index, results)
    return None if best is None else best[0]


def lost_result(row: Row, result: int | None) -> bool:
    """Whether ``row`` is a lab test whose result cell is empty: never a row of one cell."""
    if result is None or row[result] or _filled(row) < 2 or not row[0]:
        return False
    return is_lab_name(_text(row[0]))


def is_lab_name(name: str) -> bool:
    """Whether a row's first cell names a lab test: a measured thing ("Sodium", "INR"), a
    clinical term ("Ferritin"), or a code ("HIV Ab", "Vitamin B12")."""
    if measure_names(name) or _CODE.search(name):
        return True
    return any(word in _clinical_terms() for word in (name.lower(), name.lower().rstrip("s")))


@lru_cache(maxsize=1)
def _clinical_terms() -> frozenset[str]:
    return frozenset(
        e.lower() for e in resource_entries(resources_dir() / "deid_clinical_terms.txt")
    )


def _heading(rows: Sequence[Row]) -> list[str] | None:
    """The texts of the table's heading: its first row of two cells or more, when none of them
    holds a digit."""
    first = next((row for row in rows if _filled(row) >= 2), None)
    if first is None:
        return None
    texts = _texts(first)
    return None if any(ch.isdigit() for text in texts for ch in text) else texts


def _texts(row: Row) -> list[str]:
    return [_text(cells) for cells in row]


def _text(cells: Sequence[_Texted]) -> str:
    return " ".join(cell.text for cell in cells).strip()


def _filled(row: Row) -> int:
    return sum(bool(cells) for cells in row)
