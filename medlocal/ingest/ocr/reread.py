"""Lines read weakly or not at all, read again from the page at full resolution.

The recogniser scales a page to at most 2000 pixels before it cuts out the detected lines; a
typed line that scaling left ragged came back as '' with confidence 0.0 (walk 30: the
patient-ID line of a 300-dpi fax, both upright and turned). Cut from the page as scanned, with
a margin, the same line reads at 0.99. Only weak lines are read again (a fraction of a second
each), at most ``MAX_REREADS`` per page, widest first; the better reading is kept.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from medlocal.ingest.ocr.engine import Detection, OcrEngine

# Under this confidence a line is read again (the line mark's own threshold, pages.LINE_LOW).
REREAD_BELOW = 0.80
MAX_REREADS = 30
# The margin around a line's box, in line heights (a tight box clips descenders and accents).
MARGIN = 0.2

PageImage = npt.NDArray[np.uint8]


def reread_weak_lines(
    engine: OcrEngine, image: PageImage, detections: Sequence[Detection]
) -> list[Detection]:
    """``detections`` with each weak line replaced by its reading from ``image`` when that reads
    with more confidence (its word boxes are then dropped: the layout reads the line's text)."""
    weak = sorted(
        (index for index, det in enumerate(detections) if _is_weak(det)),
        key=lambda index: _width(detections[index]),
        reverse=True,
    )[:MAX_REREADS]
    better = list(detections)
    for index in weak:
        det = detections[index]
        crop = _crop(image, det)
        if crop is None:
            continue
        text, confidence = engine.read_line(crop)
        if text.strip() and confidence > det.confidence:
            better[index] = Detection(text, det.points, confidence, ())
    return better


def _is_weak(detection: Detection) -> bool:
    return detection.confidence < REREAD_BELOW or not detection.text.strip()


def _width(detection: Detection) -> float:
    xs = [x for x, _ in detection.points]
    return max(xs) - min(xs)


def _crop(image: PageImage, detection: Detection) -> PageImage | None:
    height, width = image.shape[:2]
    xs = [x for x, _ in detection.points]
    ys = [y for _, y in detection.points]
    margin = MARGIN * (max(ys) - min(ys))
    left, right = max(int(min(xs) - margin), 0), min(int(max(xs) + margin) + 1, width)
    top, bottom = max(int(min(ys) - margin), 0), min(int(max(ys) + margin) + 1, height)
    if right - left < 4 or bottom - top < 4:
        return None
    return np.ascontiguousarray(image[top:bottom, left:right])
