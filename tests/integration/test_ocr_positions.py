"""Positions of OCR'd passages in the real SQLCipher vault: a scanned page imported with the real
OCR engine gives passages that remember the boxes of their lines, read back after reopening; a
vault made before positions existed (schema 1) migrates and its passages read with no boxes."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.ingest_files import FakeEmbedder
from fixtures.scans import medication_sheet, png_bytes, scan

from medlocal.ingest.ocr.engine import engine_info
from medlocal.ingest.ocr.pages import OcrOptions
from medlocal.ingest.pipeline import import_paths
from medlocal.vault import db, documents
from medlocal.vault.keys import KdfParams, SecretKey
from medlocal.vault.schema import MIGRATIONS
from medlocal.vault.store import Vault

FAST_KDF = KdfParams(memory_kib=8 * 1024, iterations=1, lanes=1)
PASS = "positions passphrase"


@pytest.mark.skipif(not engine_info().available, reason="OCR engine not installed")
def test_ocr_passages_keep_their_line_boxes_in_the_vault(tmp_path: Path) -> None:
    sheet = medication_sheet()
    (tmp_path / "meds.png").write_bytes(png_bytes(scan(sheet.pdf, 150)))
    created, _ = Vault.create(tmp_path / "vault", PASS, kdf_params=FAST_KDF)
    with created as vault:
        patient = vault.add_patient("Scan Patient")
        report = import_paths(
            vault, [tmp_path / "meds.png"], patient, FakeEmbedder(), ocr=OcrOptions()
        )
        assert report.files[0].status == "imported", report.files[0].reason
        document_id = report.files[0].document_id
        assert document_id is not None
    with Vault.open(tmp_path / "vault", PASS) as reopened:
        chunks = reopened.document_chunks(document_id)
    regions = [region for chunk in chunks for region in chunk.regions]
    assert len(regions) == len(sheet.truth.splitlines())  # one box per line of the page
    assert all(region.page == 1 for region in regions)
    tops = [region.top for region in regions]
    assert tops == sorted(tops)  # reading order, top to bottom
    # "Metformin 500 mg twice daily" was drawn 0.5 in from the left of a 5.5 in wide page.
    assert regions[1].left == pytest.approx(0.5 / 5.5, abs=0.02)
    assert all(0 <= r.left < r.right <= 1 and 0 <= r.top < r.bottom <= 1 for r in regions)


def test_a_schema_1_vault_migrates_and_old_passages_have_no_boxes(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = db.connect(path, SecretKey.generate())
    try:
        for statement in db._statements(MIGRATIONS[0]):
            conn.execute(statement)
        conn.execute("PRAGMA user_version = 1")
        conn.execute("INSERT INTO patients (id, name, created_at) VALUES (1, 'P', 'now')")
        conn.execute(
            "INSERT INTO documents (id, patient_id, file_name, file_type, size, sha256, "
            "imported_at, embed_model_id, text, content) "
            "VALUES (1, 1, 'a.txt', 'txt', 1, 'x', 'now', 'm', 'Old text.', x'00')"
        )
        conn.execute(
            "INSERT INTO chunks (document_id, ord, text, page, start_char, end_char, section) "
            "VALUES (1, 0, 'Old text.', NULL, 0, 9, NULL)"
        )
        db.migrate(conn)
        assert db.schema_version(conn) == len(MIGRATIONS) >= 2
        (chunk,) = documents.document_chunks(conn, 1)
        assert chunk.text == "Old text." and chunk.regions == ()
    finally:
        conn.close()
