"""A mixed PDF (typed pages and a scanned page) imported with OCR off kept its typed pages and
dropped the scanned page without a word (left54 item 5): the import report now names it. A blank
page (no picture at all) is no loss and is not named; a PDF that is all scan is still refused."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from medlocal.ingest.errors import NoTextLayerError
from medlocal.ingest.extractors.pdf import extract_pdf
from medlocal.ingest.ocr.pages import OcrOptions


def _scan() -> ImageReader:
    picture = Image.new("RGB", (600, 200), "white")
    ImageDraw.Draw(picture).text((20, 80), "Potassium 5.9 mmol/L", fill="black")
    return ImageReader(picture)


def _pdf(*pages: str) -> bytes:
    """``typed``: a page of text; ``scan``: a picture only; ``blank``: nothing."""
    data = io.BytesIO()
    pdf = canvas.Canvas(data, pagesize=A4)
    for kind in pages:
        if kind == "typed":
            pdf.drawString(72, 760, "Discharge letter: apixaban 5 mg twice daily.")
        elif kind == "scan":
            pdf.drawImage(_scan(), 72, 400, width=450, height=150)
        pdf.showPage()
    pdf.save()
    return data.getvalue()


@pytest.mark.parametrize(
    ("ocr", "why"),
    [(None, "OCR was not requested"), (OcrOptions(enabled=False), "OCR is off")],
)
def test_a_scanned_page_of_a_typed_pdf_read_without_ocr_is_named(
    ocr: OcrOptions | None, why: str
) -> None:
    extracted = extract_pdf(_pdf("typed", "scan", "blank", "scan"), "mixed.pdf", ocr)
    assert "apixaban 5 mg" in extracted.text
    named = [note for note in extracted.notes if "no text layer" in note]
    assert named == [
        f"pages 2, 4 have no text layer and {why}: any text in their pictures is not in the "
        "vault; import again with OCR on, or check the original"
    ], extracted.notes


def test_a_blank_page_is_not_named() -> None:
    extracted = extract_pdf(_pdf("typed", "blank"), "letter.pdf", None)
    assert not any("no text layer" in note for note in extracted.notes), extracted.notes


def test_a_pdf_that_is_all_scan_is_still_refused_without_ocr() -> None:
    with pytest.raises(NoTextLayerError):
        extract_pdf(_pdf("scan", "scan"), "scan.pdf", None)
