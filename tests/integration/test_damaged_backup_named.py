"""Walk 43 D12 (a): restoring a damaged backup said "… in FOLDER is damaged: The backup file
vault.db.000 is damaged …" (a capital after the colon), and ``--verify`` of the same folder did
not name the backup at all. Both now name it, the sentence going on in lower case."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.backup_vault import PASS, make_planted_vault

from medlocal.app.backups import verify_backups
from medlocal.vault.backup import create_backup
from medlocal.vault.manifest import DamagedBackupError
from medlocal.vault.restore import after_colon, restore_backup
from medlocal.vault.store import Vault


def test_after_colon_lowers_a_plain_first_word_only() -> None:
    assert after_colon("The backup file x is damaged") == "the backup file x is damaged"
    assert after_colon("SHA-256 of x differs") == "SHA-256 of x differs"
    assert after_colon("vault.db.000 is short") == "vault.db.000 is short"


def test_restore_and_verify_name_the_damaged_backup(tmp_path: Path) -> None:
    vault = make_planted_vault(tmp_path / "vault", documents=1, chunks=2).folder
    usb = tmp_path / "usb"
    usb.mkdir()
    with Vault.open(vault, PASS) as opened:
        backup = create_backup(opened, PASS, usb).path
    part = next(backup.glob("vault.db.*"))
    data = bytearray(part.read_bytes())
    data[len(data) // 2] ^= 0xFF
    part.write_bytes(bytes(data))
    with pytest.raises(DamagedBackupError) as verified:
        verify_backups(usb, passphrase=PASS)
    with pytest.raises(DamagedBackupError) as restored:
        restore_backup(usb, tmp_path / "restored", passphrase=PASS)
    for err in (verified, restored):
        message = str(err.value)
        assert f"The backup {backup.name}" in message, message
        assert "is damaged: the backup file" in message, message
        assert message.count(backup.name) == 1, message
