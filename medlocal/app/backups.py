"""Backup, verification and restore as both faces use them (the services are in medlocal.vault).

The window locks its own vault around a restore (the service only detects a vault open in
another process) and keeps the idle lock from firing in the middle of a backup."""

from __future__ import annotations

import threading
from pathlib import Path

from medlocal.errors import UserInputError
from medlocal.progress import ProgressCallback
from medlocal.vault.backup import BackupResult, VerifyResult, create_backup, verify_backup
from medlocal.vault.backup_state import backup_due, backup_summary
from medlocal.vault.restore import RestoreResult, restore_backup
from medlocal.vault.store import Vault


def backup_destination(chosen: str | Path | None, setting: str) -> Path:
    """Where to write: what the user chose now, else the backup folder setting."""
    value = str(chosen) if chosen else setting
    if not value:
        raise UserInputError(
            "Choose where to write the backup (a USB drive, a trusted share), or set a backup "
            "folder in Settings."
        )
    return Path(value).expanduser()


def back_up(
    vault: Vault,
    passphrase: str,
    destination: Path,
    *,
    keep: int | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> BackupResult:
    if not vault.check_passphrase(passphrase):
        raise UserInputError("That is not the vault's passphrase: the backup needs it.")
    # An idle lock half-way would leave a published backup without its audit entry.
    vault.touch()
    return create_backup(
        vault, passphrase, destination, keep=keep, progress=progress, cancel=cancel
    )


__all__ = [
    "BackupResult",
    "RestoreResult",
    "VerifyResult",
    "back_up",
    "backup_destination",
    "backup_due",
    "backup_summary",
    "restore_backup",
    "verify_backup",
]
