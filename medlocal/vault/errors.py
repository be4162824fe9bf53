"""Vault failures a person can act on. Messages never contain patient text."""

from __future__ import annotations

from medlocal.errors import MedLocalError, UserInputError


class VaultError(MedLocalError):
    """Base class for vault failures."""


class VaultNotFoundError(UserInputError):
    """There is no vault in the given folder."""


class VaultExistsError(UserInputError):
    """A vault already exists where a new one was to be created."""


class WrongPassphraseError(UserInputError):
    """The passphrase or recovery key does not unwrap the data key."""


class PassphraseRequiredError(UserInputError):
    """No usable secret was given (the keychain wrap was missing, refused or failed)."""


class UnlockThrottledError(UserInputError):
    """Too many failed attempts: the caller must wait before trying again."""

    def __init__(self, retry_after: float) -> None:
        self.retry_after = retry_after
        super().__init__(
            f"Too many failed unlock attempts; try again in {max(1, round(retry_after))} s."
        )


class KeyFileError(VaultError):
    """The key file is missing, unreadable or has been altered."""


class VaultCorruptedError(VaultError):
    """The encrypted database failed its integrity checks (altered or damaged pages)."""


class VaultLockedError(VaultError):
    """An operation was attempted on a locked vault."""


class KeychainUnavailableError(VaultError):
    """The OS keychain is missing, refused (plaintext/fail backends) or did not answer."""


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
