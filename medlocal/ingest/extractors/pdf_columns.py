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
    side: int  # columns from the left (0 also for a line across a gutter)
    words: tuple[str, ...]


def might_have_columns(starts: Sequence[tuple[float, float]], left: float, right: float) -> bool:
    """Whether text runs start far apart on one baseline (a fifth of the page's width: a second
    column, or a body beside a narrow sidebar) on several baselines (``starts``: each run's x
    and baseline as shown; ``left``/``right``: the page's edges)."""
    apart = (right - left) / 5
    spans: dict[int, list[float]] = {}
    for x, y in starts:
        spans.setdefault(round(y), []).append(x)
    return sum(1 for xs in spans.values() if max(xs) - min(xs) >= apart) >= _MIN_SPLIT_BASELINES


def read_by_columns(plain: str, read_layout: Callable[[], str]) -> str:
    """``plain`` with its interleaved column lines read column by column; ``plain`` itself
    where the page is not such a page (see the module's checks)."""
    try:
        layout = read_layout()
    except Exception:  # layout mode is an improvement, never a reason to lose the page
        return plain
    rows = [line.rstrip() for line in layout.split("\n") if line.strip()]
    gutters = _gutters(rows)
    if not gutters:
        return plain
    pieces = _pieces(rows, gutters)
    if not any(piece.side for piece in pieces):
        return plain
    return _reordered(plain, pieces) or plain


def _gutters(rows: list[str]) -> list[tuple[int, int]]:
    """The blank runs of layout columns, left to right, that only lines across the page (a
    title, a footer: at most a tenth of the lines, or two) have text in, where the sides they
    part are columns of prose, or prose beside a sidebar; none where they are not."""
    width = max((len(row) for row in rows), default=0)
    if width < 2 * _MIN_GUTTER:
        return []
    used = [0] * width  # how many lines have a cell over each column (a title spans its gaps)
    for row in rows:
        for cell in _CELL.finditer(row):
            for column in range(cell.start(), cell.end()):
                used[column] += 1
    allowed = max(2, len(rows) // 10)
    text_columns = [column for column in range(width) if used[column] > allowed]
    if not text_columns:
        return []
    gutters: list[tuple[int, int]] = []
    column = text_columns[0]
    while column < text_columns[-1]:
        if used[column] > allowed:
            column += 1
            continue
        end = column
        while used[end] <= allowed:  # stops at text_columns[-1] at the latest
            end += 1
        run = _emptiest(used, column, end)
        if run[1] - run[0] >= _MIN_GUTTER:
            gutters.append(run)
        column = end
    if not gutters:
        return []
    split = [row for row in rows if not _crosses(row, gutters)]
    spans = _spans(gutters)
    sides = [[text for row in split if (text := row[a:b].strip())] for a, b in spans]
    several = [row for row in split if sum(1 for a, b in spans if row[a:b].strip()) >= 2]
    if len(several) < _MIN_TWO_SIDED:
        return []
    wrapped = [_reads_as_wrapped_text(rows, gutters, span) for span in spans]
    if all(wrapped) and _prose([text for side in sides for text in side]):
        return gutters
    if _beside_a_sidebar(rows, gutters, sides, wrapped):
        return gutters
    return []


def _prose(texts: list[str]) -> bool:
    """Whether lines are prose: mostly one cell (no gap of two spaces) of four words or more;
    a table's cells are short, and several to a side."""
    tabular = sum(1 for text in texts if _CELL_GAP.search(text))
    prose = sum(1 for text in texts if len(text.split()) >= _MIN_PROSE_WORDS)
    return bool(texts) and tabular * 4 <= len(texts) and prose * 3 >= 2 * len(texts)


def _beside_a_sidebar(
    rows: list[str], gutters: list[tuple[int, int]], sides: list[list[str]], wrapped: list[bool]
) -> bool:
    """Whether the first or the last side is a sidebar (a patient box, a lab legend) beside
    columns of wrapped prose: short items on lines one under the other (on two thirds of the
    rows from its first to its last at least), standing beside the next column's lines in
    mid-sentence (the line above runs on), so read across they cut its sentences. A form's
    labels and a list's numbers stand beside the first line of their item, rows apart, mostly
    after a line that ended a sentence, and stay."""
    spans = _spans(gutters)
    last = len(spans) - 1
    for aside, body in ((0, 1), (last, last - 1)):
        columns = [side for side in range(len(spans)) if side != aside]
        if not all(wrapped[side] for side in columns) or wrapped[aside] or _prose(sides[aside]):
            continue
        if not _prose([text for side in columns for text in sides[side]]):
            continue
        if _one_under_another(rows, spans[aside]) and _cuts(rows, gutters, spans, aside, body):
            return True
    return False


def _one_under_another(rows: list[str], span: tuple[int, int]) -> bool:
    """Whether a side's lines fill two thirds of the rows from its first line to its last."""
    filled = [bool(row[span[0] : span[1]].strip()) for row in rows]
    first, end = filled.index(True), len(filled) - filled[::-1].index(True)
    return sum(filled) * 3 >= 2 * (end - first)


def _cuts(
    rows: list[str],
    gutters: list[tuple[int, int]],
    spans: list[tuple[int, int]],
    aside: int,
    body: int,
) -> bool:
    """Whether most of the lines of side ``aside`` beside a line of side ``body`` stand where
    the line above it in ``body`` runs on (ends mid-sentence)."""
    beside: list[bool] = []
    above: str | None = None
    for row in rows:
        if _crosses(row, gutters):
            above = None
            continue
        prose = row[slice(*spans[body])].strip()
        if prose and above and row[slice(*spans[aside])].strip():
            beside.append(not above.endswith(_SENTENCE_END))
        above = prose or None
    return len(beside) >= _MIN_TWO_SIDED - 1 and sum(beside) * 3 >= 2 * len(beside)


def _spans(gutters: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The layout columns of each side the gutters part, left to right (the last to any end)."""
    edges = [0, *(edge for gutter in gutters for edge in gutter), 1 << 30]
    return list(pairwise(edges))[::2]


def _reads_as_wrapped_text(
    rows: list[str], gutters: list[tuple[int, int]], span: tuple[int, int]
) -> bool:
    """Whether one side's lines, read down, are text wrapped at the column's edge: at least two
    thirds of its lines filled, at most a third ending mid-sentence before a capitalised line.
    Table cells and label/value rows end where their item ends, and begin with a capital."""
    texts = [None if _crosses(row, gutters) else row[span[0] : span[1]].strip() for row in rows]
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


def _crosses(row: str, gutters: list[tuple[int, int]]) -> bool:
    return any(row[start:end].strip() for start, end in gutters)


def _pieces(rows: list[str], gutters: list[tuple[int, int]]) -> list[_Piece]:
    """The layout's words read across the page, each side of a row a piece; a line across a
    gutter is a block of its own, read where it stands."""
    pieces: list[_Piece] = []
    block = 0
    for row in rows:
        if _crosses(row, gutters):
            block += 1
            pieces.append(_Piece(block, 0, tuple(row.split())))
            block += 1
            continue
        for side, (start, end) in enumerate(_spans(gutters)):
            if text := row[start:end].strip():
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
