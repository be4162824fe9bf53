"""Walk 43 D12 (b): a backup to a 30 MB stick wrote for 4.8 s and then said "Not enough space for
the backup in DEST (or next to the vault)". Before writing anything it now compares the vault's
pages in use with the free space where the snapshot and the backup go, and says which side is
short and by how much; a backup that fits is written as before."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from fixtures.backup_vault import PASS, make_planted_vault

from medlocal.vault import backup_files
from medlocal.vault.backup import create_backup
from medlocal.vault.manifest import BackupError
from medlocal.vault.store import Vault


def test_too_little_room_is_said_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = make_planted_vault(tmp_path / "vault", documents=2, chunks=4).folder
    usb = tmp_path / "usb"
    usb.mkdir()
    used = (vault / "vault.db").stat().st_size
    # One disk (tmp_path): room for the snapshot, not for the snapshot and the backup.
    monkeypatch.setattr(backup_files, "free_bytes", lambda _folder: int(used * 1.2))
    with Vault.open(vault, PASS) as opened, pytest.raises(BackupError) as refused:
        create_backup(opened, PASS, usb)
    message = str(refused.value)
    assert "on one disk" in message and "about" in message, message
    assert "is free" in message and "Nothing was written" in message, message
    assert list(usb.iterdir()) == []
    assert not list(vault.glob("*.snapshot"))
    monkeypatch.setattr(backup_files, "free_bytes", lambda _folder: used * 3)
    with Vault.open(vault, PASS) as opened:
        assert create_backup(opened, PASS, usb).path.parent == usb


def test_another_drive_too_small_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vault = make_planted_vault(tmp_path / "vault", documents=2, chunks=4).folder
    usb = tmp_path / "usb"
    usb.mkdir()

    def free(folder: Path) -> int:
        return 1000 if folder == usb else 10**12

    monkeypatch.setattr(backup_files, "free_bytes", free)
    real_stat = os.stat

    def stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        found = real_stat(path, *args, **kwargs)
        if isinstance(path, str | Path) and Path(path) == usb:  # another device: a USB stick
            fields = list(found)
            fields[2] = found.st_dev + 1
            return os.stat_result(fields)
        return found

    monkeypatch.setattr(os, "stat", stat)
    with Vault.open(vault, PASS) as opened, pytest.raises(BackupError) as refused:
        create_backup(opened, PASS, usb)
    message = str(refused.value)
    assert f"Not enough space for the backup in {usb}: it needs about" in message, message
    assert "0.0 MB is free there" in message, message
