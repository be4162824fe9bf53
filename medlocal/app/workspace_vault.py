"""The workspace's vault: which folder, create, unlock, lock, and the open vault's audit log (a
mixin of :class:`~medlocal.app.workspace.Workspace`; the work is
:class:`~medlocal.app.vault_session.VaultSession`'s, built in the workspace's ``__init__``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from medlocal.app.audit_view import AuditView, audit_view
from medlocal.app.workspace_parts import WorkspaceParts
from medlocal.vault.store import Vault


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

    def add_lock_listener(self, listener: Callable[[str], None]) -> None:
        """``listener(reason)`` runs (on whichever thread locked) whenever the vault locks:
        ``user``, ``idle``, ``closed``..."""
        self._session.add_lock_listener(listener)

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
