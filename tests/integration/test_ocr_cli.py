"""Scans through the real command line: a marker that exists only as pixels is found by search
after import and never reaches the disk outside the vault in any form (the OCR engine's logs
and temp files included); and an OCR import in a network namespace, traced with strace, opens
no internet socket."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from fixtures.netless import netless_prefix, socket_calls
from fixtures.scans import image_pdf_bytes, one_line, png_bytes, scan
from test_offline_workflow import _can_unshare
from test_privacy_e2e import _files_under

from medlocal.ingest.ocr.engine import engine_info

pytestmark = pytest.mark.skipif(not engine_info().available, reason="OCR engine not installed")

PIXEL_MARK = "QUORBATIL"  # invented; only ever drawn, never written as text
PASSPHRASE = "pixel marker passphrase"


def scan_disk(
    roots: list[Path], since: float | None = None, skip: Path | None = None
) -> list[tuple[str, str]]:
    """Every (file, form) where the marker appears in a path or in a file's bytes, in UTF-8 or
    UTF-16-LE, as drawn or lower-cased (as a search index might keep it)."""
    needles = {
        word.encode(encoding): f"{word} ({encoding})"
        for word in (PIXEL_MARK, PIXEL_MARK.lower())
        for encoding in ("utf-8", "utf-16-le")
    }
    hits: list[tuple[str, str]] = []
    for root in roots:
        for path in _files_under(root, since):
            if skip is not None and path.is_relative_to(skip):
                continue
            if PIXEL_MARK.lower() in str(path).lower():
                hits.append((str(path), "in the path"))
            try:
                data = path.read_bytes()
            except OSError:
                continue
            hits += [(str(path), label) for needle, label in needles.items() if needle in data]
    return hits


def _cli(env: dict[str, str], prefix: list[str], *argv: str) -> str:
    proc = subprocess.run(
        [*prefix, sys.executable, "-m", "medlocal", "-v", *argv],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, (argv[:2], proc.stderr[-2000:])
    assert PIXEL_MARK not in proc.stderr  # -v logging: no recognised text in the log stream
    return proc.stdout


@pytest.mark.timeout(600)
def test_a_marker_only_in_pixels_is_found_and_stays_in_the_vault(
    tmp_path: Path, medlocal_home: Path
) -> None:
    started = time.time() - 1
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    strip = scan(one_line(f"Started {PIXEL_MARK} 40 mg daily").pdf, 300)
    (inputs / "photo.png").write_bytes(png_bytes(strip))
    (inputs / "fax.pdf").write_bytes(image_pdf_bytes([strip], 300))
    for path in inputs.iterdir():
        assert PIXEL_MARK.encode() not in path.read_bytes()  # pixels only
    child_tmp = tmp_path / "child-tmp"
    child_tmp.mkdir()
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n")
    env = {**os.environ, "MEDLOCAL_HOME": str(medlocal_home), "TMPDIR": str(child_tmp)}
    vault = ("--passphrase-file", str(secret))

    _cli(env, [], "vault", "init", *vault)
    patient = _cli(env, [], "patient", "add", "--name", "Pixel Patient", *vault).split()[-1]
    report = json.loads(
        _cli(env, [], "import", str(inputs), "--patient", patient, "--json", *vault)
    )
    assert report["imported"] == 2, report
    assert {f["ocr_pages"] for f in report["files"]} == {1}
    hits = json.loads(_cli(env, [], "search", PIXEL_MARK, "--patient", patient, "--json", *vault))
    assert any(f"{PIXEL_MARK} 40 mg" in hit["text"] for hit in hits), hits

    system_tmp = Path(tempfile.gettempdir())
    found = scan_disk([medlocal_home, child_tmp]) + scan_disk(
        [system_tmp], since=started, skip=tmp_path
    )
    assert found == []
    # Negative controls: the same scan sees the marker once it is written in the clear, and the
    # vault really holds the text (so the clean result above is the encryption's doing).
    control = child_tmp / "control.txt"
    control.write_text(f"x {PIXEL_MARK.lower()} x", encoding="utf-16-le")
    assert scan_disk([child_tmp]) == [(str(control), f"{PIXEL_MARK.lower()} (utf-16-le)")]


@pytest.mark.skipif(not _can_unshare(), reason="needs `unshare -n` for a network namespace")
@pytest.mark.timeout(600)
def test_an_ocr_import_opens_no_internet_socket(tmp_path: Path, medlocal_home: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    strip = scan(one_line("Furosemide 40 mg each morning").pdf, 150)
    (inputs / "fax.pdf").write_bytes(image_pdf_bytes([strip], 150))
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n")
    env = {**os.environ, "MEDLOCAL_HOME": str(medlocal_home)}
    vault = ("--passphrase-file", str(secret))
    prefix = netless_prefix(tmp_path)
    _cli(env, prefix, "vault", "init", *vault)
    patient = _cli(env, prefix, "patient", "add", "--name", "Offline Scan", *vault).split()[-1]
    report = json.loads(
        _cli(env, prefix, "import", str(inputs), "--patient", patient, "--json", *vault)
    )
    assert report["imported"] == 1 and report["files"][0]["ocr_pages"] == 1, report
    hits = json.loads(
        _cli(env, prefix, "search", "furosemide", "--patient", patient, "--json", *vault)
    )
    assert any("40 mg" in hit["text"] for hit in hits)
    calls = socket_calls(tmp_path)
    assert "AF_INET" not in calls, calls  # covers AF_INET6
