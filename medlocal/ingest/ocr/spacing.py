"""Where the page really has blank space inside a detected text box.

The recogniser's character positions come from its output columns, which are too coarse to
tell a space from the gap inside a word ("mgtwice" has its two words 4 pixels apart, "m g" 10).
The pixels are not: the box is straightened, its ink measured column by column, and runs of
blank columns found. A run as wide as a space is a space; one much wider is a gap between
table cells that the detector joined into one box.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import cv2
import numpy as np
import numpy.typing as npt

Point = tuple[float, float]
# A column holding fewer dark pixels than this is blank (a speck of dust is not a letter).
_MIN_INK = 2


def blank_runs(
    gray: npt.NDArray[np.uint8], quad: Sequence[Point]
) -> tuple[list[tuple[float, float]], float]:
    """Blank column runs ``(start, end)`` along the box's top edge, in pixels from its first
    corner, and the box's height."""
    p0, p1, p2, p3 = (np.asarray(point, dtype=np.float32) for point in quad[:4])
    width = max(round(max(math.dist(p0, p1), math.dist(p3, p2))), 1)
    height = max(round(max(math.dist(p0, p3), math.dist(p1, p2))), 1)
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(np.stack([p0, p1, p2, p3]), target)
    crop = cv2.warpPerspective(
        gray, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255
    )
    low, high = np.percentile(crop, 5), np.percentile(crop, 95)
    if high - low < 40:  # no contrast: nothing to measure
        return [], float(height)
    ink = (crop < (low + high) / 2).sum(axis=0) >= _MIN_INK
    runs: list[tuple[float, float]] = []
    start: int | None = None
    for x, inked in enumerate(ink):
        if not inked and start is None:
            start = x
        elif inked and start is not None:
            runs.append((float(start), float(x)))
            start = None
    if start is not None:
        runs.append((float(start), float(width)))
    return runs, float(height)


def along(quad: Sequence[Point], point: Point) -> float:
    """How far ``point`` lies along the box's top edge, in pixels from its first corner."""
    (x0, y0), (x1, y1) = quad[0], quad[1]
    length = math.dist((x0, y0), (x1, y1)) or 1.0
    return ((point[0] - x0) * (x1 - x0) + (point[1] - y0) * (y1 - y0)) / length


def widest_gap(runs: Sequence[tuple[float, float]], left: float, right: float) -> float:
    """The widest blank run whose middle lies between ``left`` and ``right``."""
    inside = (end - start for start, end in runs if left < (start + end) / 2 < right)
    return max(inside, default=0.0)
