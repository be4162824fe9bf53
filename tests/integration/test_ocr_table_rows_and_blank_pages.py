"""Walk 50b with the real OCR engine, on a lab table drawn by Pillow and a blank second page of
the same TIFF: a row with an empty Units cell keeps its range under Range (D9), a row whose result
cell is empty is marked and named (D2), the heading row is read without a mark (D9), and the
blank page is named in the report (D6)."""

from __future__ import annotations

from pathlib import Path

import pytest
import reportlab
from fixtures.scans import tiff_bytes
from PIL import Image, ImageDraw, ImageFont

from medlocal.ingest.extractors.image import extract_image
from medlocal.ingest.ocr.engine import engine_info
from medlocal.ingest.ocr.pages import OcrOptions, ocr_page_notes
from medlocal.ingest.scanned import LOW_CONFIDENCE_MARK

pytestmark = pytest.mark.skipif(not engine_info().available, reason="OCR engine not installed")

# A half-letter page at 200 dpi; the columns' left edges in pixels.
PAGE = (1700, 1100)
COLUMNS = (120, 620, 900, 1250)
ROWS = (
    ("Test", "Result", "Units", "Range"),
    ("Sodium", "139", "mmol/L", "133-146"),
    ("Potassium", "5.8", "mmol/L", "3.5-5.3"),
    ("INR", "1.1", "", "0.8-1.2"),  # no unit: an empty cell on the page
    ("CRP", "", "mg/L", "0-5"),  # the result left blank
    ("TSH", "15.5", "mU/L", "0.3-4.2"),
)


def _lab_page() -> Image.Image:
    image = Image.new("L", PAGE, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"), 36)
    draw.text((COLUMNS[0], 80), "Eastwick Pathology Laboratory", fill=0, font=font)
    for row, cells in enumerate(ROWS):
        for left, cell in zip(COLUMNS, cells, strict=True):
            draw.text((left, 220 + 90 * row), cell, fill=0, font=font)
    return image


def test_table_rows_keep_their_columns_and_a_blank_page_is_named() -> None:
    data = tiff_bytes([_lab_page(), Image.new("L", PAGE, 255)])
    document = extract_image(data, "labs.tif", OcrOptions())
    lines = [" ".join(line.split()) for line in document.text.splitlines() if line.strip()]
    assert "Test | Result | Units | Range" in lines  # read right: no mark
    assert "Sodium | 139 | mmol/L | 133-146" in lines
    assert "INR | 1.1 | | 0.8-1.2" in lines  # the range stays under Range
    assert f"CRP | | mg/L | 0-5 {LOW_CONFIDENCE_MARK}" in lines
    notes = ocr_page_notes(document.scanned)
    assert "page 2: no text found" in notes
    assert (
        f"page 1: 1 table row with no result read (marked {LOW_CONFIDENCE_MARK}): check the "
        "original"
    ) in notes
