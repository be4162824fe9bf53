"""PDFium, which lists a typed page's pictures, is opened only for pages whose resources or
content show one (left54 item 7): a PDF of text alone no longer pays for opening it, and a
picture drawn as an image object or inline is still found and named."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from medlocal.ingest.extractors import pdf as pdf_module
from medlocal.ingest.extractors.pdf import extract_pdf

NOT_READ = "1 picture was not read (OCR was not requested)"


def _letter(picture: str = "") -> bytes:
    data = io.BytesIO()
    page = canvas.Canvas(data, pagesize=A4)
    page.drawString(72, 760, "Discharge letter: apixaban 5 mg twice daily.")
    screenshot = Image.new("RGB", (400, 120), "white")
    if picture == "object":
        page.drawImage(ImageReader(screenshot), 72, 500, width=300, height=90)
    elif picture == "inline":
        page.drawInlineImage(screenshot, 72, 500, width=300, height=90)
    page.showPage()
    page.save()
    return data.getvalue()


def test_a_pdf_of_text_alone_does_not_open_pdfium(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*_args: object) -> None:
        raise AssertionError("PDFium opened for a PDF without pictures")

    monkeypatch.setattr(pdf_module, "PdfPictures", refused)
    extracted = extract_pdf(_letter(), "letter.pdf", None)
    assert "apixaban 5 mg" in extracted.text and not extracted.notes


@pytest.mark.parametrize("picture", ["object", "inline"])
def test_a_picture_on_a_typed_page_is_still_found(picture: str) -> None:
    extracted = extract_pdf(_letter(picture), "letter.pdf", None)
    assert any(note.startswith(NOT_READ) for note in extracted.notes), extracted.notes
