"""A table's column header row ("Test    Result    Units    Range"), read as labels, not names
(walk 52a L2: "Range" over a lab table's reference ranges was removed as a name).

A word on a name list that is also an English word ("Range", "Test", "Low") is taken by the
recall-first pass (:mod:`~medlocal.privacy.deid_recall_first`) where it stands capitalised
alone and the document never writes it in lower case; a header row writes every cell so. A
header row is told by its layout and words alone: cells set apart by tabs, runs of two or more
blanks or bars; three or more of them; no digit on the line (a row of values holds numbers);
each cell one to three capitalised words; and at least two cells besides the word's that are
plain words no name list holds ("Result", "Units"). A row of people ("Attendees  Rose  Hope
Grace") has one such cell only, and stays to the other rules.

The word itself must be a common column heading ("Range", "Low", "Flag", "Status") and the row
under it a row of values (cells again, one with a digit): a surname that is also an English word
("Test    Result    Units    Comment    Baker") is no heading of a column and stays a candidate
(review 52b F12).
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import Lexicon, fold

_CELL_GAP = re.compile(r"[ \t]*(?:\t|[ ]{2,}|\|)[ \t]*")
_HEADER_CELL = re.compile(r"[A-Z][A-Za-z'’./-]*(?: [A-Za-z][A-Za-z'’./-]*){0,2}")
_WORD = re.compile(r"[A-Za-z]+")
# Column headings of clinical tables (lab results, drug charts, observations) that a name list
# also holds; any other name-list word heading a column is read as the name it may be.
_COLUMN_HEADS = frozenset(
    re.findall(
        r"\w+",
        """range ranges test tests result results value values unit units low high normal flag
        flags status ward bed room time day date dose doses route frequency comment comments
        note notes reason plan grade stage level score code type site side sample source method
        interval reference start stop end duration drug strength form given review outcome
        action item total count rate mean max min change trend previous current baseline target
        lab reading readings marker analyte specimen""",
    )
)


def header_row_cell(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Whether the word at ``start``-``end`` is a whole cell of a column header row."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    if any(c.isdigit() for c in line):
        return False
    cells: list[tuple[int, int]] = []
    pos = 0
    stripped = line.rstrip()
    for gap in _CELL_GAP.finditer(stripped):
        cells.append((pos, gap.start()))
        pos = gap.end()
    cells.append((pos, len(stripped)))
    cells = [(a, b) for a, b in cells if b > a]
    if len(cells) < 3 or (start - line_start, end - line_start) not in cells:
        return False
    if fold(text[start:end]) not in _COLUMN_HEADS or not _values_below(text, line_end):
        return False
    if not all(_HEADER_CELL.fullmatch(line, a, b) for a, b in cells):
        return False
    plain = 0
    for a, b in cells:
        if (a, b) == (start - line_start, end - line_start):
            continue
        words = [fold(w) for w in _WORD.findall(line[a:b])]
        if not all(lex.known(w) or lex.clinical(w) for w in words):
            return False  # an unknown word: a name, perhaps, so not a header of labels
        if not any(lex.name_like(w) or w in lex.places for w in words):
            plain += 1
    return plain >= 2


def _values_below(text: str, line_end: int) -> bool:
    """The next line that holds anything, after ``line_end`` (the header's end), is a row of
    values: two cells or more, a digit in it."""
    if line_end < 0:
        return False
    for line in text[line_end + 1 :].split("\n", 3)[:3]:
        if line.strip():
            cells = [c for c in _CELL_GAP.split(line.strip()) if c]
            return len(cells) >= 2 and any(c.isdigit() for c in line)
    return False
