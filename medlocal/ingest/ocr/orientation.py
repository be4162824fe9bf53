"""A page scanned upside down or sideways, found and turned upright before it is read.

Fed into a fax or a scanner the wrong way round, a page was read bottom line first, its words cut
where the recogniser's word boxes no longer fit the turned letters ("Apixa ban"), and a line
missed (walk 30). The recogniser's angle classifier judges each text box upright or upside down
(it turns single boxes, not the page); its votes over the page's longest boxes decide whether
the whole page is upside down. A sideways page shows itself in the detector's boxes: text lines
standing taller than wide. Either way the page is turned and read again, and the page keeps how
far it was turned so the import report can say so and line boxes map back onto the page as
stored.

On an upright page the cost is the classifier on a few box crops (tens of milliseconds); a page
is read twice (three times sideways and upside down) only when it was turned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from medlocal.ingest.ocr.engine import Detection, OcrEngine

PageImage = npt.NDArray[np.uint8]

# The longest boxes vote (short ones, a page number or a stray mark, are often unsure).
VOTING_BOXES = 12
# A box standing this much taller than wide is a sideways line of text (a few characters at
# least: a lone digit in a table cell stands taller than wide too).
STANDING = 2.5
# A sideways turn is kept unless it reads this much worse (mean confidence) than the page as is.
SIDEWAYS_TOLERANCE = 0.05
# Turned when over half the boxes are sideways (by length) / sure to be upside down (by count).
MAJORITY = 0.5


@dataclass(frozen=True)
class UprightReading:
    """A page read upright: ``image`` was the page turned ``quarter_turns`` x 90 degrees
    counter-clockwise (0 when it was upright already)."""

    image: PageImage
    detections: list[Detection]
    quarter_turns: int


def read_upright(engine: OcrEngine, image: PageImage) -> UprightReading:
    """The page's detections read the right way up."""
    detections = engine.recognise(image)
    if _is_sideways(detections):
        return _turned_sideways(engine, image, detections)
    if _is_upside_down(engine, image, detections):
        image = np.ascontiguousarray(np.rot90(image, 2))
        return UprightReading(image, engine.recognise(image), 2)
    return UprightReading(image, detections, 0)


def _turned_sideways(
    engine: OcrEngine, image: PageImage, detections: list[Detection]
) -> UprightReading:
    """A quarter turn one way lays the lines flat; if they are then upside down, the other way.
    The turn is kept only if it reads about as well as the page as it was: tall boxes on a page
    that is no sideways page read far worse turned (a sideways page reads well either way, the
    recogniser turning each tall box, but its lines come out in no order)."""
    turns = 1
    turned = np.ascontiguousarray(np.rot90(image, turns))
    turned_detections = engine.recognise(turned)
    if _is_upside_down(engine, turned, turned_detections):
        turns = 3
        turned = np.ascontiguousarray(np.rot90(image, turns))
        turned_detections = engine.recognise(turned)
    if _confidence(turned_detections) >= _confidence(detections) - SIDEWAYS_TOLERANCE:
        return UprightReading(turned, turned_detections, turns)
    return UprightReading(image, detections, 0)


def _confidence(detections: Sequence[Detection]) -> float:
    chars = sum(len(det.text.strip()) for det in detections)
    weighted = sum(det.confidence * len(det.text.strip()) for det in detections)
    return weighted / chars if chars else 0.0


def _size(detection: Detection) -> tuple[float, float]:
    xs = [x for x, _ in detection.points]
    ys = [y for _, y in detection.points]
    return max(xs) - min(xs), max(ys) - min(ys)


def _is_sideways(detections: Sequence[Detection]) -> bool:
    sizes = [_size(det) for det in detections]
    total = sum(max(width, height) for width, height in sizes)
    standing = sum(height for width, height in sizes if height > STANDING * max(width, 1.0))
    return total > 0 and standing > MAJORITY * total


def _is_upside_down(engine: OcrEngine, image: PageImage, detections: Sequence[Detection]) -> bool:
    """Most of the longest boxes the classifier is sure about are upside down. Each box has one
    vote, whatever its width: a heading in capitals reads much the same either way up, and the
    classifier can be sure of the wrong way for it (a wide one outweighed a whole letter)."""
    voters = sorted(detections, key=lambda det: _size(det)[0], reverse=True)[:VOTING_BOXES]
    crops = [crop for crop in (_crop(image, det) for det in voters) if crop is not None]
    votes = [vote for vote in engine.upside_down_votes(crops) if vote is not None]
    return bool(votes) and sum(votes) > MAJORITY * len(votes)


def _crop(image: PageImage, detection: Detection) -> PageImage | None:
    height, width = image.shape[:2]
    xs = [x for x, _ in detection.points]
    ys = [y for _, y in detection.points]
    left, right = max(int(min(xs)), 0), min(int(max(xs)) + 1, width)
    top, bottom = max(int(min(ys)), 0), min(int(max(ys)) + 1, height)
    if right - left < 2 or bottom - top < 2:
        return None
    return image[top:bottom, left:right]


def upright_box_on_page(
    box: tuple[float, float, float, float], quarter_turns: int
) -> tuple[float, float, float, float]:
    """A box in fractions (left, top, right, bottom) of the page as read upright, in fractions
    of the page as stored (before it was turned ``quarter_turns`` x 90 degrees
    counter-clockwise)."""
    left, top, right, bottom = box
    turns = quarter_turns % 4
    if turns == 1:
        return 1 - bottom, left, 1 - top, right
    if turns == 2:
        return 1 - right, 1 - bottom, 1 - left, 1 - top
    if turns == 3:
        return top, 1 - right, bottom, 1 - left
    return box
