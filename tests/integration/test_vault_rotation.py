"""rotate-key is crash-safe: a subprocess re-keying a real vault is killed (SIGKILL) at each step
of the protocol and at random moments; afterwards the vault always opens with the passphrase and
with the recovery key, with every committed document intact and the audit chain whole."""

from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path

import numpy as np
import pytest
from fixtures.child_process import run_until_killed

from medlocal.vault.keyfile import KEY_FILE_NAME
from medlocal.vault.keys import KdfParams
from medlocal.vault.records import ChunkRecord
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)
PASS = "correct horse battery"
DOCS, CHUNKS_PER_DOC = 40, 50

CHILD = r"""
import os, signal, sys
from medlocal.vault.store import Vault

folder, stage = sys.argv[1], sys.argv[2]

def hook(reached):
    if reached == stage:
        os.kill(os.getpid(), signal.SIGKILL)

vault = Vault.open(folder, sys.argv[3])
print("READY", flush=True)
vault.rotate_key(sys.argv[3], hook=hook)
vault.lock()
print("DONE", flush=True)
"""


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("rotation") / "vault"
    vault, recovery = Vault.create(folder, PASS, kdf_params=FAST)
    patient = vault.add_patient("Rotation Patient")
    rng = np.random.default_rng(1)
    for d in range(DOCS):
        chunks = [
            ChunkRecord(f"Document {d} passage {c}: lisinopril {d * c} mg.", 1, c * 60, c * 60 + 50)
            for c in range(CHUNKS_PER_DOC)
        ]
        vectors = rng.standard_normal((CHUNKS_PER_DOC, 384)).astype(np.float32)
        vault.add_document(patient, f"doc{d}.txt", "txt", os.urandom(2000), chunks, vectors, "m")
    vault.lock()
    return folder, recovery


def _run_child(folder: Path, stage: str, kill_after: float | None = None) -> tuple[str, float]:
    """Run a rotation in a child; returns its outcome and the seconds it ran after READY."""
    script = folder.parent / "child.py"
    script.write_text(CHILD)
    return run_until_killed(script, [str(folder), stage, PASS], kill_after)


def _check_intact(folder: Path, recovery: str) -> None:
    with Vault.open(folder, PASS) as vault:
        assert len(vault.list_documents()) == DOCS
        hits = vault.search("lisinopril", None, k=3)
        assert hits and "lisinopril" in hits[0].text
        assert vault.check_integrity() == []
        assert vault.audit_verify().ok
    assert "pending" not in json.loads((folder / KEY_FILE_NAME).read_text())
    with Vault.open(folder, recovery_key=recovery) as vault:
        assert len(vault.list_documents()) == DOCS


@pytest.mark.parametrize("stage", ["pending-written", "rekeyed", "committed", "never"])
def test_kill_at_each_rotation_step(template: tuple[Path, str], tmp_path: Path, stage: str) -> None:
    source, recovery = template
    folder = tmp_path / "vault"
    shutil.copytree(source, folder)
    before = json.loads((folder / KEY_FILE_NAME).read_text())["wraps"]["passphrase"]["ct"]
    result, _ = _run_child(folder, stage)
    if stage == "never":
        assert "DONE" in result, result
    else:
        assert "rc=-9" in result, result
    _check_intact(folder, recovery)
    after = json.loads((folder / KEY_FILE_NAME).read_text())["wraps"]["passphrase"]["ct"]
    # Killed before the rekey: old key kept. At or after the rekey: the new key is in force.
    assert (after == before) == (stage == "pending-written")


@pytest.mark.slow
def test_kill_at_random_moments_during_rotation(template: tuple[Path, str], tmp_path: Path) -> None:
    source, recovery = template
    timing = tmp_path / "timing"
    shutil.copytree(source, timing / "vault")
    result, duration = _run_child(timing / "vault", "never")
    assert "DONE" in result
    rng = random.Random(1234)
    killed = attempts = 0
    # At least 8 runs, until 4 kills landed mid-rotation (at most 16 runs): a rotation timed on a
    # busy machine may run faster later (note54: 3 of 8 kills landed at load ~7), so a run that
    # finished before its kill shortens the window the next kills are drawn from.
    while attempts < 16 and (attempts < 8 or killed < 4):
        folder = tmp_path / f"run{attempts}" / "vault"
        shutil.copytree(source, folder)
        result, elapsed = _run_child(folder, "never", kill_after=rng.uniform(0, duration))
        attempts += 1
        if "rc=-9" in result:
            killed += 1
        else:
            duration = min(duration, elapsed)
        _check_intact(folder, recovery)
    assert killed >= 4, f"{killed} of {attempts} kills landed mid-rotation"
