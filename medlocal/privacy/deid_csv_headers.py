"""A comma-separated export's header cells are column labels, not names (walk 41).

A laboratory export imported as CSV is stored as written ("Sample date,Analyte,Value,Unit,
Lower,Upper" then "21/11/2026,Creatinine,154,umol/L,45,84"): a capitalised header word that no
list holds ("Analyte") read as a person's name, went from the document's export, and as a name
of the record from every export of the patient ("The [NAME] list").

A header is told by its place and its rows: a line that opens the text or a paragraph, of
three or more cells, each a short label without a digit, followed by at least two lines of the
same number of cells, none long or a label's ("Re: Mr ..."), where some column holds a digit in
every one of them (a date, a value). A first row of data ("Smith,John,1951-04-17") has digits,
so it is no header. A header cell is given back whatever found it, but for one that holds a
title or a listed given name or surname: a rota's columns may be its staff ("Date,Dr Okafor,
Halvorsen").
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_cancel import checked
from medlocal.privacy.deid_csv_ages import _cells
from medlocal.privacy.deid_lexicon import fold, lexicon
from medlocal.privacy.deid_people_words import TITLES
from medlocal.privacy.deid_spans import Redaction

_WORD_KINDS = frozenset({"name", "facility", "location"})
# A column's label: letters and a few marks, up to 30 characters, no digit.
_LABEL = re.compile(r"[A-Za-z][A-Za-z /().#&%'’_-]{0,29}")
_ROWS_NEEDED = 2
_CELL_MAX = 40  # a data cell's length: a longer one is prose
_NOT_BLANK = re.compile(r"\S")  # what str.strip() keeps: \s is str.isspace's characters


def _values(text: str, cells: list[tuple[int, int]]) -> list[str]:
    return [text[a:b].strip().strip('"').strip() for a, b in cells]


def opens_a_block(text: str, start: int) -> bool:
    """Whether the line at ``start`` opens the text or a paragraph (a blank line, or only blanks,
    before it). Speed (session 56): read in place, not from a copy of all the text before the
    line (once per line holding a found word: 7 ms of a twenty-page record)."""
    return (
        start <= 0
        or text.endswith(("\n\n", "\n\r\n"), 0, start)
        or _NOT_BLANK.search(text, 0, start) is None
    )


def _header(text: str, start: int) -> list[tuple[int, int]]:
    """The cells of the line opening at ``start`` where it is a CSV header, else none."""
    # A table opens the text or a paragraph: "Dr Elin Jones, Meddygfa Menai, Porthaethwy" under
    # a letterhead has three cells of labels too.
    if not opens_a_block(text, start):
        return []
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    line = text[start:end]
    if line.count(",") < 2:
        return []
    cells = _cells(line, start)
    if not all(_LABEL.fullmatch(v) for v in _values(text, cells)):
        return []
    rows: list[list[str]] = []
    at = end + 1
    while len(rows) < _ROWS_NEEDED and at <= len(text):
        row_end = text.find("\n", at)
        row_end = len(text) if row_end < 0 else row_end
        row = _values(text, _cells(text[at:row_end], at))
        if len(row) != len(cells) or any(len(v) > _CELL_MAX or ": " in v for v in row):
            return []
        rows.append(row)
        at = row_end + 1
    if len(rows) < _ROWS_NEEDED:
        return []
    digits = any(
        all(any(c.isdigit() for c in row[col]) for row in rows) for col in range(len(cells))
    )
    return cells if digits else []


def _person_in(cell: str) -> bool:
    lex = lexicon()
    words = [fold(w) for w in re.findall(r"[^\W\d_]+", cell)]
    return any(w in TITLES or w in lex.given_names or w in lex.surnames for w in words)


def without_csv_headers(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less the names, organisations and places inside a CSV header's cells."""
    headers: dict[int, list[tuple[int, int]]] = {}  # line start -> its cells, read once
    kept = []
    for red in checked(redactions, every=64):
        if red.kind in _WORD_KINDS and "\n" not in red.original:
            line_start = text.rfind("\n", 0, red.start) + 1
            if line_start not in headers:
                headers[line_start] = _header(text, line_start)
            cell = next(
                ((a, b) for a, b in headers[line_start] if a <= red.start < red.end <= b), None
            )
            if cell is not None and not _person_in(text[cell[0] : cell[1]]):
                continue
        kept.append(red)
    return kept
