"""A passage's lines as a table reader sees them (rag/checks/table_units.py: a table's unit in a
cell of its own), worked out once per passage."""

from __future__ import annotations

import re

from medlocal.values import canonical_number, canonical_unit


class TableLayout:
    """A passage's lines as a table reader sees them, worked out once per passage (review 34:
    a unit atop a column was sought afresh for each cell, over every line above it): its bare
    number cells by number, the header line of each block of "|" rows, and the headings with a
    unit in brackets of each block of lines set out with spaces."""

    def __init__(self, passage: str) -> None:
        self.lines = passage.splitlines()
        self.cells: dict[str, list[tuple[int, int]]] = {}
        # Per line: the line that heads its block of "|" rows with as many cells.
        self._pipe_header: list[int] = []
        # Per line: the headings with a unit on the lines above it in its block, nearest first
        # (line, start, end, unit), as a shared list.
        self._headings_above: list[list[tuple[int, int, int, str | None]]] = []
        above: list[tuple[int, int, int, str | None]] = []
        for i, line in enumerate(self.lines):
            for cell in _BARE_NUMBER.finditer(line):
                number = canonical_number(cell.group())
                if number is not None:
                    self.cells.setdefault(number, []).append((i, cell.start()))
            previous = self.lines[i - 1] if i else None
            same_block = previous is not None and previous.count("|") == line.count("|")
            self._pipe_header.append(self._pipe_header[i - 1] if same_block else i)
            if not line.strip():
                above = []
            self._headings_above.append(above)
            unit_headings = [
                (i, h.start(), h.end(), canonical_unit(found.group(1)))
                for h in _ALIGNED_HEADING.finditer(line)
                for found in [_HEADER_UNIT.search(h.group())]
                if found is not None
            ]
            if unit_headings and line.strip():
                above = unit_headings + above

    def column_unit(self, i: int, at: int) -> str | None:
        """The unit atop the column of line ``i`` that holds offset ``at``: in brackets in the
        header of its block of "|" rows, or in a heading set out with spaces above it."""
        line = self.lines[i]
        if "|" in line:
            header = self._pipe_header[i]
            if header == i:
                return None
            found = _HEADER_UNIT.search(self.lines[header].split("|")[line[:at].count("|")])
            return canonical_unit(found.group(1)) if found else None
        for _, start, end, unit in self._headings_above[i]:
            if start <= at < end + 2:
                return unit
        return None


# A heading of a table set out with spaces: words with single spaces between them.
_ALIGNED_HEADING = re.compile(r"\S+(?: \S+)*")


# The number's own digits in the passage, not part of another number, a date or a code.
# Thousands set apart by commas as tables write them ("1,840").
_BARE_NUMBER = re.compile(
    r"(?<![\w.,/:<>+-])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w.,/:%])(?!\s?[A-Za-z%°µ/])"
)
_HEADER_UNIT = re.compile(r"\(([^()\d]*[A-Za-zµμ%][^()]*)\)\s*$")
