"""A PDF of blank pages is not called a scan with 'no page image to read either' (which read as a
contradiction): OCR looked and found no writing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from medlocal.ingest import errors
from medlocal.ingest.formats import extract_file
from medlocal.ingest.ocr.pages import OcrOptions


def test_blank_pdf_says_ocr_found_no_writing() -> None:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.showPage()
    pdf.save()
    with pytest.raises(errors.NoTextLayerError) as raised:
        extract_file(Path("blank.pdf"), buffer.getvalue(), ocr=OcrOptions())
    message = str(raised.value)
    assert "OCR found no writing" in message and "scanned" not in message
