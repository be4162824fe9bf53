"""Session 40 left: the window's restore read the backup twice, once to check its part files
before locking the vault (walk 40, C2) and again to restore it; slow for a large vault on a USB
stick. It now reads each part once, still checks everything before it locks (sizes, checksums,
and the joined snapshot's integrity), and a refused backup leaves no staging folder behind."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.ingest_files import FakeEmbedder

from medlocal.app import Workspace
from medlocal.vault import backup_files
from medlocal.vault.keys import KdfParams
from medlocal.vault.manifest import DamagedBackupError
from medlocal.vault.restore import leftover_folders, prepare_restore, restore_backup

PASS = "correct horse battery"
FAST_KDF = KdfParams(8 * 1024, 1, 1)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace(
        tmp_path / "vault", kdf_params=FAST_KDF, embedder_loader=lambda m: FakeEmbedder()
    )
    ws.create_vault(PASS, PASS)
    ws.require_vault().add_patient("Before Backup")
    yield ws
    ws.close()


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Bytes read from each part file of the backup, by file name."""
    counted: Counter[str] = Counter()
    real = backup_files._Copier.blocks

    def blocks(
        self: backup_files._Copier, source: Path, start: int, length: int
    ) -> Iterator[bytes]:
        for block in real(self, source, start, length):
            if source.name.startswith("vault.db."):
                counted[source.name] += len(block)
            yield block

    monkeypatch.setattr(backup_files._Copier, "blocks", blocks)
    return counted


def _backup(workspace: Workspace, usb: Path) -> list[Path]:
    workspace.backup(PASS, usb, create_folder=True)
    workspace.require_vault().add_patient("After Backup")
    return sorted(usb.glob("*/vault.db.*"))


def test_the_windows_restore_reads_the_backup_once(
    workspace: Workspace, tmp_path: Path, reads: Counter[str]
) -> None:
    parts = _backup(workspace, tmp_path / "usb")
    reads.clear()
    workspace.restore(tmp_path / "usb", PASS, replace=True)
    assert dict(reads) == {p.name: p.stat().st_size for p in parts}
    workspace.unlock(PASS)
    names = [p.name for p in workspace.require_vault().list_patients()]
    assert names == ["Before Backup"]
    assert leftover_folders(workspace.vault_folder) == []


def test_a_damaged_backup_is_refused_before_the_lock_and_leaves_nothing(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parts = _backup(workspace, tmp_path / "usb")
    data = bytearray(parts[0].read_bytes())
    data[len(data) // 2 : len(data) // 2 + 64] = bytes(64)  # same size: only the checksum tells
    parts[0].write_bytes(bytes(data))
    locks: list[str] = []
    monkeypatch.setattr(workspace, "lock", locks.append)
    with pytest.raises(DamagedBackupError, match="its checksum does not match the manifest"):
        workspace.restore(tmp_path / "usb", PASS, replace=True)
    assert locks == []
    assert not workspace.require_vault().is_locked
    assert leftover_folders(workspace.vault_folder) == []


def test_the_command_lines_restore_still_reads_once_and_refuses_a_used_folder_first(
    workspace: Workspace, tmp_path: Path, reads: Counter[str]
) -> None:
    parts = _backup(workspace, tmp_path / "usb")
    reads.clear()
    restore_backup(tmp_path / "usb", tmp_path / "restored", passphrase=PASS)
    assert dict(reads) == {p.name: p.stat().st_size for p in parts}
    reads.clear()
    with pytest.raises(Exception, match="already exists"):
        restore_backup(tmp_path / "usb", tmp_path / "restored", passphrase=PASS)
    assert not reads  # refused before a byte of the backup was read
    prepared = prepare_restore(tmp_path / "usb", tmp_path / "other", passphrase=PASS)
    assert prepared.staging.is_dir()
    prepared.discard()
    assert not prepared.staging.exists()
