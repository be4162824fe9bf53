"""Promise 2, encrypted at rest: plant unique markers in a patient's name, MRN, a document's text,
file name and bytes, a chat and a saved output, then search every file MedLocal could have written
(MEDLOCAL_HOME, the log folder, and whatever appeared in the system temp folder during the test)
for each marker in UTF-8 and UTF-16-LE and for the raw bytes of a stored embedding. Zero hits while
unlocked, after lock, and after the document is deleted. Real SQLCipher, real chromadb."""

from __future__ import annotations

import os
import tempfile
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pytest

from medlocal import paths
from medlocal.vault.keys import KdfParams
from medlocal.vault.records import ChunkRecord
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)
PASS = "correct horse battery"
MAX_SCAN_BYTES = 512 * 1024 * 1024


def _files_to_scan(home: Path, since: float) -> Iterable[Path]:
    roots = [home, paths.log_dir()]
    for root in roots:
        for dirpath, _, names in os.walk(root):
            for name in names:
                yield Path(dirpath) / name
    # The shared temp folder holds other programs' files too: look at what appeared or changed
    # while this test ran.
    for dirpath, _, names in os.walk(tempfile.gettempdir()):
        for name in names:
            path = Path(dirpath) / name
            try:
                if path.is_file() and path.stat().st_mtime >= since:
                    yield path
            except OSError:
                continue


def _scan(home: Path, since: float, needles: dict[str, bytes]) -> list[str]:
    found = []
    seen: set[Path] = set()
    for path in _files_to_scan(home, since):
        if path in seen:
            continue
        seen.add(path)
        try:
            if not path.is_file() or path.stat().st_size > MAX_SCAN_BYTES:
                continue
            data = path.read_bytes()
        except OSError:
            continue
        found += [f"{label} in {path}" for label, needle in needles.items() if needle in data]
    return found


def test_planted_markers_never_reach_the_disk_in_plaintext(
    medlocal_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    started = time.time() - 2
    tag = uuid.uuid4().hex[:12].upper()
    markers = {
        "name": f"Zebulon{tag}Name",
        "mrn": f"MRN{tag}77",
        "text": f"Kryptonite{tag}Dose",
        "file": f"Letter{tag}File",
        "bytes": f"RawBytes{tag}Only",
        "chat": f"Chat{tag}Question",
        "output": f"Summary{tag}Body",
    }
    rng = np.random.default_rng(7)
    vectors = rng.standard_normal((3, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    needles: dict[str, bytes] = {}
    for label, marker in markers.items():
        needles[f"{label}/utf-8"] = marker.encode("utf-8")
        needles[f"{label}/utf-16-le"] = marker.encode("utf-16-le")
    for i in range(3):
        needles[f"embedding {i}"] = vectors[i, 100:116].tobytes()

    vault, _ = Vault.create(None, PASS, kdf_params=FAST)
    patient = vault.add_patient(markers["name"], mrn=markers["mrn"], dob="1970-01-01")
    texts = [
        f"Started {markers['text']} 10 mg daily for pain.",
        "Blood pressure stable at follow up.",
        f"Continue {markers['text']} and review in clinic.",
    ]
    chunks = []
    offset = 0
    for text in texts:
        chunks.append(ChunkRecord(text, 1, offset, offset + len(text), section="Plan"))
        offset += len(text) + 1
    data = ("\n".join(texts) + markers["bytes"]).encode("utf-8")
    doc = vault.add_document(
        patient, f"{markers['file']}.txt", "txt", data, chunks, vectors, "model-x", "clinic"
    )
    hits = vault.search(markers["text"], vectors[0], patient_id=patient)
    assert hits and hits[0].document_id == doc
    chat = vault.create_chat(patient)
    vault.add_chat_message(chat, "user", markers["chat"])
    vault.save_output(patient, "summary", "Summary", markers["output"], {"m": 1}, [])

    assert _scan(medlocal_home, started, needles) == [], "plaintext while unlocked"
    vault.lock()
    assert _scan(medlocal_home, started, needles) == [], "plaintext after lock"

    with Vault.open(None, PASS) as reopened:
        reopened.delete_document(doc)
        reopened.remove_patient(patient)
        assert reopened.search(markers["text"], vectors[0]) == []
        assert _scan(medlocal_home, started, needles) == [], "plaintext after delete (unlocked)"
    assert _scan(medlocal_home, started, needles) == [], "plaintext after delete and lock"
    # The scan really looks at the vault's files.
    scanned = {p.name for p in _files_to_scan(medlocal_home, started)}
    assert {"vault.db", "vault.keys.json"} <= scanned


def test_the_scan_does_find_plaintext(medlocal_home: Path) -> None:
    """Negative control: a marker written in the clear (UTF-16 here) is found."""
    started = time.time() - 2
    marker = f"Control{uuid.uuid4().hex}"
    log = paths.log_dir() / "medlocal.log"
    log.write_bytes(marker.encode("utf-16-le"))
    needles = {"control/utf-16-le": marker.encode("utf-16-le")}
    assert _scan(medlocal_home, started, needles) == [f"control/utf-16-le in {log}"]
