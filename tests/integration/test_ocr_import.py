"""Scans through the import pipeline with the real OCR engine: bad scans fail one by one with a
clear reason while the batch goes on, OCR can be turned off, progress is per page with an ETA,
cancel stops between pages, and a poor page is named in the import report."""

from __future__ import annotations

import io
import struct
import threading
import zlib
from pathlib import Path

import pytest
import reportlab
from fixtures.ingest_files import FakeEmbedder, FakeVault, make_encrypted_pdf
from fixtures.scans import (
    image_pdf_bytes,
    lab_sheet,
    medication_sheet,
    one_line,
    png_bytes,
    scan,
    tiff_bytes,
)
from PIL import Image, ImageDraw, ImageFont

from medlocal.ingest.ocr.engine import engine_info
from medlocal.ingest.ocr.pages import OcrOptions
from medlocal.ingest.pipeline import import_paths
from medlocal.ingest.scanned import LOW_CONFIDENCE_MARK
from medlocal.progress import Progress

pytestmark = pytest.mark.skipif(not engine_info().available, reason="OCR engine not installed")


def _png_claiming(width: int, height: int) -> bytes:
    """A 100-byte PNG whose header claims ``width`` x ``height`` (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def _tiny_tiff(pages: int) -> bytes:
    return tiff_bytes([Image.new("1", (16, 16), 1) for _ in range(pages)])


def test_bad_scans_fail_one_by_one_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = png_bytes(scan(one_line("Ramipril 5 mg once daily").pdf, 150))
    files = {
        "1-corrupt.png": b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 50,
        "2-bomb.png": _png_claiming(20_000, 20_000),
        "3-big.png": _png_claiming(12_000, 9_000),
        "4-hundreds.tif": _tiny_tiff(300),
        "5-locked.pdf": make_encrypted_pdf("Locked letter."),
        "6-good.png": good,
        "7-photo.jpg": b"\xff\xd8\xff\xe0 not really a jpeg",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    vault = FakeVault()
    report = import_paths(vault, [tmp_path], 1, FakeEmbedder(), ocr=OcrOptions())
    outcomes = {o.file_name: (o.status, o.reason or "") for o in report.files}
    assert outcomes["6-good.png"][0] == "imported"
    expected = {
        "1-corrupt.png": "not a readable PNG, JPEG or TIFF image",
        "2-bomb.png": "image has far too many pixels, over the limit of 100 megapixels",
        "3-big.png": "image is 12,000 x 9,000 pixels, over the limit of 100 megapixels",
        "4-hundreds.tif": "300 pages, over the limit of 200 pages per file (setting ocr_max_pages)",
        "5-locked.pdf": "password-protected",
        "7-photo.jpg": "not a readable PNG, JPEG or TIFF image",
    }
    for name, phrase in expected.items():
        status, reason = outcomes[name]
        assert status == "failed" and phrase in reason, (name, reason)
    (document,) = vault.documents.values()
    assert document["file_type"] == "image"
    assert "Ramipril 5 mg once daily" in str(document["text"])
    imported = next(o for o in report.files if o.status == "imported")
    assert imported.ocr_pages == 1 and imported.notes == []


def test_ocr_turned_off_refuses_scans_with_the_setting_named(tmp_path: Path) -> None:
    strip = scan(one_line("Bisoprolol 2.5 mg").pdf, 150)
    (tmp_path / "photo.png").write_bytes(png_bytes(strip))
    (tmp_path / "fax.pdf").write_bytes(image_pdf_bytes([strip], 150))
    report = import_paths(FakeVault(), [tmp_path], 1, FakeEmbedder(), ocr=OcrOptions(enabled=False))
    assert {o.file_name: o.reason for o in report.files} == {
        "fax.pdf": "a scanned PDF (no text layer) needs OCR, which is turned off "
        "(setting ocr = off)",
        "photo.png": "an image needs OCR, which is turned off (setting ocr = off)",
    }


def test_progress_is_per_page_with_an_eta_and_cancel_stops_between_pages(tmp_path: Path) -> None:
    strips = [scan(one_line(f"Page {n}: aspirin 75 mg").pdf, 150) for n in (1, 2, 3)]
    (tmp_path / "three.tiff").write_bytes(tiff_bytes(strips))
    cancel = threading.Event()
    seen: list[Progress] = []

    def on_progress(value: Progress) -> None:
        seen.append(value)
        if value.done == 1:
            cancel.set()  # the user presses Cancel while page 2 is being read

    vault = FakeVault()
    report = import_paths(
        vault, [tmp_path], 1, FakeEmbedder(), cancel=cancel, ocr=OcrOptions(progress=on_progress)
    )
    assert [(p.stage, p.done, p.total, p.unit) for p in seen] == [
        ("ocr", 0, 3, "pages"),
        ("ocr", 1, 3, "pages"),
    ]
    assert seen[0].detail == "three.tiff, page 1"
    assert seen[1].detail.startswith("three.tiff, page 2, about ") and seen[1].detail.endswith(
        " left"
    )
    assert report.cancelled and report.files[0].status == "cancelled"
    assert vault.documents == {}


def test_a_poor_page_is_named_in_the_report_and_marked_in_its_passages(tmp_path: Path) -> None:
    poor = scan(medication_sheet().pdf, 60, rotate=2, noise=160)
    (tmp_path / "poor.png").write_bytes(png_bytes(poor))
    vault = FakeVault()
    report = import_paths(vault, [tmp_path], 1, FakeEmbedder(), ocr=OcrOptions())
    (outcome,) = report.files
    assert outcome.status == "imported", outcome.reason
    assert len(outcome.notes) == 1 and outcome.notes[0].startswith("page 1: low OCR confidence (")
    (document,) = vault.documents.values()
    chunks = document["chunks"]
    assert chunks and all(LOW_CONFIDENCE_MARK in chunk.text for chunk in chunks)  # type: ignore[attr-defined]


def test_a_mended_lab_name_is_searchable_and_named_in_the_report(tmp_path: Path) -> None:
    # The recogniser reads "HbA1c" as "HbAlc" in this font, at full confidence (walk 25).
    (tmp_path / "labs.png").write_bytes(png_bytes(scan(lab_sheet().pdf, 300)))
    vault = FakeVault()
    report = import_paths(vault, [tmp_path], 1, FakeEmbedder(), ocr=OcrOptions())
    (outcome,) = report.files
    assert outcome.status == "imported", outcome.reason
    assert outcome.notes == ["page 1: OCR reading corrected: 'HbAlc' to 'HbA1c'"]
    (document,) = vault.documents.values()
    assert "HbA1c | 53 mmol/mol" in str(document["text"])
    assert "HbAlc" not in str(document["text"])


def _photo_with_one_smudged_line() -> bytes:
    """A JPEG phone photo of a letter: typed lines, one of them smudged to a blocky blur (read,
    but weakly), on a page that reads well as a whole."""
    font = ImageFont.truetype(str(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"), 30)
    lines = [
        "Referral letter",
        "Patient: Ada Byrne   MRN: AB-100231",
        "Diagnosis: focal epilepsy.",
        "Current medication: levetiracetam 750 mg twice daily.",
        "Latest sodium: 131 mmol/L.",
        "GP: Dr Bina Castellane.",
    ]
    image = Image.new("L", (1200, 520), 250)
    draw = ImageDraw.Draw(image)
    for index, text in enumerate(lines):
        y = 40 + 70 * index
        if index != 3:
            draw.text((50, y), text, fill=20, font=font)
            continue
        strip = Image.new("L", (1150, 50), 250)
        ImageDraw.Draw(strip).text((0, 5), text, fill=20, font=font)
        small = strip.resize((209, 9), Image.Resampling.BILINEAR)  # 5.5 times smaller
        image.paste(small.resize(strip.size, Image.Resampling.NEAREST), (50, y))
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def test_a_good_photo_with_a_weak_line_gets_an_import_note(tmp_path: Path) -> None:
    """Walk 36: a JPEG phone photo read "75o mg" on a line marked low confidence, on a page
    whose mean was good: the passage had the mark, the import report no note at all."""
    (tmp_path / "phone_photo_letter.jpg").write_bytes(_photo_with_one_smudged_line())
    vault = FakeVault()
    report = import_paths(vault, [tmp_path], 1, FakeEmbedder(), ocr=OcrOptions())
    (outcome,) = report.files
    assert outcome.status == "imported", outcome.reason
    assert outcome.ocr_pages == 1
    assert f"page 1: low OCR confidence on 1 line (marked {LOW_CONFIDENCE_MARK})" in " ".join(
        outcome.notes
    ), outcome.notes
    assert not any(note.startswith("page 1: low OCR confidence (") for note in outcome.notes)
    (document,) = vault.documents.values()
    text = "\n".join(chunk.text for chunk in document["chunks"])  # type: ignore[attr-defined]
    assert text.count(LOW_CONFIDENCE_MARK) == 1  # the weak line, not the whole page
    assert "Ada Byrne" in text
