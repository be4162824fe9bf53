"""Reading order from OCR boxes: words -> cells -> lines, rows and columns.

The recogniser reads a detected box as one string and can glue what the page keeps apart: two
table cells close together ("4.1mmol/LCreatinine 88umol/L") or words whose space it dropped
("HbA1c53"). Its word boxes are the truth we rebuild from: a gap wider than a space becomes a
space, a gap wider than a column gutter splits the box into separate cells.

Then the page is read the way a person reads it. Wide cells (a line of a one-column page, a
heading across both columns) are read in place; between them, narrow cells either form text
columns (long lines either side of a gutter: the left column is read to the end before the right)
or a table (short cells: read row by row, cells joined with `` | ``).

Slight rotation (a crooked scan) is measured from the boxes and undone for the layout only;
positions are kept in the page's own pixels.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from medlocal.ingest.ocr.engine import Detection, Piece
from medlocal.ingest.ocr.spacing import (
    along,
    blank_runs,
    one_number,
    typical_pitch,
    unglued,
    widest_gap,
)
from medlocal.ingest.ocr.sure_words import doubt_forgiven
from medlocal.ingest.ocr.table_cells import TableRow, table_rows

Gray = npt.NDArray[np.uint8]

CELL_SEPARATOR = " | "
# Blank runs, in multiples of the box height: from SPACE_GAP a space, from CELL_GAP a new cell.
SPACE_GAP = 0.26
CELL_GAP = 1.2
# A cell wider than this share of the text's width is read in place (one-column text).
WIDE_SHARE = 0.55
# Text columns have long lines: median width at least this many line heights.
COLUMN_LINE_HEIGHTS = 10.0
# A vertical gap over this many line heights starts a new paragraph.
PARAGRAPH_GAP = 0.8
# A letter under this confidence is doubtful (pages.CHAR_LOW marks a line for one).
DOUBTFUL_LETTER = 0.5
# A word of letters only, whole (not part of a code such as "HbA1c"), long enough to be known.
_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{3,}(?![A-Za-z0-9])")


@dataclass(frozen=True)
class Rect:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    def union(self, other: Rect) -> Rect:
        return Rect(
            min(self.left, other.left),
            min(self.top, other.top),
            max(self.right, other.right),
            max(self.bottom, other.bottom),
        )


@dataclass(frozen=True)
class Cell:
    text: str
    confidence: float  # mean over its characters
    weakest: float  # its least certain character
    chars: int
    frame: Rect  # deskewed, for layout
    page: Rect  # the page's own pixels, for positions


@dataclass(frozen=True)
class Line:
    """A line of the page in reading order; ``paragraph`` when a new paragraph starts here."""

    text: str
    confidence: float  # mean over its characters
    weakest: float  # its least certain character (one doubtful digit matters in a dose)
    rect: Rect  # in the page's pixels
    paragraph: bool
    no_result: bool = False  # a table row whose result cell is empty or was not read


def read_page(detections: Sequence[Detection], gray: Gray) -> list[Line]:
    """The page's lines in reading order (``gray``: the page the detections were made on)."""
    if not detections:
        return []
    angle = _skew(detections)
    cells = [cell for det in detections for cell in _cells(det, angle, gray)]
    if not cells:
        return []
    height = statistics.median(cell.frame.height for cell in cells)
    return _paragraphs(_order(cells, height), height)


# ---- skew -----------------------------------------------------------------------------------


def _skew(detections: Sequence[Detection]) -> float:
    """The page's rotation in radians: the median slope of the long boxes' top edges."""
    slopes = []
    for det in detections:
        (x0, y0), (x1, y1) = det.points[0], det.points[1]
        width = x1 - x0
        height = math.dist(det.points[0], det.points[3])
        if width > 3 * max(height, 1.0):
            slopes.append(math.atan2(y1 - y0, width))
    return statistics.median(slopes) if slopes else 0.0


def _rotate(points: Sequence[tuple[float, float]], angle: float) -> Rect:
    cos, sin = math.cos(-angle), math.sin(-angle)
    xs = [x * cos - y * sin for x, y in points]
    ys = [x * sin + y * cos for x, y in points]
    return Rect(min(xs), min(ys), max(xs), max(ys))


def _bounds(points: Sequence[tuple[float, float]]) -> Rect:
    return _rotate(points, 0.0)


# ---- words -> cells ---------------------------------------------------------------------------


