"""A vault folder that cannot be created (init or restore) is a one-line error, not an internal
error (PermissionError, FileNotFoundError, NotADirectoryError, FileExistsError crash reports)."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlocal.vault.backup import create_backup
from medlocal.vault.errors import VaultFolderError
from medlocal.vault.keys import KdfParams
from medlocal.vault.manifest import BackupRefusedError
from medlocal.vault.restore import restore_backup
from medlocal.vault.store import Vault

PASS = "correct horse battery"
FAST = KdfParams(1024, 1, 1)


def test_vault_folder_under_a_file_is_refused_clearly(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(VaultFolderError, match=r"not-a-folder is a file, not a folder"):
        Vault.create(blocker / "vault", PASS, kdf_params=FAST)


def test_restore_under_a_file_is_refused_clearly(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "vault", PASS, kdf_params=FAST)
    usb = tmp_path / "usb"
    usb.mkdir()
    backup = create_backup(vault, PASS, usb).path
    vault.lock()
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(BackupRefusedError, match=r"Cannot restore into .*: .* is a file"):
        restore_backup(backup, blocker / "restored", passphrase=PASS)
