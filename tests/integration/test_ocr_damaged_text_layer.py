"""A PDF page whose hidden text layer is a poor OCR's garbage ("Pota55ium S.9 mmo1/L") is read
again by the real OCR engine from its image, marked as read from a scan and named in the
report; without OCR the garbage is kept and named (walk 53b, H3). A good text layer full of
codes and numbers over the same kind of image is kept as it is. Pages are built here: a small
typed image under an invisible (render mode 3) text layer, as a scanner writes them."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import pytest
import reportlab
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from medlocal.ingest.extractors.pdf import extract_pdf
from medlocal.ingest.ocr.engine import engine_info
from medlocal.ingest.ocr.pages import OcrOptions

pytestmark = pytest.mark.skipif(not engine_info().available, reason="OCR engine not installed")

PRINTED = (
    "Patient: Harriet Okonkwo-Bell",
    "Potassium 5.9 mmol/L (3.5-5.3)",
    "Plan: stop spironolactone 25 mg",
)
GARBAGE = (
    "Pat1ent: Harr1et 0konkwo-8ell",
    "Pota55ium S.9 mmo1/L (3.S-S.3)",
    "P1an: 5top 5pirono1actone 2S mg; recheck pota55ium in 4B hour5.",
)
GOOD_CODES = (
    "Patient: Harriet Okonkwo-Bell MRN KTW-530771",
    "HbA1c 58 mmol/mol (T2DM) SpO2 98% FEV1 2.1 L B12 320 ng/L",
    "eGFR 38 mL/min/1.73m2 CA125 35 CD4 350 at 10am, 500mg x2",
)


def _scanned_pdf(printed: Sequence[str], hidden: Sequence[str]) -> bytes:
    """A 6 x 2 inch page: a 300 dpi image of ``printed`` under an invisible ``hidden`` layer."""
    font_file = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    image = Image.new("L", (1800, 600), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(font_file), 42)
    for row, line in enumerate(printed):
        draw.text((60, 80 + row * 150), line, fill=0, font=font)
    picture = io.BytesIO()
    image.save(picture, format="PNG")
    picture.seek(0)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(432, 144))
    pdf.drawImage(ImageReader(picture), 0, 0, width=432, height=144)
    layer = pdf.beginText(10, 120)
    layer.setTextRenderMode(3)  # invisible: searchable, not drawn
    layer.setFont("Helvetica", 8)
    for line in hidden:
        layer.textLine(line)
    pdf.drawText(layer)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_a_garbage_text_layer_is_read_again_by_ocr() -> None:
    document = extract_pdf(_scanned_pdf(PRINTED, GARBAGE), "renal.pdf", OcrOptions())
    assert "Pota55ium" not in document.text and "5pirono1actone" not in document.text
    assert "Potassium 5.9" in document.text
    assert "Okonkwo-Bell" in document.text  # the wrong-patient check can see the name again
    assert [page.number for page in document.scanned] == [1]  # cited as read from a scan
    assert any("text layer looked damaged" in note for note in document.notes)
    assert any("'Pat1ent'" in note for note in document.notes)


def test_without_ocr_the_damaged_layer_is_kept_and_named() -> None:
    data = _scanned_pdf(PRINTED, GARBAGE)
    document = extract_pdf(data, "renal.pdf", OcrOptions(enabled=False))
    assert "Pota55ium" in document.text
    assert not document.scanned
    assert document.notes == (
        "page 1: the text layer looks damaged (words such as 'Pat1ent', 'Pota55ium', "
        "'5pirono1actone') and could not be read again by OCR: check the original",
    )


def test_a_good_layer_with_many_codes_is_kept() -> None:
    document = extract_pdf(_scanned_pdf(GOOD_CODES, GOOD_CODES), "labs.pdf", OcrOptions())
    assert not document.scanned
    assert not document.notes
    assert "HbA1c 58 mmol/mol (T2DM) SpO2 98%" in document.text
