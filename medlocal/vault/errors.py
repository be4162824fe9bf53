"""Vault failures a person can act on. Messages never contain patient text."""

from __future__ import annotations

import math

from medlocal.errors import MedLocalError, UserInputError


class VaultError(MedLocalError):
    """Base class for vault failures."""


class VaultBusyError(VaultError):
    """Another process (a command-line import, say) held the vault's write lock for longer than
    the wait (db.BUSY_WAIT_S)."""

    def __init__(self) -> None:
        super().__init__(
            "The vault is busy with another MedLocal process — an import from the command "
            "line? Try again when it finishes."
        )


class VaultNotFoundError(UserInputError):
    """There is no vault in the given folder."""


class VaultExistsError(UserInputError):
    """A vault already exists where a new one was to be created."""


def wait_text(seconds: float) -> str:
    """The back-off said as a person reads it (rounded up: "wait 0 s" would invite a refusal)."""
    return f"Wait {max(1, math.ceil(seconds))} s before the next try."


class WrongPassphraseError(UserInputError):
    """The passphrase or recovery key does not unwrap the data key. ``retry_after`` is the
    back-off this failure started (0 while tries are free): the message already says it, so
    the next refusal is no surprise. ``reason`` is the message without the wait."""

    def __init__(self, message: str = "", retry_after: float = 0.0) -> None:
        self.reason = message
        self.retry_after = retry_after
        super().__init__(f"{message} {wait_text(retry_after)}" if retry_after > 0 else message)


class PassphraseRequiredError(UserInputError):
    """No usable secret was given (the keychain wrap was missing, refused or failed)."""


class UnlockThrottledError(UserInputError):
    """Failed attempts since the vault was last opened: the caller must wait before trying
    again. The count survives restarts (it is in the key file), so the message says how many
    and since when, never "too many" of a session that had one (walk g1 #3)."""

    def __init__(self, retry_after: float, failures: int = 0) -> None:
        self.retry_after = retry_after
        self.failures = failures
        self.reason = (
            f"{failures} unlock attempts have failed since the vault was last opened."
            if failures
            else "Earlier unlock attempts failed."
        )
        # Walk 25: the right passphrase typed during the wait is refused too; say that it was
        # not checked, so it is not taken for wrong.
        super().__init__(f"{self.reason} This try was not checked. {wait_text(retry_after)}")


class KeyFileError(VaultError):
    """The key file is missing, unreadable or has been altered."""


class KeysChangedElsewhereError(UserInputError):
    """The key file on disk is no longer the one this process unlocked with: another MedLocal
    window or command changed the passphrase or the vault's key meanwhile. Writing from the old
    copy would undo that change (walk 49a D1: a leaked passphrase, changed, came back)."""

    def __init__(self) -> None:
        super().__init__(
            "The vault's passphrase or key was changed by another MedLocal window or command "
            "after the vault was unlocked here, so nothing was changed (it would have undone "
            "that change). Lock the vault, unlock it with the current passphrase and try again."
        )


class VaultCorruptedError(VaultError):
    """The encrypted database failed its integrity checks (altered or damaged pages)."""


class VaultLockedError(VaultError):
    """An operation was attempted on a locked vault."""


class KeychainUnavailableError(VaultError):
    """The OS keychain is missing, refused (plaintext/fail backends) or did not answer."""


class KeychainNotRunningError(KeychainUnavailableError):
    """No OS keychain runs for this account (keyring found only its "fail" fallback): an entry
    made in a desktop session is still there for the next start that has one."""


class KeychainLockedError(KeychainUnavailableError):
    """The OS keychain answered that it is locked (a login keyring not unlocked at sign-in):
    its entry is still there, and unlocking the keyring, not remembering again, is the fix."""


class DuplicateDocumentError(UserInputError):
    """The same file (same sha256) is already in this patient's records."""

    def __init__(self, existing_id: int) -> None:
        self.existing_id = existing_id
        super().__init__(f"Already imported for this patient (document {existing_id}).")


class NotFoundError(UserInputError):
    """A patient, document, chat or output id does not exist."""


class AuditChainError(VaultError):
    """The audit log's HMAC chain is broken (a row was edited, deleted or reordered)."""


class VaultInUseError(UserInputError):
    """Another process has the vault open, and the operation cannot run alongside it."""


class VaultFolderError(UserInputError):
    """The vault's folder cannot be created or written where it was asked for."""
