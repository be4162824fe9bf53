"""The vault a session works with: which folder, creating it, unlocking it in the one order both
faces use, locking it (and telling listeners), and the audit log's record of the models used on
it."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from medlocal import paths
from medlocal.app.passphrase import check_new_passphrase
from medlocal.errors import DiskFullError, MedLocalError, error_notice, free_space_text
from medlocal.fsutil import shown_path
from medlocal.settings import Settings
from medlocal.vault import db
from medlocal.vault.errors import (
    PassphraseRequiredError,
    VaultCorruptedError,
    VaultExistsError,
    VaultLockedError,
    VaultNotFoundError,
)
from medlocal.vault.keys import KdfParams
from medlocal.vault.schema import SCHEMA_VERSION
from medlocal.vault.store import Vault
from medlocal.vault.unlock import (
    VaultFiles,
    in_the_way_message,
    incomplete_message,
    key_file_lost_message,
    unfinished_message,
    unremembered_reason,
)

log = logging.getLogger(__name__)

UNFINISHED_REPLACED = (
    "An earlier creation of this vault was interrupted before its recovery key was shown; that "
    "unfinished vault held nothing and was replaced by this one."
)


def disk_full_reading(full: DiskFullError) -> str:
    """What is said when a vault was unlocked on a full disk (walk 47a D3): reading works,
    saving does not, and the unlock's audit entry is written later, if space is freed before
    the vault locks (review 47 R3: "with the next change" was promised even when none came)."""
    left = free_space_text(full.free_bytes) + (f" at {full.where}" if full.where else "")
    return (
        f"The disk is full ({left}). The vault is open for reading, but nothing new can be "
        "saved until some space is freed. Reading on a full disk may go unrecorded in the audit "
        "log: this unlock is written there once space is freed while the vault is open; if it "
        "locks first, a later unlock notes that a session could not be recorded."
    )


def upgrade_notice(vault: Vault) -> str | None:
    """ "Vault upgraded to format 6; ..." when the open that gave ``vault`` migrated it, else
    None: what a face says once about an open outside a session too (review 44b B6: ``vault
    backup`` opens the vault itself, and upgraded it without a word)."""
    return None if vault.upgraded_from is None else db.upgrade_message(SCHEMA_VERSION)


class VaultSession:
    """The open vault (or none) of one workspace.

    ``settings`` and ``notice`` are called each time they are needed (the workspace's settings
    change, and a window replaces its notice after construction); ``held_models`` lists the
    (role, model) pairs in memory, audited when a vault is unlocked."""

    def __init__(
        self,
        folder: Path | None,
        *,
        kdf_params: KdfParams | None,
        settings: Callable[[], Settings],
        notice: Callable[[str], None],
        held_models: Callable[[], Iterable[tuple[str, Any]]],
    ) -> None:
        self._folder = folder
        self._kdf_params = kdf_params
        self._settings = settings
        self._notice = notice
        # The vault whose upgrade notice was taken: it is said once.
        self._upgrade_told: Vault | None = None
        self._held_models = held_models
        self.vault: Vault | None = None
        self._audited: set[tuple[str, str, str]] = set()
        # A restore's "no longer unlocks without the passphrase" (walk 52b M1) was shown to the
        # person (the start that asked, or the restore's own result): the next unlock clears it.
        self._unremembered_shown = False
        self._lock_listeners: list[Callable[[str], None]] = []

    @property
    def folder(self) -> Path:
        return self._folder or paths.vault_dir()

    def use_folder(self, folder: Path | str) -> None:
        """Work with the vault in ``folder`` (``--vault DIR``); locks one open elsewhere."""
        path = Path(folder).expanduser()
        if self.vault is not None and path != self.folder:
            self.lock("closed")
        if path != self.folder:
            self._unremembered_shown = False
        self._folder = path

    def exists(self) -> bool:
        return Vault.exists(self.folder)

    def remembered(self) -> bool:
        return Vault.is_remembered(self.folder)

    def unremembered(self) -> bool:
        """Whether a restore ended "unlock without the passphrase" here and the next start has
        yet to say why (walk 52b M1)."""
        return unremembered_reason(self.folder) is not None

    def unfinished(self) -> bool:
        """Whether an earlier creation of this vault was interrupted (it holds nothing)."""
        return Vault.is_unfinished(self.folder)

    def create(
        self, passphrase: str, confirmation: str | None = None, *, finish: bool = True
    ) -> str:
        """Create the vault and leave it unlocked; returns the recovery key (show it once).
        ``finish=False``: call :meth:`finish_creation` once the key was shown. A vault whose
        creation was interrupted earlier is made again, and the notice says so."""
        if self.exists():
            raise VaultExistsError(in_the_way_message(self.folder))
        check_new_passphrase(passphrase, confirmation)
        again = self.unfinished()
        vault, recovery_key = Vault.create(
            self.folder, passphrase, kdf_params=self._kdf_params, finish=finish
        )
        if again:
            self._notice(UNFINISHED_REPLACED)
        self._attach(vault)
        return recovery_key

    def set_aside_incomplete(self) -> Path | None:
        """Move an incomplete vault's files (a key file whose database is missing or empty)
        into a hidden folder beside the vault folder, so that a new vault can be made; only
        when the person asked to start over (see VaultFiles.set_aside). Returns that folder;
        None when there was nothing to set aside (no vault, or an unfinished one, which the
        creation replaces anyway). Any other vault is refused."""
        if self.vault is not None and not self.vault.is_locked:
            raise VaultExistsError(f"A vault is open in {shown_path(self.folder)}.")
        files = VaultFiles(self.folder)
        if not files.exists() or files.unfinished():
            return None
        return files.set_aside()

    def finish_creation(self) -> None:
        """The new vault's recovery key was shown: the vault is finished."""
        self.require().finish_creation()

    def unlock(
        self,
        passphrase: str | None = None,
        *,
        recovery_key: str | None = None,
        prompt: Callable[[], str] | None = None,
        idle_lock: bool = False,
        on_busy: Callable[[], None] | None = None,
    ) -> Vault:
        """Unlock in the one order both faces use: a given passphrase (or recovery key), else
        the keychain wrap when this computer remembers the vault, else ``prompt()``."""
        with db.telling_waits(on_busy):
            return self._unlock(passphrase, recovery_key, prompt, idle_lock)

    def _unlock(
        self,
        passphrase: str | None,
        recovery_key: str | None,
        prompt: Callable[[], str] | None,
        idle_lock: bool,
    ) -> Vault:
        folder = self.folder
        if Vault.is_unfinished(folder):
            raise VaultNotFoundError(unfinished_message(folder))
        if VaultFiles(folder).key_file_lost():
            raise VaultCorruptedError(key_file_lost_message(folder))
        if VaultFiles(folder).incomplete():
            raise VaultCorruptedError(incomplete_message(folder))
        if not Vault.exists(folder):
            raise VaultNotFoundError(
                f"No vault in {shown_path(folder)}. Create one with 'medlocal vault init' or the "
                "window, or bring one back from a backup with 'medlocal vault restore "
                "BACKUP_FOLDER'."
            )
        if self.vault is not None and not self.vault.is_locked:
            return self.vault
        vault: Vault | None = None
        if passphrase is not None or recovery_key is not None:
            vault = Vault.open(folder, passphrase=passphrase, recovery_key=recovery_key)
        else:
            why: PassphraseRequiredError | None = None
            if Vault.is_remembered(folder):
                try:
                    vault = Vault.open(folder, use_keychain=True)
                except PassphraseRequiredError as err:
                    why = err
            elif (ended := unremembered_reason(folder)) is not None:
                # A restore could not keep "unlock without the passphrase" (walk 52b M1). Said
                # here (raised for the lock screen, or a notice before the prompt): the next
                # unlock clears it.
                why = PassphraseRequiredError(
                    ended, window=unremembered_reason(folder, window=True)
                )
                self._unremembered_shown = True
            if vault is None:
                if prompt is None:
                    # Walk 52b L1: the reason is the error itself, shown where the passphrase is
                    # asked (the lock screen), not only in a status bar that cuts it off.
                    raise why or PassphraseRequiredError(
                        "The vault passphrase is needed to unlock it."
                    )
                if why is not None:
                    self._notice(error_notice(why))
                vault = Vault.open(folder, passphrase=prompt())
        self._attach(vault, idle_lock=idle_lock)
        if self._unremembered_shown:
            self._clear_shown_reason(vault)
        return vault

    def unremembered_shown(self) -> None:
        """A face showed the restore's "no longer unlocks without the passphrase" (its
        result's note): the next unlock here clears the stored reason."""
        self._unremembered_shown = True

    def _clear_shown_reason(self, vault: Vault) -> None:
        """Only a reason that was shown is cleared (review 52b F10: any unlock cleared it,
        a scripted one too, and the window's next start asked with no reason). A key file
        that cannot be written now says it once more at the next start."""
        self._unremembered_shown = False
        try:
            vault.unremembered_said()
        except (MedLocalError, OSError) as err:
            log.warning("the restore's keychain note stays for the next start (%s)", err)

    def take_upgrade_notice(self) -> str | None:
        """ "Vault upgraded to format 6; ..." once, after the unlock that migrated the open
        vault; None after that, or when it was not migrated (walk 44 D5: the upgrade was silent)."""
        vault = self.vault
        if vault is None or vault.is_locked or vault.upgraded_from is None:
            return None
        if vault is self._upgrade_told:
            return None
        self._upgrade_told = vault
        return upgrade_notice(vault)

    def _attach(self, vault: Vault, *, idle_lock: bool = False) -> None:
        self.vault = vault
        if vault.disk_full is not None:
            self._notice(disk_full_reading(vault.disk_full))
        vault.add_lock_listener(self._vault_locked)
        if idle_lock:
            vault.set_idle_timeout(self._idle_seconds())
        for role, model in self._held_models():
            self.audit_model(role, model)

    def _idle_seconds(self) -> float | None:
        minutes = self._settings().auto_lock_minutes
        return minutes * 60.0 if minutes > 0 else None

    def idle_setting_changed(self) -> None:
        """The auto-lock minutes changed: an open vault counts down from the new value."""
        if self.vault is not None and not self.vault.is_locked:
            self.vault.set_idle_timeout(self._idle_seconds())

    def add_lock_listener(self, listener: Callable[[str], None]) -> None:
        """``listener(reason)`` runs (on whichever thread locked) whenever the vault locks:
        ``user``, ``idle``, ``closed``..."""
        self._lock_listeners.append(listener)

    def remove_lock_listener(self, listener: Callable[[str], None]) -> None:
        """``listener`` no longer told (its window went while the workspace lives on); one
        not added is ignored."""
        with contextlib.suppress(ValueError):
            self._lock_listeners.remove(listener)

    def _vault_locked(self, reason: str) -> None:
        for listener in list(self._lock_listeners):
            try:
                listener(reason)
            except Exception:  # a listener must not stop the others or the lock itself
                log.exception("lock listener failed")

    def lock(self, reason: str = "user") -> None:
        vault, self.vault = self.vault, None
        if vault is not None:
            vault.lock(reason)

    def require(self) -> Vault:
        vault = self.vault
        if vault is None or vault.is_locked:
            raise VaultLockedError("The vault is locked: unlock it first.")
        return vault

    def open_vault_id(self) -> str | None:
        """The vault's id while it is unlocked; None otherwise."""
        vault = self.vault
        return vault.vault_id if vault is not None and not vault.is_locked else None

    def touch(self) -> None:
        """Activity ping from a face: postpones the idle lock."""
        if self.vault is not None and not self.vault.is_locked:
            self.vault.touch()

    def audit_model(self, role: str, model: Any) -> None:
        """The audit log's ``model_load`` event, once per model per unlocked vault."""
        vault = self.vault
        sha = getattr(model, "sha256", None)
        if vault is None or vault.is_locked or not isinstance(sha, str):
            return
        key = (vault.vault_id, role, sha)
        if key in self._audited:
            return
        vault.record_model_load(role, str(getattr(model, "name", "model")), sha)
        self._audited.add(key)