def _cells(det: Detection, angle: float, gray: Gray) -> list[Cell]:
    chars = [piece for piece in det.pieces if piece.text.strip()]
    # Pieces that do not account for the box's text (a recogniser quirk) are not trusted.
    if not chars or "".join(piece.text for piece in chars) != "".join(det.text.split()):
        text = unglued(" ".join(det.text.split()))
        if not text:
            return []
        frame, page = _rotate(det.points, angle), _bounds(det.points)
        return [Cell(text, det.confidence, det.confidence, len(text), frame, page)]
    runs, height = blank_runs(gray, det.points)
    positions = [along(det.points, _centre(piece.points)) for piece in chars]
    spaced = _recognised_spaces(det)
    gaps = [widest_gap(runs, a, b) for a, b in itertools.pairwise(positions)]
    pitch = typical_pitch(positions, [gap >= SPACE_GAP * height for gap in gaps])
    groups: list[list[tuple[Piece, bool]]] = [[(chars[0], False)]]
    for index in range(1, len(chars)):
        gap = gaps[index - 1]
        if gap >= CELL_GAP * height:
            groups.append([(chars[index], False)])
        else:
            space = index in spaced or (
                gap >= SPACE_GAP * height
                and not _inside_number(chars, index)
                and not _one_number(chars, positions, index, pitch)
            )
            groups[-1].append((chars[index], space))
    return [_cell(group, angle) for group in groups]


def _inside_number(chars: Sequence[Piece], index: int) -> bool:
    """``4.1``, ``1,250``: a narrow point leaves a wide blank, after it or before it ("INR 2 .4"
    from a 40 px DejaVu line, user61), which is no space."""
    before = "".join(piece.text for piece in chars[max(index - 2, 0) : index])
    after = "".join(piece.text for piece in chars[index : index + 2])
    digit_point = len(before) == 2 and before[0].isdigit() and before[1] in ".,"
    point_digit = len(after) == 2 and after[0] in ".," and after[1].isdigit()
    return (digit_point and after[:1].isdigit()) or (point_digit and before[-1:].isdigit())


def _one_number(
    chars: Sequence[Piece], positions: Sequence[float], index: int, pitch: float | None
) -> bool:
    """``1 4/03``: the blank beside a narrow glyph of a number is no space (spacing)."""
    if pitch is None:
        return False
    apart = (positions[index] - positions[index - 1]) / pitch
    return one_number(chars[index - 1].text, chars[index].text, apart)


def _recognised_spaces(det: Detection) -> set[int]:
    """Indexes (among the non-blank pieces) of pieces the recogniser put a space before."""
    spaced: set[int] = set()
    seen = 0
    for piece in det.pieces:
        if piece.text.strip():
            seen += 1
        elif seen:
            spaced.add(seen)
    return spaced


