"""Pictures of text inside typed documents (walk 53b, H2): a card pasted into a Word letter, a
lab result pasted onto a typed PDF page. The real OCR engine reads them, their text is marked
"(read from a picture)" and the report says so; without OCR the report names them as not read.
A page scan under its own text layer is not read twice. Files are built here, small."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import docx
import pytest
import reportlab
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from medlocal.ingest.extractors.pictures import PICTURE_MARK
from medlocal.ingest.formats import extract_file
from medlocal.ingest.ocr.engine import engine_info
from medlocal.ingest.ocr.pages import OcrOptions

pytestmark = pytest.mark.skipif(not engine_info().available, reason="OCR engine not installed")

CARD = ("Allergy: PENICILLIN anaphylaxis 1998",)
RESULT = ("Lithium 1.4 mmol/L (0.4-1.0)",)


def _picture(lines: Sequence[str], width: int = 1100) -> bytes:
    font = ImageFont.truetype(str(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"), 40)
    image = Image.new("RGB", (width, 60 + 80 * len(lines)), "white")
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(lines):
        draw.text((40, 30 + 80 * row), line, fill="black", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _docx(picture: bytes) -> bytes:
    document = docx.Document()
    document.add_paragraph("Scanned allergy card pasted below:")
    document.add_picture(io.BytesIO(picture))
    document.add_paragraph("End of letter.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _typed_pdf_with_picture(picture: bytes, *, hidden_layer: bool = False) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(432, 216))
    pdf.setFont("Helvetica", 11)
    pdf.drawString(20, 190, "Mental health letter: lithium level pasted below.")
    pdf.drawImage(ImageReader(io.BytesIO(picture)), 20, 100, width=380, height=50)
    if hidden_layer:  # a scanner's reading over the picture: the picture is read already
        layer = pdf.beginText(24, 120)
        layer.setTextRenderMode(3)
        layer.textLine(RESULT[0])
        pdf.drawText(layer)
    pdf.drawString(20, 60, "Plan: see the result above and adjust the dose.")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_a_picture_in_a_docx_is_read_and_marked() -> None:
    document = extract_file(Path("card.docx"), _docx(_picture(CARD)), ocr=OcrOptions())
    assert f"{PICTURE_MARK} Allergy: PENICILLIN" in document.text
    assert "anaphylaxis 1998" in document.text
    text = document.text
    assert text.index("pasted below") < text.index(PICTURE_MARK) < text.index("End of letter")
    assert document.notes == (
        f"1 picture read by OCR (marked {PICTURE_MARK}): check against the original",
    )


def test_a_picture_in_a_docx_without_ocr_is_named() -> None:
    document = extract_file(Path("card.docx"), _docx(_picture(CARD)), ocr=OcrOptions(enabled=False))
    assert PICTURE_MARK not in document.text
    assert document.notes == (
        "1 picture was not read (OCR is turned off): any text in it is not in the vault; "
        "check the original",
    )


def test_a_picture_on_a_typed_pdf_page_is_read_and_marked() -> None:
    data = _typed_pdf_with_picture(_picture(RESULT))
    document = extract_file(Path("letter.pdf"), data, ocr=OcrOptions())
    assert f"{PICTURE_MARK} Lithium 1.4 mmol/L" in document.text
    assert "adjust the dose" in document.text
    assert not document.scanned  # the page's typed text is not from a scan
    assert any("1 picture read by OCR" in note for note in document.notes)


def test_a_picture_on_a_typed_pdf_page_without_ocr_is_named() -> None:
    data = _typed_pdf_with_picture(_picture(RESULT))
    document = extract_file(Path("letter.pdf"), data, ocr=OcrOptions(enabled=False))
    assert PICTURE_MARK not in document.text
    assert any(note.startswith("1 picture was not read") for note in document.notes)


def test_a_picture_its_text_layer_reads_already_is_not_read_again() -> None:
    data = _typed_pdf_with_picture(_picture(RESULT), hidden_layer=True)
    document = extract_file(Path("letter.pdf"), data, ocr=OcrOptions(enabled=False))
    assert PICTURE_MARK not in document.text
    assert not document.notes
