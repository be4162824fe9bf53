"""Planted markers through the real command line: no patient name, MRN, file name, document text
or search query may reach any file outside the encrypted vault — logs, indexes, caches, temp
files — in UTF-8 or UTF-16-LE.

Each stage runs ``medlocal -v`` in its own process, as a user would (debug logging on, so every
log call is exercised), with the default embedding model that ``import`` loads by itself.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

import pytest
from fixtures.ingest_files import make_docx, make_pdf

# Invented words that occur nowhere else: any hit is a leak.
NAME = "Quillon Vexmarrow"
MRN = "QX93817ZV"
FILE_MARK = "Brambleduff"  # in every imported file's name
TEXT_MARK = "Zanthoprex"  # in every imported file's content
QUERY_MARK = "Ombrevatil"  # only in the search query
MARKERS = (NAME, MRN, FILE_MARK, TEXT_MARK, QUERY_MARK)
PASSPHRASE = "planted marker passphrase"


def _needles() -> dict[bytes, str]:
    return {
        marker.encode(encoding): f"{marker} ({encoding})"
        for marker in MARKERS
        for encoding in ("utf-8", "utf-16-le")
    }


def _files_under(root: Path, since: float | None = None) -> Iterable[Path]:
    for folder, dirs, files in os.walk(root, onerror=lambda _err: None):
        dirs.sort()
        for name in files:
            path = Path(folder) / name
            try:
                if path.is_symlink() or not path.is_file():
                    continue
                if since is not None and path.stat().st_mtime < since:
                    continue
            except OSError:
                continue
            yield path


def scan(
    roots: Iterable[Path], *, since: float | None = None, skip: Path | None = None
) -> list[tuple[str, str]]:
    """Every (file, marker) where a marker appears in a file's path or its bytes."""
    hits: list[tuple[str, str]] = []
    needles = _needles()
    for root in roots:
        for path in _files_under(root, since):
            if skip is not None and path.is_relative_to(skip):
                continue
            for marker in MARKERS:
                if marker in str(path):
                    hits.append((str(path), f"{marker} (in the path)"))
            try:
                data = path.read_bytes()
            except OSError:
                continue  # another process's file, gone or not ours to read
            hits += [(str(path), label) for needle, label in needles.items() if needle in data]
    return hits


def _fhir_bundle() -> bytes:
    note = base64.b64encode(f"Nurse note: {TEXT_MARK} given at 08:00.".encode()).decode()
    family, given = NAME.split()[1], NAME.split()[0]
    resources = [
        {
            "resourceType": "Patient",
            "id": "p1",
            "name": [{"given": [given], "family": family}],
            "identifier": [{"type": {"text": "MRN"}, "value": MRN}],
        },
        {
            "resourceType": "Observation",
            "id": "o1",
            "code": {"text": f"{TEXT_MARK} level"},
            "valueQuantity": {"value": 3.1, "unit": "mg/L"},
        },
        {
            "resourceType": "DocumentReference",
            "id": "d1",
            "content": [{"attachment": {"contentType": "text/plain", "data": note}}],
        },
    ]
    bundle = {"resourceType": "Bundle", "entry": [{"resource": r} for r in resources]}
    return json.dumps(bundle).encode()


def _write_inputs(folder: Path) -> list[Path]:
    folder.mkdir()
    sentence = f"{NAME} (MRN {MRN}) started {TEXT_MARK} 40 mg daily for hypertension."
    files = {
        f"{FILE_MARK}-letter.txt": sentence.encode(),
        f"{FILE_MARK}-report.pdf": make_pdf([sentence, f"Review {TEXT_MARK} in two weeks."]),
        f"{FILE_MARK}-summary.docx": make_docx([("h1", f"{NAME} summary"), ("p", sentence)]),
        f"{FILE_MARK}-record.json": _fhir_bundle(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return [folder / name for name in files]


@pytest.mark.timeout(300)
def test_no_marker_leaves_the_vault_through_the_real_cli(
    tmp_path: Path, medlocal_home: Path
) -> None:
    started = time.time() - 1  # mtime granularity
    inputs_dir = tmp_path / "inputs"
    inputs = _write_inputs(inputs_dir)
    child_tmp = tmp_path / "child-tmp"
    child_tmp.mkdir()
    pass_file = tmp_path / "pass.txt"
    pass_file.write_text(PASSPHRASE + "\n")
    env = {**os.environ, "MEDLOCAL_HOME": str(medlocal_home), "TMPDIR": str(child_tmp)}
    pf = ("--passphrase-file", str(pass_file))
    system_tmp = Path(tempfile.gettempdir())

    def run(*argv: str) -> str:
        proc = subprocess.run(
            [sys.executable, "-m", "medlocal", "-v", *argv],
            capture_output=True,
            text=True,
            env=env,
            timeout=180,
        )
        assert proc.returncode == 0, (argv[:2], proc.stderr[-2000:])
        return proc.stdout

    def assert_no_leak(stage: str) -> None:
        # This test's own folders in full; the rest of the temp folder (where the planted input
        # files live, under tmp_path) for files that changed while the test ran.
        hits = scan([medlocal_home, child_tmp]) + scan([system_tmp], since=started, skip=tmp_path)
        assert hits == [], f"after {stage}: {hits}"

    # Control: the scanner does find a marker written in the clear, in either encoding.
    control = medlocal_home / "control.bin"
    medlocal_home.mkdir(parents=True, exist_ok=True)
    control.write_bytes(b"..." + QUERY_MARK.encode("utf-16-le") + b"...")
    assert scan([medlocal_home]) == [(str(control), f"{QUERY_MARK} (utf-16-le)")]
    control.write_bytes(MRN.encode())
    assert scan([medlocal_home]) == [(str(control), f"{MRN} (utf-8)")]
    control.unlink()
    assert scan([inputs_dir]) != []  # and the inputs, outside the scanned areas, are full of them

    run("vault", "init", *pf)
    assert_no_leak("vault init")

    patient_id = int(run("patient", "add", "--name", NAME, "--mrn", MRN, *pf).split()[-1])
    assert_no_leak("patient add")

    report = json.loads(
        run("import", *map(str, inputs), "--patient", str(patient_id), "--json", *pf)
    )
    assert report["imported"] == len(inputs), report
    assert_no_leak("import")

    hits = json.loads(
        run("search", f"{TEXT_MARK} {QUERY_MARK}", "--patient", str(patient_id), "--json", *pf)
    )
    assert hits and any(TEXT_MARK in hit["text"] for hit in hits)
    assert_no_leak("search")

    run("delete", str(report["files"][0]["document_id"]), *pf)
    assert_no_leak("delete")
    assert (medlocal_home / "logs" / "medlocal.log").stat().st_size > 0  # -v logging did run
