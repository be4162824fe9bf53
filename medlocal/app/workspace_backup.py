"""The workspace's backups: write and verify one, restore one into the vault folder, whether
one is due, and the listeners told when either ends (a mixin of
:class:`~medlocal.app.workspace.Workspace`; the work is :mod:`medlocal.app.backups`')."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from medlocal.app import backups
from medlocal.app.workspace_parts import WorkspaceParts
from medlocal.progress import ProgressCallback

# The workspace's log, under the name it had before the workspace was split in modules.
log = logging.getLogger("medlocal.app.workspace")


class WorkspaceBackup(WorkspaceParts):
    """Backup and restore, for :class:`~medlocal.app.workspace.Workspace`."""

    def backup(
        self,
        passphrase: str,
        destination: str | Path | None = None,
        *,
        keep: int | None = None,
        create_folder: bool = False,
        create_parents: bool = False,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> backups.BackupResult:
        """Write, then verify, an encrypted backup of the open vault (passphrase needed: the
        backup's key is wrapped under it, never under the keychain). ``create_folder`` makes
        a missing destination whose parent exists, ``create_parents`` also its missing
        parents (:func:`backups.folder_to_create`: the window asks first). A relative
        destination is refused (:func:`backups.full_path`)."""
        vault = self.require_vault()
        # A full disk is the backup's own line ("Not enough space for the backup in …, or next
        # to the vault; nothing was written"): the space may have run out on either disk.
        result = backups.back_up(
            vault,
            passphrase,
            self.backup_target(destination),
            keep=keep,
            create_folder=create_folder,
            create_parents=create_parents,
            progress=progress,
            cancel=cancel,
        )
        _tell(self._backup_listeners)
        return result

    def add_backup_listener(self, listener: Callable[[], None]) -> None:
        """``listener()`` runs (on the backing-up thread) after a backup was written and
        verified, so a face can drop a "no recent backup" reminder it shows."""
        self._backup_listeners.append(listener)

    def add_restore_listener(
        self, listener: Callable[[backups.RestoreResult | None], None]
    ) -> None:
        """``listener(result)`` runs (on the restoring thread) when a restore that locked this
        vault has ended: its result, or None when it failed, was refused or was cancelled (the
        vault is then as it was). A face that said "restoring" on its lock screen replaces that
        with the outcome, whichever dialog or command started the restore."""
        self._restore_listeners.append(listener)

    def remove_backup_listener(self, listener: Callable[[], None]) -> None:
        """``listener`` no longer told (its window went while the workspace lives on); one not
        added is ignored."""
        with contextlib.suppress(ValueError):
            self._backup_listeners.remove(listener)

    def remove_restore_listener(
        self, listener: Callable[[backups.RestoreResult | None], None]
    ) -> None:
        """As :meth:`remove_backup_listener`, for a restore listener."""
        with contextlib.suppress(ValueError):
            self._restore_listeners.remove(listener)

    def backup_target(self, destination: str | Path | None = None) -> Path:
        """Where a backup goes: ``destination``, else the backup folder setting (UserInputError
        when neither is set, or for a relative path)."""
        return backups.backup_destination(destination, self.settings.backup_folder)

    def backup_due(self) -> bool:
        """Whether the last verified backup is older than the reminder interval (or missing)."""
        vault_id = self._session.open_vault_id()
        return backups.backup_due(self.settings.backup_reminder_days, vault_id)

    def backup_summary(self) -> str:
        vault_id = self._session.open_vault_id()
        return backups.backup_summary(self.settings.backup_reminder_days, vault_id)

    def restore(
        self,
        source: str | Path,
        passphrase: str | None = None,
        *,
        recovery_key: str | None = None,
        new_passphrase: str | None = None,
        replace: bool = False,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> backups.RestoreResult:
        """Restore a backup into this workspace's vault folder. This workspace's own vault is
        locked first (the service refuses a vault open elsewhere, not one open here), but only
        once the backup has been read and checked whole (it opens with what was given, its
        part files match the manifest's sizes and checksums, the joined snapshot passes every
        check): a wrong passphrase or recovery key, a truncated or damaged backup, or a
        backup of another vault, is refused with the vault as it was, still open. The backup is
        read once for both, not once to check and again to restore (session 40: slow for a large
        vault on a USB stick).
        A relative ``source`` is refused: the window's current folder is wherever it was
        started from."""
        source = backups.full_path(source, "The backup to restore")
        # A just-made vault (one that never held a record) may give way to another vault's
        # backup (walk 43 D1): the face asked before calling with ``replace``.
        replaceable = backups.empty_vault_id(self.vault) if replace else None
        open_vault = self.vault
        prepared = backups.prepare_restore(
            source,
            self.vault_folder,
            passphrase=passphrase,
            recovery_key=recovery_key,
            new_passphrase=new_passphrase,
            # A vault there without ``replace``, or a backup of another vault, is refused before
            # the lock (review 41, D3); whether another process has it open is asked after it.
            replace=replace,
            replaceable=replaceable,
            target_open_here=True,
            progress=progress,
            cancel=cancel,
        )
        if prepared.manifest.header.vault_id == replaceable:
            replaceable = None  # this vault's own backup: an ordinary replace, locked first
        result: backups.RestoreResult | None = None

        def last_check() -> None:
            # Review 43, D2: records added while the backup was read (an import finishing, a
            # patient added) are refused here, the vault left open; else it locks in the same
            # hold, so nothing is written between the check and the lock.
            if open_vault is None:
                raise backups.changed_while_read(self.vault_folder, [])
            backups.lock_if_unused(open_vault, self.vault_folder)
            self.lock("restore")  # drops this workspace's reference to the locked vault

        try:
            if replaceable is None:
                self.lock("restore")
        except BaseException:
            prepared.discard()
            raise
        try:
            result = backups.finish_restore(
                prepared,
                replace=replace,
                replaceable=replaceable,
                last_check=last_check,
                progress=progress,
                cancel=cancel,
            )
            if result.remembered is not None and not result.remembered.kept:
                # Both faces show the result's note (the window's outcome, `vault restore`'s
                # keychain line): an unlock here next clears the reason stored for the next
                # start (review 52b F10), as it was said.
                self._session.unremembered_shown()
            return result
        finally:
            prepared.discard()  # already done by an install; a refusal leaves no staging copy
            _tell(self._restore_listeners, result)


def _tell(listeners: Sequence[Callable[..., None]], *args: Any) -> None:
    """Each listener hears the news; one that fails is logged and does not stop the others or
    the task that told them."""
    for listener in list(listeners):
        try:
            listener(*args)
        except Exception:
            log.exception("listener failed")
