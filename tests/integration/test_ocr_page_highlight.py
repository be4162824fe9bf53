"""A cited passage from a scan is highlighted on its page: the OCR line boxes stored with the
passage are drawn on the rendered PDF page (which has no text for pdfium to match) and on the
imported image, where the text really is."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.ingest_files import FakeEmbedder, FakeVault
from fixtures.scans import image_pdf_bytes, medication_sheet, png_bytes, scan

from medlocal.ingest.ocr.engine import engine_info
from medlocal.ingest.ocr.pages import OcrOptions
from medlocal.ingest.pipeline import import_paths
from medlocal.ui.pdf_page import render_image_page, render_page

pytestmark = pytest.mark.skipif(not engine_info().available, reason="OCR engine not installed")


def test_scanned_passages_are_highlighted_where_their_lines_are(tmp_path: Path) -> None:
    sheet = medication_sheet()
    page = scan(sheet.pdf, 150)
    (tmp_path / "fax.pdf").write_bytes(image_pdf_bytes([page], 150))
    (tmp_path / "photo.png").write_bytes(png_bytes(page))
    vault = FakeVault()
    report = import_paths(vault, [tmp_path], 1, FakeEmbedder(), ocr=OcrOptions())
    assert [o.status for o in report.files] == ["imported", "imported"]
    for document in vault.documents.values():
        (chunk,) = document["chunks"]  # type: ignore[misc]
        data = (tmp_path / str(document["file_name"])).read_bytes()
        if document["file_type"] == "pdf":
            image = render_page(data, 1, chunk.text, chunk.regions)
            assert render_page(data, 1, chunk.text).boxes == []  # no text layer to match
        else:
            image = render_image_page(data, 1, chunk.regions)
        height, width = image.pixels.shape[:2]
        assert len(image.boxes) == len(sheet.truth.splitlines())
        # "Medication list": drawn 0.5 in from the left, baseline 0.5 in from the top (2.6 in).
        x0, y0, _x1, y1 = image.boxes[0]
        assert x0 / width == pytest.approx(0.5 / 5.5, abs=0.02)
        assert y0 / height < 0.5 / 2.6 < y1 / height + 0.02
