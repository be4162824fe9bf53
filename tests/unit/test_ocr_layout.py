"""Reading order and marks from OCR boxes, without the engine: detections placed by hand on a
blank page (so only the layout rules act), and recognised lines turned into document text."""

from __future__ import annotations

import math

import numpy as np

from medlocal.ingest.document import DocumentBuilder
from medlocal.ingest.ocr.engine import Detection
from medlocal.ingest.ocr.layout import Line, Rect, read_page
from medlocal.ingest.ocr.pages import RecognisedPage, add_recognised_page, ocr_page_notes
from medlocal.ingest.scanned import LOW_CONFIDENCE_MARK

BLANK = np.full((1200, 1600), 255, dtype=np.uint8)
HEIGHT = 24.0


def _box(
    text: str, x: float, y: float, width: float | None = None, angle: float = 0.0
) -> Detection:
    """A detected line of ``text`` at (x, y), 12 px per character, turned ``angle`` degrees
    about the page's top left corner (a crooked scan)."""
    w = width if width is not None else 12.0 * len(text)
    corners = [(x, y), (x + w, y), (x + w, y + HEIGHT), (x, y + HEIGHT)]
    rad = math.radians(angle)
    turned = tuple(
        (cx * math.cos(rad) - cy * math.sin(rad), cx * math.sin(rad) + cy * math.cos(rad))
        for cx, cy in corners
    )
    return Detection(text, turned, 0.99, ())


def _texts(detections: list[Detection]) -> list[str]:
    return [line.text for line in read_page(detections, BLANK)]


LEFT = [f"left column line number {i} of the letter" for i in range(4)]
RIGHT = [f"right column line number {i} of letter" for i in range(4)]


def test_two_text_columns_are_read_one_after_the_other() -> None:
    detections = [_box(text, 50, 100 + 40 * i) for i, text in enumerate(LEFT)]
    detections += [_box(text, 800, 100 + 40 * i) for i, text in enumerate(RIGHT)]
    assert _texts(detections) == LEFT + RIGHT


def test_a_heading_across_both_columns_comes_first() -> None:
    detections = [_box(text, 50, 100 + 40 * i) for i, text in enumerate(LEFT)]
    detections += [_box(text, 800, 100 + 40 * i) for i, text in enumerate(RIGHT)]
    detections.append(_box("Discharge letter", 50, 40, width=1200))
    assert _texts(detections) == ["Discharge letter", *LEFT, *RIGHT]


def test_a_table_is_read_row_by_row_even_when_crooked() -> None:
    rows = [("Sodium", "139 mmol/L"), ("Potassium", "4.1 mmol/L"), ("Creatinine", "88 umol/L")]
    for angle in (0.0, 1.5, -1.5):
        detections = []
        for i, (test, result) in enumerate(rows):
            detections += [
                _box(test, 50, 100 + 40 * i, angle=angle),
                _box(result, 900, 100 + 40 * i, angle=angle),
            ]
        # 1.5 degrees over 850 px moves the result cell 22 px: nearly a row. Deskewing fixes it.
        assert _texts(detections) == [f"{t} | {r}" for t, r in rows], angle


def test_paragraph_breaks_follow_vertical_gaps() -> None:
    lines = read_page(
        [_box("First paragraph", 50, 100), _box("goes on", 50, 130), _box("Second", 50, 220)],
        BLANK,
    )
    assert [line.paragraph for line in lines] == [True, False, True]


def _line(text: str, confidence: float, y: float, paragraph: bool = False) -> Line:
    return Line(text, confidence, confidence, Rect(100, y, 500, y + 20), paragraph)


def test_low_confidence_lines_and_pages_are_marked_in_the_text() -> None:
    builder = DocumentBuilder("image")
    builder.start_page(1)
    good = RecognisedPage(
        1,
        1000,
        800,
        (
            _line("Metformin 500 mg twice daily with meals", 0.99, 100, True),
            _line("smudged", 0.5, 130),
        ),
    )
    first = add_recognised_page(builder, good)
    builder.start_page(2)
    poor = RecognisedPage(2, 1000, 800, (_line("blurred", 0.6, 100, True), _line("x", 0.7, 200)))
    second = add_recognised_page(builder, poor)
    document = builder.build()
    assert document.text == (
        "Metformin 500 mg twice daily with meals\n"
        f"smudged {LOW_CONFIDENCE_MARK}\n\n{LOW_CONFIDENCE_MARK} blurred\nx"
    )
    assert not first.low and second.low
    assert [document.text[line.start : line.end] for line in first.lines] == [
        "Metformin 500 mg twice daily with meals",
        "smudged",
    ]
    assert [line.low for line in first.lines] == [False, True]
    assert first.lines[0].box.left == 0.1 and first.lines[0].box.bottom == 0.15
    # A good page's weak line is named too (walk 36: a phone photo's misread dose was marked in
    # its passage, but the import report said nothing).
    assert ocr_page_notes(document.scanned) == [
        f"page 1: low OCR confidence on 1 line (marked {LOW_CONFIDENCE_MARK}): check it against "
        "the original",
        "page 2: low OCR confidence (61%)",
    ]
    assert first.lines_between(0, 5) == (first.lines[0],)


def test_a_good_page_with_weak_lines_counts_them_in_its_note() -> None:
    builder = DocumentBuilder("image")
    builder.start_page(1)
    page = RecognisedPage(
        1,
        1000,
        800,
        (
            _line("Referral letter for Margaret Ellison, MRN EL-100231", 0.99, 100, True),
            _line("Current medication: levetiracetam 75o mg twice daily", 0.7, 130),
            _line("Latest sodium: 131 mmol/L", 0.75, 160),
            _line("Allergies: lamotrigine (Stevens-Johnson syndrome)", 0.99, 190),
            _line("GP: Dr Bina Castellane, Riverside Surgery", 0.99, 220),
        ),
    )
    scanned = add_recognised_page(builder, page)
    assert not scanned.low  # the page's mean is good: only the two lines are doubtful
    assert ocr_page_notes([scanned]) == [
        f"page 1: low OCR confidence on 2 lines (marked {LOW_CONFIDENCE_MARK}): check them "
        "against the original"
    ]
    clean = RecognisedPage(1, 1000, 800, (_line("Latest sodium: 131 mmol/L", 0.95, 100, True),))
    other = DocumentBuilder("image")
    other.start_page(1)
    assert ocr_page_notes([add_recognised_page(other, clean)]) == []


def test_a_misread_lab_name_is_mended_and_the_page_says_so() -> None:
    # Walk 25: a clean scan gave "HbAlc" at full confidence, and exact search missed it.
    builder = DocumentBuilder("image")
    builder.start_page(1)
    page = RecognisedPage(
        1,
        1000,
        800,
        (
            _line("HbAlc | 8.1 | % | <7.0", 0.99, 100, True),
            _line("Collected 28/02/2025, Sp02 94%, HbAlc repeated", 0.99, 130),
        ),
    )
    scanned = add_recognised_page(builder, page)
    document = builder.build()
    assert document.text == "HbA1c | 8.1 | % | <7.0\nCollected 28/02/2025, SpO2 94%, HbA1c repeated"
    assert [document.text[line.start : line.end] for line in scanned.lines] == [
        "HbA1c | 8.1 | % | <7.0",
        "Collected 28/02/2025, SpO2 94%, HbA1c repeated",
    ]
    assert ocr_page_notes(document.scanned) == [
        "page 1: OCR readings corrected: 'HbAlc' to 'HbA1c', 'Sp02' to 'SpO2'"
    ]
