"""Walk 30 with the real OCR engine: a 300-dpi A4 scan saved as an image-only PDF lost its
patient-ID line (rendered at ~170 dpi, read as '' and dropped by the engine's score filter), so
the wrong-patient note never fired; the same page fed in upside down was stored bottom line
first with its words cut ("Apixa ban"). Pages are now read at scan resolution, every detected
line is kept or noted, and a turned page is turned upright and noted."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fixtures.ingest_files import FakeEmbedder, FakeVault
from fixtures.scans import REFERRAL_LINES, image_pdf_bytes, typed_a4_page
from PIL import Image

from medlocal.app.patient_mixups import other_patient_check
from medlocal.ingest.extractors.pdf import extract_pdf
from medlocal.ingest.ocr.engine import engine_info
from medlocal.ingest.ocr.pages import OcrOptions, ocr_page_notes
from medlocal.ingest.pipeline import ImportReport, import_paths
from medlocal.vault.rows import Patient

pytestmark = pytest.mark.skipif(not engine_info().available, reason="OCR engine not installed")

MARGARET = Patient(1, "Margaret Ellison", "MRN-55123", "1948-06-14", "")
TOMASZ = Patient(2, "Tomasz Walczyk", "MRN-70012", None, "")
ID_LINE = "Patient: Margaret Ellison DOB: 14/06/1948 MRN-55123"


def _squeezed(text: str) -> str:
    return " ".join(text.split())


def _assert_read_top_to_bottom(text: str) -> None:
    """Every line of the page read, each exactly (spaces squeezed), in the page's order."""
    lines = [_squeezed(line) for line in text.splitlines() if line.strip()]
    expected = [_squeezed(line) for line in REFERRAL_LINES]
    missing = [line for line in expected if line not in lines]
    assert not missing, f"lines lost or garbled: {missing}\nread: {lines}"
    assert [lines.index(line) for line in expected] == sorted(
        lines.index(line) for line in expected
    )


def test_a_300_dpi_fax_keeps_its_patient_line_and_names_the_other_patient(
    tmp_path: Path,
) -> None:
    (tmp_path / "referral-fax.pdf").write_bytes(
        image_pdf_bytes([typed_a4_page(REFERRAL_LINES)], 300)
    )
    report = import_paths_for_tomasz(tmp_path)
    (outcome,) = report.files
    assert outcome.status == "imported", outcome.reason
    assert any(
        "it names another patient of this vault, Margaret Ellison" in note for note in outcome.notes
    ), outcome.notes


def import_paths_for_tomasz(folder: Path) -> ImportReport:
    vault = FakeVault()
    return import_paths(
        vault,
        [folder],
        TOMASZ.id,
        FakeEmbedder(),
        ocr=OcrOptions(),
        check_text=other_patient_check([MARGARET, TOMASZ], TOMASZ.id),
    )


def test_a_300_dpi_fax_reads_every_line_top_to_bottom() -> None:
    pdf = image_pdf_bytes([typed_a4_page(REFERRAL_LINES)], 300)
    document = extract_pdf(pdf, "referral-fax.pdf", OcrOptions())
    _assert_read_top_to_bottom(document.text)
    assert ID_LINE in _squeezed(document.text)
    assert ocr_page_notes(document.scanned) == []


def test_an_upside_down_fax_is_turned_read_in_order_and_noted() -> None:
    page = typed_a4_page(REFERRAL_LINES).rotate(180)
    document = extract_pdf(image_pdf_bytes([page], 300), "upside-down.pdf", OcrOptions())
    _assert_read_top_to_bottom(document.text)
    assert "page 1 was upside down and was turned" in ocr_page_notes(document.scanned)
    # Line boxes are given on the page as stored (upside down): the first line sits low.
    first = document.scanned[0].lines[0].box
    assert first.top > 0.8, first


def test_a_jpeg_stored_upside_down_is_turned_too() -> None:
    from medlocal.ingest.extractors.image import extract_image

    page = typed_a4_page(REFERRAL_LINES[:8]).rotate(180).convert("RGB")
    page = page.resize((page.width // 2, page.height // 2))  # a 150-dpi phone-app scan
    buffer = io.BytesIO()
    page.save(buffer, format="JPEG", quality=85)
    document = extract_image(buffer.getvalue(), "upside-down.jpg", OcrOptions())
    lines = [_squeezed(line) for line in document.text.splitlines() if line.strip()]
    assert lines[:2] == [_squeezed(line) for line in REFERRAL_LINES[:2]], lines
    assert "page 1 was upside down and was turned" in ocr_page_notes(document.scanned)


def test_an_upright_page_is_not_turned() -> None:
    from fixtures.scans import png_bytes

    from medlocal.ingest.extractors.image import extract_image

    page: Image.Image = typed_a4_page(REFERRAL_LINES[:4]).crop((0, 0, 2480, 800))
    document = extract_image(png_bytes(page), "top.png", OcrOptions())
    assert [_squeezed(line) for line in document.text.splitlines()][:2] == [
        _squeezed(line) for line in REFERRAL_LINES[:2]
    ]
    assert not any("turned" in note for note in ocr_page_notes(document.scanned))


@pytest.mark.parametrize("degrees", [90, 270])
def test_a_sideways_scan_is_turned_either_way_and_noted(degrees: int) -> None:
    from fixtures.scans import png_bytes

    from medlocal.ingest.extractors.image import extract_image

    top = typed_a4_page(REFERRAL_LINES[:4]).crop((0, 0, 2480, 800))
    document = extract_image(png_bytes(top.rotate(degrees, expand=True)), "side.png", OcrOptions())
    lines = [_squeezed(line) for line in document.text.splitlines() if line.strip()]
    assert lines == [_squeezed(line) for line in REFERRAL_LINES[:4]]
    assert "page 1 was sideways and was turned" in ocr_page_notes(document.scanned)
