"""The workspace's vault: which folder, create, unlock, lock, and the open vault's audit log (a
mixin of :class:`~medlocal.app.workspace.Workspace`; the work is
:class:`~medlocal.app.vault_session.VaultSession`'s, built in the workspace's ``__init__``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from medlocal.app.audit_view import AuditView, audit_view
from medlocal.app.passphrase import check_new_passphrase
from medlocal.app.workspace_parts import WorkspaceParts
from medlocal.vault.errors import WrongPassphraseError
from medlocal.vault.store import Vault

PASSPHRASE_CHANGED = "Passphrase changed. The recovery key is unchanged."
WRONG_CURRENT_PASSPHRASE = "Wrong passphrase; the passphrase was not changed."


class WorkspaceVault(WorkspaceParts):
    """The vault's lifetime, for :class:`~medlocal.app.workspace.Workspace`."""

    @property
    def vault(self) -> Vault | None:
        """The open vault, if any (locked when it idled out or was locked elsewhere)."""
        return self._session.vault

    @property
    def vault_folder(self) -> Path:
        return self._session.folder

    def use_vault_folder(self, folder: Path | str) -> None:
        """Work with the vault in ``folder`` (``--vault DIR``); locks one open elsewhere."""
        self._session.use_folder(folder)

    def vault_exists(self) -> bool:
        return self._session.exists()

    def vault_remembered(self) -> bool:
        return self._session.remembered()

    def vault_unremembered(self) -> bool:
        """Whether a restore ended "unlock without the passphrase" here, not yet said."""
        return self._session.unremembered()

    def create_vault(
        self, passphrase: str, confirmation: str | None = None, *, finish: bool = True
    ) -> str:
        """Create the vault and leave it unlocked; returns the recovery key (show it once).
        The faces pass ``finish=False`` and call :meth:`finish_vault_creation` once the key was
        shown: a crash before that leaves a vault the next creation replaces (walk 47a D1)."""
        return self._session.create(passphrase, confirmation, finish=finish)

    def set_aside_incomplete_vault(self) -> Path | None:
        """Start over where a vault's key file has no database (asked for explicitly: it may be
        a finished vault whose database was moved): its files go into a hidden folder beside
        the vault folder, never deleted; returns that folder (None: nothing to set aside)."""
        return self._session.set_aside_incomplete()

    def finish_vault_creation(self) -> None:
        self._session.finish_creation()

    def vault_unfinished(self) -> bool:
        """Whether an earlier creation of the vault was interrupted (it holds nothing)."""
        return self._session.unfinished()

    def unlock(
        self,
        passphrase: str | None = None,
        *,
        recovery_key: str | None = None,
        prompt: Callable[[], str] | None = None,
        idle_lock: bool = False,
        on_busy: Callable[[], None] | None = None,
    ) -> Vault:
        """Unlock the vault (``VaultSession.unlock`` says in which order it tries).
        ``on_busy()`` runs (on this thread) when another process's write holds the unlock up:
        it waits up to ``db.BUSY_WAIT_S`` for it, then says the vault is busy."""
        return self._session.unlock(
            passphrase,
            recovery_key=recovery_key,
            prompt=prompt,
            idle_lock=idle_lock,
            on_busy=on_busy,
        )

    def opened_with_recovery_key(self) -> bool:
        """Whether the open vault was unlocked with the recovery key (its passphrase forgotten,
        most likely: the window then offers to set a new one)."""
        vault = self.vault
        return vault is not None and vault.unlocked_with == "recovery"

    def passphrase_change_needs_current(self) -> bool:
        """Whether changing the passphrase needs the current one typed: not when the vault was
        just opened with it or with the recovery key (a forgotten passphrase is replaced that
        way); yes when the keychain opened it, so that someone at an unlocked computer cannot
        lock the owner out."""
        return self.require_vault().unlocked_with == "keychain"

    def check_current_passphrase(self, current: str) -> None:
        """A :class:`WrongPassphraseError` unless ``current`` opens the vault (one Argon2id
        derivation: call it off the GUI thread)."""
        if not self.require_vault().check_passphrase(current):
            raise WrongPassphraseError(WRONG_CURRENT_PASSPHRASE)

    def change_passphrase(
        self, new: str, confirmation: str | None = None, *, current: str | None = None
    ) -> None:
        """Give the open vault a new passphrase (its key is re-wrapped; the database, the
        recovery key and a keychain's wrap, which holds the same key, are unchanged). The new
        one passes the rules a new vault's does; ``current``, when given, must open the vault,
        and it must be given when :meth:`passphrase_change_needs_current`. Both faces use this:
        ``vault passwd`` and the window's *Change passphrase…*."""
        if current is not None or self.passphrase_change_needs_current():
            self.check_current_passphrase(current or "")
        self.require_vault().change_passphrase(check_new_passphrase(new, confirmation))

    def add_lock_listener(self, listener: Callable[[str], None]) -> None:
        """``listener(reason)`` runs (on whichever thread locked) whenever the vault locks:
        ``user``, ``idle``, ``closed``..."""
        self._session.add_lock_listener(listener)

    def remove_lock_listener(self, listener: Callable[[str], None]) -> None:
        self._session.remove_lock_listener(listener)

    def lock(self, reason: str = "user") -> None:
        self._session.lock(reason)

    def require_vault(self) -> Vault:
        return self._session.require()

    def take_upgrade_notice(self) -> str | None:
        """The one-time "Vault upgraded to format N; older MedLocal versions cannot open it;
        ..." after the unlock that migrated the vault; None otherwise (walk 44 D5)."""
        return self._session.take_upgrade_notice()

    def touch(self) -> None:
        """Activity ping from a face: postpones the idle lock."""
        self._session.touch()

    def audit_view(self, limit: int | None = None, *, sessions: bool = False) -> AuditView:
        """The open vault's audit log as both faces list it (see :func:`audit_view`)."""
        return audit_view(self.require_vault(), limit, sessions=sessions)
