"""The real OCR engine on scans made here from known text: accuracy (character error rate,
doses and lab values exact on clean 300 dpi pages), reading order (table rows, two-column
letter), glued cells split, positions and confidence kept, image-only and mixed PDFs, TIFF.

Pages are small (a few square inches) so the suite stays quick on two shared cores; each page
is read once per module."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fixtures.scans import (
    LABS,
    Sheet,
    all_sheets,
    character_error_rate,
    image_pdf_bytes,
    lab_sheet,
    letter_sheet,
    medication_sheet,
    one_line,
    png_bytes,
    scan,
    tiff_bytes,
)
from pypdf import PdfReader, PdfWriter

from medlocal.ingest.document import ExtractedDocument
from medlocal.ingest.formats import extract_file
from medlocal.ingest.ocr.engine import engine_info
from medlocal.ingest.ocr.pages import OcrOptions
from medlocal.ingest.scanned import LOW_CONFIDENCE_MARK

pytestmark = pytest.mark.skipif(not engine_info().available, reason="OCR engine not installed")

# Values a clinician acts on: each must come back exactly from a clean 300 dpi page.
VALUES = {
    "medications": ("500 mg", "10 mg", "40 mg", "12 units"),
    "labs": tuple(result for _, result in LABS),
    "letter": ("152/94", "2.5 mg", "1.25 mg", "March 2024", "aged 67"),
}


def _read(name: str, data: bytes) -> ExtractedDocument:
    return extract_file(Path(name), data, ocr=OcrOptions())


@pytest.fixture(scope="module")
def clean_300() -> dict[str, tuple[Sheet, ExtractedDocument]]:
    return {
        sheet.name: (sheet, _read(f"{sheet.name}.png", png_bytes(scan(sheet.pdf, 300))))
        for sheet in all_sheets()
    }


@pytest.fixture(scope="module")
def rough_150() -> dict[str, tuple[Sheet, ExtractedDocument]]:
    """150 dpi, turned 0.7 degrees, blurred, noisy and speckled: a faxed page."""
    return {
        sheet.name: (
            sheet,
            _read(f"{sheet.name}.png", png_bytes(scan(sheet.pdf, 150, rotate=0.7, noise=40))),
        )
        for sheet in all_sheets()
    }


def test_clean_300_dpi_pages_read_almost_perfectly(clean_300: dict) -> None:
    for name, (sheet, document) in clean_300.items():
        assert character_error_rate(document.text, sheet.truth) <= 0.03, (name, document.text)
        for value in VALUES[name]:
            assert value in document.text, (name, value, document.text)


def test_rough_150_dpi_pages_stay_readable(rough_150: dict) -> None:
    for name, (sheet, document) in rough_150.items():
        assert character_error_rate(document.text, sheet.truth) <= 0.12, (name, document.text)


def test_table_rows_keep_their_cells_apart(clean_300: dict) -> None:
    _, document = clean_300["labs"]
    lines = [line.strip() for line in document.text.splitlines() if line.strip()]
    expected = [f"{test} | {result}" for test, result in LABS]
    # The recogniser reads "HbA1c" as "HbAlc" in this font; the mended code is what the page has.
    assert lines == expected, lines
    assert document.scanned[0].mended == (("HbAlc", "HbA1c"),)


def test_two_column_letter_reads_the_left_column_first(clean_300: dict) -> None:
    sheet, document = clean_300["letter"]
    text = " ".join(document.text.split())
    order = [text.find(line) for line in sheet.truth.splitlines()]
    assert -1 not in order and order == sorted(order), (order, text)


def test_cells_the_detector_glues_are_split_again() -> None:
    # Two lab results one short gap apart on one line: the detector reads them as one box
    # ("4.1mmol/LCreatinine 88umol/L"); the page's pixels show the gap.
    sheet = one_line("Potassium 4.1 mmol/L", "Creatinine 88 umol/L", gap_in=0.3)
    document = _read("glued.png", png_bytes(scan(sheet.pdf, 150)))
    assert document.text == "Potassium 4.1 mmol/L | Creatinine 88 umol/L", document.text


def test_positions_and_confidence_are_kept_for_an_image_only_pdf() -> None:
    sheet = medication_sheet()
    data = image_pdf_bytes([scan(sheet.pdf, 300)], 300)
    assert "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages) == ""
    document = _read("fax.pdf", data)
    assert [page.number for page in document.scanned] == [1]
    page = document.scanned[0]
    assert page.confidence > 0.9 and not page.low
    line = next(line for line in page.lines if "Metformin" in document.text[line.start : line.end])
    assert document.text[line.start : line.end] == "Metformin 500 mg twice daily"
    # Drawn at x = 0.5 in, baseline 0.9 in from the top of a 5.5 x 2.6 in page.
    assert line.box.left == pytest.approx(0.5 / 5.5, abs=0.02)
    assert line.box.top < 0.9 / 2.6 < line.box.bottom + 0.02
    assert 0.9 < line.confidence <= 1.0 and not line.low
    assert LOW_CONFIDENCE_MARK not in document.text


def test_mixed_pdf_reads_only_its_image_pages(tmp_path: Path) -> None:
    text_page = letter_sheet().pdf
    scanned_page = image_pdf_bytes([scan(lab_sheet().pdf, 300)], 300)
    writer = PdfWriter()
    for part in (text_page, scanned_page):
        for page in PdfReader(io.BytesIO(part)).pages:
            writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    document = _read("mixed.pdf", buffer.getvalue())
    assert [page.number for page in document.scanned] == [2]
    assert document.page_at(document.text.index("Dear Dr Patel")) == 1
    assert document.page_at(document.text.index("139 mmol/L")) == 2


def test_multi_page_tiff_keeps_page_numbers() -> None:
    pages = [scan(one_line("Page one: aspirin 75 mg").pdf, 150)]
    pages.append(scan(one_line("Page two: warfarin 3 mg").pdf, 150))
    document = _read("record.tiff", tiff_bytes(pages))
    assert document.page_count == 2 and [p.number for p in document.scanned] == [1, 2]
    assert document.page_at(document.text.index("warfarin 3 mg")) == 2
    assert document.page_at(document.text.index("aspirin 75 mg")) == 1


def test_a_poor_page_is_marked_low_confidence() -> None:
    poor = scan(medication_sheet().pdf, 60, rotate=2, noise=160)
    document = _read("poor.png", png_bytes(poor))
    assert document.scanned[0].low
    # Every passage of the page carries the mark, so an answer citing it shows it.
    paragraphs = [block for block in document.text.split("\n\n") if block.strip()]
    assert paragraphs and all(block.startswith(LOW_CONFIDENCE_MARK) for block in paragraphs)
