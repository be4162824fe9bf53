"""The OCR settings reach an import through the workspace: ``ocr = off`` refuses scans with the
setting named, ``ocr_max_pages`` caps pages per file, bad values are refused; and OCR's per-page
progress arrives on the workspace's one progress callback."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.ingest_files import FakeEmbedder
from fixtures.scans import one_line, png_bytes, scan, tiff_bytes

from medlocal.app import Workspace
from medlocal.errors import UserInputError
from medlocal.ingest.ocr.engine import engine_info
from medlocal.progress import Progress
from medlocal.settings import load_settings
from medlocal.vault.keys import KdfParams

PASS = "correct horse battery"


def _workspace(tmp_path: Path) -> Workspace:
    ws = Workspace(
        tmp_path / "vault",
        kdf_params=KdfParams(8 * 1024, 1, 1),
        embedder_loader=lambda model: FakeEmbedder(),  # type: ignore[arg-type,return-value]
    )
    ws.create_vault(PASS)
    return ws


def test_ocr_settings_are_declared_and_checked(tmp_path: Path) -> None:
    ws = Workspace(tmp_path / "vault")
    assert (ws.settings.ocr, ws.settings.ocr_max_pages) == ("on", 200)
    ws.update_settings(ocr="off", ocr_max_pages="3")
    assert (load_settings().ocr, load_settings().ocr_max_pages) == ("off", 3)
    with pytest.raises(UserInputError, match="one of: on, off"):
        ws.update_settings(ocr="maybe")
    with pytest.raises(UserInputError, match="at least 1"):
        ws.update_settings(ocr_max_pages="0")


def test_ocr_off_and_the_page_cap_come_from_the_settings(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    patient = ws.require_vault().add_patient("P")
    pages = [scan(one_line(f"Page {n}").pdf, 100) for n in range(3)]
    (tmp_path / "three.tif").write_bytes(tiff_bytes(pages))
    ws.update_settings(ocr_max_pages="2")
    (capped,) = ws.import_documents([tmp_path / "three.tif"], patient).files
    assert capped.status == "failed" and "over the limit of 2 pages per file" in (
        capped.reason or ""
    )
    ws.update_settings(ocr="off")
    (off,) = ws.import_documents([tmp_path / "three.tif"], patient).files
    assert off.status == "failed" and "turned off (setting ocr = off)" in (off.reason or "")
    ws.close()


@pytest.mark.skipif(not engine_info().available, reason="OCR engine not installed")
def test_page_progress_arrives_on_the_workspace_callback(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    patient = ws.require_vault().add_patient("P")
    (tmp_path / "note.png").write_bytes(png_bytes(scan(one_line("Digoxin 125 mcg").pdf, 150)))
    seen: list[Progress] = []
    report = ws.import_documents([tmp_path / "note.png"], patient, progress=seen.append)
    assert report.files[0].status == "imported", report.files[0].reason
    assert [(p.stage, p.done, p.total) for p in seen if p.unit == "pages"] == [
        ("ocr", 0, 1),
        ("ocr", 1, 1),
    ]
    assert seen[-1].unit == "files" and seen[-1].done == 1
    ws.close()