def _centre(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    return (
        sum(x for x, _ in points) / len(points),
        sum(y for _, y in points) / len(points),
    )


def _cell(group: list[tuple[Piece, bool]], angle: float) -> Cell:
    text = "".join((" " if space else "") + piece.text for piece, space in group)
    scores = [piece.confidence for piece, _ in group for _char in piece.text]
    frame, page = _rotate(group[0][0].points, angle), _bounds(group[0][0].points)
    for piece, _ in group[1:]:
        frame, page = frame.union(_rotate(piece.points, angle)), page.union(_bounds(piece.points))
    mean = sum(scores) / len(scores)
    # Words the page's gaps could not part are split again from the word lists (spacing).
    return Cell(unglued(text.strip()), mean, _weakest(group, mean), len(scores), frame, page)


def _weakest(group: list[tuple[Piece, bool]], mean: float) -> float:
    """The least certain character outside the plain known words: a doubtful letter inside a
    word that reads as a whole known word ("Result" with its 'l' at 0.45) was read right, and
    marking a perfectly read table heading for it taught readers to ignore the mark (walk 50b,
    D9). Digits, codes, unknown words, drug names and words one letter from another word keep
    every character's doubt (``sure_words``)."""
    chars = [
        (char, piece.confidence, space and index == 0)
        for piece, space in group
        for index, char in enumerate(piece.text)
    ]
    text = "".join((" " if spaced else "") + char for char, _, spaced in chars)
    # Each character of ``text`` (spaces aside) by its place among ``chars``.
    position = {
        offset: index for index, offset in enumerate(o for o, c in enumerate(text) if c != " ")
    }
    known: set[int] = set()
    for word in _WORD.finditer(text):
        places = [position[offset] for offset in range(word.start(), word.end())]
        weak = [i for i, place in enumerate(places) if chars[place][1] < DOUBTFUL_LETTER]
        if doubt_forgiven(word.group(), weak):
            known.update(places)
    doubtful = [score for index, (_, score, _) in enumerate(chars) if index not in known]
    return min(doubtful) if doubtful else mean


# ---- cells -> reading order -------------------------------------------------------------------


def _order(cells: list[Cell], height: float) -> list[_Placed]:
    left = min(cell.frame.left for cell in cells)
    right = max(cell.frame.right for cell in cells)
    wide = WIDE_SHARE * (right - left)
    lines: list[_Placed] = []
    band: list[Cell] = []
    for row in _group_rows(cells, height):
        # A row holding a wide cell is read in place, with whatever shares its line.
        if any(cell.frame.width >= wide for cell in row):
            lines.extend(_band(band, height))
            band = []
            lines.append(_line(row, height))
        else:
            band.extend(row)
    lines.extend(_band(band, height))
    return lines


def _band(cells: list[Cell], height: float) -> list[_Placed]:
    if not cells:
        return []
    split = _gutter(cells, height)
    if split is not None:
        before = [cell for cell in cells if cell.frame.right <= split]
        after = [cell for cell in cells if cell.frame.right > split]
        if _is_text_column(before, height) and _is_text_column(after, height):
            return _rows(before, height) + _rows(after, height)
    rows = _group_rows(cells, height)
    table = table_rows(rows)
    if table is None:
        return [_line(row, height) for row in rows]
    return [_table_line(row, height) for row in table]


def _gutter(cells: list[Cell], height: float) -> float | None:
    """The middle of the widest vertical gap that no cell crosses, if at least a line high."""
    spans = sorted((cell.frame.left, cell.frame.right) for cell in cells)
    best: tuple[float, float] | None = None
    reach = spans[0][1]
    for start, end in spans[1:]:
        if start - reach >= height and (best is None or start - reach > best[1] - best[0]):
            best = (reach, start)
        reach = max(reach, end)
    return None if best is None else (best[0] + best[1]) / 2


def _is_text_column(cells: list[Cell], height: float) -> bool:
    if len(cells) < 2:
        return False
    return statistics.median(cell.frame.width for cell in cells) >= COLUMN_LINE_HEIGHTS * height


def _rows(cells: list[Cell], height: float) -> list[_Placed]:
    """Cells grouped into rows by their vertical middle, each row read left to right."""
    return [_line(row, height) for row in _group_rows(cells, height)]


def _group_rows(cells: list[Cell], height: float) -> list[list[Cell]]:
    """Rows top to bottom, each sorted left to right."""
    rows: list[list[Cell]] = []
    for cell in sorted(cells, key=lambda cell: cell.frame.middle):
        if rows and abs(cell.frame.middle - _middle(rows[-1])) <= height / 2:
            rows[-1].append(cell)
        else:
            rows.append([cell])
    return [sorted(row, key=lambda cell: cell.frame.left) for row in rows]


def _middle(row: list[Cell]) -> float:
    return sum(cell.frame.middle for cell in row) / len(row)


@dataclass(frozen=True)
class _Placed:
    text: str
    confidence: float
    weakest: float
    page: Rect
    frame: Rect
    no_result: bool = False


def _line(cells: Sequence[Cell], height: float) -> _Placed:
    """One row's cells as a line: a word gap between boxes is a space (the detector splits
    phrases too), a wider gap separates table cells."""
    chars = sum(cell.chars for cell in cells)
    confidence = sum(cell.confidence * cell.chars for cell in cells) / max(chars, 1)
    rect = cells[0].page
    for cell in cells[1:]:
        rect = rect.union(cell.page)
    frame = cells[0].frame
    for cell in cells[1:]:
        frame = frame.union(cell.frame)
    weakest = min(cell.weakest for cell in cells)
    text = cells[0].text
    for previous, cell in itertools.pairwise(cells):
        gap = cell.frame.left - previous.frame.right
        text += (CELL_SEPARATOR if gap >= CELL_GAP * height else " ") + cell.text
    return _Placed(text, confidence, weakest, rect, frame)


def _table_line(row: TableRow[Cell], height: float) -> _Placed:
    """A table row with each cell in its column: a column the row has nothing in is an empty
    cell (``INR | 1.1 |  | 0.8-1.2``), so no cell slides under another column's heading."""
    line = _line([cell for column in row.columns for cell in column], height)
    text = CELL_SEPARATOR.join(
        _line(column, height).text if column else "" for column in row.columns
    )
    return dataclasses.replace(line, text=text.strip(), no_result=row.no_result)


def _paragraphs(ordered: list[_Placed], height: float) -> list[Line]:
    lines: list[Line] = []
    previous: Rect | None = None
    for placed in ordered:
        frame = placed.frame
        new_paragraph = (
            previous is None
            or frame.top - previous.bottom > PARAGRAPH_GAP * height
            or frame.bottom < previous.top  # back up the page: the next column
        )
        lines.append(
            Line(
                placed.text,
                placed.confidence,
                placed.weakest,
                placed.page,
                new_paragraph,
                placed.no_result,
            )
        )
        previous = frame
    return lines
