"""Walk 43 D11: restore and verify pointed at the USB stick's root, the backups being one level
down in "MedLocal backups/", said "No MedLocal backup in …". The one folder holding backups is
now used; with several, the message names them."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.backup_vault import MARKERS, PASS, make_planted_vault

from medlocal.app.backups import verify_backups
from medlocal.vault.backup import create_backup
from medlocal.vault.manifest import BackupRefusedError
from medlocal.vault.restore import restore_backup
from medlocal.vault.store import Vault


def _backed_up(tmp_path: Path, *into: str) -> Path:
    vault = make_planted_vault(tmp_path / "vault", documents=1, chunks=2).folder
    usb = tmp_path / "usb"
    with Vault.open(vault, PASS) as opened:
        for name in into:
            (usb / name).mkdir(parents=True)
            create_backup(opened, PASS, usb / name)
    (usb / "photos").mkdir()  # another folder on the stick, holding no backup
    return usb


def test_the_stick_root_finds_the_backups_one_level_down(tmp_path: Path) -> None:
    usb = _backed_up(tmp_path, "MedLocal backups")
    checks = verify_backups(usb, passphrase=PASS)
    assert [c.ok for c in checks] == [True]
    assert checks[0].folder.parent == usb / "MedLocal backups"
    result = restore_backup(usb, tmp_path / "restored", passphrase=PASS)
    assert result.backup.parent == usb / "MedLocal backups"
    with Vault.open(tmp_path / "restored", PASS) as opened:
        assert [p.name for p in opened.list_patients()] == [MARKERS[1]]


def test_several_folders_of_backups_are_named(tmp_path: Path) -> None:
    usb = _backed_up(tmp_path, "MedLocal backups", "old backups")
    with pytest.raises(BackupRefusedError) as refused:
        restore_backup(usb, tmp_path / "restored", passphrase=PASS)
    message = str(refused.value)
    assert str(usb / "MedLocal backups") in message and str(usb / "old backups") in message
    assert "Name the folder to use" in message
    assert not (tmp_path / "restored").exists()


def test_the_folders_to_choose_from_are_named_escaped(tmp_path: Path) -> None:
    # Review 43 (cosmetic on 1ff5090): a folder name with ESC or U+202E was printed raw.
    usb = _backed_up(tmp_path, "MedLocal backups", "old\x1b[31m\u202ebackups")
    with pytest.raises(BackupRefusedError) as refused:
        restore_backup(usb, tmp_path / "restored", passphrase=PASS)
    message = str(refused.value)
    assert "old\\x1b[31m\\u202ebackups" in message
    assert "\x1b" not in message and "\u202e" not in message
