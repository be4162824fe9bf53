"""A database page altered on disk is caught by SQLCipher's per-page HMAC and reported as a clear
VaultCorruptedError; nothing is rewritten or "repaired" behind the user's back."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import numpy as np
import pytest

from medlocal.vault.errors import VaultCorruptedError
from medlocal.vault.keyfile import KEY_FILE_NAME
from medlocal.vault.keys import KdfParams
from medlocal.vault.records import ChunkRecord
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)
PASS = "correct horse battery"
PAGE = 4096  # SQLCipher 4 default page size


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "vault"
    vault, _ = Vault.create(folder, PASS, kdf_params=FAST)
    patient = vault.add_patient("Tamper Patient")
    rng = np.random.default_rng(3)
    for d in range(6):
        chunks = [ChunkRecord(f"doc {d} text {c}", 1, c * 20, c * 20 + 15) for c in range(5)]
        vectors = rng.standard_normal((5, 32)).astype(np.float32)
        data = bytes(rng.integers(0, 256, 30_000, dtype=np.uint8))
        vault.add_document(patient, f"d{d}.bin", "txt", data, chunks, vectors, "m")
    vault.lock()
    assert not (folder / "vault.db-wal").exists()  # checkpointed on close: all pages in vault.db
    return folder


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def test_tampered_first_page_refuses_to_open_and_changes_nothing(vault_dir: Path) -> None:
    db = vault_dir / "vault.db"
    _flip(db, 100)
    db_before = db.read_bytes()
    keys_before = json.loads((vault_dir / KEY_FILE_NAME).read_text())
    with pytest.raises(VaultCorruptedError, match="damaged or was altered"):
        Vault.open(vault_dir, PASS)
    assert db.read_bytes() == db_before
    keys_after = json.loads((vault_dir / KEY_FILE_NAME).read_text())
    assert keys_after == keys_before  # not counted as a wrong passphrase either


def test_tampered_data_page_is_reported_not_served(vault_dir: Path) -> None:
    db = vault_dir / "vault.db"
    pages = db.stat().st_size // PAGE
    target = pages // 2
    _flip(db, target * PAGE + 500)
    tampered = db.read_bytes()[target * PAGE : (target + 1) * PAGE]

    errors = 0
    try:
        vault = Vault.open(vault_dir, PASS)
    except VaultCorruptedError:
        errors += 1
    else:
        with vault:
            problems = vault.check_integrity()
            assert any(f"page {target + 1} " in p.lower() or "hmac" in p.lower() for p in problems)
            for document_id in range(1, 7):
                try:
                    vault.document_bytes(document_id)
                    vault.document_chunks(document_id)
                except VaultCorruptedError as err:
                    assert "damaged or was altered" in str(err)
                    errors += 1
    assert errors >= 1
    # The altered page is still there as it was: detected, not silently rewritten.
    assert db.read_bytes()[target * PAGE : (target + 1) * PAGE] == tampered


def test_a_truncated_vault_says_the_next_step(
    vault_dir: Path, tmp_path: Path, medlocal_home: Path
) -> None:
    """Walk 37: a vault.db cut to half said only "The vault database is damaged or was
    altered."; it now says how to restore and names the last verified backup, in the one
    wording `status --check` uses too."""
    from medlocal.vault.backup_state import record_verified
    from medlocal.vault.manifest import Header

    backup = tmp_path / "usb" / "backup-1"
    backup.mkdir(parents=True)
    header = Header("b1", "some-vault", 1, "2026-12-01T10:00:00+00:00")
    record_verified(backup, header)
    db = vault_dir / "vault.db"
    db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])
    with pytest.raises(VaultCorruptedError) as caught:
        vault = Vault.open(vault_dir, PASS)
        try:
            vault.check_integrity()
            vault.list_patients()
        finally:
            vault.lock()
    message = str(caught.value)
    assert message.startswith("The vault database is damaged or was altered. ")
    # Left 49: the command names the vault when it is not the default one.
    restore = (
        f"medlocal vault restore BACKUP_FOLDER --vault {shlex.quote(str(vault_dir))} --replace"
    )
    assert f"Restore it from a backup: {restore}" in message
    assert f"your last verified backup: {backup.resolve()}, made 2026-12-01 10:00 UTC" in message
