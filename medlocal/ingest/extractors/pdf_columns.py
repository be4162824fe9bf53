"""Two-column PDF pages whose text runs were written across the page, line by line.

Many report writers and print drivers write a two-column page in the order its lines stand from
top to bottom, the left column's line and then the right one's on the same baseline. pypdf's
plain extraction follows that order, so the columns interleave: "ramipril 2.5" on one line,
the other column's "catheter laboratory where…" on the next and "mg daily" after it, a dose cut
from its unit by an unrelated sentence. Layout extraction keeps each column on its own side of a
blank gutter; this module finds that gutter and, where it is safe, reads the page's plain lines
column by column instead: the left column of a block, then its right column.

Only where every check agrees (anything else keeps the plain text as it was):

* both sides of the gutter hold prose: one cell per side (no gap of two spaces or more inside),
  at least four words on most lines, on at least four lines that have text on both sides, so a
  table (short cells, several per side) is never read column by column;
* each side reads as text wrapped at its column's edge: its lines are filled (the next line's
  first word would not have fitted) and run on (a line that ends mid-sentence is not followed by
  a capitalised one). A two-column table of long cells ("Ramipril 2.5 mg capsules" | "take one
  each morning with water", a label beside its value) is neither, and is read row by row, so a
  value never leaves its label;
* the plain text's words are, in order, exactly the layout's read across the page (it is the
  interleaved reading); a page whose producer wrote one column after the other is already right.

Lines that cross the gutter (a title or a footer across the page) end a block and stay in place.
The page's own plain lines are moved, never replaced by the layout's, so what the plain reading
mended (raised exponents, cleaned characters) stays.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

# Two columns: a gutter of at least this many blank layout columns between two text sides.
_MIN_GUTTER = 3
# Enough two-sided lines, of prose, to call a page two columns.
_MIN_TWO_SIDED = 4
_MIN_PROSE_WORDS = 4
_CELL_GAP = re.compile(r"\S {2,}\S")
_CELL = re.compile(r"\S+(?: \S+)*")  # words apart by single spaces

# A side's line counts as filled when it and the next line's first word would overrun the side's
# widest line less this many layout cells (proportional fonts round to cells).
_WRAP_SLACK = 2
_SENTENCE_END = (".", "!", "?", ":", ";")

# Positions of text runs, as the page is shown, tell whether a layout read is worth its cost:
# runs starting on both sides of the page's middle on this many baselines.
_MIN_SPLIT_BASELINES = 3


@dataclass(frozen=True)
class _Piece:
    """Words of the plain text that belong to one place of the layout: a block, and a side."""

    block: int
    side: int  # 0: left column or a line across the gutter; 1: right column
    words: tuple[str, ...]


def might_have_columns(starts: Sequence[tuple[float, float]], left: float, right: float) -> bool:
    """Whether text runs start on both halves of the page on several baselines (``starts``:
    each run's x and baseline as shown; ``left``/``right``: the page's edges)."""
    middle = (left + right) / 2
    halves: dict[int, set[bool]] = {}
    for x, y in starts:
        halves.setdefault(round(y), set()).add(x >= middle)
    return sum(1 for sides in halves.values() if len(sides) == 2) >= _MIN_SPLIT_BASELINES


def read_by_columns(plain: str, read_layout: Callable[[], str]) -> str:
    """``plain`` with its interleaved two-column lines read column by column; ``plain`` itself
    where the page is not such a page (see the module's checks)."""
    try:
        layout = read_layout()
    except Exception:  # layout mode is an improvement, never a reason to lose the page
        return plain
    rows = [line.rstrip() for line in layout.split("\n") if line.strip()]
    gutter = _gutter(rows)
    if gutter is None:
        return plain
    pieces = _pieces(rows, gutter)
    if not any(piece.side == 1 for piece in pieces):
        return plain
    return _reordered(plain, pieces) or plain


def _gutter(rows: list[str]) -> tuple[int, int] | None:
    """The widest run of layout columns, in the middle half of the widest line, that only lines
    across the page (a title, a footer: at most a tenth of the lines, or two) have text in, with
    prose on both sides of it; None where there is none."""
    width = max((len(row) for row in rows), default=0)
    if width < 2 * _MIN_GUTTER:
        return None
    used = [0] * width  # how many lines have a cell over each column (a title spans its gaps)
    for row in rows:
        for cell in _CELL.finditer(row):
            for column in range(cell.start(), cell.end()):
                used[column] += 1
    allowed = max(2, len(rows) // 10)
    best: tuple[int, int] | None = None
    column = width // 4
    while column < 3 * width // 4:
        if used[column] > allowed:
            column += 1
            continue
        end = column
        while end < width and used[end] <= allowed:
            end += 1
        run = _emptiest(used, column, end)
        if run[1] - run[0] >= _MIN_GUTTER and (best is None or run[1] - run[0] > best[1] - best[0]):
            best = run
        column = end
    if best is None:
        return None
    start, end = best
    split = [row for row in rows if not _crosses(row, best)]
    two_sided = [row for row in split if row[:start].strip() and row[end:].strip()]
    if len(two_sided) < _MIN_TWO_SIDED:
        return None
    sides = [side.strip() for row in split for side in (row[:start], row[end:]) if side.strip()]
    tabular = sum(1 for side in sides if _CELL_GAP.search(side))
    prose = sum(1 for side in sides if len(side.split()) >= _MIN_PROSE_WORDS)
    if tabular * 4 > len(sides) or prose * 3 < 2 * len(sides):
        return None
    if not all(_reads_as_wrapped_text(rows, best, side) for side in (0, 1)):
        return None
    return best


def _reads_as_wrapped_text(rows: list[str], gutter: tuple[int, int], side: int) -> bool:
    """Whether one side's lines, read down, are text wrapped at the column's edge: at least two
    thirds of its lines filled, at most a third ending mid-sentence before a capitalised line.
    Table cells and label/value rows end where their item ends, and begin with a capital."""
    start, end = gutter
    texts = [
        None if _crosses(row, gutter) else (row[:start], row[end:])[side].strip() for row in rows
    ]
    width = max((len(text) for text in texts if text), default=0)
    pairs = [(above, below) for above, below in pairwise(texts) if above and below]
    if not pairs:
        return False
    filled = sum(
        1 for above, below in pairs if len(above) + 1 + len(below.split()[0]) > width - _WRAP_SLACK
    )
    broken = sum(
        1 for above, below in pairs if not above.endswith(_SENTENCE_END) and below[0].isupper()
    )
    return filled * 3 >= 2 * len(pairs) and broken * 3 <= len(pairs)


def _emptiest(used: list[int], start: int, end: int) -> tuple[int, int]:
    """The widest run of columns within ``start:end`` that the fewest lines use: the gutter
    proper, not the ends of the few long lines that reach into it."""
    fewest = min(used[start:end])
    best = (start, start)
    column = start
    while column < end:
        if used[column] != fewest:
            column += 1
            continue
        stop = column
        while stop < end and used[stop] == fewest:
            stop += 1
        if stop - column > best[1] - best[0]:
            best = (column, stop)
        column = stop
    return best


def _crosses(row: str, gutter: tuple[int, int]) -> bool:
    return bool(row[gutter[0] : gutter[1]].strip())


def _pieces(rows: list[str], gutter: tuple[int, int]) -> list[_Piece]:
    """The layout's words read across the page, each side of a row a piece; a line across the
    gutter is a block of its own, read where it stands."""
    start, end = gutter
    pieces: list[_Piece] = []
    block = 0
    for row in rows:
        if _crosses(row, gutter):
            block += 1
            pieces.append(_Piece(block, 0, tuple(row.split())))
            block += 1
            continue
        for side, text in ((0, row[:start]), (1, row[end:])):
            if text.strip():
                pieces.append(_Piece(block, side, tuple(text.split())))
    return pieces


def _reordered(plain: str, pieces: list[_Piece]) -> str | None:
    """The plain lines, each block's left column before its right: None where the plain words
    are not the layout's read across the page, word for word."""
    layout_words = [word for piece in pieces for word in piece.words]
    labels = [(piece.block, piece.side) for piece in pieces for _ in piece.words]
    lines = plain.split("\n")
    if [word for line in lines for word in line.split()] != layout_words:
        return None
    placed: list[tuple[tuple[int, int], str]] = []
    at = 0
    last = (0, 0)
    for line in lines:
        words = line.split()
        if not words:
            placed.append((last, line))  # a blank line stays with the text above it
            continue
        line_labels = labels[at : at + len(words)]
        at += len(words)
        if len(set(line_labels)) == 1:
            placed.append((line_labels[0], line))
        else:  # one plain line across the gutter: its words go to their sides
            for label in dict.fromkeys(line_labels):
                part = [word for word, of in zip(words, line_labels, strict=True) if of == label]
                placed.append((label, " ".join(part)))
        last = line_labels[-1]
    ordered = sorted(range(len(placed)), key=lambda index: (placed[index][0], index))
    return "\n".join(placed[index][1] for index in ordered)
