"""Pictures a Word file holds but MedLocal does not read are named in the import report with
the true reason (review 53c F11): a picture over the pixel limit is "too large", not "a format
that could not be decoded"; pictures in page headers and footers (a letterhead, a stamp, a
signature) are not read by OCR, and the report now says so instead of nothing."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.shared import Inches
from PIL import Image, ImageDraw

from medlocal.ingest.extractors.docx import extract_docx
from medlocal.ingest.ocr import images
from medlocal.ingest.ocr.pages import OcrOptions

HEADER_NOTE = "in a page header or footer, where pictures are not read"


def _png(width: int, height: int, text: str = "") -> io.BytesIO:
    picture = Image.new("RGB", (width, height), "white")
    if text:
        ImageDraw.Draw(picture).text((10, height // 3), text, fill="black")
    data = io.BytesIO()
    picture.save(data, "PNG")
    data.seek(0)
    return data


def _letter(*, header: tuple[io.BytesIO, ...] = (), footer: tuple[io.BytesIO, ...] = ()) -> bytes:
    document = Document()
    section = document.sections[0]
    for picture in header:
        section.header.paragraphs[0].add_run().add_picture(picture, width=Inches(2))
    for picture in footer:
        section.footer.paragraphs[0].add_run().add_picture(picture, width=Inches(2))
    document.add_paragraph("Warfarin 5 mg daily; INR target 2.0-3.0.")
    data = io.BytesIO()
    document.save(data)
    return data.getvalue()


def test_pictures_in_page_headers_and_footers_are_named_in_the_report() -> None:
    data = _letter(
        header=(_png(400, 100, "ST MARY'S HOSPITAL"),),
        footer=(_png(300, 80, "Signed: Dr A Rahman"), _png(16, 16)),  # an icon holds no text
    )
    extracted = extract_docx(data, "letter.docx")
    assert "Warfarin 5 mg daily" in extracted.text
    notes = [note for note in extracted.notes if HEADER_NOTE in note]
    assert notes == [
        f"2 pictures were not read ({HEADER_NOTE}): any text in them is not in the vault; "
        "check the original"
    ], extracted.notes


def test_a_letter_with_no_header_pictures_has_no_such_note() -> None:
    extracted = extract_docx(_letter(), "letter.docx")
    assert not any(HEADER_NOTE in note for note in extracted.notes), extracted.notes


def test_a_picture_over_the_pixel_limit_is_said_to_be_too_large(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(images, "MAX_PIXELS", 30_000)  # the 400 x 100 picture is over it
    document = Document()
    document.add_paragraph("Results:")
    document.add_picture(_png(400, 100, "Potassium 5.9 mmol/L"), width=Inches(3))
    data = io.BytesIO()
    document.save(data)
    extracted = extract_docx(data.getvalue(), "results.docx", ocr=OcrOptions())
    notes = " ".join(extracted.notes)
    assert "1 picture was not read (too large: over the limit of 100 megapixels" in notes, notes
    assert "could not be decoded" not in notes
