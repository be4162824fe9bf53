"""Walk 50b, without the engine: what OCR got wrong says so. A table row keeps its columns when
a cell is empty (D9) and is marked when its result was lost (D2); specks read as characters of
another script are left out and counted; a heading read right is not marked for one doubtful
letter of a known word (D9); unit look-alikes are mended ("mmoi/L", D2); a blank page of a
multi-page scan is named (D6); unsupported picture formats are told to save as JPEG or PNG
(D7)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from medlocal.ingest.document import DocumentBuilder
from medlocal.ingest.errors import UnsupportedFormatError
from medlocal.ingest.formats import format_for
from medlocal.ingest.ocr.engine import Detection, Piece
from medlocal.ingest.ocr.layout import read_page
from medlocal.ingest.ocr.pages import RecognisedPage, add_recognised_page, ocr_page_notes
from medlocal.ingest.ocr.scripts import leave_out_other_scripts
from medlocal.ingest.ocr.slips import mend_slips
from medlocal.ingest.scanned import LOW_CONFIDENCE_MARK, ScannedPage

BLANK = np.full((1200, 1600), 255, dtype=np.uint8)
HEIGHT = 24.0
# Column lefts of a lab table: Test, Result, Units, Range.
COLUMNS = (50.0, 400.0, 650.0, 900.0)
TABLE = (
    ("Test", "Result", "Units", "Range"),
    ("Sodium", "139", "mmol/L", "133-146"),
    ("Potassium", "5.8", "mmol/L", "3.5-5.3"),
    ("INR", "1.1", "", "0.8-1.2"),
    ("TSH", "15.5", "mU/L", "0.3-4.2"),
)


def _box(text: str, x: float, y: float, confidence: float = 0.99) -> Detection:
    w = 12.0 * len(text)
    return Detection(
        text, ((x, y), (x + w, y), (x + w, y + HEIGHT), (x, y + HEIGHT)), confidence, ()
    )


def _table(rows: tuple[tuple[str, ...], ...]) -> list[Detection]:
    return [
        _box(cell, COLUMNS[c], 100 + 40 * r)
        for r, row in enumerate(rows)
        for c, cell in enumerate(row)
        if cell
    ]


def _text(detections: list[Detection]) -> tuple[list[str], list[ScannedPage]]:
    lines = read_page(detections, BLANK)
    builder = DocumentBuilder("image")
    builder.start_page(1)
    scanned = add_recognised_page(builder, RecognisedPage(1, 1600, 1200, tuple(lines)))
    return builder.build().text.splitlines(), [scanned]


def test_an_empty_cell_keeps_the_row_in_its_columns() -> None:
    text, pages = _text(_table(TABLE))
    assert "INR | 1.1 |  | 0.8-1.2" in text  # the range stays under Range, not Units
    assert "Test | Result | Units | Range" in text
    assert not any(LOW_CONFIDENCE_MARK in line for line in text)
    assert ocr_page_notes(pages) == []


def test_a_row_whose_result_was_lost_is_marked_and_named() -> None:
    rows = (*TABLE[:3], ("INR", "", "", "0.8-1.2"), ("", "", "", "0.3-4.2"))
    text, pages = _text(_table(rows))
    assert f"INR |  |  | 0.8-1.2 {LOW_CONFIDENCE_MARK}" in text
    # A range alone on its line names no test: nothing says it is a row that lost its result.
    assert "|  |  | 0.3-4.2" in text
    assert "Sodium | 139 | mmol/L | 133-146" in text  # rows read whole are not marked
    assert ocr_page_notes(pages) == [
        f"page 1: 1 table row with no result read (marked {LOW_CONFIDENCE_MARK}): check the "
        "original"
    ]


def test_rows_read_whole_are_not_marked_for_a_lost_result() -> None:
    # Text results, ranges given as "<5", a result left blank by the lab beside a blank range, a
    # signature line under the table (review 50a, R4).
    rows = (
        ("Test", "Result", "Units", "Range"),
        ("HIV Ab", "Negative", "", ""),
        ("CRP", "12 H", "mg/L", "<5"),
        ("Troponin", "Not detected", "ng/L", "<14"),
        ("Glucose", "5.4", "mmol/L", ""),
        ("BNP", "Negative", "ng/L", "<100"),
        ("", "", "Authorised: Dr A Smith", ""),
    )
    text, pages = _text(_table(rows))
    assert not any(LOW_CONFIDENCE_MARK in line for line in text), text
    assert ocr_page_notes(pages) == []
    # With no heading, the Range column of "<5"s is no result column either.
    text, pages = _text(_table(rows[1:6]))
    assert not any(LOW_CONFIDENCE_MARK in line for line in text), text


def test_a_medication_table_has_no_result_column() -> None:
    rows = (
        ("Drug", "Dose", "Frequency", "Qty"),
        ("Metformin", "500 mg", "twice daily", "56"),
        ("Ramipril", "5 mg", "once daily", "28"),
        ("Paracetamol", "1 g", "as needed", ""),
        ("Aspirin", "75 mg", "once daily", "28"),
    )
    text, pages = _text(_table(rows))
    assert "Paracetamol | 1 g | as needed" in text
    assert ocr_page_notes(pages) == []


def test_a_lab_table_with_no_heading_marks_a_test_whose_number_was_lost() -> None:
    rows = (*TABLE[1:], ("Creatinine", "", "umol/L", "45-84"))
    text, _pages = _text(_table(rows))
    assert f"Creatinine |  | umol/L | 45-84 {LOW_CONFIDENCE_MARK}" in text
    assert "TSH | 15.5 | mU/L | 0.3-4.2" in text


def test_lines_beside_each_other_that_are_no_table_gain_no_empty_cells() -> None:
    # An address block with the date on the right: never " | Date: ...".
    detections = [_box("Dr A Smith", 50, 100), _box("Date: 02/11/2026", 900, 100)]
    detections += [_box("1 High Street", 50, 140), _box("Eastwick", 50, 180)]
    text, _ = _text(detections)
    assert text == ["Dr A Smith | Date: 02/11/2026", "1 High Street", "Eastwick"]


def test_specks_read_as_another_script_are_left_out_and_counted() -> None:
    detections = [*_table(TABLE), _box("公", 700, 400, 0.24), _box("集长", 1400, 500, 0.13)]
    detections.append(_box("Sodium 公 low", 50, 600))
    cleaned = leave_out_other_scripts(detections)
    assert cleaned.left_out == 4
    texts = [det.text for det in cleaned.detections]
    assert "公" not in "".join(texts) and "Sodium low" in texts
    damaged = next(det for det in cleaned.detections if det.text == "Sodium low")
    assert damaged.confidence <= 0.5  # the line that held one is marked
    # Latin on a page of Chinese, and Greek and the micro sign anywhere, are kept.
    chinese = leave_out_other_scripts(
        [_box("血钾 正常 结果", 50, 100), _box("K 5.8 µmol/L μ", 50, 140)]
    )
    assert chinese.left_out == 0


def test_the_other_script_note_names_the_page() -> None:
    # A page of nothing but specks: its text is not found, and the specks are counted.
    page = ScannedPage(2, 0.0, False, other_script=3)
    assert ocr_page_notes([page]) == [
        "page 2: no text found",
        "page 2: 3 characters of another script left out as likely specks (stray marks read as "
        "letters: low confidence or alone): check the original",
    ]


def _word(text: str, x: float, y: float, scores: list[float]) -> Detection:
    """A detected word with a piece per character, as the engine gives them."""
    pieces = tuple(
        Piece(
            char,
            (
                (x + 12 * i, y),
                (x + 12 * i + 11, y),
                (x + 12 * i + 11, y + HEIGHT),
                (x + 12 * i, y + HEIGHT),
            ),
            score,
        )
        for i, (char, score) in enumerate(zip(text, scores, strict=True))
    )
    w = 12.0 * len(text)
    corners = ((x, y), (x + w, y), (x + w, y + HEIGHT), (x, y + HEIGHT))
    return Detection(text, corners, sum(scores) / len(scores), pieces)


def _inked(detections: list[Detection]) -> np.ndarray:
    """A page with ink under every box, so no gap splits a word into cells."""
    page = BLANK.copy()
    for det in detections:
        xs, ys = [x for x, _ in det.points], [y for _, y in det.points]
        page[int(min(ys)) : int(max(ys)), int(min(xs)) : int(max(xs))] = 0
    return page


def test_one_doubtful_letter_of_a_known_word_does_not_mark_a_heading() -> None:
    heading = [
        _word("Test", 50, 100, [1.0] * 4),
        _word("Result", 400, 100, [0.88, 1.0, 1.0, 0.99, 0.45, 1.0]),  # its 'l'
        _word("Units", 650, 100, [1.0, 0.98, 0.47, 1.0, 1.0]),
    ]
    (line,) = read_page(heading, _inked(heading))
    assert line.text == "Test | Result | Units"
    assert line.weakest > 0.5
    # A doubtful digit or a doubtful letter in a word no list knows keeps its doubt.
    for detection in (
        _word("5.8", 50, 100, [1.0, 1.0, 0.45]),
        _word("Elliss0n", 50, 100, [1.0] * 7 + [0.45]),
    ):
        (line,) = read_page([detection], _inked([detection]))
        assert line.weakest == pytest.approx(0.45)


@pytest.mark.parametrize(
    ("read", "mended"),
    [("5.8 mmoi/L", "5.8 mmol/L"), ("151 umoi/L", "151 umol/L"), ("61 mmoi/mol", "61 mmol/mol")],
)
def test_a_unit_read_with_an_i_for_an_l_is_mended(read: str, mended: str) -> None:
    text, slips = mend_slips(read)
    assert text == mended
    assert [(slip.read, slip.mended) for slip in slips] == [(read.split()[1], mended.split()[1])]


@pytest.mark.parametrize("kept", ["mmol/L", "mL/min/1.73m2", "IU/L", "mU/L", "and/or", "mL/mn"])
def test_units_as_read_and_words_with_a_stroke_are_left_alone(kept: str) -> None:
    assert mend_slips(kept) == (kept, ())


def test_a_blank_page_of_a_scan_is_named() -> None:
    pages = [ScannedPage(1, 0.99, False), ScannedPage(3, 0.0, False)]
    builder = DocumentBuilder("image")
    builder.start_page(3)
    blank = add_recognised_page(builder, RecognisedPage(3, 800, 1000, ()))
    assert ocr_page_notes([blank]) == ["page 3: no text found"]
    assert "page 3: no text found" in ocr_page_notes(pages)
    # A page whose lines could not be read says that instead.
    assert ocr_page_notes([ScannedPage(2, 0.0, False, unread=3)]) == [
        "page 2: 3 lines could not be read: check the original"
    ]


@pytest.mark.parametrize("name", ["photo.heic", "scan.webp", "fax.bmp", "page.gif", "x.HEIF"])
def test_other_picture_formats_are_told_to_save_as_jpeg_or_png(name: str) -> None:
    with pytest.raises(UnsupportedFormatError, match=r"save or export it as JPEG or PNG") as raised:
        format_for(Path(name))
    assert "PDF, DOCX or TXT" not in str(raised.value)


@pytest.mark.parametrize(
    ("word", "place"),
    [
        ("Furosemide", 0),  # a drug name: a doubtful letter may make it another drug
        ("hydralazine", 5),
        ("Lasix", 2),
        ("now", 2),  # "not"
        ("Stop", 2),  # "Step"
        ("Fall", 1),  # "Fail"
    ],
)
def test_a_doubtful_letter_of_a_drug_or_of_a_word_one_letter_from_another_keeps_its_doubt(
    word: str, place: int
) -> None:
    scores = [1.0] * len(word)
    scores[place] = 0.30
    words = [_word(word, 50, 100, scores), _word("daily", 50 + 12 * len(word) + 12, 100, [1.0] * 5)]
    (line,) = read_page(words, _inked(words))
    assert line.weakest == pytest.approx(0.30)


def test_an_optional_column_few_rows_fill_keeps_its_cells_under_its_heading() -> None:
    # Review 50a R11: "Previous" filled in 2 rows of 7 is still a column.
    lefts = (50.0, 300.0, 500.0, 700.0, 950.0)
    rows = (
        ("Test", "Result", "Previous", "Units", "Range"),
        ("Sodium", "139", "", "mmol/L", "133-146"),
        ("Potassium", "5.8", "4.1", "mmol/L", "3.5-5.3"),
        ("Urea", "6.2", "", "mmol/L", "2.5-7.8"),
        ("Creatinine", "98", "120", "umol/L", "45-84"),
        ("Calcium", "2.4", "", "mmol/L", "2.2-2.6"),
        ("Albumin", "40", "", "g/L", "35-50"),
    )
    detections = [
        _box(cell, lefts[c], 100 + 40 * r)
        for r, row in enumerate(rows)
        for c, cell in enumerate(row)
        if cell
    ]
    text, pages = _text(detections)
    assert "Sodium | 139 |  | mmol/L | 133-146" in text
    assert "Creatinine | 98 | 120 | umol/L | 45-84" in text
    assert ocr_page_notes(pages) == []
